"""What the web app keeps: signed-in sessions, sign-in attempts (for rate limits), the tokens
of integrations that read the API, and the audit trail of every change made through a page or
the API."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base
from storage.types import UTCDateTime


class WebSession(Base):
    """A signed-in browser. The cookie carries a random token (signed); the table keeps only
    its SHA-256, so the database alone signs nobody in. Signing out or expiry ends it."""

    __tablename__ = "web_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    # How they signed in: "link" (one-time mail link), "oidc", "local" (the console's own
    # dashboard, refused by production settings).
    method: Mapped[str] = mapped_column(String(20))
    # The session's CSRF token, sent back in every form; random, not derived from the cookie.
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SignInAttempt(Base):
    """A request for a sign-in link, kept as hashes of the address asked for and the client's
    IP address: enough to limit how often either may ask, nothing to read back."""

    __tablename__ = "sign_in_attempt"
    __table_args__ = (
        Index("ix_sign_in_attempt_email_hash_at", "email_hash", "at"),
        Index("ix_sign_in_attempt_address_hash_at", "address_hash", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    email_hash: Mapped[str] = mapped_column(String(64))
    address_hash: Mapped[str] = mapped_column(String(64))


class ApiToken(Base):
    """A token an integration (a programme's own dashboard) reads one programme's API with,
    stored as its SHA-256; revoked, never deleted, so the audit trail keeps its name."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AuditEntry(Base):
    """One change made through a page or the API: who, when, what, from where.

    Kept apart from the register's own history (status updates and their revisions, which say
    what changed in the work): this says who did something through the web, and from which
    address, including what the register keeps no history of (a sign-in, a publish, an import).
    """

    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_entry_programme_id_at", "programme_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    # The name at the time, so the entry still says who after a person is removed.
    actor: Mapped[str] = mapped_column(String(200))
    programme_id: Mapped[int | None] = mapped_column(
        ForeignKey("programme.id", ondelete="SET NULL")
    )
    what: Mapped[str] = mapped_column(String(64))  # "action.update", "letter.publish", ...
    subject: Mapped[str] = mapped_column(String(300), default="")  # "#12", "brief 3", ...
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    via: Mapped[str] = mapped_column(String(20))  # "web", "api"
    address: Mapped[str] = mapped_column(String(64), default="")  # the client's IP address
    user_agent: Mapped[str] = mapped_column(String(300), default="")
