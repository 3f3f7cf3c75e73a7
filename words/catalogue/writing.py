"""Catalogue texts: writing the voortgangsbrief together in chat (brief opening, thema, regie,
formulering)."""

from __future__ import annotations

from typing import Final, Literal

from words.catalogue.plural import Text

MESSAGES: Final[dict[str, dict[Literal["nl", "en"], Text]]] = {
    "writing.what.opening": {"nl": "De opening", "en": "The opening"},
    "writing.what.coordination": {"nl": "De regieparagraaf", "en": "The coordination paragraph"},
    "writing.what.theme": {
        "nl": "De paragraaf over {theme}",
        "en": "The paragraph on {theme}",
    },
    "writing.what.update": {
        "nl": "De formulering van de update over {action}",
        "en": "The wording of the update on {action}",
    },
    "writing.current": {
        "nl": "{what} voor {period}, geschreven door {author} op {date}:\n{text}",
        "en": "{what} for {period}, written by {author} on {date}:\n{text}",
    },
    "writing.none_yet": {
        "nl": "{what} voor {period} is nog niet geschreven; de brief gebruikt de standaardtekst.",
        "en": "{what} for {period} has not been written; the letter uses the default.",
    },
    "writing.default": {"nl": "Standaardtekst:\n{text}", "en": "Default:\n{text}"},
    "writing.no_default": {
        "nl": "Er is geen standaardtekst: zonder eigen tekst blijft dit deel leeg.",
        "en": "There is no default: without a text of its own this part stays empty.",
    },
    "writing.original": {
        "nl": "Oorspronkelijke tekst van {author} ({date}):\n{text}",
        "en": "Original text by {author} ({date}):\n{text}",
    },
    "writing.how": {
        "nl": "Schrijf 'brief {command} <tekst>' om het te wijzigen, 'brief {command} leeg' "
        "voor de standaardtekst.",
        "en": "Write 'brief {command} <text>' to change it, 'brief {command} reset' for the "
        "default.",
    },
    "writing.recorded": {
        "nl": "{what} voor {period} is vastgelegd.",
        "en": "{what} for {period} is recorded.",
    },
    "writing.reset": {
        "nl": "{what} voor {period} is terug naar de standaardtekst (de vorige tekst blijft "
        "bewaard).",
        "en": "{what} for {period} is back to the default (the previous text is kept).",
    },
    "writing.already_default": {
        "nl": "{what} voor {period} staat al op de standaardtekst.",
        "en": "{what} for {period} is the default already.",
    },
    "writing.replaces": {
        "nl": "Dit vervangt de tekst van {author} van {date}.",
        "en": "This replaces the text by {author} of {date}.",
    },
    "writing.see_draft": {
        "nl": "'brief concept' laat het zien in het concept.",
        "en": "'brief draft' shows it in the draft.",
    },
    "writing.refreshing": {
        "nl": "Het concept wordt bijgewerkt en volgt zo.",
        "en": "The draft is being refreshed and follows shortly.",
    },
    "writing.someone": {"nl": "onbekend", "en": "unknown"},
    "writing.theme_usage": {
        "nl": "Welk thema? Bijvoorbeeld 'brief thema {example} <tekst>'. Thema's: {known}",
        "en": "Which theme? For example 'brief theme {example} <text>'. Themes: {known}",
    },
    "writing.theme_unknown": {
        "nl": "Ik ken geen thema '{text}'. Thema's: {known}",
        "en": "I know no theme '{text}'. Themes: {known}",
    },
    "writing.theme_several": {
        "nl": "'{text}' past bij meer thema's: {found}. Noem er één.",
        "en": "'{text}' fits several themes: {found}. Name one.",
    },
    "writing.wording_usage": {
        "nl": "Welke actie? Bijvoorbeeld 'brief formulering OW-01 <tekst>': de formulering "
        "van de nieuwste update over die actie in deze periode.",
        "en": "Which action? For example 'brief wording OW-01 <text>': the wording of the "
        "newest update on that action in this period.",
    },
    "writing.unknown_action": {
        "nl": "Ik ken geen actie '{ref}'.",
        "en": "I know no action '{ref}'.",
    },
    "writing.no_update": {
        "nl": "Over {action} is in {period} geen update gegeven om anders te formuleren.",
        "en": "No update was given on {action} in {period} to reword.",
    },
}
