"""bot.teams.wiring: the web process serves Teams at /api/messages; the clock process's workers.

One test starts ``voortgang web`` itself, configured from the environment as an operator
would, against the fake Bot Framework on a loopback port.
"""

from __future__ import annotations

import dataclasses
import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from bot.engine.channels import ClockWorkers
from bot.engine.opening import Register
from bot.run.clock_process import _chat_workers
from bot.run.http import create_app
from bot.teams.wiring import MESSAGES_PATH, TeamsChannel, TeamsRuntime, TeamsWorkers
from config.settings import Settings
from storage.db import make_engine, migrate, session_factory
from tests.fake_teams import APP_ID, APP_PASSWORD, TENANT, FakeConnector
from tests.fakes import events_stored
from tests.secret_keys import KEY, SECRETS
from tests.teams_world import payload, teams_settings
from words.clock import FixedClock
from words.domain import Source

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def fake() -> Iterator[FakeConnector]:
    with FakeConnector() as connector:
        yield connector


def _settings(tmp_path: Path, fake: FakeConnector) -> Settings:
    return Settings(database_url=f"sqlite:///{tmp_path / 'v.db'}", teams=teams_settings(fake))


def test_the_web_process_serves_teams_beside_its_health(
    register: Register, clock: FixedClock, tmp_path: Path, fake: FakeConnector
) -> None:
    runtime = TeamsRuntime(keyed(register), clock, _settings(tmp_path, fake))
    with TestClient(create_app(register, clock, [runtime])) as http:
        assert http.post(MESSAGES_PATH, json={"type": "message"}).status_code == 401
        assert http.get("/healthz").status_code == 200
        assert http.post("/slack/events", json={}).status_code in (404, 405)
    assert [c.operation for c in fake.calls()] == ["keys"]  # fetched once, at the start


def test_the_clock_process_runs_the_teams_workers(
    register: Register, clock: FixedClock, tmp_path: Path, fake: FakeConnector
) -> None:
    workers = _chat_workers(keyed(register), _settings(tmp_path, fake), clock)
    assert isinstance(workers, ClockWorkers)
    [teams] = workers.channels
    assert isinstance(teams, TeamsChannel)
    assert list(workers.sender.ports) == [Source.TEAMS]
    workers.start()
    workers.stop()
    teams.port.http.close()


def keyed(register: Register) -> Register:
    """The register with a key for the tokens Teams stores."""
    return dataclasses.replace(register, secrets=SECRETS)


def test_the_clock_processs_teams_sender_claims_for_the_lease_of_the_settings(
    register: Register, clock: FixedClock, tmp_path: Path, fake: FakeConnector
) -> None:
    settings = replace(_settings(tmp_path, fake), send_lease=timedelta(seconds=9))
    workers = TeamsWorkers(keyed(register), clock, settings)
    assert workers.sender.lease == timedelta(seconds=9)
    workers.port.http.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_voortgang_web_takes_a_signed_activity_as_configured_by_the_environment(
    tmp_path: Path, fake: FakeConnector
) -> None:
    database = f"sqlite:///{tmp_path / 'web.db'}"
    migrate(make_engine(database))
    port = _free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "CLIENT_"))},
        "DATABASE_URL": database,
        "PORT": str(port),
        "CLIENT_ID": APP_ID,
        "CLIENT_SECRET": APP_PASSWORD,
        "TENANT_ID": TENANT,
        "TEAMS_OPENID_URL": fake.openid_url,
        "TEAMS_LOGIN_URL": fake.login_url,
        "VOORTGANG_SECRET_KEYS": KEY,
    }
    web = subprocess.Popen(
        [sys.executable, "-m", "bot", "web"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(f"{base}/healthz", web)
        activity = payload("message_personal")
        activity["serviceUrl"] = fake.service_url
        body = json.dumps(activity).encode()
        plain = {"Content-Type": "application/json"}
        forged = httpx.post(f"{base}{MESSAGES_PATH}", content=body, headers=plain)
        assert forged.status_code == 401
        signed = httpx.post(f"{base}{MESSAGES_PATH}", content=body, headers=fake.sign(activity))
        assert signed.status_code == 200
    finally:
        web.terminate()
        web.wait(timeout=30)
    engine = make_engine(database)
    assert events_stored(Register(engine, session_factory(engine))) == 1
    engine.dispose()


def _wait_for(url: str, process: subprocess.Popen[bytes]) -> None:
    """Until uvicorn says it listens (read from its log, so the test never sleeps)."""
    assert process.stderr is not None
    seen = []
    for raw in iter(process.stderr.readline, b""):
        line = raw.decode(errors="replace")
        seen.append(line)
        if "Uvicorn running on" in line:
            assert httpx.get(url, timeout=5).status_code == 200
            return
    raise AssertionError("voortgang web stopped:\n" + "".join(seen))
