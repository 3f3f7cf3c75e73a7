"""Catalogue texts: the pings that ask owners how their actions stand, and reminders."""

from __future__ import annotations

from typing import Final, Literal

MESSAGES: Final[dict[str, dict[Literal["nl", "en"], str]]] = {}
