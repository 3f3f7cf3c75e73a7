"""Which of the register's actions a listing shows and in which order, written once for the
command line (storage.register), the web's register page and dashboard (storage.overview_rows)
and the API (storage.api_rows): each selects its own columns and adds these clauses.

The clauses stand on the actions table alone. Whatever names a theme, owner or party by a key
or a word becomes a subquery of ids in the same statement, never a query of its own, so an
unknown key matches nothing and a listing costs the same number of queries however long.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import Enum, StrEnum
from typing import Any, Final

from sqlalchemy import ColumnElement, Select, case, exists, func, select
from sqlalchemy.orm import Session

from storage.models import (
    STANDING,
    Action,
    ActionOwner,
    ActionParty,
    Person,
    Programme,
    StatusUpdate,
    Theme,
)
from words.domain import Status

CLOSED: Final = (Status.DONE, Status.DROPPED)

# A set of ids given outright, or a SELECT of one id column that the database works out (a
# theme's key, a part of a name). Either one filters: an empty set, or a SELECT that finds
# nothing, matches no action (so no empty list of programmes can ever mean all of them).
Ids = tuple[int, ...] | Select[int]


@dataclass(frozen=True, slots=True)
class Overdue:
    """Whether an action is overdue on ``day``: open, with a deadline before it."""

    day: date
    # False: only the actions that are not, those without a deadline among them.
    wanted: bool = True


@dataclass(frozen=True, slots=True)
class ActionCriteria:
    """Which actions. Every field that is given narrows (None, or no status named: not asked);
    several values in one are alternatives ("delayed or at risk")."""

    programmes: Ids | None = None
    themes: Ids | None = None
    tracks: Ids | None = None
    parties: Ids | None = None
    owners: Ids | None = None  # people
    statuses: tuple[Status, ...] = ()
    overdue: Overdue | None = None
    due_from: date | None = None  # a deadline on or after this day
    due_before: date | None = None  # a deadline on or before this day


class ActionSort(StrEnum):
    """Every order a listing offers; each is followed by the number, so a page is stable."""

    NUMBER = "number"
    DUE = "due"
    STATUS = "status"  # the chart's order, not the alphabet of the stored codes
    THEME = "theme"  # the themes' order in the letter
    OWNER = "owner"  # the first owner's name
    LAST_UPDATE = "last_update"  # the newest update that stands (the register page)
    CHANGED = "changed"  # when the action itself last changed (the API's "updated")
    PROGRAMME = "programme"  # the programme's key, then the themes' order (the command line)


class Direction(Enum):
    """Which way round. The register page and the API turn an order round differently, and
    each keeps its own: the page's ties still run up by number, the API's turn round too."""

    UP = "up"
    DOWN = "down"  # the sort downward, ties by number upward (the register page)
    REVERSED = "reversed"  # the whole order turned round, ties by number downward (the API)


def overdue_on(day: date) -> ColumnElement[bool]:
    """Open, with a deadline before ``day``; an action without a deadline is never overdue."""
    return (Action.due < day) & Action.status.not_in(CLOSED)


def _in(column: Any, ids: Ids) -> ColumnElement[bool]:
    if isinstance(ids, tuple):
        return column.in_(ids)  # type: ignore[no-any-return]
    # Correlated with the actions alone: a caller that joins the themes (the API, for their
    # keys) must not have them taken out of a subquery that reads the themes table itself.
    return column.in_(ids.correlate(Action))  # type: ignore[no-any-return]


def where(criteria: ActionCriteria) -> list[ColumnElement[bool]]:
    """The WHERE clauses of ``criteria``, for a SELECT from the actions table."""
    clauses: list[ColumnElement[bool]] = []
    if criteria.programmes is not None:
        clauses.append(_in(Action.programme_id, criteria.programmes))
    if criteria.themes is not None:
        clauses.append(_in(Action.theme_id, criteria.themes))
    if criteria.tracks is not None:
        clauses.append(_in(Action.track_id, criteria.tracks))
    if criteria.parties is not None:
        linked = _in(ActionParty.party_id, criteria.parties)
        clauses.append(exists().where(ActionParty.action_id == Action.id, linked))
    if criteria.owners is not None:
        owned = _in(ActionOwner.person_id, criteria.owners)
        clauses.append(exists().where(ActionOwner.action_id == Action.id, owned))
    if criteria.statuses:
        clauses.append(Action.status.in_(criteria.statuses))
    if criteria.overdue is not None:
        late = overdue_on(criteria.overdue.day)
        # NOT of a comparison with no deadline is unknown in SQL, not true: said outright.
        clauses.append(late if criteria.overdue.wanted else ~late | Action.due.is_(None))
    if criteria.due_from is not None:
        clauses.append(Action.due >= criteria.due_from)
    if criteria.due_before is not None:
        clauses.append(Action.due <= criteria.due_before)
    return clauses


def _status_rank() -> Any:
    return case(*((Action.status == s, i) for i, s in enumerate(Status)), else_=len(Status))


def _looked_up(column: Any, row: ColumnElement[bool]) -> Any:
    # Read from the action's row in another table, so that no caller has to join that table.
    return select(column).where(row).correlate(Action).scalar_subquery()


def _first_owner_name() -> Any:
    return (
        select(func.lower(Person.name))
        .join(ActionOwner, ActionOwner.person_id == Person.id)
        .where(ActionOwner.action_id == Action.id)
        .order_by(ActionOwner.position, ActionOwner.person_id)
        .limit(1)
        .correlate(Action)
        .scalar_subquery()
    )


def _last_update_at() -> Any:
    return (
        select(func.max(StatusUpdate.created_at))
        .where(StatusUpdate.action_id == Action.id, STANDING)
        .correlate(Action)
        .scalar_subquery()
    )


_SORTED_BY: Final[dict[ActionSort, Callable[[], list[Any]]]] = {
    ActionSort.NUMBER: list,  # the number that follows every sort is all of it
    ActionSort.DUE: lambda: [Action.due],
    ActionSort.STATUS: lambda: [_status_rank()],
    ActionSort.THEME: lambda: [_looked_up(Theme.position, Theme.id == Action.theme_id)],
    ActionSort.OWNER: lambda: [_first_owner_name()],
    ActionSort.LAST_UPDATE: lambda: [_last_update_at()],
    ActionSort.CHANGED: lambda: [Action.updated_at],
    ActionSort.PROGRAMME: lambda: [
        _looked_up(Programme.key, Programme.id == Action.programme_id),
        _looked_up(Theme.position, Theme.id == Action.theme_id),
    ],
}


def order_by(sort: ActionSort, direction: Direction = Direction.UP) -> list[Any]:
    """The ORDER BY of ``sort``: its columns, then the number and the id. Actions without a
    deadline, owner or update come last either way round: they are the least telling rows of
    such a listing."""
    down = direction is not Direction.UP
    columns = [(c.desc() if down else c.asc()).nulls_last() for c in _SORTED_BY[sort]()]
    # Sorted by the number itself, downward is downward whichever way the ties would run.
    number_down = direction is Direction.REVERSED or (down and sort is ActionSort.NUMBER)
    # Numbers repeat across programmes: the id settles a listing of several just as firmly.
    ties = (Action.number, Action.id)
    return [*columns, *(c.desc() if number_down else c.asc() for c in ties)]


def count_actions(session: Session, criteria: ActionCriteria) -> int:
    """How many actions match ``criteria``: one query."""
    found = session.scalar(select(func.count(Action.id)).where(*where(criteria)))
    return found if found is not None else 0
