"""The personal link to the update form: one path, known to the sender that makes links, to
the mail that adds quick-status links to it, and to the web process that serves them."""

from __future__ import annotations

from typing import Final

FORM_PREFIX: Final = "/bijwerken"
# A one-time sign-in link to the web app: SIGN_IN_PREFIX/<token> (a sign-in token).
SIGN_IN_PREFIX: Final = "/inloggen/link"
# Query parameters of a mail's quick-status links: form_url?actie=ID&status=STATUS, which open
# the form with that status chosen (opening changes nothing; the person submits).
ACTION_PARAM: Final = "actie"
STATUS_PARAM: Final = "status"


def form_url(public_url: str, token: str) -> str:
    """The personal link; ``public_url`` is the web process's base (settings.public_url)."""
    return f"{public_url.rstrip('/')}{FORM_PREFIX}/{token}"


def sign_in_url(public_url: str, token: str) -> str:
    """A one-time sign-in link to the web app."""
    return f"{public_url.rstrip('/')}{SIGN_IN_PREFIX}/{token}"
