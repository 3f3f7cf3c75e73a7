"""Signed-in sessions of the web app and the sign-in attempts that limit how often a link may
be asked for. A session's token is kept only as its SHA-256, like link tokens."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from storage.models import Membership, Person, Programme, SignInAttempt, WebSession
from words.domain import Role

SESSION_BYTES: Final = 32
SESSION_TTL: Final = timedelta(hours=12)  # a working day; then a new link


@dataclass(frozen=True, slots=True)
class Signed:
    """A session as a request needs it: whose, and its CSRF token."""

    session_id: int
    person_id: int
    name: str
    email: str | None
    language: str | None
    timezone: str | None
    csrf: str
    method: str
    expires_at: datetime


def hashed(value: str) -> str:
    """What is kept of a secret or an address: its SHA-256 (tokens, attempts' addresses)."""
    return hashlib.sha256(value.encode("utf-8", "replace")).hexdigest()


def start(
    session: Session, person_id: int, method: str, now: datetime, ttl: timedelta = SESSION_TTL
) -> str:
    """A new session for ``person_id``; returns its token (only the hash is kept). Always a
    new token, so nobody can plant one before the person signs in."""
    token = secrets.token_urlsafe(SESSION_BYTES)
    session.add(
        WebSession(
            token_hash=hashed(token),
            person_id=person_id,
            method=method,
            csrf=secrets.token_urlsafe(SESSION_BYTES),
            created_at=now,
            expires_at=now + ttl,
        )
    )
    session.flush()
    return token


def find(session: Session, token: str, now: datetime) -> Signed | None:
    """The live session of ``token``, with its person, in one query; None when there is none,
    it ended or it expired."""
    row = session.execute(
        select(
            WebSession.id,
            WebSession.person_id,
            Person.name,
            Person.email,
            Person.language,
            Person.timezone,
            WebSession.csrf,
            WebSession.method,
            WebSession.expires_at,
        )
        .join(Person, Person.id == WebSession.person_id)
        .where(
            WebSession.token_hash == hashed(token),
            WebSession.ended_at.is_(None),
            WebSession.expires_at > now,
        )
    ).one_or_none()
    return None if row is None else Signed(*row)


def end(session: Session, session_id: int, now: datetime) -> None:
    session.execute(
        update(WebSession)
        .where(WebSession.id == session_id, WebSession.ended_at.is_(None))
        .values(ended_at=now)
        .execution_options(synchronize_session=False)
    )


def attempts_since(
    session: Session, email_hash: str, address_hash: str, since: datetime
) -> tuple[int, int]:
    """How often this address was asked for, and how often this client asked, since ``since``."""
    by_email = session.scalar(
        select(func.count())
        .select_from(SignInAttempt)
        .where(SignInAttempt.email_hash == email_hash, SignInAttempt.at > since)
    )
    by_client = session.scalar(
        select(func.count())
        .select_from(SignInAttempt)
        .where(SignInAttempt.address_hash == address_hash, SignInAttempt.at > since)
    )
    # COUNT always answers one row; None only to the type checker.
    return int(by_email if by_email is not None else 0), int(
        by_client if by_client is not None else 0
    )


def attempts_of(session: Session, email_hash: str, address_hash: str, since: datetime) -> int:
    """How often this client asked about this address since ``since``."""
    counted = session.scalar(
        select(func.count())
        .select_from(SignInAttempt)
        .where(
            SignInAttempt.email_hash == email_hash,
            SignInAttempt.address_hash == address_hash,
            SignInAttempt.at > since,
        )
    )
    return int(counted if counted is not None else 0)


def note_attempt(session: Session, email_hash: str, address_hash: str, now: datetime) -> None:
    session.add(SignInAttempt(at=now, email_hash=email_hash, address_hash=address_hash))


def forget_attempts(session: Session, before: datetime) -> int:
    """Drop attempts older than any limit looks back (kept only to count)."""
    result = session.execute(
        delete(SignInAttempt)
        .where(SignInAttempt.at < before)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0))


def places_of(session: Session, person_id: int) -> list[tuple[int, str, str, Role]]:
    """The programmes ``person_id`` belongs to (id, key, name, role), in name order."""
    rows = session.execute(
        select(Programme.id, Programme.key, Programme.name, Membership.role)
        .join(Membership, Membership.programme_id == Programme.id)
        .where(Membership.person_id == person_id)
        .order_by(Programme.name, Programme.id)
    ).all()
    return [(int(i), str(k), str(n), r) for i, k, n, r in rows]
