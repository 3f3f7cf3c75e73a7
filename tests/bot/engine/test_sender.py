"""bot.engine.sender: addressing, outcomes, "retry after", ambiguous sends, and several
processes."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text

from bot.engine.opening import Register
from bot.engine.sender import MAX_IDLE, Sender, SendReport
from storage.db import make_engine, session_factory, transaction
from storage.models import OutboxMessage, PersonUnreachable
from storage.outbox import OutboxWriter, claim
from storage.outbox_addressing import get
from storage.outbox_overview import state_counts
from storage.reach import reached
from tests.fakes import RecordingPort, add_person
from tests.sender_worker import CRASH, FilePort, read_records
from words import logtext
from words.chat.delivery import Delivery, DeliveryKind
from words.chat.messages import File, Message
from words.chat.outgoing import Destination, InThread, Replace, ToAddress, ToChannel, ToPerson
from words.clock import FixedClock
from words.domain import OutboxState, Source
from words.errors import DeliveryError, RetryAfter, Unreachable

LEASE = timedelta(minutes=2)
ROOT = Path(__file__).resolve().parents[3]
POSTGRES_ONLY = pytest.mark.parametrize(
    "db_url", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)


def person(register: Register, name: str = "Rob Jansen", **identities: str) -> int:
    with transaction(register.sessions) as session:
        return add_person(session, name, **identities)


def queue(register: Register, clock: FixedClock, *items: tuple[str, Destination]) -> list[int]:
    with transaction(register.sessions) as session:
        out = OutboxWriter(session, clock.now())
        return [out.send(key, to, Message(f"bericht {key}")) for key, to in items]


def dms(register: Register, clock: FixedClock, count: int, to: int) -> list[int]:
    return queue(register, clock, *((f"k{n}", ToPerson(to)) for n in range(1, count + 1)))


def row(register: Register, outbox_id: int) -> OutboxMessage:
    with register.sessions() as session:
        found = get(session, outbox_id)
        assert found is not None
        return found


class Crash(BaseException):
    """A process dying mid-send: nothing after it runs, no handler catches it."""


class CrashingPort(RecordingPort):
    """Dies in ``deliver``, before the platform got the message or right after it did."""

    def __init__(self, inner: RecordingPort, *, after: bool) -> None:
        super().__init__(platform=inner.platform)
        self.inner = inner
        self.after = after

    def deliver(self, delivery: Delivery) -> str:
        if self.after:
            self.inner.deliver(delivery)
        raise Crash


# --- addressing -----------------------------------------------------------------------------


def test_a_console_dm_goes_to_the_person_id(register: Register, clock: FixedClock) -> None:
    rob = person(register)
    [outbox_id] = queue(register, clock, ("k1", ToPerson(rob)))
    port = RecordingPort()
    report = Sender(register, port, clock, "s1").drain()
    assert report == SendReport(claimed=1, sent=1)
    assert port.delivered == [
        Delivery(
            "k1",
            DeliveryKind.DM,
            str(rob),
            "Rob Jansen",
            message=Message("bericht k1"),
            queued_at=clock.now(),
            platform=Source.CONSOLE,
        )
    ]
    stored = row(register, outbox_id)
    assert (stored.state, stored.external_ref, stored.address, stored.platform) == (
        OutboxState.SENT,
        "m1",
        str(rob),
        "console",
    )
    assert (stored.sent_at, stored.claimed_by, stored.lease_until) == (clock.now(), "s1", None)


def test_a_slack_dm_uses_the_identity_and_fails_without_one(
    register: Register, clock: FixedClock
) -> None:
    rob = person(register, slack="U05ROB")
    anna = person(register, "Anna de Vries", teams="4a26")
    ids = queue(register, clock, ("rob", ToPerson(rob)), ("anna", ToPerson(anna)))
    port = RecordingPort(platform=Source.SLACK)
    report = Sender(register, port, clock, "s1").drain()
    assert report == SendReport(claimed=2, sent=1, failed=1)
    assert [(d.key, d.address) for d in port.delivered] == [("rob", "U05ROB")]
    failed = row(register, ids[1])
    assert (failed.state, failed.error) == (OutboxState.FAILED, logtext.no_identity(anna, "slack"))


def test_someone_unreachable_is_noted_for_the_digest_until_they_write(
    register: Register, clock: FixedClock
) -> None:
    rob = person(register, teams="aad-rob")
    anna = person(register, "Anna de Vries", teams="aad-anna")
    queue(register, clock, ("rob", ToPerson(rob)), ("anna", ToPerson(anna)))
    port = RecordingPort(platform=Source.TEAMS)
    port.fail("rob", Unreachable("teams send: HTTP 403 Forbidden"))
    port.fail("anna", DeliveryError("teams send: HTTP 400", permanent=True))
    Sender(register, port, clock, "s1").drain()
    with register.sessions() as session:
        noted = session.scalars(select(PersonUnreachable)).all()
        assert [(n.person_id, n.platform, n.reason, n.since) for n in noted] == [
            (rob, Source.TEAMS, "teams send: HTTP 403 Forbidden", clock.now())
        ]
    with transaction(register.sessions) as session:
        reached(session, rob, Source.TEAMS)
    with register.sessions() as session:
        assert session.scalars(select(PersonUnreachable)).all() == []


def test_a_dm_to_an_address_and_a_channel_post(register: Register, clock: FixedClock) -> None:
    queue(register, clock, ("stranger", ToAddress("U404")), ("post", ToChannel("ow-werkgroep")))
    port = RecordingPort(platform=Source.SLACK)
    Sender(register, port, clock, "s1").drain()
    assert [(d.kind, d.address, d.recipient) for d in port.delivered] == [
        (DeliveryKind.DM, "U404", "U404"),
        (DeliveryKind.CHANNEL, "ow-werkgroep", "ow-werkgroep"),
    ]


def test_threads_and_updates_refer_to_the_right_message(
    register: Register, clock: FixedClock
) -> None:
    rob = person(register, slack="U05ROB")
    [root] = queue(register, clock, ("root", ToPerson(rob)))
    [reply] = queue(register, clock, ("reply", InThread(root)))
    [deeper, edit] = queue(register, clock, ("deeper", InThread(reply)), ("edit", Replace(reply)))
    [again] = queue(register, clock, ("again", Replace(edit)))
    port = RecordingPort(platform=Source.SLACK)
    report = Sender(register, port, clock, "s1").drain()
    assert report.sent == 5
    got = [(d.key, d.kind, d.address, d.recipient, d.parent_ref) for d in port.delivered]
    assert got == [
        ("root", DeliveryKind.DM, "U05ROB", "Rob Jansen", None),
        ("reply", DeliveryKind.THREAD, "U05ROB", "Rob Jansen", "m1"),
        ("deeper", DeliveryKind.THREAD, "U05ROB", "Rob Jansen", "m1"),  # under the root
        ("edit", DeliveryKind.UPDATE, "U05ROB", "Rob Jansen", "m2"),  # the reply itself
        ("again", DeliveryKind.UPDATE, "U05ROB", "Rob Jansen", "m2"),  # still the reply
    ]
    assert {row(register, i).state for i in (deeper, again)} == {OutboxState.SENT}


def test_a_reply_to_an_undeliverable_message_fails_too(
    register: Register, clock: FixedClock
) -> None:
    nobody = person(register)  # no Slack identity
    [root] = queue(register, clock, ("root", ToPerson(nobody)))
    [reply] = queue(register, clock, ("reply", InThread(root)))
    port = RecordingPort(platform=Source.SLACK)
    report = Sender(register, port, clock, "s1").drain()
    assert report == SendReport(claimed=2, failed=2)
    assert port.delivered == []
    assert row(register, reply).error == logtext.parent_failed("thread", root)


def test_a_file_is_handed_over_whole(register: Register, clock: FixedClock) -> None:
    brief = File("brief.pdf", "application/pdf", b"%PDF-1.7\x00\xff", comment="concept")
    with transaction(register.sessions) as session:
        OutboxWriter(session, clock.now()).send_file("brief", ToChannel("regie"), brief)
    port = RecordingPort()
    Sender(register, port, clock, "s1").drain()
    assert (port.last().file, port.last().message) == (brief, None)


# --- outcomes -------------------------------------------------------------------------------


def test_retry_after_reschedules_and_releases_the_rest(
    register: Register, clock: FixedClock
) -> None:
    ids = dms(register, clock, 5, person(register))
    port = RecordingPort()
    port.fail("k2", RetryAfter(30))
    sender = Sender(register, port, clock, "s1")
    assert sender.run_once() == SendReport(claimed=5, sent=1, rescheduled=1, released=3)
    start = clock.now()
    waiting = row(register, ids[1])
    assert (waiting.state, waiting.not_before, waiting.attempts) == (
        OutboxState.PENDING,
        start + timedelta(seconds=30),
        0,
    )
    for outbox_id in ids[2:]:
        rest = row(register, outbox_id)
        assert (rest.state, rest.not_before, rest.attempts, rest.claimed_by) == (
            OutboxState.PENDING,
            start,
            0,
            None,
        )
    # Paused: nothing is claimed, so nothing is refused again, until the platform's moment.
    assert sender.drain() == SendReport()
    clock.advance(timedelta(seconds=29))
    assert sender.run_once() == SendReport()
    clock.advance(timedelta(seconds=1))
    assert sender.drain() == SendReport(claimed=4, sent=4)
    assert port.keys() == ["k1", "k2", "k3", "k4", "k5"]


def test_a_transient_error_is_retried_after_a_backoff(
    register: Register, clock: FixedClock
) -> None:
    [outbox_id] = dms(register, clock, 1, person(register))
    port = RecordingPort()
    port.fail_next(DeliveryError("time-out"))
    sender = Sender(register, port, clock, "s1", rng=lambda: 0.0)
    assert sender.drain() == SendReport(claimed=1, retrying=1)
    stored = row(register, outbox_id)
    assert (stored.attempts, stored.not_before, stored.error) == (
        1,
        clock.now() + timedelta(seconds=30),
        "time-out",
    )
    clock.advance(timedelta(seconds=30))
    assert sender.drain() == SendReport(claimed=1, sent=1)
    assert port.keys() == ["k1"]


def test_permanent_errors_and_too_many_attempts_give_up(
    register: Register, clock: FixedClock
) -> None:
    ids = dms(register, clock, 3, person(register))
    port = RecordingPort()
    port.fail("k1", DeliveryError("app removed", permanent=True))
    port.fail("k2", Unreachable("not in workspace"))
    port.fail("k3", DeliveryError("time-out"), DeliveryError("time-out"))
    sender = Sender(register, port, clock, "s1", max_attempts=2, rng=lambda: 0.0)
    assert sender.drain() == SendReport(claimed=3, failed=2, retrying=1)
    clock.advance(timedelta(seconds=30))
    assert sender.drain() == SendReport(claimed=1, failed=1)
    assert [row(register, i).error for i in ids] == ["app removed", "not in workspace", "time-out"]
    with register.sessions() as session:
        assert state_counts(session)[OutboxState.FAILED] == 3
    assert port.delivered == []


def test_a_round_stops_starting_deliveries_at_half_the_lease(
    register: Register, clock: FixedClock
) -> None:
    ids = dms(register, clock, 3, person(register))

    class SlowPort(RecordingPort):
        def deliver(self, delivery: Delivery) -> str:
            clock.advance(LEASE / 2)
            return super().deliver(delivery)

    port = SlowPort()
    assert Sender(register, port, clock, "s1").run_once() == SendReport(
        claimed=3, sent=1, released=2
    )
    assert [row(register, i).state for i in ids] == [
        OutboxState.SENT,
        OutboxState.PENDING,
        OutboxState.PENDING,
    ]


# --- ambiguous sends ------------------------------------------------------------------------


@pytest.mark.parametrize("delivered", [True, False], ids=["delivered", "not-delivered"])
def test_a_send_cut_short_is_checked_not_repeated(
    register: Register, clock: FixedClock, delivered: bool
) -> None:
    [outbox_id] = dms(register, clock, 1, person(register))
    port = RecordingPort()
    with pytest.raises(Crash):
        Sender(register, CrashingPort(port, after=delivered), clock, "dead").run_once()
    assert row(register, outbox_id).state is OutboxState.SENDING
    recovery = Sender(register, port, clock, "s2")
    assert recovery.drain() == SendReport()  # the lease has not ended yet
    clock.advance(LEASE + timedelta(seconds=1))
    report = recovery.drain()
    assert port.found == ["k1"]
    assert port.keys() == ["k1"]
    if delivered:
        assert report == SendReport(claimed=1, reconciled=1)
    else:
        assert report == SendReport(claimed=1, sent=1)
    stored = row(register, outbox_id)
    assert (stored.state, stored.external_ref, stored.claimed_by) == (OutboxState.SENT, "m1", "s2")


def test_a_check_that_must_wait_keeps_the_row_ambiguous(
    register: Register, clock: FixedClock
) -> None:
    dms(register, clock, 2, person(register))
    port = RecordingPort()
    with pytest.raises(Crash):
        Sender(register, CrashingPort(port, after=True), clock, "dead").run_once()
    clock.advance(LEASE + timedelta(seconds=1))
    port.fail_find(RetryAfter(10), DeliveryError("search unavailable"))
    sender = Sender(register, port, clock, "s2", rng=lambda: 0.0)
    assert sender.drain() == SendReport(claimed=2, released=2)
    clock.advance(timedelta(seconds=10))
    # The platform cannot answer: still unknown, so the row waits, ambiguous, not resent.
    assert sender.drain() == SendReport(claimed=2, sent=1, retrying=1)
    clock.advance(timedelta(seconds=30))
    assert sender.drain() == SendReport(claimed=1, reconciled=1)
    assert port.found == ["k1", "k1", "k2", "k1"]
    assert port.keys() == ["k1", "k2"]


def test_a_failure_that_may_have_delivered_is_checked_by_any_later_sender(
    register: Register, clock: FixedClock
) -> None:
    [outbox_id] = dms(register, clock, 1, person(register))
    port = RecordingPort()
    port.fail_next(DeliveryError("timed out after sending", ambiguous=True))
    Sender(register, port, clock, "first", rng=lambda: 0.0).drain()
    assert row(register, outbox_id).state is OutboxState.SENDING  # ambiguous, waiting
    # Another process (or the same after a restart) asks the platform before sending again.
    clock.advance(timedelta(minutes=5))
    Sender(register, port, clock, "second", rng=lambda: 0.0).drain()
    assert port.found == ["k1"]
    assert port.keys() == ["k1"]
    assert row(register, outbox_id).state is OutboxState.SENT


def test_a_sender_that_lost_its_claim_leaves_the_row_to_the_new_holder(
    register: Register, clock: FixedClock
) -> None:
    [outbox_id] = dms(register, clock, 1, person(register))

    class TakenOverPort(RecordingPort):
        def deliver(self, delivery: Delivery) -> str:
            # So slow that the lease ran out and another sender claimed the row meanwhile.
            clock.advance(LEASE + timedelta(seconds=1))
            with transaction(register.sessions) as session:
                claim(session, clock.now(), "s2", 10, LEASE)
            return super().deliver(delivery)

    port = TakenOverPort()
    Sender(register, port, clock, "s1").run_once()
    assert row(register, outbox_id).claimed_by == "s2"
    assert row(register, outbox_id).state is OutboxState.SENDING
    clock.advance(LEASE + timedelta(seconds=1))
    assert Sender(register, port, clock, "s3").drain() == SendReport(claimed=1, reconciled=1)
    assert port.keys() == ["k1"]


# --- the loops ------------------------------------------------------------------------------


def test_run_forever_waits_only_for_work(register: Register, clock: FixedClock) -> None:
    rob = person(register)
    dms(register, clock, 1, rob)
    with transaction(register.sessions) as session:
        later = OutboxWriter(session, clock.now() + timedelta(milliseconds=500))
        later.send("later", ToPerson(rob), Message("straks"))
    port = RecordingPort()
    port.fail("later", RetryAfter(0.25))
    waits: list[float] = []

    def wait(seconds: float) -> bool:
        waits.append(seconds)
        clock.advance(timedelta(seconds=seconds))  # simulated time: the test never sleeps
        return seconds == MAX_IDLE  # idle with nothing ahead: stop

    Sender(register, port, clock, "s1").run_forever(threading.Event(), wait)
    # k1 sent; "later" half a second on; refused: wait what the platform asked; sent; idle.
    assert waits == [0.0, 0.5, 0.25, 0.0, MAX_IDLE]
    assert port.keys() == ["k1", "later"]


def test_run_forever_stops_when_asked(register: Register, clock: FixedClock) -> None:
    stop = threading.Event()
    stop.set()
    port = RecordingPort()
    dms(register, clock, 1, person(register))
    Sender(register, port, clock, "s1").run_forever(stop)
    assert port.delivered == []


def test_drain_stops_after_max_rounds(register: Register, clock: FixedClock) -> None:
    dms(register, clock, 5, person(register))
    port = RecordingPort()
    assert Sender(register, port, clock, "s1", batch=2).drain(max_rounds=2).sent == 4
    assert len(port.delivered) == 4


# --- several processes (PostgreSQL) ---------------------------------------------------------


def worker(db_url: str, folder: Path, holder: str, mode: str, *extra: str) -> subprocess.Popen[str]:
    now = "2026-11-22T12:00:00+00:00"  # the clock fixture's moment
    command = [sys.executable, "-m", "tests.sender_worker", db_url, str(folder), holder, now, mode]
    return subprocess.Popen(
        [*command, *extra], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def finish(process: subprocess.Popen[str]) -> tuple[int, str]:
    out, err = process.communicate(timeout=120)
    assert process.returncode in (0, CRASH), err
    return process.returncode, out


@POSTGRES_ONLY
def test_two_processes_drain_one_outbox_exactly_once(
    register: Register, clock: FixedClock, db_url: str, tmp_path: Path
) -> None:
    dms(register, clock, 500, person(register))
    barrier = 7_700_123
    with register.engine.connect() as gate:
        gate.execute(text("SELECT pg_advisory_lock(:k)"), {"k": barrier})
        workers = [worker(db_url, tmp_path, f"w{n}", "drain", "10", str(barrier)) for n in (1, 2)]
        for process in workers:
            assert process.stdout is not None
            assert process.stdout.readline().strip() == "ready"
        gate.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": barrier})
        reports = [json.loads(finish(p)[1]) for p in workers]
    delivered = Counter(key for key, _ in read_records(tmp_path))
    assert len(delivered) == 500
    assert set(delivered.values()) == {1}
    assert sum(r["sent"] for r in reports) == 500
    assert all(r["sent"] > 0 for r in reports)  # both really took part
    with register.sessions() as session:
        assert state_counts(session)[OutboxState.SENT] == 500


@POSTGRES_ONLY
def test_processes_killed_mid_send_lose_and_duplicate_nothing(
    register: Register, clock: FixedClock, db_url: str, tmp_path: Path
) -> None:
    dms(register, clock, 30, person(register))
    # One dies after claiming ten, before delivering; one after delivering, before recording.
    assert finish(worker(db_url, tmp_path, "a", "die-before-deliver", "10"))[0] == CRASH
    assert finish(worker(db_url, tmp_path, "b", "die-after-deliver", "1"))[0] == CRASH
    assert [key for key, _ in read_records(tmp_path)] == ["k11"]
    with register.sessions() as session:
        assert state_counts(session)[OutboxState.SENDING] == 11
    clock.advance(LEASE + timedelta(seconds=1))
    recovery = Sender(register, FilePort(tmp_path, "recovery"), clock, "recovery", batch=7)
    report = recovery.drain()
    assert report == SendReport(claimed=30, sent=29, reconciled=1)
    delivered = Counter(key for key, _ in read_records(tmp_path))
    assert delivered == Counter({f"k{n}": 1 for n in range(1, 31)})
    with register.sessions() as session:
        assert state_counts(session)[OutboxState.SENT] == 30


@POSTGRES_ONLY
def test_concurrent_claims_never_overlap(
    register: Register, clock: FixedClock, db_url: str
) -> None:
    # Two open transactions claiming at once: SKIP LOCKED hands each different rows.
    dms(register, clock, 6, person(register))
    engine = make_engine(db_url)
    sessions = session_factory(engine)
    with transaction(sessions) as first, transaction(sessions) as second:
        one = [c.row.id for c in claim(first, clock.now(), "s1", 4, LEASE)]
        two = [c.row.id for c in claim(second, clock.now(), "s2", 4, LEASE)]
    engine.dispose()
    assert len(one) == 4
    assert len(two) == 2
    assert not set(one) & set(two)
