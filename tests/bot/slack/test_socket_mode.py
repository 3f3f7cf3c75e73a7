"""The Slack adapter in Socket Mode, end to end: the web app (under TestClient, whose lifespan
starts the connection) asks the fake Web API for a WebSocket URL with its app-level token,
connects to a fake Socket Mode server on a loopback port, and takes envelopes of real payload
shapes from it; what it acknowledges is in the database, and the clock process's workers
answer through the fake Web API. On both databases.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from aiohttp import WSCloseCode
from sqlalchemy import select

from bot.engine.opening import Register
from bot.slack.wiring import AppTokenRefusedError, SlackRuntime
from config.settings import Settings
from storage.models import StatusUpdate
from tests.fake_slack import CONNECTIONS_OPEN, FakeSlack
from tests.fake_socket_mode import WAIT, FakeSocketMode, events_api, interactive, slash_commands
from tests.fakes import events_stored
from tests.slack_world import (
    APP_TOKEN,
    TOKEN,
    SlackWorld,
    button_in,
    first_ping,
    form_submission,
    payload,
    slack_settings,
    socket_world,
)
from words.catalogue import t
from words.clock import FixedClock


@pytest.fixture
def socket() -> Iterator[FakeSocketMode]:
    with FakeSocketMode() as server:
        yield server


@pytest.fixture
def world(
    db_url: str, clock: FixedClock, tmp_path: Path, socket: FakeSocketMode
) -> Iterator[SlackWorld]:
    with socket_world(db_url, clock, tmp_path, socket) as found:
        socket.wait_connected()
        yield found


def stored(world: SlackWorld) -> int:
    return events_stored(world.register)


def updates(world: SlackWorld) -> list[StatusUpdate]:
    with world.register.sessions() as session:
        return list(session.scalars(select(StatusUpdate).order_by(StatusUpdate.id)))


def direct_message(world: SlackWorld, user: str, text: str, event_id: str) -> dict[str, Any]:
    """The captured message.im callback, from ``user`` in their direct message with the bot."""
    body = payload("message_im")
    body["event"].update(user=user, text=text, channel=world.dm_channel(user))
    body["event"].update(ts=f"{time.time():.6f}", event_ts=f"{time.time():.6f}")
    body["event_id"] = event_id
    return body


def press(world: SlackWorld, user: str, message: dict[str, Any], action: str) -> dict[str, Any]:
    """The captured block_actions payload: ``user`` presses ``action``'s button in ``message``."""
    action_id, value = button_in(message, action)
    body = payload("block_actions")
    body["user"]["id"] = user
    body["container"].update(channel_id=world.dm_channel(user), message_ts=message["ts"])
    body["actions"][0].update(action_id=action_id, value=value, action_ts=f"{time.time():.6f}")
    body["trigger_id"] = f"{time.time():.6f}.1.socket"
    return body


# -- connecting ------------------------------------------------------------------------------


def test_the_app_connects_with_its_app_level_token_and_serves_no_endpoint(
    world: SlackWorld, socket: FakeSocketMode
) -> None:
    [opened] = world.fake.calls(CONNECTIONS_OPEN)
    assert opened.headers["Authorization"] == f"Bearer {APP_TOKEN}"
    assert opened.error is None
    assert len(socket.connections) == 1
    assert socket.refused == []
    # Socket Mode needs no public endpoint: not even a correctly signed request gets in.
    assert world.event(payload("message_im")).status_code in (404, 405)
    assert world.http.get("/healthz").status_code == 200
    assert stored(world) == 0


