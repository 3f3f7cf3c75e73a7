"""Reading a KPI value from an owner's text: "stand 180", "we zitten op 180 bedrijven", "180/200".

Pure text, no database. Precision over recall: a number is a KPI value only where the text
says so, by a word before it ("stand", "KPI", "teller op", "we zitten op", "progress", "now
at") or by a share ("180 van de 200", "180 of 200", "180/200"). Even then it is not one when
it is a date or a time ("stand 12 maart", "12/03", "10:30"), a year ("KPI 2027"), a duration
("we zitten op 3 weken"), a percentage ("stand 80%"), money ("teller op € 180", "180 euro"),
a range ("180-200") or an action's number or key ("#12", "BOCE-03", "actie 12"). Two
different values in one text are no value at all.

Numbers are read the way the text's language writes them: Dutch "1.250" and "12,5", English
"1,250" and "12.5". A number that is only right the other way ("12.5" in Dutch) is not read:
"1.5" could be one and a half or a slip for fifteen hundred.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Final

from words.domain import fold
from words.references import UNITS

# Words before a number that say it is the KPI's value; "stand van zaken" has no number next.
_CUES: Final = (
    r"(?:de\s+)?(?:tussen)?stand(?:\s+is)?(?:\s+nu)?",
    r"kpi(?:\s+is|\s+staat)?(?:\s+nu)?(?:\s+op)?",
    r"(?:de\s+)?teller(?:\s+staat)?(?:\s+nu)?\s+op",
    r"(?:we\s+)?zitten(?:\s+nu)?(?:\s+al)?\s+op",
    r"(?:staat|staan)\s+nu\s+op",
    r"nu\s+op",
    r"progress(?:\s+is)?",
    r"(?:the\s+)?count(?:er)?(?:\s+is)?(?:\s+at)?",
    r"(?:we\s+are|we['’]re)(?:\s+now)?\s+at",
    r"now\s+at",
)
_CUE: Final = re.compile(
    r"(?<![\w-])(?:" + "|".join(_CUES) + r")\s*[:=]?\s*(?=-?[0-9])", re.IGNORECASE
)
# A number as written: digits with marks between them, not part of a word or a key.
_NUMBER: Final = re.compile(r"(?<![\w#.,€$£-])-?[0-9](?:[0-9.,]*[0-9])?(?![\w])")
_SHAPES: Final = {
    "nl": re.compile(r"-?(?:[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,[0-9]+)?"),
    "en": re.compile(r"-?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"),
}
_LONGEST: Final = 24  # characters: no count anybody keeps is longer
# What may stand between a part and its whole: "180 van de 200", "180 of 200", "180/200".
_OF: Final = {
    "nl": re.compile(r"\s*(?:/|\s(?:van\s+de|van)\s)\s*", re.IGNORECASE),
    "en": re.compile(r"\s*(?:/|\s(?:out\s+of|of\s+the|of)\s)\s*", re.IGNORECASE),
}
_YEAR: Final = re.compile(r"(?:19|20)[0-9]{2}")
_NEXT_WORD: Final = re.compile(r"\s*([^\W\d_]+\.?|[%€$£])")
_AFTER_MARK: Final = re.compile(r"\s*[-–:/][0-9]|[.,][0-9]")  # a range, a time, a date
_MONEY_BEFORE: Final = re.compile(r"(?:€|\$|£|\beur|\beuro|\busd)\s*$", re.IGNORECASE)
# Words after a number that make it money or a share, not a count of the KPI's unit.
_NOT_A_COUNT: Final = frozenset(
    {
        *UNITS,
        *("%", "€", "$", "£", "eur", "usd", "dollar", "dollars", "k", "m", "mln", "mio"),
        *("miljard", "billion", "bn", "ton", "duizend", "thousand", "pct", "uur", "u"),
        *("sec", "min", "seconden", "seconds", "weekend", "nov.", "jan.", "feb."),
    }
)
# Words just before a number that make it something's number, not a value.
_NUMBERED: Final = frozenset(
    {
        *("actie", "action", "nr", "nr.", "nummer", "number", "no", "no.", "week", "wk"),
        *("q", "kwartaal", "quarter", "versie", "version", "fase", "phase", "stap", "step"),
        *("pagina", "page", "p", "p.", "hoofdstuk", "chapter", "bijlage", "item", "punt"),
        *("sprint", "ronde", "round", "op", "in", "voor", "na", "per", "sinds", "since"),
        *("tot", "until", "by", "on", "before", "after", "eind", "begin", "end", "medio"),
    }
)
_DAYS: Final = 31
_MONTHS: Final = 12
_WORD_BEFORE: Final = re.compile(r"([^\W\d_]+\.?)\s*$")
# How far back a word or sign before a number is looked for: a word, not the whole text
# (looking back to the start for each number of a long text takes seconds).
_LOOK_BACK: Final = 24


@dataclass(frozen=True, slots=True)
class KpiValue:
    """A KPI value found in a text, with the whole it was given against, if any."""

    value: float
    whole: float | None  # "180 van de 200": 200
    cued: bool  # named by a word ("stand 180"), not only by a share ("180/200")
    alone: bool  # the text is nothing but the value (and perhaps one word of unit)
    start: int
    end: int


def read_number(text: str, lang: str) -> float | None:
    """``text`` as one number in the way of ``lang``: "1.250" and "12,5" in Dutch, "1,250" and
    "12.5" in English (any other language is read the Dutch way); None when it is not one."""
    raw = text.strip()
    shape = _SHAPES["en" if lang == "en" else "nl"]
    if len(raw) > _LONGEST or shape.fullmatch(raw) is None:
        return None
    plain = raw.replace(",", "") if lang == "en" else raw.replace(".", "").replace(",", ".")
    return float(Decimal(plain))


def _next_word(text: str, end: int) -> str | None:
    found = _NEXT_WORD.match(text, end)
    return None if found is None else fold(found.group(1))


def _counted(text: str, start: int, end: int) -> bool:
    """Whether the number at ``start:end`` could count something: no date, time, range,
    year, percentage, money or duration."""
    if _AFTER_MARK.match(text, end) or _MONEY_BEFORE.search(
        text, max(0, start - _LOOK_BACK), start
    ):
        return False
    following = _next_word(text, end)
    if following is not None and (following in _NOT_A_COUNT or following.rstrip(".") in UNITS):
        return False
    # A year stands alone or before a share; "2000 bedrijven" is a count.
    return _YEAR.fullmatch(text[start:end]) is None or (
        following is not None and following.isalpha()
    )


def _numbered(text: str, start: int) -> bool:
    """Whether a word just before ``start`` makes the number something's number."""
    found = _WORD_BEFORE.search(text, max(0, start - _LOOK_BACK), start)
    return found is not None and fold(found.group(1)) in _NUMBERED


