"""The Teams adapter end to end: signed activities of captured shapes into the web app, the
connector calls out to a fake on a loopback port, on both databases.

The clock starts on Sunday 22 November 2026; the first pings go out on Monday 23 November at
09:00 in Amsterdam. Marieke Hoekstra (the director) has a ``teams:`` id in the programme file;
Fatima El Amrani has none and is found by her email once she writes or installs the app.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from sqlalchemy import select

from bot.engine.runner import Runner
from storage.models import (
    Action,
    Identity,
    OutboxMessage,
    Person,
    PersonUnreachable,
    StatusUpdate,
    TeamsConversation,
)
from tests.fake_teams import CREATE, SEND
from tests.fakes import events_stored
from tests.teams_world import TeamsWorld, card_text, open_world
from words.clock import FixedClock
from words.domain import OutboxState, Source, Status

MONDAY = datetime(2026, 11, 23, 8, 1, tzinfo=UTC)  # 09:01 in Amsterdam
FATIMA = "Fatima El Amrani"
MARIEKE = "Marieke Hoekstra"


@pytest.fixture
def world(db_url: str, clock: FixedClock, tmp_path: Path) -> Iterator[TeamsWorld]:
    yield from open_world(db_url, clock, tmp_path)


def stored(world: TeamsWorld) -> int:
    return events_stored(world.register)


def updates(world: TeamsWorld) -> list[StatusUpdate]:
    with world.register.sessions() as session:
        return list(session.scalars(select(StatusUpdate).order_by(StatusUpdate.id)))


def installed(world: TeamsWorld, name: str) -> None:
    """``name`` adds the app in Teams; the clock process then finds them by email."""
    assert world.post(world.install(name)).status_code == 200
    assert world.workers.directory.link_new_chats() == 1


def pinged(world: TeamsWorld, name: str) -> dict[str, Any]:
    """Let Monday's pings go out through Teams; the ping card ``name`` received."""
    Runner(world.register, world.clock, world.sender).advance_to(MONDAY)
    pings = [a for a in world.sent_to(name) if '"vg.status"' in json.dumps(a)]
    assert pings, f"no ping reached {name}"
    return pings[-1]


def button(card: dict[str, Any], action: str) -> dict[str, Any]:
    """The data of the first Action.Execute on the card whose data says ``action``."""
    found: list[dict[str, Any]] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            data = node.get("data")
            executes = node.get("type") == "Action.Execute"
            if executes and isinstance(data, dict) and data.get("action") == action:
                found.append(data)
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(card)
    assert found, f"no {action} button"
    return found[0]


# -- who may post ---------------------------------------------------------------------------


def test_a_request_without_a_valid_token_is_refused_and_stores_nothing(
    world: TeamsWorld,
) -> None:
    activity = world.message(FATIMA, "mijn acties")
    forged = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    refused = [
        world.post(activity, headers={"Content-Type": "application/json"}),
        world.post(activity, key=forged),
        world.post(activity, lifetime=-600),  # expired ten minutes ago, past the leeway
        world.post(activity, aud="another-app"),
        world.post(activity, iss="https://sts.example.org"),
        world.post(activity, serviceurl="https://elsewhere.example.org/"),
        world.post(activity, leave_out=("exp",)),
        world.post({k: v for k, v in activity.items() if k != "serviceUrl"}),
    ]
    assert [r.status_code for r in refused] == [401] * len(refused)
    assert stored(world) == 0
    with world.register.sessions() as session:
        assert session.scalars(select(TeamsConversation)).all() == []
    assert world.post(activity).status_code == 200
    assert stored(world) == 1


def test_what_is_not_json_is_a_bad_request(world: TeamsWorld) -> None:
    headers = world.fake.sign({"serviceUrl": world.fake.service_url})
    response = world.http.post("/api/messages", content=b"{not json", headers=headers)
    assert response.status_code == 400


# -- messages -------------------------------------------------------------------------------


