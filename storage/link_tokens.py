"""Reply tokens and form links: made, looked up and spent, kept only as their hashes.

A token is 32 random bytes (256 bits) in url-safe base64, handed out once; what is stored is
its SHA-256. Looking one up tells valid from expired, spent and unknown, so a page can say
which; spending is a conditional update, so two submits of one form count once.
"""

from __future__ import annotations

import hashlib
import secrets
import string
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Final

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from storage.models import LinkToken, TokenPurpose

TOKEN_BYTES: Final = 32
# What a token looks like: anything else is refused before the database is asked.
TOKEN_ALPHABET: Final = frozenset(string.ascii_letters + string.digits + "-_")
TOKEN_LENGTH: Final = 43  # base64 of 32 bytes, unpadded
REPLY_TTL: Final = timedelta(days=60)  # a ping is answered within weeks, or not at all
FORM_TTL: Final = timedelta(days=14)
SIGN_IN_TTL: Final = timedelta(minutes=15)  # a sign-in link is used at once, or asked again
CALENDAR_TTL: Final = timedelta(days=5 * 365)  # a calendar subscribed to keeps its address
TTLS: Final = {
    TokenPurpose.REPLY: REPLY_TTL,
    TokenPurpose.FORM: FORM_TTL,
    TokenPurpose.SIGN_IN: SIGN_IN_TTL,
    TokenPurpose.CALENDAR: CALENDAR_TTL,
}


class TokenState(StrEnum):
    VALID = "valid"
    EXPIRED = "expired"
    SPENT = "spent"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Found:
    state: TokenState
    token: LinkToken | None  # None only when unknown


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def well_formed(token: str) -> bool:
    return len(token) == TOKEN_LENGTH and set(token) <= TOKEN_ALPHABET


def mint(
    session: Session,
    purpose: TokenPurpose,
    person_id: int,
    now: datetime,
    *,
    outbox_id: int | None = None,
    programme_id: int | None = None,
    actions: Sequence[int] = (),
    ttl: timedelta | None = None,
) -> str:
    """A new token for ``person_id``; only its hash is stored (in the caller's transaction)."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    lasts = ttl if ttl is not None else TTLS[purpose]
    session.add(
        LinkToken(
            token_hash=token_hash(token),
            purpose=purpose,
            person_id=person_id,
            outbox_id=outbox_id,
            programme_id=programme_id,
            actions=list(actions),
            created_at=now,
            expires_at=now + lasts,
        )
    )
    # Not flushed here: a sender makes a batch's tokens in one transaction, written together
    # when it commits (or when the session next reads).
    return token


def look_up(session: Session, token: str, purpose: TokenPurpose, now: datetime) -> Found:
    """What ``token`` is for ``purpose`` at ``now``; a token of another purpose is unknown."""
    if not well_formed(token):
        return Found(TokenState.UNKNOWN, None)
    row = session.scalar(
        select(LinkToken).where(
            LinkToken.token_hash == token_hash(token), LinkToken.purpose == purpose
        )
    )
    if row is None:
        return Found(TokenState.UNKNOWN, None)
    if row.spent_at is not None:
        return Found(TokenState.SPENT, row)
    if row.expires_at <= now:
        return Found(TokenState.EXPIRED, row)
    return Found(TokenState.VALID, row)


def spend(session: Session, token_id: int, now: datetime) -> bool:
    """Mark a token used; False when it was spent already (a second submit) or has expired."""
    result = session.execute(
        update(LinkToken)
        .where(
            LinkToken.id == token_id,
            LinkToken.spent_at.is_(None),
            LinkToken.expires_at > now,
        )
        .values(spent_at=now)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0))


def revoke(session: Session, person_id: int, purpose: TokenPurpose, now: datetime) -> int:
    """End every live token of ``purpose`` of the person (marked spent, so it is refused from
    now on, and the row stays for the record); how many there were."""
    result = session.execute(
        update(LinkToken)
        .where(
            LinkToken.person_id == person_id,
            LinkToken.purpose == purpose,
            LinkToken.spent_at.is_(None),
            LinkToken.expires_at > now,
        )
        .values(spent_at=now)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0))


def newest_live(
    session: Session, person_id: int, purpose: TokenPurpose, now: datetime
) -> LinkToken | None:
    """The person's newest token of ``purpose`` that still works: when it was made and until
    when it lasts (the token itself is not kept, so it cannot be shown again)."""
    return session.scalar(
        select(LinkToken)
        .where(
            LinkToken.person_id == person_id,
            LinkToken.purpose == purpose,
            LinkToken.spent_at.is_(None),
            LinkToken.expires_at > now,
        )
        .order_by(LinkToken.created_at.desc(), LinkToken.id.desc())
        .limit(1)
    )
