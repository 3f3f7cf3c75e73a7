"""Where the web pages live: one place the sender (the link it puts in a message) and the
pages themselves take the paths from."""

from __future__ import annotations

from typing import Final

# The personal update form; {token} is a form token (storage.link_tokens).
FORM_PATH: Final = "/bijwerken/{token}"
# Asking for a fresh link when this one is spent or expired.
FRESH_PATH: Final = "/bijwerken/{token}/nieuw"
STYLE_PATH: Final = "/static/voortgang.css"
# Query parameters of a mail's quick-status links: form_url?actie=ID&status=STATUS.
ACTION_PARAM: Final = "actie"
STATUS_PARAM: Final = "status"


def form_url(public_url: str, token: str) -> str:
    """The personal link: ``public_url`` is the web process's base (settings.public_url)."""
    return public_url.rstrip("/") + FORM_PATH.format(token=token)


def fresh_path(token: str) -> str:
    return FRESH_PATH.format(token=token)
