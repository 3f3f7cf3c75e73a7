"""Catalogue texts: the voortgangsbrief's fixed parts, headings and generated sentences."""

from __future__ import annotations

from typing import Final, Literal

from words.catalogue.plural import Text

MESSAGES: Final[dict[str, dict[Literal["nl", "en"], Text]]] = {
    # -- fixed parts and headings (words.domain.LETTER_LABELS; a programme may reword them) ---
    "brief.subject_label": {"nl": "Onderwerp", "en": "Subject"},
    "brief.reference_label": {"nl": "Kenmerk", "en": "Reference"},
    "brief.period_label": {"nl": "Periode", "en": "Period"},
    "brief.appendix_heading": {
        "nl": "Bijlage: overzicht van de acties",
        "en": "Appendix: overview of the actions",
    },
    "brief.overview_heading": {"nl": "Overzicht van de acties", "en": "Overview of the actions"},
    "brief.col_theme": {"nl": "Thema", "en": "Theme"},
    "brief.col_action": {"nl": "Actie", "en": "Action"},
    "brief.col_parties": {"nl": "Partijen", "en": "Parties"},
    "brief.col_deadline": {"nl": "Termijn", "en": "Deadline"},
    "brief.col_status": {"nl": "Status", "en": "Status"},
    "brief.since_heading": {"nl": "Sinds de vorige brief", "en": "Since the previous letter"},
    "brief.since_completed": {"nl": "Afgerond", "en": "Completed"},
    "brief.since_status": {"nl": "Statuswijzigingen", "en": "Status changes"},
    "brief.since_deadlines": {"nl": "Verschoven termijnen", "en": "Deadlines moved"},
    "brief.since_none": {"nl": "Geen.", "en": "None."},
    "brief.coordination_heading": {"nl": "Programmaregie", "en": "Programme coordination"},
    "brief.coming_heading": {"nl": "Wat volgt", "en": "What comes next"},
    "brief.meetings_past_heading": {
        "nl": "Bijeenkomsten en mijlpalen in deze periode",
        "en": "Meetings and milestones in this period",
    },
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
    "brief.draft_heading": {
        "nl": "Concept: nog niet compleet",
        "en": "Draft: not complete yet",
    },
    "brief.missing_heading": {
        "nl": "Nog geen nieuws over deze periode van",
        "en": "No news for this period yet from",
    },
    "brief.missing_themes_heading": {
        "nl": "Thema’s zonder eigen tekst voor deze periode",
        "en": "Themes without a text of their own for this period",
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
    # -- what 'brief concept' says of each theme (handlers.brief.work.preview) ---------------
    "letters.theme_written": {
        "nl": "{number}. {name}: de tekst van deze periode staat erin.",
        "en": "{number}. {name}: this period's text is in.",
    },
    "letters.theme_unwritten": {
        "nl": "{number}. {name}: nog geen tekst van deze periode (nu: de beschrijving van het "
        "thema en een samenvatting); ‘brief thema {name} …’ schrijft die.",
        "en": "{number}. {name}: no text for this period yet (for now: the theme’s description "
        "and a summary); ‘brief thema {name} …’ writes it.",
    },
    # -- generated sentences -----------------------------------------------------------------
    "brief.quoted": {"nl": "‘{title}’", "en": "‘{title}’"},
    # A theme's state when nobody wrote one (handlers.brief.prose); n counts the actions named.
    "brief.state.completed": {
        "nl": {
            "one": "In deze periode is {actions} afgerond.",
            "other": "In deze periode zijn {actions} afgerond.",
        },
        "en": {
            "one": "In this period {actions} was completed.",
            "other": "In this period {actions} were completed.",
        },
    },
    "brief.state.delayed": {
        "nl": {"one": "{actions} loopt vertraging op.", "other": "{actions} lopen vertraging op."},
        "en": {"one": "{actions} is delayed.", "other": "{actions} are delayed."},
    },
    "brief.state.at_risk": {
        "nl": {
            "one": "Bij {actions} is er een risico voor de planning.",
            "other": "Bij {actions} zijn er risico’s voor de planning.",
        },
        "en": {
            "one": "{actions} is at risk of not keeping to its planning.",
            "other": "{actions} are at risk of not keeping to their planning.",
        },
    },
    "brief.state.overdue": {
        "nl": {
            "one": "De termijn van {actions} is verstreken zonder dat de actie is afgerond.",
            "other": "De termijnen van {actions} zijn verstreken zonder dat deze acties zijn "
            "afgerond.",
        },
        "en": {
            "one": "The deadline of {actions} has passed without the action being completed.",
            "other": "The deadlines of {actions} have passed without these actions being "
            "completed.",
        },
    },
    "brief.state.all_closed": {
        "nl": "Alle acties van dit thema zijn afgerond of vervallen.",
        "en": "All actions of this theme are completed or dropped.",
    },
    "brief.state.all_on_track": {
        "nl": "De acties van dit thema lopen volgens planning.",
        "en": "The actions of this theme keep to their planning.",
    },
    "brief.state.other_on_track": {
        "nl": "De andere acties lopen volgens planning.",
        "en": "The other actions keep to their planning.",
    },
    "brief.state.all_not_started": {
        "nl": {
            "one": "De actie van dit thema is nog niet gestart.",
            "other": "De {n} acties van dit thema zijn nog niet gestart.",
        },
        "en": {
            "one": "The action of this theme has not started yet.",
            "other": "The {n} actions of this theme have not started yet.",
        },
    },
    "brief.state.other_not_started": {
        "nl": {
            "one": "De andere actie is nog niet gestart.",
            "other": "De {n} andere acties zijn nog niet gestart.",
        },
        "en": {
            "one": "The other action has not started yet.",
            "other": "The {n} other actions have not started yet.",
        },
    },
    "brief.state.all_mixed": {
        "nl": {
            "one": "De acties lopen volgens planning; één ervan is nog niet gestart.",
            "other": "De acties lopen volgens planning; {n} ervan zijn nog niet gestart.",
        },
        "en": {
            "one": "The actions keep to their planning; one of them has not started yet.",
            "other": "The actions keep to their planning; {n} of them have not started yet.",
        },
    },
    "brief.state.other_mixed": {
        "nl": {
            "one": "De andere acties lopen volgens planning; één ervan is nog niet gestart.",
            "other": "De andere acties lopen volgens planning; {n} ervan zijn nog niet gestart.",
        },
        "en": {
            "one": "The other actions keep to their planning; one of them has not started yet.",
            "other": "The other actions keep to their planning; {n} of them have not started yet.",
        },
    },
    "brief.state_none": {
        "nl": "Voor dit thema zijn geen acties vastgelegd.",
        "en": "No actions are recorded for this theme.",
    },
    "brief.and": {"nl": "{rest} en {last}", "en": "{rest} and {last}"},
    # Who carries an action out: its parties; with the owners when the programme names them.
    "brief.owners": {
        "nl": {"one": "trekker {names}", "other": "trekkers {names}"},
        "en": {"one": "owner {names}", "other": "owners {names}"},
    },
    "brief.who": {"nl": "{parties}; {owners}", "en": "{parties}; {owners}"},
    "brief.no_deadline": {"nl": "geen termijn", "en": "no deadline"},
    "brief.no_owner": {"nl": "niemand", "en": "nobody"},
    "brief.completed": {
        "nl": "Deze actie is in deze periode afgerond.",
        "en": "This action was completed in this period.",
    },
    "brief.delayed": {
        "nl": "Deze actie loopt vertraging op.",
        "en": "This action is delayed.",
    },
    "brief.at_risk": {
        "nl": "Bij deze actie is er een risico voor de planning.",
        "en": "This action is at risk of not keeping to its planning.",
    },
    "brief.dropped": {
        "nl": "Deze actie is vervallen.",
        "en": "This action was dropped.",
    },
    "brief.back_on_track": {
        "nl": "Deze actie loopt weer volgens planning.",
        "en": "This action keeps to its planning again.",
    },
    "brief.overdue": {
        "nl": "De termijn ({deadline}) is verstreken; de actie is nog niet afgerond.",
        "en": "The deadline ({deadline}) has passed; the action is not completed yet.",
    },
    "brief.deadline_moved": {
        "nl": "De termijn is verschoven van {old} naar {new}.",
        "en": "The deadline moved from {old} to {new}.",
    },
    "brief.kpi": {
        "nl": "Stand: {current} van {target} {unit} ({percent}%).",
        "en": "Progress: {current} of {target} {unit} ({percent}%).",
    },
    "brief.kpi_plain": {
        "nl": "Stand: {current} {unit} (doel: {target}).",
        "en": "Progress: {current} {unit} (target: {target}).",
    },
    "brief.kpi_short": {
        "nl": "stand {current} van {target} {unit}, {percent}%",
        "en": "progress {current} of {target} {unit}, {percent}%",
    },
    "brief.kpi_short_plain": {
        "nl": "stand {current} {unit}, doel {target}",
        "en": "progress {current} {unit}, target {target}",
    },
    "brief.kpi_target": {
        "nl": "Doel: {target} {unit}; nog geen stand bekend.",
        "en": "Target: {target} {unit}; no progress reported yet.",
    },
    # The actions of a track without news in the period, named in one sentence.
    "brief.quiet_item": {"nl": "{title} ({key}, {status})", "en": "{title} ({key}, {status})"},
    "brief.quiet": {
        "nl": "Zonder nieuws in deze periode: {actions}.",
        "en": "No news in this period on {actions}.",
    },
    "brief.change": {"nl": "{key} {title}: {old} → {new}", "en": "{key} {title}: {old} → {new}"},
    "brief.done_line": {"nl": "{key} {title}", "en": "{key} {title}"},
    "brief.status_overdue": {
        "nl": "{status}; termijn verstreken",
        "en": "{status}; deadline passed",
    },
    # The letter's head: its reference line and date.
    "brief.reference": {"nl": "{reference} · {which}", "en": "{reference} · {which}"},
    "brief.reference_number": {"nl": "voortgangsbrief {number}", "en": "progress letter {number}"},
    "brief.reference_draft": {
        "nl": "concept voortgangsbrief",
        "en": "draft progress letter",
    },
    "brief.date_line": {"nl": "{place}, {date}", "en": "{place}, {date}"},
    "brief.signed_digitally": {
        "nl": "Deze brief is digitaal ondertekend.",
        "en": "This letter was signed digitally.",
    },
    "brief.record_differs": {
        "nl": "Let op: dit is niet voortgangsbrief {number} zoals die op {date} definitief werd. "
        "Deze versie is opnieuw samengesteld uit het register; {why}",
        "en": "Note: this is not progress letter {number} as it was made final on {date}. "
        "This version was compiled again from the register; {why}",
    },
    "brief.record_same": {
        "nl": "er kwamen sindsdien geen updates over deze periode bij.",
        "en": "no updates about this period were added since.",
    },
    "brief.record_newer": {
        "nl": {
            "one": "sindsdien kwam er {n} update over deze periode bij of veranderde er een.",
            "other": "sindsdien kwamen er {n} updates over deze periode bij of veranderden er.",
        },
        "en": {
            "one": "since then {n} update about this period was added or changed.",
            "other": "since then {n} updates about this period were added or changed.",
        },
    },
    "brief.term_year": {"nl": "{year}", "en": "{year}"},
    "brief.term_half1": {"nl": "eerste helft {year}", "en": "first half of {year}"},
    "brief.term_half2": {"nl": "tweede helft {year}", "en": "second half of {year}"},
    "brief.term_q1": {"nl": "eerste kwartaal {year}", "en": "first quarter of {year}"},
    "brief.term_q2": {"nl": "tweede kwartaal {year}", "en": "second quarter of {year}"},
    "brief.term_q3": {"nl": "derde kwartaal {year}", "en": "third quarter of {year}"},
    "brief.term_q4": {"nl": "vierde kwartaal {year}", "en": "fourth quarter of {year}"},
    "brief.term_range": {"nl": "{start} tot en met {end}", "en": "{start} to {end}"},
    # -- status words and traffic lights -----------------------------------------------------
    "brief.status.open": {"nl": "nog niet gestart", "en": "not yet started"},
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
