"""Catalogue texts: what the bot says in chat."""

from __future__ import annotations

from typing import Final, Literal

MESSAGES: Final[dict[str, dict[Literal["nl", "en"], str]]] = {
    "chat.example_loaded": {
        "nl": "Voorbeeldprogramma '{programme}' geladen.",
        "en": "Example programme '{programme}' loaded.",
    },
    "chat.welcome": {
        "nl": "Voortgang, console. Typ 'help' voor de opdrachten, 'stop' om te stoppen.",
        "en": "Voortgang, console. Type 'help' for the commands, 'stop' to quit.",
    },
    "chat.help": {
        "nl": "Opdrachten:\n"
        "  acties [thema]     alle acties, eventueel van één thema\n"
        "  te laat            acties waarvan de deadline verstreken is\n"
        "  actie <nummer>     details en geschiedenis van een actie (ook #12 of OW-01)\n"
        "  deadline <tekst>   lees een deadline in woorden, bv. 'voor de zomer van 2027'\n"
        "  stop               stoppen",
        "en": "Commands:\n"
        "  actions [theme]    all actions, optionally of one theme\n"
        "  overdue            actions past their deadline\n"
        "  action <number>    details and history of an action (also #12 or OW-01)\n"
        "  deadline <text>    read a deadline in words, e.g. 'voor de zomer van 2027'\n"
        "  stop               quit",
    },
    "chat.not_understood": {
        "nl": "Dat begrijp ik niet. Typ 'help' voor wat ik kan.",
        "en": "I don't understand that. Type 'help' to see what I can do.",
    },
    "chat.no_actions": {"nl": "Geen acties gevonden.", "en": "No actions found."},
    "chat.theme_heading": {"nl": "== {theme} ==", "en": "== {theme} =="},
    "chat.action_line": {
        "nl": "#{number} {key} {title} | {owners} | {deadline} | {status}",
        "en": "#{number} {key} {title} | {owners} | {deadline} | {status}",
    },
    "chat.unknown_action": {
        "nl": "Ik ken geen actie {ref!r}. Typ 'acties' voor de lijst.",
        "en": "I know no action {ref!r}. Type 'actions' for the list.",
    },
    "chat.action_theme": {
        "nl": "Thema: {theme}; spoor: {track}",
        "en": "Theme: {theme}; track: {track}",
    },
    "chat.action_kpi": {
        "nl": "KPI: {current:g} van {target:g} {unit}",
        "en": "KPI: {current:g} of {target:g} {unit}",
    },
    "chat.action_update": {"nl": "  {when}: {text}", "en": "  {when}: {text}"},
    "chat.deadline_moved": {
        "nl": "deadline van '{old}' naar '{new}'",
        "en": "deadline from '{old}' to '{new}'",
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
