"""Every stored platform token encrypted again with the first key (``voortgang rotate-secrets``).

Rotating keys: put a new key first in VOORTGANG_SECRET_KEYS (every process then encrypts
with it and still decrypts with the old ones), run ``rotate-secrets``, then drop the old key.
Values stored in plain text before encryption existed are encrypted on the way. It is one
transaction: a value that no key decrypts stops it with the error naming the setting, and
nothing is changed, so no key is dropped while a token still needs it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from sqlalchemy import Engine, Table, select, update

from storage.encryption import Secrets, is_sealed
from storage.models import SLACK_BOTS, SLACK_INSTALLATIONS, SLACK_SEALED_COLUMNS, TeamsFileConsent

# Every column that holds an encrypted credential, by table.
SEALED: tuple[tuple[Table, tuple[str, ...]], ...] = (
    (SLACK_BOTS, SLACK_SEALED_COLUMNS[SLACK_BOTS.name]),
    (SLACK_INSTALLATIONS, SLACK_SEALED_COLUMNS[SLACK_INSTALLATIONS.name]),
    (cast(Table, TeamsFileConsent.__table__), ("upload_url",)),
)


@dataclass(frozen=True, slots=True)
class Rotated:
    values: int  # values now encrypted with the first key
    plain: int  # of them, values that were stored in plain text


def rotate_secrets(engine: Engine, secrets: Secrets) -> Rotated:
    values = plain = 0
    with engine.begin() as conn:
        for table, names in SEALED:
            columns = [table.c[name] for name in names]
            # FOR UPDATE (PostgreSQL): a token refreshed meanwhile is not overwritten by the
            # old one re-encrypted.
            rows = conn.execute(select(table.c.id, *columns).with_for_update()).all()
            for row_id, *stored in rows:
                changes = {
                    name: secrets.rotate(value)
                    for name, value in zip(names, stored, strict=True)
                    if value is not None
                }
                if not changes:
                    continue
                values += len(changes)
                plain += sum(1 for value in stored if value is not None and not is_sealed(value))
                conn.execute(update(table).where(table.c.id == row_id).values(changes))
    return Rotated(values, plain)
