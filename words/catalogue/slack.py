"""Catalogue texts: what the Slack adapter adds around a message (a modal's close button, and
the note when a message has more parts than Slack shows as blocks)."""

from __future__ import annotations

from typing import Final, Literal

MESSAGES: Final[dict[str, dict[Literal["nl", "en"], str]]] = {
    "slack.cancel": {"nl": "Annuleren", "en": "Cancel"},
    "slack.more_in_text": {
        "nl": "Niet alles past in één Slack-bericht. De rest, zonder knoppen:",
        "en": "Not everything fits in one Slack message. The rest, without buttons:",
    },
}
