"""Understanding benchmark: what every message costs before anything else is done with it.

    .venv/bin/python -m bench.understanding [--runs 5] [--rounds 200]

Every text a person sends goes through the understanding step's classifier
(``handlers.understanding.classify``): exact commands, other phrasings, typos, small talk.
This times the classifier over a set of realistic messages (commands, misspelt commands,
small talk, updates and long replies, Dutch and English) and, in the same run, the baseline:
the exact command table alone (``handlers.dispatch.find_command``), which is all a message
cost before the step. Figures are microseconds of CPU per message, the median of the runs.
Target: under 2 ms a message, so the step never shows in an acknowledgement.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable, Sequence

from handlers.dispatch import VOCABULARY, find_command
from handlers.understanding.classify import Kind, classify

TARGET_US = 2_000.0
LONG_REPLY = (
    "Het overleg met de provincie is goed verlopen, maar de stukken voor de raad zijn nog niet "
    "klaar. We hebben drie bedrijven bezocht en in de werkgroep de planning besproken. "
) * 15
MESSAGES: tuple[str, ...] = (
    "help",
    "mijn acties",
    "wat zijn mijn acties?",
    "te laat omgevingswet",
    "status OW-03 op schema",
    "deadline 12 eind maart 2027",
    "hlep",
    "overzict",
    "brief defintief",
    "my actoins",
    "hoi",
    "bedankt!",
    "thanks a lot",
    "goedemorgen, hoe werkt dit?",
    "we lopen wat achter door ziekte",
    "#12 loopt goed, klaar in maart",
    "OW 5 op schema",
    "Helaas: uitgesteld tot Q2 2027",
    "we're running behind because of staff shortage",
    LONG_REPLY,
)


def _cpu_us(work: Callable[[str], object], texts: Sequence[str], rounds: int) -> float:
    started = time.process_time()
    for _ in range(rounds):
        for text in texts:
            work(text)
    return (time.process_time() - started) * 1_000_000 / (rounds * len(texts))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args(argv)
    step = statistics.median(
        _cpu_us(lambda text: classify(text, VOCABULARY), MESSAGES, args.rounds)
        for _ in range(args.runs)
    )
    table = statistics.median(
        _cpu_us(find_command, MESSAGES, args.rounds) for _ in range(args.runs)
    )
    kinds = [classify(text, VOCABULARY).kind for text in MESSAGES]
    print(f"median CPU time per message over {args.runs} runs of {len(MESSAGES)} messages:")
    print(f"  understanding step: {step:.1f} µs")
    print(f"  baseline, the exact command table alone: {table:.1f} µs ({step / table:.1f}×)")
    print(
        "  read as: "
        + ", ".join(f"{kind.value} {kinds.count(kind)}" for kind in Kind if kind in kinds)
    )
    verdict = "met" if step < TARGET_US else "NOT met"
    print(f"  target: under {TARGET_US:,.0f} µs a message: {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