@pytest.mark.parametrize(
    ("presented", "reason"),
    [("xapp-1-A0VOORTGANG-revoked", "invalid_auth"), (TOKEN, "not_allowed_token_type")],
)
def test_a_refused_app_token_stops_the_start_instead_of_retrying_forever(
    register: Register,
    clock: FixedClock,
    socket: FakeSocketMode,
    presented: str,
    reason: str,
) -> None:
    with FakeSlack(TOKEN) as fake:
        fake.socket_mode(APP_TOKEN, socket.issue)
        slack = replace(slack_settings(fake), app_token=presented)
        url = register.engine.url.render_as_string(hide_password=False)
        runtime = SlackRuntime(register, clock, Settings(database_url=url, slack=slack))

        async def start() -> None:
            # Bounded, because the SDK alone retries a refused token every 10 s for ever: the
            # web app's lifespan never finished starting.
            await asyncio.wait_for(runtime.start(), WAIT)

        with pytest.raises(AppTokenRefusedError, match=reason):
            asyncio.run(start())
    assert len(fake.calls(CONNECTIONS_OPEN)) == 1  # refused once, not tried again
    assert socket.connections == []


# -- events ----------------------------------------------------------------------------------


def test_a_direct_message_is_acknowledged_once_stored_and_answered_by_the_workers(
    world: SlackWorld, socket: FakeSocketMode
) -> None:
    fatima = world.user("Fatima El Amrani")
    envelope = events_api(direct_message(world, fatima, "mijn acties", "EvSocketIm1"))
    ack = socket.wait_ack(socket.push(envelope))
    assert ack.envelope_id == envelope["envelope_id"]
    assert ack.payload is None  # events take no answer in the acknowledgement
    # Stored before the acknowledgement left, and nothing answered by the web process.
    assert stored(world) == 1
    assert world.posts() == []
    world.deliver()  # the clock process: the inbox worker, then the sender
    [answer] = world.posts(world.dm_channel(fatima))
    assert "Je open acties" in answer["text"]
    assert answer["channel"] == world.dm_channel(fatima)


def test_the_same_event_delivered_again_is_acknowledged_and_stored_once(
    world: SlackWorld, socket: FakeSocketMode
) -> None:
    fatima = world.user("Fatima El Amrani")
    body = direct_message(world, fatima, "mijn acties", "EvSocketRetried")
    first = events_api(body)
    socket.push(first)
    socket.push(first)  # the very same envelope again
    # Slack's retry after a missed acknowledgement: the same event in a new envelope.
    retry = events_api(body, retry_attempt=1, retry_reason="timeout")
    socket.push(retry)
    assert len(socket.wait_acks(first["envelope_id"], count=2)) == 2
    socket.wait_ack(retry["envelope_id"])
    assert stored(world) == 1
    world.deliver()
    assert len(world.posts(world.dm_channel(fatima))) == 1


# -- the slash command -----------------------------------------------------------------------


def test_the_slash_command_is_acknowledged_and_answered(
    world: SlackWorld, socket: FakeSocketMode
) -> None:
    rob = world.user("Rob Jansen")
    body = payload("slash_command")
    body.update(user_id=rob, text="help", trigger_id=f"{time.time():.6f}.1.help")
    ack = socket.wait_ack(socket.push(slash_commands(body)))
    assert ack.payload is None  # an empty acknowledgement: the answer comes as a message
    assert stored(world) == 1
    world.deliver()
    [answer] = world.posts(world.dm_channel(rob))
    assert t("commands.help.intro", "nl") in answer["text"]


# -- buttons and the form --------------------------------------------------------------------


def test_a_status_button_is_acknowledged_and_recorded(
    world: SlackWorld, socket: FakeSocketMode
) -> None:
    ping = first_ping(world, "Fatima El Amrani")
    fatima = world.user("Fatima El Amrani")
    envelope = interactive(press(world, fatima, ping, "status"))
    assert envelope["accepts_response_payload"] is False
    ack = socket.wait_ack(socket.push(envelope))
    assert ack.payload is None
    assert stored(world) == 1
    world.deliver()
    [update] = updates(world)
    assert update.status is not None


