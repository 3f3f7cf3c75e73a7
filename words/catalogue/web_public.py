"""Texts of the public side of the web app: the councils' page of a programme, its Atom and
iCal feeds, and the page about one's own calendar address."""

from __future__ import annotations

from typing import Final, Literal

from words.catalogue.plural import Text

MESSAGES: Final[dict[str, dict[Literal["nl", "en"], Text]]] = {
    # -- the public page --------------------------------------------------------------------
    "web.public.title": {"nl": "{name}: voortgang", "en": "{name}: progress"},
    "web.public.intro": {
        "nl": "Op deze pagina vindt u de gepubliceerde voortgangsbrieven van {name} en de "
        "actuele stand van de acties.",
        "en": "This page has the published progress letters of {name} and the current state "
        "of its actions.",
    },
    "web.public.letters": {"nl": "Voortgangsbrieven", "en": "Progress letters"},
    "web.public.no_letters": {
        "nl": "Er is nog geen voortgangsbrief gepubliceerd.",
        "en": "No progress letter has been published yet.",
    },
    "web.public.letter_title": {
        "nl": "Voortgangsbrief {number}: {period}",
        "en": "Progress letter {number}: {period}",
    },
    "web.public.published": {"nl": "gepubliceerd op {day}", "en": "published on {day}"},
    # The link text names the letter too, so a list of links read on its own still says which.
    "web.public.download": {
        "nl": "{format} van voortgangsbrief {number}",
        "en": "{format} of progress letter {number}",
    },
    "web.public.format.pdf": {"nl": "PDF", "en": "PDF"},
    "web.public.format.docx": {"nl": "Word", "en": "Word"},
    "web.public.format.html": {"nl": "Webpagina (HTML)", "en": "Web page (HTML)"},
    "web.public.format.md": {"nl": "Tekst (Markdown)", "en": "Text (Markdown)"},
    "web.public.overview": {"nl": "Stand van de acties", "en": "State of the actions"},
    "web.public.as_of": {
        "nl": "De stand op {day}. Toelichting per actie staat in de voortgangsbrieven.",
        "en": "The state on {day}. The progress letters explain each action.",
    },
    "web.public.no_actions": {
        "nl": "Dit programma heeft nog geen acties.",
        "en": "This programme has no actions yet.",
    },
    "web.public.col.key": {"nl": "Actie", "en": "Action"},
    "web.public.col.title": {"nl": "Omschrijving", "en": "Description"},
    "web.public.col.track": {"nl": "Spoor", "en": "Track"},
    "web.public.col.who": {"nl": "Wie", "en": "Who"},
    "web.public.col.deadline": {"nl": "Termijn", "en": "Deadline"},
    "web.public.col.status": {"nl": "Stand", "en": "State"},
    # The traffic light in words beside its colour: "groen: op schema".
    "web.public.light": {"nl": "{light}: {status}", "en": "{light}: {status}"},
    "web.public.follow": {"nl": "Volgen", "en": "Follow"},
    "web.public.atom_link": {
        "nl": "Nieuwe voortgangsbrieven als feed (Atom)",
        "en": "New progress letters as a feed (Atom)",
    },
    "web.public.ical_link": {
        "nl": "Termijnen en bijeenkomsten in uw agenda (iCal)",
        "en": "Deadlines and meetings in your calendar (iCal)",
    },
    # -- the Atom feed ----------------------------------------------------------------------
    "web.public.atom.title": {
        "nl": "{name}: voortgangsbrieven",
        "en": "{name}: progress letters",
    },
    "web.public.atom.summary": {
        "nl": "{title}, gepubliceerd op {day}.",
        "en": "{title}, published on {day}.",
    },
    # -- the calendar feeds -----------------------------------------------------------------
    "web.public.ical.deadline": {"nl": "Termijn {key}: {title}", "en": "Deadline {key}: {title}"},
    "web.public.ical.milestone": {"nl": "Mijlpaal: {title}", "en": "Milestone: {title}"},
    "web.public.ical.deadline_line": {"nl": "Termijn: {deadline}", "en": "Deadline: {deadline}"},
    "web.public.ical.status_line": {"nl": "Stand: {status}", "en": "State: {status}"},
    "web.public.ical.theme_line": {"nl": "Thema: {theme}", "en": "Theme: {theme}"},
    "web.public.ical.parties_line": {"nl": "Partijen: {parties}", "en": "Parties: {parties}"},
    "web.public.ical.programme_description": {
        "nl": "Termijnen en bijeenkomsten van {name}",
        "en": "Deadlines and meetings of {name}",
    },
    "web.public.ical.personal_name": {
        "nl": "Voortgang: mijn agenda",
        "en": "Voortgang: my calendar",
    },
    "web.public.ical.personal_description": {
        "nl": "De termijnen van uw acties en de bijeenkomsten van uw programma's",
        "en": "The deadlines of your actions and the meetings of your programmes",
    },
    # -- the page about one's own calendar address ------------------------------------------
    "web.public.calendar.title": {"nl": "Mijn agenda", "en": "My calendar"},
    "web.public.calendar.intro": {
        "nl": "Met een geheim adres ziet u in Outlook of een andere agenda de termijnen van de "
        "acties waarvoor u aan de lat staat en de bijeenkomsten van uw programma's. Wie het "
        "adres heeft, ziet uw agenda: deel het niet.",
        "en": "With a secret address, Outlook or another calendar shows the deadlines of the "
        "actions you answer for and the meetings of your programmes. Whoever has the address "
        "sees your calendar: do not share it.",
    },
    "web.public.calendar.none": {
        "nl": "U hebt nog geen agenda-adres.",
        "en": "You have no calendar address yet.",
    },
    "web.public.calendar.made": {
        "nl": "Uw agenda-adres is gemaakt op {day}. Het adres wordt alleen getoond als het "
        "gemaakt wordt; kwijt? Maak een nieuw adres.",
        "en": "Your calendar address was made on {day}. The address is shown only when it is "
        "made; lost it? Make a new address.",
    },
    "web.public.calendar.fresh": {
        "nl": "Dit is uw nieuwe agenda-adres. Kopieer het nu: het wordt niet nog eens getoond. "
        "Een eerder adres werkt niet meer.",
        "en": "This is your new calendar address. Copy it now: it is not shown again. Any "
        "earlier address no longer works.",
    },
    "web.public.calendar.address": {"nl": "Agenda-adres", "en": "Calendar address"},
    "web.public.calendar.how": {
        "nl": "In Outlook: Agenda toevoegen, Abonneren vanaf internet, en plak het adres.",
        "en": "In Outlook: Add calendar, Subscribe from web, and paste the address.",
    },
    "web.public.calendar.make": {"nl": "Agenda-adres maken", "en": "Make a calendar address"},
    "web.public.calendar.replace": {"nl": "Nieuw adres maken", "en": "Make a new address"},
    "web.public.calendar.replace_note": {
        "nl": "Een nieuw adres maakt het oude meteen ongeldig.",
        "en": "A new address makes the old one stop working at once.",
    },
}
