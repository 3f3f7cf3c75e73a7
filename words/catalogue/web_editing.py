"""Texts of the web app's editing pages: an action's update form, a member's own actions and
history, and correcting or withdrawing one's own update. The form's inputs themselves are the
chat form's (``replies.form_*``), so a page, Slack and Teams ask the same."""

from __future__ import annotations

from typing import Final, Literal

MESSAGES: Final[dict[str, dict[Literal["nl", "en"], str]]] = {
    # --- an action's edit page ---------------------------------------------------------------
    "web.editing.title": {"nl": "#{number} bijwerken", "en": "Update #{number}"},
    "web.editing.intro": {
        "nl": "Meld hoe deze actie ervoor staat. Wat je leeg laat, blijft zoals het is.",
        "en": "Report how this action is doing. What you leave empty stays as it is.",
    },
    "web.editing.theme": {"nl": "Thema", "en": "Theme"},
    "web.editing.owners": {"nl": "Eigenaren", "en": "Owners"},
    "web.editing.deadline_now": {"nl": "Deadline", "en": "Deadline"},
    "web.editing.status_now": {"nl": "Huidige status", "en": "Current status"},
    "web.editing.kpi_now": {"nl": "Huidige stand", "en": "Current value"},
    "web.editing.kpi_none_yet": {"nl": "nog geen", "en": "none yet"},
    "web.editing.deadline_you_set": {
        "nl": "Een nieuwe deadline stel jij meteen vast: je bent opdrachtgever van dit thema "
        "of programmaregisseur.",
        "en": "You set a new deadline at once: you are this theme's sponsor or the programme "
        "director.",
    },
    "web.editing.deadline_you_propose": {
        "nl": "Een nieuwe deadline wordt een voorstel: de opdrachtgever van het thema (of de "
        "programmaregisseur) beslist erover.",
        "en": "A new deadline becomes a proposal: the theme's sponsor (or the programme "
        "director) decides on it.",
    },
    "web.editing.submit": {"nl": "Opslaan", "en": "Save"},
    "web.editing.cancel": {"nl": "Terug naar de actie", "en": "Back to the action"},
    "web.editing.error_title": {"nl": "Fout: {title}", "en": "Error: {title}"},
    "web.editing.errors_heading": {
        "nl": "Controleer wat je hebt ingevuld",
        "en": "Please check what you filled in",
    },
    # An open proposal on the edit page of whoever decides on it.
    "web.editing.proposal_heading": {"nl": "Voorgestelde deadline", "en": "Proposed deadline"},
    "web.editing.proposal_line": {
        "nl": "{name} stelde op {moment} een nieuwe deadline voor: {deadline}.",
        "en": "{name} proposed a new deadline on {moment}: {deadline}.",
    },
    "web.editing.proposal_gone": {
        "nl": "Dit voorstel bestaat niet (meer) bij deze actie.",
        "en": "This proposal does not exist (any more) for this action.",
    },
    # The notice on the page a change leads back to.
    "web.editing.notice_heading": {"nl": "Opgeslagen", "en": "Saved"},
    "web.editing.again": {
        "nl": "Dit formulier was al verstuurd en is één keer opgeslagen; er is niets dubbel "
        "genoteerd.",
        "en": "This form had already been sent and was saved once; nothing was recorded twice.",
    },
    # --- my actions --------------------------------------------------------------------------
    "web.editing.mine_title": {"nl": "Mijn acties", "en": "My actions"},
    "web.editing.mine_intro": {
        "nl": "Je open acties in al je programma's, en die van afwezige collega's voor wie je "
        "nu invalt.",
        "en": "Your open actions in all your programmes, and those of absent colleagues you "
        "stand in for now.",
    },
    "web.editing.mine_none": {
        "nl": "Je hebt geen open acties.",
        "en": "You have no open actions.",
    },
    "web.editing.history_link": {"nl": "Mijn updates", "en": "My updates"},
    "web.editing.col_action": {"nl": "Actie", "en": "Action"},
    "web.editing.col_theme": {"nl": "Thema", "en": "Theme"},
    "web.editing.col_deadline": {"nl": "Deadline", "en": "Deadline"},
    "web.editing.col_status": {"nl": "Status", "en": "Status"},
    "web.editing.col_last": {"nl": "Laatste update", "en": "Last update"},
    "web.editing.col_do": {"nl": "Bijwerken", "en": "Update"},
    "web.editing.overdue": {"nl": "te laat", "en": "overdue"},
    "web.editing.deputy_for": {"nl": "invaller voor {name}", "en": "standing in for {name}"},
    "web.editing.update_action": {
        "nl": "#{number} bijwerken",
        "en": "Update #{number}",
    },
    "web.editing.read_only": {"nl": "alleen lezen", "en": "read only"},
    # --- my history --------------------------------------------------------------------------
    "web.editing.history_title": {"nl": "Mijn updates", "en": "My updates"},
    "web.editing.history_intro": {
        "nl": "Wat je hebt gemeld, het nieuwste eerst. Een update aanpassen kan zolang je de "
        "actie mag bijwerken; de vorige versie blijft bewaard. Intrekken kan tot {minutes} "
        "minuten nadat je hem gaf, net als ‘ongedaan’ in de chat.",
        "en": "What you reported, newest first. You can correct an update as long as you may "
        "update the action; the previous version is kept. You can withdraw one up to "
        "{minutes} minutes after you gave it, as with ‘undo’ in chat.",
    },
    "web.editing.history_none": {
        "nl": "Je hebt nog geen updates gegeven.",
        "en": "You have not given any updates yet.",
    },
    "web.editing.older": {"nl": "Oudere updates", "en": "Older updates"},
    "web.editing.newest": {"nl": "Nieuwste updates", "en": "Newest updates"},
    "web.editing.via": {"nl": "via {source}", "en": "via {source}"},
    "web.editing.field_status": {"nl": "Status", "en": "Status"},
    "web.editing.field_text": {"nl": "Tekst", "en": "Text"},
    "web.editing.field_kpi": {"nl": "Stand", "en": "Value"},
    "web.editing.deadline_moved": {
        "nl": "Deadline verzet naar {deadline}",
        "en": "Deadline moved to {deadline}",
    },
    "web.editing.edited_on": {"nl": "Aangepast op {moment}", "en": "Corrected on {moment}"},
    "web.editing.earlier_versions": {"nl": "Eerdere versies", "en": "Earlier versions"},
    "web.editing.version_until": {"nl": "Tot {moment}", "en": "Until {moment}"},
    "web.editing.withdrawn_on": {
        "nl": "Ingetrokken op {moment} door {name}",
        "en": "Withdrawn on {moment} by {name}",
    },
    "web.editing.withdrawn_mark": {"nl": "ingetrokken", "en": "withdrawn"},
    "web.editing.correct": {"nl": "Aanpassen", "en": "Correct"},
    "web.editing.withdraw": {"nl": "Intrekken", "en": "Withdraw"},
    # Link texts that say which update, for screen readers going from link to link.
    "web.editing.correct_label": {
        "nl": "Update van {moment} bij #{number} aanpassen",
        "en": "Correct the update of {moment} on #{number}",
    },
    "web.editing.withdraw_label": {
        "nl": "Update van {moment} bij #{number} intrekken",
        "en": "Withdraw the update of {moment} on #{number}",
    },
    # --- correcting and withdrawing one's own update ---------------------------------------
    "web.editing.correct_title": {
        "nl": "Update bij #{number} aanpassen",
        "en": "Correct the update on #{number}",
    },
    "web.editing.correct_intro": {
        "nl": "Je update van {moment}. Wat je hier opslaat, vervangt hem; de vorige versie "
        "blijft bewaard in de geschiedenis van de actie.",
        "en": "Your update of {moment}. What you save here replaces it; the previous version "
        "stays in the action's history.",
    },
    "web.editing.keep_status": {"nl": "ongewijzigd laten", "en": "leave unchanged"},
    "web.editing.kpi_keep_hint": {
        "nl": "Leeg laten houdt de stand van deze update.",
        "en": "Leave empty to keep this update's value.",
    },
    "web.editing.correct_submit": {"nl": "Aanpassing opslaan", "en": "Save correction"},
    "web.editing.withdraw_title": {
        "nl": "Update bij #{number} intrekken",
        "en": "Withdraw the update on #{number}",
    },
    "web.editing.withdraw_question": {
        "nl": "Wil je deze update intrekken? Hij telt dan niet meer mee, ook niet in de brief, "
        "en blijft als ingetrokken in de geschiedenis van de actie staan. Terugdraaien kan niet.",
        "en": "Do you want to withdraw this update? It will no longer count, not in the letter "
        "either, and stays in the action's history as withdrawn. This cannot be reversed.",
    },
    "web.editing.withdraw_submit": {"nl": "Ja, intrekken", "en": "Yes, withdraw"},
    "web.editing.back_history": {"nl": "Terug naar mijn updates", "en": "Back to my updates"},
    "web.editing.text_needed": {
        "nl": "Een update zonder status of stand heeft tekst nodig.",
        "en": "An update without a status or value needs text.",
    },
    # --- refusals (the reason on a 403 page) --------------------------------------------------
    "web.editing.not_your_update": {
        "nl": "Dat mag niet: je kunt alleen je eigen updates aanpassen of intrekken.",
        "en": "Not allowed: you can only correct or withdraw your own updates.",
    },
    "web.editing.not_a_report": {
        "nl": "Een verzette deadline is geen update die je kunt aanpassen; geef zo nodig een "
        "nieuwe deadline op de actie.",
        "en": "A moved deadline is not an update you can correct; give the action a new "
        "deadline if needed.",
    },
    "web.editing.withdrawn_already": {
        "nl": "Deze update is al ingetrokken; hij staat nog in de geschiedenis, maar telt niet "
        "meer mee.",
        "en": "This update has already been withdrawn; it is still in the history, but no "
        "longer counts.",
    },
    "web.editing.too_late": {
        "nl": "Deze update is langer dan 10 minuten geleden gegeven en kan niet meer worden "
        "ingetrokken. Pas hem zo nodig aan.",
        "en": "This update was given more than 10 minutes ago and can no longer be withdrawn. "
        "Correct it if needed.",
    },
    # --- channels an update came through -------------------------------------------------------
    "web.editing.source.console": {"nl": "de console", "en": "the console"},
    "web.editing.source.slack": {"nl": "Slack", "en": "Slack"},
    "web.editing.source.teams": {"nl": "Teams", "en": "Teams"},
    "web.editing.source.import": {"nl": "een programmabestand", "en": "a programme file"},
    "web.editing.source.email": {"nl": "e-mail", "en": "email"},
    "web.editing.source.web": {"nl": "de website", "en": "the website"},
}
