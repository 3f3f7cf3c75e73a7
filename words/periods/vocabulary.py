"""The words periods and days are written in, Dutch and English, and how they are made plain."""

from __future__ import annotations

import re
import unicodedata
from typing import Final

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
MAX_COUNT: Final = 100  # "laatste 100 dagen" at most

NUMBER_WORDS: Final[dict[str, int]] = {
    "een": 1, "one": 1, "twee": 2, "two": 2, "drie": 3, "three": 3, "vier": 4, "four": 4,
    "vijf": 5, "five": 5, "zes": 6, "six": 6, "zeven": 7, "seven": 7, "acht": 8, "eight": 8,
    "negen": 9, "nine": 9, "tien": 10, "ten": 10, "twaalf": 12, "twelve": 12,
}  # fmt: skip


def normalise(text: str) -> str:
    """Lower case without accents, dashes made plain, single spaces, no quotes around."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    plain = plain.replace("\u2013", "-").replace("\u2014", "-").replace(",", " ")
    return " ".join(plain.split()).strip(" '\"?!:;()")
