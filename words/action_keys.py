"""The grammar of action keys: the one definition the importer and the chat share.

A key is runs of ASCII letters and digits joined by single hyphens, dots or underscores
("OW-01", "BER4", "W-a", "H-b", "W-c1", "2024.1", "B"), at most 64 characters. Digits alone
are not a key: in chat a bare number ("12", "#12") names an action by its number.

People write a key loosely: "OW-05", "OW-5", "OW 5", "ow5" and "ow 05" are one key. Two
spellings name the same key when their *forms* are equal: letters in lower case, each run of
digits read as a number (leading zeros dropped), separators dropped. The runs stay apart, so
"2024.1" is not "20241" and "W-c1" is not "Wc1": only a separator between two runs of the same
kind tells them apart, and people do not leave those out.
"""

from __future__ import annotations

import re
from typing import Final

MAX_KEY_LENGTH: Final = 64

# Either the first run holds a letter, or it is digits followed by at least one more run
# ("2024.1"). Written without look-arounds: the programme file's schema checks it with the
# same pattern, and its regex engine has none.
KEY_PATTERN: Final = (
    r"^(?:[0-9]*[A-Za-z][A-Za-z0-9]*(?:[-._][A-Za-z0-9]+)*"
    r"|[0-9]+(?:[-._][A-Za-z0-9]+)+)$"
)
_KEY: Final = re.compile(KEY_PATTERN)
# How a key may be written in chat: the same runs, separated by a hyphen, dot, underscore,
# dash or one space.
_LOOSE: Final = re.compile(r"^[A-Za-z0-9]+(?:(?:[-._–—]| )[A-Za-z0-9]+)*$")
_RUN: Final = re.compile(r"[a-z]+|[0-9]+")


def is_action_key(text: str) -> bool:
    """Whether the importer accepts ``text`` as an action key, exactly as written."""
    return len(text) <= MAX_KEY_LENGTH and _KEY.match(text) is not None


def key_form(text: str) -> str | None:
    """The form two spellings of one key share ("OW 5", "ow-05" -> "ow.5"), or None.

    None for what is no key however it is written: digits alone, other characters.
    """
    written = text.strip()
    if not written or len(written) > MAX_KEY_LENGTH or _LOOSE.match(written) is None:
        return None
    runs = _RUN.findall(written.lower())
    if all(run.isdigit() for run in runs) and len(runs) == 1:
        return None
    return ".".join(str(int(run)) if run.isdigit() else run for run in runs)
