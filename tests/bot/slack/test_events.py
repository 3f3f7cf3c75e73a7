"""bot.slack.events: Slack's payloads as events, with the text as the person typed it.

Slack sends typed "&", "<" and ">" as "&amp;", "&lt;" and "&gt;" in message and command text
(not in a form's inputs); they are decoded after its own markup is set apart, so the update
and the letter carry the words as typed. End to end on both databases: a signed event in, the
update stored, the bot's confirmation in Slack and the Markdown and HTML letter read back.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.letter.formats import render
from bot.slack.events import Home, parse, typed
from handlers.brief.drafts import compile_letter, read_period
from storage.models import Programme, StatusUpdate
from tests.slack_world import (
    SlackWorld,
    button_in,
    first_ping,
    form_submission,
    open_world,
    payload,
)
from words.chat.inbound import CommandIn, FormIn, MessageIn
from words.clock import FixedClock

AT = datetime(2026, 11, 23, 8, 5, tzinfo=UTC)
TYPED = "Kosten > begroting & planning"
SENT = "Kosten &gt; begroting &amp; planning"  # as Slack sends what was typed


@pytest.mark.parametrize(
    ("sent", "as_typed"),
    [
        (SENT, TYPED),
        ("&lt;@U05BOCE0001&gt; heeft het", "<@U05BOCE0001> heeft het"),  # typed, no mention
        ("met <@U05BOCE0001> besproken", "met <@U05BOCE0001> besproken"),  # a mention
        ("&amp;lt; is hoe je &lt; schrijft", "&lt; is hoe je < schrijft"),  # decoded once
        # Slack's markup is kept as Slack wrote it, entities and all: words.chat.mentions reads it.
        (
            "zie <https://x.example/?a=1&amp;b=2|plan &amp; kosten> &amp; meer",
            "zie <https://x.example/?a=1&amp;b=2|plan &amp; kosten> & meer",
        ),
        ("<#C123|boce> &gt; <!here>", "<#C123|boce> > <!here>"),
        ("&quot;geen&quot; &nbsp; andere", "&quot;geen&quot; &nbsp; andere"),  # only three
        ("geen entiteiten", "geen entiteiten"),
    ],
)
def test_text_is_decoded_outside_slacks_own_markup(sent: str, as_typed: str) -> None:
    assert typed(sent) == as_typed


def test_a_message_and_a_mention_and_a_command_are_decoded_and_cleaned() -> None:
    message = payload("message_im")
    message["event"]["text"] = f"{SENT}\x00"
    found = parse(message, AT)
    assert isinstance(found, MessageIn)
    assert found.text == TYPED
    mention = payload("message_im")
    mention["event"].update(type="app_mention", text="<@U0BOT> status 12 &gt; risico")
    found = parse(mention, AT)
    assert isinstance(found, MessageIn)
    assert found.text == "status 12 > risico"
    command = payload("slash_command")
    command["text"] = f"update 14 {SENT}"
    found = parse(command, AT)
    assert isinstance(found, CommandIn)
    assert found.text == f"update 14 {TYPED}"


def test_the_app_homes_user_is_cleaned() -> None:
    body = payload("app_home_opened")
    body["event"]["user"] = "U0FATIMA\x00"
    found = parse(body, AT)
    assert isinstance(found, Home)
    assert found.user_id == "U0FATIMA"


def test_what_is_typed_in_a_form_is_left_as_typed() -> None:
    # plain_text_input values come as typed: "&amp;" there is what the person wrote.
    body = payload("view_submission")
    body["view"]["private_metadata"] = '{"form": "update", "context": "14", "meta": ""}'
    body["view"]["state"] = {
        "values": {"text": {"text": {"type": "plain_text_input", "value": "a &amp; b\x00"}}}
    }
    found = parse(body, AT)
    assert isinstance(found, FormIn)
    assert found.values == {"text": "a &amp; b"}


# -- end to end ------------------------------------------------------------------------------


@pytest.fixture
def world(db_url: str, clock: FixedClock, tmp_path: Path) -> Iterator[SlackWorld]:
    yield from open_world(db_url, clock, tmp_path)


def reply(world: SlackWorld, user: str, text: str, thread: str, event_id: str) -> dict[str, Any]:
    body = payload("message_thread_reply")
    body["event"].update(
        user=user, text=text, channel=world.dm_channel(user), ts=f"{time.time():.6f}"
    )
    body["event"]["thread_ts"] = thread
    body["event_id"] = event_id
    return body


def stored_texts(world: SlackWorld) -> list[str]:
    with world.register.sessions() as session:
        return list(session.scalars(select(StatusUpdate.text).order_by(StatusUpdate.id)))


def letter(world: SlackWorld) -> tuple[str, str]:
    """This quarter's draft letter of BOCE, in Markdown and in HTML."""
    with world.register.sessions() as session:
        programme = session.scalars(select(Programme).where(Programme.key == "boce")).one()
        period = read_period(programme, "2026-Q4", date(2026, 11, 23))
        compiled = compile_letter(session, programme, period, world.clock.now(), draft=True)
    return render(compiled.letter, "md"), render(compiled.letter, "html")


