"""Deadlines stated in Dutch words, read as a date plus how precise that date is.

Policy texts and chat replies say "voor de zomer van 2024" or "uiterlijk 1 oktober". A letter
written later must be able to repeat "uiterlijk eind 2025" instead of inventing an exact day,
so every reading keeps the phrase and a precision next to the date. The conventions are
described in docs/deadlines.md; this module is their one implementation.

Absolute days go through dateutil's parser (with Dutch names) and are then checked against
the numbers actually written, because dateutil's lenient defaults swap day and month or
invent a year. Relative phrases and named periods are read by the small grammars below.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from functools import partial
from typing import Final

from dateutil.parser import isoparser, parse, parserinfo
from dateutil.relativedelta import MO, relativedelta

from words.catalogue import t

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "Deadline",
    "DeadlineError",
    "DutchParserInfo",
    "Precision",
    "find_deadline",
    "parse_deadline",
]

FIRST_YEAR: Final = 1900
LAST_YEAR: Final = 2200


class Precision(StrEnum):
    """How exactly the phrase pins down its date."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    SEASON = "season"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class Deadline:
    """A deadline: the (last) day it names, how precise that is, and the phrase itself."""

    due: date
    precision: Precision
    text: str


class DeadlineError(ValueError):
    """A phrase that cannot be read as a deadline.

    ``reason`` is a short code: ``empty``, ``unreadable``, ``vague``, ``weekday_mismatch``,
    ``impossible_date`` or ``out_of_range``. For ``weekday_mismatch``, ``actual`` is the date
    the phrase names and ``weekday`` the weekday it claims (0 is Monday). ``str(error)`` is the
    Dutch message; ``message(lang)`` gives it in another language.
    """

    def __init__(
        self,
        text: str,
        reason: str,
        *,
        actual: date | None = None,
        weekday: int | None = None,
    ) -> None:
        self.text = text
        self.reason = reason
        self.actual = actual
        self.weekday = weekday
        super().__init__(self.message())

    def message(self, lang: str | None = None) -> str:
        """The explanation, with phrases that do work, in ``lang`` (Dutch by default)."""
        params: dict[str, object] = {
            "text": _shorten(self.text),
            "examples": t("deadline.examples", lang),
            "first": FIRST_YEAR,
            "last": LAST_YEAR,
        }
        if self.actual is not None:
            params["date"] = _spell_date(self.actual, lang)
            params["date_nl"] = _spell_date(self.actual, "nl")
            params["actual"] = t(f"deadline.weekday.{self.actual.weekday()}", lang)
            params["actual_nl"] = t(f"deadline.weekday.{self.actual.weekday()}", "nl")
        if self.weekday is not None:
            params["given"] = t(f"deadline.weekday.{self.weekday}", lang)
        return t(f"deadline.error.{self.reason}", lang, **params)


class DutchParserInfo(parserinfo):
    """Dutch month and day names for dateutil, and two-digit years in this century."""

    WEEKDAYS = [  # noqa: RUF012 - dateutil reads these class lists; they are never mutated
        ("ma", "maandag"),
        ("di", "dinsdag"),
        ("wo", "woensdag"),
        ("do", "donderdag"),
        ("vr", "vrijdag"),
        ("za", "zaterdag"),
        ("zo", "zondag"),
    ]
    MONTHS = [  # noqa: RUF012 - as above; the last name of each entry is the full name
        ("jan", "januari"),
        ("feb", "febr", "februari"),
        ("mrt", "maart"),
        ("apr", "april"),
        ("mei", "mei"),
        ("jun", "juni"),
        ("jul", "juli"),
        ("aug", "augustus"),
        ("sep", "sept", "september"),
        ("okt", "oktober"),
        ("nov", "november"),
        ("dec", "december"),
    ]

    def convertyear(self, year: int, century_specified: bool = False) -> int:
        # dateutil moves "'99" to 1999 depending on today's date; policy texts never mean the
        # previous century, and the rule must not change with the clock.
        if year < 100 and not century_specified:
            return 2000 + year
        return year


_INFO: Final = DutchParserInfo(dayfirst=True)
_LEAP_YEAR: Final = 2000  # stands in for a missing year, so that 29 February can be checked
_YEARS_AHEAD: Final = 9  # the next 29 February can be eight years away (2096 -> 2104)


