"""Catalogue texts: answers to status replies, edits, undo and deadline proposals."""

from __future__ import annotations

from typing import Final, Literal

MESSAGES: Final[dict[str, dict[Literal["nl", "en"], str]]] = {}
