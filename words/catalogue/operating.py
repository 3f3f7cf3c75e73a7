"""Catalogue texts: when something went wrong on the bot's side, and what operators see."""

from __future__ import annotations

from typing import Final, Literal

from words.catalogue.plural import Text

MESSAGES: Final[dict[str, dict[Literal["nl", "en"], Text]]] = {
    # The first time handling someone's message fails: it is kept and tried again.
    "inbox.sorry": {
        "nl": "Sorry, bij het verwerken van je bericht ging bij mij iets mis. Je bericht is "
        "bewaard en ik probeer het zo opnieuw; lukt dat niet, dan kijkt de beheerder ernaar.",
        "en": "Sorry, something went wrong on my side while handling your message. It is kept "
        "and I will try again shortly; if that fails, the administrator will look into it.",
    },
    "operate.none": {
        "nl": "Er is niets apart gezet: elk bericht is verwerkt of staat nog in de rij.",
        "en": "Nothing is set aside: every message was handled or is still in line.",
    },
    "operate.listed": {
        "nl": "Apart gezet na herhaald mislukken, oudste eerst:",
        "en": "Set aside after failing repeatedly, oldest first:",
    },
    "operate.col.id": {"nl": "id", "en": "id"},
    "operate.col.from": {"nl": "van", "en": "from"},
    "operate.col.received": {"nl": "ontvangen", "en": "received"},
    "operate.col.tries": {"nl": "pogingen", "en": "tries"},
    "operate.col.what": {"nl": "bericht", "en": "message"},
    "operate.col.error": {"nl": "laatste fout", "en": "last error"},
    "operate.how_to_retry": {
        "nl": "Opnieuw in de rij zetten: voortgang set-aside --retry {example} (of --retry-all); "
        "de klok verwerkt ze binnen enkele seconden.",
        "en": "Put back in line: voortgang set-aside --retry {example} (or --retry-all); the "
        "clock process handles them within seconds.",
    },
    "operate.retried": {
        "nl": {
            "one": "{n} bericht weer in de rij gezet.",
            "other": "{n} berichten weer in de rij gezet.",
        },
        "en": {
            "one": "{n} message put back in line.",
            "other": "{n} messages put back in line.",
        },
    },
    "operate.not_all_retried": {
        "nl": "Niet opnieuw in de rij gezet, want niet apart gezet (al verwerkt of onbekend): "
        "{ids}.",
        "en": "Not put back in line, as they were not set aside (handled already, or unknown): "
        "{ids}.",
    },
    "operate.bad_id": {
        "nl": "{value!r} is geen id zoals voortgang set-aside ze toont (e12, j3).",
        "en": "{value!r} is not an id like the ones voortgang set-aside shows (e12, j3).",
    },
    "operate.job": {"nl": "opdracht {kind}", "en": "job {kind}"},
}