def test_the_forms_errors_come_back_in_the_acknowledgement(
    world: SlackWorld, socket: FakeSocketMode
) -> None:
    ping = first_ping(world, "Fatima El Amrani")
    fatima = world.user("Fatima El Amrani")
    click = press(world, fatima, ping, "form")
    socket.wait_ack(socket.push(interactive(click)))
    # The modal is opened with the click's trigger id, before the acknowledgement.
    [opened] = world.fake.calls("views.open")
    assert opened.params["trigger_id"] == click["trigger_id"]
    body = form_submission(opened, fatima, "bijna klaar", "ooit misschien")
    refused = interactive(body)
    assert refused["accepts_response_payload"] is True
    ack = socket.wait_ack(socket.push(refused))
    assert ack.payload is not None
    assert ack.payload["response_action"] == "errors"
    assert set(ack.payload["errors"]) == {"deadline"}
    assert stored(world) == 0
    body["view"]["state"]["values"]["deadline"]["deadline"]["value"] = "eind maart 2027"
    body["view"]["hash"] = "second-submission"
    ack = socket.wait_ack(socket.push(interactive(body)))
    assert ack.payload is None  # no errors: the modal closes
    world.deliver()
    [update] = updates(world)
    assert update.text == "bijna klaar"


# -- the connection's life -------------------------------------------------------------------


def test_when_slack_asks_for_a_new_connection_the_app_moves_to_it(
    world: SlackWorld, socket: FakeSocketMode
) -> None:
    first = socket.current()
    socket.disconnect("refresh_requested")
    second = socket.wait_connected(count=2)
    first.wait_closed()
    assert first.closed_by_client
    assert len(world.fake.calls(CONNECTIONS_OPEN)) == 2  # a fresh URL: tickets are single use
    fatima = world.user("Fatima El Amrani")
    envelope = events_api(direct_message(world, fatima, "mijn acties", "EvAfterRefresh"))
    socket.wait_ack(socket.push(envelope, second))
    assert stored(world) == 1


def test_stopping_the_app_closes_the_connection_cleanly(
    db_url: str,
    clock: FixedClock,
    tmp_path: Path,
    socket: FakeSocketMode,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING)
    with socket_world(db_url, clock, tmp_path, socket) as world:
        connection = socket.wait_connected()
        fatima = world.user("Fatima El Amrani")
        envelope = events_api(direct_message(world, fatima, "mijn acties", "EvBeforeStop"))
        socket.wait_ack(socket.push(envelope))
    connection.wait_closed()
    assert connection.closed_by_client  # a close frame, not a dropped line
    assert connection.close_code == WSCloseCode.OK
    # Closed for good: no reconnection, and nothing went wrong on the way out.
    assert len(socket.connections) == 1
    assert len(world.fake.calls(CONNECTIONS_OPEN)) == 1
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


# -- malformed envelopes ---------------------------------------------------------------------


def test_a_malformed_payload_is_acknowledged_and_logged_once_and_the_connection_carries_on(
    world: SlackWorld, socket: FakeSocketMode, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    connection = socket.current()
    broken_event = dict(payload("message_im"), event="message")
    broken_actions = dict(payload("block_actions"), actions="status")
    foreign_form = payload("view_submission")
    foreign_form["view"]["private_metadata"] = "not ours"
    envelopes = [
        events_api(broken_event),
        interactive(broken_actions),
        interactive(foreign_form),
        slash_commands({"command": "/voortgang", "text": "help"}),  # without the user
    ]
    for envelope in envelopes:
        ack = socket.wait_ack(socket.push(envelope))
        assert ack.payload is None  # acknowledged, so Slack does not send it again
    assert stored(world) == 0
    assert [r for r in caplog.records if r.exc_info] == []
    lines = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(lines) == len(envelopes)
    assert all(line.startswith("slack: request refused (socket): ") for line in lines)
    # The same connection takes the next envelope as usual.
    fatima = world.user("Fatima El Amrani")
    socket.wait_ack(socket.push(events_api(direct_message(world, fatima, "help", "EvAfter"))))
    assert socket.current() is connection
    assert stored(world) == 1
