"""The Slack adapter end to end: signed requests of real payload shapes into the web app and
the real Bolt app, Web API calls out to a fake Slack on a loopback port, on both databases.

The clock starts on Sunday 22 November 2026; the first pings go out on Monday 23 November at
09:00 in Amsterdam. Fatima El Amrani has no Slack id in the programme file: she is found by
her email.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.slack.render import button_of
from storage.models import Action, Identity, Person, StatusUpdate
from tests.fakes import events_stored
from tests.slack_world import SlackWorld, first_ping, form_submission, open_world, payload
from words.clock import FixedClock
from words.domain import Source

MONDAY = datetime(2026, 11, 23, 8, 1, tzinfo=UTC)  # 09:01 in Amsterdam


@pytest.fixture
def world(db_url: str, clock: FixedClock, tmp_path: Path) -> Iterator[SlackWorld]:
    yield from open_world(db_url, clock, tmp_path)


def pinged(world: SlackWorld, name: str) -> dict[str, Any]:
    """Let Monday's pings (and digests) go out through Slack; the ping to ``name``, as posted."""
    return first_ping(world, name)


def updates(world: SlackWorld) -> list[StatusUpdate]:
    with world.register.sessions() as session:
        return list(session.scalars(select(StatusUpdate).order_by(StatusUpdate.id)))


def reply(
    world: SlackWorld, user: str, text: str, thread: str | None, event_id: str
) -> dict[str, Any]:
    body = payload("message_thread_reply" if thread else "message_im")
    event = body["event"]
    event.update(user=user, text=text, channel=world.dm_channel(user), ts=f"{time.time():.6f}")
    if thread:
        event["thread_ts"] = thread
    body["event_id"] = event_id
    return body


# -- signatures -----------------------------------------------------------------------------


def test_a_forged_request_is_refused_and_stores_nothing(world: SlackWorld) -> None:
    response = world.event(payload("message_im"), secret="forged")
    assert response.status_code == 401
    assert events_stored(world.register) == 0


def test_a_replayed_request_over_five_minutes_old_is_refused(world: SlackWorld) -> None:
    response = world.event(payload("message_im"), timestamp=int(time.time()) - 6 * 60)
    assert response.status_code == 401


# -- replies become updates ----------------------------------------------------------------


def test_a_reply_in_the_pings_thread_becomes_an_update_confirmed_in_the_thread(
    world: SlackWorld,
) -> None:
    ping = pinged(world, "Fatima El Amrani")
    assert ping["blocks"]  # Block Kit, with the status buttons
    fatima = world.user("Fatima El Amrani")
    channel = world.dm_channel(fatima)
    thread = str(ping["ts"])
    world.fake.clear()
    started = time.perf_counter()
    response = world.event(reply(world, fatima, "loopt goed, klaar in maart", thread, "Ev1"))
    assert response.status_code == 200
    assert time.perf_counter() - started < 3  # acknowledged well within Slack's 3 seconds
    world.deliver()
    [update] = updates(world)
    assert update.text == "loopt goed, klaar in maart"
    answers = world.posts(channel)
    assert answers
    assert answers[-1].get("thread_ts") == thread


def test_the_same_event_four_times_makes_one_update(world: SlackWorld) -> None:
    fatima = world.user("Fatima El Amrani")
    thread = str(pinged(world, "Fatima El Amrani")["ts"])
    body = reply(world, fatima, "inbreng verstuurd", thread, "EvRetried")
    for attempt in range(4):
        headers = {"X-Slack-Retry-Num": str(attempt), "X-Slack-Retry-Reason": "http_timeout"}
        assert world.event(body, headers=headers if attempt else None).status_code == 200
    world.deliver()
    assert len(updates(world)) == 1
    assert events_stored(world.register) == 1


def test_someone_found_by_email_is_linked_once(world: SlackWorld) -> None:
    fatima = world.user("Fatima El Amrani")
    world.event(reply(world, fatima, "mijn acties", None, "EvMine"))
    world.deliver()
    with world.register.sessions() as session:
        person = session.scalars(select(Person).where(Person.name == "Fatima El Amrani")).one()
        linked = session.scalars(
            select(Identity.external_id).where(
                Identity.person_id == person.id, Identity.platform == Source.SLACK
            )
        ).all()
    assert linked == [fatima]
    assert "Je open acties" in world.posts(world.dm_channel(fatima))[-1]["text"]


