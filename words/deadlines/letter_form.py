"""A deadline in the one form a letter prints: "1 oktober 2026", "eind 2026", "tweede kwartaal
2027", whatever the words it was typed in ("uiterlijk 1-10-2026", "Q2 2027", "2026-06-30").

The register keeps the typed phrase with its year (words.deadlines.absolute); a letter to the
councils wants every deadline in the same shape, keeping how precise it is: a quarter stays a
quarter and a day a day. Each form is built from the date and its precision, never from the
typed words, so two actions with the same deadline always read the same.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Final

from dateutil.relativedelta import relativedelta

from words.catalogue import t
from words.deadlines.model import Precision

_QUARTER_ENDS: Final = {3: 1, 6: 2, 9: 3, 12: 4}
_SUMMER_SIDES: Final = {(6, 30): "before_summer", (9, 30): "after_summer"}
_SEASON_BY_END_MONTH: Final = {5: "spring", 8: "summer", 11: "autumn", 2: "winter"}
_MONTH_START: Final = 10  # "begin maart" is the tenth (words.deadlines)
_MONTH_MIDDLE: Final = 15


def plain_date(day: date, lang: str) -> str:
    """'1 oktober 2026' (nl), '1 October 2026' (en): a date without its weekday."""
    return t(
        "deadline.date",
        lang,
        day=day.day,
        month=t(f"deadline.month.{day.month}", lang),
        year=day.year,
    )


def _month_form(due: date, lang: str) -> str | None:
    words = {"month": t(f"deadline.month.{due.month}", lang), "year": due.year}
    if due == due + relativedelta(day=31):
        return t("deadline.absolute.month_end", lang, **words)
    if due.day == _MONTH_START:
        return t("deadline.absolute.month_start", lang, **words)
    if due.day == _MONTH_MIDDLE:
        return t("deadline.absolute.month_middle", lang, **words)
    return None


def _season_form(due: date, lang: str) -> str | None:
    side = _SUMMER_SIDES.get((due.month, due.day))
    if side is not None:
        return t(f"deadline.absolute.{side}", lang, year=due.year)
    season = _SEASON_BY_END_MONTH.get(due.month)
    if season is None or due != due + relativedelta(day=31):
        return None
    year = due.year - 1 if season == "winter" else due.year  # a winter is named by its start
    return t(f"deadline.absolute.season.{season}", lang, year=year)


def _form(due: date, precision: Precision, lang: str) -> str | None:  # noqa: PLR0911 - a form per precision
    last_of_month = due == due + relativedelta(day=31)
    match precision:
        case Precision.WEEK:
            iso = due.isocalendar()
            return t("deadline.absolute.week", lang, week=iso.week, year=iso.year)
        case Precision.MONTH:
            return _month_form(due, lang)
        case Precision.QUARTER if last_of_month and due.month in _QUARTER_ENDS:
            which = t(f"deadline.ordinal.{_QUARTER_ENDS[due.month]}", lang)
            return t("deadline.letter.quarter", lang, which=which, year=due.year)
        case Precision.HALF if last_of_month and due.month in {6, 12}:
            return t(f"deadline.absolute.half.{due.month // 6}", lang, year=due.year)
        case Precision.SEASON:
            return _season_form(due, lang)
        case Precision.YEAR if (due.month, due.day) == (12, 31):
            return t("deadline.absolute.year", lang, year=due.year)
        case _:
            return None


@lru_cache(maxsize=4096)
def letter_deadline(due: date, precision: Precision | None, lang: str) -> str:
    """The deadline's letter form; a date that no form of its precision names is the date."""
    form = None if precision is None else _form(due, precision, lang)
    return form if form is not None else plain_date(due, lang)
