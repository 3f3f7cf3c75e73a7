"""The words the classifier reads and the other ways of saying a command."""

from __future__ import annotations

import pytest

from handlers.understanding.phrasing import MOST_WORDS, asked_for, essential, trimmed, words_of


def test_words_are_folded_and_keep_where_they_start() -> None:
    text = "Hoi, M'n acties? 👍 OW-03:"
    found = words_of(text)
    assert [w.folded for w in found] == ["hoi", "mijn", "acties", "ow-03"]
    assert text[found[3].start :] == "OW-03:"
    assert found[3].colon


def test_a_long_text_is_read_no_further_than_needed() -> None:
    assert len(words_of("woord " * 500)) == MOST_WORDS + 1


def test_words_that_change_nothing_are_left_out() -> None:
    assert [w.folded for w in essential(words_of("toon me even mijn acties graag"))] == [
        "mijn",
        "acties",
    ]
    assert [w.folded for w in essential(words_of("laat mijn acties zien"))] == ["mijn", "acties"]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("wat zijn mijn acties", "mijn acties"),
        ("welke acties heb ik", "mijn acties"),
        ("what are my actoins", "mijn acties"),
        ("welke acties lopen achter", "te laat"),
        ("which actions are overdue", "te laat"),
        ("wat is er te laat", "te laat"),
        ("wat moet ik met actie 8", None),  # one action, not a list
        ("wat bedoel je", None),
        ("mijn acties lopen achter", None),  # no question word first: a statement
        ("wat is de status van de brief van de raad van vorige week", None),
    ],
)
def test_questions_that_ask_for_a_list(text: str, line: str | None) -> None:
    assert asked_for(text.split()) == line


def test_trimmed() -> None:
    assert trimmed("  help!! ") == "help"
    assert trimmed(":+1:") == ""
