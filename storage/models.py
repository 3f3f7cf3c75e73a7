"""The register: SQLAlchemy 2 typed ORM models.

Programmes are isolated from each other by their foreign keys; a person is global (matched by
email) and belongs to programmes through memberships, each with its own role and party.
Every timestamp is a ``UTCDateTime``; plain calendar dates (deadlines, meetings) are ``Date``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any, Final

from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from storage.types import UTCDateTime
from words.deadlines.model import Precision
from words.domain import (
    Cadence,
    MeetingKind,
    OutboxState,
    PartyKind,
    PingRule,
    PingState,
    ProposalState,
    Role,
    Source,
    Status,
    UpdateKind,
)

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


def _enum(kind: type[StrEnum], name: str) -> Enum:
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


class Programme(Base):
    __tablename__ = "programme"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    period_start: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Amsterdam")
    language: Mapped[str] = mapped_column(String(2), default="nl")
    reporting: Mapped[Cadence] = mapped_column(_enum(Cadence, "cadence"), default=Cadence.QUARTER)
    checkin_rule: Mapped[str] = mapped_column(String(200), default="")
    # The Slack workspace (team id) the programme works in, when the app is installed in
    # several through OAuth; None: the one workspace there is.
    slack_workspace: Mapped[str | None] = mapped_column(String(32))
    # Check-in settings (deadline pings, reminders, escalation, digest, absences): see
    # words.checkin_settings.ScheduleSettings, which reads and validates this document.
    schedule: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Letter settings (subject, addressee, opening, closing, signatories): read as a whole by the
    # letter templates and never queried by field, so one JSON document.
    letter: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    parties: Mapped[list[Party]] = relationship(
        back_populates="programme", cascade="all, delete-orphan", order_by="Party.position"
    )
    themes: Mapped[list[Theme]] = relationship(
        back_populates="programme", cascade="all, delete-orphan", order_by="Theme.position"
    )
    tracks: Mapped[list[Track]] = relationship(
        back_populates="programme", cascade="all, delete-orphan", order_by="Track.position"
    )
    memberships: Mapped[list[Membership]] = relationship(
        back_populates="programme", cascade="all, delete-orphan", order_by="Membership.position"
    )
    actions: Mapped[list[Action]] = relationship(
        back_populates="programme", cascade="all, delete-orphan", order_by="Action.number"
    )
    meetings: Mapped[list[Meeting]] = relationship(
        back_populates="programme", cascade="all, delete-orphan", order_by="Meeting.date"
    )


class Party(Base):
    """A municipality or partner organisation taking part in a programme."""

    __tablename__ = "party"
    __table_args__ = (UniqueConstraint("programme_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[PartyKind] = mapped_column(_enum(PartyKind, "party_kind"))
    position: Mapped[int] = mapped_column(Integer, default=0)

    programme: Mapped[Programme] = relationship(back_populates="parties")


class Track(Base):
    """A form of cooperation, such as BOCE's "Samen doen"; programmes with pillars have none."""

    __tablename__ = "track"
    __table_args__ = (UniqueConstraint("programme_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0)

    programme: Mapped[Programme] = relationship(back_populates="tracks")


class Person(Base):
    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # Lower-cased; the key that makes one person of the same someone in two programme files.
    email: Mapped[str | None] = mapped_column(String(320), unique=True)
    timezone: Mapped[str | None] = mapped_column(String(64))
    language: Mapped[str | None] = mapped_column(String(2))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    identities: Mapped[list[Identity]] = relationship(
        back_populates="person", cascade="all, delete-orphan"
    )
    absences: Mapped[list[Absence]] = relationship(
        back_populates="person",
        cascade="all, delete-orphan",
        foreign_keys="Absence.person_id",
        order_by="Absence.starts_on",
    )


class Identity(Base):
    """A person's user id on a chat platform (Slack user id, Teams Entra object id)."""

    __tablename__ = "identity"
    __table_args__ = (
        UniqueConstraint("platform", "external_id"),
        UniqueConstraint("person_id", "platform"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    platform: Mapped[Source] = mapped_column(_enum(Source, "platform"))
    external_id: Mapped[str] = mapped_column(String(200))
    # Where the id lives, when the platform has several (a Slack workspace's team id).
    workspace: Mapped[str | None] = mapped_column(String(32))

    person: Mapped[Person] = relationship(back_populates="identities")


class Absence(Base):
    """A period someone is away, with who answers for them meanwhile.

    ``programme_id`` names the programme file that declared it, so re-importing one file
    replaces only the absences that file owns; absences set in chat have none.
    """

    __tablename__ = "absence"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    programme_id: Mapped[int | None] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    deputy_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))

    person: Mapped[Person] = relationship(back_populates="absences", foreign_keys=[person_id])
    deputy: Mapped[Person | None] = relationship(foreign_keys=[deputy_id])


class Membership(Base):
    """A person's place in one programme: the key the programme file uses, role and party."""

    __tablename__ = "membership"
    __table_args__ = (
        UniqueConstraint("programme_id", "key"),
        UniqueConstraint("programme_id", "person_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    role: Mapped[Role] = mapped_column(_enum(Role, "role"))
    party_id: Mapped[int | None] = mapped_column(ForeignKey("party.id", ondelete="SET NULL"))
    position: Mapped[int] = mapped_column(Integer, default=0)

    programme: Mapped[Programme] = relationship(back_populates="memberships")
    person: Mapped[Person] = relationship()
    party: Mapped[Party | None] = relationship()


class Theme(Base):
    """A focusthema or pijler, with its sponsor (opdrachtgever) and working-group channel."""

    __tablename__ = "theme"
    __table_args__ = (UniqueConstraint("programme_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    sponsor_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    channel: Mapped[str] = mapped_column(String(200), default="")

    programme: Mapped[Programme] = relationship(back_populates="themes")
    sponsor: Mapped[Person | None] = relationship()


class ActionOwner(Base):
    __tablename__ = "action_owner"

    action_id: Mapped[int] = mapped_column(
        ForeignKey("action.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)

    person: Mapped[Person] = relationship()


class ActionParty(Base):
    __tablename__ = "action_party"

    action_id: Mapped[int] = mapped_column(
        ForeignKey("action.id", ondelete="CASCADE"), primary_key=True
    )
    party_id: Mapped[int] = mapped_column(
        ForeignKey("party.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)

    party: Mapped[Party] = relationship()


class Action(Base):
    __tablename__ = "action"
    __table_args__ = (
        UniqueConstraint("programme_id", "key"),
        UniqueConstraint("programme_id", "number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"))
    # The short number people type in chat ("#12"); stable once given, never reused.
    number: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(64))
    theme_id: Mapped[int] = mapped_column(ForeignKey("theme.id", ondelete="RESTRICT"))
    track_id: Mapped[int | None] = mapped_column(ForeignKey("track.id", ondelete="RESTRICT"))
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    due: Mapped[date | None] = mapped_column(Date, index=True)
    deadline_text: Mapped[str] = mapped_column(String(200), default="")
    deadline_precision: Mapped[Precision | None] = mapped_column(
        _enum(Precision, "precision"), nullable=True
    )
    status: Mapped[Status] = mapped_column(_enum(Status, "status"), default=Status.OPEN)
    kpi_target: Mapped[float | None] = mapped_column(Float)
    kpi_current: Mapped[float | None] = mapped_column(Float)
    kpi_unit: Mapped[str] = mapped_column(String(200), default="")
    checkin_rule: Mapped[str] = mapped_column(String(200), default="")
    # What the programme file last said about deadline, status and KPI value, so a re-import
    # applies only what the file changed and never undoes an update given in chat since.
    file_values: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Indexed: every tick looks for actions changed since the pings were planned.
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow, index=True
    )

    programme: Mapped[Programme] = relationship(back_populates="actions")
    theme: Mapped[Theme] = relationship()
    track: Mapped[Track | None] = relationship()
    owner_links: Mapped[list[ActionOwner]] = relationship(
        cascade="all, delete-orphan", order_by="ActionOwner.position"
    )
    party_links: Mapped[list[ActionParty]] = relationship(
        cascade="all, delete-orphan", order_by="ActionParty.position"
    )
    updates: Mapped[list[StatusUpdate]] = relationship(
        back_populates="action", cascade="all, delete-orphan", order_by="StatusUpdate.id"
    )

    @property
    def owners(self) -> list[Person]:
        return [link.person for link in self.owner_links]

    @property
    def parties(self) -> list[Party]:
        return [link.party for link in self.party_links]


class StatusUpdate(Base):
    """One report on an action: a status and/or words from its owner, or a moved deadline."""

    __tablename__ = "status_update"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    kind: Mapped[UpdateKind] = mapped_column(_enum(UpdateKind, "update_kind"))
    source: Mapped[Source] = mapped_column(_enum(Source, "source"))
    status: Mapped[Status | None] = mapped_column(_enum(Status, "update_status"), nullable=True)
    text: Mapped[str] = mapped_column(Text, default="")
    progress: Mapped[float | None] = mapped_column(Float)
    previous_due: Mapped[date | None] = mapped_column(Date)
    previous_deadline_text: Mapped[str | None] = mapped_column(String(200))
    new_due: Mapped[date | None] = mapped_column(Date)
    new_deadline_text: Mapped[str | None] = mapped_column(String(200))
    new_precision: Mapped[Precision | None] = mapped_column(
        _enum(Precision, "new_precision"), nullable=True
    )
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The action's status before this update, so undoing it can put that back.
    previous_status: Mapped[Status | None] = mapped_column(
        _enum(Status, "previous_status"), nullable=True
    )
    # Set when its author took it back ("ongedaan"): it leaves the current view and the letter,
    # but stays in the action's history with who withdrew it and when.
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    withdrawn_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL")
    )
    # The chat event it came from: one event (however often a platform delivers it) makes at
    # most one update.
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("inbound_event.id", ondelete="SET NULL"), unique=True
    )

    action: Mapped[Action] = relationship(back_populates="updates")
    author: Mapped[Person | None] = relationship(foreign_keys=[author_id])
    withdrawn_by: Mapped[Person | None] = relationship(foreign_keys=[withdrawn_by_id])
    revisions: Mapped[list[UpdateRevision]] = relationship(
        back_populates="update", cascade="all, delete-orphan", order_by="UpdateRevision.id"
    )


# The updates that stand: what every current view, digest, export and letter counts. Only an
# action's history shows the withdrawn ones as well.
STANDING: Final = StatusUpdate.withdrawn_at.is_(None)


class UpdateRevision(Base):
    """An earlier wording of an update, kept when its author corrects it."""

    __tablename__ = "update_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    update_id: Mapped[int] = mapped_column(
        ForeignKey("status_update.id", ondelete="CASCADE"), index=True
    )
    replaced_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    status: Mapped[Status | None] = mapped_column(_enum(Status, "revision_status"), nullable=True)
    text: Mapped[str] = mapped_column(Text, default="")
    progress: Mapped[float | None] = mapped_column(Float)

    update: Mapped[StatusUpdate] = relationship(back_populates="revisions")


class Meeting(Base):
    """A meeting or milestone the letter announces, such as a radenbijeenkomst."""

    __tablename__ = "meeting"
    __table_args__ = (UniqueConstraint("programme_id", "date", "title"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"))
    date: Mapped[date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[MeetingKind] = mapped_column(_enum(MeetingKind, "meeting_kind"))

    programme: Mapped[Programme] = relationship(back_populates="meetings")

    @property
    def key(self) -> str:
        # A meeting is identified by its day and title; the programme file has no key for it.
        return f"{self.date.isoformat()} {self.title}"


class BriefState(StrEnum):
    DRAFT = "draft"
    FINAL = "final"


class Brief(Base):
    """A progress letter: one draft per programme, regenerated freely; final ones are frozen.

    A final brief has a number (1, 2, ... per programme) and keeps its documents as bytes, so
    later edits to updates never change it and it can be fetched again byte for byte.
    """

    __tablename__ = "brief"
    __table_args__ = (UniqueConstraint("programme_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    # The period as it was asked for ("2026-Q4"), for listings and file names.
    period_label: Mapped[str] = mapped_column(String(40), default="")
    number: Mapped[int | None] = mapped_column(Integer)
    state: Mapped[BriefState] = mapped_column(_enum(BriefState, "brief_state"))
    language: Mapped[str] = mapped_column(String(2), default="nl")
    # How often this draft was regenerated; a final keeps the revision it was frozen at.
    revision: Mapped[int] = mapped_column(Integer, default=1)
    # The date owners are asked to answer by ("brief herinner").
    input_deadline: Mapped[date | None] = mapped_column(Date)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finalized_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    programme: Mapped[Programme] = relationship()
    update_links: Mapped[list[BriefUpdate]] = relationship(cascade="all, delete-orphan")
    documents: Mapped[list[BriefDocument]] = relationship(
        cascade="all, delete-orphan", order_by="BriefDocument.format"
    )


class BriefUpdate(Base):
    """Which updates a brief was compiled from."""

    __tablename__ = "brief_update"

    brief_id: Mapped[int] = mapped_column(
        ForeignKey("brief.id", ondelete="CASCADE"), primary_key=True
    )
    update_id: Mapped[int] = mapped_column(
        ForeignKey("status_update.id", ondelete="CASCADE"), primary_key=True
    )


class BriefDocument(Base):
    """A brief's document in one format (docx, html, md, pdf), exactly as it was handed out."""

    __tablename__ = "brief_document"

    brief_id: Mapped[int] = mapped_column(
        ForeignKey("brief.id", ondelete="CASCADE"), primary_key=True
    )
    format: Mapped[str] = mapped_column(String(8), primary_key=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))


class Heartbeat(Base):
    """The last sign of life of a long-running process, such as the clock.

    The web process reports it on /healthz, so a stopped scheduler is noticed.
    """

    __tablename__ = "heartbeat"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    holder: Mapped[str] = mapped_column(String(200))  # host and process id
    last_seen: Mapped[datetime] = mapped_column(UTCDateTime)


class InboundEvent(Base):
    """An event from a chat platform, stored before it is acknowledged.

    ``(platform, event_id)`` is unique: a delivery the platform retries finds its row and is
    not handled again. An event whose handling raised keeps the count and the last error and
    is tried again after ``not_before``; one that keeps failing is set aside (``set_aside_at``)
    so the events behind it go on, until an operator retries it.
    """

    __tablename__ = "inbound_event"
    __table_args__ = (
        UniqueConstraint("platform", "event_id"),
        # The inbox worker asks for the waiting events several times a second.
        Index("ix_inbound_event_waiting", "handled_at", "set_aside_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[Source] = mapped_column(_enum(Source, "event_platform"))
    event_id: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    user_id: Mapped[str] = mapped_column(String(200))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    handled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_error: Mapped[str] = mapped_column(Text, default="", server_default="")
    not_before: Mapped[datetime | None] = mapped_column(UTCDateTime)
    set_aside_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class OutboxMessage(Base):
    """A message to deliver: written in the transaction that decided to send it.

    Senders claim pending rows (``state`` sending, ``lease_until``), deliver them through a
    platform port and mark them sent; ``key`` is unique, so deciding twice queues once.
    """

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_state_not_before", "state", "not_before"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    programme_id: Mapped[int | None] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))  # words.chat.delivery.DeliveryKind
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    channel: Mapped[str | None] = mapped_column(String(200))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("outbox.id", ondelete="SET NULL"))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    is_file: Mapped[bool] = mapped_column(Boolean, default=False)
    state: Mapped[OutboxState] = mapped_column(
        _enum(OutboxState, "outbox_state"), default=OutboxState.PENDING
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    not_before: Mapped[datetime] = mapped_column(UTCDateTime)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(200))
    platform: Mapped[str | None] = mapped_column(String(20))
    address: Mapped[str | None] = mapped_column(String(200))
    external_ref: Mapped[str | None] = mapped_column(String(200), index=True)
    error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class JobState(StrEnum):
    """Work taken out of a chat event's transaction (compiling a letter): see ``storage.jobs``."""

    PENDING = "pending"  # waits until not_before
    RUNNING = "running"  # claimed by claimed_by until lease_until
    DONE = "done"
    SET_ASIDE = "set_aside"  # failed too often: listed for an operator, who may retry it


class Job(Base):
    """Work a chat event asked for that is too long for the event's own transaction, such as
    compiling and rendering a voortgangsbrief.

    ``key`` derives from the event, so an event handled twice queues its work once. Workers
    claim pending rows with a lease (like the outbox), read what they need in a short
    transaction, do the work outside any transaction and write the result in another.
    """

    __tablename__ = "job"
    __table_args__ = (Index("ix_job_state_not_before", "state", "not_before"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    programme_id: Mapped[int | None] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    state: Mapped[JobState] = mapped_column(_enum(JobState, "job_state"), default=JobState.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    not_before: Mapped[datetime] = mapped_column(UTCDateTime)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(200))
    error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Ping(Base):
    """One due question to one person about one action: the unit of the check-in schedule.

    ``key`` names the rule and the occurrence (``checkin:12:7:2026-11-23T08:00Z``), so a tick
    that runs twice, or in two processes at once, still plans each ping once.
    """

    __tablename__ = "ping"
    __table_args__ = (Index("ix_ping_state_due_at", "state", "due_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"))
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id", ondelete="CASCADE"), index=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    # Who is asked: the owner, or their deputy while the owner is away.
    recipient_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    rule: Mapped[PingRule] = mapped_column(_enum(PingRule, "ping_rule"))
    occurrence: Mapped[datetime] = mapped_column(UTCDateTime)  # the rule's nominal moment
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)  # after weekend, holiday, absence
    state: Mapped[PingState] = mapped_column(
        _enum(PingState, "ping_state"), default=PingState.PLANNED
    )
    # Indexed: deleting an action cascades to its pings and, through this, their reminders.
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("ping.id", ondelete="CASCADE"), index=True
    )
    outbox_id: Mapped[int | None] = mapped_column(
        ForeignKey("outbox.id", ondelete="SET NULL"), index=True
    )
    # For "brief herinner" pings: the draft whose missing update is asked for.
    brief_id: Mapped[int | None] = mapped_column(
        ForeignKey("brief.id", ondelete="CASCADE"), index=True
    )
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    action: Mapped[Action] = relationship()
    owner: Mapped[Person] = relationship(foreign_keys=[owner_id])
    recipient: Mapped[Person] = relationship(foreign_keys=[recipient_id])


class DeadlineProposal(Base):
    """A new deadline an owner mentioned, waiting for the sponsor or director to confirm."""

    __tablename__ = "deadline_proposal"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id", ondelete="CASCADE"), index=True)
    update_id: Mapped[int | None] = mapped_column(
        ForeignKey("status_update.id", ondelete="CASCADE")
    )
    proposed_by: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(String(200))
    due: Mapped[date] = mapped_column(Date)
    precision: Mapped[Precision] = mapped_column(_enum(Precision, "proposal_precision"))
    state: Mapped[ProposalState] = mapped_column(
        _enum(ProposalState, "proposal_state"), default=ProposalState.OPEN
    )
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    action: Mapped[Action] = relationship()


class ClockMark(Base):
    """A named moment the clock keeps: how far pings are planned, which digests went out."""

    __tablename__ = "clock_mark"

    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)


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
        _enum(Source, "unreachable_platform"), primary_key=True
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
        _enum(ConsentState, "consent_state"), default=ConsentState.PENDING
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
