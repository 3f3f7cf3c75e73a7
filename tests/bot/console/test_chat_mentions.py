"""The console shows a channel post's mentions as "@Name" on a line after its text."""

from __future__ import annotations

import io

from bot.console.chat import ConsolePort
from words.chat.delivery import Delivery, DeliveryKind, Mention
from words.chat.messages import Message


def test_a_channel_posts_mentions_follow_its_text() -> None:
    out = io.StringIO()
    message = Message("Digest Wonen\n\nNog geen antwoord\n• Els Bakker over #3")
    mentions = (Mention("Els Bakker", "4"), Mention("Tom\x1b[31m Smit", "9"))
    ConsolePort(out).deliver(
        Delivery("c1", DeliveryKind.CHANNEL, "wonen", "wonen", message=message, mentions=mentions)
    )
    assert out.getvalue().splitlines() == [
        "[1] → #wonen:",
        "    Digest Wonen",
        "    ",
        "    Nog geen antwoord",
        "    • Els Bakker over #3",
        "    @Els Bakker, @Tom[31m Smit",  # no terminal control characters
    ]


def test_without_mentions_no_line_is_added() -> None:
    out = io.StringIO()
    ConsolePort(out).deliver(Delivery("d1", DeliveryKind.DM, "4", "Els", message=Message("Hoi")))
    assert out.getvalue().splitlines() == ["[1] → Els:", "    Hoi"]
