"""bot.teams.gate: an activity the adapter cannot read is a bad request, once authenticated.

Real requests into the web app with tokens from the fake Bot Framework (``FakeConnector``), on
both databases: a malformed body with a valid token is answered 400, without one 401; each
with one line in the log, no traceback and nothing stored. What passes is cleaned before it
is stored.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from sqlalchemy import select

from bot.teams.gate import activity_problem
from bot.teams.wiring import MESSAGES_PATH
from storage.models import InboundEvent, TeamsConversation
from tests.fakes import events_stored, move_intake
from tests.teams_world import PAYLOADS, TeamsWorld, card_text, open_world
from words.catalogue import t
from words.clock import FixedClock

FATIMA = "Fatima El Amrani"


@pytest.fixture
def world(db_url: str, clock: FixedClock, tmp_path: Path) -> Iterator[TeamsWorld]:
    yield from open_world(db_url, clock, tmp_path)


def stored(world: TeamsWorld) -> int:
    return events_stored(world.register)


def logged(caplog: pytest.LogCaptureFixture) -> list[str]:
    """What Voortgang logged at warning or above (the Teams SDK adds a line of its own for a
    forged token); fails on any traceback."""
    assert [r for r in caplog.records if r.exc_info] == [], "a traceback was logged"
    return [
        r.getMessage()
        for r in caplog.records
        if r.levelno >= logging.WARNING and r.name.startswith("bot.")
    ]


def changed(activity: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return {**activity, **fields}


def malformed(world: TeamsWorld) -> dict[str, dict[str, Any]]:
    """Activities of Fatima's chat, each with one thing the adapter cannot read."""
    message = world.message(FATIMA, "mijn acties")
    press = world.card_action(FATIMA, "1:card", {"action": "status", "value": "14:done"})
    return {
        "no type": {k: v for k, v in message.items() if k != "type"},
        "a type that is a number": changed(message, type=1),
        "text that is a number": changed(message, text=12),
        "an id that is an object": changed(message, id={"id": "1"}),
        "from that is a string": changed(message, **{"from": "29:fatima"}),
        "from's object id a number": changed(message, **{"from": {"id": "29:x", "aadObjectId": 7}}),
        "a conversation that is a list": changed(message, conversation=["x"]),
        "a conversation id that is a number": changed(message, conversation={"id": 5}),
        "channelData's tenant a string": changed(message, channelData={"tenant": "t"}),
        "entities that are a string": changed(message, entities="mention"),
        "entities of strings": changed(message, entities=["mention"]),
        "membersAdded of strings": changed(message, membersAdded=["28:bot"]),
        "an invoke without a value": {k: v for k, v in press.items() if k != "value"},
        "an invoke whose value is a string": changed(press, value="14:done"),
        "an invoke whose value is a list": changed(press, value=[{"action": {}}]),
        "a card action whose action is a string": changed(press, value={"action": "vg.status"}),
    }


MALFORMED = (
    "no type",
    "a type that is a number",
    "text that is a number",
    "an id that is an object",
    "from that is a string",
    "from's object id a number",
    "a conversation that is a list",
    "a conversation id that is a number",
    "channelData's tenant a string",
    "entities that are a string",
    "entities of strings",
    "membersAdded of strings",
    "an invoke without a value",
    "an invoke whose value is a string",
    "an invoke whose value is a list",
    "a card action whose action is a string",
)


@pytest.mark.parametrize("name", MALFORMED)
def test_an_authenticated_activity_the_adapter_cannot_read_is_a_bad_request(
    world: TeamsWorld, caplog: pytest.LogCaptureFixture, name: str
) -> None:
    activity = malformed(world)[name]
    caplog.set_level(logging.INFO)
    response = world.post(activity)
    assert response.status_code == 400, name
    assert stored(world) == 0
    [line] = logged(caplog)
    assert line.startswith("teams: request refused (400): "), name


@pytest.mark.parametrize(
    "body", [b"{not json", b"[1, 2]", b"null", b'"message"', b"\xff\xfe", b"[" * 100_000]
)
def test_a_body_that_is_no_activity_is_400_with_a_token_and_401_without(
    world: TeamsWorld, caplog: pytest.LogCaptureFixture, body: bytes
) -> None:
    caplog.set_level(logging.INFO)
    signed = world.fake.sign({"serviceUrl": world.fake.service_url})
    assert world.http.post(MESSAGES_PATH, content=body, headers=signed).status_code == 400
    forged = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    bad = world.fake.sign({"serviceUrl": world.fake.service_url}, key=forged)
    assert world.http.post(MESSAGES_PATH, content=body, headers=bad).status_code == 401
    none = {"Content-Type": "application/json"}
    assert world.http.post(MESSAGES_PATH, content=body, headers=none).status_code == 401
    assert stored(world) == 0
    lines = logged(caplog)
    assert len(lines) == 3
    assert lines[0].startswith("teams: request refused (400): ")
    assert all(line.startswith("teams: request refused (401): ") for line in lines[1:])


def test_a_malformed_activity_without_a_valid_token_stays_401(world: TeamsWorld) -> None:
    forged = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    for activity in malformed(world).values():
        assert world.post(activity, key=forged).status_code == 401
        assert world.post(activity, headers={"Content-Type": "application/json"}).status_code == 401
    assert stored(world) == 0


def test_what_is_stored_of_an_activity_is_cleaned(world: TeamsWorld) -> None:
    assert world.post(world.message(FATIMA, "update 14 a\x00b\ud800")).status_code == 200
    team = world.added_to_team(FATIMA)
    team["channelData"]["channel"] = {"id": world.team, "name": "Alge\x00meen"}
    assert world.post(team).status_code == 200
    move_intake(world.register)
    with world.register.sessions() as session:
        [event] = session.scalars(select(InboundEvent)).all()
        assert event.payload["text"] == "update 14 ab\ufffd"
        names = session.scalars(
            select(TeamsConversation.name).where(TeamsConversation.conversation_id == world.team)
        ).all()
        assert names == ["Algemeen"]


def test_a_form_for_an_action_number_no_row_can_have_is_stored_and_answered(
    world: TeamsWorld,
) -> None:
    # Marieke Hoekstra has a teams: id, so her form is checked before the answer.
    data = {"form": "update", "context": "99999999999999999999", "text": "x"}
    response = world.post(world.card_action("Marieke Hoekstra", "1:card", data))
    assert response.status_code == 200
    assert stored(world) == 1
    world.deliver()
    assert card_text(world.sent_to("Marieke Hoekstra")[-1]) == t("replies.action_gone", "nl")


@pytest.mark.parametrize("path", sorted(PAYLOADS.glob("*.json")), ids=lambda p: p.stem)
def test_every_captured_activity_passes(path: Path) -> None:
    assert activity_problem(json.loads(path.read_text(encoding="utf-8"))) is None
