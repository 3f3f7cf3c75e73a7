"""Catalogue texts: the weekly digest, in the theme channels and to each person."""

from __future__ import annotations

from typing import Final, Literal

MESSAGES: Final[dict[str, dict[Literal["nl", "en"], str]]] = {
    # -- the theme channel -------------------------------------------------------------------
    "digest.theme_title": {
        "nl": "Weekoverzicht {theme}, {date}",
        "en": "Weekly digest {theme}, {date}",
    },
    "digest.updates": {
        "nl": "Updates van de afgelopen week",
        "en": "Updates of the past week",
    },
    "digest.no_updates": {
        "nl": "Deze week kwamen er geen updates binnen.",
        "en": "No updates came in this week.",
    },
    "digest.update_line": {
        "nl": "{ref} – {author}, {when}: {what}",
        "en": "{ref} – {author}, {when}: {what}",
    },
    "digest.due": {
        "nl": "Deadline in de komende twee weken",
        "en": "Due in the next two weeks",
    },
    "digest.no_due": {
        "nl": "Geen deadlines in de komende twee weken.",
        "en": "Nothing is due in the next two weeks.",
    },
    "digest.due_line": {
        "nl": "{ref} – {deadline} – {owners}",
        "en": "{ref} – {deadline} – {owners}",
    },
    "digest.overdue": {"nl": "Te laat", "en": "Overdue"},
    "digest.no_overdue": {
        "nl": "Niets is te laat.",
        "en": "Nothing is overdue.",
    },
    "digest.missing": {"nl": "Nog geen antwoord", "en": "No reply yet"},
    "digest.no_missing": {
        "nl": "Iedereen heeft geantwoord.",
        "en": "Everyone has replied.",
    },
    "digest.asked_line": {
        "nl": "{name} over {ref} (gevraagd op {since})",
        "en": "{name} about {ref} (asked on {since})",
    },
    "digest.escalated_line": {
        "nl": "{name} over {ref}: geen update (gevraagd op {since} en herinnerd)",
        "en": "{name} about {ref}: no update (asked on {since} and reminded)",
    },
    # -- the personal message ----------------------------------------------------------------
    "digest.personal_title": {
        "nl": "Hallo {name}, hier is je weekoverzicht van {programme}.",
        "en": "Hello {name}, here is your weekly digest of {programme}.",
    },
    "digest.own": {"nl": "Je open acties", "en": "Your open actions"},
    "digest.own_line": {
        "nl": "{ref} – deadline {deadline}{overdue} – {status}",
        "en": "{ref} – due {deadline}{overdue} – {status}",
    },
    "digest.overdue_mark": {"nl": ", te laat", "en": ", overdue"},
    "digest.deputy": {
        "nl": "Je neemt waar voor {name} (afwezig tot en met {until})",
        "en": "You cover for {name} (away until {until})",
    },
    "digest.escalated_themes": {
        "nl": "Geen update in jouw thema's",
        "en": "No update in your themes",
    },
    "digest.escalated_all": {
        "nl": "Geen update (alle thema's)",
        "en": "No update (all themes)",
    },
    "digest.unreachable": {
        "nl": "Niet bereikbaar",
        "en": "Cannot be reached",
    },
    "digest.unreachable_line": {"nl": "{name}: {todo}", "en": "{name}: {todo}"},
    "digest.unreachable_teams": {
        "nl": (
            "de app Voortgang is niet voor {name} geïnstalleerd (of geblokkeerd). Vraag {name} "
            "in Teams bij Apps 'Voortgang' te zoeken en Toevoegen te kiezen, of laat de "
            "Teams-beheerder de app voor {name} installeren; daarna vindt Voortgang {name} "
            "vanzelf via het e-mailadres."
        ),
        "en": (
            "the Voortgang app is not installed for {name} (or was blocked). Ask {name} to find "
            "'Voortgang' under Apps in Teams and choose Add, or have the Teams administrator "
            "install the app for {name}; Voortgang then finds {name} by their email address."
        ),
    },
    "digest.unreachable_slack": {
        "nl": (
            "geen Slack-account gevonden. Zet hun Slack-id bij 'slack:' in het programmabestand, "
            "of gebruik in Slack hetzelfde e-mailadres als in het programmabestand."
        ),
        "en": (
            "no Slack account found. Put their Slack id under 'slack:' in the programme file, "
            "or use the same email address in Slack as in the programme file."
        ),
    },
    "digest.unreachable_console": {
        "nl": "niet bekend in de console.",
        "en": "not known in the console.",
    },
    "digest.unreachable_import": {"nl": "geen chat.", "en": "no chat."},
    "digest.unreachable_email": {
        "nl": "hun mailserver weigert de mail ({reason}). Controleer het e-mailadres in het "
        "programmabestand.",
        "en": "their mail server refuses the mail ({reason}). Check the email address in the "
        "programme file.",
    },
    "digest.unreachable_web": {"nl": "niet bereikbaar.", "en": "not reachable."},
    "digest.unreachable_by_email": {
        "nl": "Berichten aan {name} gaan intussen per e-mail.",
        "en": "Messages to {name} go by email meanwhile.",
    },
    "digest.failed": {
        "nl": "Berichten die niet aankwamen (afgelopen week)",
        "en": "Messages that could not be delivered (past week)",
    },
    "digest.failed_line": {
        # The platform's own reason is technical and English: it stays in the operator's log,
        # under the message's key; the digest says what happened in the reader's language.
        "nl": "{whom}, {when}: niet bezorgd (in het logboek van de bot: bericht {key})",
        "en": "{whom}, {when}: not delivered (in the bot's log: message {key})",
    },
    "digest.set_aside": {
        "nl": "Berichten die bewaard zijn maar niet verwerkt konden worden",
        "en": "Messages kept but not handled",
    },
    "digest.set_aside_line": {
        "nl": '{name}, {when}: "{what}" (e{id})',
        "en": '{name}, {when}: "{what}" (e{id})',
    },
    "digest.set_aside_todo": {
        "nl": "De beheerder kan ze opnieuw laten verwerken met 'voortgang set-aside --retry'.",
        "en": "The administrator can have them handled again with 'voortgang set-aside --retry'.",
    },
    "digest.to_person": {"nl": "aan {name}", "en": "to {name}"},
    "digest.to_channel": {"nl": "in kanaal {channel}", "en": "in channel {channel}"},
}
