"""Mail replies benchmark: replies to a ping mail read from a real Dovecot and handled.

    .venv/bin/python -m bench.email_replies [--replies 1000] [--database URL]

Starts a throwaway Dovecot on a loopback port (tests.imapserver; Debian: dovecot-imapd), loads
the BOCE example into a fresh SQLite database (or the empty PostgreSQL database ``--database``
names), sends Fatima El Amrani's Monday ping "by mail" with a reply token, and APPENDs N
replies to it as Gmail writes them (a Dutch answer above the quoted ping, each its own
Message-ID). Then it times, in wall-clock time:

- the baseline: imap-tools fetching the same N mails in the same batches and doing nothing
  else, which any reader must at least do;
- ``MailReader.run_once``: fetch, parse, strip the quote, check the token, store the event in
  its own transaction, mark the mail;
- ``InboxWorker.run_once``: each stored reply handled as a chat reply (a status update and an
  answer queued).

It prints replies per second for each, and end to end (reader and worker).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bot.email.reading import BULK, MailReader
from bot.email.sorting import Verdict
from bot.engine.opening import Register, import_file
from bot.engine.worker import InboxWorker
from config.settings import EXAMPLE_PROGRAMME, Settings
from storage.db import make_engine, migrate, session_factory
from tests.imapserver import Dovecot, running_dovecot
from tests.mail_samples import FATIMA, GMAIL_NL_QUOTE, SUNDAY, address, mail, ping_by_mail
from words.clock import FixedClock

READ_AT = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
ANSWERS = ("Loopt volgens plan.", "Vertraagd, de aannemer heeft geen capaciteit.", "Klaar!")


def replies(token: str, count: int) -> list[bytes]:
    return [
        mail(
            f"{ANSWERS[n % len(ANSWERS)]} Stap {n} is gezet." + GMAIL_NL_QUOTE,
            to=address(token),
            msg_id=f"<bench-{n}@mail.example>",
        )
        for n in range(count)
    ]


def _baseline(server: Dovecot, count: int) -> float:
    """Seconds imap-tools takes to fetch every mail in the folder, in the reader's batches."""
    with server.connect() as mailbox:
        started = time.perf_counter()
        uids = mailbox.uids("ALL")
        fetched = sum(1 for _ in mailbox.fetch(uid_list=uids, mark_seen=False, bulk=BULK))
        seconds = time.perf_counter() - started
    assert fetched == count, f"fetched {fetched} of {count}"
    return seconds


def _per_second(count: int, seconds: float) -> str:
    return f"{count / seconds:8.1f} replies/s ({seconds:6.2f} s)"


def run(register: Register, settings: Settings, server: Dovecot, count: int) -> dict[str, float]:
    clock = FixedClock(SUNDAY)
    import_file(register, EXAMPLE_PROGRAMME, settings, clock)
    asked = ping_by_mail(register, FATIMA)
    server.append(*replies(asked.token, count))
    baseline = _baseline(server, count)
    reader = MailReader(
        register.sessions, FixedClock(READ_AT), server.email_settings(), settings.zone
    )
    started = time.perf_counter()
    report = reader.run_once()
    reading = time.perf_counter() - started
    reader.close()
    assert report[Verdict.STORED] == count, report
    worker = InboxWorker(register, FixedClock(READ_AT), settings.zone)
    started = time.perf_counter()
    handled = worker.run_once()
    handling = time.perf_counter() - started
    assert handled == count, handled
    return {"baseline": baseline, "reader": reading, "worker": handling}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replies", type=int, default=1000)
    parser.add_argument("--database", help="an empty PostgreSQL database (default: SQLite)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch, running_dovecot() as server:
        url = args.database or f"sqlite:///{Path(scratch) / 'bench.db'}"
        engine = make_engine(url)
        migrate(engine)
        settings = Settings(database_url=url, example_programme=None)
        try:
            times = run(Register(engine, session_factory(engine)), settings, server, args.replies)
        finally:
            engine.dispose()
    count = args.replies
    print(f"{count} mail replies, {engine.dialect.name}, Dovecot on loopback:")
    print(f"  baseline, imap-tools fetch only:  {_per_second(count, times['baseline'])}")
    print(f"  MailReader.run_once (stored):     {_per_second(count, times['reader'])}")
    print(f"  InboxWorker.run_once (handled):   {_per_second(count, times['worker'])}")
    total = times["reader"] + times["worker"]
    print(f"  end to end, read and handled:     {_per_second(count, total)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
