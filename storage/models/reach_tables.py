"""What reaching people outside chat needs kept: the tokens of personal links and reply
addresses, and whom a mail without a valid token was answered this day."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import JSON, Date, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, enum_column
from storage.types import UTCDateTime


class TokenPurpose(StrEnum):
    REPLY = "reply"  # in a ping mail's Reply-To address and Message-ID: a reply is theirs
    FORM = "form"  # in a personal link to the update form: spent on submit
    SIGN_IN = "sign_in"  # in a one-time sign-in link to the web app: spent on use
    CALENDAR = "calendar"  # in a person's secret calendar (iCal) address: never spent


class LinkToken(Base):
    """A token handed to one person, stored only as its SHA-256 hash.

    The token itself (at least 128 random bits) is in the mail or the link and nowhere else,
    so the database alone cannot be used to answer for someone. It names the person and the
    message it went out with, and the actions it asks about; it expires, and a form token is
    spent when the form is submitted (not when it is opened: link scanners open links).
    """

    __tablename__ = "link_token"
    __table_args__ = (Index("ix_link_token_person_id_purpose", "person_id", "purpose"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    purpose: Mapped[TokenPurpose] = mapped_column(enum_column(TokenPurpose, "token_purpose"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    # The message it went out with: a reply threads on it; None for a link sent on its own.
    outbox_id: Mapped[int | None] = mapped_column(ForeignKey("outbox.id", ondelete="SET NULL"))
    programme_id: Mapped[int | None] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"))
    actions: Mapped[list[int]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    spent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class MailAnswer(Base):
    """A sender whose mail carried no valid token was answered on ``day``: at most once a day,
    so a loop or a storm of such mails gets one polite answer, not one each."""

    __tablename__ = "mail_answer"
    __table_args__ = (UniqueConstraint("sender_hash", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # SHA-256 of the lower-cased address: whom to not answer again is all that is needed.
    sender_hash: Mapped[str] = mapped_column(String(64))
    day: Mapped[date] = mapped_column(Date)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime)
