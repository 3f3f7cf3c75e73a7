"""Mail-out benchmark: ping mails through the outbox, the real sender and the email port.

    .venv/bin/python -m bench.email_send [--mails 10000] [--database URL] [--rounds 1]

A real SMTP server (aiosmtpd, ``tests.mailserver``) runs in a process of its own on a loopback
port and keeps the headers of every mail it takes. Then, per round:

1. Voortgang: ``mails`` people with an email address (their channel "email") each have one
   ping queued in the outbox (``OutboxWriter``), shaped as the check-in makes them
   (``handlers.checkins.ping_message``: a greeting, three actions with their fields and
   buttons, a closing; the actions asked about). One ``Sender`` with an ``EmailPort`` and a
   public address delivers them all (``drain``): per mail it mints the reply and form tokens,
   composes the mail, hands it over on the one SMTP connection and records it as sent.
2. The baseline: a bare ``smtplib.SMTP`` loop sending the same mails, their bytes built
   beforehand, over one connection to the same server (``sendmail`` per mail).

It prints both times, the fraction baseline/ours (goal at least 0.8), the duplicates (the
same Message-ID or outbox key seen twice by the server: must be 0) and the lost (queued but
not received: must be 0), and the connections each side opened. The two sides take turns,
baseline first, ``rounds`` times, on a fresh database each round; the verdict is on the
median fraction.

Only the sending is timed: people and pings are queued before the clock starts, and the
baseline's mails are composed before its loop starts. A third line times the email port alone
on the same mails (composing and SMTP, no outbox), to tell the port's share from the sender's:
the port keeps pace with the bare loop, and what the sender adds per mail (a transaction that
mints the reply and form tokens, another that records the mail as sent, each with a durable
commit) is most of Voortgang's time.
"""

from __future__ import annotations

import argparse
import json
import re
import smtplib
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Final

from sqlalchemy import text

from bot.email.compose import Composer, key_hash
from bot.email.port import EmailPort
from bot.engine.opening import Register
from bot.engine.sender import Sender
from config.settings import EmailSettings, MailSecurity
from config.settings import MailServer as ServerSettings
from handlers.checkins.ping_message import Asked, ping_message
from storage.db import make_engine, migrate, session_factory, transaction
from storage.models import Base, Person
from storage.outbox import OutboxWriter
from tests.mailserver import MailServer
from words.chat.delivery import Delivery, DeliveryKind
from words.chat.messages import Message
from words.chat.outgoing import ToPerson
from words.clock import FixedClock
from words.domain import Status

TARGET: Final = 0.8
PUBLIC: Final = "https://voortgang.example.org"
MOMENT: Final = datetime(2026, 11, 23, 8, tzinfo=UTC)  # a Monday morning's round of pings
TODAY: Final = date(2026, 11, 23)
_MESSAGE_ID = re.compile(rb"^Message-ID: (.+?)\r$", re.M | re.I)
_KEY = re.compile(rb"^X-Voortgang-Key: (.+?)\r$", re.M | re.I)


# --- the server, in a process of its own ------------------------------------------------------


def serve() -> None:
    """The server's process (``--serve``): its port on the first line, then one JSON line
    per "take" read from stdin: what it received since the last take."""
    with MailServer(headers_only=True) as server:
        print(server.port, flush=True)
        for line in sys.stdin:
            if line.strip() != "take":
                break
            received = server.take()
            seen = [(_header(_MESSAGE_ID, r.data), _header(_KEY, r.data)) for r in received]
            print(json.dumps([seen, server.connections]), flush=True)


def _header(pattern: re.Pattern[bytes], data: bytes) -> str:
    found = pattern.search(data)
    return "" if found is None else found[1].decode("ascii", "replace")


class Server:
    """The SMTP server in a process of its own, so it does not share this one's cores' GIL."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench.email_send", "--serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.stdin, self.stdout = self.process.stdin, self.process.stdout
        self.port = int(self.stdout.readline())
        self._connections = 0

    def take(self) -> tuple[list[tuple[str, str]], int]:
        """What the server received since the last take, and how many connections it got."""
        self.stdin.write("take\n")
        self.stdin.flush()
        seen, connections = json.loads(self.stdout.readline())
        new, self._connections = connections - self._connections, connections
        return [(m, k) for m, k in seen], new

    def stop(self) -> None:
        self.stdin.close()
        self.process.wait(timeout=10)


# --- the two sides ------------------------------------------------------------------------


def settings(port: int) -> EmailSettings:
    return EmailSettings(
        smtp=ServerSettings("127.0.0.1", port, MailSecurity.NONE),
        sender="Voortgang Bench <voortgang@bench.example>",
        reply_address="voortgang@reply.bench.example",
    )


def ping(n: int) -> Message:
    """A Monday ping about three actions, as the check-in makes it."""
    items = [
        Asked(
            action_id=3 * n + i,
            number=3 * n + i,
            title=f"Actie {3 * n + i}: fietspad en groen langs de Hoofdstraat",
            theme=("Mobiliteit", "Wonen", "Energie")[i],
            deadline_text="eind maart 2027",
            due=date(2027, 3, 31),
            status=Status.ON_TRACK,
            last_update=date(2026, 11, 2),
        )
        for i in range(3)
    ]
    message = ping_message(f"Persoon {n}", items, "nl", TODAY)
    return replace(message, asks=tuple(item.action_id for item in items))


def queue(register: Register, mails: int, clock: FixedClock) -> set[str]:
    """``mails`` people by email, one ping queued to each; their outbox keys."""
    with transaction(register.sessions) as session:
        people = [
            Person(name=f"Persoon {n}", email=f"p{n}@bench.example", channel="email")
            for n in range(mails)
        ]
        session.add_all(people)
        session.flush()
        out = OutboxWriter(session, clock.now())
        keys = set()
        for n, person in enumerate(people):
            key = f"ping:{person.id}:{TODAY.isoformat()}"
            out.send(key, ToPerson(person.id), ping(n))
            keys.add(key)
    return keys


def ours(register: Register, port: int, clock: FixedClock) -> tuple[float, int]:
    email = EmailPort(settings(port), clock)
    sender = Sender(register, email, clock, "bench", public_url=PUBLIC)
    start = time.perf_counter()
    report = sender.drain(max_rounds=1_000_000)
    elapsed = time.perf_counter() - start
    email.close()
    assert report.failed == 0, report
    return elapsed, report.sent


def deliveries(mails: int) -> list[Delivery]:
    """The deliveries the sender makes of the queued pings, tokens and all."""
    return [
        Delivery(
            f"bare:{n}",
            DeliveryKind.DM,
            f"p{n}@bench.example",
            f"Persoon {n}",
            message=ping(n),
            form_url=f"{PUBLIC}/bijwerken/{'F' * 43}",
            reply_token=f"{n:043d}",
        )
        for n in range(mails)
    ]


def prebuilt(mails: list[Delivery], clock: FixedClock) -> list[tuple[str, str, bytes]]:
    """The same mails, composed before the baseline's loop: envelope and bytes."""
    composer = Composer(settings(0), clock)
    return [(m.sender, m.to, m.data) for m in map(composer.compose, mails)]


