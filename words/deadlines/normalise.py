"""A phrase made plain before reading: lower case, no accents, no filler around it."""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from words.deadlines.vocabulary import CHRISTMAS_ALT, SEASON_ALT, SUMMER_ALT

# Commas and colons only separate ("woensdag, 25 november", "deadline: 1 okt"); curly quotes
# become plain ones so "Q2 ’25" reads like "Q2 '25".
SEPARATORS: Final = str.maketrans(
    {",": " ", ":": " ", ";": " ", "\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"}
    | {"\u201c": '"', "\u201d": '"', "\u00a0": " "}
)
EDGE_START: Final = ' (["'
EDGE_END: Final = " .!?)]\"'"

# Words in front of a deadline that do not change it. "voor" is kept when it starts "voor de
# zomer" (30 June rather than the end of summer), "voor de kerst" (24 December) or another
# season (which is then unreadable rather than silently read as the season's end).
_KEEPS_VOOR: Final = f"{SUMMER_ALT}|{SEASON_ALT}|{CHRISTMAS_ALT}"
_LEADING: Final = re.compile(
    r"^(?:uiterlijk|deadline|op|per|t/m|tot en met"
    rf"|voor(?! (?:(?:de|het) )?(?:(?:deze|komende) )?(?:{_KEEPS_VOOR})\b))"
    r"(?: |$)",
    re.ASCII,
)


def normalise(text: str) -> str:
    """Lower case, no accents, single spaces, no leading filler or trailing punctuation."""
    decomposed = unicodedata.normalize("NFKD", text.translate(SEPARATORS)).lower()
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    phrase = " ".join(bare.split()).lstrip(EDGE_START).rstrip(EDGE_END)
    while (match := _LEADING.match(phrase)) is not None:
        phrase = phrase[match.end() :]
    return phrase
