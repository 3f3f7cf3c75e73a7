"""The short-lived cookie that carries a sign-in from ``/inloggen/oidc`` to the provider's
answer: its state, nonce and PKCE verifier, signed by the web app's signer (bot.web.core) so
that nobody can make one up.

The browser holds it for ten minutes at most (``Max-Age``) and the signed expiry says the same
to the server, so a copied cookie does not live longer. HttpOnly (no script reads it), Secure,
SameSite=Lax: the provider sends the browser back with a top-level GET from its own site, which
Lax lets through and Strict would not. The ``__Host-`` prefix (on https) makes the browser
refuse it from a sibling domain or over http, so nobody can plant a cookie of their own sign-in
in someone else's browser.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Final

from bot.web.core.signing import Signer
from words.errors import VoortgangError

COOKIE: Final = "__Host-voortgang-oidc"
LIFETIME: Final = timedelta(minutes=10)
# The web app signs its other cookies with the same key: the mark says what this value is, so
# another cookie's signed value never passes as a sign-in's.
MARK: Final = "oidc1-"
MAX_COOKIE: Final = 2048  # ours are about 350 characters


class CookieError(VoortgangError):
    """No usable sign-in in the cookie; ``reason`` for the log: missing, forged or expired."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Pending:
    """A sign-in on its way: what the provider's answer must match, and where to go after."""

    state: str
    nonce: str
    verifier: str
    expires_at: datetime
    next_path: str


def seal(pending: Pending, signer: Signer) -> str:
    payload = json.dumps(
        {
            "s": pending.state,
            "n": pending.nonce,
            "v": pending.verifier,
            "e": int(pending.expires_at.timestamp()),
            "p": pending.next_path,
        },
        separators=(",", ":"),
    ).encode()
    return signer.sign(MARK + _encode(payload))  # base64url: no dot, as the signer wants


def unseal(value: str | None, signer: Signer, now: datetime) -> Pending:
    """The pending sign-in in ``value``, or CookieError when there is none to trust."""
    if not value:
        raise CookieError("no cookie")
    # Ours are ASCII; the signer's comparison would raise on anything else.
    body = signer.unsign(value) if len(value) <= MAX_COOKIE and value.isascii() else None
    if body is None:
        raise CookieError("signature")
    if not body.startswith(MARK):
        raise CookieError("another cookie's value")
    try:
        data = json.loads(_decode(body.removeprefix(MARK)))
        pending = Pending(
            state=_text(data["s"]),
            nonce=_text(data["n"]),
            verifier=_text(data["v"]),
            expires_at=datetime.fromtimestamp(int(data["e"]), UTC),
            next_path=_text(data["p"]),
        )
    except (ValueError, TypeError, KeyError) as err:  # signed by us, so only after a change
        raise CookieError("contents") from err
    if now >= pending.expires_at:
        raise CookieError("expired")
    return pending


def _encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("not a text")
    return value
