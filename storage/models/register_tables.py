"""The register's tables: programmes with their parties, tracks, themes and meetings, people
with their identities, absences and memberships, and the actions with their owners and parties.

Programmes are isolated from each other by their foreign keys; a person is global (matched by
email) and belongs to programmes through memberships, each with its own role and party.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storage.models.base import Base, enum_column, utcnow
from storage.types import UTCDateTime
from words.deadlines.model import Precision
from words.domain import (
    Cadence,
    MeetingKind,
    PartyKind,
    Role,
    Source,
    Status,
)

if TYPE_CHECKING:
    from storage.models.checkin_tables import StatusUpdate


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
    reporting: Mapped[Cadence] = mapped_column(
        enum_column(Cadence, "cadence"), default=Cadence.QUARTER
    )
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
    # The public page for the councils (published letters, the overview, feeds): off unless
    # the programme file turns it on.
    public_page: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    parties: Mapped[list[Party]] = relationship(
        lazy="raise_on_sql",
        back_populates="programme",
        cascade="all, delete-orphan",
        order_by="Party.position",
    )
    themes: Mapped[list[Theme]] = relationship(
        lazy="raise_on_sql",
        back_populates="programme",
        cascade="all, delete-orphan",
        order_by="Theme.position",
    )
    tracks: Mapped[list[Track]] = relationship(
        lazy="raise_on_sql",
        back_populates="programme",
        cascade="all, delete-orphan",
        order_by="Track.position",
    )
    memberships: Mapped[list[Membership]] = relationship(
        lazy="raise_on_sql",
        back_populates="programme",
        cascade="all, delete-orphan",
        order_by="Membership.position",
    )
    actions: Mapped[list[Action]] = relationship(
        lazy="raise_on_sql",
        back_populates="programme",
        cascade="all, delete-orphan",
        order_by="Action.number",
    )
    meetings: Mapped[list[Meeting]] = relationship(
        lazy="raise_on_sql",
        back_populates="programme",
        cascade="all, delete-orphan",
        order_by="Meeting.date",
    )


class Party(Base):
    """A municipality or partner organisation taking part in a programme."""

    __tablename__ = "party"
    __table_args__ = (UniqueConstraint("programme_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    # The name tables and charts have room for ("Emmen" for "Gemeente Emmen"); "" for none.
    short_name: Mapped[str] = mapped_column(String(100), default="", server_default="")
    kind: Mapped[PartyKind] = mapped_column(enum_column(PartyKind, "party_kind"))
    position: Mapped[int] = mapped_column(Integer, default=0)

    programme: Mapped[Programme] = relationship(lazy="raise_on_sql", back_populates="parties")


class Track(Base):
    """A form of cooperation, such as BOCE's "Samen doen"; programmes with pillars have none."""

    __tablename__ = "track"
    __table_args__ = (UniqueConstraint("programme_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0)

    programme: Mapped[Programme] = relationship(lazy="raise_on_sql", back_populates="tracks")


class Person(Base):
    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # Lower-cased; the key that makes one person of the same someone in two programme files.
    email: Mapped[str | None] = mapped_column(String(320), unique=True)
    timezone: Mapped[str | None] = mapped_column(String(64))
    language: Mapped[str | None] = mapped_column(String(2))
    # Where they are reached ("slack", "teams", "email"), as the programme file says; None:
    # derived from where they are known (words.domain.Source; bot.engine.routing).
    channel: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    identities: Mapped[list[Identity]] = relationship(
        lazy="raise_on_sql", back_populates="person", cascade="all, delete-orphan"
    )
    absences: Mapped[list[Absence]] = relationship(
        lazy="raise_on_sql",
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
    platform: Mapped[Source] = mapped_column(enum_column(Source, "platform"))
    external_id: Mapped[str] = mapped_column(String(200))
    # Where the id lives, when the platform has several (a Slack workspace's team id).
    workspace: Mapped[str | None] = mapped_column(String(32))

    person: Mapped[Person] = relationship(lazy="raise_on_sql", back_populates="identities")


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

    person: Mapped[Person] = relationship(
        lazy="raise_on_sql", back_populates="absences", foreign_keys=[person_id]
    )
    deputy: Mapped[Person | None] = relationship(lazy="raise_on_sql", foreign_keys=[deputy_id])


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
    role: Mapped[Role] = mapped_column(enum_column(Role, "role"))
    party_id: Mapped[int | None] = mapped_column(ForeignKey("party.id", ondelete="SET NULL"))
    position: Mapped[int] = mapped_column(Integer, default=0)

    programme: Mapped[Programme] = relationship(lazy="raise_on_sql", back_populates="memberships")
    person: Mapped[Person] = relationship(lazy="raise_on_sql")
    party: Mapped[Party | None] = relationship(lazy="raise_on_sql")


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

    programme: Mapped[Programme] = relationship(lazy="raise_on_sql", back_populates="themes")
    sponsor: Mapped[Person | None] = relationship(lazy="raise_on_sql")


class ActionOwner(Base):
    __tablename__ = "action_owner"

    action_id: Mapped[int] = mapped_column(
        ForeignKey("action.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)

    person: Mapped[Person] = relationship(lazy="raise_on_sql")


class ActionParty(Base):
    __tablename__ = "action_party"

    action_id: Mapped[int] = mapped_column(
        ForeignKey("action.id", ondelete="CASCADE"), primary_key=True
    )
    party_id: Mapped[int] = mapped_column(
        ForeignKey("party.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)

    party: Mapped[Party] = relationship(lazy="raise_on_sql")


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
    # The deadline as a phrase that carries its year ("eind maart 2027"): what letters, exports
    # and chat print, and what a re-import reads, so the deadline never moves with the clock.
    # deadline_typed keeps the words it was given in ("eind maart"), for the record.
    deadline_text: Mapped[str] = mapped_column(String(200), default="")
    deadline_typed: Mapped[str] = mapped_column(String(200), default="", server_default="")
    deadline_precision: Mapped[Precision | None] = mapped_column(
        enum_column(Precision, "precision"), nullable=True
    )
    status: Mapped[Status] = mapped_column(enum_column(Status, "status"), default=Status.OPEN)
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

    programme: Mapped[Programme] = relationship(lazy="raise_on_sql", back_populates="actions")
    theme: Mapped[Theme] = relationship(lazy="raise_on_sql")
    track: Mapped[Track | None] = relationship(lazy="raise_on_sql")
    owner_links: Mapped[list[ActionOwner]] = relationship(
        lazy="raise_on_sql", cascade="all, delete-orphan", order_by="ActionOwner.position"
    )
    party_links: Mapped[list[ActionParty]] = relationship(
        lazy="raise_on_sql", cascade="all, delete-orphan", order_by="ActionParty.position"
    )
    updates: Mapped[list[StatusUpdate]] = relationship(
        lazy="raise_on_sql",
        back_populates="action",
        cascade="all, delete-orphan",
        order_by="StatusUpdate.id",
    )

    @property
    def owners(self) -> list[Person]:
        return [link.person for link in self.owner_links]

    @property
    def parties(self) -> list[Party]:
        return [link.party for link in self.party_links]


class Meeting(Base):
    """A meeting or milestone the letter announces, such as a radenbijeenkomst."""

    __tablename__ = "meeting"
    __table_args__ = (UniqueConstraint("programme_id", "date", "title"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="CASCADE"))
    date: Mapped[date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[MeetingKind] = mapped_column(enum_column(MeetingKind, "meeting_kind"))

    programme: Mapped[Programme] = relationship(lazy="raise_on_sql", back_populates="meetings")

    @property
    def key(self) -> str:
        # A meeting is identified by its day and title; the programme file has no key for it.
        return f"{self.date.isoformat()} {self.title}"
