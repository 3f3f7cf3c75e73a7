"""Recording, correcting and undoing updates, and deadline proposals, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from datetime import date, datetime, timedelta
from itertools import count

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.engine.opening import Register, import_file
from config.settings import Settings
from storage.models import (
    Action,
    DeadlineProposal,
    InboundEvent,
    Person,
    StatusUpdate,
    UpdateRevision,
)
from storage.updates import (
    AlreadyWithdrawnError,
    actions_by_ids,
    decide_proposal,
    edit_update,
    last_update_by,
    open_actions_owned,
    propose_deadline,
    record_update,
    set_deadline,
    update_for_event,
    updates_since,
    withdraw_update,
)
from tests.conftest import BOCE
from tests.register_rows import action, person, sent_ping
from words.clock import FixedClock
from words.deadlines.model import Deadline, Precision
from words.domain import (
    PingState,
    ProposalState,
    Source,
    Status,
    UpdateKind,
)

EINDE_MAART = Deadline(date(2027, 3, 31), Precision.MONTH, "eind maart")
_ids = count(1)


def event_row(session: Session, who: Person, now: datetime, text: str = "") -> int:
    row = InboundEvent(
        platform=Source.CONSOLE,
        event_id=f"upd-{next(_ids)}",
        kind="message",
        user_id=str(who.id),
        person_id=who.id,
        received_at=now,
        payload={"text": text},
    )
    session.add(row)
    session.flush()
    return row.id


def record(
    session: Session,
    act: Action,
    who: Person,
    now: datetime,
    *,
    status: Status | None = None,
    text: str = "",
    event: int | None = None,
    progress: float | None = None,
) -> StatusUpdate:
    return record_update(
        session,
        act,
        who,
        now,
        source=Source.CONSOLE,
        status=status,
        text=text,
        event_row=event,
        progress=progress,
    )


# --- record_update ------------------------------------------------------------------------------


def test_record_applies_status_and_remembers_the_previous(boce: Session, clock: FixedClock) -> None:
    lotte, ow08 = person(boce, "lotte-venema"), action(boce, "OW-08")
    before = ow08.status
    row = record(boce, ow08, lotte, clock.now(), status=Status.DELAYED, text="docent ziek")
    assert before is Status.AT_RISK
    assert (row.kind, row.status, row.previous_status) == (
        UpdateKind.STATUS,
        Status.DELAYED,
        Status.AT_RISK,
    )
    assert (row.author_id, row.text, row.created_at) == (lotte.id, "docent ziek", clock.now())
    assert ow08.status is Status.DELAYED


def test_record_without_status_keeps_the_action_status(boce: Session, clock: FixedClock) -> None:
    ow08 = action(boce, "OW-08")
    row = record(boce, ow08, person(boce, "lotte-venema"), clock.now(), text="tweede groep gestart")
    assert row.status is None
    assert row.previous_status is Status.AT_RISK
    assert ow08.status is Status.AT_RISK


def test_one_event_makes_one_update(boce: Session, clock: FixedClock) -> None:
    lotte, ow08 = person(boce, "lotte-venema"), action(boce, "OW-08")
    event = event_row(boce, lotte, clock.now(), "klaar")
    rows = [
        record(boce, ow08, lotte, clock.now(), status=Status.DONE, text="klaar", event=event)
        for _ in range(4)
    ]
    assert {r.id for r in rows} == {rows[0].id}
    assert boce.scalar(select(func.count()).select_from(StatusUpdate)) == 1
    assert update_for_event(boce, event) is rows[0]
    # A second recording for the same event does not overwrite what the first did.
    again = record(boce, ow08, lotte, clock.now(), status=Status.ON_TRACK, event=event)
    assert again is rows[0]
    assert ow08.status is Status.DONE


def test_record_answers_the_sent_pings_of_that_action(boce: Session, clock: FixedClock) -> None:
    lotte = person(boce, "lotte-venema")
    asked, _ = sent_ping(boce, action(boce, "OW-08"), lotte, clock.now() - timedelta(days=1))
    other, _ = sent_ping(boce, action(boce, "OW-03"), lotte, clock.now() - timedelta(days=1))
    record(boce, action(boce, "OW-08"), lotte, clock.now(), text="loopt")
    boce.refresh(asked)
    assert (asked.state, asked.answered_at) == (PingState.ANSWERED, clock.now())
    boce.refresh(other)
    assert other.state is PingState.SENT


@pytest.mark.postgres
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)  # two writers at once
def test_two_handlers_of_one_event_at_once_make_one_update(
    register: Register, settings: Settings, clock: FixedClock
) -> None:
    import_file(register, BOCE, settings, clock)
    with register.sessions.begin() as session:
        lotte = person(session, "lotte-venema")
        event = event_row(session, lotte, clock.now(), "klaar")
    first, second = register.sessions(), register.sessions()
    result: list[int] = []

    def late() -> None:
        # Blocks on the unique event id until the first commits, then finds its update.
        with second.begin():
            row = record(
                second,
                action(second, "OW-08"),
                person(second, "lotte-venema"),
                clock.now(),
                status=Status.DONE,
                event=event,
            )
            result.append(row.id)

    with first.begin():
        winner = record(
            first,
            action(first, "OW-08"),
            person(first, "lotte-venema"),
            clock.now(),
            status=Status.DONE,
            event=event,
        )
        # The first has flushed but not committed when the second starts.
        worker = threading.Thread(target=late)
        worker.start()
        worker.join(timeout=1)
        assert worker.is_alive(), "the second insert should wait for the first"
    worker.join(timeout=10)
    assert result == [winner.id]
    with register.sessions() as session:
        assert session.scalar(select(func.count()).select_from(StatusUpdate)) == 1
    first.close()
    second.close()


# --- last update, edit, undo -------------------------------------------------------------------


def test_last_update_by_is_the_newest_report(boce: Session, clock: FixedClock) -> None:
    lotte, hendrik = person(boce, "lotte-venema"), person(boce, "hendrik-kuiper")
    assert last_update_by(boce, lotte.id) is None
    record(boce, action(boce, "OW-03"), lotte, clock.now(), text="eerste")
    second = record(
        boce, action(boce, "OW-08"), lotte, clock.now() + timedelta(minutes=1), text="tweede"
    )
    record(boce, action(boce, "OW-08"), hendrik, clock.now() + timedelta(minutes=2), text="h")
    # A deadline the person set is no report of theirs.
    set_deadline(
        boce,
        action(boce, "OW-03"),
        lotte,
        clock.now() + timedelta(minutes=3),
        EINDE_MAART,
        source=Source.CONSOLE,
        event_row=None,
    )
    assert last_update_by(boce, lotte.id) is second


def test_edit_keeps_the_old_wording(boce: Session, clock: FixedClock) -> None:
    lotte, ow08 = person(boce, "lotte-venema"), action(boce, "OW-08")
    row = record(boce, ow08, lotte, clock.now(), status=Status.ON_TRACK, text="loopt goed")
    later = clock.now() + timedelta(hours=2)
    assert edit_update(boce, row, later, text="toch vertraagd", status=Status.DELAYED)
    assert (row.text, row.status, row.edited_at) == ("toch vertraagd", Status.DELAYED, later)
    assert ow08.status is Status.DELAYED
    (revision,) = boce.scalars(select(UpdateRevision)).all()
    assert (revision.update_id, revision.text, revision.status, revision.replaced_at) == (
        row.id,
        "loopt goed",
        Status.ON_TRACK,
        later,
    )
    # The same wording again changes nothing and keeps no second revision.
    assert not edit_update(boce, row, later, text="toch vertraagd", status=None)
    assert boce.scalar(select(func.count()).select_from(UpdateRevision)) == 1


def test_edit_without_status_keeps_the_status(boce: Session, clock: FixedClock) -> None:
    ow08 = action(boce, "OW-08")
    row = record(boce, ow08, person(boce, "lotte-venema"), clock.now(), status=Status.DELAYED)
    assert edit_update(boce, row, clock.now(), text="docent ziek", status=None)
    assert (row.status, ow08.status) == (Status.DELAYED, Status.DELAYED)


def test_edit_does_not_overrule_a_later_status(boce: Session, clock: FixedClock) -> None:
    lotte, ow08 = person(boce, "lotte-venema"), action(boce, "OW-08")
    row = record(boce, ow08, lotte, clock.now(), status=Status.ON_TRACK)
    ow08.status = Status.DONE  # someone else closed it since
    edit_update(boce, row, clock.now(), text="", status=Status.DELAYED)
    assert row.status is Status.DELAYED
    assert ow08.status is Status.DONE


def test_withdrawing_keeps_the_update_and_restores_status_proposal_and_pings(
    boce: Session, clock: FixedClock
) -> None:
    lotte, ow08 = person(boce, "lotte-venema"), action(boce, "OW-08")
    ping, _ = sent_ping(boce, ow08, lotte, clock.now() - timedelta(days=1))
    row = record(boce, ow08, lotte, clock.now(), status=Status.DELAYED, text="eind maart")
    proposal = propose_deadline(boce, ow08, lotte, clock.now(), EINDE_MAART, update_id=row.id)
    proposal_id = proposal.id
    assert ping.state is PingState.ANSWERED
    later = clock.now() + timedelta(minutes=4)
    assert withdraw_update(boce, row, lotte, later) is Status.AT_RISK
    assert ow08.status is Status.AT_RISK
    # Kept, with who withdrew it and when; the open proposal it made is gone.
    assert boce.scalars(select(StatusUpdate)).all() == [row]
    assert (row.withdrawn_at, row.withdrawn_by_id, row.text) == (later, lotte.id, "eind maart")
    assert boce.get(DeadlineProposal, proposal_id) is None
    boce.refresh(ping)
    assert (ping.state, ping.answered_at) == (PingState.SENT, None)


def test_withdrawing_leaves_a_status_someone_set_since(boce: Session, clock: FixedClock) -> None:
    lotte, ow08 = person(boce, "lotte-venema"), action(boce, "OW-08")
    row = record(boce, ow08, lotte, clock.now(), status=Status.DELAYED)
    ow08.status = Status.DONE
    assert withdraw_update(boce, row, lotte, clock.now()) is None
    assert ow08.status is Status.DONE


def test_withdrawing_keeps_a_decided_proposal(boce: Session, clock: FixedClock) -> None:
    lotte, ow08 = person(boce, "lotte-venema"), action(boce, "OW-08")
    row = record(boce, ow08, lotte, clock.now(), text="verwacht eind maart")
    proposal = propose_deadline(boce, ow08, lotte, clock.now(), EINDE_MAART, update_id=row.id)
    decide_proposal(
        boce,
        proposal,
        person(boce, "hendrik-kuiper"),
        clock.now(),
        accept=True,
        source=Source.CONSOLE,
        event_row=None,
    )
    assert withdraw_update(boce, row, lotte, clock.now()) is None
    boce.refresh(proposal)
    assert (proposal.state, proposal.update_id) == (ProposalState.ACCEPTED, row.id)
    assert ow08.due == date(2027, 3, 31)


def test_a_ping_stays_answered_when_another_update_answers_it_too(
    boce: Session, clock: FixedClock
) -> None:
    # The console's clock stands still between lines: two answers can share one moment.
    lotte, hendrik, ow08 = (
        person(boce, "lotte-venema"),
        person(boce, "hendrik-kuiper"),
        action(boce, "OW-08"),
    )
    ping, _ = sent_ping(boce, ow08, lotte, clock.now() - timedelta(days=1))
    first = record(boce, ow08, hendrik, clock.now(), text="namens Lotte: loopt")
    mine = record(boce, ow08, lotte, clock.now(), text="loopt")
    withdraw_update(boce, mine, lotte, clock.now())
    boce.refresh(ping)
    assert (ping.state, ping.answered_at) == (PingState.ANSWERED, clock.now())
    withdraw_update(boce, first, hendrik, clock.now())
    boce.refresh(ping)
    assert (ping.state, ping.answered_at) == (PingState.SENT, None)


def test_withdrawing_an_update_twice_is_refused(
    register: Register, settings: Settings, clock: FixedClock
) -> None:
    import_file(register, BOCE, settings, clock)
    with register.sessions.begin() as session:
        lotte = person(session, "lotte-venema")
        row_id = record(session, action(session, "OW-08"), lotte, clock.now(), text="x").id
    # Two undo events handled at once: both found the update while it still stood.
    first, second = register.sessions(), register.sessions()
    with first.begin(), second.begin():
        mine, theirs = first.get(StatusUpdate, row_id), second.get(StatusUpdate, row_id)
        assert mine is not None
        assert theirs is not None
        withdraw_update(first, mine, person(first, "lotte-venema"), clock.now())
        first.commit()
        with pytest.raises(AlreadyWithdrawnError) as refused:
            withdraw_update(second, theirs, person(second, "lotte-venema"), clock.now())
        assert refused.value.row.withdrawn_at == clock.now()
    first.close()
    second.close()


def test_last_update_by_goes_by_the_order_of_recording_and_skips_withdrawn(
    boce: Session, clock: FixedClock
) -> None:
    lotte = person(boce, "lotte-venema")
    first = record(boce, action(boce, "OW-03"), lotte, clock.now(), text="eerste")
    # A clock that went back (a console restarted on today) records the next one earlier.
    second = record(
        boce, action(boce, "OW-08"), lotte, clock.now() - timedelta(days=30), text="tweede"
    )
    assert last_update_by(boce, lotte.id) is second
    withdraw_update(boce, second, lotte, clock.now())
    assert last_update_by(boce, lotte.id) is first


# --- deadlines ----------------------------------------------------------------------------------


def test_set_deadline_moves_it_and_records_the_move(boce: Session, clock: FixedClock) -> None:
    marieke, ow03 = person(boce, "marieke-hoekstra"), action(boce, "OW-03")
    event = event_row(boce, marieke, clock.now())
    row = set_deadline(
        boce, ow03, marieke, clock.now(), EINDE_MAART, source=Source.SLACK, event_row=event
    )
    # Kept with its year, the words as typed beside it.
    assert (ow03.due, ow03.deadline_text, ow03.deadline_precision) == (
        date(2027, 3, 31),
        "eind maart 2027",
        Precision.MONTH,
    )
    assert ow03.deadline_typed == "eind maart"
    assert (row.kind, row.source, row.author_id, row.event_id) == (
        UpdateKind.DEADLINE,
        Source.SLACK,
        marieke.id,
        event,
    )
    assert (row.previous_due, row.previous_deadline_text) == (date(2027, 6, 30), "H1 2027")
    assert (row.new_due, row.new_deadline_text, row.new_precision) == (
        date(2027, 3, 31),
        "eind maart 2027",
        Precision.MONTH,
    )
    # Once per event.
    assert (
        set_deadline(
            boce, ow03, marieke, clock.now(), EINDE_MAART, source=Source.SLACK, event_row=event
        )
        is row
    )


def test_the_same_open_proposal_is_made_once(boce: Session, clock: FixedClock) -> None:
    lotte, ow03 = person(boce, "lotte-venema"), action(boce, "OW-03")
    first = propose_deadline(boce, ow03, lotte, clock.now(), EINDE_MAART)
    assert propose_deadline(boce, ow03, lotte, clock.now(), EINDE_MAART) is first
    other = Deadline(date(2027, 4, 30), Precision.MONTH, "eind april")
    assert propose_deadline(boce, ow03, lotte, clock.now(), other) is not first
    assert (first.state, first.proposed_by, first.due, first.precision) == (
        ProposalState.OPEN,
        lotte.id,
        date(2027, 3, 31),
        Precision.MONTH,
    )


def test_accepting_moves_the_deadline(boce: Session, clock: FixedClock) -> None:
    lotte, hendrik, ow03 = (
        person(boce, "lotte-venema"),
        person(boce, "hendrik-kuiper"),
        action(boce, "OW-03"),
    )
    proposal = propose_deadline(boce, ow03, lotte, clock.now(), EINDE_MAART)
    row = decide_proposal(
        boce, proposal, hendrik, clock.now(), accept=True, source=Source.CONSOLE, event_row=None
    )
    assert row is not None
    assert (row.kind, row.author_id, row.new_deadline_text) == (
        UpdateKind.DEADLINE,
        hendrik.id,
        "eind maart 2027",
    )
    assert (proposal.state, proposal.decided_by, proposal.decided_at) == (
        ProposalState.ACCEPTED,
        hendrik.id,
        clock.now(),
    )
    assert ow03.due == date(2027, 3, 31)
    with pytest.raises(ValueError, match="already accepted"):
        decide_proposal(
            boce,
            proposal,
            hendrik,
            clock.now(),
            accept=False,
            source=Source.CONSOLE,
            event_row=None,
        )


def test_rejecting_leaves_the_deadline(boce: Session, clock: FixedClock) -> None:
    ow03 = action(boce, "OW-03")
    proposal = propose_deadline(boce, ow03, person(boce, "lotte-venema"), clock.now(), EINDE_MAART)
    assert (
        decide_proposal(
            boce,
            proposal,
            person(boce, "hendrik-kuiper"),
            clock.now(),
            accept=False,
            source=Source.CONSOLE,
            event_row=None,
        )
        is None
    )
    assert proposal.state is ProposalState.REJECTED
    assert (ow03.due, ow03.deadline_text) == (date(2027, 6, 30), "H1 2027")
    assert boce.scalar(select(func.count()).select_from(StatusUpdate)) == 0


# --- reading ------------------------------------------------------------------------------------


def test_updates_since_for_digests(
    boce: Session, clock: FixedClock, register: Register, settings: Settings
) -> None:
    lotte = person(boce, "lotte-venema")
    boce_id = action(boce, "OW-08").programme_id
    old = record(boce, action(boce, "OW-08"), lotte, clock.now() - timedelta(days=8), text="a")
    new = record(boce, action(boce, "OW-03"), lotte, clock.now() - timedelta(days=1), text="b")
    moved = set_deadline(
        boce,
        action(boce, "OW-03"),
        person(boce, "hendrik-kuiper"),
        clock.now(),
        EINDE_MAART,
        source=Source.CONSOLE,
        event_row=None,
    )
    found = updates_since(boce, boce_id, clock.now() - timedelta(days=7))
    assert [u.id for u in found] == [new.id, moved.id]
    assert old not in found
    assert updates_since(boce, boce_id + 1000, clock.now() - timedelta(days=7)) == []


def test_open_actions_owned(boce: Session) -> None:
    rob = person(boce, "rob-jansen")
    # OW-07 is finished; the rest of Rob's actions are open.
    assert [a.key for a in open_actions_owned(boce, rob.id)] == ["OW-01", "OW-02", "OW-04"]
    assert list(open_actions_owned(boce, person(boce, "marieke-hoekstra").id)) == []


def test_actions_by_ids_keeps_order_and_skips_missing(boce: Session) -> None:
    ow03, ow08 = action(boce, "OW-03"), action(boce, "OW-08")
    assert actions_by_ids(boce, [ow08.id, 999_999, ow03.id]) == [ow08, ow03]
    assert actions_by_ids(boce, []) == []


# --- KPI values -------------------------------------------------------------------------------


def test_a_kpi_value_moves_the_action_and_remembers_the_one_before(
    boce: Session, clock: FixedClock
) -> None:
    lotte, ow08 = person(boce, "lotte-venema"), action(boce, "OW-08")
    assert (ow08.kpi_current, ow08.kpi_target) == (34, 60)
    row = record(boce, ow08, lotte, clock.now(), text="stand 40", progress=40)
    assert (row.progress, row.previous_kpi, ow08.kpi_current) == (40, 34, 40)
    words_only = record(boce, ow08, lotte, clock.now(), text="loopt goed")
    assert (words_only.progress, words_only.previous_kpi, ow08.kpi_current) == (None, None, 40)


def test_withdrawing_a_kpi_value_puts_the_one_before_back(boce: Session, clock: FixedClock) -> None:
    lotte, ow08 = person(boce, "lotte-venema"), action(boce, "OW-08")
    first = record(boce, ow08, lotte, clock.now(), progress=40)
    second = record(boce, ow08, lotte, clock.now(), progress=45)
    withdraw_update(boce, second, lotte, clock.now())
    assert ow08.kpi_current == 40
    withdraw_update(boce, first, lotte, clock.now())
    assert ow08.kpi_current == 34
    # Both stay in the history with their values.
    for row in (first, second):
        boce.refresh(row)
    assert [(r.progress, r.withdrawn_at is not None) for r in (first, second)] == [
        (40, True),
        (45, True),
    ]


def test_withdrawing_leaves_a_kpi_value_someone_gave_since(
    boce: Session, clock: FixedClock
) -> None:
    lotte, hendrik, ow08 = (
        person(boce, "lotte-venema"),
        person(boce, "hendrik-kuiper"),
        action(boce, "OW-08"),
    )
    mine = record(boce, ow08, lotte, clock.now(), progress=40)
    record(boce, ow08, hendrik, clock.now(), progress=50)
    withdraw_update(boce, mine, lotte, clock.now())
    assert ow08.kpi_current == 50


def test_withdrawing_the_first_value_leaves_none(boce: Session, clock: FixedClock) -> None:
    lotte, ow08 = person(boce, "lotte-venema"), action(boce, "OW-08")
    ow08.kpi_current = None
    row = record(boce, ow08, lotte, clock.now(), progress=12.5)
    assert ow08.kpi_current == 12.5
    withdraw_update(boce, row, lotte, clock.now())
    assert ow08.kpi_current is None


def test_rewording_a_kpi_value_keeps_the_old_one_as_a_revision(
    boce: Session, clock: FixedClock
) -> None:
    lotte, ow08 = person(boce, "lotte-venema"), action(boce, "OW-08")
    row = record(boce, ow08, lotte, clock.now(), text="stand 40", progress=40)
    assert edit_update(boce, row, clock.now(), text="stand 41", status=None, progress=41)
    assert (row.progress, row.previous_kpi, ow08.kpi_current) == (41, 34, 41)
    revision = boce.scalars(select(UpdateRevision)).one()
    assert (revision.text, revision.progress) == ("stand 40", 40)
    # Words without a value keep the value; withdrawing then goes back to before the update.
    assert edit_update(boce, row, clock.now(), text="loopt goed", status=None)
    assert (row.progress, ow08.kpi_current) == (41, 41)
    withdraw_update(boce, row, lotte, clock.now())
    assert ow08.kpi_current == 34


def test_a_value_added_by_rewording_applies_unless_a_later_one_was_given(
    boce: Session, clock: FixedClock
) -> None:
    lotte, hendrik, ow08 = (
        person(boce, "lotte-venema"),
        person(boce, "hendrik-kuiper"),
        action(boce, "OW-08"),
    )
    mine = record(boce, ow08, lotte, clock.now(), text="loopt")
    assert edit_update(boce, mine, clock.now(), text="stand 40", status=None, progress=40)
    assert (mine.previous_kpi, ow08.kpi_current) == (34, 40)
    theirs = record(boce, ow08, lotte, clock.now(), text="loopt")
    record(boce, ow08, hendrik, clock.now(), progress=50)
    assert edit_update(boce, theirs, clock.now(), text="stand 45", status=None, progress=45)
    assert (theirs.progress, ow08.kpi_current) == (45, 50)
