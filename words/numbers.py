"""Numbers people type and platforms hand back: ASCII digits, no bigger than a row can have.

``str.isdigit`` says yes to "²" and "፩", which ``int`` refuses; ``int`` reads Arabic-Indic
and other decimal digits as a number, which the rest of the bot does not; and a number
beyond what an Integer column holds makes SQLite raise OverflowError and PostgreSQL
NumericValueOutOfRange. So an action, brief, proposal or event number is read here, once:
ASCII digits only, and a number no row can have is no number of a row, which the caller
answers as "no such action" (or brief).
"""

from __future__ import annotations

import re
from typing import Final

# PostgreSQL's integer, the type of every id and number column; SQLite's holds more.
MAX_ROW_NUMBER: Final = 2**31 - 1
DIGITS: Final = re.compile(r"[0-9]+")
# More digits than this cannot be a row's number, whatever leading zeros it has; checked
# before int(), which refuses strings of thousands of digits with a ValueError of its own.
_MAX_DIGITS: Final = len(str(MAX_ROW_NUMBER))


def is_digits(text: str) -> bool:
    """Whether ``text`` (surrounding whitespace aside) is ASCII digits and nothing else."""
    return DIGITS.fullmatch(text.strip()) is not None


def row_number(text: str) -> int | None:
    """The number ``text`` is, when it is ASCII digits and a row could have it; else None."""
    digits = text.strip()
    if DIGITS.fullmatch(digits) is None:
        return None
    significant = digits.lstrip("0") or "0"
    if len(significant) > _MAX_DIGITS:
        return None
    number = int(significant)
    return number if number <= MAX_ROW_NUMBER else None
