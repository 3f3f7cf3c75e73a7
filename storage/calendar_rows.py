"""The SQL behind a person's own calendar feed: who the secret address belongs to, the
programmes they take part in, and the actions whose deadlines they answer for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, exists, or_, select
from sqlalchemy.orm import Session

from storage import link_tokens
from storage.link_tokens import TokenState
from storage.models import (
    Absence,
    Action,
    ActionOwner,
    Membership,
    Person,
    Programme,
    Theme,
    TokenPurpose,
)
from words.domain import Status


@dataclass(frozen=True, slots=True)
class CalendarOwner:
    person_id: int
    language: str | None
    timezone: str | None


@dataclass(frozen=True, slots=True)
class MemberProgramme:
    id: int
    key: str
    name: str
    timezone: str
    language: str


def calendar_owner(session: Session, token: str, now: datetime) -> CalendarOwner | None:
    """Whose calendar address ``token`` is, while it works; None when it is unknown, replaced
    or expired (the feed answers all three alike)."""
    found = link_tokens.look_up(session, token, TokenPurpose.CALENDAR, now)
    if found.state is not TokenState.VALID or found.token is None:
        return None
    row = session.execute(
        select(Person.id, Person.language, Person.timezone).where(
            Person.id == found.token.person_id
        )
    ).one_or_none()
    return None if row is None else CalendarOwner(row.id, row.language, row.timezone)


def member_programmes(session: Session, person_id: int) -> tuple[MemberProgramme, ...]:
    """The programmes the person has a place in, by key."""
    rows = session.execute(
        select(Programme.id, Programme.key, Programme.name, Programme.timezone, Programme.language)
        .join(Membership, Membership.programme_id == Programme.id)
        .where(Membership.person_id == person_id)
        .order_by(Programme.key)
    )
    return tuple(MemberProgramme(*row) for row in rows)


def answered_actions(session: Session, person_id: int) -> list[int]:
    """The open actions with a deadline that the person answers for on that deadline's day:
    as an owner, as the theme's sponsor, or as the deputy of an owner who is away that day
    (storage.rights.answers_for asks the same of one day, today)."""
    owner = exists().where(ActionOwner.action_id == Action.id, ActionOwner.person_id == person_id)
    sponsor = exists().where(Theme.id == Action.theme_id, Theme.sponsor_id == person_id)
    deputy = exists().where(
        ActionOwner.action_id == Action.id,
        Absence.person_id == ActionOwner.person_id,
        Absence.deputy_id == person_id,
        Absence.starts_on <= Action.due,
        Absence.ends_on >= Action.due,
    )
    member = exists().where(
        Membership.programme_id == Action.programme_id, Membership.person_id == person_id
    )
    return list(
        session.scalars(
            select(Action.id)
            .where(
                and_(
                    Action.due.is_not(None),
                    Action.status.not_in((Status.DONE, Status.DROPPED)),
                    member,
                    or_(owner, sponsor, deputy),
                )
            )
            .order_by(Action.id)
        )
    )
