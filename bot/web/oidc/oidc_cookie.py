"""The short-lived cookie that carries a sign-in from ``/inloggen/oidc`` to the provider's
answer: its state, nonce and PKCE verifier, signed so that nobody can make one up.

The browser holds it for ten minutes at most (``Max-Age``) and the signed expiry says the same
to the server, so a copied cookie does not live longer. HttpOnly (no script reads it), Secure,
SameSite=Lax: the provider sends the browser back with a top-level GET from its own site, which
Lax lets through and Strict would not. The ``__Host-`` prefix makes the browser refuse it from a
sibling domain or over http, so nobody can plant a cookie of their own sign-in in someone
else's browser.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Final

from words.errors import VoortgangError

COOKIE: Final = "__Host-voortgang-oidc"
LIFETIME: Final = timedelta(minutes=10)
# The signing key is the web app's; this cookie signs with a key derived for it alone, so a
# signature made for another purpose never passes as one of these.
PURPOSE: Final = b"voortgang: oidc sign-in state"
MAX_COOKIE: Final = 2048  # ours are about 300 characters


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


def seal(pending: Pending, key: bytes) -> str:
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
    body = _encode(payload)
    return f"{body}.{_encode(_signature(body, key))}"


def unseal(value: str | None, key: bytes, now: datetime) -> Pending:
    """The pending sign-in in ``value``, or CookieError when there is none to trust."""
    if not value:
        raise CookieError("no cookie")
    body, _, signature = value.partition(".")
    if len(value) > MAX_COOKIE or not hmac.compare_digest(
        _encode(_signature(body, key)), signature
    ):
        raise CookieError("signature")
    try:
        data = json.loads(_decode(body))
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


def _signature(body: str, key: bytes) -> bytes:
    own = hmac.new(key, PURPOSE, hashlib.sha256).digest()
    return hmac.new(own, body.encode(), hashlib.sha256).digest()


def _encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("not a text")
    return value
