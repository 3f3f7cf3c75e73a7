"""English deadlines, read by making them Dutch: "by the end of March" is "eind van maart".

The readers know one grammar, the Dutch one. English phrases of the same families are
rewritten word by word (and a few fixed turns of phrase as a whole) into the Dutch phrase that
means the same, which the readers then check as strictly as any Dutch phrase: a rewrite that
produces nonsense is simply unreadable. Dutch words are left alone, so a Dutch phrase written
by an English speaker ("eind maart") reads the same.

Numeric dates are the one place where the languages disagree: the Dutch write the day first,
Americans the month. With ``month_first`` a date that can only be read one way ("3/31/2025",
"31/3/2025") is read that way, and one that can be read both ways ("3/4/2025") is an error
that asks for the month's name: a wrong deadline is worse than none.
"""

from __future__ import annotations

import re
from typing import Final

from words.deadlines.normalise import normalise
from words.deadlines.reckoning import ReadingError
from words.deadlines.vocabulary import MONTH_ALT, alternatives

ENGLISH_MONTHS: Final = {
    "january": "januari", "february": "februari", "march": "maart", "april": "april",
    "may": "mei", "june": "juni", "july": "juli", "august": "augustus",
    "september": "september", "october": "oktober", "november": "november",
    "december": "december", "jan": "jan", "feb": "feb", "mar": "mrt", "apr": "apr",
    "jun": "jun", "jul": "jul", "aug": "aug", "sep": "sep", "sept": "sept", "oct": "okt",
    "nov": "nov", "dec": "dec",
}  # fmt: skip
ENGLISH_DAYS: Final = {
    "monday": "maandag", "tuesday": "dinsdag", "wednesday": "woensdag",
    "thursday": "donderdag", "friday": "vrijdag", "saturday": "zaterdag", "sunday": "zondag",
    "mon": "ma", "tue": "di", "tues": "di", "wed": "wo", "thu": "do", "thur": "do",
    "thurs": "do", "fri": "vr", "sat": "za", "sun": "zo",
}  # fmt: skip
ENGLISH_SEASONS: Final = {
    "spring": "voorjaar", "summer": "zomer", "autumn": "najaar", "fall": "najaar",
    "winter": "winter",
}  # fmt: skip
_NUMBERS: Final = {
    "a": "een", "an": "een", "one": "een", "two": "twee", "three": "drie", "four": "vier",
    "five": "vijf", "six": "zes", "seven": "zeven", "eight": "acht", "nine": "negen",
    "ten": "tien", "eleven": "elf", "twelve": "twaalf",
}  # fmt: skip
_WORDS: Final = (
    ENGLISH_MONTHS
    | ENGLISH_DAYS
    | ENGLISH_SEASONS
    | _NUMBERS
    | {
        "day": "dag", "days": "dagen", "week": "week", "weeks": "weken", "month": "maand",
        "months": "maanden", "year": "jaar", "years": "jaar", "quarter": "kwartaal",
        "tomorrow": "morgen", "today": "vandaag", "christmas": "kerst", "xmas": "kerst",
        "of": "van", "before": "voor", "after": "na", "within": "binnen", "around": "rond",
        "wk": "wk",
    }
)  # fmt: skip
# Every English word that can be part of a deadline; for an English reader, find_deadline
# starts phrases at these besides the Dutch ones.
ENGLISH_WORDS: Final = frozenset(_WORDS) | {
    "by", "no", "not", "due", "on", "until", "till", "end", "the", "early", "beginning",
    "start", "mid", "middle", "halfway", "towards", "toward", "in", "during", "over", "next",
    "this", "coming", "first", "second", "third", "fourth", "last", "half", "working",
    "business", "workdays", "workday", "turn", "new", "at", "latest", "recess", "holidays",
    "break", "yearend",
}  # fmt: skip

# The words an English phrase can end with (besides numbers): find_deadline reads only phrases
# that end with one.
ENGLISH_END_WORDS: Final = (
    frozenset(ENGLISH_MONTHS) | frozenset(ENGLISH_DAYS) | frozenset(ENGLISH_SEASONS)
) | {
    "day", "days", "week", "weeks", "month", "months", "year", "years", "quarter", "half",
    "tomorrow", "today", "christmas", "xmas", "end", "yearend", "recess", "holidays", "holiday",
    "break", "vacation", "workdays", "workday", "eve",
}  # fmt: skip

_ORDINALS: Final = {
    "first": "eerste", "second": "tweede", "third": "derde", "fourth": "vierde",
    "last": "laatste", "1st": "1e", "2nd": "2e", "3rd": "3e", "4th": "4e",
}  # fmt: skip
_DAY_ALT: Final = alternatives(ENGLISH_DAYS)
_MONTH_EN_ALT: Final = alternatives(ENGLISH_MONTHS)
_SEASON_EN_ALT: Final = alternatives(ENGLISH_SEASONS)
_BREAK: Final = r"(?: (?:recess|holidays?|break|vacation))?"

