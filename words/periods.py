"""Periods and days in words, for summaries ("samenvatting vorige maand") and absences.

Pure functions: no database, no clock; ``today`` is always a parameter.

A summary looks back, so a period without a year is the most recent one that has begun
("november" on 22 November 2026 is November 2026, "december" is December 2025). In a range
the end is read forward from the start: "1 december t/m 3 januari" ends the January after
that December. Absences look ahead instead (``parse_day(..., forward=True)``): "1 december"
is the next 1 December on or after today.

Accepted periods (Dutch and English):

- nothing: the last 7 days, today included;
- ``week``, ``maand``, ``kwartaal``, ``halfjaar``, ``jaar`` (also ``afgelopen maand``,
  ``past month``, ``afgelopen 30 dagen``, ``last 30 days``): that long back from today;
- ``deze week`` / ``this week``, ``vorige week`` / ``last week``, and the same for maand,
  kwartaal, halfjaar and jaar: calendar periods (ISO weeks start on Monday);
- ``2026-Q4``, ``Q4 2026``, ``Q4``; ``2026-H2``, ``H2 2026``; ``2026``; ``2026-11``,
  ``november 2026``, ``november``; ``week 47``, ``2026-W47``; one day (``1 november``);
- ``sinds 1 november`` / ``since 1 November``: from then up to today;
- ``1 november t/m 30 november``, ``september - november``, ``2026-01-01..2026-06-30``,
  ``from 1 November to 30 November``: from the start of the first to the end of the second.

Numbers are ASCII digits. Years lie between 1900 and 2200, as deadlines in words do: a year
outside them is refused with its own reason ("out_of_range"), before any date is made of it
(year 0 does not exist, and a day after 9999-12-31 cannot be counted to).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Final
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

from words.catalogue import t
from words.dates import long_date
from words.deadlines.model import FIRST_YEAR, LAST_YEAR
from words.numbers import is_digits, row_number

MONTHS: Final[dict[str, int]] = {
    "januari": 1, "january": 1, "jan": 1,
    "februari": 2, "february": 2, "feb": 2, "febr": 2,
    "maart": 3, "march": 3, "mrt": 3, "mar": 3, "mrch": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "june": 6, "jun": 6,
    "juli": 7, "july": 7, "jul": 7,
    "augustus": 8, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "october": 10, "okt": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

WEEKDAYS: Final[dict[str, int]] = {
    "maandag": 0, "monday": 0, "ma": 0, "mon": 0,
    "dinsdag": 1, "tuesday": 1, "di": 1, "tue": 1, "tues": 1,
    "woensdag": 2, "wednesday": 2, "wo": 2, "wed": 2,
    "donderdag": 3, "thursday": 3, "do": 3, "thu": 3, "thur": 3, "thurs": 3,
    "vrijdag": 4, "friday": 4, "vr": 4, "fri": 4,
    "zaterdag": 5, "saturday": 5, "za": 5, "sat": 5,
    "zondag": 6, "sunday": 6, "zo": 6, "sun": 6,
}  # fmt: skip

# Days counted from today, whatever the anchor of the phrase.
RELATIVE_DAYS: Final[dict[str, int]] = {
    "vandaag": 0,
    "today": 0,
    "morgen": 1,
    "tomorrow": 1,
    "overmorgen": 2,
    "gisteren": -1,
    "yesterday": -1,
    "eergisteren": -2,
}

# Words that point at the next or the previous such weekday, strictly.
NEXT_WORDS: Final = frozenset({"komende", "volgende", "aanstaande", "next", "coming"})
PREVIOUS_WORDS: Final = frozenset({"afgelopen", "vorige", "jongstleden", "last", "previous"})

UNITS: Final[dict[str, str]] = {
    "dag": "day", "dagen": "day", "day": "day", "days": "day",
    "week": "week", "weken": "week", "weeks": "week",
    "maand": "month", "maanden": "month", "month": "month", "months": "month",
    "kwartaal": "quarter", "kwartalen": "quarter", "quarter": "quarter", "quarters": "quarter",
    "halfjaar": "half", "half jaar": "half", "half year": "half", "halfyear": "half",
    "jaar": "year", "jaren": "year", "year": "year", "years": "year",
}  # fmt: skip

ROLLING_PREFIXES: Final = ("de afgelopen ", "afgelopen ", "de laatste ", "laatste ")
ROLLING_PREFIXES_EN: Final = ("the past ", "past ", "the last ", "last ")
THIS_WORDS: Final = frozenset({"deze", "dit", "this", "current", "huidige"})
PREVIOUS_PERIOD_WORDS: Final = frozenset({"vorige", "vorig", "last", "previous"})
SINCE_WORDS: Final = ("sinds ", "vanaf ", "since ", "from ")
RANGE_PREFIXES: Final = ("van ", "vanaf ", "sinds ", "from ", "since ", "tussen ", "between ")
RANGE_SEPARATOR: Final = re.compile(
    r"\s*\.\.\s*|\s+(?:t/m|tm|tot en met|tot|to|until|till|through|thru|-|en|and)\s+"
)
SHARED_MONTH: Final = re.compile(r"^[0-9]{1,2}( [A-Za-z]+\.?(?: [0-9]{4})?)\b")
DEFAULT_DAYS: Final = 7
MAX_COUNT: Final = 100  # "laatste 100 dagen" at most


@dataclass(frozen=True, slots=True)
class Period:
    """A run of calendar days, both ends inclusive."""

    start: date
    end: date

    def bounds(self, zone: ZoneInfo) -> tuple[datetime, datetime]:
        """The period as moments: from its first midnight up to (not including) the next one
        after its last day, in ``zone``: what happened "on 1 November" happened there."""
        first = datetime.combine(self.start, time(), tzinfo=zone)
        after = datetime.combine(self.end + timedelta(days=1), time(), tzinfo=zone)
        return first, after

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


class PeriodError(ValueError):
    """A period that cannot be read (``reason`` "unreadable"), names a year outside
    FIRST_YEAR..LAST_YEAR ("out_of_range") or ends before it starts ("order").
    ``message(lang)`` is the explanation a person reads."""

    def __init__(self, text: str, reason: str, period: Period | None = None) -> None:
        self.text = text
        self.reason = reason
        self.period = period
        super().__init__(self.message())

    def message(self, lang: str | None = None) -> str:
        if self.reason == "order" and self.period is not None:
            return t(
                "commands.period.order",
                lang,
                start=long_date(self.period.start, lang or "nl"),
                end=long_date(self.period.end, lang or "nl"),
            )
        if self.reason == "out_of_range":
            return t(
                "commands.period.out_of_range",
                lang,
                text=self.text,
                first=FIRST_YEAR,
                last=LAST_YEAR,
            )
        return t("commands.period.unreadable", lang, text=self.text)


class _YearOutOfRangeError(ValueError):
    """A year written outside FIRST_YEAR..LAST_YEAR; ``parse_period`` says so."""


def _read_year(digits: str) -> int:
    year = int(digits)  # at most four ASCII digits, as every pattern here has them
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise _YearOutOfRangeError(digits)
    return year


_WRITTEN_YEAR: Final = re.compile(r"(?<![0-9])[0-9]{4}(?![0-9])")


def names_year_outside(text: str) -> bool:
    """Whether ``text`` writes a year outside FIRST_YEAR..LAST_YEAR (four digits on their
    own): why a day in it could not be read, for an answer that says so."""
    return any(not FIRST_YEAR <= int(found) <= LAST_YEAR for found in _WRITTEN_YEAR.findall(text))


def describe(period: Period, lang: str) -> str:
    """'maandag 16 november 2026 t/m zondag 22 november 2026', or the one day."""
    if period.start == period.end:
        return long_date(period.start, lang)
    return t(
        "commands.period.range",
        lang,
        start=long_date(period.start, lang),
        end=long_date(period.end, lang),
    )


def last_days(today: date, days: int = DEFAULT_DAYS) -> Period:
    """The last ``days`` days, today included."""
    return Period(today - timedelta(days=days - 1), today)


def normalise(text: str) -> str:
    """Lower case without accents, dashes made plain, single spaces, no quotes around."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    plain = plain.replace("\u2013", "-").replace("\u2014", "-").replace(",", " ")
    return " ".join(plain.split()).strip(" '\"?!:;()")