def _alternatives(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first so "sept" wins over "sep"."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


_FULL_MONTHS: Final = {names[-1]: number for number, names in enumerate(_INFO.MONTHS, 1)}
_MONTH_WORDS: Final = {word for names in _INFO.MONTHS for word in names}
_MONTH_ABBREVIATIONS: Final = _MONTH_WORDS - _FULL_MONTHS.keys()
_FULL_DAYS: Final = {names[-1] for names in _INFO.WEEKDAYS}
_DAY_WORDS: Final = {word for names in _INFO.WEEKDAYS for word in names}

_MONTH_ALT: Final = _alternatives(_MONTH_WORDS)
_FULL_DAY_ALT: Final = _alternatives(_FULL_DAYS)
_SEASON_ALT: Final = "voorjaar|lente|zomer|najaar|herfst|winter"
_SUMMER_ALT: Final = "zomerreces|zomervakantie|zomer"

# --- Normalising ---------------------------------------------------------------------------

# Commas and colons only separate ("woensdag, 25 november", "deadline: 1 okt"); curly quotes
# become plain ones so "Q2 ’25" reads like "Q2 '25".
_SEPARATORS: Final = str.maketrans(
    {",": " ", ":": " ", ";": " ", "\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"}
    | {"\u201c": '"', "\u201d": '"', "\u00a0": " "}
)
_EDGE_START: Final = ' (["'
_EDGE_END: Final = " .!?)]\"'"

# Words in front of a deadline that do not change it. "voor" is kept when it starts "voor de
# zomer" (30 June rather than the end of summer) or another season (which is then unreadable
# rather than silently read as the season's end).
_LEADING: Final = re.compile(
    r"^(?:uiterlijk|deadline|op|per|t/m|tot en met"
    rf"|voor(?! (?:(?:de|het) )?(?:(?:deze|komende) )?(?:{_SUMMER_ALT}|{_SEASON_ALT})\b))"
    r"(?: |$)",
    re.ASCII,
)


def _normalise(text: str) -> str:
    """Lower case, no accents, single spaces, no leading filler or trailing punctuation."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SEPARATORS)).lower()
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    phrase = " ".join(bare.split()).lstrip(_EDGE_START).rstrip(_EDGE_END)
    while (match := _LEADING.match(phrase)) is not None:
        phrase = phrase[match.end() :]
    return phrase


# --- Errors and safe arithmetic --------------------------------------------------------------


class _ReadError(Exception):
    """Raised inside the readers; parse_deadline turns it into a DeadlineError with the text."""

    def __init__(
        self, reason: str, *, actual: date | None = None, weekday: int | None = None
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.actual = actual
        self.weekday = weekday


def _in_range(year: int) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise _ReadError("out_of_range")
    return year


def _checked(year: int, month: int, day: int) -> date:
    """The date, or a read error: never a silently corrected one."""
    try:
        return date(_in_range(year), month, day)
    except ValueError:
        raise _ReadError("impossible_date") from None


def _shift(base: date, delta: relativedelta) -> date:
    # "over 100000 jaar" must be an error, not an OverflowError from the datetime module.
    try:
        shifted: date = base + delta
    except (OverflowError, ValueError):
        raise _ReadError("out_of_range") from None
    _in_range(shifted.year)
    return shifted


def _month_end(year: int, month: int) -> date:
    return _checked(year, month, 1) + relativedelta(day=31)


def _next_unended(due_in: Callable[[int], date], today: date) -> date:
    """The first year's due date that is still to come; for periods and days without a year."""
    problem = _ReadError("out_of_range")
    # Starting a year back finds a winter that began last December and is still running.
    for year in range(today.year - 1, today.year + _YEARS_AHEAD):
        try:
            due = due_in(year)
        except _ReadError as error:  # 29 February or week 53 does not exist in every year
            problem = error
            continue
        if due >= today:
            return due
    raise problem


_YEAR_OFFSETS: Final = {"dit jaar": 0, "het jaar": 0, "volgend jaar": 1, "komend jaar": 1}


def _year_number(token: str) -> int:
    # "'19" is 2019: policy texts do not abbreviate years of the previous century.
    year = 2000 + int(token[1:]) if token.startswith("'") else int(token)
    return _in_range(year)


def _resolve_year(token: str, today: date) -> int:
    offset = _YEAR_OFFSETS.get(token)
    if offset is not None:
        return _in_range(today.year + offset)
    return _year_number(token)


def _in_year(due_in: Callable[[int], date], token: str | None, today: date) -> date:
    if token is None:
        return _next_unended(due_in, today)
    return due_in(_resolve_year(token, today))


# --- Readers ---------------------------------------------------------------------------------

_Reading = tuple[date, Precision]

_VAGUE: Final = frozenset(
    {
        "binnenkort", "zsm", "z.s.m", "asap", "zo snel mogelijk", "zo spoedig mogelijk",
        "spoedig", "snel", "later", "ooit", "onbekend", "nog onbekend", "nnb", "n.n.b",
        "ntb", "n.t.b", "nader te bepalen", "tbd", "pm", "p.m", "doorlopend", "continu",
    }
)  # fmt: skip

_DAY_OFFSETS: Final = {"vandaag": 0, "morgen": 1, "overmorgen": 2}


def _relative_day(phrase: str, today: date) -> _Reading | None:
    offset = _DAY_OFFSETS.get(phrase)
    if offset is None:
        return None
    return _shift(today, relativedelta(days=offset)), Precision.DAY


def _weekday_number(word: str) -> int:
    number = _INFO.weekday(word)
    assert number is not None  # noqa: S101 - the regexes only let known names through
    return number


# A lone weekday needs its full name: "zo" and "do" are ordinary Dutch words.
_NEXT_WEEKDAY: Final = re.compile(
    rf"^(?:(?:komende|aanstaande) )?(?P<day>{_FULL_DAY_ALT})(?: (?:aanstaande|a\.?s))?$"
)


def _next_weekday(phrase: str, today: date) -> _Reading | None:
    match = _NEXT_WEEKDAY.match(phrase)
    if match is None:
        return None
    # Strictly after today: on a Friday, "vrijdag" means next week's Friday.
    delta = relativedelta(days=1, weekday=_weekday_number(match["day"]))
    return _shift(today, delta), Precision.DAY


_WEEK_OFFSETS: Final = {"deze": 0, "volgende": 1, "komende": 1}
_RELATIVE_WEEK: Final = re.compile(
    rf"^(?:(?P<before>{_FULL_DAY_ALT}) )?(?:(?P<end>eind|einde) (?:van )?)?"
    rf"(?P<which>deze|volgende|komende) week(?: (?P<after>{_FULL_DAY_ALT}))?$"
)


def _relative_week(phrase: str, today: date) -> _Reading | None:
    match = _RELATIVE_WEEK.match(phrase)
    if match is None:
        return None
    days = [word for word in (match["before"], match["after"]) if word]
    if len(days) > 1 or (days and match["end"]):
        return None
    # ISO weeks run Monday to Sunday; MO(-1) is the Monday on or before the shifted day.
    weeks = _WEEK_OFFSETS[match["which"]]
    monday = _shift(today, relativedelta(weeks=weeks, weekday=MO(-1)))
    if days:
        return _shift(monday, relativedelta(days=_weekday_number(days[0]))), Precision.DAY
    # A week as a whole is due on its Friday, the last working day.
    return _shift(monday, relativedelta(days=4)), Precision.WEEK


_NUMBER_WORDS: Final = {
    "een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6,
    "zeven": 7, "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12,
}  # fmt: skip
# Per unit: (days, months) per step, and the precision of the result.
_UNITS: Final = {
    "dag": (1, 0, Precision.DAY),
    "dagen": (1, 0, Precision.DAY),
    "week": (7, 0, Precision.WEEK),
    "weken": (7, 0, Precision.WEEK),
    "maand": (0, 1, Precision.MONTH),
    "maanden": (0, 1, Precision.MONTH),
    "jaar": (0, 12, Precision.YEAR),
    "jaren": (0, 12, Precision.YEAR),
}
_MAX_COUNT_DIGITS: Final = 6  # anything longer is far beyond LAST_YEAR in any unit
_IN_UNITS: Final = re.compile(
    rf"^(?:over|binnen|in) (?P<count>[0-9]+|{_alternatives(_NUMBER_WORDS)}) "
    rf"(?P<unit>{_alternatives(_UNITS)})$"
)


def _in_units(phrase: str, today: date) -> _Reading | None:
    match = _IN_UNITS.match(phrase)
    if match is None:
        return None
    count_text = match["count"]
    if len(count_text) > _MAX_COUNT_DIGITS:
        raise _ReadError("out_of_range")
    count = _NUMBER_WORDS.get(count_text) or int(count_text)
    days, months, precision = _UNITS[match["unit"]]
    return _shift(today, relativedelta(days=count * days, months=count * months)), precision


_WEEKDAY_PREFIX: Final = rf"(?:(?P<weekday>{_alternatives(_DAY_WORDS)})\.? )?"
_ISO_DAY: Final = re.compile(
    rf"^{_WEEKDAY_PREFIX}(?P<body>(?P<year>[0-9]{{4}})-(?P<month>[0-9]{{2}})-(?P<day>[0-9]{{2}}))$"
)
_NUMERIC_DAY: Final = re.compile(
    rf"^{_WEEKDAY_PREFIX}(?P<body>(?P<day>[0-9]{{1,2}})(?P<sep>[-/.])(?P<month>[0-9]{{1,2}})"
    rf"(?P=sep)(?P<year>[0-9]{{4,9}}))$"
)
_NAMED_DAY: Final = re.compile(
    rf"^{_WEEKDAY_PREFIX}(?P<body>(?P<day>[0-9]{{1,2}}) (?P<month>{_MONTH_ALT})\.?"
    rf"(?: (?P<year>[0-9]{{4,9}}|'[0-9]{{2}}))?)$"
)


def _month_number(word: str) -> int:
    if word.isdigit():
        return int(word)
    number = _INFO.month(word)
    assert number is not None  # noqa: S101 - the regexes only let known names through
    return number


def _confirm_with_dateutil(match: re.Match[str], year: int | None) -> None:
    """Let dateutil read the day, and accept only a reading of the numbers as written."""
    day, month = int(match["day"]), _month_number(match["month"])
    expected_year = _LEAP_YEAR if year is None else year
    try:
        if match.re is _ISO_DAY:
            read: date = isoparser().parse_isodate(match["body"])
        else:
            read = parse(match["body"], _INFO, default=datetime(expected_year, 1, 1, tzinfo=UTC))
    except (ValueError, OverflowError):  # ParserError is a ValueError
        raise _ReadError("impossible_date") from None
    # dayfirst still swaps "1-13-2025" into 13 January; such a rescue is not what was written.
    if (read.year, read.month, read.day) != (expected_year, month, day):
        raise _ReadError("impossible_date")


def _absolute_day(phrase: str, today: date) -> _Reading | None:
    match = _ISO_DAY.match(phrase) or _NUMERIC_DAY.match(phrase) or _NAMED_DAY.match(phrase)
    if match is None:
        return None
    year = None if match["year"] is None else _year_number(match["year"])
    _confirm_with_dateutil(match, year)
    due_in = partial(_checked, month=_month_number(match["month"]), day=int(match["day"]))
    # Without a year: the next such day on or after today (not dateutil's current year).
    due = _next_unended(due_in, today) if year is None else due_in(year)
    if match["weekday"] is not None:
        claimed = _weekday_number(match["weekday"])
        if claimed != due.weekday():
            raise _ReadError("weekday_mismatch", actual=due, weekday=claimed)
    return due, Precision.DAY


_YEAR: Final = r"(?P<year>[0-9]{4,9}|'[0-9]{2}|(?:dit|het|volgend|komend) jaar)"

# "voor de zomer" follows the political calendar (the summer recess starts in July), "na de
# zomer" is September: both are conventions, not the meteorological summer.
_SUMMER_SIDE: Final = re.compile(
    rf"^(?P<side>voor|na) (?:(?:de|het) )?(?:(?:deze|komende) )?(?:{_SUMMER_ALT})"
    rf"(?: (?:van )?{_YEAR})?$"
)
_SUMMER_SIDE_DAY: Final = {"voor": (6, 30), "na": (9, 30)}


def _summer_side(phrase: str, today: date) -> _Reading | None:
    match = _SUMMER_SIDE.match(phrase)
    if match is None:
        return None
    month, day = _SUMMER_SIDE_DAY[match["side"]]
    return _in_year(partial(_checked, month=month, day=day), match["year"], today), Precision.SEASON


# --- Named periods ---------------------------------------------------------------------------

_MODIFIERS: Final = {
    "eind": "end",
    "einde": "end",
    "begin": "start",
    "half": "middle",
    "medio": "middle",
    "halverwege": "middle",
}
_RELATIVE_OFFSETS: Final = {
    "deze": 0, "dit": 0, "de": 0, "het": 0, "volgende": 1, "volgend": 1, "komende": 1, "komend": 1,
}  # fmt: skip
_QUARTER_ORDINALS: Final = {
    "eerste": 1, "1e": 1, "1ste": 1, "tweede": 2, "2e": 2, "2de": 2,
    "derde": 3, "3e": 3, "3de": 3, "vierde": 4, "4e": 4, "4de": 4, "laatste": 4,
}  # fmt: skip
_HALF_ORDINALS: Final = {
    "eerste": 1, "1e": 1, "1ste": 1, "tweede": 2, "2e": 2, "2de": 2, "laatste": 2,
}  # fmt: skip
# Meteorological seasons: (years after the named year, month in which the season ends).
_SEASON_ENDS: Final = {
    "voorjaar": (0, 5), "lente": (0, 5), "zomer": (0, 8),
    "najaar": (0, 11), "herfst": (0, 11), "winter": (1, 2),
}  # fmt: skip

_PERIOD_HEAD: Final = (
    rf"^(?:in )?(?:(?:het|de) )?(?:(?P<mod>{_alternatives(_MODIFIERS)}) (?:van )?(?:(?:het|de) )?)?"
)
_NOUN: Final = "|".join(
    (
        rf"(?P<month>{_MONTH_ALT})\.?",
        r"(?P<monthrel>deze|volgende|komende|de) maand",
        r"q(?P<quarter>[1-4])",
        rf"(?P<quarterord>{_alternatives(_QUARTER_ORDINALS)}) kwartaal",
        r"(?P<quarterrel>dit|volgend|komend|het) kwartaal",
        r"h(?P<half>[12])",
        rf"(?P<halford>{_alternatives(_HALF_ORDINALS)}) (?:halfjaar|half jaar|helft|jaarhelft)",
        r"(?P<halfrel>dit|volgend|komend|het) halfjaar",
        rf"(?:(?:deze|dit|komende|komend) )?(?P<season>{_SEASON_ALT})",
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
    return _shift(today, relativedelta(months=months * _RELATIVE_OFFSETS[word]))


def _day_in_month(year: int, month: int, mod: str | None) -> date:
    if mod == "start":
        return _checked(year, month, 10)
    if mod == "middle":
        return _checked(year, month, 15)
    return _month_end(year, month)


def _month_rule(groups: _Groups, mod: str | None, today: date) -> _Rule | None:
    if groups["month"] is not None:
        month = _month_number(groups["month"])
        return partial(_day_in_month, month=month, mod=mod), Precision.MONTH, None
    if groups["monthrel"] is None:
        return None
    anchor = _relative_anchor(groups["monthrel"], mod, 1, today)
    if anchor is None:
        return None
    return partial(_day_in_month, month=anchor.month, mod=mod), Precision.MONTH, anchor.year


# Per kind: months in one, how ordinals count, and the precision.
_NUMBERED: Final = {
    "quarter": (3, _QUARTER_ORDINALS, Precision.QUARTER),
    "half": (6, _HALF_ORDINALS, Precision.HALF),
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
    if which is None or mod not in {None, "end"}:  # "begin Q3" is not a convention (yet)
        return None
    size, _, precision = _NUMBERED[kind]
    number, fixed_year = which
    return partial(_month_end, month=number * size), precision, fixed_year


def _season_rule(groups: _Groups, mod: str | None, _today: date) -> _Rule | None:
    season = groups["season"]
    if season is None or mod not in {None, "end"}:
        return None
    years_later, month = _SEASON_ENDS[season]
    # A winter is named after the year it starts in; it ends in February of the next year.
    return (lambda year: _month_end(year + years_later, month)), Precision.SEASON, None


def _iso_friday(year: int, week: int) -> date:
    try:
        return date.fromisocalendar(_in_range(year), week, 5)
    except ValueError:
        raise _ReadError("impossible_date") from None


def _week_rule(groups: _Groups, mod: str | None, _today: date) -> _Rule | None:
    if groups["week"] is None or mod not in {None, "end"}:
        return None
    return partial(_iso_friday, week=int(groups["week"])), Precision.WEEK, None


def _quarter_rule(groups: _Groups, mod: str | None, today: date) -> _Rule | None:
    return _numbered_rule(groups, mod, today, "quarter")


def _half_rule(groups: _Groups, mod: str | None, today: date) -> _Rule | None:
    return _numbered_rule(groups, mod, today, "half")


_RULES: Final = (_month_rule, _quarter_rule, _half_rule, _season_rule, _week_rule)


def _named_period(phrase: str, today: date) -> _Reading | None:
    match = _NAMED_PERIOD.match(phrase)
    if match is None:
        return None
    mod = _MODIFIERS.get(match["mod"] or "")
    groups = match.groupdict()
    for rule in _RULES:
        found = rule(groups, mod, today)
        if found is not None:
            break
    else:
        return None
    due_in, precision, fixed_year = found
    if fixed_year is None:
        return _in_year(due_in, match["year"], today), precision
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


def _year_period(phrase: str, today: date) -> _Reading | None:
    match = _YEAR_PERIOD.match(phrase)
    if match is None:
        return None
    mod = _MODIFIERS.get(match["mod"] or "")
    if match["year"] == "het jaar" and mod is None:  # "het jaar" alone names no year
        return None
    month, day, precision = _YEAR_POINTS[mod]
    return _checked(_resolve_year(match["year"], today), month, day), precision


_READERS: Final[tuple[Callable[[str, date], _Reading | None], ...]] = (
    _relative_day,
    _next_weekday,
    _relative_week,
    _in_units,
    _absolute_day,
    _summer_side,
    _named_period,
    _year_period,
)


def _read(phrase: str, today: date) -> _Reading:
    if phrase in _VAGUE:
        raise _ReadError("vague")
    for reader in _READERS:
        reading = reader(phrase, today)
        if reading is not None:
            return reading
    raise _ReadError("unreadable")


# --- Public API ------------------------------------------------------------------------------


def parse_deadline(text: str, today: date) -> Deadline:
    """Read ``text`` as a deadline relative to ``today``; raise DeadlineError if it is not one."""
    phrase = text.strip()
    if not phrase:
        raise DeadlineError(phrase, "empty")
    try:
        due, precision = _read(_normalise(phrase), today)
    except _ReadError as error:
        raise DeadlineError(
            phrase, error.reason, actual=error.actual, weekday=error.weekday
        ) from None
    return Deadline(due=due, precision=precision, text=phrase)


_WORD: Final = re.compile(r"\S+")
_MAX_PHRASE_WORDS: Final = 8  # "uiterlijk voor het einde van het jaar" has seven
_TRIM_START: Final = '([{"“'
_TRIM_END: Final = ".,;:!?)]}\"'”’"
_BARE_YEAR: Final = re.compile(r"[0-9]{4}", re.ASCII)
_BARE_YEAR_WINDOW: Final = (-5, 30)  # years around today that a lone number may name
# Limits per text. A realistic reply looks at a phrase for one word in five and reads a few
# dozen different ones; a pasted table of numbers or dates, where every word may start and
# end a deadline, would otherwise look at eight phrases a word and read thousands.
_MAX_LOOKS: Final = 100_000
_MAX_TRIES: Final = 2_000


def _is_weak(phrase: str, today: date) -> bool:
    """Single words that, inside a sentence, are more often something else than a deadline."""
    if " " in phrase:
        return False
    word = _normalise(phrase)
    # "Jan belt morgen": a lone "jan" is a name; "2000 euro": a lone number is an amount,
    # unless it is a year close to today.
    if word in _MONTH_ABBREVIATIONS:
        return True
    if _BARE_YEAR.fullmatch(word):
        low, high = _BARE_YEAR_WINDOW
        return not today.year + low <= int(word) <= today.year + high
    return False


def _attempt(phrase: str, today: date) -> Deadline | None:
    """``parse_deadline`` without the error: a sentence has many phrases that are no deadline,
    and wording the reason for each would cost more than reading them."""
    stripped = phrase.strip()
    if not stripped:
        return None
    try:
        due, precision = _read(_normalise(stripped), today)
    except _ReadError:
        return None
    return Deadline(due=due, precision=precision, text=stripped)


# --- Where in a text a deadline can be ---------------------------------------------------------
#
# Trying every phrase of up to eight words costs eight readings per word: seconds for a long
# text. Every reader's grammar starts with one of a few words (or a number) and ends with one
# of a few others, so only the phrases between such words are read. The sets below err on the
# generous side: a word wrongly let through costs one reading, a word wrongly kept out would
# lose a deadline.

# Words a normalised phrase can start with; numbers, "'25", "q3" and "h2" come on top. The
# filler _normalise drops counts too: "uiterlijk 1 oktober" is longer than "1 oktober".
_START_WORDS: Final = frozenset(
    {"uiterlijk", "deadline", "op", "per", "t/m", "tot", "voor", "na", "over", "binnen", "in"}
    | {"het", "de", "komende", "aanstaande", "week", "wk"}
    | _DAY_WORDS
    | _MONTH_WORDS
    | _DAY_OFFSETS.keys()
    | _MODIFIERS.keys()
    | _RELATIVE_OFFSETS.keys()
    | _QUARTER_ORDINALS.keys()
    | _HALF_ORDINALS.keys()
    | _SEASON_ENDS.keys()
)
_NUMBERED_START: Final = re.compile(r"[0-9']|[qh][0-9]")
_LETTERS: Final = re.compile(r"[a-z]+")
# What a phrase can end with: a number, or one of these words ("vrijdag a.s." too).
_END_WORDS: Final = (
    {"aanstaande", "as", "week", "weken", "kwartaal", "halfjaar", "helft", "jaarhelft"}
    | _FULL_DAYS
    | _MONTH_WORDS
    | _DAY_OFFSETS.keys()
    | _UNITS.keys()
    | _SEASON_ENDS.keys()
    | {"zomerreces", "zomervakantie"}
)
_END_INITIALS: Final = "".join(sorted({word[0] for word in _END_WORDS}))
# The look-ahead for an initial lets the scan pass other characters without trying each word.
_END: Final = re.compile(
    rf"[0-9]+|(?<![a-z])(?=[{_END_INITIALS}])(?:{_alternatives(_END_WORDS)}|a\.s)(?![a-z])"
)
# Characters the readers strip from a phrase's edges: a word of only these adds nothing.
_EDGE_CHARS: Final = "".join(sorted(set(_TRIM_START + _TRIM_END + _EDGE_START + _EDGE_END)))
_FOLD_FALLBACK: Final = "0"  # counts as a number: a character it stands for is never ruled out


def _fold_char(char: str) -> str:
    """One character as _normalise sees it, lower case and without accents, still one
    character; where that is not possible, a digit, which rules nothing out."""
    char = char.translate(_SEPARATORS)
    if not unicodedata.decomposition(char):  # most characters: nothing to take apart
        lower = char.lower()
        return lower if len(lower) == 1 else _FOLD_FALLBACK
    decomposed = unicodedata.normalize("NFKD", char).lower()
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return bare if len(bare) == 1 else _FOLD_FALLBACK


_ASCII_FOLD: Final = {code: _fold_char(chr(code)) for code in range(128)}


def _folded(text: str) -> str:
    """``text`` as _normalise reads it, letter for letter, so positions stay the same."""
    if text.isascii():
        return text.translate(_ASCII_FOLD)
    table = _ASCII_FOLD | {ord(c): _fold_char(c) for c in set(text) if not c.isascii()}
    return text.translate(table)


def _first_word(folded: str) -> str | None:
    """The word a phrase starting with this (folded) word starts with; None when it holds
    nothing but edge characters."""
    words = folded.lstrip(_EDGE_CHARS + " ").split(maxsplit=1)
    return words[0].rstrip(_EDGE_CHARS) if words else None


def _can_start(word: str) -> bool:
    # A word may be glued to the next one: "oktober/2024", "q3-2025", "1-10-2024".
    letters = _LETTERS.match(word)
    return (
        _NUMBERED_START.match(word) is not None
        or word.startswith("t/m")
        or (letters is not None and letters.group() in _START_WORDS)
    )


class _Words:
    """A text's words, and which of them a deadline phrase can start or end with."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded = _folded(text)
        self.spans = [match.span() for match in _WORD.finditer(text)]
        starts = [start for start, _ in self.spans]
        self.ends = {
            bisect_right(starts, found.start()) - 1 for found in _END.finditer(self.folded)
        }
        self.ends.discard(-1)
        self._firsts: dict[int, str | None] = {}

    def first_word(self, index: int) -> str | None:
        if index not in self._firsts:
            start, end = self.spans[index]
            self._firsts[index] = _first_word(self.folded[start:end])
        return self._firsts[index]

    def can_start(self, index: int) -> bool:
        # A word of only punctuation ("(") starts a phrase when the next word does.
        for ahead in range(index, min(len(self.spans), index + _MAX_PHRASE_WORDS)):
            word = self.first_word(ahead)
            if word is not None:
                return _can_start(word)
        return False

    def endable(self) -> set[int]:
        """The words a phrase can end with: the end words, and words of only punctuation
        (")") right after one."""
        found = set(self.ends)
        for end in self.ends:
            after = end + 1
            while after < min(len(self.spans), end + _MAX_PHRASE_WORDS):
                if self.first_word(after) is not None:
                    break
                found.add(after)
                after += 1
        return found

    def phrases(self) -> Iterator[tuple[int, list[int]]]:
        """Per word that can start a phrase, in text order, the words it can end at, the
        farthest first."""
        endable = self.endable()
        firsts: set[int] = set()
        for end in endable:
            firsts.update(range(max(0, end - _MAX_PHRASE_WORDS + 1), end + 1))
        for first in sorted(firsts):
            if not self.can_start(first):
                continue
            last = min(len(self.spans), first + _MAX_PHRASE_WORDS) - 1
            lasts = [i for i in range(last, first - 1, -1) if i in endable]
            if lasts:
                yield first, lasts

    def phrase(self, first: int, last: int) -> str:
        text = self.text[self.spans[first][0] : self.spans[last][1]]
        return text.lstrip(_TRIM_START).rstrip(_TRIM_END)


def find_deadline(text: str, today: date) -> Deadline | None:
    """The deadline stated somewhere in ``text`` (the longest, then the first), or None.

    Only phrases between words a deadline can start and end with are read, each different
    phrase once, and no more than _MAX_LOOKS and _MAX_TRIES of them: a long text costs about
    a scan of it, and a pathological one (a pasted column of dates) stops early.
    """
    words = _Words(text)
    best: tuple[int, Deadline] | None = None
    read: dict[str, Deadline | None] = {}  # a text that repeats itself is read once
    looks = 0
    for first, lasts in words.phrases():
        for last in lasts:
            length = last - first + 1
            if best is not None and length <= best[0]:
                break  # a phrase from here can no longer beat an earlier one
            looks += 1
            phrase = words.phrase(first, last)
            if phrase not in read:
                if len(read) >= _MAX_TRIES:
                    return best[1] if best is not None else None
                weak = not phrase or _is_weak(phrase, today)
                read[phrase] = None if weak else _attempt(phrase, today)
            found = read[phrase]
            if found is not None:
                best = (length, found)
                break  # the longest from this word
        if looks >= _MAX_LOOKS:
            break
    return best[1] if best is not None else None


def _shorten(text: str, limit: int = 60) -> str:
    # Messages quote the input; a pasted paragraph should not be repeated in full.
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _spell_date(day: date, lang: str | None) -> str:
    month = t(f"deadline.month.{day.month}", lang)
    return t("deadline.date", lang, day=day.day, month=month, year=day.year)
