"""The classifier alone: how close a typo must be, what is never a command, and its speed."""

from __future__ import annotations

import time

import pytest

from handlers.dispatch import VOCABULARY
from handlers.understanding.classify import Args, CommandWords, Kind, Verdict, Vocabulary, classify
from handlers.understanding.smalltalk import Talk


def read(text: str) -> tuple[Kind, str]:
    verdict = classify(text, VOCABULARY)
    return verdict.kind, verdict.line


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("hlep", "help"),  # one transposition in a four-letter name
        ("help!", "help"),
        ("acties", "acties"),
        ("actie", "actie"),
        ("mijn acties", "mijn acties"),
        ("mijn actie", "mijn acties"),  # a way of saying it, not "actie" with words after it
        ("samenvating", "samenvatting"),
        ("overzict", "overzicht"),
        ("my actoins", "my actions"),
    ],
)
def test_sure_readings_run(text: str, line: str) -> None:
    assert read(text) == (Kind.COMMAND, line)


def test_acties_and_actie_are_not_confused() -> None:
    # Each as typed is itself; a slip that is as near to both is asked, never run.
    assert read("acties") == (Kind.COMMAND, "acties")
    assert read("actie") == (Kind.COMMAND, "actie")
    assert read("actis") == (Kind.SUGGEST, "acties")
    assert read("acites") == (Kind.SUGGEST, "acties")  # one slip from acties, two from actie
    assert read("acite 8") == (Kind.SUGGEST, "actie 8")


@pytest.mark.parametrize("text", ["ok", "top", "k", "dag", "ja", "hoi", "fijn", "prima", "cool"])
def test_short_words_are_never_commands(text: str) -> None:
    assert classify(text, VOCABULARY).kind is Kind.TALK


@pytest.mark.parametrize("text", ["hup", "hel", "upd", "act", "stat"])
def test_short_fragments_are_not_read_as_commands(text: str) -> None:
    assert classify(text, VOCABULARY).kind is Kind.TEXT


@pytest.mark.parametrize(
    "text",
    [
        "Ik heb de brief aan de raden gisteren besproken met de griffier",
        "We willen graag een overzicht van alle vergunningen van dit jaar",
        "De help desk van de RUD belde over de acties van vorige week",
        "Overzict van de vergunningen is gedeeld met de RUD en de provincie vandaag",
        "hele week ziek geweest, volgende week verder met de leergang",
        "Actief bezig, loopt goed",
        "Brief aan de raden is verstuurd",
        "Update: we zijn bijna klaar",
    ],
)
def test_a_sentence_with_a_command_word_in_it_is_no_command(text: str) -> None:
    assert classify(text, VOCABULARY).kind is Kind.TEXT


def test_commands_that_change_something_are_always_asked() -> None:
    assert read("ongedan") == (Kind.SUGGEST, "ongedaan")
    assert read("brief defintief") == (Kind.SUGGEST, "brief definitief")
    assert read("updte 8 klaar") == (Kind.SUGGEST, "update 8 klaar")
    # An update names its action: without one, the hint is the bare command, which says how.
    assert read("updte klaar") == (Kind.TEXT, "update")


def test_two_slips_are_asked_even_for_a_command_that_only_shows() -> None:
    assert read("ovrezcht") == (Kind.SUGGEST, "overzicht")


def test_a_short_word_is_forgiven_less() -> None:
    # Two slips from "ongedaan", but a word of six letters: "gedaan" (done) is no undo.
    assert read("gedaan") == (Kind.TEXT, "")


def test_a_guess_among_status_words_needs_the_shape_of_a_command() -> None:
    # "actief, loopt goed" is an answer; "updte 8 klaar" and "wijzg: klaar" are commands.
    assert classify("actief, loopt goed", VOCABULARY).kind is Kind.TEXT
    assert classify("updte 8 klaar", VOCABULARY).shaped
    assert read("wijzg: toch klaar") == (Kind.SUGGEST, "wijzig toch klaar")


def test_small_talk_kinds() -> None:
    assert classify("hallo, hoe werkt dit?", VOCABULARY).talk is Talk.HOW
    assert classify("top, bedankt!", VOCABULARY).talk is Talk.THANKS
    assert classify("👍", VOCABULARY).talk is Talk.ACK
    assert classify("bedankt, het is klaar", VOCABULARY).kind is Kind.TEXT
    assert classify("gaat goed", VOCABULARY).kind is Kind.TEXT  # a status, not small talk


def test_questions_are_marked() -> None:
    assert classify("wat bedoel je?", VOCABULARY) == Verdict(Kind.TEXT, question=True)
    assert classify("wat zijn mijn acties?", VOCABULARY).kind is Kind.COMMAND


def test_the_vocabulary_decides_what_a_line_is() -> None:
    # A command the table does not accept is never offered, however close.
    words = Vocabulary((CommandWords(("overzicht",), True, Args.FREE),), lambda line: False)
    assert classify("overzict", words).kind is Kind.TEXT
    words = Vocabulary(
        (CommandWords(("overzicht",), True, Args.FREE),), lambda line: line == "overzicht"
    )
    assert classify("overzict", words) == Verdict(Kind.COMMAND, "overzicht", shaped=True)


def test_a_hint_only_for_a_short_text() -> None:
    assert read("held daar") == (Kind.SUGGEST, "help")
    assert read("Better than expected") == (Kind.TEXT, "")


# Realistic inputs of every kind, short and long, for the timing.
TIMED = [
    "hlep",
    "mijn acties",
    "wat zijn mijn acties?",
    "brief defintief",
    "bedankt!",
    "#8 loopt achter, docent ziek",
    "loopt goed, tweede groep gestart; verwacht eind maart klaar",
    "Overzict van de vergunningen is gedeeld met de RUD en de provincie vandaag",
    "We hebben de vergunning besproken met de RUD en de provincie. " * 20,
]


def test_fast_enough_for_every_message() -> None:
    # About 50-90 µs an input on the development machine; the bound leaves room for a busy one.
    rounds = 50
    start = time.perf_counter()
    for _ in range(rounds):
        for text in TIMED:
            classify(text, VOCABULARY)
    per_input = (time.perf_counter() - start) / (rounds * len(TIMED))
    assert per_input < 0.002, f"{per_input * 1e6:.0f} µs per input"


@pytest.mark.parametrize(
    ("text", "loose"),
    [
        ("mijn acties", False),
        ("mijn acties graag", False),
        ("help me please", False),
        ("actie 8", False),
        ("overzicht omgevingswet", False),
        ("afwezig 1 december t/m 24 december Wim", False),  # it changes something: as typed
        ("mijn acties zijn bijgewerkt", True),
        ("Help nodig van de provincie", True),
        ("Overzicht van de deelnemers is gedeeld", True),
        ("Deadline gehaald", True),
        ("Overzich gemaakt", True),  # a sure typo, and words after it
    ],
)
def test_commands_by_their_first_words_only_are_loose(text: str, loose: bool) -> None:
    verdict = classify(text, VOCABULARY)
    assert (verdict.kind, verdict.loose) == (Kind.COMMAND, loose)
