"""Catalogue texts: refusals, each saying why."""

from __future__ import annotations

from typing import Final, Literal

MESSAGES: Final[dict[str, dict[Literal["nl", "en"], str]]] = {
    "perm.not_member": {
        "nl": "Je doet niet mee aan dit programma, dus dat kan ik niet voor je doen.",
        "en": "You are not part of this programme, so I can't do that for you.",
    },
    "perm.reader": {
        "nl": "Je hebt leesrechten in dit programma: je kunt acties bekijken, niet wijzigen.",
        "en": "You have read access in this programme: you can view actions, not change them.",
    },
    "perm.not_owner": {
        "nl": "Dat mag niet: alleen de eigenaar van de actie, de opdrachtgever van het thema "
        "of de programmaregisseur kan deze actie bijwerken.",
        "en": "Not allowed: only the action's owner, the theme's sponsor or the programme "
        "director can update this action.",
    },
    "perm.not_sponsor": {
        "nl": "Dat mag niet: alleen de opdrachtgever van het thema of de programmaregisseur "
        "kan dit doen.",
        "en": "Not allowed: only the theme's sponsor or the programme director can do this.",
    },
    "perm.director_only": {
        "nl": "Dat mag niet: dit is voor de programmaregisseur en programmaondersteuning.",
        "en": "Not allowed: this is for the programme director and programme support.",
    },
    "perm.unknown_person": {
        "nl": "Ik ken je nog niet: je staat in geen enkel programma. Vraag de "
        "programmaregisseur om je toe te voegen.",
        "en": "I don't know you yet: you are not in any programme. Ask the programme "
        "director to add you.",
    },
}
