"""An action's page: its details and its whole history in time order, made through the same
storage functions chat uses: updates with their channel, an edit with the earlier wording, a
withdrawn update kept and marked, a moved deadline, and proposals with their decisions."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from handlers.overview.history_model import ActionPage, EntryKind, action_page
from storage.updates import (
    decide_proposal,
    edit_update,
    propose_deadline,
    record_update,
    set_deadline,
    withdraw_update,
)
from tests.commands_world import action, at, person
from tests.conftest import TODAY
from tests.overview_world import programme
from words.deadlines.parse import parse_deadline
from words.domain import Source, Status

ZONE = ZoneInfo("Europe/Amsterdam")


def page_of(session: Session, number: int, who: str, lang: str = "nl") -> ActionPage:
    found = action_page(
        session,
        programme(session),
        number,
        person(session, who),
        today=TODAY,
        zone=ZONE,
        lang=lang,
    )
    assert found is not None
    return found


def _story(session: Session) -> None:
    """OW-03 (#3, Lotte Venema's) through everything that can happen to an action."""
    target = action(session, "OW-03")
    target.created_at = at("2026-10-01T08:00:00")  # imported before all this happened
    lotte, kuiper = person(session, "lotte-venema"), person(session, "hendrik-kuiper")
    first = record_update(
        session,
        target,
        lotte,
        at("2026-11-02T09:00:00"),
        source=Source.SLACK,
        status=Status.ON_TRACK,
        text="Gestart met de inventarisatie",
        event_row=None,
    )
    edit_update(
        session,
        first,
        at("2026-11-02T09:05:00"),
        text="Gestart met de inventarisatie bij de RUD",
        status=None,
    )
    proposing = record_update(
        session,
        target,
        lotte,
        at("2026-11-09T10:00:00"),
        source=Source.EMAIL,
        status=Status.AT_RISK,
        text="Verwacht eind maart 2027",
        event_row=None,
    )
    proposal = propose_deadline(
        session,
        target,
        lotte,
        at("2026-11-09T10:00:00"),
        parse_deadline("eind maart 2027", TODAY),
        update_id=proposing.id,
    )
    decide_proposal(
        session,
        proposal,
        kuiper,
        at("2026-11-10T08:00:00"),
        accept=True,
        source=Source.TEAMS,
        event_row=None,
    )
    oops = record_update(
        session,
        target,
        lotte,
        at("2026-11-12T15:00:00"),
        source=Source.WEB,
        status=Status.DONE,
        text="<b>Klaar</b>",
        event_row=None,
    )
    withdraw_update(session, oops, lotte, at("2026-11-12T15:04:00"))
    set_deadline(
        session,
        target,
        kuiper,
        at("2026-11-13T11:00:00"),
        parse_deadline("Q2 2027", TODAY),
        source=Source.SLACK,
        event_row=None,
    )
    propose_deadline(
        session, target, lotte, at("2026-11-14T09:00:00"), parse_deadline("Q3 2027", TODAY)
    )
    session.flush()


def test_the_history_tells_everything_in_time_order(boce: Session) -> None:
    _story(boce)
    page = page_of(boce, 3, "marieke-hoekstra")
    kinds = [entry.kind for entry in page.history]
    assert kinds == [
        EntryKind.CREATED,
        EntryKind.UPDATE,
        EntryKind.EDIT,
        EntryKind.UPDATE,
        EntryKind.PROPOSAL,
        EntryKind.DECISION,
        EntryKind.DEADLINE,
        EntryKind.UPDATE,
        EntryKind.WITHDRAWAL,
        EntryKind.DEADLINE,
        EntryKind.PROPOSAL,
    ]
    moments = [entry.at for entry in page.history[1:]]
    assert moments == sorted(moments)


def test_updates_say_who_when_and_through_which_channel(boce: Session) -> None:
    _story(boce)
    entries = page_of(boce, 3, "marieke-hoekstra").history
    first = entries[1]
    assert (first.who, first.channel, first.status) == ("Lotte Venema", "Slack", "op schema")
    assert first.text == "Gestart met de inventarisatie bij de RUD"
    assert first.edited
    assert first.when == "maandag 2 november 2026 10:00"  # 09:00 UTC in Amsterdam
    assert entries[3].channel == "e-mail"


def test_an_edit_keeps_the_earlier_wording(boce: Session) -> None:
    _story(boce)
    edit = page_of(boce, 3, "marieke-hoekstra").history[2]
    assert edit.text == "Gestart met de inventarisatie"
    assert edit.status == "op schema"
    assert edit.of_when == "maandag 2 november 2026 10:00"
    assert edit.who == "Lotte Venema"


def test_a_withdrawn_update_stays_marked_with_by_whom_and_when(boce: Session) -> None:
    _story(boce)
    entries = page_of(boce, 3, "marieke-hoekstra").history
    withdrawn = entries[7]
    assert withdrawn.text == "<b>Klaar</b>"  # as typed: the page escapes it
    assert withdrawn.channel == "de webapp"
    assert withdrawn.withdrawn == "ingetrokken door Lotte Venema, donderdag 12 november 2026 16:04"
    assert entries[8].kind is EntryKind.WITHDRAWAL
    assert entries[8].who == "Lotte Venema"
    assert all(not e.withdrawn for e in entries if e is not withdrawn)


def test_proposals_and_decisions_with_their_channels(boce: Session) -> None:
    _story(boce)
    page = page_of(boce, 3, "marieke-hoekstra")
    proposal, decision, moved = page.history[4:7]
    assert (proposal.who, proposal.channel, proposal.new_deadline) == (
        "Lotte Venema",
        "e-mail",
        "eind maart 2027",
    )
    assert proposal.outcome == "aangenomen"
    assert (decision.who, decision.channel, decision.outcome) == (
        "Hendrik Kuiper",
        "Teams",
        "aangenomen",
    )
    assert (moved.old_deadline, moved.new_deadline) == ("eerste helft 2027", "eind maart 2027")
    last = page.history[-1]
    assert last.pending
    assert last.channel == ""  # proposed without an update: nothing says where
    assert page.open_proposal == last
    assert page.deadline == "tweede kwartaal 2027"


def test_the_details_and_the_edit_right_of_each_reader(boce: Session) -> None:
    page = page_of(boce, 1, "wim-schepers")
    assert page.title == "Omgevingstafel Zuidoost-Drenthe inrichten"
    assert page.owners == ("Wim Schepers", "Rob Jansen")
    assert page.parties == ("Borger-Odoorn", "Coevorden", "Emmen", "RUD Drenthe")
    assert (page.theme, page.sponsor, page.track) == (
        "Omgevingswet",
        "Hendrik Kuiper",
        "Samen doen",
    )
    assert (page.light, page.status_word) == ("rood", "vertraagd; termijn verstreken")
    assert page.history[0].kind is EntryKind.CREATED
    assert page.may_edit  # his own
    assert not page_of(boce, 3, "wim-schepers").may_edit  # Lotte's
    assert not page_of(boce, 1, "gerda-boelens").may_edit  # a reader
    assert page_of(boce, 1, "hendrik-kuiper").may_edit  # the theme's sponsor
    assert (
        page_of(boce, 8, "lotte-venema", "en").kpi
        == "progress 34 of 60 medewerkers: leergang afgerond, 57%"
    )


def test_no_such_number_is_none(boce: Session) -> None:
    found = action_page(
        boce,
        programme(boce),
        999,
        person(boce, "marieke-hoekstra"),
        today=TODAY,
        zone=ZONE,
        lang="nl",
    )
    assert found is None