# -- days ------------------------------------------------------------------------------------


def _in_year(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _yearless(month: int, day: int, anchor: date, forward: bool) -> date | None:
    """The first such day on or after ``anchor`` (forward), or the last on or before it."""
    step = 1 if forward else -1
    # Eight years always reach a 29 February; other impossible days never resolve.
    for offset in range(9):
        found = _in_year(anchor.year + step * offset, month, day)
        if found is not None and (found >= anchor if forward else found <= anchor):
            return found
    return None


def _weekday(words: list[str], anchor: date, forward: bool) -> date | None:
    strict = len(words) == 2 and words[0] in NEXT_WORDS | PREVIOUS_WORDS
    if strict:
        forward = words[0] in NEXT_WORDS
        words = words[1:]
    if len(words) != 1 or words[0] not in WEEKDAYS:
        return None
    target = WEEKDAYS[words[0]]
    if forward:
        ahead = (target - anchor.weekday()) % 7
        return anchor + timedelta(days=ahead if ahead or not strict else 7)
    back = (anchor.weekday() - target) % 7
    return anchor - timedelta(days=back if back or not strict else 7)


NUMERIC_DAY: Final = re.compile(r"^([0-9]{1,2})[-/.]([0-9]{1,2})(?:[-/.]([0-9]{4}))?$")
ISO_DAY: Final = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$")
WORDS_DAY: Final = re.compile(
    r"^([0-9]{1,2})(?:e|ste|de|st|nd|rd|th)? ([a-z]+)\.?(?: ([0-9]{4}))?$"
)
WORDS_DAY_EN: Final = re.compile(r"^([a-z]+)\.? ([0-9]{1,2})(?:st|nd|rd|th)?(?: ([0-9]{4}))?$")


def _day_parts(text: str) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) of a written date, or None."""
    if match := ISO_DAY.match(text):
        return _read_year(match[1]), int(match[2]), int(match[3])
    if match := NUMERIC_DAY.match(text):
        return (_read_year(match[3]) if match[3] else None), int(match[2]), int(match[1])
    if (match := WORDS_DAY.match(text)) and match[2] in MONTHS:
        return (_read_year(match[3]) if match[3] else None), MONTHS[match[2]], int(match[1])
    if (match := WORDS_DAY_EN.match(text)) and match[1] in MONTHS:
        return (_read_year(match[3]) if match[3] else None), MONTHS[match[1]], int(match[2])
    return None


def parse_day(
    text: str, today: date, *, anchor: date | None = None, forward: bool, grace: int = 0
) -> date | None:
    """One day in words, or None.

    "vandaag", "morgen", "overmorgen", "gisteren" count from ``today``. A weekday or a date
    without a year is the first such day on or after ``anchor`` (default today) when
    ``forward``, else the last on or before it; "komende maandag" / "vorige maandag" are
    strictly after / before. Reading forward, a date without a year may lie up to ``grace``
    days before the anchor ("1 december" said on 5 December is this year's, for an absence
    that has begun). A weekday written before a date must match it. A year outside
    FIRST_YEAR..LAST_YEAR is no day either.
    """
    try:
        return _day(text, today, anchor=anchor, forward=forward, grace=grace)
    except _YearOutOfRangeError:
        return None


def _day(text: str, today: date, *, anchor: date | None, forward: bool, grace: int) -> date | None:
    """``parse_day``, raising _YearOutOfRangeError for a year outside the range."""
    norm = normalise(text)
    base = today if anchor is None else anchor
    if norm in RELATIVE_DAYS:
        return today + timedelta(days=RELATIVE_DAYS[norm])
    words = norm.split()
    if words and words[0] in WEEKDAYS and len(words) > 1:
        named = WEEKDAYS[words[0]]
        rest = " ".join(words[1:])
        found = _day(rest, today, anchor=anchor, forward=forward, grace=grace)
        return found if found is not None and found.weekday() == named else None
    by_weekday = _weekday(words, base, forward)
    if by_weekday is not None:
        return by_weekday
    parts = _day_parts(norm)
    if parts is None:
        return None
    year, month, day = parts
    if year is None:
        return _yearless(month, day, base - timedelta(days=grace) if forward else base, forward)
    return _in_year(year, month, day)


# -- periods ---------------------------------------------------------------------------------


def _month(year: int, month: int) -> Period:
    start = date(year, month, 1)
    return Period(start, start + relativedelta(months=1) - timedelta(days=1))


def _quarter(year: int, quarter: int) -> Period:
    start = date(year, 3 * quarter - 2, 1)
    return Period(start, start + relativedelta(months=3) - timedelta(days=1))


def _half(year: int, half: int) -> Period:
    start = date(year, 6 * half - 5, 1)
    return Period(start, start + relativedelta(months=6) - timedelta(days=1))


def _year(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31))


def _iso_week(year: int, week: int) -> Period | None:
    try:
        start = date.fromisocalendar(year, week, 1)
    except ValueError:
        return None
    return Period(start, start + timedelta(days=6))


def _pick_year(make: Callable[[int], Period], anchor: date, forward: bool) -> Period:
    """A period named without its year: the latest begun (back) or first not ended (ahead)."""
    same = make(anchor.year)
    if forward:
        return same if same.end >= anchor else make(anchor.year + 1)
    return same if same.start <= anchor else make(anchor.year - 1)


def _containing(unit: str, day: date) -> Period:
    if unit == "week":
        start = day - timedelta(days=day.weekday())
        return Period(start, start + timedelta(days=6))
    if unit == "month":
        return _month(day.year, day.month)
    if unit == "quarter":
        return _quarter(day.year, (day.month - 1) // 3 + 1)
    if unit == "half":
        return _half(day.year, 1 if day.month <= 6 else 2)
    return _year(day.year)


def _back(unit: str, count: int, today: date) -> Period:
    """The last ``count`` units up to today: "maand" on 22 November is 23 October on."""
    lengths = {
        "day": relativedelta(days=count),
        "week": relativedelta(weeks=count),
        "month": relativedelta(months=count),
        "quarter": relativedelta(months=3 * count),
        "half": relativedelta(months=6 * count),
        "year": relativedelta(years=count),
    }
    return Period(today - lengths[unit] + timedelta(days=1), today)


NUMBER_WORDS: Final[dict[str, int]] = {
    "een": 1, "one": 1, "twee": 2, "two": 2, "drie": 3, "three": 3, "vier": 4, "four": 4,
    "vijf": 5, "five": 5, "zes": 6, "six": 6, "zeven": 7, "seven": 7, "acht": 8, "eight": 8,
    "negen": 9, "nine": 9, "tien": 10, "ten": 10, "twaalf": 12, "twelve": 12,
}  # fmt: skip


def _rolling(text: str, today: date) -> Period | None:
    """'maand', 'afgelopen maand', 'past 30 days', 'laatste 2 weken'."""
    rest = text
    for prefix in ROLLING_PREFIXES + ROLLING_PREFIXES_EN:
        if rest.startswith(prefix):
            rest = rest[len(prefix) :]
            break
    else:
        if text not in UNITS:
            return None
    count: int | None = 1
    first, _, unit = rest.partition(" ")
    if unit and (is_digits(first) or first in NUMBER_WORDS):
        count = row_number(first) if is_digits(first) else NUMBER_WORDS[first]
    else:
        unit = rest
    if unit not in UNITS or count is None or not 1 <= count <= MAX_COUNT:
        return None
    return _back(UNITS[unit], count, today)


def _calendar(text: str, today: date) -> Period | None:
    """'deze week', 'vorige maand', 'last quarter', 'dit jaar'."""
    first, _, unit_word = text.partition(" ")
    unit = UNITS.get(unit_word)
    if unit is None or unit == "day":
        return None
    if first in THIS_WORDS:
        return _containing(unit, today)
    if first in PREVIOUS_PERIOD_WORDS:
        return _containing(unit, _containing(unit, today).start - timedelta(days=1))
    return None


QUARTER: Final = re.compile(r"^(?:([0-9]{4})[- ]?q([1-4])|q([1-4])(?:[- ]([0-9]{4}))?)$")
HALF: Final = re.compile(r"^(?:([0-9]{4})[- ]?h([12])|h([12])(?:[- ]([0-9]{4}))?)$")
YEAR: Final = re.compile(r"^(?:in )?([0-9]{4})$")
YEAR_MONTH: Final = re.compile(r"^([0-9]{4})-([0-9]{1,2})$|^([0-9]{1,2})-([0-9]{4})$")
MONTH_WORDS: Final = re.compile(r"^(?:in )?([a-z]+)\.?(?: ([0-9]{4}))?$")
WEEK: Final = re.compile(
    r"^(?:([0-9]{4})-?w([0-9]{1,2})|(?:week|wk) ([0-9]{1,2})(?: ([0-9]{4}))?)$"
)


def _by_number(
    make: Callable[[int, int], Period], number: int, year: str | None, anchor: date, forward: bool
) -> Period:
    if year:
        return make(_read_year(year), number)
    return _pick_year(lambda y: make(y, number), anchor, forward)


def _quarter_match(match: re.Match[str], anchor: date, forward: bool) -> Period | None:
    return _by_number(_quarter, int(match[2] or match[3]), match[1] or match[4], anchor, forward)


def _half_match(match: re.Match[str], anchor: date, forward: bool) -> Period | None:
    return _by_number(_half, int(match[2] or match[3]), match[1] or match[4], anchor, forward)


def _year_match(match: re.Match[str], _anchor: date, _forward: bool) -> Period | None:
    return _year(_read_year(match[1]))


def _year_month_match(match: re.Match[str], _anchor: date, _forward: bool) -> Period | None:
    year, month = (match[1], match[2]) if match[1] else (match[4], match[3])
    return _month(_read_year(year), int(month)) if 1 <= int(month) <= 12 else None


def _month_words_match(match: re.Match[str], anchor: date, forward: bool) -> Period | None:
    if match[1] not in MONTHS:
        return None
    return _by_number(_month, MONTHS[match[1]], match[2], anchor, forward)


def _week_match(match: re.Match[str], anchor: date, forward: bool) -> Period | None:
    week, year = int(match[2] or match[3]), match[1] or match[4]
    if year:
        return _iso_week(_read_year(year), week)
    return _pick_week(week, anchor, forward)


NUMBERED: Final = (
    (QUARTER, _quarter_match),
    (HALF, _half_match),
    (YEAR, _year_match),
    (YEAR_MONTH, _year_month_match),
    (MONTH_WORDS, _month_words_match),
    (WEEK, _week_match),
)


def _numbered(text: str, anchor: date, forward: bool) -> Period | None:
    """Quarters, halves, years, months and weeks by number or name."""
    for pattern, read in NUMBERED:
        match = pattern.match(text)
        found = read(match, anchor, forward) if match else None
        if found is not None:
            return found
    return None


def _pick_week(week: int, anchor: date, forward: bool) -> Period | None:
    for year in (anchor.year, anchor.year + (1 if forward else -1)):
        found = _iso_week(year, week)
        if found is not None and (found.end >= anchor if forward else found.start <= anchor):
            return found
    return None


def _term(text: str, today: date, anchor: date, forward: bool) -> Period | None:
    """One period: a day, a named or numbered period, or a stretch back from today."""
    day = _day(text, today, anchor=anchor, forward=forward, grace=0)
    if day is not None:
        return Period(day, day)
    for reading in (_calendar(text, today), _rolling(text, today)):
        if reading is not None:
            return reading
    return _numbered(text, anchor, forward)


def _since(text: str, today: date, original: str) -> Period | None:
    for word in SINCE_WORDS:
        if text.startswith(word):
            start = _term(text[len(word) :], today, today, forward=False)
            if start is None:
                raise PeriodError(original.strip(), "unreadable")
            return _ordered(Period(start.start, today), original)
    return None


def _range(text: str, today: date, original: str) -> Period | None:
    body = text
    between = False
    for word in RANGE_PREFIXES:
        if body.startswith(word):
            body = body[len(word) :]
            between = word in {"tussen ", "between "}
            break
    for match in RANGE_SEPARATOR.finditer(body):
        if match.group().strip() in {"en", "and"} and not between:
            continue
        left, right = body[: match.start()], body[match.end() :]
        left = share_month(left, right)
        first = _term(left, today, today, forward=False)
        if first is None:
            continue
        last = _term(right, today, first.start, forward=True)
        if last is not None:
            return _ordered(Period(first.start, last.end), original)
    return None


def share_month(first: str, second: str) -> str:
    """'1' before '30 november' means '1 november': a range's first day shares the month."""
    shared = SHARED_MONTH.match(second.strip())
    return first + shared[1] if is_digits(first) and shared else first


def _ordered(period: Period, original: str) -> Period:
    if period.end < period.start:
        raise PeriodError(original, "order", period)
    return period


def parse_period(text: str, today: date) -> Period:
    """The period a person named for a summary; see the module docstring for the forms.

    Raises ``PeriodError`` when the words are not a period, name a year outside
    FIRST_YEAR..LAST_YEAR, or end before they start.
    """
    try:
        return _parse_period(text, today)
    except _YearOutOfRangeError as err:
        raise PeriodError(text.strip(), "out_of_range") from err


def _parse_period(text: str, today: date) -> Period:
    norm = normalise(text)
    if not norm:
        return last_days(today)
    single = _term(norm, today, today, forward=False)
    if single is not None:
        return single
    ranged = _range(norm, today, text)
    if ranged is not None:
        return ranged
    since = _since(norm, today, text)
    if since is not None:
        return since
    raise PeriodError(text.strip(), "unreadable")
