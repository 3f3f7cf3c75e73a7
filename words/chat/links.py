"""The personal link to the update form: one path, known to the sender that makes links and
to the web process that serves them."""

from __future__ import annotations

from typing import Final

FORM_PATH: Final = "/bijwerken"


def form_url(public_url: str, token: str) -> str:
    return f"{public_url.rstrip('/')}{FORM_PATH}/{token}"
