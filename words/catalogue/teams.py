"""Catalogue texts: what the Teams adapter adds around a message (the note when a message does
not fit on one Adaptive Card, and the check of a required form input), and around a file it
offers with a consent card."""

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
    # On the consent card Teams shows with a file (the file's name and size are on it already).
    "teams.file.description": {
        "nl": "Kies Toestaan om het bestand in je OneDrive te ontvangen; het verschijnt dan hier.",
        "en": "Choose Allow to receive the file in your OneDrive; it then shows up here.",
    },
    # In place of the consent card once the person chose Decline.
    "teams.file.declined": {
        "nl": "Je hebt {name} geweigerd: het is niet in je OneDrive gezet. Vraag het opnieuw als "
        "je het toch wilt hebben.",
        "en": "You declined {name}: it was not put in your OneDrive. Ask again if you do want it.",
    },
    # In place of the consent card when the file could not be put in OneDrive after all.
    "teams.file.failed": {
        "nl": "{name} kon niet in je OneDrive worden gezet. Vraag het later opnieuw.",
        "en": "{name} could not be put in your OneDrive. Please ask again later.",
    },
}
