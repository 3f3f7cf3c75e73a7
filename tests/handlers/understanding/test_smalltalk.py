"""Small talk alone: every word must belong to it, the strongest kind wins."""

from __future__ import annotations

import pytest

from handlers.understanding.smalltalk import Talk, small_talk


@pytest.mark.parametrize(
    ("words", "kind"),
    [
        ("hoi", Talk.GREETING),
        ("goedemorgen allemaal", Talk.GREETING),
        ("top bedankt", Talk.THANKS),
        ("ok dank je wel", Talk.THANKS),
        ("hallo hoe werkt dit", Talk.HOW),
        ("thanks again", Talk.THANKS),
        ("oeps sorry", Talk.SORRY),
        ("fijne dag", Talk.BYE),
        ("", Talk.ACK),  # only an emoji or punctuation was sent
        ("goedemogen", Talk.GREETING),  # one slip in a long word
        ("bedant", Talk.THANKS),
    ],
)
def test_kinds(words: str, kind: Talk) -> None:
    assert small_talk(words.split()) is kind


@pytest.mark.parametrize(
    "words",
    [
        "bedankt het is klaar",
        "gaat goed",  # a status phrase is no small talk
        "loopt goed",
        "allemaal",  # fillers alone say nothing
        "hoi ik heb een vraag",
        "top top top top top top top top top top top",  # longer than small talk is
        "gedaan",
        "klaar",
    ],
)
def test_not_small_talk(words: str) -> None:
    assert small_talk(words.split()) is None
