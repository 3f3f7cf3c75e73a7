"""Texts of the web app's overview pages: a programme's dashboard, its register of actions and
an action's page with its whole history."""

from __future__ import annotations

from typing import Final, Literal

from words.catalogue.plural import Text

MESSAGES: Final[dict[str, dict[Literal["nl", "en"], Text]]] = {
    # -- shared by the listings ------------------------------------------------------------
    "web.overview.no_deadline": {"nl": "geen deadline", "en": "no deadline"},
    "web.overview.status_overdue": {
        "nl": "{status}; termijn verstreken",
        "en": "{status}; deadline passed",
    },
    "web.overview.action_short": {"nl": "#{number} {key}", "en": "#{number} {key}"},
    "web.overview.meeting.meeting": {"nl": "bijeenkomst", "en": "meeting"},
    "web.overview.meeting.milestone": {"nl": "mijlpaal", "en": "milestone"},
    "web.overview.light_prefix": {"nl": "Stoplicht:", "en": "Traffic light:"},
    "web.overview.col_number": {"nl": "Nr.", "en": "No."},
    "web.overview.col_action": {"nl": "Actie", "en": "Action"},
    "web.overview.col_theme": {"nl": "Thema", "en": "Theme"},
    "web.overview.col_owner": {"nl": "Eigenaar", "en": "Owner"},
    "web.overview.col_parties": {"nl": "Partijen", "en": "Parties"},
    "web.overview.col_deadline": {"nl": "Deadline", "en": "Deadline"},
    "web.overview.col_status": {"nl": "Status", "en": "Status"},
    "web.overview.col_updated": {"nl": "Laatste update", "en": "Last update"},
    "web.overview.never_updated": {"nl": "nog geen", "en": "none yet"},
    # -- the dashboard ---------------------------------------------------------------------
    "web.overview.dashboard_title": {"nl": "Overzicht {programme}", "en": "Overview {programme}"},
    "web.overview.dashboard_today": {"nl": "Stand van {day}.", "en": "As of {day}."},
    "web.overview.total_actions": {
        "nl": {"one": "{n} actie in totaal", "other": "{n} acties in totaal"},
        "en": {"one": "{n} action in all", "other": "{n} actions in all"},
    },
    "web.overview.to_register": {"nl": "Naar het register", "en": "To the register"},
    "web.overview.themes_heading": {"nl": "Thema's", "en": "Themes"},
    "web.overview.theme_sponsor": {"nl": "Opdrachtgever: {name}", "en": "Sponsor: {name}"},
    "web.overview.theme_actions": {
        "nl": {"one": "{n} actie", "other": "{n} acties"},
        "en": {"one": "{n} action", "other": "{n} actions"},
    },
    "web.overview.theme_overdue": {
        "nl": "{n} over de termijn",
        "en": "{n} overdue",
    },
    "web.overview.light_count": {"nl": "{light}: {n}", "en": "{light}: {n}"},
    "web.overview.theme_actions_link": {
        "nl": "Acties van {theme}",
        "en": "Actions of {theme}",
    },
    "web.overview.no_themes": {
        "nl": "Dit programma heeft nog geen thema's.",
        "en": "This programme has no themes yet.",
    },
    "web.overview.chart_heading": {"nl": "Status per thema", "en": "Status per theme"},
    "web.overview.chart_caption": {
        "nl": "Aantal acties per status, per thema",
        "en": "Number of actions per status, per theme",
    },
    "web.overview.chart_total": {"nl": "Totaal", "en": "Total"},
    "web.overview.overdue_heading": {"nl": "Over de termijn", "en": "Overdue"},
    "web.overview.overdue_none": {
        "nl": "Geen open acties over de termijn.",
        "en": "No open actions past their deadline.",
    },
    "web.overview.overdue_more": {
        "nl": "De eerste {shown} van {n}; alle {n} in het register",
        "en": "The first {shown} of {n}; all {n} in the register",
    },
    "web.overview.waiting_heading": {
        "nl": "Nog geen antwoord",
        "en": "Not answered yet",
    },
    "web.overview.waiting_none": {
        "nl": "Iedereen die iets gevraagd is, heeft geantwoord.",
        "en": "Everyone who was asked has answered.",
    },
    "web.overview.col_person": {"nl": "Wie", "en": "Who"},
    "web.overview.col_questions": {"nl": "Vragen open", "en": "Open questions"},
    "web.overview.col_escalated": {"nl": "Na herinnering", "en": "After a reminder"},
    "web.overview.col_since": {"nl": "Gevraagd sinds", "en": "Asked since"},
    "web.overview.col_about": {"nl": "Over", "en": "About"},
    "web.overview.upcoming_heading": {
        "nl": "Deadlines tot en met {day}",
        "en": "Deadlines up to {day}",
    },
    "web.overview.upcoming_none": {
        "nl": "Geen open acties met een deadline in de komende zes weken.",
        "en": "No open actions due in the coming six weeks.",
    },
    "web.overview.upcoming_more": {
        "nl": "De eerste {shown} van {n}; de rest in het register",
        "en": "The first {shown} of {n}; the rest in the register",
    },
    "web.overview.meetings_heading": {"nl": "Bijeenkomsten", "en": "Meetings"},
    "web.overview.meetings_none": {
        "nl": "Geen bijeenkomsten of mijlpalen gepland in het komende halfjaar.",
        "en": "No meetings or milestones planned in the coming six months.",
    },
    # -- the register ----------------------------------------------------------------------
    "web.overview.register_title": {"nl": "Acties {programme}", "en": "Actions {programme}"},
    "web.overview.filter_heading": {"nl": "Filteren", "en": "Filter"},
    "web.overview.filter_theme": {"nl": "Thema", "en": "Theme"},
    "web.overview.filter_track": {"nl": "Spoor", "en": "Track"},
    "web.overview.filter_party": {"nl": "Partij", "en": "Party"},
    "web.overview.filter_owner": {"nl": "Eigenaar", "en": "Owner"},
    "web.overview.filter_all": {"nl": "alle", "en": "all"},
    "web.overview.filter_status": {"nl": "Status", "en": "Status"},
    "web.overview.filter_overdue": {
        "nl": "Alleen acties over de termijn",
        "en": "Only actions past their deadline",
    },
    "web.overview.filter_due_before": {"nl": "Deadline uiterlijk", "en": "Due by"},
    "web.overview.filter_due_before_hint": {
        "nl": "Een datum of woorden, zoals ‘eind maart’ of ‘Q3 2027’.",
        "en": "A date or words, such as ‘end of March’ or ‘Q3 2027’.",
    },
    "web.overview.filter_due_before_read": {
        "nl": "Gelezen als {day}.",
        "en": "Read as {day}.",
    },
    "web.overview.filter_submit": {"nl": "Toon acties", "en": "Show actions"},
    "web.overview.filter_clear": {"nl": "Alle filters wissen", "en": "Clear all filters"},
    "web.overview.problems_heading": {
        "nl": "Niet alles in het filter kon worden gebruikt",
        "en": "Not everything in the filter could be used",
    },
    "web.overview.unknown_theme": {
        "nl": "Onbekend thema ‘{key}’: dat filter is niet toegepast.",
        "en": "Unknown theme ‘{key}’: that filter was not applied.",
    },
    "web.overview.unknown_track": {
        "nl": "Onbekend spoor ‘{key}’: dat filter is niet toegepast.",
        "en": "Unknown track ‘{key}’: that filter was not applied.",
    },
    "web.overview.unknown_party": {
        "nl": "Onbekende partij ‘{key}’: dat filter is niet toegepast.",
        "en": "Unknown party ‘{key}’: that filter was not applied.",
    },
    "web.overview.unknown_owner": {
        "nl": "Onbekende eigenaar ‘{key}’: dat filter is niet toegepast.",
        "en": "Unknown owner ‘{key}’: that filter was not applied.",
    },
    "web.overview.unknown_status": {
        "nl": "Onbekende status ‘{word}’: die is niet toegepast.",
        "en": "Unknown status ‘{word}’: it was not applied.",
    },
    "web.overview.bad_due_before": {
        "nl": "De deadline in het filter is niet gelezen: {reason}",
        "en": "The deadline in the filter was not read: {reason}",
    },
    "web.overview.results_heading": {"nl": "Gevonden acties", "en": "Actions found"},
    "web.overview.light_status": {"nl": "{light}: {status}", "en": "{light}: {status}"},
    "web.overview.found": {
        "nl": {
            "one": "{n} actie gevonden.",
            "other": "{n} acties gevonden; {first} tot en met {last} staan hieronder.",
        },
        "en": {
            "one": "{n} action found.",
            "other": "{n} actions found; {first} to {last} are shown below.",
        },
    },
    "web.overview.found_none": {
        "nl": "Geen acties gevonden met dit filter.",
        "en": "No actions match this filter.",
    },
    "web.overview.register_caption": {
        "nl": "Acties, gesorteerd op {column} ({direction})",
        "en": "Actions, sorted by {column} ({direction})",
    },
    "web.overview.sort.nummer": {"nl": "nummer", "en": "number"},
    "web.overview.sort.thema": {"nl": "thema", "en": "theme"},
    "web.overview.sort.eigenaar": {"nl": "eigenaar", "en": "owner"},
    "web.overview.sort.deadline": {"nl": "deadline", "en": "deadline"},
    "web.overview.sort.status": {"nl": "status", "en": "status"},
    "web.overview.sort.bijgewerkt": {"nl": "laatste update", "en": "last update"},
    "web.overview.ascending": {"nl": "oplopend", "en": "ascending"},
    "web.overview.descending": {"nl": "aflopend", "en": "descending"},
    "web.overview.sort_by": {
        "nl": "Sorteer op {column}",
        "en": "Sort by {column}",
    },
    "web.overview.sort_by_reversed": {
        "nl": "Sorteer op {column}, omgekeerd",
        "en": "Sort by {column}, reversed",
    },
    "web.overview.pages_label": {"nl": "Pagina's", "en": "Pages"},
    "web.overview.page_of": {
        "nl": "Pagina {page} van {pages}",
        "en": "Page {page} of {pages}",
    },
    "web.overview.previous_page": {"nl": "Vorige pagina", "en": "Previous page"},
    "web.overview.next_page": {"nl": "Volgende pagina", "en": "Next page"},
    # -- one action ------------------------------------------------------------------------
    "web.overview.action_title": {"nl": "#{number} {key} {title}", "en": "#{number} {key} {title}"},
    "web.overview.details_heading": {"nl": "Gegevens", "en": "Details"},
    "web.overview.field_theme": {"nl": "Thema", "en": "Theme"},
    "web.overview.field_sponsor": {"nl": "Opdrachtgever", "en": "Sponsor"},
    "web.overview.field_track": {"nl": "Spoor", "en": "Track"},
    "web.overview.field_owners": {
        "nl": {"one": "Eigenaar", "other": "Eigenaren"},
        "en": {"one": "Owner", "other": "Owners"},
    },
    "web.overview.field_parties": {"nl": "Partijen", "en": "Parties"},
    "web.overview.field_deadline": {"nl": "Deadline", "en": "Deadline"},
    "web.overview.field_status": {"nl": "Status", "en": "Status"},
    "web.overview.field_kpi": {"nl": "KPI", "en": "KPI"},
    "web.overview.field_description": {"nl": "Omschrijving", "en": "Description"},
    "web.overview.none": {"nl": "–", "en": "–"},
    "web.overview.edit": {"nl": "Bewerken", "en": "Edit"},
    "web.overview.back_to_register": {
        "nl": "Terug naar het register",
        "en": "Back to the register",
    },
    "web.overview.open_proposal": {
        "nl": "{who} stelde op {when} een nieuwe deadline voor: {deadline} (‘{text}’). "
        "Daarover is nog niet besloten.",
        "en": "{who} proposed a new deadline on {when}: {deadline} (‘{text}’). "
        "No decision has been made yet.",
    },
    "web.overview.history_heading": {"nl": "Geschiedenis", "en": "History"},
    "web.overview.history_intro": {
        "nl": "Alles wat er met deze actie gebeurde, het oudste eerst. Ingetrokken updates "
        "blijven hier staan en zijn gemarkeerd.",
        "en": "Everything that happened to this action, oldest first. Withdrawn updates stay "
        "here, marked as such.",
    },
    "web.overview.via": {"nl": "via {channel}", "en": "via {channel}"},
    "web.overview.kind.created": {
        "nl": "In het register opgenomen",
        "en": "Added to the register",
    },
    "web.overview.kind.update": {"nl": "Update van {who}", "en": "Update by {who}"},
    "web.overview.kind.deadline": {
        "nl": "Deadline verplaatst door {who}",
        "en": "Deadline moved by {who}",
    },
    "web.overview.kind.proposal": {
        "nl": "Nieuwe deadline voorgesteld door {who}",
        "en": "New deadline proposed by {who}",
    },
    "web.overview.kind.edit": {
        "nl": "Update van {of_when} gewijzigd door {who}",
        "en": "Update of {of_when} edited by {who}",
    },
    "web.overview.kind.withdrawal": {
        "nl": "Update van {of_when} ingetrokken door {who}",
        "en": "Update of {of_when} withdrawn by {who}",
    },
    "web.overview.kind.decision": {
        "nl": "Voorgestelde deadline {outcome} door {who}",
        "en": "Proposed deadline {outcome} by {who}",
    },
    "web.overview.entry_status": {"nl": "Status: {status}", "en": "Status: {status}"},
    "web.overview.entry_kpi": {"nl": "Stand: {kpi}", "en": "Progress: {kpi}"},
    "web.overview.entry_moved": {
        "nl": "Van {old} naar {new}",
        "en": "From {old} to {new}",
    },
    "web.overview.entry_proposed": {
        "nl": "Voorgesteld: {deadline} (‘{text}’); {outcome}",
        "en": "Proposed: {deadline} (‘{text}’); {outcome}",
    },
    "web.overview.entry_decided": {
        "nl": "Deadline: {deadline} (‘{text}’)",
        "en": "Deadline: {deadline} (‘{text}’)",
    },
    "web.overview.entry_earlier": {
        "nl": "Eerdere formulering",
        "en": "Earlier wording",
    },
    "web.overview.entry_edited": {"nl": "gewijzigd", "en": "edited"},
    "web.overview.withdrawn_mark": {"nl": "Ingetrokken", "en": "Withdrawn"},
    "web.overview.withdrawn_by": {
        "nl": "ingetrokken door {name}, {when}",
        "en": "withdrawn by {name}, {when}",
    },
    "web.overview.kpi_value": {"nl": "{value} {unit}", "en": "{value} {unit}"},
    "web.overview.proposal.open": {"nl": "nog niet besloten", "en": "not decided yet"},
    "web.overview.proposal.accepted": {"nl": "aangenomen", "en": "accepted"},
    "web.overview.proposal.rejected": {"nl": "afgewezen", "en": "rejected"},
    "web.overview.source.console": {"nl": "de console", "en": "the console"},
    "web.overview.source.slack": {"nl": "Slack", "en": "Slack"},
    "web.overview.source.teams": {"nl": "Teams", "en": "Teams"},
    "web.overview.source.import": {"nl": "het programmabestand", "en": "the programme file"},
    "web.overview.source.email": {"nl": "e-mail", "en": "email"},
    "web.overview.source.web": {"nl": "de webapp", "en": "the web app"},
}