def test_someone_found_by_email_gets_the_answer_in_their_chat(world: TeamsWorld) -> None:
    assert world.post(world.message(FATIMA, "mijn acties")).status_code == 200
    world.deliver()
    with world.register.sessions() as session:
        person = session.scalars(select(Person).where(Person.name == FATIMA)).one()
        identity = session.scalars(select(Identity).where(Identity.person_id == person.id)).one()
        assert (identity.platform, identity.external_id) == (Source.TEAMS, world.user(FATIMA))
    answers = world.sent_to(FATIMA)
    assert len(answers) == 1
    assert card_text(answers[0]).startswith("Je open acties (4):")


def test_the_same_activity_twice_makes_one_update(world: TeamsWorld) -> None:
    installed(world, FATIMA)
    ping = pinged(world, FATIMA)
    reply = world.message(FATIMA, "loopt goed, aanvragen liggen op schema", reply_to=ping["id"])
    assert [world.post(reply).status_code for _ in range(2)] == [200, 200]
    assert stored(world) == 1
    world.deliver()
    found = updates(world)
    assert [u.text for u in found] == ["loopt goed, aanvragen liggen op schema"]
    assert found[0].status is Status.ON_TRACK
    confirmations = [a for a in world.sent_to(FATIMA) if a.get("replyToId") == ping["id"]]
    assert len(confirmations) == 1


def test_someone_in_no_programme_gets_a_polite_answer(world: TeamsWorld) -> None:
    world.fake.add_user("aad-stranger", "Iemand Anders", email="iemand@example.org")
    activity = world.message(FATIMA, "hallo")
    activity["from"] = {"id": "29:aad-stranger", "aadObjectId": "aad-stranger"}
    activity["conversation"]["id"] = world.fake.open_chat("aad-stranger")
    assert world.post(activity).status_code == 200
    world.deliver()
    chat = world.fake.activities(world.fake.open_chat("aad-stranger"))
    assert len(chat) == 1
    assert "niet" in card_text(chat[0]).lower()
    assert "not" in card_text(chat[0]).lower()


# -- proactive pings ------------------------------------------------------------------------


def test_a_ping_creates_the_chat_of_someone_known_by_their_object_id(world: TeamsWorld) -> None:
    # The second Monday, the director's digest lists what nobody answered.
    Runner(world.register, world.clock, world.sender).advance_to(MONDAY + timedelta(days=7))
    created = [c for c in world.fake.calls(CREATE) if c.status == 201]
    members = {c.body["members"][0]["id"] for c in created}
    assert world.user(MARIEKE) in members  # her digest: a chat made for her
    assert "Geen update (alle thema's)" in card_text(world.sent_to(MARIEKE)[-1])
    with world.register.sessions() as session:
        chat = session.scalars(
            select(TeamsConversation).where(TeamsConversation.user_id == world.user(MARIEKE))
        ).one()
        assert chat.reachable


def test_after_installing_the_app_pings_reach_her(world: TeamsWorld) -> None:
    installed(world, FATIMA)
    text = card_text(pinged(world, FATIMA))
    assert "#14 BOCE-inbreng voorbereiden voor het MIRT-overleg" in text
    assert "Schrijf update" in text


def test_someone_who_cannot_be_reached_is_reported_with_what_to_do(world: TeamsWorld) -> None:
    installed(world, FATIMA)
    world.fake.install(world.user(FATIMA), installed=False)  # she blocks the bot
    Runner(world.register, world.clock, world.sender).advance_to(MONDAY)
    with world.register.sessions() as session:
        fatima = session.scalars(select(Person).where(Person.name == FATIMA)).one()
        noted = session.get(PersonUnreachable, (fatima.id, Source.TEAMS))
        assert noted is not None
        assert "403" in noted.reason
    sends = len(world.fake.calls(SEND))
    # The next week's ping to her is not tried against Teams: it fails at once.
    Runner(world.register, world.clock, world.sender).advance_to(MONDAY + timedelta(days=7))
    to_her = [c for c in world.fake.calls(SEND) if world.chat(FATIMA) in c.path]
    assert len(to_her) == 1  # the one refused last week
    assert len(world.fake.calls(SEND)) > sends  # everyone else's went out
    director = card_text(world.sent_to(MARIEKE)[-1])
    assert "Niet bereikbaar\n" in director
    assert "Fatima El Amrani: de app Voortgang is niet voor Fatima El Amrani" in director


