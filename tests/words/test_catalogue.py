"""The text catalogue: every text in both languages, with the same placeholders."""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from decimal import Decimal

import pytest

from words.catalogue import CATALOGUE, LANGUAGES, language, t
from words.catalogue.plural import COUNT, Text, categories


def placeholders(text: Text) -> set[str]:
    forms = [text] if isinstance(text, str) else list(text.values())
    return {name for form in forms for _, name, _, _ in string.Formatter().parse(form) if name}


def every_text() -> Iterator[tuple[str, str]]:
    for key, texts in CATALOGUE.items():
        for text in texts.values():
            for form in [text] if isinstance(text, str) else text.values():
                yield key, form


def is_plural(text: Text) -> bool:
    return not isinstance(text, str)


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_text_has_dutch_and_english_and_formats(key: str) -> None:
    texts = CATALOGUE[key]
    assert set(texts) == set(LANGUAGES)
    # One call fills both languages, so each must format with the parameters of both (an
    # English text may quote the Dutch word a person typed, hence not always the same set).
    params = dict.fromkeys(placeholders(texts["nl"]) | placeholders(texts["en"]), 1)
    for lang in LANGUAGES:
        for n in (0, 1, 2, 5, 21, 100):
            if is_plural(texts[lang]):
                params[COUNT] = n
            assert t(key, lang, **params).strip()


@pytest.mark.parametrize("key", sorted(k for k, v in CATALOGUE.items() if is_plural(v["nl"])))
def test_a_plural_entry_has_the_forms_each_language_needs(key: str) -> None:
    texts = CATALOGUE[key]
    for lang in LANGUAGES:
        text = texts[lang]
        # Every language of a key is plural, or none: the caller passes the count either way.
        assert not isinstance(text, str), f"{key}: {lang} has one text, nl has plural forms"
        needed = categories(lang)
        assert set(text) == needed, f"{key}: {lang} needs exactly {sorted(needed)}"
        # The forms differ, or they would not be worth a plural entry.
        assert len(set(text.values())) == len(text), f"{key}: {lang} has equal forms"


def test_only_plural_entries_in_every_language_or_none() -> None:
    mixed = [k for k, v in CATALOGUE.items() if len({is_plural(x) for x in v.values()}) > 1]
    assert mixed == []


# "actie(s)", "perso(o)n(en)", "thema('s)", "afwezigheid/-heden", "party/parties": a text
# that leaves the reader to pick the form. The catalogue gives the forms instead.
HEDGED_PLURALS = (
    re.compile(r"\w\(\w{1,4}\)", re.UNICODE),  # actie(s), stond(en), lidmaatschap(pen)
    re.compile(r"\w\('s\)"),  # thema('s)
    re.compile(r"\w/-\w"),  # afwezigheid/-heden
    re.compile(r"\b(\w{3,})\w*/\1", re.UNICODE),  # party/parties, action/actions
)


def test_no_text_leaves_the_plural_to_the_reader() -> None:
    found = [
        (key, text)
        for key, text in every_text()
        if any(pattern.search(text) for pattern in HEDGED_PLURALS)
    ]
    assert found == []


@pytest.mark.parametrize(
    "text",
    ["{n} actie(s)", "perso(o)n(en)", "{n} thema('s)", "afwezigheid/-heden", "party/parties"],
)
def test_the_hedged_plural_patterns_catch_each_style(text: str) -> None:
    assert any(pattern.search(text) for pattern in HEDGED_PLURALS)


def test_a_plural_text_takes_its_form_from_n() -> None:
    assert t("cli.kind.action", "nl", n=1) == "1 actie"
    assert t("cli.kind.action", "nl", n=0) == "0 acties"
    assert t("cli.kind.action", "nl", n=2) == "2 acties"
    assert t("cli.kind.person", "en", n=1) == "1 person"
    assert t("cli.kind.person", "en", n=3) == "3 people"
    assert t("commands.details.owners", "nl", n=2, owners="A, B") == "Eigenaren: A, B"
    assert t("commands.details.owners", "en", n=1, owners="A") == "Owner: A"


def test_the_languages_need_one_and_other() -> None:
    assert categories("nl") == categories("en") == {"one", "other"}


def test_a_count_that_is_no_whole_number_takes_the_form_cldr_gives_it() -> None:
    # CLDR: "1.0" shows a decimal, so it is not "one" in English ("1.0 actions").
    assert t("cli.kind.action", "en", n=Decimal("1.0")) == "1.0 actions"
    assert t("cli.kind.action", "en", n=1) == "1 action"
    assert t("cli.kind.action", "nl", n=1.5) == "1.5 acties"


def test_a_plural_text_without_a_count_is_refused() -> None:
    with pytest.raises(TypeError, match="pass the count as n"):
        t("cli.kind.action", "nl", count=2)
    with pytest.raises(TypeError, match="must be a number"):
        t("cli.kind.action", "nl", n="2")
    with pytest.raises(TypeError, match="must be a number"):
        t("cli.kind.action", "nl", n=True)


def test_language_defaults_to_dutch() -> None:
    assert language(None) == "nl"
    assert language("de") == "nl"
    assert language("en-GB") == "en"
    assert t("status.at_risk") == "risico"
    assert t("status.at_risk", "en") == "at risk"
