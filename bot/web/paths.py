"""Where the web pages live: one place the sender (the link it puts in a message) and the
pages themselves take the paths from."""

from __future__ import annotations

from typing import Final

from words.chat.links import ACTION_PARAM, FORM_PREFIX, STATUS_PARAM, form_url

# The personal update form; {token} is a form token (storage.link_tokens).
FORM_PATH: Final = FORM_PREFIX + "/{token}"
# Asking for a fresh link when this one is spent or expired.
FRESH_PATH: Final = FORM_PREFIX + "/{token}/nieuw"
STYLE_PATH: Final = "/static/voortgang.css"

__all__ = ["ACTION_PARAM", "FORM_PATH", "FRESH_PATH", "STATUS_PARAM", "STYLE_PATH", "form_url"]


def fresh_path(token: str) -> str:
    return FRESH_PATH.format(token=token)
