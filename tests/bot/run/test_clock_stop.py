"""The clock process stops cleanly on SIGTERM and SIGINT: within seconds, exit status 0, and a
fan-out under way loses nothing and doubles nothing, because what the sender had claimed and
not sent is handed back at once for the next sender (not after its lease)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.engine.opening import Register, import_file
from config.settings import Settings
from storage.db import transaction
from storage.models import Heartbeat, Identity, OutboxMessage
from storage.outbox import OutboxWriter
from tests.conftest import BOCE
from tests.fake_slack import FakeSlack
from tests.slack_world import SECRET, TOKEN, fill_workspace
from words.chat.messages import Message
from words.chat.outgoing import ToPerson
from words.clock import SystemClock
from words.domain import OutboxState

ROOT = Path(__file__).resolve().parents[3]
FAN_OUT = 150


def clock_process(db_url: str, fake: FakeSlack | None) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "VOORTGANG_"))}
    env |= {"DATABASE_URL": db_url, "VOORTGANG_EXAMPLE": "", "PYTHONUNBUFFERED": "1"}
    if fake is not None:
        env |= {"SLACK_BOT_TOKEN": TOKEN, "SLACK_SIGNING_SECRET": SECRET, "SLACK_API_URL": fake.url}
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "clock"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def wait_for(condition: Callable[[], bool], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("waited in vain")
        time.sleep(0.05)


def stop(process: subprocess.Popen[str], how: signal.Signals) -> tuple[int, float, str]:
    started = time.monotonic()
    process.send_signal(how)
    code = process.wait(timeout=30)
    output = process.stdout.read() if process.stdout is not None else ""
    return code, time.monotonic() - started, output


@pytest.fixture
def imported(register: Register, settings: Settings) -> Register:
    import_file(register, BOCE, settings, SystemClock())
    return register


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_the_clock_process_stops_cleanly_when_told(
    imported: Register, db_url: str, how: signal.Signals
) -> None:
    process = clock_process(db_url, None)
    wait_for(lambda: beats(imported) >= 1)
    code, took, output = stop(process, how)
    assert code == 0, output
    assert took < 10
    assert f"clock: {how.name} received" in output
    assert "Traceback" not in output


def beats(register: Register) -> int:
    with register.sessions() as session:
        return len(session.scalars(select(Heartbeat)).all())


def fan_out(register: Register) -> None:
    with transaction(register.sessions) as session:
        people = sorted(session.scalars(select(Identity.person_id)).all())
        out = OutboxWriter(session, datetime.now(UTC))
        for n in range(FAN_OUT):
            out.send(f"fan:{n}", ToPerson(people[n % len(people)]), Message(f"bericht {n}"))


def posted_keys(fake: FakeSlack) -> list[str]:
    keys = []
    for call in fake.calls("chat.postMessage"):
        if call.error is not None:
            continue
        metadata = call.params.get("metadata")
        data = json.loads(metadata) if isinstance(metadata, str) else metadata
        key = data.get("event_payload", {}).get("key") if isinstance(data, dict) else None
        if isinstance(key, str) and key.startswith("fan:"):
            keys.append(key)
    return keys


def test_sigterm_during_a_fan_out_hands_back_the_claim_and_loses_and_doubles_nothing(
    imported: Register, db_url: str
) -> None:
    with FakeSlack(TOKEN) as fake:
        fill_workspace(fake, imported)
        fake.latency("chat.postMessage", 0.02)  # a fan-out that takes a few seconds
        fan_out(imported)
        first = clock_process(db_url, fake)
        wait_for(lambda: len(posted_keys(fake)) >= 20)
        code, took, output = stop(first, signal.SIGTERM)
        assert code == 0, output
        assert took < 5, output
        with imported.sessions() as session:
            rows = session.scalars(
                select(OutboxMessage).where(OutboxMessage.key.like("fan:%"))
            ).all()
        states = Counter(row.state for row in rows)
        sent_before = len(posted_keys(fake))
        assert states[OutboxState.SENT] == sent_before < FAN_OUT
        assert states[OutboxState.SENDING] == 0  # nothing left waiting out a lease
        assert all(r.claimed_by is None for r in rows if r.state is OutboxState.PENDING)
        # The next clock process takes the rest at once.
        fake.latency("chat.postMessage", 0)
        second = clock_process(db_url, fake)
        wait_for(lambda: len(posted_keys(fake)) >= FAN_OUT, seconds=60)
        code, _took, output = stop(second, signal.SIGTERM)
        assert code == 0, output
        keys = posted_keys(fake)
        assert sorted(keys) == sorted(f"fan:{n}" for n in range(FAN_OUT))  # none lost or twice
