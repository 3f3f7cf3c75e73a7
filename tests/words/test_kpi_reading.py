"""words.kpi_reading: a KPI value is read only where the text plainly gives one."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from words.kpi_reading import kpi_in, read_number


@pytest.mark.parametrize(
    ("lang", "text", "value", "whole"),
    [
        ("nl", "stand 180", 180, None),
        ("nl", "Stand: 180", 180, None),
        ("nl", "stand is nu 180", 180, None),
        ("nl", "tussenstand 42", 42, None),
        ("nl", "KPI 180", 180, None),
        ("nl", "kpi staat op 180", 180, None),
        ("nl", "teller op 180", 180, None),
        ("nl", "de teller staat nu op 180", 180, None),
        ("nl", "we zitten op 180 bedrijven", 180, None),
        ("nl", "We zitten nu op 180 bedrijven, loopt goed", 180, None),
        ("nl", "180 van de 200", 180, 200),
        ("nl", "180 van 200 bedrijven bereikt", 180, 200),
        ("nl", "180/200", 180, 200),
        ("nl", "stand 180/200", 180, 200),
        ("nl", "nu op 1.250", 1250, None),
        ("nl", "now at 1.250", 1250, None),  # a Dutch writer's thousands
        ("nl", "stand 12,5", 12.5, None),
        ("nl", "stand 1.250,5 ton CO2", None, None),  # "ton" is money in Dutch
        ("nl", "stand 2.000 woningen", 2000, None),
        ("nl", "stand 2000 woningen", 2000, None),  # a year-shaped count with its unit
        ("nl", "Stand: 180.", 180, None),
        ("nl", "#12 stand 180", 180, None),
        ("nl", "loopt goed, stand 180 (was 150 in de vorige ronde)", 180, None),
        ("nl", "om 10:30 besproken, stand 180", 180, None),
        ("nl", "stand -5", -5, None),  # read, so that it can be refused
        ("nl", "3 van de 5 workshops gegeven", 3, 5),
        ("en", "progress 180", 180, None),
        ("en", "progress: 12.5", 12.5, None),
        ("en", "now at 1,250", 1250, None),
        ("en", "we're at 180 companies", 180, None),
        ("en", "we are now at 180", 180, None),
        ("en", "the count is 180", 180, None),
        ("en", "180 of 200", 180, 200),
        ("en", "180 out of 200 companies", 180, 200),
        ("en", "180/200", 180, 200),
        ("en", "KPI 1,250.5", 1250.5, None),
    ],
)
def test_a_kpi_value_is_read(
    lang: str, text: str, value: float | None, whole: float | None
) -> None:
    found = kpi_in(text, lang)
    if value is None:
        assert found is None
        return
    assert found is not None
    assert (found.value, found.whole) == (value, whole)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nl", "180"),  # a number alone: an action's number as much as a count
        ("nl", "180 bedrijven"),  # no word says it is the KPI's
        ("nl", "stand 12 maart"),  # a date
        ("nl", "teller op 3 december"),
        ("nl", "stand 12 mrt."),
        ("nl", "12/03"),
        ("nl", "stand 12/03"),
        ("nl", "12/03/2026"),
        ("nl", "stand 3/4"),
        ("nl", "KPI 2027"),  # a year
        ("nl", "we zitten op 2027"),
        ("nl", "#12 klaar"),  # an action's number or key
        ("nl", "#12"),
        ("nl", "BOCE-03"),
        ("nl", "stand BOCE-03"),
        ("nl", "actie 12 van de 20"),
        ("nl", "week 12 van de 52"),
        ("nl", "stand 80%"),  # a percentage
        ("nl", "stand 80 procent"),
        ("nl", "we zitten op 90 %"),
        ("nl", "teller op € 180"),  # money
        ("nl", "teller op €180"),
        ("nl", "stand 180 euro"),
        ("nl", "stand 180k"),
        ("nl", "stand 2 mln"),
        ("nl", "we zitten op 3 weken vertraging"),  # a duration
        ("nl", "we zitten op 2 dagen"),
        ("nl", "2 of 3 weken"),  # Dutch "of" is "or"
        ("nl", "stand 180-200"),  # a range
        ("nl", "om 10:30"),
        ("nl", "stand 10:30"),
        ("nl", "stand 12.5"),  # only right the English way
        ("nl", "stand 1.25"),
        ("nl", "we zitten op schema"),
        ("nl", "stand van zaken: 3 gemeenten"),
        ("nl", "bijstand 180"),
        ("nl", "stand 180, eerder stand 150"),  # two values: neither
        ("nl", "stand per 1 maart: 180"),  # not sure which: none
        ("nl", "afgerond op 20 november"),
        ("nl", "in 3 van de 5 gemeenten"),
        ("en", "12 of 15 months"),
        ("en", "progress 80%"),
        ("en", "now at $180"),
        ("en", "progress 1.250,5"),  # only right the Dutch way
        ("en", "done by 12/03"),
        ("en", "we're at risk"),
        ("en", "count 2026"),
        ("en", "we are at 3 weeks delay"),
    ],
)
def test_no_kpi_value_where_the_text_gives_none(lang: str, text: str) -> None:
    assert kpi_in(text, lang) is None


@pytest.mark.parametrize(
    ("lang", "text", "alone", "cued"),
    [
        ("nl", "stand 180", True, True),
        ("nl", "stand 180 bedrijven", True, True),
        ("nl", "180/200", True, False),
        ("nl", "stand 180, loopt goed", False, True),
        ("nl", "3 van de 5 workshops gegeven", False, False),
    ],
)
def test_whether_the_value_is_all_the_text_says(
    lang: str, text: str, alone: bool, cued: bool
) -> None:
    found = kpi_in(text, lang)
    assert found is not None
    assert (found.alone, found.cued) == (alone, cued)


@pytest.mark.parametrize(
    ("text", "lang", "number"),
    [
        ("180", "nl", 180),
        ("1.250", "nl", 1250),
        ("1.250", "en", 1.25),
        ("1,250", "en", 1250),
        ("1,250", "nl", 1.25),
        ("12,5", "nl", 12.5),
        ("12.5", "en", 12.5),
        ("12.5", "nl", None),
        ("12,5", "en", None),
        ("1.2.3", "nl", None),
        ("-3", "nl", -3),
        (" 42 ", "en", 42),
        ("", "nl", None),
        ("abc", "nl", None),
        ("9" * 40, "nl", None),
    ],
)
def test_a_number_is_read_the_way_its_language_writes_it(
    text: str, lang: str, number: float | None
) -> None:
    assert read_number(text, lang) == number


@given(st.text(), st.sampled_from(["nl", "en"]))
def test_any_text_gives_one_value_or_none_without_raising(text: str, lang: str) -> None:
    found = kpi_in(text, lang)
    if found is not None:
        assert 0 <= found.start < found.end <= len(text)


@pytest.mark.parametrize(
    "text",
    [
        "Overleg met 3 gemeenten gehad, 12 bedrijven gebeld. " * 2000 + "stand 180",
        "3 " * 50_000,
        "€" * 50_000 + "180 van 200",
    ],
)
def test_a_long_text_is_read_in_well_under_a_second(text: str) -> None:
    # Looking back to the start of the text for every number once took 11 s here.
    started = time.thread_time()
    kpi_in(text, "nl")
    assert time.thread_time() - started < 0.5