def test_slacks_entities_become_the_words_as_typed_in_the_update_and_the_letter(
    world: SlackWorld,
) -> None:
    ping = first_ping(world, "Fatima El Amrani")
    fatima = world.user("Fatima El Amrani")
    assert world.event(reply(world, fatima, SENT, str(ping["ts"]), "EvTyped")).status_code == 200
    world.deliver()
    assert stored_texts(world) == [TYPED]
    confirmation = world.posts(world.dm_channel(fatima))[-1]
    assert SENT in confirmation["text"]  # escaped again, once, for Slack to show as typed
    md, html = letter(world)
    assert "Kosten \\> begroting \\& planning." in md  # Markdown's own escapes, once
    assert "&gt;" not in md
    assert "Kosten &gt; begroting &amp; planning." in html  # HTML's, once
    assert "&amp;gt;" not in html
    assert "&amp;amp;" not in html


def test_a_typed_mention_is_stored_as_text_and_never_posted_as_a_mention(
    world: SlackWorld,
) -> None:
    ping = first_ping(world, "Fatima El Amrani")
    fatima = world.user("Fatima El Amrani")
    sent = "&lt;@U05BOCE0001&gt; &lt;!channel&gt; weten ervan"
    world.event(reply(world, fatima, sent, str(ping["ts"]), "EvTypedMention"))
    world.deliver()
    assert stored_texts(world) == ["<@U05BOCE0001> <!channel> weten ervan"]
    shown = json.dumps(world.posts(world.dm_channel(fatima))[-1], ensure_ascii=False)
    assert "<@U05BOCE0001>" not in shown
    assert "<!channel>" not in shown
    assert "&lt;@U05BOCE0001&gt; &lt;!channel&gt; weten ervan" in shown


def test_the_slash_commands_text_is_decoded_too(world: SlackWorld) -> None:
    rob = world.user("Rob Jansen")
    body = payload("slash_command")
    body.update(user_id=rob, text=f"update 2 {SENT}", trigger_id=f"{time.time():.6f}.1.c")
    assert world.command(body).status_code == 200
    world.deliver()
    assert stored_texts(world) == [TYPED]


def test_the_forms_text_is_stored_as_typed(world: SlackWorld) -> None:
    ping = first_ping(world, "Fatima El Amrani")
    fatima = world.user("Fatima El Amrani")
    action_id, value = button_in(ping, "form")
    body = payload("block_actions")
    body["user"]["id"] = fatima
    body["container"].update(channel_id=world.dm_channel(fatima), message_ts=ping["ts"])
    body["actions"][0].update(action_id=action_id, value=value, action_ts=f"{time.time():.6f}")
    assert world.interaction(body).status_code == 200
    [opened] = world.fake.calls("views.open")
    # In a form's input Slack escapes nothing: "&amp;" is what the person typed.
    assert world.interaction(form_submission(opened, fatima, f"{TYPED} &amp;", "")).is_success
    world.deliver()
    assert stored_texts(world) == [f"{TYPED} &amp;"]


def test_a_nul_or_lone_surrogate_slack_sends_is_cleaned_before_anything_is_stored(
    world: SlackWorld,
) -> None:
    ping = first_ping(world, "Fatima El Amrani")
    fatima = world.user("Fatima El Amrani")
    body = reply(world, fatima, "a\x00b \ud800 &amp;", str(ping["ts"]), "EvNul")
    # As JSON escapes, the way a NUL or a lone surrogate arrives over the wire.
    assert world.send(json.dumps(body), "application/json").status_code == 200
    world.deliver()
    assert stored_texts(world) == ["ab \ufffd &"]
