"""Reading the register: programmes, actions with filters, and what export needs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session, joinedload, selectinload

from storage.action_criteria import ActionCriteria, ActionSort, Ids, Overdue, order_by, where
from storage.models import (
    STANDING,
    Action,
    ActionOwner,
    ActionParty,
    Membership,
    Person,
    Programme,
    StatusUpdate,
    Theme,
)
from words.action_keys import key_form
from words.domain import Status
from words.numbers import row_number


@dataclass(frozen=True, slots=True)
class ActionFilter:
    programme: str | None = None  # programme key
    theme: str | None = None  # theme key or part of its name
    owner: str | None = None  # person key, email or part of the name
    statuses: tuple[Status, ...] = ()
    overdue_on: date | None = None  # open actions whose deadline passed before this day
    due_before: date | None = None  # deadline on or before this day


def programmes(session: Session) -> Sequence[Programme]:
    return session.scalars(select(Programme).order_by(Programme.key)).all()


def programme_by_key(session: Session, key: str) -> Programme | None:
    return session.scalar(select(Programme).where(Programme.key == key))


def _owners(text: str) -> Ids:
    # Whose key in the action's own programme it is, whose email, or a part of whose name.
    needle = text.strip().lower()
    # Correlated by name: the action is two SELECTs further out than SQLAlchemy looks itself.
    keyed = (
        exists()
        .where(
            Membership.person_id == Person.id,
            Membership.programme_id == Action.programme_id,
            Membership.key == needle,
        )
        .correlate(Person, Action)
    )
    named = func.lower(Person.name).contains(needle, autoescape=True)
    return select(Person.id).where(or_(keyed, Person.email == needle, named))


def _themes(text: str) -> Ids:
    needle = text.strip().lower()
    named = func.lower(Theme.name).contains(needle, autoescape=True)
    return select(Theme.id).where(or_(Theme.key == needle, named))


def _criteria(flt: ActionFilter) -> ActionCriteria:
    """The command line's filter as criteria: its words become subqueries of ids."""
    return ActionCriteria(
        programmes=(
            None
            if flt.programme is None
            else select(Programme.id).where(Programme.key == flt.programme)
        ),
        themes=None if flt.theme is None else _themes(flt.theme),
        owners=None if flt.owner is None else _owners(flt.owner),
        statuses=flt.statuses,
        overdue=None if flt.overdue_on is None else Overdue(flt.overdue_on),
        due_before=flt.due_before,
    )


def list_actions(session: Session, wanted: ActionFilter | ActionCriteria) -> Sequence[Action]:
    """Actions matching ``wanted`` in programme, theme and number order, owners loaded."""
    criteria = _criteria(wanted) if isinstance(wanted, ActionFilter) else wanted
    query = (
        select(Action)
        .where(*where(criteria))
        .options(
            joinedload(Action.programme),
            joinedload(Action.theme),
            joinedload(Action.track),
            selectinload(Action.owner_links).joinedload(ActionOwner.person),
            selectinload(Action.party_links).joinedload(ActionParty.party),
        )
        .order_by(*order_by(ActionSort.PROGRAMME))
    )
    return session.scalars(query).unique().all()


def action_by_ref(session: Session, programme_id: int, ref: str) -> Action | None:
    """The action a person means by "12", "#12" or its key, in one programme."""
    found = actions_by_ref(session, [programme_id], ref)
    return found[0] if found else None


def actions_by_ref(session: Session, programme_ids: Sequence[int], ref: str) -> list[Action]:
    """The actions "12", "#12" or a key ("OW-05", "ow 5", "H-b") names, at most one a programme.

    A number is the action's number: a number no action can have ("99999999999999999999",
    "²") names none and is not sent to the database, which would refuse it. A key is compared
    by its form (``words.action_keys.key_form``: "OW 5" is "OW-05"), in one query that loads
    the programmes' keys; where two stored keys share a form, the one written like ``ref`` is
    meant, else the older action.
    """
    text = ref.strip().removeprefix("#").strip()
    if not programme_ids or not text:
        return []
    number = row_number(text)
    if number is not None:
        by_number = select(Action).where(
            Action.programme_id.in_(programme_ids), Action.number == number
        )
        return list(session.scalars(by_number.order_by(Action.programme_id)))
    form = key_form(text)
    if form is None:
        return []
    rows = session.execute(
        select(Action.programme_id, Action.id, Action.key)
        .where(Action.programme_id.in_(programme_ids))
        .order_by(Action.programme_id, Action.id)
    )
    chosen: dict[int, int] = {}
    for programme_id, action_id, key in rows:
        if key_form(key) != form:
            continue
        if programme_id not in chosen or key.lower() == text.lower():
            chosen[programme_id] = action_id
    if not chosen:
        return []
    actions = session.scalars(select(Action).where(Action.id.in_(chosen.values())))
    return sorted(actions, key=lambda action: action.programme_id)


def last_updates(session: Session, action_ids: Sequence[int]) -> dict[int, StatusUpdate]:
    """The newest update of each action that stands (not withdrawn), in one query."""
    if not action_ids:
        return {}
    newest = (
        select(StatusUpdate.action_id, func.max(StatusUpdate.id).label("id"))
        .where(StatusUpdate.action_id.in_(action_ids), STANDING)
        .group_by(StatusUpdate.action_id)
        .subquery()
    )
    rows = session.scalars(select(StatusUpdate).join(newest, StatusUpdate.id == newest.c.id))
    return {u.action_id: u for u in rows}


def load_programme(session: Session, key: str) -> Programme | None:
    """A programme with everything export needs, loaded in a fixed number of queries."""
    return session.scalar(
        select(Programme)
        .where(Programme.key == key)
        .options(
            selectinload(Programme.parties),
            selectinload(Programme.tracks),
            selectinload(Programme.themes).joinedload(Theme.sponsor),
            selectinload(Programme.memberships)
            .joinedload(Membership.person)
            .selectinload(Person.identities),
            selectinload(Programme.memberships)
            .joinedload(Membership.person)
            .selectinload(Person.absences),
            selectinload(Programme.actions).selectinload(Action.owner_links),
            selectinload(Programme.actions).selectinload(Action.party_links),
            selectinload(Programme.meetings),
        )
    )
