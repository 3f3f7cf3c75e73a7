"""Catalogue texts: the pings that ask owners how their actions stand, and reminders."""

from __future__ import annotations

from typing import Final, Literal

MESSAGES: Final[dict[str, dict[Literal["nl", "en"], str]]] = {
    "pings.form_link": {
        "nl": "Liever alles in één keer? Werk bij via je persoonlijke link (14 dagen geldig): "
        "{url}",
        "en": "Rather do it all at once? Update through your personal link (valid for 14 "
        "days): {url}",
    },
    "pings.greeting_one": {
        "nl": "Hoi {name}, hoe staat het met deze actie?",
        "en": "Hi {name}, how is this action coming along?",
    },
    "pings.greeting_many": {
        "nl": "Hoi {name}, hoe staat het met deze {count} acties?",
        "en": "Hi {name}, how are these {count} actions coming along?",
    },
    "pings.brief_one": {
        "nl": "Hallo {name}, voor de voortgangsbrief mis ik nog jouw update over deze actie.",
        "en": "Hello {name}, the progress letter still lacks your update on this action.",
    },
    "pings.brief_many": {
        "nl": "Hallo {name}, voor de voortgangsbrief mis ik nog jouw update over {count} acties.",
        "en": "Hello {name}, the progress letter still lacks your update on {count} actions.",
    },
    "pings.brief_note": {
        "nl": "Nodig voor de voortgangsbrief over {period}.",
        "en": "Needed for the progress letter on {period}.",
    },
    "pings.brief_note_by": {
        "nl": "Nodig voor de voortgangsbrief over {period}: graag uiterlijk {date}.",
        "en": "Needed for the progress letter on {period}: please answer by {date}.",
    },
    "pings.reminder_one": {
        "nl": "Hoi {name}, een herinnering: ik heb nog niets gehoord over deze actie. "
        "Hoe staat het ermee?",
        "en": "Hi {name}, a reminder: I haven't heard back about this action yet. How is it going?",
    },
    "pings.reminder_many": {
        "nl": "Hoi {name}, een herinnering: ik heb nog niets gehoord over deze {count} acties. "
        "Hoe staat het ermee?",
        "en": "Hi {name}, a reminder: I haven't heard back about these {count} actions yet. "
        "How are they going?",
    },
    "pings.asked_before": {
        "nl": "Herinnering: ik vroeg hier al naar op {date}.",
        "en": "Reminder: I first asked about this on {date}.",
    },
    # A note that holds for some of the actions of one message, said once: "#2, #5: ...".
    "pings.shared_note": {"nl": "{refs}: {note}", "en": "{refs}: {note}"},
    "pings.on_behalf": {
        "nl": "Ik vraag het jou namens {name}, die afwezig is.",
        "en": "I'm asking you on behalf of {name}, who is away.",
    },
    "pings.deadline_in_days": {
        "nl": "De deadline is over {days} dagen.",
        "en": "The deadline is in {days} days.",
    },
    "pings.deadline_tomorrow": {
        "nl": "De deadline is morgen.",
        "en": "The deadline is tomorrow.",
    },
    "pings.deadline_today": {
        "nl": "De deadline is vandaag.",
        "en": "The deadline is today.",
    },
    "pings.deadline_passed": {
        "nl": "De deadline is verstreken en de actie staat nog open.",
        "en": "The deadline has passed and the action is still open.",
    },
    "pings.field_theme": {"nl": "Thema", "en": "Theme"},
    "pings.field_deadline": {"nl": "Deadline", "en": "Deadline"},
    "pings.field_status": {"nl": "Laatste status", "en": "Last status"},
    "pings.deadline_with_date": {"nl": "{text} ({date})", "en": "{text} ({date})"},
    "pings.no_deadline": {"nl": "geen deadline", "en": "no deadline"},
    "pings.status_updated": {
        "nl": "{status}, bijgewerkt op {date}",
        "en": "{status}, updated on {date}",
    },
    "pings.status_no_update": {
        "nl": "{status}, nog geen update",
        "en": "{status}, no update yet",
    },
    "pings.button_on_track": {"nl": "Op schema", "en": "On track"},
    "pings.button_at_risk": {"nl": "Risico", "en": "At risk"},
    "pings.button_delayed": {"nl": "Vertraagd", "en": "Delayed"},
    "pings.button_done": {"nl": "Afgerond", "en": "Done"},
    "pings.button_write": {"nl": "Schrijf update", "en": "Write update"},
    "pings.closing_one": {
        "nl": "Kies een knop, of antwoord gerust in een paar woorden.",
        "en": "Pick a button, or just reply in a few words.",
    },
    "pings.closing_many": {
        "nl": "Kies een knop, of antwoord gerust in een paar woorden. Gaat je antwoord over "
        "één actie, noem dan het nummer, bijvoorbeeld #{number}.",
        "en": "Pick a button, or just reply in a few words. If your answer is about one "
        "action, mention its number, for example #{number}.",
    },
}
