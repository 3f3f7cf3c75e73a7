"""bot.slack.wiring: which endpoint the web process serves for Slack in each mode."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from fastapi.testclient import TestClient

from bot.engine.opening import Register
from bot.run.http import create_app
from bot.slack.wiring import EVENTS_PATH, SlackRuntime, SlackWorkers
from config.settings import Settings, SlackSettings
from words.clock import FixedClock

SLACK = SlackSettings(signing_secret="s", bot_token="xoxb-1", api_url="http://127.0.0.1:9/api/")


def _settings(tmp_path: Path, slack: SlackSettings) -> Settings:
    return Settings(database_url=f"sqlite:///{tmp_path / 'v.db'}", slack=slack)


def test_http_mode_serves_the_events_endpoint_and_refuses_unsigned_requests(
    register: Register, clock: FixedClock, tmp_path: Path
) -> None:
    runtime = SlackRuntime(register, clock, _settings(tmp_path, SLACK))
    http = TestClient(create_app(register, clock, [runtime]))
    answer = http.post(EVENTS_PATH, json={"type": "event_callback"})
    assert answer.status_code == 401  # served, and no signature means no entry


def test_socket_mode_serves_no_public_endpoint(
    register: Register, clock: FixedClock, tmp_path: Path
) -> None:
    socket = replace(SLACK, app_token="xapp-1")
    runtime = SlackRuntime(register, clock, _settings(tmp_path, socket))
    http = TestClient(create_app(register, clock, [runtime]))
    assert http.post(EVENTS_PATH, json={}).status_code in (404, 405)
    assert http.get("/healthz").status_code == 200


def test_the_clock_processs_slack_sender_claims_for_the_lease_of_the_settings(
    register: Register, clock: FixedClock, tmp_path: Path
) -> None:
    assert SlackWorkers(register, clock, _settings(tmp_path, SLACK)).sender.lease == timedelta(
        minutes=2
    )
    settings = replace(_settings(tmp_path, SLACK), send_lease=timedelta(seconds=9))
    assert SlackWorkers(register, clock, settings).sender.lease == timedelta(seconds=9)
