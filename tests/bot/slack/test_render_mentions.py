"""A Slack channel post's mentions: ``<@U…>`` in a section after its sections and at the end of
the notification text, rendered and delivered through the real port to a fake Slack."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from slack_sdk.models.blocks import Block as SdkBlock

from bot.slack.client import slack_client
from bot.slack.port import SlackPort
from bot.slack.render import MESSAGE_BLOCKS, fallback_text, mention_line, message_blocks
from handlers.wording import sectioned
from tests.fake_slack import FakeSlack
from words.chat.delivery import Delivery, DeliveryKind, Mention
from words.chat.messages import Button, Message, Section

ELS = Mention("Els Bakker", "U0ELS")
TOM = Mention("Tom <b> & Smit", "W0TOM")  # a Slack Connect member of another organisation
POST = sectioned("Digest Wonen", [("Nog geen antwoord", ["• Els Bakker over #3"])])
CHANNEL = "C0000WONEN"


def texts(blocks: list[dict[str, Any]]) -> list[str]:
    return [b["text"]["text"] for b in blocks if "text" in b]


def test_the_mentions_are_a_section_after_the_sections() -> None:
    blocks = message_blocks(POST, mentions=(ELS, TOM))
    assert blocks[-1] == {
        "type": "section",
        "text": {"type": "mrkdwn", "text": "<@U0ELS>, <@W0TOM>", "verbatim": True},
    }
    assert texts(blocks)[:-1] == texts(message_blocks(POST))
    for block in blocks:
        SdkBlock.parse(block)


def test_names_are_not_written_slack_shows_its_own_and_text_stays_escaped() -> None:
    blocks = message_blocks(Message("x", sections=(Section("Tom <b> & Smit"),)), mentions=(TOM,))
    assert texts(blocks) == ["Tom &lt;b&gt; &amp; Smit", "<@W0TOM>"]


def test_an_id_that_is_no_id_cannot_end_the_mention_early() -> None:
    odd = Mention("X", "U1>, <!channel")
    assert mention_line((odd,)) == "<@U1&gt;, &lt;!channel>"


def test_the_notification_text_ends_with_the_mentions() -> None:
    assert fallback_text(POST, (ELS,)) == f"{fallback_text(POST)}\n<@U0ELS>"
    assert fallback_text(POST) == fallback_text(POST, ())


def test_buttons_come_after_the_mentions_and_they_are_kept_when_too_much() -> None:
    many = tuple(Section(f"deel {n}") for n in range(80))
    message = Message("x", sections=many, buttons=(Button("Ja", "y", "1"),))
    blocks = message_blocks(message, mentions=(ELS,))
    assert len(blocks) == MESSAGE_BLOCKS
    assert [b["type"] for b in blocks[-3:]] == ["context", "section", "actions"]
    assert texts(blocks)[-1] == "<@U0ELS>"


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        fake.add_channel("wonen", CHANNEL)
        yield fake


def test_the_port_posts_a_channel_posts_mentions(slack: FakeSlack) -> None:
    port = SlackPort(slack_client(slack.token, slack.url))
    port.deliver(
        Delivery("c1", DeliveryKind.CHANNEL, "#wonen", "wonen", message=POST, mentions=(ELS,))
    )
    [posted] = slack.posted(CHANNEL)
    assert posted["text"].endswith("\n<@U0ELS>")
    assert texts(posted["blocks"])[-1] == "<@U0ELS>"


def test_many_mentions_take_several_sections_within_slacks_limit() -> None:
    mentions = tuple(Mention(f"P{n}", f"U{n:020d}") for n in range(250))
    blocks = message_blocks(POST, mentions=mentions)
    lines = texts(blocks)[-3:]
    assert all(len(line) <= 3000 for line in lines)
    assert ", ".join(lines) == mention_line(mentions)
