"""Texts of mail read from the mailbox: answers to replies that changed nothing, and why."""

from __future__ import annotations

from typing import Final, Literal

MESSAGES: Final[dict[str, dict[Literal["nl", "en"], str]]] = {}
