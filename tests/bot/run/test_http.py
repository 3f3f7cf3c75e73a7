"""The web process's health endpoint: database, clock, workers and what waits, as an operator's
monitor sees them."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

from fastapi.testclient import TestClient

from bot.engine.clock_jobs import heartbeat
from bot.engine.liveness import INBOX_WORKER, SENDER, Liveness
from bot.engine.opening import Register
from bot.run.http import create_app
from storage.db import make_engine, session_factory, transaction
from storage.inbox import store_event
from storage.outbox import OutboxWriter
from words.chat.inbound import MessageIn
from words.chat.messages import Message
from words.chat.outgoing import ToAddress
from words.clock import FixedClock
from words.domain import Source


def test_health_reports_database_and_a_clock_that_never_ran(
    register: Register, clock: FixedClock
) -> None:
    response = TestClient(create_app(register, clock)).get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "programmes": 0,
        "clock": "not running",
        "workers": {
            "inbox-worker": "not running",
            "sender": "not running",
            "job-runner": "not running",
        },
        "set_aside_events": 0,
        "oldest_event_seconds": 0,
        "oldest_unsent_seconds": 0,
    }


def test_health_sees_the_clock_alive_then_stale(register: Register, clock: FixedClock) -> None:
    client = TestClient(create_app(register, clock))
    heartbeat(register, clock, "host:1")
    clock.advance(timedelta(seconds=61))
    body = client.get("/healthz").json()
    assert (body["clock"], body["clock_seconds_ago"]) == ("ok", 61)
    clock.advance(timedelta(minutes=2))
    assert client.get("/healthz").json()["clock"] == "stale"
    heartbeat(register, clock, "host:2")
    assert client.get("/healthz").json()["clock"] == "ok"


def test_health_is_503_when_the_database_is_gone(clock: FixedClock) -> None:
    engine = make_engine(
        "postgresql+psycopg://nobody@127.0.0.1:1/none", connect_args={"connect_timeout": 1}
    )
    broken = Register(engine, session_factory(engine))
    response = TestClient(create_app(broken, clock)).get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"].startswith("unreachable")


def test_health_is_503_when_the_database_takes_no_writes(
    tmp_path: Path, sqlite_template: Path, clock: FixedClock
) -> None:
    path = tmp_path / "voortgang.db"
    shutil.copy(sqlite_template, path)
    engine = make_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    read_only = Register(engine, session_factory(engine))
    response = TestClient(create_app(read_only, clock)).get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["database"].startswith("refuses writes: attempt to write a readonly database")
    assert body["problems"] == ["database"]


def test_health_reports_each_worker_and_fails_when_one_stops_beating(
    register: Register, clock: FixedClock
) -> None:
    client = TestClient(create_app(register, clock))
    Liveness(register, clock, INBOX_WORKER, "host:1").beat()
    Liveness(register, clock, SENDER, "host:1").beat()
    body = client.get("/healthz").json()
    assert body["workers"] == {"inbox-worker": "ok", "sender": "ok", "job-runner": "not running"}
    clock.advance(timedelta(minutes=1))
    Liveness(register, clock, SENDER, "host:1").beat()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["workers"]["inbox-worker"] == "stale"
    assert response.json()["problems"] == ["inbox-worker"]


def test_health_fails_when_an_event_or_a_message_waits_too_long(
    register: Register, clock: FixedClock
) -> None:
    client = TestClient(create_app(register, clock))
    event = MessageIn(
        platform=Source.SLACK, event_id="Ev1", user_id="U1", received_at=clock.now(), text="hoi"
    )
    with transaction(register.sessions) as session:
        store_event(session, event)
        OutboxWriter(session, clock.now()).send("k1", ToAddress("U1"), Message("hallo"))
    clock.advance(timedelta(seconds=30))
    body = client.get("/healthz").json()
    assert (body["status"], body["oldest_event_seconds"], body["oldest_unsent_seconds"]) == (
        "ok",
        30,
        30,
    )
    clock.advance(timedelta(seconds=31))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["problems"] == ["events waiting"]
    clock.advance(timedelta(minutes=10))
    assert client.get("/healthz").json()["problems"] == ["events waiting", "messages waiting"]
