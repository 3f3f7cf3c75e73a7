"""The read-only API's words: its error messages (the codes beside them stay English) and the
``voortgang api-token`` command's."""

from __future__ import annotations

from typing import Final, Literal

MESSAGES: Final[dict[str, dict[Literal["nl", "en"], str]]] = {
    # -- the API's errors: the JSON body's "message", in the language the client asks for -----
    "api.error.unauthorized": {
        "nl": "Geef een geldig API-token mee: Authorization: Bearer <token>.",
        "en": "Send a valid API token: Authorization: Bearer <token>.",
    },
    "api.error.not_found": {
        "nl": "Dat bestaat niet in dit programma.",
        "en": "This programme has no such thing.",
    },
    "api.error.method": {
        "nl": "De API is alleen om te lezen: gebruik GET.",
        "en": "The API is read only: use GET.",
    },
    "api.error.invalid": {
        "nl": "De vraag klopt niet: zie problems.",
        "en": "The request is not valid: see problems.",
    },
    "api.error.rate_limited": {
        "nl": "Te veel vragen met dit token; probeer het over {seconds} seconden opnieuw.",
        "en": "Too many requests with this token; try again in {seconds} seconds.",
    },
    "api.error.unavailable": {
        "nl": "De database is even niet bereikbaar; probeer het zo opnieuw.",
        "en": "The database cannot be reached just now; try again shortly.",
    },
    # -- voortgang api-token ---------------------------------------------------------------------
    "api.cli.created": {
        "nl": "Token {id} ({name}) voor {programme}:",
        "en": "Token {id} ({name}) for {programme}:",
    },
    "api.cli.shown_once": {
        "nl": "Bewaar het nu: het wordt nergens bewaard en niet nog eens getoond. "
        "Gebruik: Authorization: Bearer <token>",
        "en": "Keep it now: it is stored nowhere and never shown again. "
        "Use: Authorization: Bearer <token>",
    },
    "api.cli.no_name": {
        "nl": "Geef het token een naam met --name (bijvoorbeeld het dashboard dat het gebruikt).",
        "en": "Give the token a name with --name (for example the dashboard that uses it).",
    },
    "api.cli.none": {"nl": "Er zijn geen API-tokens.", "en": "There are no API tokens."},
    "api.cli.unknown": {"nl": "Er is geen token {id}.", "en": "There is no token {id}."},
    "api.cli.revoked": {
        "nl": "Token {id} ({name}, {programme}) is ingetrokken.",
        "en": "Token {id} ({name}, {programme}) is revoked.",
    },
    "api.cli.was_revoked": {
        "nl": "Token {id} ({name}, {programme}) was al ingetrokken op {at}.",
        "en": "Token {id} ({name}, {programme}) was already revoked on {at}.",
    },
    "api.cli.col.id": {"nl": "id", "en": "id"},
    "api.cli.col.programme": {"nl": "programma", "en": "programme"},
    "api.cli.col.name": {"nl": "naam", "en": "name"},
    "api.cli.col.created": {"nl": "gemaakt", "en": "created"},
    "api.cli.col.used": {"nl": "laatst gebruikt", "en": "last used"},
    "api.cli.col.revoked": {"nl": "ingetrokken", "en": "revoked"},
    "api.cli.never": {"nl": "nooit", "en": "never"},
    "api.cli.active": {"nl": "-", "en": "-"},
}
