"""Numbers people type and platforms hand back: ASCII digits, no bigger than a row can have.

``str.isdigit`` says yes to "²" and "፩", which ``int`` refuses; ``int`` reads Arabic-Indic
and other decimal digits as a number, which the rest of the bot does not; and a number
beyond what an Integer column holds makes SQLite raise OverflowError and PostgreSQL
NumericValueOutOfRange. So an action, brief, proposal or event number is read here, once:
ASCII digits only, and a number no row can have is no number of a row, which the caller
answers as "no such action" (or brief).

Numbers shown to people (KPI values, percentages) are written here too, once, so chat and
the letter agree: Dutch "1.250" and "12,5", English "1,250" and "12.5", halves rounded up.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal
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


# A KPI value is shown with at most this many decimals; more is noise in a letter.
_SHOWN_DECIMALS: Final = Decimal("0.01")
_WHOLE: Final = Decimal(1)
# English writes 1,250.5 and Dutch 1.250,5: the two marks swap places.
_DUTCH_MARKS: Final = str.maketrans(",.", ".,")


def _exact(value: float) -> Decimal:
    # repr gives the shortest text that reads back as the same float, so 0.1 stays 0.1
    # instead of the binary 0.1000000000000000055...; half-up rounding needs that.
    return Decimal(repr(float(value)))


def format_number(value: float, lang: str) -> str:
    """``value`` as people write it: "1.250" / "12,5" in Dutch, "1,250" / "12.5" in English.

    Whole numbers have no decimals; others at most two, rounded half up, trailing zeros
    dropped. Any language but English is written the Dutch way, the bot's first language.
    """
    if not math.isfinite(value):
        raise ValueError(f"not a number to show: {value!r}")
    rounded = _exact(value).quantize(_SHOWN_DECIMALS, rounding=ROUND_HALF_UP)
    if rounded == rounded.to_integral_value():
        english = f"{int(rounded):,}"
    else:
        english = f"{rounded:,f}".rstrip("0")
    if lang == "en":
        return english
    return english.translate(_DUTCH_MARKS)


def percent_of(part: float, whole: float) -> int | None:
    """``part`` as a whole percentage of ``whole``, halves rounded up (45 of 200 is 23).

    None when there is no percentage to give: ``whole`` is 0 or either is not finite.
    """
    if whole == 0 or not (math.isfinite(part) and math.isfinite(whole)):
        return None
    share = _exact(part) * 100 / _exact(whole)
    return int(share.quantize(_WHOLE, rounding=ROUND_HALF_UP))
