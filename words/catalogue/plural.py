"""Plural forms in the catalogue: which form of a text a count takes, by the CLDR rules.

An entry may give, per language, its forms by CLDR plural category instead of one string::

    "cli.kind.action": {
        "nl": {"one": "{n} actie", "other": "{n} acties"},
        "en": {"one": "{n} action", "other": "{n} actions"},
    }

The form is chosen by the parameter ``n`` (the one convention: a plural entry is always
filled with ``n``, even when the text itself does not show the number, as in a heading
"Eigenaren: {owners}" chosen by the number of names). Dutch and English both need "one"
and "other"; the rules come from babel, so a language added later brings its own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import cache, lru_cache
from typing import Final

from babel import Locale

# A text's forms by CLDR plural category ("zero", "one", "two", "few", "many", "other");
# which categories a language needs is checked by the catalogue test, not by the type.
Forms = Mapping[str, str]
# One language's text: a plain string, or its plural forms.
Text = str | Forms

COUNT: Final = "n"


@cache
def _rule(lang: str) -> Callable[[float | Decimal], str]:
    # Parsing a locale reads babel's data files; once per language is enough.
    return Locale.parse(lang).plural_form


# Applying a rule splits the number into CLDR's operands, a few microseconds each time; the
# counts a chat shows are few and recur, so each language's answer for each is kept. Typed, so
# that 1 and Decimal("1.0") (which CLDR tells apart) stay apart.
@lru_cache(maxsize=4096, typed=True)
def _category(lang: str, count: float | Decimal) -> str:
    return _rule(lang)(count)


@cache
def categories(lang: str) -> frozenset[str]:
    """The plural categories ``lang`` distinguishes ("other" always among them)."""
    return Locale.parse(lang).plural_form.tags | {"other"}


def choose(forms: Forms, lang: str, count: object, key: str) -> str:
    """The form of ``forms`` that ``count`` takes in ``lang``."""
    # bool is an int, but "True acties" is never what a caller meant.
    if isinstance(count, bool) or not isinstance(count, int | float | Decimal):
        raise TypeError(f"catalogue key {key}: parameter {COUNT!r} must be a number")
    return forms[_category(lang, count)]
