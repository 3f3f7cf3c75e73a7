"""A deadline as a phrase that means the same day whenever it is read: "eind maart 2027".

"eind maart" typed in November 2026 means March 2027; read again a year later (in a letter, an
export, a re-import) it would mean March 2028. The register therefore keeps, beside what the
person typed, a phrase that carries its year: the person's own words where they already do
("Q3 2025", "uiterlijk 1 oktober 2027"), the typed words with the year added where that reads
the same ("eind maart 2027", "voor de zomer 2027"), else one built from the date and its
precision ("eind december 2026", "week 49 van 2026", "Q2 2027").

Every phrase given out is read back before it is given out, at two moments far apart, and must
name the same day with the same precision. Where no phrase of the deadline's precision names
its exact day (two weeks from a Sunday is a Sunday, while "week 49" means its Friday), the
phrase is the full date and the precision becomes ``day``: the date is exact, and a phrase
that read back differently would move the deadline on the next import.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from typing import Final

from dateutil.relativedelta import relativedelta

from words.catalogue import t
from words.deadlines.english import to_dutch
from words.deadlines.model import Deadline, Precision
from words.deadlines.normalise import normalise
from words.deadlines.parse import read_normalised
from words.deadlines.reckoning import ReadingError

# Two moments a century apart: a phrase that names the same day at both carries its year.
_PROBES: Final = (date(1990, 1, 1), date(2090, 7, 1))
_FRIDAY: Final = 4
_QUARTER_MONTHS: Final = 3
# Meteorological seasons by the month they end in, and the two summer conventions by day.
_SEASON_BY_END_MONTH: Final = {5: "spring", 8: "summer", 11: "autumn", 2: "winter"}
_SUMMER_SIDES: Final = {(6, 30): "before_summer", (9, 30): "after_summer"}
_MIDDLE_OF_MONTH: Final = 15
_BEGIN_OF_MONTH: Final = 10


def _reads_as(phrase: str, deadline: Deadline, lang: str) -> bool:
    """Whether ``phrase`` names the deadline's day and precision, whenever it is read."""
    plain = normalise(phrase)
    for today in _PROBES:
        try:
            reading = read_normalised(plain, today, lang)
        except ReadingError:
            return False
        if reading != (deadline.due, deadline.precision):
            return False
    return True


def _in_language(phrase: str, lang: str) -> bool:
    """Whether the phrase is written in ``lang``: Dutch has no English word to translate, an
    English phrase has at least one word to translate (so that a Dutch phrase, or a date in
    digits, is written out for an English reader)."""
    plain = normalise(phrase)
    # Without month_first: a numeric date is no English ("3/31/2025" is rewritten for both).
    untouched = to_dutch(plain, month_first=False) == plain
    return untouched if lang != "en" else not untouched


def spelled(due: date, lang: str) -> dict[str, object]:
    return {"day": due.day, "month": t(f"deadline.month.{due.month}", lang), "year": due.year}


def precision_phrases(
    due: date, precision: Precision, lang: str, *, quarter: str = "deadline.absolute.quarter"
) -> Iterator[str]:
    """Phrases of ``precision`` that name ``due``, the most natural first; none when no phrase
    of that precision names that day. ``quarter`` is the catalogue's form of a quarter ("Q2
    2027" in the register, "tweede kwartaal 2027" in a letter)."""
    words = spelled(due, lang)
    last_of_month = due == due + relativedelta(day=31)
    if precision is Precision.WEEK:
        iso = due.isocalendar()
        yield t("deadline.absolute.week", lang, week=iso.week, year=iso.year)
    elif precision is Precision.MONTH:
        if last_of_month:
            yield t("deadline.absolute.month_end", lang, **words)
        elif due.day == _BEGIN_OF_MONTH:
            yield t("deadline.absolute.month_start", lang, **words)
        elif due.day == _MIDDLE_OF_MONTH:
            yield t("deadline.absolute.month_middle", lang, **words)
    elif precision is Precision.QUARTER and last_of_month and due.month % _QUARTER_MONTHS == 0:
        number = due.month // 3
        which = t(f"deadline.ordinal.{number}", lang)
        yield t(quarter, lang, quarter=number, which=which, year=due.year)
    elif precision is Precision.HALF and last_of_month and due.month in {6, 12}:
        yield t(f"deadline.absolute.half.{due.month // 6}", lang, year=due.year)
    elif precision is Precision.SEASON:
        side = _SUMMER_SIDES.get((due.month, due.day))
        if side is not None:
            yield t(f"deadline.absolute.{side}", lang, year=due.year)
        season = _SEASON_BY_END_MONTH.get(due.month)
        if season is not None and last_of_month:
            # A winter is named after the year it starts in.
            year = due.year - 1 if season == "winter" else due.year
            yield t(f"deadline.absolute.season.{season}", lang, year=year)
    elif precision is Precision.YEAR and (due.month, due.day) == (12, 31):
        yield t("deadline.absolute.year", lang, year=due.year)


def _built(deadline: Deadline, lang: str) -> Iterator[str]:
    """Phrases of the deadline's precision for its day, the most natural first, then the date.
    A week is named by its Friday: another day of it is given as the date."""
    due, precision = deadline.due, deadline.precision
    if precision is not Precision.WEEK or due.weekday() == _FRIDAY:
        yield from precision_phrases(due, precision, lang)
    yield t("deadline.date", lang, **spelled(due, lang))


def _with_year(deadline: Deadline) -> Iterator[str]:
    """The typed words with a year added: "eind maart 2027", "winter 2026", "week 5 2027"."""
    text = deadline.text.strip()
    due = deadline.due
    for year in dict.fromkeys((due.year, due.year - 1, due.isocalendar().year)):
        yield f"{text} {year}"


def absolute(deadline: Deadline, lang: str = "nl") -> Deadline:
    """The deadline with a phrase that carries its year, in ``lang`` (see the module)."""
    typed = deadline.text.strip()
    for candidate in (typed, *_with_year(deadline)):
        if candidate and _in_language(candidate, lang) and _reads_as(candidate, deadline, lang):
            return replace(deadline, text=candidate)
    for candidate in _built(deadline, lang):
        if _reads_as(candidate, deadline, lang):
            return replace(deadline, text=candidate)
    # No phrase of this precision names the exact day: the date itself, which always does.
    day = t("deadline.date", lang, **spelled(deadline.due, lang))
    return replace(deadline, text=day, precision=Precision.DAY)


def absolute_phrase(deadline: Deadline, lang: str = "nl") -> str:
    """Only the phrase of ``absolute``: what a letter or an export prints."""
    return absolute(deadline, lang).text
