"""Texts of mail: pings, answers to replies and the mail that carries a letter or digest.

What the email adapter adds around a message: the links to the update form, how to answer by
replying, the footer that says why the mail came, and the body of a mail with a document.
"""

from __future__ import annotations

from typing import Final, Literal

MESSAGES: Final[dict[str, dict[Literal["nl", "en"], str]]] = {
    # Above the links of an action's quick statuses, when the mail has a personal form link.
    "email.quick_links": {
        "nl": "Geef de status meteen door:",
        "en": "Pass on the status straight away:",
    },
    # The link that opens the whole form, with every action the mail asks about.
    "email.form_all": {
        "nl": "Werk alles in één keer bij",
        "en": "Update all at once",
    },
    "email.form_all_text": {
        "nl": "Werk alles in één keer bij: {url}",
        "en": "Update all at once: {url}",
    },
    "email.or_reply": {
        "nl": "Of beantwoord deze mail, in je eigen woorden.",
        "en": "Or reply to this mail, in your own words.",
    },
    # Without a form link: a reply is the only way to answer.
    "email.reply_only": {
        "nl": "Antwoord door deze mail te beantwoorden, bijvoorbeeld met „gereed”, „loopt, "
        "verwacht eind maart” of „#12 vertraagd: wacht op de gemeente”.",
        "en": "Answer by replying to this mail, for example with “done”, “on track, expected "
        "end of March” or “#12 delayed: waiting for the municipality”.",
    },
    "email.footer_actions": {
        "nl": "Je krijgt deze mail omdat je acties hebt in een programma dat Voortgang "
        "bijhoudt. Vragen? Neem contact op met de programmasecretaris.",
        "en": "You get this mail because you own actions in a programme that Voortgang keeps "
        "track of. Questions? Contact the programme secretary.",
    },
    "email.footer": {
        "nl": "Deze mail is automatisch verstuurd door Voortgang, de voortgangsbot van je "
        "programma.",
        "en": "This mail was sent automatically by Voortgang, your programme's progress bot.",
    },
    # The body of a mail that carries a document, when the document comes without a comment.
    "email.attachment": {
        "nl": "In de bijlage: {name}.",
        "en": "Attached: {name}.",
    },
}
