"""What the chat platforms need kept: Teams conversations and file consents, people a platform
would not let the bot reach, and slack_sdk's own tables for OAuth installs."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, enum_column
from storage.types import UTCDateTime
from words.domain import (
    Source,
)


class TeamsConversation(Base):
    """A Teams conversation the bot can write in: a person's 1:1 chat or a team's channel.

    Kept from the authenticated activities Teams sends (an install, the first message in a
    conversation) and from the channel lists of the teams the app is in. ``user_id`` (the
    person's Entra object id) marks a 1:1 chat; ``team_id`` and ``name`` a channel, which
    digests find by name. ``reachable`` turns false when Teams refuses the bot there (the app
    was removed or blocked) and true again when it is installed or written to.
    """

    __tablename__ = "teams_conversation"

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[str] = mapped_column(String(300), unique=True)
    kind: Mapped[str] = mapped_column(String(20))  # personal, channel or groupChat
    service_url: Mapped[str] = mapped_column(String(500))
    tenant_id: Mapped[str] = mapped_column(String(100))
    bot_id: Mapped[str] = mapped_column(String(200))
    user_id: Mapped[str | None] = mapped_column(String(200), unique=True)
    team_id: Mapped[str | None] = mapped_column(String(300), index=True)
    name: Mapped[str | None] = mapped_column(String(300))
    reachable: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # For a team (its General channel's row): when its channels were last listed; for a 1:1
    # chat of someone not known yet: when they were last looked up by email.
    checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class PersonUnreachable(Base):
    """Someone the bot could not write to on a platform, and why; the director's digest lists
    them with what to do. Gone once they write to the bot or install it."""

    __tablename__ = "person_unreachable"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )
    platform: Mapped[Source] = mapped_column(
        enum_column(Source, "unreachable_platform"), primary_key=True
    )
    reason: Mapped[str] = mapped_column(String(300))
    since: Mapped[datetime] = mapped_column(UTCDateTime)


class ConsentState(StrEnum):
    PENDING = "pending"  # still to carry out: upload and show the file, or note the refusal
    DONE = "done"
    FAILED = "failed"  # given up after too many attempts, or for good


class TeamsFileConsent(Base):
    """A person's answer to a Teams file consent card, and the work it leaves (bot.teams.files).

    Stored by the web process when Teams sends the ``fileConsent/invoke``; one per outbox row
    (the file offered), so an answer Teams delivers again changes nothing. For an accepted file,
    ``upload_url`` is where its bytes go (a OneDrive upload session, cleared once the row is
    settled: it carries a temporary credential) and ``content_url``, ``unique_id``,
    ``file_type`` and ``name`` describe the file for the card that shows it. ``card_id`` is the
    consent card's activity, which the clock process replaces by the file or a note.
    ``not_before`` is when the row may be taken next: the end of a claim, or of a backoff.
    """

    __tablename__ = "teams_file_consent"
    __table_args__ = (Index("ix_teams_file_consent_state_not_before", "state", "not_before"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    outbox_id: Mapped[int] = mapped_column(ForeignKey("outbox.id", ondelete="CASCADE"), unique=True)
    event_id: Mapped[str] = mapped_column(String(200))  # the invoke's activity id, for logs
    user_id: Mapped[str] = mapped_column(String(200))
    accepted: Mapped[bool] = mapped_column(Boolean)
    service_url: Mapped[str] = mapped_column(String(500))
    conversation_id: Mapped[str] = mapped_column(String(300))
    card_id: Mapped[str] = mapped_column(String(200))
    upload_url: Mapped[str | None] = mapped_column(Text)
    content_url: Mapped[str | None] = mapped_column(Text)
    unique_id: Mapped[str | None] = mapped_column(String(200))
    file_type: Mapped[str | None] = mapped_column(String(50))
    name: Mapped[str | None] = mapped_column(String(300))
    state: Mapped[ConsentState] = mapped_column(
        enum_column(ConsentState, "consent_state"), default=ConsentState.PENDING
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    not_before: Mapped[datetime] = mapped_column(UTCDateTime)
    error: Mapped[str] = mapped_column(Text, default="")
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    uploaded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


# Slack workspaces that installed the app through OAuth: slack_sdk's own tables, declared here
# so the migrations create them and the schema check covers them (see storage.slack_installs).
SLACK_BOTS = SQLAlchemyInstallationStore.build_bots_table(
    Base.metadata, SQLAlchemyInstallationStore.default_bots_table_name
)
SLACK_INSTALLATIONS = SQLAlchemyInstallationStore.build_installations_table(
    Base.metadata, SQLAlchemyInstallationStore.default_installations_table_name
)
SLACK_OAUTH_STATES = SQLAlchemyOAuthStateStore.build_oauth_states_table(
    Base.metadata, SQLAlchemyOAuthStateStore.default_table_name
)
# The credentials in them are stored encrypted (storage.slack_installs), longer than the plain
# values the SDK's String(200) was made for: those columns are text (migration 0008).
SLACK_SEALED_COLUMNS: dict[str, tuple[str, ...]] = {
    SLACK_BOTS.name: ("bot_token", "bot_refresh_token"),
    SLACK_INSTALLATIONS.name: (
        "bot_token",
        "bot_refresh_token",
        "user_token",
        "user_refresh_token",
        "incoming_webhook_url",
    ),
}
for _table in (SLACK_BOTS, SLACK_INSTALLATIONS):
    for _name in SLACK_SEALED_COLUMNS[_table.name]:
        _table.c[_name].type = Text()
