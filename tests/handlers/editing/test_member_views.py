"""What the member's own pages show: their open actions as chat's 'mijn acties' lists them
(a deputy's too), and their updates newest first, withdrawn and corrected ones included, with
what they may still do with each. On SQLite and PostgreSQL with the BOCE example."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from bot.engine.opening import Register, import_file
from config.settings import Settings
from handlers.editing.member_views import my_actions, my_history, programmes_shown
from storage.own_history import HISTORY_PAGE
from storage.updates import edit_update, record_update, withdraw_update
from tests.conftest import REGIODEAL
from tests.editing_acts import editor
from tests.register_rows import action, person
from words.clock import FixedClock
from words.domain import Source, Status


def test_my_actions_are_the_open_ones_i_own(boce: Session, clock: FixedClock) -> None:
    mine = my_actions(boce, editor(boce, "lotte-venema"), clock.now())
    assert [(a.key, a.deputy_for, a.may_edit) for a in mine] == [
        ("OW-03", "", True),
        ("OW-04", "", True),
        ("OW-05", "", True),
        ("OW-08", "", True),
    ]
    ow08 = mine[-1]
    assert (ow08.programme_key, ow08.theme, ow08.status, ow08.status_word) == (
        "boce",
        "Omgevingswet",
        Status.AT_RISK,
        "risico",
    )
    assert ow08.overdue  # Q3 2026, and today is 22 November 2026
    assert ow08.last_update == "nog geen update"


def test_a_deputy_sees_the_actions_of_whom_they_stand_in_for(
    boce: Session, clock: FixedClock
) -> None:
    mine = my_actions(boce, editor(boce, "wim-schepers"), clock.now())
    deputised = {a.key for a in mine if a.deputy_for == "Rob Jansen"}
    assert deputised == {"OW-02", "OW-04"}  # OW-07 is done; OW-04 is Lotte's too
    assert all(a.deputy_for == "" for a in mine if a.key in {"OW-01", "OW-05", "OW-06"})


def test_a_reader_has_no_actions(boce: Session, clock: FixedClock) -> None:
    assert my_actions(boce, editor(boce, "gerda-boelens"), clock.now()) == ()


def test_my_history_is_newest_first_with_what_became_of_each(
    boce: Session, clock: FixedClock
) -> None:
    lotte, ow08 = person(boce, "lotte-venema"), action(boce, "OW-08")
    first = record_update(
        boce,
        ow08,
        lotte,
        clock.now(),
        source=Source.SLACK,
        status=Status.AT_RISK,
        text="eerst",
        event_row=None,
    )
    clock.advance(timedelta(hours=1))
    second = record_update(
        boce, ow08, lotte, clock.now(), source=Source.WEB, status=None, text="toen", event_row=None
    )
    edit_update(boce, first, clock.now(), text="eerst, beter gezegd", status=None)
    clock.advance(timedelta(hours=1))
    third = record_update(
        boce,
        action(boce, "OW-03"),
        lotte,
        clock.now(),
        source=Source.EMAIL,
        status=Status.DONE,
        text="",
        event_row=None,
    )
    withdraw_update(boce, second, lotte, clock.now())
    # Someone else's update is not in my history.
    record_update(
        boce,
        ow08,
        person(boce, "hendrik-kuiper"),
        clock.now(),
        source=Source.SLACK,
        status=None,
        text="van Hendrik",
        event_row=None,
    )
    history = my_history(boce, editor(boce, "lotte-venema"), clock.now())
    assert history.older is None
    assert [u.id for u in history.updates] == [third.id, second.id, first.id]
    newest, withdrawn, edited = history.updates
    assert (newest.source, newest.status, newest.may_correct, newest.may_withdraw) == (
        "e-mail",
        "afgerond",
        True,
        True,
    )
    assert withdrawn.withdrawn.startswith("Ingetrokken op zondag 22 november 2026 15:00")
    assert withdrawn.withdrawn.endswith("door Lotte Venema")
    assert (withdrawn.may_correct, withdrawn.may_withdraw) == (False, False)
    assert (edited.text, edited.edited) == ("eerst, beter gezegd", "zondag 22 november 2026 14:00")
    assert [(r.text, r.status) for r in edited.revisions] == [("eerst", "risico")]
    # Two hours old: past chat's undo window, still correctable.
    assert (edited.may_correct, edited.may_withdraw) == (True, False)


def test_history_pages_on_from_the_oldest_shown(boce: Session, clock: FixedClock) -> None:
    lotte, ow08 = person(boce, "lotte-venema"), action(boce, "OW-08")
    rows = [
        record_update(
            boce,
            ow08,
            lotte,
            clock.now(),
            source=Source.WEB,
            status=None,
            text=f"nr {n}",
            event_row=None,
        )
        for n in range(HISTORY_PAGE + 3)
    ]
    me = editor(boce, "lotte-venema")
    page = my_history(boce, me, clock.now())
    assert len(page.updates) == HISTORY_PAGE
    assert page.updates[0].id == rows[-1].id
    assert page.older == page.updates[-1].id
    rest = my_history(boce, me, clock.now(), before=page.older)
    assert [u.id for u in rest.updates] == [r.id for r in reversed(rows[:3])]
    assert rest.older is None


def test_my_actions_span_my_programmes(
    register: Register, settings: Settings, clock: FixedClock, boce: Session
) -> None:
    import_file(register, REGIODEAL, settings, clock)
    mine = my_actions(boce, editor(boce, "pieter-lubbers"), clock.now())
    assert programmes_shown(mine) == [
        ("boce", "BOCE beleidsagenda"),
        ("regiodeal-zod", "Regio Deal Zuid- en Oost-Drenthe"),
    ]
