"""Signed values for cookies: HMAC-SHA256 with a key derived from the deployment's secret
keys, so a cookie the server did not set is refused before the database is asked.

The key comes from ``VOORTGANG_SECRET_KEYS`` (the newest key signs, every key verifies, so
rotating keys does not sign everyone out at once). Without secret keys (the console's local
dashboard, tests) a random key per process is used: sessions then end when the process does.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections.abc import Sequence
from typing import Final

PURPOSE: Final = b"voortgang web cookies v1"


def _key(secret: str) -> bytes:
    return hashlib.sha256(PURPOSE + b"\0" + secret.encode("utf-8")).digest()


def same(given: str, expected: str) -> bool:
    """Constant-time equality of a secret and what a request gave for it, as bytes: on text
    ``hmac.compare_digest`` refuses anything not ASCII, which a forged request may send."""
    return hmac.compare_digest(
        given.encode("utf-8", "replace"), expected.encode("utf-8", "replace")
    )


class Signer:
    def __init__(self, secrets_newest_first: Sequence[str] = ()) -> None:
        keys = [_key(s) for s in secrets_newest_first]
        self._keys = keys if keys else [secrets.token_bytes(32)]

    def _mac(self, key: bytes, value: str) -> str:
        digest = hmac.new(key, value.encode("utf-8"), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")

    def sign(self, value: str) -> str:
        """``value`` with its signature; ``value`` must not contain a dot."""
        return f"{value}.{self._mac(self._keys[0], value)}"

    def unsign(self, signed: str) -> str | None:
        """The value of a signed string, or None when its signature is not ours."""
        value, dot, mac = signed.rpartition(".")
        if not dot or not value:
            return None
        for key in self._keys:
            if same(mac, self._mac(key, value)):
                return value
        return None