def test_removing_the_app_makes_her_unreachable_until_she_adds_it_again(
    world: TeamsWorld,
) -> None:
    installed(world, FATIMA)
    assert world.post(world.uninstall(FATIMA)).status_code == 200
    with world.register.sessions() as session:
        chat = session.scalars(
            select(TeamsConversation).where(TeamsConversation.user_id == world.user(FATIMA))
        ).one()
        assert not chat.reachable
    assert world.post(world.install(FATIMA)).status_code == 200
    pinged(world, FATIMA)


# -- cards ----------------------------------------------------------------------------------


def test_a_status_button_records_the_status(world: TeamsWorld) -> None:
    installed(world, FATIMA)
    ping = pinged(world, FATIMA)
    data = button(ping, "status")
    response = world.post(world.card_action(FATIMA, ping["id"], data))
    assert response.status_code == 200
    assert response.json() == {
        "statusCode": 200,
        "type": "application/vnd.microsoft.activity.message",
        "value": "Ontvangen.",
    }
    world.deliver()
    assert [u.status for u in updates(world)] == [Status(data["value"].split(":")[1])]


def test_the_write_button_opens_the_form_on_the_card_and_shows_its_errors(
    world: TeamsWorld,
) -> None:
    installed(world, FATIMA)
    ping = pinged(world, FATIMA)
    opened = world.post(world.card_action(FATIMA, ping["id"], button(ping, "form")))
    assert opened.status_code == 200
    body = opened.json()
    assert body["type"] == "application/vnd.microsoft.card.adaptive"
    inputs = {e["id"] for e in _elements(body["value"]) if e.get("type", "").startswith("Input.")}
    assert inputs == {"status", "text", "deadline"}
    context = next(
        e["data"]["context"] for e in _elements(body["value"]) if "form" in e.get("data", {})
    )
    form = {"form": "update", "context": context, "status": "", "text": "x", "deadline": "ooit"}
    refused = world.post(world.card_action(FATIMA, ping["id"], form))
    assert refused.json()["type"] == "application/vnd.microsoft.card.adaptive"
    assert "ooit" in json.dumps(refused.json())  # what she typed, kept
    assert "⚠" in card_text({"attachments": [refused.json()["value"]]})
    assert stored(world) == 0  # a refused form is not an update
    form["deadline"] = "eind maart 2027"
    accepted = world.post(world.card_action(FATIMA, ping["id"], form))
    assert accepted.json()["type"] == "application/vnd.microsoft.card.adaptive"
    assert "Input.Text" not in json.dumps(accepted.json())  # the card as it was
    world.deliver()
    assert [u.text for u in updates(world)] == ["x"]


def _elements(node: object) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for child in node.values():
            yield from _elements(child)
    elif isinstance(node, list):
        for child in node:
            yield from _elements(child)


# -- channels -------------------------------------------------------------------------------


def test_digests_go_to_the_team_channel_named_after_the_theme(world: TeamsWorld) -> None:
    assert world.post(world.added_to_team(MARIEKE)).status_code == 200
    assert world.workers.directory.list_channels() == 1
    Runner(world.register, world.clock, world.sender).advance_to(MONDAY)
    for theme in ("Omgevingswet", "Bereikbaarheid", "Recreatie & Toerisme", "Leefbaarheid"):
        posts = world.in_channel(theme)
        assert len(posts) == 1, theme
        assert "Updates van de afgelopen week" in card_text(posts[0])


def test_user_text_is_escaped_in_what_the_bot_posts(world: TeamsWorld) -> None:
    installed(world, FATIMA)
    ping = pinged(world, FATIMA)
    hostile = "klaar <at>Iedereen</at> [klik](https://evil.example.org) {{DATE(2027)}}"
    world.post(world.message(FATIMA, hostile, reply_to=ping["id"]))
    world.deliver()
    with world.register.sessions() as session:
        action = session.scalars(select(Action).where(Action.number == 14)).one()
        sent = session.scalars(
            select(OutboxMessage).where(OutboxMessage.state == OutboxState.SENT)
        ).all()
    assert action is not None
    assert sent
    posted = json.dumps(world.sent_to(FATIMA)[-1])
    assert "<at>" not in posted
    assert "](https://evil" not in posted
    assert "{{DATE" not in posted
