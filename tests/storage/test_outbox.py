"""storage.outbox: queueing once per key, claims and leases, outcomes, and the overview."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import func, select, text

from bot.engine.opening import Register, import_file
from config.settings import Settings
from storage.db import make_engine, session_factory, transaction
from storage.models import OutboxMessage
from storage.outbox import (
    BACKOFF_MAX,
    MAX_ATTEMPTS,
    Claim,
    OutboxWriter,
    backoff,
    claim,
    fail_attempt,
    file_of,
    mark_failed,
    mark_sent,
    message_of,
    release,
    reschedule,
)
from storage.outbox_addressing import get
from storage.outbox_overview import failed_since, next_ready, pending_count, state_counts
from storage.register import programme_by_key
from tests.conftest import BOCE
from tests.fakes import add_person
from words.chat.messages import Button, File, Message, Section
from words.chat.outgoing import InThread, Replace, ToAddress, ToChannel, ToPerson
from words.clock import FixedClock
from words.domain import OutboxState, Source

LEASE = timedelta(minutes=2)


def queue(
    register: Register, clock: FixedClock, *keys: str, person: int | None = None
) -> list[int]:
    """Queue one DM per key (to a new person unless given), at the clock's moment."""
    with transaction(register.sessions) as session:
        to = person if person is not None else add_person(session, "Rob Jansen")
        out = OutboxWriter(session, clock.now())
        return [out.send(key, ToPerson(to), Message(f"bericht {key}")) for key in keys]


def claim_now(register: Register, clock: FixedClock, holder: str, limit: int = 10) -> list[Claim]:
    with transaction(register.sessions) as session:
        return claim(session, clock.now(), holder, limit, LEASE)


def row(register: Register, outbox_id: int) -> OutboxMessage:
    with register.sessions() as session:
        found = get(session, outbox_id)
        assert found is not None
        return found


def sent(register: Register, clock: FixedClock, outbox_id: int, holder: str, ref: str) -> bool:
    with transaction(register.sessions) as session:
        return mark_sent(
            session,
            outbox_id,
            holder,
            external_ref=ref,
            address="C1",
            platform=Source.SLACK,
            sent_at=clock.now(),
        )


# --- the writer ---------------------------------------------------------------------------


def test_writer_maps_each_destination(register: Register, clock: FixedClock) -> None:
    message = Message(
        "Hoe staat OW-01?", sections=(Section("s", buttons=(Button("a", "b", "c"),)),)
    )
    with transaction(register.sessions) as session:
        person = add_person(session, "Rob Jansen")
        out = OutboxWriter(session, clock.now(), programme_id=None)
        dm = out.send("k:dm", ToPerson(person), message)
        channel = out.send("k:channel", ToChannel("ow-werkgroep"), Message("kanaal"))
        thread = out.send("k:thread", InThread(dm), Message("draad"))
        replaced = out.send("k:update", Replace(dm), Message("nieuw"))
        stranger = out.send("k:address", ToAddress("U999"), Message("onbekend"))
    rows = {i: row(register, i) for i in (dm, channel, thread, replaced, stranger)}
    got = [(r.kind, r.person_id, r.channel, r.parent_id, r.address) for r in rows.values()]
    assert got == [
        ("dm", person, None, None, None),
        ("channel", None, "ow-werkgroep", None, None),
        ("thread", None, None, dm, None),
        ("update", None, None, dm, None),
        ("dm", None, None, None, "U999"),
    ]
    first = rows[dm]
    assert first.state is OutboxState.PENDING
    assert first.not_before == clock.now()
    assert first.attempts == 0
    assert not first.is_file
    assert message_of(first) == message
    assert file_of(first) is None


def test_writer_stores_a_file_exactly(register: Register, clock: FixedClock) -> None:
    content = bytes(range(256)) * 3
    brief = File("voortgangsbrief.docx", "application/octet-stream", content, comment="concept")
    with transaction(register.sessions) as session:
        outbox_id = OutboxWriter(session, clock.now()).send_file("k:file", ToChannel("c"), brief)
    stored = row(register, outbox_id)
    assert stored.is_file
    assert file_of(stored) == brief
    assert message_of(stored) is None


