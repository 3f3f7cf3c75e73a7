"""Texts of mail: pings, answers to replies and the mail that carries a letter or digest."""

from __future__ import annotations

from typing import Final, Literal

MESSAGES: Final[dict[str, dict[Literal["nl", "en"], str]]] = {}
