"""Catalogue texts: what the Teams adapter adds around a message (the note when a message does
not fit on one Adaptive Card, and the check of a required form input)."""

from __future__ import annotations

from typing import Final, Literal

MESSAGES: Final[dict[str, dict[Literal["nl", "en"], str]]] = {
    "teams.more_in_text": {
        "nl": "Niet alles past op één Teams-kaart. De rest, zonder knoppen:",
        "en": "Not everything fits on one Teams card. The rest, without buttons:",
    },
    "teams.required": {"nl": "Vul dit in.", "en": "Please fill this in."},
    # The answer on a card to a button or form; what the bot has to say follows in the chat.
    "teams.received": {"nl": "Ontvangen.", "en": "Received."},
}
