"""The tokens integrations read a programme's API with: made, looked up, listed and revoked.

A token is ``vg_`` and 32 random bytes (256 bits) in url-safe base64, shown once when it is
made; what is stored is its SHA-256, as for link tokens (``storage.link_tokens``). Looking a
token up is a unique lookup of its hash, so comparing it takes the same time whatever it
starts with. The prefix says what a stray string is (a secret scanner can recognise one in a
leaked file) and lets a malformed one be refused before the database is asked.

Revoked tokens are kept, with their name, so the audit trail still says whose they were.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from sqlalchemy import ColumnElement, or_, select, update
from sqlalchemy.orm import Session

from storage.link_tokens import TOKEN_BYTES, token_hash, well_formed
from storage.models import ApiToken, Programme

PREFIX: Final = "vg_"
NAME_LIMIT: Final = 100  # the column's length
# Last use is written at most this often per token: a dashboard polling every few seconds
# should not turn each read into a write.
USE_NOTED_EVERY: Final = timedelta(minutes=1)


@dataclass(frozen=True, slots=True)
class Grant:
    """What a valid token allows: reading one programme."""

    token_id: int
    programme_id: int
    name: str
    last_used_at: datetime | None


@dataclass(frozen=True, slots=True)
class TokenRow:
    """A token as listed: never the token itself, which nobody can see again."""

    id: int
    programme_key: str
    name: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


def looks_like_token(token: str) -> bool:
    return token.startswith(PREFIX) and well_formed(token.removeprefix(PREFIX))


def create(
    session: Session,
    programme_id: int,
    name: str,
    now: datetime,
    created_by: int | None = None,
) -> tuple[int, str]:
    """A new token for ``programme_id``: its id and the token, which is not stored."""
    token = PREFIX + secrets.token_urlsafe(TOKEN_BYTES)
    row = ApiToken(
        name=name.strip()[:NAME_LIMIT],
        programme_id=programme_id,
        token_hash=token_hash(token),
        created_at=now,
        created_by=created_by,
    )
    session.add(row)
    session.flush()
    return row.id, token


def grant_of(session: Session, token: str) -> Grant | None:
    """What ``token`` may read, or None when it is unknown, malformed or revoked: a caller
    cannot tell these apart, and need not."""
    if not looks_like_token(token):
        return None
    row = session.execute(
        select(ApiToken.id, ApiToken.programme_id, ApiToken.name, ApiToken.last_used_at).where(
            ApiToken.token_hash == token_hash(token), ApiToken.revoked_at.is_(None)
        )
    ).one_or_none()
    if row is None:
        return None
    return Grant(token_id=row[0], programme_id=row[1], name=row[2], last_used_at=row[3])


def use_is_stale(grant: Grant, now: datetime) -> bool:
    """Whether this use should be written down: the last noted one is a minute old or more."""
    return grant.last_used_at is None or now - grant.last_used_at >= USE_NOTED_EVERY


def note_use(session: Session, token_id: int, now: datetime) -> bool:
    """Note that the token was used at ``now``, unless that was noted less than a minute ago
    (by this process or another: the condition is the database's, so two readers at once
    write once)."""
    result = session.execute(
        update(ApiToken)
        .where(
            ApiToken.id == token_id,
            or_(ApiToken.last_used_at.is_(None), ApiToken.last_used_at <= now - USE_NOTED_EVERY),
        )
        .values(last_used_at=now)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0))


def revoke(session: Session, token_id: int, now: datetime) -> TokenRow | None:
    """Revoke a token from ``now`` on; the token as it now is, or None when there is no such
    token. Revoking a revoked token changes nothing (its first revocation stands)."""
    session.execute(
        update(ApiToken)
        .where(ApiToken.id == token_id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=now)
        .execution_options(synchronize_session=False)
    )
    found = _rows(session, ApiToken.id == token_id)
    return found[0] if found else None


def tokens(session: Session, programme_id: int | None = None) -> Sequence[TokenRow]:
    """Every token, or one programme's, by programme and age; revoked ones too."""
    if programme_id is None:
        return _rows(session, None)
    return _rows(session, ApiToken.programme_id == programme_id)


def _rows(session: Session, where: ColumnElement[bool] | None) -> list[TokenRow]:
    query = (
        select(
            ApiToken.id,
            Programme.key,
            ApiToken.name,
            ApiToken.created_at,
            ApiToken.last_used_at,
            ApiToken.revoked_at,
        )
        .join(Programme, Programme.id == ApiToken.programme_id)
        .order_by(Programme.key, ApiToken.id)
    )
    if where is not None:
        query = query.where(where)
    return [TokenRow(*row) for row in session.execute(query)]
