"""Readers of named periods: "voor de zomer", "eind Q3 2025", "volgend kwartaal", "begin 2026"."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from functools import partial
from typing import Final

from dateutil.relativedelta import relativedelta

from words.deadlines.model import Precision, Reading
from words.deadlines.reckoning import (
    ReadingError,
    checked,
    in_range,
    in_year,
    month_end,
    resolve_year,
    shift,
)
from words.deadlines.vocabulary import (
    HALF_ORDINALS,
    MODIFIERS,
    MONTH_ALT,
    QUARTER_ORDINALS,
    RELATIVE_OFFSETS,
    SEASON_ALT,
    SEASON_ENDS,
    SUMMER_ALT,
    YEAR_GROUP,
    alternatives,
    month_number,
)

_YEAR: Final = YEAR_GROUP

# "voor de zomer" follows the political calendar (the summer recess starts in July), "na de
# zomer" is September: both are conventions, not the meteorological summer.
_SUMMER_SIDE: Final = re.compile(
    rf"^(?P<side>voor|na) (?:(?:de|het) )?(?:(?:deze|komende) )?(?:{SUMMER_ALT})"
    rf"(?: (?:van )?{_YEAR})?$"
)
_SUMMER_SIDE_DAY: Final = {"voor": (6, 30), "na": (9, 30)}


def summer_side(phrase: str, today: date) -> Reading | None:
    match = _SUMMER_SIDE.match(phrase)
    if match is None:
        return None
    month, day = _SUMMER_SIDE_DAY[match["side"]]
    return in_year(partial(checked, month=month, day=day), match["year"], today), Precision.SEASON


_PERIOD_HEAD: Final = (
    rf"^(?:in )?(?:(?:het|de) )?(?:(?P<mod>{alternatives(MODIFIERS)}) (?:van )?(?:(?:het|de) )?)?"
)
_NOUN: Final = "|".join(
    (
        rf"(?P<month>{MONTH_ALT})\.?",
        r"(?P<monthrel>deze|volgende|komende|de) maand",
        r"q(?P<quarter>[1-4])",
        rf"(?P<quarterord>{alternatives(QUARTER_ORDINALS)}) kwartaal",
        r"(?P<quarterrel>dit|volgend|komend|het) kwartaal",
        r"h(?P<half>[12])",
        rf"(?P<halford>{alternatives(HALF_ORDINALS)}) (?:halfjaar|half jaar|helft|jaarhelft)",
        r"(?P<halfrel>dit|volgend|komend|het) halfjaar",
        rf"(?:(?:deze|dit|komende|komend) )?(?P<season>{SEASON_ALT})",
        r"(?:week|wk) (?P<week>[0-9]{1,2})",
    )
)
_NAMED_PERIOD: Final = re.compile(rf"{_PERIOD_HEAD}(?:{_NOUN})(?:(?: (?:van )?| ?[-/] ?){_YEAR})?$")
_YEAR_PERIOD: Final = re.compile(rf"{_PERIOD_HEAD}{_YEAR}$")

# A rule: the due date for a given year, its precision, and the year itself when the phrase
# already fixes it ("volgend kwartaal"), in which case no other year may be written.
_Rule = tuple[Callable[[int], date], Precision, int | None]
_Groups = Mapping[str, str | None]


def _relative_anchor(word: str, mod: str | None, months: int, today: date) -> date | None:
    """The day inside "deze maand", "volgend kwartaal", ...; "de maand" needs "eind van"."""
    if word in {"de", "het"} and mod is None:
        return None
    return shift(today, relativedelta(months=months * RELATIVE_OFFSETS[word]))


def _day_in_month(year: int, month: int, mod: str | None) -> date:
    if mod == "start":
        return checked(year, month, 10)
    if mod == "middle":
        return checked(year, month, 15)
    return month_end(year, month)


def _month_rule(groups: _Groups, mod: str | None, today: date) -> _Rule | None:
    if groups["month"] is not None:
        month = month_number(groups["month"])
        return partial(_day_in_month, month=month, mod=mod), Precision.MONTH, None
    if groups["monthrel"] is None:
        return None
    anchor = _relative_anchor(groups["monthrel"], mod, 1, today)
    if anchor is None:
        return None
    return partial(_day_in_month, month=anchor.month, mod=mod), Precision.MONTH, anchor.year


# Per kind: months in one, how ordinals count, and the precision.
_NUMBERED: Final = {
    "quarter": (3, QUARTER_ORDINALS, Precision.QUARTER),
    "half": (6, HALF_ORDINALS, Precision.HALF),
}


def _which_numbered(
    groups: _Groups, kind: str, mod: str | None, today: date
) -> tuple[int, int | None] | None:
    """Which quarter or half ("Q3", "derde kwartaal", "dit kwartaal"), and its fixed year."""
    size, ordinals, _ = _NUMBERED[kind]
    if (plain := groups[kind]) is not None:
        return int(plain), None
    if (ordinal := groups[f"{kind}ord"]) is not None:
        return ordinals[ordinal], None
    if (relative := groups[f"{kind}rel"]) is None:
        return None
    anchor = _relative_anchor(relative, mod, size, today)
    if anchor is None:
        return None
    return (anchor.month - 1) // size + 1, anchor.year


def _numbered_rule(groups: _Groups, mod: str | None, today: date, kind: str) -> _Rule | None:
    which = _which_numbered(groups, kind, mod, today)
    if which is None:
        return None
    size, _, precision = _NUMBERED[kind]
    number, fixed_year = which
    if mod in {None, "end"}:
        return partial(month_end, month=number * size), precision, fixed_year
    # "begin Q3" is the end of the quarter's first month, as "begin 2026" is the end of the
    # year's first quarter; a half has no such convention, and "medio Q3" none either.
    if mod == "start" and kind == "quarter":
        return partial(month_end, month=(number - 1) * size + 1), Precision.MONTH, fixed_year
    return None


def _season_rule(groups: _Groups, mod: str | None, _today: date) -> _Rule | None:
    season = groups["season"]
    if season is None or mod not in {None, "end"}:
        return None
    years_later, month = SEASON_ENDS[season]
    # A winter is named after the year it starts in; it ends in February of the next year.
    return (lambda year: month_end(year + years_later, month)), Precision.SEASON, None


def _iso_friday(year: int, week: int) -> date:
    try:
        return date.fromisocalendar(in_range(year), week, 5)
    except ValueError:
        raise ReadingError("impossible_date") from None


def _week_rule(groups: _Groups, mod: str | None, _today: date) -> _Rule | None:
    if groups["week"] is None or mod not in {None, "end"}:
        return None
    return partial(_iso_friday, week=int(groups["week"])), Precision.WEEK, None


def _quarter_rule(groups: _Groups, mod: str | None, today: date) -> _Rule | None:
    return _numbered_rule(groups, mod, today, "quarter")


def _half_rule(groups: _Groups, mod: str | None, today: date) -> _Rule | None:
    return _numbered_rule(groups, mod, today, "half")


_RULES: Final = (_month_rule, _quarter_rule, _half_rule, _season_rule, _week_rule)


def named_period(phrase: str, today: date) -> Reading | None:
    match = _NAMED_PERIOD.match(phrase)
    if match is None:
        return None
    mod = MODIFIERS.get(match["mod"] or "")
    groups = match.groupdict()
    for rule in _RULES:
        found = rule(groups, mod, today)
        if found is not None:
            break
    else:
        return None
    due_in, precision, fixed_year = found
    if fixed_year is None:
        return in_year(due_in, match["year"], today), precision
    if match["year"] is not None:  # "volgend kwartaal 2025" contradicts itself
        return None
    return due_in(fixed_year), precision


# For a year as a whole: the day meant, by modifier ("begin 2026" is the first quarter).
_YEAR_POINTS: Final = {
    None: (12, 31, Precision.YEAR),
    "end": (12, 31, Precision.YEAR),
    "start": (3, 31, Precision.QUARTER),
    "middle": (6, 30, Precision.HALF),
}


def year_period(phrase: str, today: date) -> Reading | None:
    match = _YEAR_PERIOD.match(phrase)
    if match is None:
        return None
    mod = MODIFIERS.get(match["mod"] or "")
    if match["year"] == "het jaar" and mod is None:  # "het jaar" alone names no year
        return None
    month, day, precision = _YEAR_POINTS[mod]
    return checked(resolve_year(match["year"], today), month, day), precision
