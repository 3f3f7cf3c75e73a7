"""Two clock processes ticking at once on PostgreSQL never double a ping or a message."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.engine import clock_jobs as jobs
from bot.engine.opening import Register, import_file
from config.settings import Settings
from storage.models import OutboxMessage, Ping
from tests.conftest import BOCE
from words.clock import FixedClock
from words.domain import PingState

ROOT = Path(__file__).resolve().parents[3]
# Monday 23 November 2026, 09:00 in Amsterdam: the example's fortnightly check-in falls due.
MONDAY = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


@pytest.mark.postgres
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_two_clock_processes_at_once_give_each_ping_once(
    db_url: str, register: Register, settings: Settings, clock: FixedClock
) -> None:
    import_file(register, BOCE, settings, clock)
    jobs.tick(register, clock)  # the first run plans from now on
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.clock_worker", db_url, MONDAY.isoformat(), "5"],
            cwd=ROOT,
        )
        for _ in range(2)
    ]
    assert [w.wait(timeout=120) for w in workers] == [0, 0]
    with register.sessions() as session:
        pings = session.scalars(select(Ping)).all()
        keys = Counter(p.key for p in pings)
        sent = [p for p in pings if p.state is PingState.SENT]
        messages = session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "dm")).all()
        total = session.scalar(select(func.count()).select_from(Ping))
    assert total == len(keys)
    assert max(keys.values()) == 1
    assert sent, "the Monday check-in sent nothing"
    # Every sent ping is in exactly one message, and each person got one message.
    assert all(p.outbox_id is not None for p in sent)
    per_person = Counter(m.person_id for m in messages if m.key.startswith("ping:"))
    assert per_person
    assert max(per_person.values()) == 1
    assert {p.recipient_id for p in sent} == set(per_person)
