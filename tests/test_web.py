"""The web process's health endpoint: database and clock, as an operator's monitor sees them."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient

from bot.clock import FixedClock
from bot.jobs import heartbeat
from bot.register import Register
from bot.web import create_app
from storage.db import make_engine, session_factory


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
