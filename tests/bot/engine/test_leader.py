"""bot.engine.leader: one leading clock on PostgreSQL, a standby that takes over; SQLite always
leads."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from bot.engine.leader import STANDBY_EVERY, Leadership, lock_key, wait_until_leader
from storage.db import make_engine

ROOT = Path(__file__).resolve().parents[3]
POSTGRES_ONLY = pytest.mark.parametrize(
    "db_url", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)
NAME = "voortgang-clock"


@pytest.fixture
def engines(db_url: str) -> Iterator[tuple[Engine, Engine]]:
    """Two engines, as two processes would have."""
    first, second = make_engine(db_url), make_engine(db_url)
    yield first, second
    first.dispose()
    second.dispose()


def recorder(calls: list[float], *, stop: bool) -> Callable[[float], bool]:
    """A wait function that notes how long it was asked to wait and answers ``stop``."""

    def wait(seconds: float) -> bool:
        calls.append(seconds)
        return stop

    return wait


def test_the_lock_key_is_stable_across_processes() -> None:
    assert lock_key(NAME) == 2601246423762306115
    assert lock_key("other") != lock_key(NAME)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_sqlite_always_leads(engines: tuple[Engine, Engine]) -> None:
    first, second = (Leadership(engine, NAME) for engine in engines)
    assert first.acquire()
    assert second.acquire()
    calls: list[float] = []
    assert wait_until_leader(second, recorder(calls, stop=True))
    assert calls == []
    first.release()
    assert first.held


@POSTGRES_ONLY
def test_one_leader_at_a_time(engines: tuple[Engine, Engine]) -> None:
    first, second = (Leadership(engine, NAME) for engine in engines)
    assert first.acquire()
    assert first.acquire()  # asking again while leading keeps the lead, it does not stack
    assert not second.acquire()
    assert not second.held
    assert Leadership(engines[1], "another-job").acquire()  # names are independent
    first.release()
    assert not first.held
    assert second.acquire()
    assert not first.acquire()
    second.release()


@POSTGRES_ONLY
def test_a_standby_takes_over_when_the_leader_lets_go(engines: tuple[Engine, Engine]) -> None:
    leader, standby = (Leadership(engine, NAME) for engine in engines)
    assert leader.acquire()
    waits: list[float] = []

    def wait(seconds: float) -> bool:
        waits.append(seconds)
        if len(waits) == 2:
            leader.release()
        return False

    assert wait_until_leader(standby, wait)
    assert waits == [STANDBY_EVERY, STANDBY_EVERY]
    assert standby.held
    standby.release()


@POSTGRES_ONLY
def test_a_standby_stops_when_asked(engines: tuple[Engine, Engine]) -> None:
    leader, standby = (Leadership(engine, NAME) for engine in engines)
    assert leader.acquire()
    waits: list[float] = []
    assert not wait_until_leader(standby, recorder(waits, stop=True), every=5.0)
    assert waits == [5.0]
    assert not standby.held
    leader.release()


HOLD = """
import sys
from bot.engine.leader import Leadership
from storage.db import make_engine
leadership = Leadership(make_engine(sys.argv[1]), sys.argv[2])
print("leading" if leadership.acquire() else "standing by", flush=True)
sys.stdin.read()
"""


@POSTGRES_ONLY
def test_the_lead_is_free_once_the_leading_process_dies(
    engines: tuple[Engine, Engine], db_url: str
) -> None:
    leader = subprocess.Popen(
        [sys.executable, "-c", HOLD, db_url, NAME],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert leader.stdout is not None
    assert leader.stdout.readline().strip() == "leading"
    standby = Leadership(engines[0], NAME)
    assert not standby.acquire()
    leader.send_signal(signal.SIGKILL)
    leader.wait(timeout=10)
    # The server ends the dead process's session as soon as it sees the socket closed; wait
    # for that on the server (a blocking lock with a timeout) instead of sleeping here.
    with engines[1].connect() as probe:
        probe.execute(text("SET lock_timeout = '10s'"))
        probe.execute(text("SELECT pg_advisory_lock(:k)"), {"k": lock_key(NAME)})
        probe.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": lock_key(NAME)})
    assert standby.acquire()
    standby.release()
