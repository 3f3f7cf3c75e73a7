"""Keys for VOORTGANG_SECRET_KEYS in tests, made fresh for each test run (none is kept in the
repository), and the Secrets that encrypt with the first."""

from __future__ import annotations

from typing import Final

from storage.encryption import Secrets, new_key

KEY: Final = new_key()
NEW_KEY: Final = new_key()  # the key a rotation puts first
SECRETS: Final = Secrets([KEY])