def test_someone_in_no_programme_gets_a_polite_answer(world: SlackWorld) -> None:
    world.fake.add_user("U0STRANGER", email="iemand@elders.example", name="Iemand")
    world.event(reply(world, "U0STRANGER", "hallo", None, "EvStranger"))
    world.deliver()
    [answer] = world.posts(world.dm_channel("U0STRANGER"))
    assert "programma" in answer["text"]


# -- buttons, the form and its errors ------------------------------------------------------


def _press(world: SlackWorld, user: str, thread: str, action_id: str, value: str) -> Any:
    body = payload("block_actions")
    body["user"]["id"] = user
    body["container"].update(channel_id=world.dm_channel(user), message_ts=thread)
    body["actions"][0].update(action_id=action_id, value=value, action_ts=f"{time.time():.6f}")
    return world.interaction(body)


def _button(ping: dict[str, Any], action: str) -> tuple[str, str]:
    for block in json.loads(ping["blocks"]) if isinstance(ping["blocks"], str) else ping["blocks"]:
        for element in block.get("elements", []):
            if (
                element.get("type") == "button"
                and button_of(element["action_id"], element["value"])[0] == action
            ):
                return element["action_id"], element["value"]
    raise AssertionError(f"no {action} button")


def test_a_status_button_records_the_status(world: SlackWorld) -> None:
    ping = pinged(world, "Fatima El Amrani")
    fatima = world.user("Fatima El Amrani")
    thread = str(ping["ts"])
    action_id, value = _button(ping, "status")
    assert _press(world, fatima, thread, action_id, value).status_code == 200
    world.deliver()
    [update] = updates(world)
    assert update.status is not None


def test_the_write_button_opens_the_form_and_an_unreadable_deadline_is_shown_in_it(
    world: SlackWorld,
) -> None:
    ping = pinged(world, "Fatima El Amrani")
    fatima = world.user("Fatima El Amrani")
    thread = str(ping["ts"])
    action_id, value = _button(ping, "form")
    assert _press(world, fatima, thread, action_id, value).status_code == 200
    [opened] = world.fake.calls("views.open")
    body = form_submission(opened, fatima, "bijna klaar", "ooit misschien")
    response = world.interaction(body)
    assert response.status_code == 200
    answer = response.json()
    assert answer["response_action"] == "errors"
    assert set(answer["errors"]) == {"deadline"}
    assert updates(world) == []
    body["view"]["state"]["values"]["deadline"]["deadline"]["value"] = "eind maart 2027"
    body["view"]["hash"] = "second-submission"
    response = world.interaction(body)
    assert response.status_code == 200
    assert not response.content or "errors" not in response.json()
    world.deliver()
    [update] = updates(world)
    assert update.text == "bijna klaar"


# -- the slash command and App Home --------------------------------------------------------


def test_the_slash_command_answers_in_a_direct_message(world: SlackWorld) -> None:
    rob = world.user("Rob Jansen")
    body = payload("slash_command")
    body.update(user_id=rob, text="mijn acties", trigger_id=f"{time.time():.6f}.1.a")
    response = world.command(body)
    assert response.status_code == 200
    world.deliver()
    assert "Je open acties" in world.posts(world.dm_channel(rob))[-1]["text"]


def test_app_home_shows_my_actions(world: SlackWorld) -> None:
    rob = world.user("Rob Jansen")
    body = payload("app_home_opened")
    body["event"]["user"] = rob
    assert world.event(body).status_code == 200
    world.settle()
    [published] = world.fake.calls("views.publish")
    view = published.params["view"]
    text = json.dumps(view if isinstance(view, dict) else json.loads(view), ensure_ascii=False)
    with world.register.sessions() as session:
        ow02 = session.scalars(select(Action).where(Action.key == "OW-02")).one()
    assert ow02.title in text
    assert published.params["user_id"] == rob


# -- escaping ------------------------------------------------------------------------------


def test_user_text_is_escaped_in_what_the_bot_posts(world: SlackWorld) -> None:
    fatima = world.user("Fatima El Amrani")
    thread = str(pinged(world, "Fatima El Amrani")["ts"])
    hostile = "<!channel> zie <https://evil.example|de bank> & <@U05BOCE0001>"
    world.event(reply(world, fatima, hostile, thread, "EvHostile"))
    world.deliver()
    answer = world.posts(world.dm_channel(fatima))[-1]
    shown = json.dumps(answer, ensure_ascii=False)
    assert "<!channel>" not in shown
    assert "&lt;!channel&gt;" in shown
    assert "<https://evil.example|de bank>" not in shown
