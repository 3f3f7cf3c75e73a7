"""A deadline in the one form a letter prints: "1 oktober 2026", "eind 2026", "tweede kwartaal
2027", whatever the words it was typed in ("uiterlijk 1-10-2026", "Q2 2027", "2026-06-30").

The register keeps the typed phrase with its year (words.deadlines.absolute); a letter to the
councils wants every deadline in the same shape, keeping how precise it is: a quarter stays a
quarter and a day a day. Each form is built from the date and its precision, never from the
typed words, so two actions with the same deadline always read the same.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from words.catalogue import t
from words.deadlines.absolute import precision_phrases, spelled
from words.deadlines.model import Precision


def plain_date(day: date, lang: str) -> str:
    """'1 oktober 2026' (nl), '1 October 2026' (en): a date without its weekday."""
    return t("deadline.date", lang, **spelled(day, lang))


@lru_cache(maxsize=4096)
def letter_deadline(due: date, precision: Precision | None, lang: str) -> str:
    """The deadline's letter form; a date that no form of its precision names is the date."""
    if precision is None:
        return plain_date(due, lang)
    forms = precision_phrases(due, precision, lang, quarter="deadline.letter.quarter")
    return next(forms, plain_date(due, lang))
