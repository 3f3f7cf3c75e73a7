"""Catalogue texts: the command 'afwezig' (absent), its periods, deputies and cancelling."""

from __future__ import annotations

from typing import Final, Literal

from words.catalogue.plural import Text

MESSAGES: Final[dict[str, dict[Literal["nl", "en"], Text]]] = {
    "commands.absent.bad_date": {
        "nl": "‘{text}’ kan ik niet lezen. Schrijf bijvoorbeeld ‘afwezig 1 december t/m 12 "
        "december’, ‘afwezig morgen t/m vrijdag Wim Schepers’ of ‘afwezig 2026-12-01 t/m "
        "2026-12-12’. Datums mogen ook als 1-12 of als ‘maandag’.",
        "en": "I can't read ‘{text}’. Write for example ‘away 1 December to 12 December’, "
        "‘away tomorrow to Friday Wim Schepers’ or ‘away 2026-12-01 to 2026-12-12’. Dates "
        "may also be written as 1-12 or ‘Monday’.",
    },
    "commands.absent.out_of_range": {
        "nl": "‘{text}’ noemt een jaar buiten {first} tot en met {last}. Schrijf bijvoorbeeld "
        "‘afwezig 2026-12-01 t/m 2026-12-12’.",
        "en": "‘{text}’ names a year outside {first} to {last}. Write for example ‘away "
        "2026-12-01 to 2026-12-12’.",
    },
    "commands.absent.order": {
        "nl": "Het einde ({end}) ligt voor het begin ({start}). Zet de eerste dag voorop.",
        "en": "The end ({end}) is before the start ({start}). Put the first day first.",
    },
    "commands.absent.past": {
        "nl": "Die afwezigheid is al voorbij ({end} is geweest); ik noteer alleen wat nog komt.",
        "en": "That absence is over already ({end} has passed); I only record what is still "
        "to come.",
    },
    "commands.absent.unknown_deputy": {
        "nl": "Ik vind geen ‘{name}’ in jouw programma's. Noem je vervanger met de volledige "
        "naam of de sleutel uit het programmabestand.",
        "en": "I can't find ‘{name}’ in your programmes. Name your deputy by full name or "
        "by the key from the programme file.",
    },
    "commands.absent.ambiguous_deputy": {
        "nl": "‘{name}’ past op meer mensen: {options}. Schrijf de volledige naam.",
        "en": "‘{name}’ fits more than one person: {options}. Write the full name.",
    },
    "commands.absent.self": {
        "nl": "Je kunt niet je eigen vervanger zijn. Noem een collega, of laat de vervanger weg.",
        "en": "You cannot be your own deputy. Name a colleague, or leave the deputy out.",
    },
    "commands.absent.reader_deputy": {
        "nl": "{name} heeft alleen leesrechten en kan je acties niet bijwerken. Kies een "
        "andere vervanger.",
        "en": "{name} has read access only and cannot update your actions. Choose another deputy.",
    },
    "commands.absent.overlap": {
        "nl": "Je bent dan al afwezig: {start} t/m {end}. Wis die eerst met ‘afwezig wissen’, "
        "of kies andere dagen.",
        "en": "You are already away then: {start} to {end}. Remove that first with ‘away "
        "cancel’, or choose other days.",
    },
    "commands.absent.added": {
        "nl": "Genoteerd: je bent afwezig van {start} t/m {end}. Je hebt geen vervanger, "
        "dus vragen over je acties wachten tot je terug bent.",
        "en": "Noted: you are away from {start} to {end}. You have no deputy, so questions "
        "about your actions wait until you are back.",
    },
    "commands.absent.added_deputy": {
        "nl": "Genoteerd: je bent afwezig van {start} t/m {end}. {deputy} neemt waar en "
        "krijgt in die tijd de vragen over je acties.",
        "en": "Noted: you are away from {start} to {end}. {deputy} covers for you and gets "
        "the questions about your actions meanwhile.",
    },
    "commands.absent.none": {
        "nl": "Je hebt geen afwezigheid gepland. Meld die met bijvoorbeeld ‘afwezig 1 "
        "december t/m 12 december Wim Schepers’.",
        "en": "You have no absence planned. Report one with, for example, ‘away 1 December "
        "to 12 December Wim Schepers’.",
    },
    "commands.absent.list": {"nl": "Je afwezigheid:", "en": "Your absences:"},
    "commands.absent.period": {"nl": "{start} t/m {end}", "en": "{start} to {end}"},
    "commands.absent.with_deputy": {
        "nl": ", vervanger: {deputy}",
        "en": ", deputy: {deputy}",
    },
    "commands.absent.from_file": {
        "nl": " (uit het programmabestand)",
        "en": " (from the programme file)",
    },
    "commands.absent.cancelled": {
        "nl": "Je geplande afwezigheid is gewist ({count}).",
        "en": "Your planned absence has been removed ({count}).",
    },
    "commands.absent.nothing_to_cancel": {
        "nl": "Je had geen geplande afwezigheid die ik kan wissen.",
        "en": "You had no planned absence I can remove.",
    },
    "commands.absent.kept": {
        "nl": "Afwezigheid uit het programmabestand ({count}) blijft staan; vraag de "
        "programmaregisseur die daar aan te passen.",
        "en": "Absence from the programme file ({count}) stays; ask the programme director "
        "to change it there.",
    },
}