def test_writer_queues_once_per_key(register: Register, clock: FixedClock) -> None:
    with transaction(register.sessions) as session:
        person = add_person(session, "Rob Jansen")
        out = OutboxWriter(session, clock.now())
        first = out.send("in:console:1:1", ToPerson(person), Message("eerste"))
        again = out.send("in:console:1:1", ToPerson(person), Message("tweede"))
    clock.advance(timedelta(minutes=5))
    with transaction(register.sessions) as session:
        later = OutboxWriter(session, clock.now()).send(
            "in:console:1:1", ToChannel("x"), Message("derde")
        )
        count = session.scalar(select(func.count(OutboxMessage.id)))
    assert first == again == later
    assert count == 1
    kept = row(register, first)
    assert message_of(kept) == Message("eerste")
    assert kept.kind == "dm"


@pytest.mark.parametrize(
    "db_url", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)
def test_two_transactions_queueing_one_key_at_once(db_url: str, clock: FixedClock) -> None:
    engine = make_engine(db_url)
    sessions = session_factory(engine)
    first = sessions()
    first.begin()
    first_id = OutboxWriter(first, clock.now()).send("same", ToChannel("c"), Message("a"))
    result: list[int] = []
    failed: list[BaseException] = []

    def second() -> None:
        try:
            with transaction(sessions) as session:
                result.append(
                    OutboxWriter(session, clock.now()).send("same", ToChannel("c"), Message("b"))
                )
        except BaseException as error:  # noqa: BLE001 - told in the assertion below
            failed.append(error)

    thread = threading.Thread(target=second, daemon=True)
    thread.start()
    try:
        # The second insert must be waiting on the first's uncommitted row before we commit.
        deadline = time.monotonic() + 60
        with engine.connect() as probe:
            waiting = 0
            while not waiting and thread.is_alive() and time.monotonic() < deadline:
                waiting = probe.execute(
                    text(
                        "SELECT count(*) FROM pg_stat_activity"
                        " WHERE wait_event_type = 'Lock' AND datname = current_database()"
                    )
                ).scalar_one()
            # When it does not wait, say what the second transaction did instead.
            seen = probe.execute(
                text(
                    "SELECT state, wait_event_type, wait_event FROM pg_stat_activity"
                    " WHERE datname = current_database()"
                )
            ).all()
        assert waiting == 1, (failed, result, thread.is_alive(), seen)
        first.commit()
    finally:
        # Closing rolls back what was not committed: the second insert never waits forever,
        # and neither does the next test's TRUNCATE.
        first.close()
        thread.join(timeout=10)
    with sessions() as session:
        count = session.scalar(select(func.count(OutboxMessage.id)))
    engine.dispose()
    assert result == [first_id]
    assert count == 1


# --- claims and leases ----------------------------------------------------------------------


def test_claim_takes_due_rows_in_id_order_with_a_lease(
    register: Register, clock: FixedClock
) -> None:
    ids = queue(register, clock, "a", "b", "c")
    with transaction(register.sessions) as session:
        later = OutboxWriter(session, clock.now() + timedelta(hours=1)).send(
            "later", ToChannel("c"), Message("straks")
        )
    claims = claim_now(register, clock, "s1", limit=2)
    assert [(c.row.id, c.ambiguous) for c in claims] == [(ids[0], False), (ids[1], False)]
    for item in claims:
        assert item.row.state is OutboxState.SENDING
        assert item.row.claimed_by == "s1"
        assert item.row.lease_until == clock.now() + LEASE
    # A second sender gets what is left and due, not the rows claimed, not the future row.
    assert [c.row.id for c in claim_now(register, clock, "s2")] == [ids[2]]
    assert claim_now(register, clock, "s3") == []
    assert row(register, later).state is OutboxState.PENDING


def test_an_expired_lease_is_claimed_again_as_ambiguous(
    register: Register, clock: FixedClock
) -> None:
    [outbox_id] = queue(register, clock, "a")
    claim_now(register, clock, "dead")
    clock.advance(LEASE - timedelta(seconds=1))
    assert claim_now(register, clock, "s2") == []
    clock.advance(timedelta(seconds=1))  # the lease ends now
    [taken] = claim_now(register, clock, "s2")
    assert (taken.row.id, taken.ambiguous, taken.row.claimed_by) == (outbox_id, True, "s2")
    # The sender that lost its claim cannot record anything on the row any more.
    assert not sent(register, clock, outbox_id, "dead", "ref-dead")
    with transaction(register.sessions) as session:
        assert not mark_failed(session, outbox_id, "dead", clock.now(), "x")
        assert fail_attempt(session, outbox_id, "dead", clock.now(), "x") is None
        assert not reschedule(session, outbox_id, "dead", clock.now(), "x")
    assert sent(register, clock, outbox_id, "s2", "ref-s2")
    stored = row(register, outbox_id)
    assert (stored.state, stored.external_ref) == (OutboxState.SENT, "ref-s2")


