"""Readers of moments named after a holiday: "voor de kerst", "rond de jaarwisseling"."""

from __future__ import annotations

import re
from datetime import date
from functools import partial
from typing import Final

from words.deadlines.model import Precision, Reading
from words.deadlines.reckoning import checked, in_year
from words.deadlines.vocabulary import CHRISTMAS_ALT, YEAR_GROUP

_YEAR: Final = YEAR_GROUP

# "voor de kerst" is Christmas Eve, the last working day before the holidays for most offices.
# "rond de kerst" is not read: "rond" may just as well mean the days after it.
_BEFORE_CHRISTMAS: Final = re.compile(
    rf"^voor (?:(?:de|het) )?(?:{CHRISTMAS_ALT})(?: (?:van )?{_YEAR})?$"
)
# The turn of the year ("de jaarwisseling", "oud en nieuw") is its last day: what is due
# "rond de jaarwisseling" belongs to the year that ends, as in "eind van het jaar". Its
# precision is therefore the year's.
_TURN_OF_THE_YEAR: Final = re.compile(
    rf"^(?:(?:rond|tegen|bij|voor|met) )?(?:de jaarwisseling|jaarwisseling|oud en nieuw)"
    rf"(?: (?:van )?{_YEAR})?$"
)


def before_christmas(phrase: str, today: date) -> Reading | None:
    match = _BEFORE_CHRISTMAS.match(phrase)
    if match is None:
        return None
    return in_year(partial(checked, month=12, day=24), match["year"], today), Precision.DAY


def turn_of_the_year(phrase: str, today: date) -> Reading | None:
    match = _TURN_OF_THE_YEAR.match(phrase)
    if match is None:
        return None
    return in_year(partial(checked, month=12, day=31), match["year"], today), Precision.YEAR
