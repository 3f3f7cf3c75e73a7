"""Texts of the voortgangsbrief's page on the web app: the draft with its forms, the owners
without news, publishing, the final briefs and their downloads."""

from __future__ import annotations

from typing import Final, Literal

from words.catalogue.plural import Text

MESSAGES: Final[dict[str, dict[Literal["nl", "en"], Text]]] = {
    # The job's answer when the page's button finds every owner without news asked already.
    "web.brief.asked_before": {
        "nl": "Alle trekkers zonder update over deze periode zijn al eerder gevraagd; ik heb "
        "niemand opnieuw gevraagd.",
        "en": "Every owner without an update for this period was asked before; I asked no one "
        "again.",
    },
    "web.brief.too_long": {
        "nl": "Deze tekst is te lang: maximaal 20.000 tekens.",
        "en": "This text is too long: at most 20,000 characters.",
    },
    "web.brief.no_such_update": {
        "nl": "Deze actie heeft in deze periode geen update met tekst om anders te formuleren.",
        "en": "This action has no update with words in this period to reword.",
    },
}
