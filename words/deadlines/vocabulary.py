"""The calendar words a deadline is written in: month and day names, seasons, units."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from dateutil.parser import parserinfo

from words.deadlines.model import Precision


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


INFO: Final = DutchParserInfo(dayfirst=True)


def alternatives(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first so "sept" wins over "sep"."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


_FULL_MONTHS: Final = {names[-1]: number for number, names in enumerate(INFO.MONTHS, 1)}
MONTH_WORDS: Final = {word for names in INFO.MONTHS for word in names}
MONTH_ABBREVIATIONS: Final = MONTH_WORDS - _FULL_MONTHS.keys()
FULL_DAYS: Final = {names[-1] for names in INFO.WEEKDAYS}
DAY_WORDS: Final = {word for names in INFO.WEEKDAYS for word in names}

MONTH_ALT: Final = alternatives(MONTH_WORDS)
FULL_DAY_ALT: Final = alternatives(FULL_DAYS)
SEASON_ALT: Final = "voorjaar|lente|zomer|najaar|herfst|winter"
SUMMER_ALT: Final = "zomerreces|zomervakantie|zomer"
CHRISTMAS_ALT: Final = "kerstmis|kerstdagen|kerstreces|kerstvakantie|kerst"

# A year after a period or moment: "2027", "'27", "volgend jaar".
YEAR_GROUP: Final = r"(?P<year>[0-9]{4,9}|'[0-9]{2}|(?:dit|het|volgend|komend) jaar)"

DAY_OFFSETS: Final = {"vandaag": 0, "morgen": 1, "overmorgen": 2}

NUMBER_WORDS: Final = {
    "een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6,
    "zeven": 7, "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12,
}  # fmt: skip
# Per unit: (days, months) per step, and the precision of the result.
UNITS: Final = {
    "dag": (1, 0, Precision.DAY),
    "dagen": (1, 0, Precision.DAY),
    "week": (7, 0, Precision.WEEK),
    "weken": (7, 0, Precision.WEEK),
    "maand": (0, 1, Precision.MONTH),
    "maanden": (0, 1, Precision.MONTH),
    "jaar": (0, 12, Precision.YEAR),
    "jaren": (0, 12, Precision.YEAR),
}
WORKING_DAY_UNITS: Final = frozenset({"werkdag", "werkdagen"})
# "a.s." (normalised without its last dot) and "aanstaande" after a date or weekday.
UPCOMING_ALT: Final = r"aanstaande|a\.?s"


def weekday_number(word: str) -> int:
    number = INFO.weekday(word)
    assert number is not None  # noqa: S101 - the regexes only let known names through
    return number


def month_number(word: str) -> int:
    if word.isdigit():
        return int(word)
    number = INFO.month(word)
    assert number is not None  # noqa: S101 - the regexes only let known names through
    return number


# The words around a named period ("eind Q3", "volgend kwartaal", "derde kwartaal").
MODIFIERS: Final = {
    "eind": "end",
    "einde": "end",
    "begin": "start",
    "half": "middle",
    "medio": "middle",
    "halverwege": "middle",
    # Administrative Latin: "ultimo maart" is the end of March, "primo april" its beginning.
    "ultimo": "end",
    "primo": "start",
}
RELATIVE_OFFSETS: Final = {
    "deze": 0, "dit": 0, "de": 0, "het": 0, "volgende": 1, "volgend": 1, "komende": 1, "komend": 1,
}  # fmt: skip
QUARTER_ORDINALS: Final = {
    "eerste": 1, "1e": 1, "1ste": 1, "tweede": 2, "2e": 2, "2de": 2,
    "derde": 3, "3e": 3, "3de": 3, "vierde": 4, "4e": 4, "4de": 4, "laatste": 4,
}  # fmt: skip
HALF_ORDINALS: Final = {
    "eerste": 1, "1e": 1, "1ste": 1, "tweede": 2, "2e": 2, "2de": 2, "laatste": 2,
}  # fmt: skip
# Meteorological seasons: (years after the named year, month in which the season ends).
SEASON_ENDS: Final = {
    "voorjaar": (0, 5), "lente": (0, 5), "zomer": (0, 8),
    "najaar": (0, 11), "herfst": (0, 11), "winter": (1, 2),
}  # fmt: skip
