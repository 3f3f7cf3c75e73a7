"""What the permission checks ask the register: who answers for an action, who manages."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, joinedload

from storage.models import Absence, Action, ActionOwner, Membership, Person, Theme
from words.domain import Role


def answers_for(session: Session, person_id: int, action_id: int, today: date) -> bool:
    """Does the person answer for the action: as an owner, as its theme's sponsor, or as the
    deputy of an owner who is away ``today``? One query, whatever the action has loaded."""
    owner = exists().where(ActionOwner.action_id == action_id, ActionOwner.person_id == person_id)
    sponsor = exists().where(
        Action.id == action_id, Theme.id == Action.theme_id, Theme.sponsor_id == person_id
    )
    # A deputy answers for an absent owner while the absence lasts.
    deputy = exists().where(
        ActionOwner.action_id == action_id,
        Absence.person_id == ActionOwner.person_id,
        Absence.deputy_id == person_id,
        Absence.starts_on <= today,
        Absence.ends_on >= today,
    )
    return bool(session.scalar(select(owner | sponsor | deputy)))


def theme_sponsor(session: Session, theme_id: int) -> int | None:
    """The person id of the theme's sponsor, if it has one."""
    return session.scalar(select(Theme.sponsor_id).where(Theme.id == theme_id))


def managers(session: Session, programme_id: int, roles: Sequence[Role]) -> list[Person]:
    """The people holding ``roles`` in the programme, by role then position in the file."""
    rows = session.scalars(
        select(Membership)
        .where(Membership.programme_id == programme_id, Membership.role.in_(roles))
        .order_by(Membership.role, Membership.position)
        .options(joinedload(Membership.person))
    ).all()
    return [m.person for m in rows]
