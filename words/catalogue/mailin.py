"""Texts of mail read from the mailbox: answers to replies that changed nothing, and why.

None of them repeats what the mail said: an answer goes to whatever address a mail came from,
which may not be the person it claims to be.
"""

from __future__ import annotations

from typing import Final, Literal

MESSAGES: Final[dict[str, dict[Literal["nl", "en"], str]]] = {
    # No reply token, an unknown one, or one of someone else: the mail changed nothing.
    "mailin.unlinked": {
        "nl": "Ik kon je mail niet koppelen aan een vraag van Voortgang, dus er is niets "
        "genoteerd. Wil je een stand van zaken doorgeven? Beantwoord dan de mail waarin ik je "
        "ernaar vraag, of gebruik de link in die mail.",
        "en": "I could not link your mail to a question from Voortgang, so nothing was noted. "
        "To give an update, reply to the mail in which I ask for it, or use the link in that "
        "mail.",
    },
    # A reply to a question whose reply address has expired or was used up.
    "mailin.expired": {
        "nl": "Je antwoordde op een mail van Voortgang die te oud is, dus er is niets "
        "genoteerd. Beantwoord de nieuwste mail waarin ik naar de stand van zaken vraag, of "
        "gebruik de link daarin.",
        "en": "You replied to a Voortgang mail that is too old, so nothing was noted. Reply to "
        "the newest mail in which I ask for an update, or use the link in it.",
    },
    "mailin.too_large": {
        "nl": "Je mail was groter dan {megabytes} MB en is niet gelezen, dus er is niets "
        "genoteerd. Stuur je antwoord opnieuw, zonder bijlagen.",
        "en": "Your mail was larger than {megabytes} MB and was not read, so nothing was "
        "noted. Please send your answer again, without attachments.",
    },
    # A reply that held only the quoted question.
    "mailin.empty": {
        "nl": "In je antwoord vond ik geen eigen tekst boven de geciteerde mail, dus er is "
        "niets genoteerd. Zet je antwoord bovenaan in de mail.",
        "en": "I found no text of your own above the quoted mail in your reply, so nothing was "
        "noted. Put your answer at the top of the mail.",
    },
    "mailin.attachments_dropped": {
        "nl": "Je antwoord is gelezen; bijlagen bewaart Voortgang niet. Deel een document "
        "via de gebruikelijke weg en noem het in je antwoord.",
        "en": "Your answer was read; Voortgang does not keep attachments. Share a document "
        "the usual way and mention it in your answer.",
    },
}
