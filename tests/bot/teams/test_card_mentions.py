"""A Teams channel post's mentions: a line of <at> tags after the sections, and the card's
``msteams.entities`` whose texts are exactly those tags."""

from __future__ import annotations

import json
import re
import ssl
from typing import Any

import pytest

from bot.teams.cards import CARD_BYTES, message_activity, message_card
from bot.teams.client import teams_client
from bot.teams.mentioning import mention_tag
from bot.teams.port import TeamsPort
from bot.teams.refs import conversation_address
from handlers.wording import sectioned
from tests.fake_teams import FakeConnector
from words.chat.delivery import Delivery, DeliveryKind, Mention
from words.chat.messages import Button, Message, Section

ELS = Mention("Els Bakker", "6f1c2d3e-0000-4000-8000-000000000001")
TOM = Mention("Tom Smit", "29:1tom")  # a Teams user id works the same way
POST = sectioned("Digest Wonen", [("Nog geen antwoord", ["• Els Bakker over #3"])])


def body_texts(card: dict[str, Any]) -> list[str]:
    found: list[str] = []

    def walk(elements: list[dict[str, Any]]) -> None:
        for element in elements:
            if element["type"] == "TextBlock":
                found.append(element["text"])
            walk(element.get("items", []))

    walk(card["body"])
    return found


def test_the_mentions_are_a_line_after_the_sections_with_an_entity_each() -> None:
    card = message_card(POST, lang="nl", mentions=(ELS, TOM))
    assert body_texts(card)[-1] == "<at>Els Bakker</at>, <at>Tom Smit</at>"
    assert card["body"][-1] == {
        "type": "TextBlock",
        "text": "<at>Els Bakker</at>, <at>Tom Smit</at>",
        "wrap": True,
    }
    assert card["msteams"] == {
        "entities": [
            {
                "type": "mention",
                "text": "<at>Els Bakker</at>",
                "mentioned": {"id": ELS.user_id, "name": "Els Bakker"},
            },
            {
                "type": "mention",
                "text": "<at>Tom Smit</at>",
                "mentioned": {"id": "29:1tom", "name": "Tom Smit"},
            },
        ]
    }


def test_every_entity_text_is_in_the_card_and_every_tag_has_its_entity() -> None:
    card = message_card(POST, lang="nl", mentions=(ELS, TOM))
    tags = re.findall(r"<at>.*?</at>", " ".join(body_texts(card)))
    assert tags == [e["text"] for e in card["msteams"]["entities"]]


def test_the_buttons_come_after_the_mentions() -> None:
    message = Message("Wonen", sections=(Section("x"),), buttons=(Button("Ja", "y", "1"),))
    body = message_card(message, lang="nl", mentions=(ELS,))["body"]
    assert [e["type"] for e in body] == ["Container", "TextBlock", "ActionSet"]
    assert body[1]["text"] == "<at>Els Bakker</at>"


@pytest.mark.parametrize(
    ("name", "tag"),
    [
        ("Jan <b>de</b> Vries", "<at>Jan &lt;b&gt;de&lt;/b&gt; Vries</at>"),
        ("Bakker & Zn", "<at>Bakker &amp; Zn</at>"),
        ("A &amp; B", "<at>A &amp;amp; B</at>"),
        ("Els </at><at>Tom", "<at>Els &lt;/at&gt;&lt;at&gt;Tom</at>"),
        ("*Els* _B_ [x](y)", r"<at>\*Els\* \_B\_ \[x\](y)</at>"),
        ("Anne-Marie D'Hondt", "<at>Anne-Marie D'Hondt</at>"),
        ("Els\nBakker", "<at>Els Bakker</at>"),
    ],
)
def test_names_are_escaped_the_same_in_the_card_and_the_entity(name: str, tag: str) -> None:
    assert mention_tag(name) == tag
    card = message_card(POST, lang="nl", mentions=(Mention(name, "u1"),))
    [entity] = card["msteams"]["entities"]
    assert entity["text"] == tag
    assert body_texts(card)[-1] == tag
    assert entity["mentioned"] == {"id": "u1", "name": name}  # JSON: raw


def test_a_plain_message_with_mentions_becomes_a_card() -> None:
    activity = message_activity(Message("Nog geen antwoord"), lang="nl", mentions=(ELS,))
    [attached] = activity["attachments"]
    card = attached["content"]
    assert body_texts(card) == ["Nog geen antwoord", "<at>Els Bakker</at>"]
    assert card["msteams"]["entities"][0]["mentioned"]["id"] == ELS.user_id
    assert "text" not in activity


def test_without_mentions_nothing_changes() -> None:
    assert "msteams" not in message_card(POST, lang="nl")
    assert message_activity(Message("Hoi"), lang="nl")["text"] == "Hoi"


def test_a_card_too_large_keeps_its_mentions_within_the_limit() -> None:
    lines = [f"• regel {n} " + "x" * 200 for n in range(400)]
    big = sectioned("Digest", [(f"Deel {n}", lines[n::8]) for n in range(8)])
    mentions = tuple(Mention(f"Persoon {n}", f"id-{n}") for n in range(30))
    card = message_card(big, lang="nl", mentions=mentions)
    assert len(json.dumps(card)) <= CARD_BYTES
    assert len(card["msteams"]["entities"]) == 30
    assert body_texts(card)[-1].startswith("<at>Persoon 0</at>, <at>Persoon 1</at>")


def test_the_card_parses_as_the_teams_sdk_card_model() -> None:
    cards = pytest.importorskip("microsoft_teams.cards")
    parsed = cards.AdaptiveCard.model_validate(message_card(POST, lang="nl", mentions=(ELS,)))
    [entity] = parsed.msteams.entities
    assert isinstance(entity, cards.Mention)
    assert (entity.text, entity.mentioned.id, entity.mentioned.name) == (
        "<at>Els Bakker</at>",
        ELS.user_id,
        "Els Bakker",
    )


def test_the_port_posts_a_channel_posts_mentions_to_the_connector() -> None:
    with FakeConnector() as teams, teams_client(tls=ssl.create_default_context()) as http:
        channel = teams.add_channel("wonen")
        port = TeamsPort(
            lambda: teams.token,
            http=http,
            channels={"wonen": conversation_address(teams.service_url, channel)},
        )
        port.deliver(
            Delivery("c1", DeliveryKind.CHANNEL, "wonen", "wonen", message=POST, mentions=(ELS,))
        )
        [posted] = teams.activities(channel)
    [attached] = posted["attachments"]
    card = attached["content"]
    assert body_texts(card)[-1] == "<at>Els Bakker</at>"
    assert card["msteams"]["entities"][0]["mentioned"] == {"id": ELS.user_id, "name": "Els Bakker"}
