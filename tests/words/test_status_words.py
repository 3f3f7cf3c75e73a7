"""The status lexicon: well formed, documented in the README, and free of contradictions."""

from __future__ import annotations

from pathlib import Path

import pytest

from words.domain import Status, fold
from words.status_words import (
    FILLERS,
    LABELS,
    NEGATIONS,
    NEUTRAL_PHRASES,
    STATUS_PHRASES,
    TYPO_WORDS,
)

README = Path(__file__).resolve().parents[2] / "README.md"


def section(text: str, heading: str) -> str:
    start = text.index(heading)
    return text[start : text.index("\n## ", start + 1)]


def test_every_phrase_is_listed_in_the_readme_with_its_status() -> None:
    rows = {
        line.split("|")[1].strip(): line.split("|")[2]
        for line in section(README.read_text("utf-8"), "## How replies are read").splitlines()
        if line.startswith("| ") and "(" in line.split("|")[1]
    }
    named = {
        Status.ON_TRACK: "op schema (on track)",
        Status.AT_RISK: "risico (at risk)",
        Status.DELAYED: "vertraagd (delayed)",
        Status.DONE: "afgerond (done)",
    }
    for phrase, status in STATUS_PHRASES.items():
        assert phrase in [p.strip() for p in rows[named[status]].split(",")], phrase


@pytest.mark.parametrize("phrase", sorted([*STATUS_PHRASES, *NEUTRAL_PHRASES]))
def test_phrases_are_written_folded(phrase: str) -> None:
    assert phrase == fold(phrase)


def test_no_phrase_is_both_neutral_and_a_status() -> None:
    assert not (set(STATUS_PHRASES) & NEUTRAL_PHRASES)
    assert not (set(LABELS) & set(STATUS_PHRASES))


def test_no_filler_is_a_negation() -> None:
    assert not (FILLERS & NEGATIONS)


def test_typo_words_are_long_lexicon_phrases() -> None:
    for word, status in TYPO_WORDS.items():
        assert STATUS_PHRASES[word] is status
        assert len(word.replace(" ", "")) >= 6
