"""The one declarative Base every table registers with, and the column helpers the tables share.

Every timestamp is a ``UTCDateTime``; plain calendar dates (deadlines, meetings) are ``Date``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import Enum, MetaData
from sqlalchemy.orm import DeclarativeBase

# Named constraints, so migrations can alter them on every database (SQLite batch mode needs names).
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


def enum_column(kind: type[StrEnum], name: str) -> Enum:
    # Stored as the enum's value in a VARCHAR with a CHECK constraint: the same on both databases,
    # and adding a value later is a plain migration instead of an ALTER TYPE.
    return Enum(
        kind,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=20,
        values_callable=lambda members: [m.value for m in members],
    )


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
