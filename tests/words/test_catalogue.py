"""The text catalogue: every text in both languages, with the same placeholders."""

from __future__ import annotations

import string

import pytest

from words.catalogue import CATALOGUE, LANGUAGES, language, t


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_text_has_dutch_and_english_and_formats(key: str) -> None:
    texts = CATALOGUE[key]
    assert set(texts) == set(LANGUAGES)
    # One call fills both languages, so each must format with the parameters of both (an
    # English text may quote the Dutch word a person typed, hence not always the same set).
    params = dict.fromkeys(placeholders(texts["nl"]) | placeholders(texts["en"]), 1)
    for lang in LANGUAGES:
        assert t(key, lang, **params).strip()


def test_language_defaults_to_dutch() -> None:
    assert language(None) == "nl"
    assert language("de") == "nl"
    assert language("en-GB") == "en"
    assert t("status.at_risk") == "risico"
    assert t("status.at_risk", "en") == "at risk"