_LEADING: Final = re.compile(
    r"^(?:by|due(?: by| on)?|on|until|till|up to and including|(?:no|not) later than"
    r"|at the latest(?: by| on)?|latest by)(?: |$)"
)
# Whole turns of phrase, in order: each sees the result of the ones before.
_TURNS: Final[tuple[tuple[re.Pattern[str], str], ...]] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"\b([0-9]{1,2})(?:st|nd|rd|th)\b", r"\1"),
        (rf"\b(?:the )?([0-9]{{1,2}}) of (?=(?:{_MONTH_EN_ALT})\b)", r"\1 "),
        (r"\b(?:working|business|work) days?\b|\bworkdays?\b", "werkdagen"),
        (r"\bthe day after tomorrow\b", "overmorgen"),
        (rf"\bbefore (?:the )?summer{_BREAK}\b", "voor de zomer"),
        (rf"\bafter (?:the )?summer{_BREAK}\b", "na de zomer"),
        (rf"\bbefore (?:the )?(?:christmas|xmas){_BREAK}\b", "voor de kerst"),
        (r"\btowards? (?:the )?end of\b", "tegen het einde van"),
        (r"\b(?:in|over) the course of\b|\bduring\b", "in de loop van"),
        (r"\b(?:the )?turn of the year\b|\bnew year(?:'s)?(?: eve)?\b", "de jaarwisseling"),
        (r"\byear[- ]?end\b|\byear's end\b|\bend of year\b", "eind dit jaar"),
        (r"\b(?:at )?(?:the )?end of\b", "eind van"),
        (r"\b(?:at )?(?:the )?(?:beginning|start) of\b|\bearly(?: in)?\b", "begin"),
        (r"\bmid-|\bmid\b|\b(?:the )?middle of\b|\bhalfway through\b", "medio "),
        (rf"\b({_DAY_ALT}) next week\b", r"\1 volgende week"),
        (rf"\bnext week ({_DAY_ALT})\b", r"volgende week \1"),
        (rf"\b(?:this coming|coming|next|this) ({_DAY_ALT})\b", r"komende \1"),
        (r"\bnext week\b", "volgende week"),
        (r"\bthis week\b", "deze week"),
        (r"\bnext month\b", "volgende maand"),
        (r"\bthis month\b", "deze maand"),
        (r"\bthe month\b", "de maand"),
        (r"\bnext quarter\b", "volgend kwartaal"),
        (r"\bthis quarter\b", "dit kwartaal"),
        (r"\bthe quarter\b", "het kwartaal"),
        (r"\bnext year\b", "volgend jaar"),
        (r"\bthis year\b", "dit jaar"),
        (r"\bthe year\b", "het jaar"),
        (r"\bin (\S+) (days?|weeks?|months?|years?|werkdagen)\b", r"over \1 \2"),
        (rf"\b(?:this|this coming|coming|next) ({_SEASON_EN_ALT})\b", r"komende \1"),
        (rf"\bthe ({_SEASON_EN_ALT})\b", r"\1"),
        (r"\bthe (?=[0-9])", ""),
    )
)
# "the first quarter of 2026", "first half 2026": an ordinal period only with its year, since
# "in the second half" of a sentence is more often a match than a deadline.
_ORDINAL_PERIOD: Final = re.compile(
    rf"\b(?:the )?(?P<ord>{alternatives(_ORDINALS)}) (?P<noun>quarter|half(?: year)?)"
    r"(?= (?:of )?(?:[0-9]|'|(?:the|this|next) year))"
)
_MONTH_FIRST_NAMED: Final = re.compile(
    rf"^(?:(?P<weekday>\S+) )?(?P<month>(?:{MONTH_ALT})\.?) (?P<day>[0-9]{{1,2}})"
    r"(?: (?P<year>[0-9]{4,9}|'[0-9]{2}))?$"
)
_NUMERIC: Final = re.compile(
    r"^(?P<head>(?:\S+ )?)(?P<first>[0-9]{1,2})(?P<sep>[-/.])(?P<second>[0-9]{1,2})"
    r"(?P<tail>(?:(?P=sep)[0-9]{4,9})?)$"
)
_MONTHS_IN_YEAR: Final = 12


def _ordinal_period(match: re.Match[str]) -> str:
    ordinal = _ORDINALS[match["ord"]]
    if match["noun"] == "quarter":
        return f"het {ordinal} kwartaal"
    return f"de {ordinal} helft"


def _day_first(phrase: str) -> str:
    """A numeric date as the Dutch readers expect it, the day first; month first only where
    that is the one reading, and an error where both are possible."""
    match = _NUMERIC.match(phrase)
    if match is None:
        return phrase
    first, second = int(match["first"]), int(match["second"])
    if first == second or first > _MONTHS_IN_YEAR or second > _MONTHS_IN_YEAR:
        if second > _MONTHS_IN_YEAR >= first:  # "3/31/2025": only month first reads
            first, second = second, first
        return f"{match['head']}{first}{match['sep']}{second}{match['tail']}"
    raise ReadingError("ambiguous_date")


def to_dutch(phrase: str, *, month_first: bool) -> str:
    """The normalised ``phrase`` with its English words made Dutch, normalised again."""
    while (match := _LEADING.match(phrase)) is not None:
        phrase = phrase[match.end() :]
    if month_first:
        phrase = _day_first(phrase)
    phrase = _ORDINAL_PERIOD.sub(_ordinal_period, phrase)
    for pattern, replacement in _TURNS:
        phrase = pattern.sub(replacement, phrase)
    words = [_WORDS.get(word.rstrip("."), word) for word in phrase.split()]
    dutch = normalise(" ".join(words))
    named = _MONTH_FIRST_NAMED.match(dutch)
    if named is not None:  # "March 31, 2025" is "31 maart 2025"
        weekday = f"{named['weekday']} " if named["weekday"] else ""
        year = f" {named['year']}" if named["year"] else ""
        dutch = f"{weekday}{named['day']} {named['month']}{year}"
    return dutch
