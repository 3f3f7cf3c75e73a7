"""Reading one phrase as a deadline: the readers in turn, and parse_deadline."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Final

from words.deadlines.days import absolute_day, in_units, next_weekday, relative_day, relative_week
from words.deadlines.english import to_dutch
from words.deadlines.error import DeadlineError
from words.deadlines.model import Deadline, Precision, Reading
from words.deadlines.moments import before_christmas, turn_of_the_year
from words.deadlines.named import named_period, summer_side, year_period
from words.deadlines.normalise import normalise
from words.deadlines.reckoning import ReadingError
from words.deadlines.vocabulary import MONTH_ALT, UPCOMING_ALT
from words.deadlines.workdays import in_working_days

_VAGUE: Final = frozenset(
    {
        "binnenkort", "zsm", "z.s.m", "asap", "zo snel mogelijk", "zo spoedig mogelijk",
        "spoedig", "snel", "later", "ooit", "onbekend", "nog onbekend", "nnb", "n.n.b",
        "ntb", "n.t.b", "nader te bepalen", "tbd", "pm", "p.m", "doorlopend", "continu",
        "rond de kerst", "rond kerst", "rond kerstmis", "soon", "as soon as possible",
        "unknown", "to be determined", "ongoing", "around christmas",
    }
)  # fmt: skip


_READERS: Final[tuple[Callable[[str, date], Reading | None], ...]] = (
    relative_day,
    next_weekday,
    relative_week,
    in_units,
    in_working_days,
    absolute_day,
    summer_side,
    before_christmas,
    turn_of_the_year,
    named_period,
    year_period,
)

# "in de loop van 2025" and "tegen het einde van Q3" mean the period's end, like "eind 2025".
_IN_THE_COURSE_OF: Final = re.compile(
    r"^(?:in de loop van|gedurende|tegen (?:het )?einde?(?: van)?) (?P<period>.+)$"
)
# "1 oktober a.s.", "maart aanstaande": the next such day or month, only where no year is
# written ("1 oktober 2025 a.s." says the same thing twice and may contradict itself).
_UPCOMING: Final = re.compile(rf"^(?P<rest>.+) (?:{UPCOMING_ALT})$")
_UPCOMING_REST: Final = re.compile(
    rf"^(?:[0-9]{{1,2}}(?:[-/.][0-9]{{1,2}}| (?:{MONTH_ALT})\.?)|(?:in )?(?:{MONTH_ALT})\.?)$"
)


def _read_plain(phrase: str, today: date) -> Reading:
    if phrase in _VAGUE:
        raise ReadingError("vague")
    for reader in _READERS:
        reading = reader(phrase, today)
        if reading is not None:
            return reading
    raise ReadingError("unreadable")


def _read_dutch(phrase: str, today: date) -> Reading:
    if (course := _IN_THE_COURSE_OF.match(phrase)) is not None:
        due, precision = _read_plain(f"eind van {course['period']}", today)
        if precision is Precision.DAY:  # "in de loop van 1 oktober" names no period
            raise ReadingError("unreadable")
        return due, precision
    upcoming = _UPCOMING.match(phrase)
    if upcoming is not None and _UPCOMING_REST.match(upcoming["rest"]):
        return _read_plain(upcoming["rest"], today)
    return _read_plain(phrase, today)


def read_normalised(phrase: str, today: date, lang: str = "nl") -> Reading:
    """An already normalised phrase read by the first reader that knows it; ReadingError if none.

    With ``lang`` "en" the phrase is first made Dutch (English words and numeric dates month
    first where that is the only reading); Dutch phrases read the same in both languages. With
    "nl" an English phrase is read only when it is a full date ("March 31, 2025").
    """
    if lang == "en":
        return _read_dutch(to_dutch(phrase, month_first=True), today)
    try:
        return _read_dutch(phrase, today)
    except ReadingError as error:
        if error.reason != "unreadable":
            raise
        dutch = to_dutch(phrase, month_first=False)
        if dutch == phrase:
            raise
        try:
            reading = _read_dutch(dutch, today)
        except ReadingError:
            raise error from None
        if reading[1] is not Precision.DAY or not re.search(r"\b[0-9]{4}\b", phrase):
            raise error from None
        return reading


def parse_deadline(text: str, today: date, lang: str = "nl") -> Deadline:
    """Read ``text`` as a deadline relative to ``today``; raise DeadlineError if it is not one.

    ``lang`` is the language of the person who wrote it: "en" also reads English phrases.
    """
    phrase = text.strip()
    if not phrase:
        raise DeadlineError(phrase, "empty")
    try:
        due, precision = read_normalised(normalise(phrase), today, lang)
    except ReadingError as error:
        raise DeadlineError(
            phrase, error.reason, actual=error.actual, weekday=error.weekday
        ) from None
    return Deadline(due=due, precision=precision, text=phrase)