def test_a_thread_reply_waits_for_its_parent(register: Register, clock: FixedClock) -> None:
    [parent] = queue(register, clock, "parent")
    with transaction(register.sessions) as session:
        out = OutboxWriter(session, clock.now())
        reply = out.send("reply", InThread(parent), Message("antwoord"))
        update = out.send("update", Replace(parent), Message("vervangen"))
    # Parent pending: only the parent is claimable, however many are asked for.
    assert [c.row.id for c in claim_now(register, clock, "s1")] == [parent]
    assert claim_now(register, clock, "s1") == []
    assert sent(register, clock, parent, "s1", "ts-1")
    assert [c.row.id for c in claim_now(register, clock, "s1")] == [reply, update]


def test_a_reply_to_a_failed_parent_is_claimed_to_be_failed(
    register: Register, clock: FixedClock
) -> None:
    [parent] = queue(register, clock, "parent")
    with transaction(register.sessions) as session:
        reply = OutboxWriter(session, clock.now()).send("reply", InThread(parent), Message("a"))
    claim_now(register, clock, "s1")
    with transaction(register.sessions) as session:
        assert mark_failed(session, parent, "s1", clock.now(), "onbereikbaar")
    assert [c.row.id for c in claim_now(register, clock, "s1")] == [reply]


def test_release_hands_back_untouched_and_keeps_ambiguity(
    register: Register, clock: FixedClock
) -> None:
    fresh, doubtful = queue(register, clock, "fresh", "doubtful")
    claim_now(register, clock, "dead", limit=2)
    with transaction(register.sessions) as session:
        assert release(session, [Claim(row(register, fresh), False)], "dead", clock.now()) == 1
    clock.advance(LEASE + timedelta(seconds=1))
    claims = claim_now(register, clock, "s2")
    assert [(c.row.id, c.ambiguous) for c in claims] == [(fresh, False), (doubtful, True)]
    resume = clock.now() + timedelta(seconds=30)
    with transaction(register.sessions) as session:
        assert release(session, claims, "s2", resume) == 2
    released = row(register, fresh)
    assert (released.state, released.not_before, released.attempts) == (
        OutboxState.PENDING,
        clock.now() - LEASE - timedelta(seconds=1),
        0,
    )
    assert (released.claimed_by, released.lease_until) == (None, None)
    # The ambiguous row is still ambiguous, claimable once ``resume`` has passed.
    assert [c.row.id for c in claim_now(register, clock, "s3")] == [fresh]
    clock.advance(timedelta(seconds=31))
    assert [(c.row.id, c.ambiguous) for c in claim_now(register, clock, "s3")] == [(doubtful, True)]


def test_reschedule_is_not_an_attempt(register: Register, clock: FixedClock) -> None:
    [outbox_id] = queue(register, clock, "a")
    claim_now(register, clock, "s1")
    at = clock.now() + timedelta(seconds=7)
    with transaction(register.sessions) as session:
        assert reschedule(session, outbox_id, "s1", at, "retry after 7 s")
    stored = row(register, outbox_id)
    assert (stored.state, stored.not_before, stored.attempts, stored.error) == (
        OutboxState.PENDING,
        at,
        0,
        "retry after 7 s",
    )
    assert claim_now(register, clock, "s1") == []
    clock.advance(timedelta(seconds=7))
    assert [c.row.id for c in claim_now(register, clock, "s1")] == [outbox_id]


def test_failed_attempts_back_off_then_give_up(register: Register, clock: FixedClock) -> None:
    [outbox_id] = queue(register, clock, "a")
    waits = []
    for attempt in range(1, MAX_ATTEMPTS):
        [item] = claim_now(register, clock, "s1")
        assert item.row.attempts == attempt - 1
        with transaction(register.sessions) as session:
            state = fail_attempt(session, outbox_id, "s1", clock.now(), "time-out", rng=lambda: 0.0)
        assert state is OutboxState.PENDING
        stored = row(register, outbox_id)
        waits.append(stored.not_before - clock.now())
        clock.moment = stored.not_before
    assert waits == [timedelta(seconds=30 * 2**n) for n in range(MAX_ATTEMPTS - 1)]
    claim_now(register, clock, "s1")
    with transaction(register.sessions) as session:
        state = fail_attempt(session, outbox_id, "s1", clock.now(), "time-out")
    stored = row(register, outbox_id)
    assert state is OutboxState.FAILED
    assert (stored.state, stored.attempts, stored.error) == (
        OutboxState.FAILED,
        MAX_ATTEMPTS,
        "time-out",
    )
    assert claim_now(register, clock, "s1") == []


