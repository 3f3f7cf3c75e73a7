"""Reading whole replies: edit and undo words, deadlines, and what a reference leaves.

The status words are tested in tests/words/test_status_reading.py, the references in
tests/words/test_references.py.
"""

from __future__ import annotations

import time
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from handlers.replies.textparse import (
    Reading,
    correction_text,
    has_deadline_cue,
    is_undo,
    read_reply,
    references,
    status_in,
    status_only,
    without_reference,
)
from words.deadlines.model import Precision
from words.domain import Status

TODAY = date(2026, 11, 22)


@given(st.text(max_size=200))
def test_reading_never_raises_on_any_text(text: str) -> None:
    status_in(text)
    status_only(text)
    for ref in references(text):
        assert 0 <= ref.start < ref.end <= len(text)
        without_reference(text, ref)
    correction_text(text)
    is_undo(text)
    read_reply(text, TODAY, None)


@pytest.mark.parametrize(
    ("text", "expected", "rest"),
    [
        ("#12 loopt goed", [("12", 12)], "loopt goed"),
        ("#12: loopt goed", [("12", 12)], "loopt goed"),
        ("  # 7 klaar", [("7", 7)], "klaar"),
        ("12: klaar", [("12", 12)], "klaar"),
        ("12) klaar", [("12", 12)], "klaar"),
        ("actie 4 loopt achter", [("4", 4)], "loopt achter"),
        ("Action 4: done", [("4", 4)], "done"),
        ("OW-03: op schema", [("OW-03", None)], "op schema"),
        ("ber4 - klaar", [("ber4", None)], "klaar"),
        ("over #12: klaar", [("12", 12)], "over #12: klaar"),
        ("#12 en #13 zijn klaar", [("12", 12), ("13", 13)], "en #13 zijn klaar"),
        ("we schuiven naar Q2 2027", [("Q2", None)], "we schuiven naar Q2 2027"),
    ],
)
def test_references(text: str, expected: list[tuple[str, int | None]], rest: str) -> None:
    found = references(text)
    assert [(r.text, r.number) for r in found] == expected
    assert without_reference(text, found[0]) == rest


@pytest.mark.parametrize(
    "text",
    [
        "12 mensen geïnformeerd",
        "3 bedrijven bezocht",
        "in 2027 klaar",
        "kosten 12,50",
        "#x",
        # Numbers are ASCII digits: "\d" read these as #12 and action 12.
        "#١٢ klaar",
        "١٢: klaar",
        "actie ١٢ loopt",
        "#²",
    ],
)
def test_numbers_that_are_no_reference(text: str) -> None:
    assert [r for r in references(text) if r.number is not None] == []


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("wijzig toch vertraagd", "toch vertraagd"),
        ("Wijzig: toch vertraagd", "toch vertraagd"),
        ("correctie - klaar", "klaar"),
        ("corrigeer loopt goed", "loopt goed"),
        ("edit: at risk after all", "at risk after all"),
        ("correct", ""),
    ],
)
def test_correction_words(text: str, rest: str) -> None:
    assert correction_text(text) == rest


@pytest.mark.parametrize("text", ["wijzigingen doorgevoerd", "correcte aanpak", "klaar", ""])
def test_no_correction(text: str) -> None:
    assert correction_text(text) is None


@pytest.mark.parametrize(
    "text", ["ongedaan", "Ongedaan!", "ongedaan maken", "maak ongedaan", "undo", "Undo."]
)
def test_undo_words(text: str) -> None:
    assert is_undo(text)


@pytest.mark.parametrize("text", ["ongedaan gemaakt door Jan", "undone", "klaar", ""])
def test_no_undo(text: str) -> None:
    assert not is_undo(text)


def test_deadline_cues() -> None:
    assert has_deadline_cue("verwacht 3 december")
    assert has_deadline_cue("ready by Friday")
    assert not has_deadline_cue("overleg op 3 december")


