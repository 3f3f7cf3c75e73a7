"""The edit page's update form in the feature: chat's rights per role, chat's checks, and the
recording chat does (source web, one event one update, a proposal to the deciders or a
deadline set), each change with its audit row; refused or sent back, nothing is written.

On SQLite and PostgreSQL with the BOCE example (people as in tests/handlers/replies).
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers.editing.page_editor import Problems, Refused
from handlers.editing.page_report import Reported, edit_refusal, new_submission, report_on_page
from storage.models import DeadlineProposal, InboundEvent, StatusUpdate
from tests.editing_acts import ORIGIN, audit_rows, counts, editor, outbox_to
from tests.register_rows import action, person
from tests.reply_acts import submit
from words.catalogue import t
from words.clock import FixedClock
from words.domain import ProposalState, Source, Status, UpdateKind


def send(
    session: Session, clock: FixedClock, who: str, key: str, submission: str = "", **values: str
) -> Refused | Problems | Reported:
    return report_on_page(
        session,
        clock,
        editor(session, who),
        action(session, key),
        fields=values,
        submission=submission or new_submission(),
    )


def updates(session: Session) -> list[StatusUpdate]:
    return list(session.scalars(select(StatusUpdate).order_by(StatusUpdate.id)))


# --- who may ----------------------------------------------------------------------------------


# Importing the example takes a few seconds on PostgreSQL: the cases share one register.
MAY_EDIT = [
    ("lotte-venema", "OW-08", None),  # the owner
    ("wim-schepers", "OW-07", None),  # Rob Jansen's deputy while he is away
    ("hendrik-kuiper", "OW-08", None),  # the theme's sponsor
    ("marieke-hoekstra", "BER-02", None),  # the director
    ("sanne-wolters", "RT-01", None),  # programme support
    ("lotte-venema", "OW-01", "perm.not_owner"),  # another member's action
    ("annelies-mulder", "OW-08", "perm.not_owner"),  # the sponsor of another theme
    ("gerda-boelens", "OW-08", "perm.reader"),  # a reader
]


def test_the_edit_form_is_for_whoever_may_update_in_chat(boce: Session, clock: FixedClock) -> None:
    found = [
        (who, key, edit_refusal(boce, editor(boce, who), action(boce, key), clock.now()))
        for who, key, _ in MAY_EDIT
    ]
    assert found == MAY_EDIT


def test_a_refused_sender_changes_nothing(boce: Session, clock: FixedClock) -> None:
    before = counts(boce)
    for who, key, reason in MAY_EDIT:
        if reason is None:
            continue
        target = action(boce, key)
        status, due = target.status, target.due
        outcome = send(boce, clock, who, key, status="done", text="klaar", deadline="eind 2027")
        assert outcome == Refused(reason), who
        assert (target.status, target.due) == (status, due)
    assert counts(boce) == before


# --- what is recorded ------------------------------------------------------------------------


def test_an_owner_reports_as_in_chat_through_the_web(boce: Session, clock: FixedClock) -> None:
    ow08, lotte = action(boce, "OW-08"), person(boce, "lotte-venema")
    outcome = send(
        boce, clock, "lotte-venema", "OW-08", status="delayed", text="docent ziek", kpi="40"
    )
    assert isinstance(outcome, Reported)
    (row,) = updates(boce)
    assert (row.kind, row.source, row.author_id) == (UpdateKind.STATUS, Source.WEB, lotte.id)
    assert (row.status, row.text, row.progress, row.previous_status) == (
        Status.DELAYED,
        "docent ziek",
        40,
        Status.AT_RISK,
    )
    assert (ow08.status, ow08.kpi_current) == (Status.DELAYED, 40)
    # One event, one update, as every chat update: the event is the web's, handled at once.
    assert row.event_id is not None
    event = boce.get_one(InboundEvent, row.event_id)
    assert (event.platform, event.kind, event.person_id) == (Source.WEB, "form", lotte.id)
    assert event.handled_at == clock.now()
    assert outcome.update_id == row.id
    assert outcome.lines == (
        t(
            "replies.recorded_status_text",
            "nl",
            number=8,
            title=ow08.title,
            status="vertraagd",
            text="docent ziek",
        ),
        "Stand 40 van 60 medewerkers: leergang afgerond (67 %).",
    )
    (entry,) = audit_rows(boce)
    assert (entry.what, entry.subject, entry.via, entry.actor) == (
        "action.update",
        "#8",
        "web",
        "Lotte Venema",
    )
    assert (entry.address, entry.user_agent, entry.person_id) == (
        ORIGIN.address,
        ORIGIN.user_agent,
        lotte.id,
    )
    assert entry.detail == {
        "status": "delayed",
        "text": "docent ziek",
        "kpi": "40",
        "update": row.id,
    }


def test_the_page_says_what_chat_says_to_the_sender(boce: Session, clock: FixedClock) -> None:
    """The same form through chat and through the page: the same lines, but for chat's own
    hint about 'wijzig' and 'ongedaan'."""
    ow03, lotte = action(boce, "OW-03"), person(boce, "lotte-venema")
    _, out = submit(boce, clock, lotte, str(ow03.id), status="at_risk", text="RUD onderbezet")
    in_chat = out.last().text.split("\n")
    outcome = send(boce, clock, "lotte-venema", "OW-04", status="at_risk", text="RUD onderbezet")
    assert isinstance(outcome, Reported)
    ow04 = action(boce, "OW-04")
    assert in_chat[0].replace(f"#3 {ow03.title}", f"#4 {ow04.title}") == outcome.lines[0]
    assert len(in_chat) == len(outcome.lines) + 1  # chat adds how to correct it there


def test_the_same_submission_twice_records_once(boce: Session, clock: FixedClock) -> None:
    once = new_submission()
    first = send(boce, clock, "lotte-venema", "OW-08", once, status="done", text="klaar")
    after_first = counts(boce)
    again = send(boce, clock, "lotte-venema", "OW-08", once, status="done", text="klaar")
    assert isinstance(first, Reported)
    assert again == Reported((), again=True)
    assert counts(boce) == after_first
    assert len(updates(boce)) == 1


def test_a_garbled_submission_field_still_records(boce: Session, clock: FixedClock) -> None:
    for _ in range(2):
        outcome = report_on_page(
            boce,
            clock,
            editor(boce, "lotte-venema"),
            action(boce, "OW-08"),
            fields={"status": "done"},
            submission="<not ours>",
        )
        assert isinstance(outcome, Reported)
    assert len(updates(boce)) == 2


def test_an_owner_proposes_a_deadline_and_the_sponsor_is_asked(
    boce: Session, clock: FixedClock
) -> None:
    ow08, hendrik = action(boce, "OW-08"), person(boce, "hendrik-kuiper")
    due = ow08.due
    outcome = send(
        boce, clock, "lotte-venema", "OW-08", text="docent ziek", deadline="eind maart 2027"
    )
    assert isinstance(outcome, Reported)
    (row,) = updates(boce)
    (proposal,) = boce.scalars(select(DeadlineProposal)).all()
    assert (proposal.state, proposal.due, proposal.update_id) == (
        ProposalState.OPEN,
        date(2027, 3, 31),
        row.id,
    )
    assert outcome.proposal_id == proposal.id
    assert not outcome.deadline_set
    assert ow08.due == due  # only proposed
    # The deciders hear of it as from chat: a message with the buttons to decide.
    (asked,) = outbox_to(boce, hendrik.id)
    assert asked.key == f"proposal:{proposal.id}:{hendrik.id}"
    assert asked.programme_id == ow08.programme_id
    assert "Lotte Venema stelt een nieuwe deadline voor bij #8" in asked.payload["message"]["text"]
    assert "Hendrik Kuiper" in outcome.lines[-1]
    assert audit_rows(boce)[0].detail["proposal"] == proposal.id


@pytest.mark.parametrize("who", ["hendrik-kuiper", "marieke-hoekstra"])
def test_the_sponsor_or_director_sets_the_deadline(
    boce: Session, clock: FixedClock, who: str
) -> None:
    ow08 = action(boce, "OW-08")
    before = counts(boce)
    outcome = send(boce, clock, who, "OW-08", deadline="Q1 2027")
    assert isinstance(outcome, Reported)
    assert outcome.deadline_set
    assert outcome.update_id is None
    (row,) = updates(boce)
    assert (row.kind, row.source, row.new_deadline_text) == (
        UpdateKind.DEADLINE,
        Source.WEB,
        "Q1 2027",
    )
    assert row.event_id is not None  # the move holds the event when no report does
    assert ow08.due == date(2027, 3, 31)
    after = counts(boce)
    assert (after.proposals, after.outbox) == (before.proposals, before.outbox)
    assert audit_rows(boce)[0].detail == {"deadline": "Q1 2027", "deadline_set": True}


# --- sent back ----------------------------------------------------------------------------------


PROBLEMS = [
    ({"status": "unchanged", "text": " "}, "text"),
    ({"deadline": "binnenkort"}, "deadline"),
    ({"deadline": "1 januari 2020"}, "deadline"),
    ({"kpi": "veel"}, "kpi"),
    ({"kpi": "-3"}, "kpi"),
    ({"status": "kapot"}, "status"),
    ({"text": "x" * 4001}, "text"),
    ({"deadline": "eind " * 50}, "deadline"),
]


def test_problems_come_back_per_input_and_nothing_is_written(
    boce: Session, clock: FixedClock
) -> None:
    before = counts(boce)
    for values, field in PROBLEMS:
        outcome = send(boce, clock, "lotte-venema", "OW-08", **values)
        assert isinstance(outcome, Problems), values
        assert field in outcome.errors, values
    assert counts(boce) == before


def test_a_kpi_value_for_an_action_without_one_is_not_read(
    boce: Session, clock: FixedClock
) -> None:
    outcome = send(boce, clock, "lotte-venema", "OW-03", kpi="40")
    assert isinstance(outcome, Problems)  # nothing else filled in: the form is empty
    assert set(outcome.errors) == {"text"}


def test_typed_text_is_cleaned_as_chat_cleans_it(boce: Session, clock: FixedClock) -> None:
    send(boce, clock, "lotte-venema", "OW-08", text="  loopt\x00 goed\x07  ")
    (row,) = updates(boce)
    assert row.text == "loopt goed"
