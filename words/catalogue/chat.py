"""Catalogue texts: what the bot says in chat."""

from __future__ import annotations

from typing import Final, Literal

MESSAGES: Final[dict[str, dict[Literal["nl", "en"], str]]] = {
    "chat.example_loaded": {
        "nl": "Voorbeeldprogramma '{programme}' geladen.",
        "en": "Example programme '{programme}' loaded.",
    },
    "chat.dashboard": {
        "nl": "Dashboard (alleen op deze computer, ingelogd als programmaregisseur): {url}",
        "en": "Dashboard (on this computer only, signed in as the programme director): {url}",
    },
    "chat.welcome": {
        "nl": "Voortgang, console. Je bent {who}; het is {now}.\n"
        "Typ wat een deelnemer in de chat zou typen; 'help' toont de opdrachten van de bot.\n"
        "Console: /als <naam> wie je bent · /tijd +1d, +2w, maandag 10:00 of 2026-12-01 zet de "
        "klok vooruit "
        "en voert uit wat onderweg gebeurt · /antwoord <n> <tekst> antwoordt op bericht [n] · "
        "/knop <n> <nummer> drukt een knop in · /formulier <n> veld=waarde; ... · stop.",
        "en": "Voortgang, console. You are {who}; it is {now}.\n"
        "Type what a participant would type in chat; 'help' shows the bot's commands.\n"
        "Console: /as <name> who you are · /time +1d, +2w, monday 10:00 or 2026-12-01 moves "
        "the clock and "
        "runs what happens on the way · /reply <n> <text> answers message [n] · "
        "/button <n> <number> presses a button · /form <n> field=value; ... · stop.",
    },
    # The first ping planned, so the suggestion works whatever day the console starts.
    "chat.try": {
        "nl": "Probeer: /tijd {when} (de eerste ping, aan {name}), dan /als {who} en "
        "/antwoord . loopt goed, klaar in maart.",
        "en": "Try: /time {when} (the first ping, to {name}), then /as {who} and "
        "/reply . on track, done in March.",
    },
    "chat.try_nothing": {
        "nl": "Probeer: /tijd +1w om een week vooruit te gaan; er staat nog geen ping gepland.",
        "en": "Try: /time +1w to move a week ahead; no ping is planned yet.",
    },
    "chat.no_question": {
        "nl": "{name} heeft nog geen bericht met knoppen gekregen. Zet de klok vooruit met "
        "/tijd, of kies een bericht met zijn nummer.",
        "en": "{name} has had no message with buttons yet. Move the clock on with /time, or "
        "pick a message by its number.",
    },
    "chat.who": {"nl": "Je bent nu {name}.", "en": "You are now {name}."},
    "chat.who_unknown": {
        "nl": "Ik ken niemand die '{name}' heet. Gebruik een naam, e-mailadres of sleutel.",
        "en": "I know nobody called '{name}'. Use a name, email address or key.",
    },
    "chat.who_ambiguous": {
        "nl": "'{name}' past op meer mensen: {names}. Wees preciezer.",
        "en": "'{name}' matches several people: {names}. Be more precise.",
    },
    "chat.who_first": {
        "nl": "Kies eerst wie je bent: /als <naam>.",
        "en": "First choose who you are: /as <name>.",
    },
    "chat.time": {"nl": "Het is nu {now}.", "en": "It is now {now}."},
    "chat.time_unreadable": {
        "nl": "'{text}' kan ik niet lezen als tijd. Voorbeelden: +3d, +2w, +4u, maandag 10:00, "
        "morgen, 2026-12-01, 2026-12-01 09:30.",
        "en": "I can't read '{text}' as a time. Examples: +3d, +2w, +4h, monday 10:00, "
        "tomorrow, 2026-12-01, 2026-12-01 09:30.",
    },
    "chat.time_backwards": {
        "nl": "De klok kan alleen vooruit; het is nu {now}.",
        "en": "The clock only moves forward; it is now {now}.",
    },
    "chat.time_same": {
        "nl": "'{text}' zet de klok niet verder; het is nu {now}. Geef een tijd later dan nu, "
        "zoals +1d of maandag 10:00.",
        "en": "'{text}' does not move the clock; it is now {now}. Give a later time, such as "
        "+1d or monday 10:00.",
    },
    "chat.time_too_far": {
        "nl": "'{text}' is te ver: de klok gaat per keer hoogstens {years} jaar vooruit, zodat "
        "alles wat onderweg gebeurt nog te volgen is. Zet hem in stappen vooruit.",
        "en": "'{text}' is too far: the clock moves at most {years} years at a time, so that "
        "what happens on the way can still be followed. Move it on in steps.",
    },
    "chat.time_bad_clock": {
        "nl": "'{text}': {time} bestaat niet op de klok; gebruik 00:00 tot en met 23:59.",
        "en": "'{text}': {time} is not a time of day; use 00:00 to 23:59.",
    },
    "chat.who_missing": {
        "nl": "Zeg wie je wilt zijn: /als <naam>, bijvoorbeeld /als wim.",
        "en": "Say who you want to be: /as <name>, for example /as wim.",
    },
    "chat.no_form": {
        "nl": "{name} heeft nog geen bericht met een formulier gekregen. Kies een bericht met "
        "zijn nummer.",
        "en": "{name} has had no message with a form yet. Pick a message by its number.",
    },
    "chat.wrong_no_number": {
        "nl": "Zeg welk bericht: het nummer tussen [ ], of . voor je nieuwste.",
        "en": "Say which message: the number between [ ], or . for your newest.",
    },
    "chat.wrong_not_a_number": {
        "nl": "‘{ref}’ is geen berichtnummer.",
        "en": "‘{ref}’ is not a message number.",
    },
    "chat.wrong_no_messages": {
        "nl": "Bericht {ref} bestaat niet: er is nog geen enkel bericht verstuurd.",
        "en": "Message {ref} does not exist: no message has been sent yet.",
    },
    "chat.wrong_no_message": {
        "nl": "Bericht {ref} bestaat niet; het nieuwste bericht is [{last}].",
        "en": "Message {ref} does not exist; the newest message is [{last}].",
    },
    "chat.wrong_not_answerable": {
        "nl": "Op bericht {ref} kun je niet reageren: het is alleen een bestand.",
        "en": "Message {ref} cannot be answered: it is only a file.",
    },
    "chat.wrong_not_yours": {
        "nl": "Bericht {ref} ging naar {name}, niet naar jou; typ eerst /als {who} om als "
        "{name} te reageren.",
        "en": "Message {ref} went to {name}, not to you; type /as {who} first to answer as {name}.",
    },
    "chat.wrong_no_text": {
        "nl": "Zeg ook wat je op bericht {ref} antwoordt.",
        "en": "Also say what you answer to message {ref}.",
    },
    "chat.wrong_no_buttons": {
        "nl": "Bericht {ref} heeft geen knoppen.",
        "en": "Message {ref} has no buttons.",
    },
    "chat.wrong_which_button": {
        "nl": "Zeg welke knop van bericht {ref}: {buttons}.",
        "en": "Say which button of message {ref}: {buttons}.",
    },
    "chat.wrong_button": {
        "nl": "Bericht {ref} heeft geen knop ‘{which}’; kies uit {buttons}.",
        "en": "Message {ref} has no button ‘{which}’; choose from {buttons}.",
    },
    "chat.wrong_no_form": {
        "nl": "Bericht {ref} heeft geen formulier.",
        "en": "Message {ref} has no form.",
    },
    "chat.wrong_no_fields": {
        "nl": "Vul het formulier van bericht {ref} in met veld=waarde; de velden zijn: {fields}.",
        "en": "Fill in the form of message {ref} with field=value; its fields are: {fields}.",
    },
    "chat.wrong_field_part": {
        "nl": "‘{part}’ is geen veld=waarde; de velden zijn: {fields}.",
        "en": "‘{part}’ is not field=value; the fields are: {fields}.",
    },
    "chat.wrong_field": {
        "nl": "Het formulier van bericht {ref} heeft geen veld ‘{name}’; de velden zijn: {fields}.",
        "en": "The form of message {ref} has no field ‘{name}’; its fields are: {fields}.",
    },
    "chat.usage_reply": {
        "nl": "Gebruik: /antwoord <berichtnummer> <tekst>, bijvoorbeeld /antwoord 3 loopt goed.",
        "en": "Usage: /reply <message number> <text>, for example /reply 3 on track.",
    },
    "chat.usage_button": {
        "nl": "Gebruik: /knop <berichtnummer> <knopnummer of naam>, bijvoorbeeld /knop 3 2.",
        "en": "Usage: /button <message number> <button number or label>, e.g. /button 3 2.",
    },
    "chat.usage_form": {
        "nl": "Gebruik: /formulier <berichtnummer> veld=waarde; veld=waarde (het bericht moet "
        "een formulier hebben).",
        "en": "Usage: /form <message number> field=value; field=value (the message must have "
        "a form).",
    },
    "chat.console_help": {
        "nl": "Console-opdrachten: /als <naam>, /tijd [+3d | +2w | maandag 10:00 | datum], "
        "/antwoord <n> <tekst>, "
        "/knop <n> <knop>, /formulier <n> veld=waarde; ... Typ 'help' voor de bot.",
        "en": "Console commands: /as <name>, /time [+3d | +2w | monday 10:00 | date], "
        "/reply <n> <text>, "
        "/button <n> <button>, /form <n> field=value; ... Type 'help' for the bot.",
    },
    "chat.no_actions": {"nl": "Geen acties gevonden.", "en": "No actions found."},
    "chat.actions.none": {
        "nl": "Er staan nog geen acties in het register.",
        "en": "The register has no actions yet.",
    },
    "chat.actions.none_in": {
        "nl": "Onder {themes} staan nog geen acties.",
        "en": "There are no actions under {themes} yet.",
    },
    "chat.overdue.none": {
        "nl": "Er is niets te laat: geen open actie heeft een verstreken deadline.",
        "en": "Nothing is overdue: no open action is past its deadline.",
    },
    "chat.overdue.none_in": {
        "nl": "In {themes} is niets te laat: geen open actie heeft een verstreken deadline.",
        "en": "Nothing is overdue in {themes}: no open action is past its deadline.",
    },
    "chat.theme_heading": {"nl": "== {theme} ==", "en": "== {theme} =="},
    "chat.action_line": {
        "nl": "#{number} {key} {title} | {owners} | {deadline} | {status}",
        "en": "#{number} {key} {title} | {owners} | {deadline} | {status}",
    },
    "precision.day": {"nl": "dag", "en": "day"},
    "precision.week": {"nl": "week", "en": "week"},
    "precision.month": {"nl": "maand", "en": "month"},
    "precision.quarter": {"nl": "kwartaal", "en": "quarter"},
    "precision.half": {"nl": "halfjaar", "en": "half year"},
    "precision.season": {"nl": "seizoen", "en": "season"},
    "precision.year": {"nl": "jaar", "en": "year"},
    "chat.deadline": {
        "nl": "'{text}' lees ik als {due} (precisie: {precision})",
        "en": "I read '{text}' as {due} (precision: {precision})",
    },
}