def port_alone(port: int, mails: list[Delivery], clock: FixedClock) -> float:
    """The email port without the outbox: what composing and its SMTP cost by themselves."""
    email = EmailPort(settings(port), clock)
    start = time.perf_counter()
    for delivery in mails:
        email.deliver(delivery)
    email.close()
    return time.perf_counter() - start


def bare(port: int, mails: list[tuple[str, str, bytes]]) -> float:
    start = time.perf_counter()
    smtp = smtplib.SMTP("127.0.0.1", port, timeout=20)
    for sender, to, data in mails:
        smtp.sendmail(sender, [to], data)
    smtp.quit()
    return time.perf_counter() - start


# --- rounds and figures -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Round:
    mails: int
    ours: float
    bare: float
    port: float  # the email port alone, the same mails without the outbox
    duplicates: int
    lost: int
    ours_connections: int
    bare_connections: int
    bare_duplicates: int
    bare_lost: int

    @property
    def fraction(self) -> float:
        return self.bare / self.ours


def _empty(database: str | None, folder: Path, number: int) -> Register:
    url = f"sqlite:///{folder / f'email-{number}.db'}" if database is None else database
    engine = make_engine(url)
    migrate(engine)
    if database is not None:  # a server's database: emptied for the round
        names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
        with engine.begin() as conn:
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    return Register(engine, session_factory(engine))


def one_round(server: Server, mails: int, database: str | None, folder: Path, n: int) -> Round:
    clock = FixedClock(MOMENT + timedelta(days=7 * n))
    planned = deliveries(mails)
    bare_seconds = bare(server.port, prebuilt(planned, clock))
    bare_seen, bare_connections = server.take()
    port_seconds = port_alone(server.port, planned, clock)
    server.take()
    register = _empty(database, folder, n)
    try:
        keys = queue(register, mails, clock)
        ours_seconds, _sent = ours(register, server.port, clock)
    finally:
        register.engine.dispose()
    seen, connections = server.take()
    ids = Counter(message_id for message_id, _ in seen)
    hashes = Counter(key for _, key in seen)
    duplicates = sum(c - 1 for c in ids.values()) + sum(c - 1 for c in hashes.values())
    wanted = {key_hash(key) for key in keys}
    bare_ids = Counter(message_id for message_id, _ in bare_seen)
    return Round(
        mails=mails,
        ours=ours_seconds,
        bare=bare_seconds,
        port=port_seconds,
        duplicates=duplicates,
        lost=len(wanted - hashes.keys()),
        ours_connections=connections,
        bare_connections=bare_connections,
        bare_duplicates=sum(c - 1 for c in bare_ids.values()),
        bare_lost=mails - len(bare_ids),
    )


def run(mails: int, rounds: int = 1, database: str | None = None) -> list[Round]:
    server = Server()
    try:
        with tempfile.TemporaryDirectory() as folder:
            return [one_round(server, mails, database, Path(folder), n) for n in range(rounds)]
    finally:
        server.stop()


def report(results: list[Round]) -> bool:
    for number, result in enumerate(results, start=1):
        print(f"round {number}: {result.mails} ping mails")
        print(
            f"  baseline, bare smtplib over one connection: {result.bare:.2f} s "
            f"({result.mails / result.bare:.0f} mails/s), {result.bare_connections} connection"
        )
        print(
            f"  Voortgang, outbox + sender + email port:    {result.ours:.2f} s "
            f"({result.mails / result.ours:.0f} mails/s), {result.ours_connections} connection"
        )
        print(
            f"  the email port alone, no outbox:            {result.port:.2f} s "
            f"({result.mails / result.port:.0f} mails/s), fraction {result.bare / result.port:.3f}"
        )
        print(f"  fraction baseline/ours: {result.fraction:.3f}")
        print(f"  duplicates {result.duplicates}, lost {result.lost}")
    median = statistics.median(r.fraction for r in results)
    clean = all(r.duplicates == 0 and r.lost == 0 for r in results)
    verdict = "ok" if median >= TARGET and clean else "below target"
    print(f"median fraction {median:.3f} (goal at least {TARGET:.1f}): {verdict}")
    return median >= TARGET and clean


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--mails", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--database", help="a PostgreSQL URL (emptied!); default a SQLite file")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        serve()
        return 0
    results = run(args.mails, args.rounds, args.database)
    return 0 if report(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
