"""Platform tokens encrypted at rest: Fernet, with the keys of VOORTGANG_SECRET_KEYS.

What is stored for a chat platform and works as a credential (Slack's bot, user and refresh
tokens and incoming webhook URLs from installs through OAuth; the OneDrive upload URL of a
Teams file consent) is encrypted with the first key and decrypted with any of them
(``MultiFernet``). Rotation: put a new key first, run ``voortgang rotate-secrets`` (every stored
value re-encrypted with it), then drop the old key.

A Fernet token is recognised by its first bytes (version 0x80 and a timestamp: ``gAAAAA`` in
base64), so a value stored in plain text before encryption existed is told apart from one
encrypted with a key that is no longer configured; the error names which.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from config.secret_keys import MAKE_KEY, SETTING
from words.errors import VoortgangError

SEALED_PREFIX: Final = "gAAAAA"


class SecretKeysMissingError(VoortgangError):
    """Tokens are to be stored, and VOORTGANG_SECRET_KEYS is not set."""

    def __init__(self) -> None:
        super().__init__(
            f"{SETTING}: needed to store platform tokens encrypted; make a key with "
            f"`voortgang secret-key` (or {MAKE_KEY})"
        )


class UnreadableSecretError(VoortgangError):
    """A stored value that none of the keys decrypts, or that was stored in plain text."""

    def __init__(self, *, plain: bool) -> None:
        self.plain = plain
        if plain:
            reason = (
                "a platform token is stored in plain text, from before encryption; run "
                "`voortgang rotate-secrets` once to encrypt it"
            )
        else:
            reason = (
                "a stored platform token cannot be decrypted with any of its keys; put back "
                "the key it was encrypted with (keys are dropped only after rotate-secrets)"
            )
        super().__init__(f"{SETTING}: {reason}")


def new_key() -> str:
    return Fernet.generate_key().decode("ascii")


def is_sealed(stored: str) -> bool:
    """True for a value that is a Fernet token (encrypted), False for plain text."""
    return stored.startswith(SEALED_PREFIX)


class Secrets:
    """Encrypts with the first key, decrypts with any: one or more Fernet keys, newest first."""

    def __init__(self, keys: Sequence[str]) -> None:
        if not keys:
            raise SecretKeysMissingError
        self._fernet = MultiFernet([Fernet(key) for key in keys])

    def __repr__(self) -> str:
        return "Secrets(...)"  # never the keys

    def encrypt(self, value: str) -> str:
        return self._fernet.encrypt(value.encode("utf-8")).decode("ascii")

    def decrypt(self, stored: str) -> str:
        """The plain value; UnreadableSecretError when no key decrypts it."""
        if not is_sealed(stored):
            raise UnreadableSecretError(plain=True)
        try:
            return self._fernet.decrypt(stored.encode("ascii")).decode("utf-8")
        except (InvalidToken, UnicodeError) as err:
            raise UnreadableSecretError(plain=False) from err

    def rotate(self, stored: str) -> str:
        """``stored`` encrypted with the first key; a value stored in plain text is encrypted."""
        if not is_sealed(stored):
            return self.encrypt(stored)
        try:
            return self._fernet.rotate(stored.encode("ascii")).decode("ascii")
        except (InvalidToken, UnicodeError) as err:
            raise UnreadableSecretError(plain=False) from err
