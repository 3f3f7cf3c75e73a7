"""The deployment a fault bench row runs against: a fresh database with BOCE imported, its
people in a fake Slack workspace on a loopback port, and the real processes on top.

``voortgang web`` and ``voortgang clock`` run as subprocesses, configured only through the
environment as in production (DATABASE_URL, SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET,
SLACK_API_URL pointing at the fake). Their output goes to a log file each in the row's folder.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Final

import httpx2 as httpx
from sqlalchemy import Engine, select, text

from bot.engine.opening import Register, import_file
from bot.slack.app import SlackAdapter
from config.settings import EXAMPLE_PROGRAMME, Settings
from storage.db import make_engine, migrate, session_factory
from storage.models import Action, ActionOwner, Identity
from tests.fake_slack import FakeSlack
from tests.slack_world import SECRET, TOKEN, fill_workspace, slack_settings
from words.clock import SystemClock
from words.domain import Source, Status

ROOT: Final = Path(__file__).resolve().parent.parent
STARTUP: Final = 60.0  # seconds a process is given to come up on a busy machine
# What the environment of the bench must not hand down to the processes it starts.
NOT_HANDED_DOWN: Final = ("SLACK_", "VOORTGANG_", "TEAMS_", "DATABASE_URL", "CLIENT_", "TENANT_")
OPEN_STATUSES: Final = (Status.OPEN, Status.ON_TRACK, Status.AT_RISK, Status.DELAYED)


class BenchError(Exception):
    """The bench itself could not do what a row needs (a process that did not start)."""


@dataclass(frozen=True, slots=True)
class Sizes:
    """How big and how long the faults are: the full bench, or ``--quick`` for the tests."""

    rate: float  # chat events a second from the load generator
    lock_seconds: float
    gone_seconds: float
    fan_out: int
    storm_fan_out: int
    storm_seconds: float
    migrate_rounds: int
    kills: int  # times the inbox worker thread is killed
    # None: the real backoff of failed events (storage.inbox.EVENT_BACKOFF).
    poison_backoff: tuple[timedelta, ...] | None
    # None: the clock process's default lease (2 minutes).
    lease_seconds: float | None
    lead_in: float  # seconds of steady load before a fault
    tail: float  # seconds of load after a fault's end
    quiet: float  # seconds watched after the last message of a fan-out, for one twice
    stalled: float  # seconds without progress after which waiting for the rest gives up


FULL: Final = Sizes(
    rate=20.0,
    lock_seconds=10.0,
    gone_seconds=30.0,
    fan_out=2000,
    storm_fan_out=300,
    storm_seconds=10.0,
    migrate_rounds=5,
    kills=3,
    poison_backoff=None,
    lease_seconds=None,
    lead_in=2.0,
    tail=3.0,
    quiet=2.0,
    stalled=15.0,
)
QUICK: Final = Sizes(
    rate=20.0,
    lock_seconds=2.0,
    gone_seconds=3.0,
    fan_out=200,
    storm_fan_out=200,
    storm_seconds=3.0,
    migrate_rounds=2,
    kills=1,
    poison_backoff=(timedelta(seconds=0.2),) * 4,
    lease_seconds=10.0,
    lead_in=1.0,
    tail=1.5,
    quiet=1.0,
    # As long as the full run's: giving up sooner only shortens a failing run, and on a loaded
    # two-core machine a SQLite writer can be held up by locks for longer than 6 s.
    stalled=15.0,
)


class Databases:
    """A fresh, empty database for each row: a new SQLite file in ``folder``, or the
    PostgreSQL database ``postgres`` emptied (its public schema dropped and made again)."""

    def __init__(self, folder: Path, postgres: str | None = None) -> None:
        self.folder = folder
        self.postgres = postgres

    @property
    def kind(self) -> str:
        return "sqlite" if self.postgres is None else "postgresql"

    def fresh(self, name: str) -> str:
        if self.postgres is None:
            return f"sqlite:///{self.folder / f'{name}.db'}"
        self.empty()
        return self.postgres

    def empty(self) -> None:
        """Leave the PostgreSQL database as empty as it was given (SQLite files go with their
        folder)."""
        if self.postgres is None:
            return
        engine = make_engine(self.postgres)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()

    def check_empty(self) -> None:
        """Refuse a PostgreSQL database that has tables: the bench empties it row by row."""
        if self.postgres is None:
            return
        engine = make_engine(self.postgres)
        with engine.connect() as connection:
            tables = connection.execute(
                text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
            ).scalar_one()
        engine.dispose()
        if tables:
            raise BenchError("bench.faults needs an empty database: this one has tables")


def environment(url: str) -> dict[str, str]:
    """The bench's environment for a process of Voortgang on database ``url``, without the
    settings of Voortgang the bench itself was started with."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(NOT_HANDED_DOWN)}
    return env | {"DATABASE_URL": url, "VOORTGANG_EXAMPLE": "", "PYTHONUNBUFFERED": "1"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(slots=True)
class World:
    """One row's deployment. ``owners``: (Slack user id, key of an open action they own), the
    people who send status updates."""

    name: str
    folder: Path
    url: str
    engine: Engine
    register: Register
    fake: FakeSlack
    settings: Settings
    owners: list[tuple[str, str]]
    lease_seconds: float | None = None
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def environment(self, url: str | None = None) -> dict[str, str]:
        """The environment of a process of this deployment; ``url`` instead of its database
        (a proxy in front of it)."""
        env = environment(self.url if url is None else url)
        env |= {
            "SLACK_BOT_TOKEN": TOKEN,
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": self.fake.url,
        }
        if self.lease_seconds is not None:
            env["VOORTGANG_SEND_LEASE_SECONDS"] = f"{self.lease_seconds:g}"
        return env

    def start(
        self, command: str, url: str | None = None, extra: Mapping[str, str] | None = None
    ) -> subprocess.Popen[bytes]:
        """``voortgang <command>`` in a process of its own, logging to the row's folder."""
        env = self.environment(url) | dict(extra or {})
        log = self.folder / f"{self.name}-{command}-{len(self.processes) + 1}.log"
        with log.open("wb") as out:
            process = subprocess.Popen(  # noqa: S603 - our own command line, fixed arguments
                [sys.executable, "-m", "bot", command],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        self.processes.append(process)
        return process

    def web(self, url: str | None = None) -> str:
        """Start ``voortgang web``; its base URL once it answers."""
        port = free_port()
        process = self.start("web", url, {"HOST": "127.0.0.1", "PORT": str(port)})
        base = f"http://127.0.0.1:{port}"
        wait_for(lambda: _answers(base) or _ended(process), STARTUP, "voortgang web to start")
        if process.poll() is not None:
            raise BenchError(f"voortgang web exited with {process.returncode}: see {self.folder}")
        return base

    def clock(self, url: str | None = None) -> subprocess.Popen[bytes]:
        return self.start("clock", url)

    def stop_processes(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _answers(base: str) -> bool:
    try:
        httpx.get(f"{base}/healthz", timeout=2.0)
    except httpx.TransportError:
        return False
    return True


def _ended(process: subprocess.Popen[bytes]) -> bool:
    return process.poll() is not None


def wait_for(condition: Callable[[], bool], seconds: float, what: str, every: float = 0.05) -> None:
    """Poll ``condition`` until it holds; BenchError after ``seconds``."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise BenchError(f"waited {seconds:g} s in vain for {what}")
        time.sleep(every)


def _owners(register: Register) -> list[tuple[str, str]]:
    with register.sessions() as session:
        rows = session.execute(
            select(Identity.external_id, Action.key)
            .join(ActionOwner, ActionOwner.person_id == Identity.person_id)
            .join(Action, Action.id == ActionOwner.action_id)
            .where(Identity.platform == Source.SLACK, Action.status.in_(OPEN_STATUSES))
            .order_by(Action.id, Identity.external_id)
        ).all()
    return [(str(user), str(key)) for user, key in rows]


@contextmanager
def deployment(databases: Databases, name: str, folder: Path, sizes: Sizes) -> Iterator[World]:
    """A fresh database, migrated, with BOCE imported and its people linked to the users of a
    fake Slack workspace; the processes started in it are stopped when the block ends."""
    url = databases.fresh(name)
    engine = make_engine(url)
    migrate(engine)
    register = Register(engine, session_factory(engine))
    fake = FakeSlack(TOKEN).start()
    settings = Settings(
        database_url=url,
        example_programme=None,
        files_dir=folder / f"{name}-files",
        slack=slack_settings(fake),
    )
    clock = SystemClock()
    world = World(name, folder, url, engine, register, fake, settings, [], sizes.lease_seconds)
    try:
        import_file(register, EXAMPLE_PROGRAMME, settings, clock)
        fill_workspace(fake, register)
        assert settings.slack is not None
        adapter = SlackAdapter(register, clock, settings.slack, settings.zone)
        adapter.link_everyone()
        adapter.close()
        world.owners = _owners(register)
        fake.clear()  # what the set-up asked is not part of the row
        yield world
    finally:
        world.stop_processes()
        fake.stop()
        engine.dispose()
