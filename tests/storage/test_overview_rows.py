"""The overview's SQL: the register's slices in a fixed number of queries, their filters and
orders on both databases, the dashboard's tallies and an action's proposals."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from storage.overview_rows import (
    RegisterQuery,
    RegisterSort,
    meetings_between,
    proposals_of,
    register_choices,
    register_slice,
    tallies,
)
from storage.updates import decide_proposal, propose_deadline
from tests.commands_world import action, add_update, at, person
from tests.conftest import TODAY
from tests.overview_world import counted, many_actions, programme
from words.deadlines.parse import parse_deadline
from words.domain import ProposalState, Source, Status

BOCE_ACTIONS = 32


def keys(session: Session, query: RegisterQuery) -> list[str]:
    return [line.key for line in register_slice(session, query).lines]


def test_a_slice_is_a_page_of_the_register_in_number_order_with_the_total(
    boce: Session,
) -> None:
    boce_id = programme(boce).id
    first = register_slice(boce, RegisterQuery(boce_id, limit=5))
    assert [line.number for line in first.lines] == [1, 2, 3, 4, 5]
    assert first.total == BOCE_ACTIONS
    second = register_slice(boce, RegisterQuery(boce_id, offset=5, limit=5))
    assert [line.number for line in second.lines] == [6, 7, 8, 9, 10]
    assert second.total == BOCE_ACTIONS


def test_a_line_carries_its_owners_and_parties_in_the_files_order(boce: Session) -> None:
    line = register_slice(boce, RegisterQuery(programme(boce).id, limit=1)).lines[0]
    assert line.key == "OW-01"
    assert [o.name for o in line.owners] == ["Wim Schepers", "Rob Jansen"]
    assert [p.name for p in line.parties][:3] == [
        "Gemeente Borger-Odoorn",
        "Gemeente Coevorden",
        "Gemeente Emmen",
    ]
    assert line.status is Status.DELAYED
    assert line.due == date(2026, 6, 30)


def test_the_page_costs_the_same_few_queries_for_a_long_register(
    boce: Session,
) -> None:
    engine = boce.get_bind()
    assert isinstance(engine, Engine)
    boce_id = programme(boce).id
    query = RegisterQuery(boce_id, sort=RegisterSort.OWNER, limit=50)
    with counted(engine) as short:
        register_slice(boce, query)
    many_actions(boce, 400)
    with counted(engine) as long:
        found = register_slice(boce, query)
    assert len(found.lines) == 50
    assert found.total == BOCE_ACTIONS + 400
    assert len(long) == len(short) == 5


def test_filters_by_theme_track_party_owner_and_status(boce: Session) -> None:
    boce_id = programme(boce).id
    choices = register_choices(boce, boce_id)
    theme = next(c for c in choices.themes if c.key == "omgevingswet")
    track = next(c for c in choices.tracks if c.key == "samen-leren")
    rud = next(c for c in choices.parties if c.key == "rud-drenthe")
    lotte = next(c for c in choices.owners if c.key == "lotte-venema")
    assert keys(boce, RegisterQuery(boce_id, theme_ids=(theme.id,), track_ids=(track.id,))) == [
        "OW-08",
        "OW-09",
    ]
    assert keys(boce, RegisterQuery(boce_id, party_ids=(rud.id,)))[:2] == ["OW-01", "OW-03"]
    assert keys(boce, RegisterQuery(boce_id, owner_ids=(lotte.id,), theme_ids=(theme.id,))) == [
        "OW-03",
        "OW-04",
        "OW-05",
        "OW-08",
    ]
    both = keys(
        boce,
        RegisterQuery(boce_id, theme_ids=(theme.id,), statuses=(Status.DELAYED, Status.AT_RISK)),
    )
    assert both == ["OW-01", "OW-08"]


def test_overdue_is_open_with_a_deadline_before_the_day(boce: Session) -> None:
    boce_id = programme(boce).id
    overdue = keys(boce, RegisterQuery(boce_id, overdue_on=TODAY, sort=RegisterSort.DEADLINE))
    # OW-07 (afgerond, 1 oktober) and OW-06 (vervallen) passed their deadline, closed.
    assert "OW-01" in overdue
    assert "OW-08" in overdue
    assert "OW-07" not in overdue
    assert "OW-06" not in overdue
    lines = register_slice(boce, RegisterQuery(boce_id, overdue_on=TODAY)).lines
    assert all(line.due is not None and line.due < TODAY for line in lines)
    assert all(not line.status.closed for line in lines)


def test_due_between_counts_both_ends(boce: Session) -> None:
    boce_id = programme(boce).id
    lines = register_slice(
        boce, RegisterQuery(boce_id, due_from=date(2026, 12, 31), due_before=date(2026, 12, 31))
    ).lines
    assert {line.due for line in lines} == {date(2026, 12, 31)}
    assert "OW-02" in [line.key for line in lines]


@pytest.mark.parametrize("sort", list(RegisterSort))
@pytest.mark.parametrize("descending", [False, True])
def test_every_order_is_complete_and_stable(
    boce: Session, sort: RegisterSort, descending: bool
) -> None:
    boce_id = programme(boce).id
    whole = keys(boce, RegisterQuery(boce_id, sort=sort, descending=descending, limit=100))
    paged = [
        key
        for offset in range(0, BOCE_ACTIONS, 7)
        for key in keys(
            boce,
            RegisterQuery(boce_id, sort=sort, descending=descending, offset=offset, limit=7),
        )
    ]
    assert paged == whole
    assert len(set(whole)) == BOCE_ACTIONS


def test_deadline_order_puts_actions_without_one_last_both_ways(boce: Session) -> None:
    boce_id = programme(boce).id
    target = action(boce, "OW-09")
    target.due = None
    boce.flush()
    up = register_slice(boce, RegisterQuery(boce_id, sort=RegisterSort.DEADLINE, limit=100))
    down = register_slice(
        boce, RegisterQuery(boce_id, sort=RegisterSort.DEADLINE, descending=True, limit=100)
    )
    assert up.lines[-1].key == "OW-09"
    assert down.lines[-1].key == "OW-09"
    dues = [line.due for line in up.lines if line.due is not None]
    assert dues == sorted(dues)


def test_status_order_follows_the_chart_not_the_alphabet(boce: Session) -> None:
    boce_id = programme(boce).id
    lines = register_slice(boce, RegisterQuery(boce_id, sort=RegisterSort.STATUS, limit=100)).lines
    order = list(Status)
    ranks = [order.index(line.status) for line in lines]
    assert ranks == sorted(ranks)


def test_owner_order_reads_the_first_owners_name(boce: Session) -> None:
    boce_id = programme(boce).id
    lines = register_slice(boce, RegisterQuery(boce_id, sort=RegisterSort.OWNER, limit=100)).lines
    firsts = [line.owners[0].name.lower() for line in lines]
    assert firsts == sorted(firsts)


def test_last_update_is_the_newest_that_stands(boce: Session) -> None:
    boce_id = programme(boce).id
    add_update(boce, "OW-03", "lotte-venema", "2026-11-10T10:00:00", text="gestart")
    add_update(boce, "OW-02", "rob-jansen", "2026-11-12T10:00:00", text="loopt")
    add_update(
        boce,
        "OW-02",
        "rob-jansen",
        "2026-11-20T10:00:00",
        text="toch niet",
        withdrawn=("rob-jansen", "2026-11-20T10:05:00"),
    )
    lines = register_slice(
        boce, RegisterQuery(boce_id, sort=RegisterSort.UPDATED, descending=True, limit=3)
    ).lines
    assert [line.key for line in lines[:2]] == ["OW-02", "OW-03"]
    assert lines[0].last_update == at("2026-11-12T10:00:00")
    assert lines[2].last_update is None


def test_tallies_count_per_theme_and_status_with_the_overdue_apart(boce: Session) -> None:
    boce_id = programme(boce).id
    rows = tallies(boce, boce_id, TODAY)
    assert sum(row.count for row in rows) == BOCE_ACTIONS
    ow = register_choices(boce, boce_id).themes[0].id
    overdue = {(row.status, row.overdue): row.count for row in rows if row.theme_id == ow}
    assert overdue[(Status.DELAYED, True)] == 1  # OW-01
    assert overdue[(Status.AT_RISK, True)] == 1  # OW-08
    assert overdue[(Status.DONE, False)] == 1  # OW-07: closed, so never overdue


def test_meetings_between_two_days(boce: Session) -> None:
    found = meetings_between(boce, programme(boce).id, TODAY, date(2027, 5, 22), 10)
    assert [m.title for m in found] == [
        "Radenbijeenkomst BOCE",
        "Geactualiseerde bereikbaarheidsagenda gereed",
    ]


def test_proposals_with_who_proposed_and_who_decided(boce: Session) -> None:
    target = action(boce, "OW-03")
    lotte, kuiper = person(boce, "lotte-venema"), person(boce, "hendrik-kuiper")
    deadline = parse_deadline("eind maart 2027", TODAY)
    first = propose_deadline(boce, target, lotte, at("2026-11-02T09:00:00"), deadline)
    decide_proposal(
        boce,
        first,
        kuiper,
        at("2026-11-03T09:00:00"),
        accept=False,
        source=Source.SLACK,
        event_row=None,
    )
    later = parse_deadline("Q3 2027", TODAY)
    propose_deadline(boce, target, lotte, at("2026-11-05T09:00:00"), later)
    found = proposals_of(boce, target.id)
    assert [(p.proposer, p.state, p.decider) for p in found] == [
        ("Lotte Venema", ProposalState.REJECTED, "Hendrik Kuiper"),
        ("Lotte Venema", ProposalState.OPEN, None),
    ]
