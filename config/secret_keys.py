"""The secret keys' setting: its name, what a valid key looks like, and how to make one.

Settings check the keys when they are read, so a wrong key stops a process at start rather than
at the first token it stores; storage's encryption uses them (storage.encryption).
"""

from __future__ import annotations

from typing import Final

from cryptography.fernet import Fernet

SETTING: Final = "VOORTGANG_SECRET_KEYS"
MAKE_KEY: Final = (
    'python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"'
)


def valid_key(key: str) -> bool:
    """True for a Fernet key: 32 bytes in url-safe base64."""
    try:
        Fernet(key)
    except ValueError:  # binascii.Error is a ValueError too
        return False
    return True
