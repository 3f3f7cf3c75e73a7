"""Texts of the personal update form on the web process: the page a ping's link opens, what it
says when the link is used, expired or unknown, and the message that brings a fresh link."""

from __future__ import annotations

from typing import Final, Literal

MESSAGES: Final[dict[str, dict[Literal["nl", "en"], str]]] = {
    # The page's <title> and h1.
    "webform.title": {"nl": "Voortgang bijwerken", "en": "Update your progress"},
    "webform.intro": {
        "nl": "Hallo {name}, vul in wat je wilt melden. Wat je leeg laat, blijft zoals het is.",
        "en": "Hello {name}, fill in what you want to report. What you leave empty stays as it is.",
    },
    "webform.theme": {"nl": "Thema", "en": "Theme"},
    "webform.deadline_now": {"nl": "Deadline", "en": "Deadline"},
    "webform.status_now": {"nl": "Huidige status", "en": "Current status"},
    # In place of the inputs of an action the person may no longer update.
    "webform.not_yours": {
        "nl": "Deze actie kun je niet meer bijwerken: {reason}",
        "en": "You can no longer update this action: {reason}",
    },
    "webform.none_left": {
        "nl": "Er zijn geen acties meer die je via deze link kunt bijwerken.",
        "en": "There are no actions left that you can update with this link.",
    },
    "webform.submit": {"nl": "Versturen", "en": "Send"},
    # The error summary at the top of a refused form; the title is prefixed so a screen reader
    # hears at once that the page came back.
    "webform.error_title": {"nl": "Fout: {title}", "en": "Error: {title}"},
    "webform.errors_heading": {
        "nl": "Controleer wat je hebt ingevuld",
        "en": "Please check what you filled in",
    },
    "webform.error_item": {"nl": "#{number}: {message}", "en": "#{number}: {message}"},
    "webform.nothing": {
        "nl": "Vul bij minstens één actie iets in: een status, een tekst, een stand of een "
        "nieuwe deadline.",
        "en": "Fill in something for at least one action: a status, a text, a KPI value or a "
        "new deadline.",
    },
    "webform.too_long": {
        "nl": "Dit is te lang: ten hoogste {limit} tekens.",
        "en": "This is too long: at most {limit} characters.",
    },
    # The thank-you page.
    "webform.thanks_title": {"nl": "Bedankt", "en": "Thank you"},
    "webform.thanks_intro": {
        "nl": "Je update is ontvangen. Dit heb je gestuurd:",
        "en": "Your update has been received. This is what you sent:",
    },
    "webform.thanks_after": {
        "nl": "Je krijgt een bevestiging zodra het is verwerkt. Deze link is nu gebruikt; je "
        "kunt dit venster sluiten.",
        "en": "You will get a confirmation once it has been processed. This link has now been "
        "used; you can close this window.",
    },
    "webform.sent_status": {"nl": "Status: {status}", "en": "Status: {status}"},
    "webform.sent_text": {"nl": "Tekst: {text}", "en": "Text: {text}"},
    "webform.sent_kpi": {"nl": "Stand: {value}", "en": "KPI value: {value}"},
    "webform.sent_deadline": {
        "nl": "Nieuwe deadline: {deadline}",
        "en": "New deadline: {deadline}",
    },
    # A link that was used or has expired.
    "webform.spent_title": {"nl": "Deze link is al gebruikt", "en": "This link has been used"},
    "webform.spent": {
        "nl": "Met deze link is op {moment} al een update gestuurd. Een link werkt één keer.",
        "en": "An update was already sent with this link on {moment}. A link works once.",
    },
    "webform.expired_title": {"nl": "Deze link is verlopen", "en": "This link has expired"},
    "webform.expired": {
        "nl": "Deze link was geldig tot {moment}.",
        "en": "This link was valid until {moment}.",
    },
    "webform.ask_fresh": {
        "nl": "Wil je toch iets melden? Vraag een nieuwe link aan; die krijg je op de gewone "
        "manier (per mail of in de chat).",
        "en": "Still want to report something? Ask for a new link; it reaches you the usual "
        "way (by email or in chat).",
    },
    "webform.fresh_button": {"nl": "Stuur me een nieuwe link", "en": "Send me a new link"},
    "webform.fresh_title": {"nl": "Een nieuwe link is onderweg", "en": "A new link is on its way"},
    "webform.fresh_sent": {
        "nl": "Je krijgt zo een nieuwe link om je acties bij te werken. Je kunt dit venster "
        "sluiten.",
        "en": "You will shortly get a new link to update your actions. You can close this window.",
    },
    # The message that carries the fresh link (the sender adds the link itself).
    "webform.fresh_message": {
        "nl": "Hier is je nieuwe link om je acties bij te werken.",
        "en": "Here is your new link to update your actions.",
    },
    # A link that is not (or no longer) known: nothing says whether it ever existed.
    "webform.invalid_title": {"nl": "Deze link is niet geldig", "en": "This link is not valid"},
    "webform.invalid": {
        "nl": "Controleer of je de hele link uit het bericht hebt gebruikt.",
        "en": "Please check that you used the whole link from the message.",
    },
    "webform.too_large_title": {"nl": "Te veel tekst", "en": "Too much text"},
    "webform.too_large": {
        "nl": "Er is in één keer te veel tekst gestuurd. Ga terug, maak je tekst korter en "
        "verstuur opnieuw.",
        "en": "Too much text was sent at once. Go back, shorten your text and send it again.",
    },
    "webform.unavailable_title": {
        "nl": "Even niet beschikbaar",
        "en": "Temporarily unavailable",
    },
    "webform.unavailable": {
        "nl": "Je update kon nu niet worden verwerkt. Ga terug en verstuur hem over een minuut "
        "opnieuw; wat al was aangekomen, telt niet dubbel.",
        "en": "Your update could not be processed just now. Go back and send it again in a "
        "minute; anything that did arrive will not count twice.",
    },
}