def _is_date(part: str, whole: str, text: str, end: int) -> bool:
    """ "12/03" (and "12/03/2026") is a day and a month; "180/200" is a share."""
    if text.startswith("/", end):
        return True
    if not (part.isdigit() and whole.isdigit()):
        return False
    return int(part) <= _DAYS and int(whole) <= _MONTHS


@dataclass(frozen=True, slots=True)
class _Found:
    value: float
    whole: float | None
    start: int
    end: int
    cued: bool


def _at(text: str, match: re.Match[str], lang: str, *, cued: bool, start: int) -> _Found | None:
    """The value the number ``match`` is, with a whole after it, or None when it is none."""
    value = read_number(match.group(), lang)
    if value is None or (value < 0 and not cued):
        return None
    of = _OF["en" if lang == "en" else "nl"].match(text, match.end())
    if of is not None:
        whole_match = _NUMBER.match(text, of.end())
        if whole_match is None:
            # "180 van de bedrijven" is a count still; "12/" is nothing.
            return None if "/" in of.group() else _checked(text, match, value, cued, start)
        whole = read_number(whole_match.group(), lang)
        slash = "/" in of.group()
        if (
            whole is None
            or (slash and _is_date(match.group(), whole_match.group(), text, whole_match.end()))
            or not _counted(text, whole_match.start(), whole_match.end())
        ):
            return None
        return _Found(value, whole, start, whole_match.end(), cued)
    return _checked(text, match, value, cued, start)


def _checked(
    text: str, match: re.Match[str], value: float, cued: bool, start: int
) -> _Found | None:
    if not cued or not _counted(text, match.start(), match.end()):
        return None  # a number on its own is no KPI value: a share or a word must say so
    return _Found(value, None, start, match.end(), cued)


def _all(text: str, lang: str) -> list[_Found]:
    found: list[_Found] = []
    taken: set[int] = set()
    for cue in _CUE.finditer(text):
        number = _NUMBER.match(text, cue.end())
        if number is None:
            continue
        taken.add(number.start())
        at = _at(text, number, lang, cued=True, start=cue.start())
        if at is not None:
            found.append(at)
    for number in _NUMBER.finditer(text):
        if number.start() in taken or _numbered(text, number.start()):
            continue
        at = _at(text, number, lang, cued=False, start=number.start())
        if at is not None and at.whole is not None:
            found.append(at)
    return found


def kpi_in(text: str, lang: str) -> KpiValue | None:
    """The one KPI value ``text`` gives (see the module's description), or None."""
    found = _all(text, lang)
    values = {f.value for f in found}
    if len(values) != 1:
        return None
    first = min(found, key=lambda f: f.start)
    wholes = {f.whole for f in found if f.whole is not None}
    whole = wholes.pop() if len(wholes) == 1 else None
    rest = (text[: first.start] + " " + text[max(f.end for f in found) :]).split()
    words = [w for w in (fold(r).strip(".,;:!?()") for r in rest) if w]
    return KpiValue(
        value=first.value,
        whole=whole,
        cued=any(f.cued for f in found),
        alone=len(words) <= 1 and all(w.isalpha() for w in words),
        start=first.start,
        end=max(f.end for f in found),
    )


class Refusal(Enum):
    """Why a KPI value is not kept."""

    NEGATIVE = "negative"
    ABSURD = "absurd"


# A value past this many times the target is a slip ("18000" for "180"), not progress.
ABSURD_FACTOR: Final = 1000


def refusal(value: float, target: float) -> Refusal | None:
    """Why ``value`` cannot be an action's KPI value against ``target``, or None when it can."""
    if value < 0:
        return Refusal.NEGATIVE
    if target > 0 and value > ABSURD_FACTOR * target:
        return Refusal.ABSURD
    return None
