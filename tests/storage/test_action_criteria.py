"""The one WHERE and ORDER BY of an action listing, on both databases and two programmes: each
criterion keeps what a plain reading of the actions keeps, every order is complete and stable
either way round, and the two ways of turning an order round stay apart."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from bot.engine.opening import Register, import_file
from config.settings import Settings
from storage.action_criteria import (
    ActionCriteria,
    ActionSort,
    Direction,
    Overdue,
    count_actions,
    order_by,
    where,
)
from storage.models import Action, Membership, Party, Theme
from storage.register import ActionFilter, list_actions
from tests.commands_world import action, add_update, at
from tests.conftest import BOCE, REGIODEAL, TODAY
from tests.overview_world import counted, programme
from tests.register_rows import ACTION_READ
from words.clock import FixedClock
from words.domain import Status


@pytest.fixture
def two(register: Register, settings: Settings, clock: FixedClock) -> Iterator[Session]:
    """BOCE and the regiodeal in one register, OW-09 without a deadline (rolled back)."""
    import_file(register, BOCE, settings, clock)
    import_file(register, REGIODEAL, settings, clock)
    with register.sessions() as session:
        action(session, "OW-09").due = None
        session.flush()
        yield session


def everything(session: Session) -> list[Action]:
    return list(session.scalars(select(Action).options(*ACTION_READ)).unique())


def found(
    session: Session,
    criteria: ActionCriteria,
    sort: ActionSort = ActionSort.NUMBER,
    direction: Direction = Direction.UP,
    *,
    offset: int = 0,
    limit: int = 1000,
) -> list[int]:
    statement = (
        select(Action.id)
        .where(*where(criteria))
        .order_by(*order_by(sort, direction))
        .offset(offset)
        .limit(limit)
    )
    return list(session.scalars(statement))


def expect(session: Session, keep: Callable[[Action], bool]) -> set[int]:
    return {a.id for a in everything(session) if keep(a)}


def test_no_criteria_is_every_action_of_every_programme(two: Session) -> None:
    ids = found(two, ActionCriteria())
    assert set(ids) == expect(two, lambda a: True)
    assert len({a.programme_id for a in everything(two)}) == 2
    assert count_actions(two, ActionCriteria()) == len(ids)


def test_each_criterion_keeps_what_a_reading_of_the_actions_keeps(two: Session) -> None:
    boce, regiodeal = programme(two).id, programme(two, "regiodeal-zod").id
    sample = action(two, "OW-03")
    theme, track = sample.theme_id, sample.track_id
    assert track is not None
    party = sample.party_links[0].party_id
    owner = sample.owner_links[0].person_id
    cases: list[tuple[ActionCriteria, Callable[[Action], bool]]] = [
        (ActionCriteria(programmes=(regiodeal,)), lambda a: a.programme_id == regiodeal),
        (ActionCriteria(programmes=(boce, regiodeal)), lambda a: True),
        (ActionCriteria(themes=(theme,)), lambda a: a.theme_id == theme),
        (ActionCriteria(tracks=(track,)), lambda a: a.track_id == track),
        (
            ActionCriteria(parties=(party,)),
            lambda a: party in {link.party_id for link in a.party_links},
        ),
        (
            ActionCriteria(owners=(owner,)),
            lambda a: owner in {link.person_id for link in a.owner_links},
        ),
        (
            ActionCriteria(statuses=(Status.DELAYED, Status.AT_RISK)),
            lambda a: a.status in (Status.DELAYED, Status.AT_RISK),
        ),
        (
            ActionCriteria(overdue=Overdue(TODAY)),
            lambda a: a.due is not None and a.due < TODAY and not a.status.closed,
        ),
        (
            # Not overdue: closed, due later, or without a deadline (OW-09).
            ActionCriteria(overdue=Overdue(TODAY, wanted=False)),
            lambda a: a.due is None or a.due >= TODAY or a.status.closed,
        ),
        (
            ActionCriteria(due_from=date(2026, 12, 31), due_before=date(2027, 3, 31)),
            lambda a: a.due is not None and date(2026, 12, 31) <= a.due <= date(2027, 3, 31),
        ),
        (
            ActionCriteria(programmes=(boce,), owners=(owner,), statuses=(Status.OPEN,)),
            lambda a: (
                a.programme_id == boce
                and owner in {link.person_id for link in a.owner_links}
                and a.status is Status.OPEN
            ),
        ),
    ]
    for criteria, keep in cases:
        wanted = expect(two, keep)
        assert wanted, criteria
        assert set(found(two, criteria)) == wanted, criteria
        assert count_actions(two, criteria) == len(wanted), criteria


def test_the_overdue_split_leaves_no_action_out_and_none_twice(two: Session) -> None:
    late = found(two, ActionCriteria(overdue=Overdue(TODAY)))
    rest = found(two, ActionCriteria(overdue=Overdue(TODAY, wanted=False)))
    assert action(two, "OW-09").id in rest
    assert not set(late) & set(rest)
    assert len(late) + len(rest) == len(everything(two))


def test_ids_by_subquery_and_empty_sets_match_nothing_when_nothing_is_named(
    two: Session,
) -> None:
    boce = programme(two).id
    by_key = select(Theme.id).where(Theme.programme_id == boce, Theme.key == "omgevingswet")
    omgevingswet = found(two, ActionCriteria(themes=by_key))
    assert omgevingswet
    assert {a.theme.key for a in everything(two) if a.id in omgevingswet} == {"omgevingswet"}
    unknown = select(Party.id).where(Party.key == "onbekend")
    assert found(two, ActionCriteria(parties=unknown)) == []
    # An empty set names no programme: never all of them.
    assert found(two, ActionCriteria(programmes=())) == []
    assert found(two, ActionCriteria(owners=())) == []
    assert count_actions(two, ActionCriteria(themes=())) == 0


def test_a_listing_by_subqueries_is_one_query(two: Session) -> None:
    engine = two.get_bind()
    assert isinstance(engine, Engine)
    criteria = ActionCriteria(
        themes=select(Theme.id).where(Theme.key == "omgevingswet"),
        parties=select(Party.id).where(Party.key == "rud-drenthe"),
    )
    with counted(engine) as seen:
        ids = found(two, criteria, ActionSort.OWNER)
    assert ids
    assert len(seen) == 1


@pytest.mark.parametrize("sort", list(ActionSort))
@pytest.mark.parametrize("direction", list(Direction))
def test_every_order_is_complete_and_stable(
    two: Session, sort: ActionSort, direction: Direction
) -> None:
    whole = found(two, ActionCriteria(), sort, direction)
    paged = [
        i
        for offset in range(0, len(whole), 7)
        for i in found(two, ActionCriteria(), sort, direction, offset=offset, limit=7)
    ]
    assert paged == whole
    assert sorted(whole) == sorted(expect(two, lambda a: True))


@pytest.mark.parametrize("direction", list(Direction))
def test_actions_without_a_deadline_come_last_either_way(
    two: Session, direction: Direction
) -> None:
    boce = ActionCriteria(programmes=(programme(two).id,))
    ids = found(two, boce, ActionSort.DUE, direction)
    assert ids[-1] == action(two, "OW-09").id
    due = {a.id: a.due for a in everything(two)}
    known = [due[i] for i in ids[:-1]]
    assert None not in known
    assert known == sorted(known, reverse=direction is not Direction.UP)  # type: ignore[type-var]


def numbers_of(session: Session, ids: list[int]) -> list[tuple[Status, int]]:
    by_id = {a.id: a for a in everything(session)}
    return [(by_id[i].status, by_id[i].number) for i in ids]


def test_down_keeps_ties_by_number_upward_and_reversed_turns_them_round(two: Session) -> None:
    """The register page (DOWN) and the API (REVERSED) each keep their own way round."""
    boce = ActionCriteria(programmes=(programme(two).id,))
    rank = {s: i for i, s in enumerate(Status)}
    down = numbers_of(two, found(two, boce, ActionSort.STATUS, Direction.DOWN))
    assert down == sorted(down, key=lambda sn: (-rank[sn[0]], sn[1]))
    back = numbers_of(two, found(two, boce, ActionSort.STATUS, Direction.REVERSED))
    assert back == sorted(back, key=lambda sn: (-rank[sn[0]], -sn[1]))
    assert down != back  # BOCE has several actions of one status
    for direction in (Direction.DOWN, Direction.REVERSED):
        by_number = numbers_of(two, found(two, boce, ActionSort.NUMBER, direction))
        assert [n for _, n in by_number] == sorted((n for _, n in by_number), reverse=True)


def test_the_programme_order_is_key_then_theme_then_number(two: Session) -> None:
    ids = found(two, ActionCriteria(), ActionSort.PROGRAMME)
    listed = sorted(everything(two), key=lambda a: ids.index(a.id))
    assert [a.id for a in listed] == ids
    keys = [(a.programme.key, a.theme.position, a.number) for a in listed]
    assert keys == sorted(keys)
    assert keys[0][0] == "boce"
    assert keys[-1][0] == "regiodeal-zod"


def test_last_update_and_changed_are_two_orders(two: Session) -> None:
    """The page's "updated" is the newest update that stands, the API's the action's own
    change; an update that changes nothing of the action moves only the first."""
    boce = ActionCriteria(programmes=(programme(two).id,))
    add_update(two, "OW-05", "lotte-venema", "2026-11-20T10:00:00", text="loopt")
    add_update(two, "OW-02", "rob-jansen", "2026-11-12T10:00:00", text="loopt ook")
    action(two, "BER-02").updated_at = at("2030-01-01T00:00:00")
    two.flush()
    newest = found(two, boce, ActionSort.LAST_UPDATE, Direction.DOWN)
    assert newest[:3] == [action(two, key).id for key in ("OW-05", "OW-02", "OW-01")]
    changed = found(two, boce, ActionSort.CHANGED, Direction.REVERSED)
    assert changed[0] == action(two, "BER-02").id
    stamps = {a.id: (a.updated_at, a.number) for a in everything(two)}
    assert changed == sorted(changed, key=lambda i: stamps[i], reverse=True)


def test_an_owner_named_by_key_is_that_key_in_the_actions_own_programme(two: Session) -> None:
    """The command line's owner: a key counts in the programme where the person has it.
    Pieter Lubbers owns actions in both; his key in the regiodeal names only those."""
    member = two.scalars(
        select(Membership).where(
            Membership.key == "pieter-lubbers",
            Membership.programme_id == programme(two, "regiodeal-zod").id,
        )
    ).one()
    member.key = "elders-bekend"
    two.flush()
    everywhere = list_actions(two, ActionFilter(owner="pieter-lubbers"))
    assert {a.programme.key for a in everywhere} == {"boce"}
    listed = list_actions(two, ActionFilter(owner="Elders-Bekend"))
    assert listed
    assert {a.programme.key for a in listed} == {"regiodeal-zod"}
    assert all(member.person_id in {p.id for p in a.owners} for a in listed)


def test_overdue_is_judged_on_the_day_given(two: Session) -> None:
    target = action(two, "OW-03")
    assert target.due is not None
    target.status = Status.OPEN
    two.flush()
    before = found(two, ActionCriteria(overdue=Overdue(target.due)))
    after = found(two, ActionCriteria(overdue=Overdue(target.due + timedelta(days=1))))
    assert target.id not in before
    assert target.id in after
