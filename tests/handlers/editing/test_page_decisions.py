"""Deciding on a proposed deadline from the edit page: only whoever decides in chat, kept as
chat keeps it (source web, the proposer told), once however often pressed, with an audit row.
On SQLite and PostgreSQL with the BOCE example."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers.editing.page_decisions import decide_on_page, proposals_to_decide
from handlers.editing.page_editor import Refused
from handlers.editing.page_report import Reported
from storage.models import DeadlineProposal, StatusUpdate
from storage.updates import propose_deadline
from tests.editing_acts import audit_rows, counts, editor, outbox_to
from tests.register_rows import action, person
from words.clock import FixedClock
from words.deadlines.model import Deadline, Precision
from words.domain import ProposalState, Source, UpdateKind


def proposed(session: Session, clock: FixedClock) -> DeadlineProposal:
    """Lotte Venema proposes 'eind maart 2027' for OW-08 (Hendrik Kuiper's theme)."""
    return propose_deadline(
        session,
        action(session, "OW-08"),
        person(session, "lotte-venema"),
        clock.now(),
        Deadline(due=date(2027, 3, 31), precision=Precision.MONTH, text="eind maart 2027"),
    )


def test_whoever_decides_sees_the_open_proposal(boce: Session, clock: FixedClock) -> None:
    proposal = proposed(boce, clock)
    ow08 = action(boce, "OW-08")
    (shown,) = proposals_to_decide(boce, editor(boce, "hendrik-kuiper"), ow08)
    assert (shown.id, shown.proposer) == (proposal.id, "Lotte Venema")
    assert shown.deadline.startswith("‘eind maart 2027’")
    assert proposals_to_decide(boce, editor(boce, "marieke-hoekstra"), ow08) != ()
    for who in ("lotte-venema", "annelies-mulder", "gerda-boelens"):
        assert proposals_to_decide(boce, editor(boce, who), ow08) == (), who


def test_accepting_moves_the_deadline_and_tells_the_proposer(
    boce: Session, clock: FixedClock
) -> None:
    proposal = proposed(boce, clock)
    ow08, lotte = action(boce, "OW-08"), person(boce, "lotte-venema")
    hendrik = editor(boce, "hendrik-kuiper")
    outcome = decide_on_page(boce, clock, hendrik, ow08, proposal_id=proposal.id, decision="accept")
    assert isinstance(outcome, Reported)
    assert outcome.lines[0].startswith("Akkoord: de deadline van #8")
    assert (proposal.state, proposal.decided_by) == (ProposalState.ACCEPTED, hendrik.person.id)
    assert ow08.due == date(2027, 3, 31)
    (moved,) = boce.scalars(select(StatusUpdate)).all()
    assert (moved.kind, moved.source, moved.author_id) == (
        UpdateKind.DEADLINE,
        Source.WEB,
        hendrik.person.id,
    )
    (told,) = outbox_to(boce, lotte.id)
    assert told.key == f"proposal:{proposal.id}:decided"
    assert "Hendrik Kuiper is akkoord met je voorstel" in told.payload["message"]["text"]
    (entry,) = audit_rows(boce)
    assert (entry.what, entry.detail) == (
        "proposal.accept",
        {"proposal": proposal.id, "deadline": "eind maart 2027", "due": "2027-03-31"},
    )
    # Pressed again: said to be decided, nothing more written.
    before = counts(boce)
    again = decide_on_page(boce, clock, hendrik, ow08, proposal_id=proposal.id, decision="reject")
    assert again == Reported(
        ("Over dit voorstel is al besloten: goedgekeurd door Hendrik Kuiper.",), again=True
    )
    assert counts(boce) == before


def test_rejecting_keeps_the_deadline(boce: Session, clock: FixedClock) -> None:
    proposal = proposed(boce, clock)
    ow08 = action(boce, "OW-08")
    due = ow08.due
    outcome = decide_on_page(
        boce,
        clock,
        editor(boce, "marieke-hoekstra"),
        ow08,
        proposal_id=proposal.id,
        decision="reject",
    )
    assert isinstance(outcome, Reported)
    assert outcome.lines[0].startswith("Afgewezen: de deadline van #8")
    assert (proposal.state, ow08.due) == (ProposalState.REJECTED, due)
    assert boce.scalars(select(StatusUpdate)).all() == []
    assert [e.what for e in audit_rows(boce)] == ["proposal.reject"]


def test_nobody_else_decides_and_nothing_is_written(boce: Session, clock: FixedClock) -> None:
    proposal = proposed(boce, clock)
    ow08, ber01 = action(boce, "OW-08"), action(boce, "BER-01")
    before = counts(boce)
    cases = [
        ("lotte-venema", ow08, proposal.id, "accept", "perm.not_sponsor"),  # the proposer
        ("annelies-mulder", ow08, proposal.id, "accept", "perm.not_sponsor"),  # other theme
        ("gerda-boelens", ow08, proposal.id, "accept", "perm.reader"),
        ("annelies-mulder", ber01, proposal.id, "accept", "web.editing.proposal_gone"),
        ("hendrik-kuiper", ow08, proposal.id, "misschien", "web.editing.proposal_gone"),
        ("hendrik-kuiper", ow08, proposal.id + 1000, "accept", "web.editing.proposal_gone"),
    ]
    for who, on, proposal_id, decision, reason in cases:
        outcome = decide_on_page(
            boce, clock, editor(boce, who), on, proposal_id=proposal_id, decision=decision
        )
        assert outcome == Refused(reason), (who, decision)
    assert counts(boce) == before
    assert proposal.state is ProposalState.OPEN
