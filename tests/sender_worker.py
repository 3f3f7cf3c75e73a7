"""A sender in a process of its own, for the multi-process tests in tests/bot/engine/test_sender.py.

    python -m tests.sender_worker URL RECORD_DIR HOLDER NOW MODE [BATCH] [BARRIER]

MODE is ``drain`` (deliver until nothing is claimable, then print the report as JSON),
``die-before-deliver`` (claim a batch, then end the process at the first delivery, before the
platform gets anything) or ``die-after-deliver`` (deliver one message, then end the process
before recording it). With BARRIER, the worker prints "ready" and waits for the test to
release the PostgreSQL advisory lock of that number, so two workers start together.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict
from datetime import datetime
from pathlib import Path

from sqlalchemy import text

from bot.engine.opening import Register
from bot.engine.sender import Sender
from storage.db import make_engine, session_factory
from words.chat.delivery import Delivery
from words.clock import FixedClock
from words.domain import Source

CRASH = 3  # exit status of a deliberate crash


class FilePort:
    """A port whose record survives its process: one line per delivery, in a file per holder.

    Lines are appended with a single unbuffered write, so a process that ends right after
    delivering has still recorded it; ``find`` reads every holder's file, as a platform
    would answer for every sender.
    """

    platform = Source.CONSOLE

    def __init__(self, folder: Path, holder: str, die: str = "") -> None:
        self.folder = folder
        self.holder = holder
        self.die = die
        self.count = 0

    def deliver(self, delivery: Delivery) -> str:
        if self.die == "die-before-deliver":
            os._exit(CRASH)
        self.count += 1
        ref = f"{self.holder}:{self.count}"
        line = f"{delivery.key}\t{ref}\n".encode()
        fd = os.open(self.folder / f"{self.holder}.log", os.O_WRONLY | os.O_APPEND | os.O_CREAT)
        try:
            os.write(fd, line)
        finally:
            os.close(fd)
        if self.die == "die-after-deliver":
            os._exit(CRASH)
        return ref

    def find(self, key: str, delivery: Delivery) -> str | None:
        for found_key, ref in read_records(self.folder):
            if found_key == key:
                return ref
        return None


def read_records(folder: Path) -> list[tuple[str, str]]:
    """Every (key, reference) delivered by every holder, in no particular order."""
    records = []
    for path in sorted(folder.glob("*.log")):
        for line in path.read_text().splitlines():
            key, ref = line.split("\t")
            records.append((key, ref))
    return records


def main(argv: list[str]) -> int:
    url, folder, holder, now, mode = argv[:5]
    batch = int(argv[5]) if len(argv) > 5 else 10
    barrier = int(argv[6]) if len(argv) > 6 else None
    engine = make_engine(url)
    register = Register(engine, session_factory(engine))
    port = FilePort(Path(folder), holder, die=mode if mode != "drain" else "")
    sender = Sender(register, port, FixedClock(datetime.fromisoformat(now)), holder, batch=batch)
    if barrier is not None:
        with engine.connect() as conn:
            print("ready", flush=True)
            conn.execute(text("SELECT pg_advisory_lock_shared(:k)"), {"k": barrier})
            conn.execute(text("SELECT pg_advisory_unlock_shared(:k)"), {"k": barrier})
    report = sender.drain(max_rounds=100_000) if mode == "drain" else sender.run_once()
    print(json.dumps(asdict(report)), flush=True)
    engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
