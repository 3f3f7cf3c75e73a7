"""Text as it may be stored: what people send is cleaned once, where it comes in.

A platform can hand over characters no person means to type and no database or document
takes: NUL (PostgreSQL refuses it in text), other control characters (an XLSX file refuses
them, a terminal obeys them) and lone UTF-16 surrogates (not encodable as UTF-8, so the
database driver refuses the whole statement). Adapters pass every inbound text through
``clean_text`` before it becomes an event, so one such character never fails a write of
events stored together with it, nor reaches a letter.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

# C0 controls except tab, newline and carriage return; DEL; C1 controls.
CONTROLS: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
SURROGATES: Final = re.compile(r"[\ud800-\udfff]")
REPLACEMENT: Final = "\ufffd"


def clean_text(text: str) -> str:
    """``text`` without control characters, each lone surrogate replaced by U+FFFD."""
    if text.isprintable():  # the usual case: nothing to do, and cheap to find out
        return text
    return SURROGATES.sub(REPLACEMENT, CONTROLS.sub("", text))


def clean_mapping(values: Mapping[str, str]) -> dict[str, str]:
    """A form's fields and values, each cleaned."""
    return {clean_text(key): clean_text(value) for key, value in values.items()}


def clean_json(value: object) -> object:
    """Every string in a JSON-like value (dicts, lists, strings, numbers) cleaned."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, Mapping):
        return {clean_text(str(key)): clean_json(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [clean_json(item) for item in value]
    return value
