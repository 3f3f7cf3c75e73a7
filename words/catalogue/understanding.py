"""Catalogue texts: understanding what people send (small talk, "did you mean", not understood)."""

from __future__ import annotations

from typing import Final, Literal

MESSAGES: Final[dict[str, dict[Literal["nl", "en"], str]]] = {
    "understanding.did_you_mean": {
        "nl": "Bedoelde je ‘{line}’?",
        "en": "Did you mean ‘{line}’?",
    },
    "understanding.not_understood": {
        "nl": "Dat begrijp ik niet.",
        "en": "I don't understand that.",
    },
    "understanding.how_to_update": {
        "nl": "Wil je laten weten hoe een actie ervoor staat? Zet het nummer ervoor, "
        "bijvoorbeeld ‘#{example} loopt goed’.",
        "en": "Want to say how an action is going? Put its number in front, for example "
        "‘#{example} on track’.",
    },
    "understanding.help_pointer": {
        "nl": "Typ ‘help’ voor wat ik kan.",
        "en": "Type ‘help’ to see what I can do.",
    },
    "understanding.talk.greeting": {
        "nl": "Hallo! Typ ‘help’ om te zien wat ik voor je kan doen.",
        "en": "Hello! Type ‘help’ to see what I can do for you.",
    },
    "understanding.talk.thanks": {
        "nl": "Graag gedaan! Typ ‘help’ als je nog iets nodig hebt.",
        "en": "You're welcome! Type ‘help’ if you need anything else.",
    },
    "understanding.talk.ack": {
        "nl": "Prima! Typ ‘help’ als je iets nodig hebt.",
        "en": "All right! Type ‘help’ if you need anything.",
    },
    "understanding.talk.sorry": {
        "nl": "Geen probleem! Typ ‘help’ als je iets nodig hebt.",
        "en": "No problem! Type ‘help’ if you need anything.",
    },
    "understanding.talk.bye": {
        "nl": "Dag! Typ ‘help’ als je me weer nodig hebt.",
        "en": "Bye! Type ‘help’ when you need me again.",
    },
    "understanding.still_open": {
        "nl": "Mijn vraag over #{number} {title} staat nog open: hoe staat het ervoor? "
        "Bijvoorbeeld ‘loopt goed’ of ‘vertraagd, verwacht eind maart’.",
        "en": "My question about #{number} {title} is still open: how is it going? For "
        "example ‘on track’ or ‘delayed, expected end of March’.",
    },
    "understanding.still_open_many": {
        "nl": "Mijn vraag over deze acties staat nog open: {numbers}. Zet het nummer voor je "
        "antwoord, bijvoorbeeld ‘#{example} loopt goed’.",
        "en": "My question about these actions is still open: {numbers}. Put the number in "
        "front of your answer, for example ‘#{example} on track’.",
    },
}
