"""Catalogue texts: the voortgangsbrief's fixed parts, headings and generated sentences."""

from __future__ import annotations

from typing import Final, Literal

from words.catalogue.plural import Text

MESSAGES: Final[dict[str, dict[Literal["nl", "en"], Text]]] = {
    # -- fixed parts and headings ------------------------------------------------------------
    "brief.subject_label": {"nl": "Onderwerp", "en": "Subject"},
    "brief.period": {
        "nl": "Periode: {start} tot en met {end}",
        "en": "Period: {start} to {end}",
    },
    "brief.overview_heading": {"nl": "Overzicht van de acties", "en": "Overview of the actions"},
    "brief.col_theme": {"nl": "Thema", "en": "Theme"},
    "brief.col_action": {"nl": "Actie", "en": "Action"},
    "brief.col_parties": {"nl": "Partijen", "en": "Parties"},
    "brief.col_deadline": {"nl": "Deadline", "en": "Deadline"},
    "brief.col_status": {"nl": "Status", "en": "Status"},
    "brief.since_heading": {"nl": "Sinds de vorige brief", "en": "Since the previous letter"},
    "brief.since_completed": {"nl": "Afgerond", "en": "Completed"},
    "brief.since_status": {"nl": "Statuswijzigingen", "en": "Status changes"},
    "brief.since_deadlines": {"nl": "Verschoven deadlines", "en": "Deadlines moved"},
    "brief.since_none": {"nl": "Geen.", "en": "None."},
    "brief.coordination_heading": {"nl": "Programmaregie", "en": "Programme coordination"},
    "brief.meetings_heading": {
        "nl": "Komende bijeenkomsten en mijlpalen",
        "en": "Upcoming meetings and milestones",
    },
    "brief.meetings_none": {
        "nl": "Er staan de komende zes maanden geen bijeenkomsten of mijlpalen gepland.",
        "en": "No meetings or milestones are planned for the coming six months.",
    },
    "brief.milestone": {"nl": "mijlpaal", "en": "milestone"},
    "brief.chart_heading": {"nl": "Status per thema", "en": "Status per theme"},
    "brief.missing_heading": {
        "nl": "Concept: nog geen update over deze periode",
        "en": "Draft: no update for this period yet",
    },
    # n is the number of owners ("trekker: Rob", "trekkers: Rob, Wim"); 1 for "niemand".
    "brief.missing_line": {
        "nl": {
            "one": "{key} {title} (trekker: {owners})",
            "other": "{key} {title} (trekkers: {owners})",
        },
        "en": {
            "one": "{key} {title} (owner: {owners})",
            "other": "{key} {title} (owners: {owners})",
        },
    },
    "brief.since_first": {
        "nl": "Dit is de eerste brief; hieronder staat wat er in deze periode veranderde.",
        "en": "This is the first letter; below is what changed in this period.",
    },
    "brief.since_previous": {
        "nl": "Wat er veranderde sinds voortgangsbrief {number}.",
        "en": "What changed since progress letter {number}.",
    },
    "brief.period_year": {"nl": "{year}", "en": "{year}"},
    "brief.period_half1": {
        "nl": "de eerste helft van {year}",
        "en": "the first half of {year}",
    },
    "brief.period_half2": {
        "nl": "de tweede helft van {year}",
        "en": "the second half of {year}",
    },
    "brief.period_q1": {
        "nl": "het eerste kwartaal van {year}",
        "en": "the first quarter of {year}",
    },
    "brief.period_q2": {
        "nl": "het tweede kwartaal van {year}",
        "en": "the second quarter of {year}",
    },
    "brief.period_q3": {"nl": "het derde kwartaal van {year}", "en": "the third quarter of {year}"},
    "brief.period_q4": {
        "nl": "het vierde kwartaal van {year}",
        "en": "the fourth quarter of {year}",
    },
    "brief.period_range": {"nl": "{start} t/m {end}", "en": "{start} to {end}"},
    "brief.track_heading": {"nl": "{track} in {year}", "en": "{track} in {year}"},
    "brief.other_heading": {"nl": "Overige acties", "en": "Other actions"},
    # -- generated sentences -----------------------------------------------------------------
    "brief.state": {
        "nl": {
            "one": "Dit thema telt één actie: {counts}.",
            "other": "Dit thema telt {n} acties: {counts}.",
        },
        "en": {
            "one": "This theme has one action: {counts}.",
            "other": "This theme has {n} actions: {counts}.",
        },
    },
    "brief.state_none": {
        "nl": "Voor dit thema zijn geen acties vastgelegd.",
        "en": "No actions are recorded for this theme.",
    },
    "brief.and": {"nl": "{rest} en {last}", "en": "{rest} and {last}"},
    "brief.count.open": {"nl": "{n} nog niet gestart", "en": "{n} not yet started"},
    "brief.count.on_track": {"nl": "{n} op schema", "en": "{n} on track"},
    "brief.count.at_risk": {"nl": "{n} met risico", "en": "{n} at risk"},
    "brief.count.delayed": {"nl": "{n} vertraagd", "en": "{n} delayed"},
    "brief.count.done": {"nl": "{n} afgerond", "en": "{n} completed"},
    "brief.count.dropped": {"nl": "{n} vervallen", "en": "{n} dropped"},
    # n as in brief.missing_line.
    "brief.action_line": {
        "nl": {
            "one": "{key} {title} (deadline: {deadline}; trekker: {owners})",
            "other": "{key} {title} (deadline: {deadline}; trekkers: {owners})",
        },
        "en": {
            "one": "{key} {title} (deadline: {deadline}; owner: {owners})",
            "other": "{key} {title} (deadline: {deadline}; owners: {owners})",
        },
    },
    "brief.no_deadline": {"nl": "geen", "en": "none"},
    "brief.no_owner": {"nl": "niemand", "en": "nobody"},
    "brief.no_update": {
        "nl": "Over deze periode is geen update ontvangen.",
        "en": "No update was received for this period.",
    },
    "brief.completed": {
        "nl": "Deze actie is in deze periode afgerond.",
        "en": "This action was completed in this period.",
    },
    "brief.delayed": {
        "nl": "Deze actie is vertraagd.",
        "en": "This action is delayed.",
    },
    "brief.at_risk": {
        "nl": "Bij deze actie is sprake van een risico.",
        "en": "This action is at risk.",
    },
    "brief.dropped": {
        "nl": "Deze actie is vervallen.",
        "en": "This action was dropped.",
    },
    "brief.deadline_moved": {
        "nl": "De deadline is verschoven van ‘{old}’ naar ‘{new}’.",
        "en": "The deadline was moved from ‘{old}’ to ‘{new}’.",
    },
    "brief.kpi": {
        "nl": "Stand: {current} van {target} {unit} ({percent}%).",
        "en": "Progress: {current} of {target} {unit} ({percent}%).",
    },
    "brief.kpi_target": {
        "nl": "Doel: {target} {unit}; nog geen stand bekend.",
        "en": "Target: {target} {unit}; no progress reported yet.",
    },
    "brief.change": {"nl": "{key} {title}: {old} → {new}", "en": "{key} {title}: {old} → {new}"},
    "brief.done_line": {"nl": "{key} {title}", "en": "{key} {title}"},
    # n is the number of updates ({updates}).
    "brief.coordination": {
        "nl": {
            "one": "In deze periode kwam {updates} update binnen over {reported} van de {total} "
            "acties.",
            "other": "In deze periode kwamen {updates} updates binnen over {reported} van de "
            "{total} acties.",
        },
        "en": {
            "one": "In this period {updates} update came in on {reported} of the {total} actions.",
            "other": "In this period {updates} updates came in on {reported} of the {total} "
            "actions.",
        },
    },
    # -- status words and traffic lights -----------------------------------------------------
    "brief.status.open": {"nl": "open", "en": "open"},
    "brief.status.on_track": {"nl": "op schema", "en": "on track"},
    "brief.status.at_risk": {"nl": "risico", "en": "at risk"},
    "brief.status.delayed": {"nl": "vertraagd", "en": "delayed"},
    "brief.status.done": {"nl": "afgerond", "en": "completed"},
    "brief.status.dropped": {"nl": "vervallen", "en": "dropped"},
    "brief.light.groen": {"nl": "groen", "en": "green"},
    "brief.light.oranje": {"nl": "oranje", "en": "orange"},
    "brief.light.rood": {"nl": "rood", "en": "red"},
    "brief.light.grijs": {"nl": "grijs", "en": "grey"},
    "brief.light.wit": {"nl": "wit", "en": "white"},
}