# --- Whole replies ------------------------------------------------------------------------------

H1_2027 = date(2027, 6, 30)


def test_status_only_reply_keeps_no_text() -> None:
    reading = read_reply("Afgerond!", TODAY, H1_2027)
    assert (reading.status, reading.text, reading.deadline) == (Status.DONE, "", None)


def test_new_period_is_proposed_and_text_kept() -> None:
    reading = read_reply("nog niet afgerond, verwacht eind maart", TODAY, H1_2027)
    assert reading.status is None
    assert reading.text == "nog niet afgerond, verwacht eind maart"
    assert reading.deadline is not None
    assert (reading.deadline.due, reading.deadline.precision, reading.deadline.text) == (
        date(2027, 3, 31),
        Precision.MONTH,
        "eind maart",
    )


def test_on_track_with_an_expected_month_is_on_track_and_proposes_it() -> None:
    # The action was delayed; "klaar in maart" is when it is expected, not that it is done.
    reading = read_reply("loopt goed, klaar in maart", TODAY, H1_2027)
    assert reading.status is Status.ON_TRACK
    assert reading.deadline is not None
    assert reading.deadline.due == date(2027, 3, 31)


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("afgerodn", Status.DONE),
        ("Vertaagd.", Status.DELAYED),
        ("on trak", Status.ON_TRACK),
        ("at risk!", Status.AT_RISK),
    ],
)
def test_a_status_word_with_a_typo_alone_is_a_status_only_update(text: str, status: Status) -> None:
    assert read_reply(text, TODAY, H1_2027) == Reading(status, "", None)


def test_delay_with_new_quarter() -> None:
    reading = read_reply("loopt achter, we schuiven door naar Q2 2027", TODAY, None)
    assert reading.status is Status.DELAYED
    assert reading.deadline is not None
    assert reading.deadline.text == "Q2 2027"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("overleg op 3 december met de RUD", None),  # a plain day without a cue
        ("verwacht binnenkort klaar", None),  # vague: not a date
        ("vandaag afgerond", Status.DONE),  # done: no new deadline
        ("afgerond op 20 november", Status.DONE),  # a day that passed
        ("vertraagd, H1 2027 blijft haalbaar", Status.DELAYED),  # the deadline it has
        ("afgerond in oktober 2026", Status.DONE),  # in the past
    ],
)
def test_no_proposal(text: str, status: Status | None) -> None:
    reading = read_reply(text, TODAY, H1_2027)
    assert reading.deadline is None
    assert reading.status is status
    assert reading.text == text


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("eind maart klaar", date(2027, 3, 31)),
        ("morgen klaar", date(2026, 11, 23)),
        ("klaar op 15 december 2026", date(2026, 12, 15)),
    ],
)
def test_done_with_a_future_deadline_is_an_expectation(text: str, due: date) -> None:
    reading = read_reply(text, TODAY, H1_2027)
    assert reading.status is None
    assert reading.deadline is not None
    assert reading.deadline.due == due


def test_a_day_with_a_cue_is_proposed() -> None:
    reading = read_reply("verwacht 3 december klaar", TODAY, H1_2027)
    assert reading.deadline is not None
    assert reading.deadline.due == date(2026, 12, 3)


def test_a_reply_of_a_hundred_kilobytes_is_read_in_well_under_a_second() -> None:
    # Before the deadline search looked only near start and end words this took 1.5 s of CPU
    # (4 to 6 s on a slower worker); now about 40 ms.
    prose = "Het overleg is goed verlopen, maar de stukken zijn nog niet klaar; Jan belt 3 keer. "
    tail = "Loopt achter, verwacht eind maart 2027."
    text = (prose * (100_000 // len(prose)))[: 100_000 - len(tail)] + tail
    started = time.thread_time()
    reading = read_reply(text, TODAY, None)
    assert time.thread_time() - started < 0.5
    assert reading.deadline is not None
    assert reading.deadline.text == "eind maart 2027"