def test_backoff_jitter_and_cap() -> None:
    assert backoff(1, lambda: 0.0) == timedelta(seconds=30)
    assert backoff(1, lambda: 1.0) == timedelta(seconds=45)
    assert backoff(3, lambda: 0.5) == timedelta(seconds=150)
    assert backoff(12, lambda: 0.0) == BACKOFF_MAX
    assert backoff(500, lambda: 0.0) == BACKOFF_MAX


def test_an_ambiguous_failed_attempt_stays_ambiguous(register: Register, clock: FixedClock) -> None:
    [outbox_id] = queue(register, clock, "a")
    claim_now(register, clock, "dead")
    clock.advance(LEASE + timedelta(seconds=1))
    claim_now(register, clock, "s2")
    with transaction(register.sessions) as session:
        state = fail_attempt(
            session, outbox_id, "s2", clock.now(), "find failed", rng=lambda: 0.0, ambiguous=True
        )
    assert state is OutboxState.SENDING
    clock.advance(timedelta(seconds=31))
    [again] = claim_now(register, clock, "s3")
    assert (again.ambiguous, again.row.attempts) == (True, 1)


# --- the overview -------------------------------------------------------------------------


def test_next_ready_pending_count_and_states(register: Register, clock: FixedClock) -> None:
    with register.sessions() as session:
        assert next_ready(session) is None
        assert pending_count(session) == 0
    start = clock.now()
    a, b = queue(register, clock, "a", "b")
    with transaction(register.sessions) as session:
        out = OutboxWriter(session, start + timedelta(hours=2))
        out.send("c", InThread(a), Message("draad"))  # due later still, and waits for a
    with register.sessions() as session:
        assert next_ready(session) == start
        assert pending_count(session) == 3
    claim_now(register, clock, "s1", limit=1)  # a: its lease ends in two minutes
    with register.sessions() as session:
        assert next_ready(session) == start  # b
    claim_now(register, clock, "s1", limit=1)
    with register.sessions() as session:
        assert next_ready(session) == start + LEASE  # leases end; c still waits for a
        assert pending_count(session) == 3
        assert state_counts(session) == {
            OutboxState.PENDING: 1,
            OutboxState.SENDING: 2,
            OutboxState.SENT: 0,
            OutboxState.FAILED: 0,
        }
    assert sent(register, clock, a, "s1", "ts")
    with transaction(register.sessions) as session:
        mark_failed(session, b, "s1", clock.now(), "weg")
        assert next_ready(session) == start + timedelta(hours=2)
        assert pending_count(session) == 1


def test_failed_since_lists_a_programmes_given_up_messages(
    register: Register, clock: FixedClock, settings: Settings
) -> None:
    report = import_file(register, BOCE, settings, clock)
    with transaction(register.sessions) as session:
        programme = programme_by_key(session, report.programme)
        assert programme is not None
        out = OutboxWriter(session, clock.now(), programme.id)
        early = out.send("early", ToChannel("c"), Message("a"))
        late = out.send("late", ToChannel("c"), Message("b"))
        OutboxWriter(session, clock.now()).send("other", ToChannel("c"), Message("c"))
    claim_now(register, clock, "s1")
    with transaction(register.sessions) as session:
        mark_failed(session, early, "s1", clock.now(), "eerder")
        mark_failed(session, late, "s1", clock.now() + timedelta(days=2), "later")
        other = session.scalar(select(OutboxMessage.id).where(OutboxMessage.key == "other"))
        assert other is not None
        mark_failed(session, other, "s1", clock.now() + timedelta(days=2), "ander programma")
    with register.sessions() as session:
        everything = failed_since(session, programme.id, clock.now())
        recent = failed_since(session, programme.id, clock.now() + timedelta(days=1))
    assert [(m.key, m.error) for m in everything] == [("early", "eerder"), ("late", "later")]
    assert [m.key for m in recent] == ["late"]
