"""Where a reply names an action: numbers always, key-like words for the register to check."""

from __future__ import annotations

import time

import pytest

from words.references import MAX_REFERENCES, REFERENCE_START, leading_references, references

N = None  # a key-like reference carries no number

FOUND = [
    # Numbers
    ("#5 klaar", [("5", 5)]),
    ("# 5 klaar", [("5", 5)]),
    ("5: klaar", [("5", 5)]),
    ("5) klaar", [("5", 5)]),
    ("actie 5 loopt", [("5", 5)]),
    ("Actie #5 loopt", [("5", 5)]),
    ("action 5: done", [("5", 5)]),
    ("nr. 5 is af", [("5", 5)]),
    ("nummer 5 vertraagd", [("5", 5)]),
    ("#12 en #13 zijn klaar", [("12", 12), ("13", 13)]),
    ("over #12: klaar", [("12", 12)]),
    # Keys as the importer writes them
    ("OW-05 loopt goed", [("OW-05", N)]),
    ("OW-5 op schema", [("OW-5", N)]),
    ("ow5 done", [("ow5", N)]),
    ("W-a: klaar", [("W-a", N)]),
    ("H-b vertraagd", [("H-b", N)]),
    ("status H-b vertraagd", [("H-b", N)]),
    ("W-c1 is af", [("W-c1", N)]),
    ("2024.1 loopt", [("2024.1", N)]),
    ("BER4 - klaar", [("BER4", N)]),
    ("ber4 klaar", [("ber4", N)]),
    ("X.011 klaar", [("X.011", N)]),
    ("rd_10 klaar", [("rd_10", N)]),
    ("(OW-05) loopt", [("OW-05", N)]),
    ("OW-5.", [("OW-5", N)]),
    ("H-b, vertraagd", [("H-b", N)]),
    ("voor OW-05 en LB-3 geldt hetzelfde", [("OW-05", N), ("LB-3", N)]),
    # Keys written with a space
    ("OW 5 op schema", [("OW 5", N)]),
    ("ow 05 gaat goed", [("ow 05", N)]),
    ("LB 3 gaat goed", [("LB 3", N)]),
    ("BER 4: klaar", [("BER 4", N)]),
    ("over OW 5: loopt", [("OW 5", N)]),
    # Key-like words: the register decides
    ("we schuiven naar Q2 2027", [("Q2", N)]),
    ("H1 ligt op schema", [("H1", N)]),
    ("week 5 overleg", [("week 5", N)]),
    ("covid 19 zorgde voor vertraging", [("covid 19", N)]),
    # A word alone only as a leading label
    ("e-mail verstuurd", [("e-mail", N)]),
    ("B: loopt goed", [("B", N)]),
    ("Update: loopt goed", [("Update", N)]),
]

NONE_FOUND = [
    "5 weken vertraging",
    "over 5 weken klaar",
    "op 3 december klaar",
    "in 3 maanden",
    "we zijn 10 procent over budget",
    "kosten 12,50",
    "12 mensen geïnformeerd",
    "3 bedrijven bezocht",
    "binnen 2 dagen",
    "in 2027 klaar",
    "klaar",
    "B loopt goed",  # a letter alone in running text is a word
    "plan B",
    "eind 2027 klaar",
    "#x",
    "#١٢ klaar",
    "",
]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_references_are_found(text: str, expected: list[tuple[str, int | None]]) -> None:
    assert [(r.text, r.number) for r in references(text)] == expected


@pytest.mark.parametrize("text", NONE_FOUND)
def test_counts_dates_and_plain_words_are_no_reference(text: str) -> None:
    assert references(text) == []


def test_a_long_text_names_at_most_a_bounded_number_of_references() -> None:
    text = " ".join(f"week {n} overleg" for n in range(1, 200))
    found = references(text)
    assert len(found) == MAX_REFERENCES
    assert [r.text for r in found[:2]] == ["week 1", "week 2"]


def test_a_reply_of_a_hundred_kilobytes_is_searched_in_well_under_a_second() -> None:
    # A year check that looked back from the start of the text for every "word 5" pair took
    # half a second here, and slicing the text once per match a quarter; now it is about
    # 60 ms. The CPU time of this thread only: a test worker may have threads of earlier
    # tests still winding down.
    prose = "Overleg met OW 5 en week 3 in 2027 gehad, over 5 weken verder; zie LB-3. "
    text = (prose * (100_000 // len(prose)))[:100_000]
    started = time.thread_time()
    references(text)
    assert time.thread_time() - started < 0.25


def test_the_tables_hold_enough_inputs() -> None:
    assert len(FOUND) + len(NONE_FOUND) >= 50


@pytest.mark.parametrize(
    ("args", "started"),
    [
        ("12 op schema", True),
        ("#12 op schema", True),
        ("H-b vertraagd", True),
        ("OW 5 op schema", True),
        ("ow5 klaar", True),
        ("2024.1 klaar", True),
        ("W-a klaar", True),
        ("we zijn bijna klaar", False),
        ("bijgewerkt", False),
        ("over 5 weken", False),
        ("op 3 december", False),
        ("eind 2027 klaar", False),
    ],
)
def test_a_command_starts_with_a_reference(args: str, started: bool) -> None:
    assert (REFERENCE_START.match(args) is not None) is started


def test_leading_references_try_the_spaced_key_first() -> None:
    assert leading_references("OW 5 op schema") == [("OW 5", "op schema"), ("OW", "5 op schema")]
    assert leading_references("H-b: vertraagd") == [("H-b", "vertraagd")]
    assert leading_references("OW 5 weken later") == [("OW", "5 weken later")]
    assert leading_references("actie 5: klaar") == [("5", "klaar")]
    assert leading_references("Action #5 done") == [("5", "done")]
    assert leading_references("") == []
