"""Deadline benchmark: reading a long chat reply, as the worker does for every reply.

    .venv/bin/python -m bench.deadline [--runs 5]

Builds replies of 3 KB, 100 KB and 1 MB from ordinary Dutch prose (numbers, names and common
words that may start a deadline, such as "in", "de", "over"), each ending in "verwacht eind
maart 2027", and times ``find_deadline`` and the whole reading of a reply (``read_reply``:
status words, the deadline and its cue) in CPU time. Then two texts where every word could
start and end a deadline: a megabyte of pasted numbers and a megabyte of dates. The baseline
is splitting the same text into words, once, which any reading of it must do. Target: a
100 KB reply in under 50 ms.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from collections.abc import Callable
from datetime import date
from functools import partial

from handlers.replies.textparse import read_reply
from words.deadlines.find import find_deadline

TARGET_MS = 50.0
TODAY = date(2026, 11, 22)
PROSE = (
    "Het overleg met de provincie is goed verlopen, maar de stukken voor de raad zijn nog niet "
    "klaar. We hebben 3 bedrijven bezocht en in de werkgroep over de planning gesproken; Jan "
    "belt de gemeente Emmen nog over de subsidie van 2000 euro. "
)
TAIL = " Loopt achter, verwacht eind maart 2027."
WORD = re.compile(r"\S+")


def reply(size: int) -> str:
    return (PROSE * (size // len(PROSE) + 1))[: size - len(TAIL)] + TAIL


def _cpu_ms(work: Callable[[], object], runs: int) -> float:
    timings = []
    for _ in range(runs):
        started = time.process_time()
        work()
        timings.append((time.process_time() - started) * 1000)
    return statistics.median(timings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    texts = {
        "3 KB reply": reply(3_000),
        "100 KB reply": reply(100_000),
        "1 MB reply": reply(1_000_000),
        "1 MB of numbers": " ".join(str(n) for n in range(200_000))[:1_000_000],
        "1 MB of dates": ("1 oktober 2026, " * 70_000)[:1_000_000],
    }
    print(f"median CPU time over {args.runs} runs:")
    for name, text in texts.items():
        found = find_deadline(text, TODAY)
        finding = _cpu_ms(partial(find_deadline, text, TODAY), args.runs)
        reading = _cpu_ms(partial(read_reply, text, TODAY, None), args.runs)
        words = _cpu_ms(partial(WORD.findall, text), args.runs)
        phrase = found.text if found is not None else "-"
        print(
            f"  {name:16} find_deadline {finding:8.1f} ms, read_reply {reading:8.1f} ms, "
            f"baseline (split into words) {words:6.1f} ms, found: {phrase}"
        )
        if name == "100 KB reply":
            met = "met" if finding < TARGET_MS else "NOT met"
            print(f"  target: 100 KB under {TARGET_MS:.0f} ms: {met}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
