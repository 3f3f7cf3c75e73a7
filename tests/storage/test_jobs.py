"""storage.jobs: queueing once per key, claims and leases, failures, setting aside, retrying;
and storage.snapshot, the read-only view a job reads in. On SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import DBAPIError

from bot.engine.opening import Register
from storage.db import make_engine, session_factory, transaction
from storage.jobs import (
    MAX_ATTEMPTS,
    Claimed,
    NewJob,
    backoff,
    claim,
    fail,
    finish,
    get,
    next_due,
    queue,
    retry,
    set_aside_jobs,
)
from storage.models import Job, JobState
from storage.snapshot import snapshot
from words.clock import FixedClock

LEASE = timedelta(minutes=15)


def add(register: Register, clock: FixedClock, *keys: str) -> list[int | None]:
    with transaction(register.sessions) as session:
        return [
            queue(session, NewJob(key, "test", None, None, {"n": key}), clock.now()) for key in keys
        ]


def claim_now(register: Register, clock: FixedClock, holder: str, limit: int = 10) -> list[int]:
    with transaction(register.sessions) as session:
        return [c.id for c in claim(session, clock.now(), holder, LEASE, limit)]


def job(register: Register, job_id: int) -> Job:
    with register.sessions() as session:
        found = get(session, job_id)
        assert found is not None
        return found


def test_a_key_queued_twice_is_one_job(register: Register, clock: FixedClock) -> None:
    [first] = add(register, clock, "in:console:e1:1:brief")
    assert first is not None
    assert add(register, clock, "in:console:e1:1:brief") == [None]
    with register.sessions() as session:
        assert session.scalar(select(func.count(Job.id))) == 1
    stored = job(register, first)
    assert (stored.state, stored.attempts, stored.payload) == (
        JobState.PENDING,
        0,
        {"n": "in:console:e1:1:brief"},
    )


def test_claim_takes_due_jobs_oldest_first_with_a_lease(
    register: Register, clock: FixedClock
) -> None:
    ids = add(register, clock, "a", "b", "c")
    with transaction(register.sessions) as session:
        claimed = claim(session, clock.now(), "r1", LEASE, 2)
    assert [c.id for c in claimed] == ids[:2]
    assert claimed[0] == Claimed(ids[0] or 0, "a", "test", None, None, {"n": "a"}, 1)
    stored = job(register, claimed[0].id)
    assert (stored.state, stored.claimed_by, stored.lease_until) == (
        JobState.RUNNING,
        "r1",
        clock.now() + LEASE,
    )
    # Another runner gets what is left, and then nothing.
    assert claim_now(register, clock, "r2") == [ids[2]]
    assert claim_now(register, clock, "r3") == []


def test_a_job_whose_lease_ran_out_is_claimable_again_and_its_first_runner_writes_nothing(
    register: Register, clock: FixedClock
) -> None:
    [job_id] = add(register, clock, "a")
    assert claim_now(register, clock, "dead") == [job_id]
    clock.advance(LEASE - timedelta(seconds=1))
    assert claim_now(register, clock, "r2") == []
    clock.advance(timedelta(seconds=1))
    assert claim_now(register, clock, "r2") == [job_id]
    assert job(register, job_id or 0).attempts == 2  # each claim counts
    with transaction(register.sessions) as session:
        assert not finish(session, job_id or 0, "dead", clock.now())
        assert fail(session, job_id or 0, "dead", clock.now(), "x") is None
        assert finish(session, job_id or 0, "r2", clock.now())
    stored = job(register, job_id or 0)
    assert (stored.state, stored.done_at) == (JobState.DONE, clock.now())
    assert claim_now(register, clock, "r3") == []


def test_failures_back_off_and_the_last_sets_the_job_aside(
    register: Register, clock: FixedClock
) -> None:
    [raw] = add(register, clock, "a")
    job_id = raw or 0
    waits = []
    for attempt in range(1, MAX_ATTEMPTS + 1):
        assert claim_now(register, clock, "r") == [job_id]
        with transaction(register.sessions) as session:
            state = fail(session, job_id, "r", clock.now(), f"ValueError: attempt {attempt}")
        stored = job(register, job_id)
        assert stored.attempts == attempt
        assert stored.error == f"ValueError: attempt {attempt}"
        if attempt < MAX_ATTEMPTS:
            assert state is JobState.PENDING
            waits.append(stored.not_before - clock.now())
            clock.advance(stored.not_before - clock.now() - timedelta(seconds=1))
            assert claim_now(register, clock, "r") == []  # still waiting out its backoff
            clock.advance(timedelta(seconds=1))
        else:
            assert state is JobState.SET_ASIDE
    assert waits == [backoff(1), backoff(2)] == [timedelta(minutes=1), timedelta(minutes=2)]
    clock.advance(timedelta(days=1))
    assert claim_now(register, clock, "r") == []


def test_a_set_aside_job_is_listed_and_a_retry_gives_it_every_attempt_again(
    register: Register, clock: FixedClock
) -> None:
    [raw, other] = add(register, clock, "a", "b")
    job_id = raw or 0
    with transaction(register.sessions) as session:
        session.execute(update(Job).where(Job.id == job_id).values(attempts=MAX_ATTEMPTS - 1))
    assert claim_now(register, clock, "r", limit=1) == [job_id]
    with transaction(register.sessions) as session:
        assert fail(session, job_id, "r", clock.now(), "boom") is JobState.SET_ASIDE
    with register.sessions() as session:
        assert [(j.id, j.error) for j in set_aside_jobs(session)] == [(job_id, "boom")]
    with transaction(register.sessions) as session:
        assert not retry(session, other or 0, clock.now())  # only a set-aside job
        assert retry(session, job_id, clock.now())
    stored = job(register, job_id)
    assert (stored.state, stored.attempts, stored.not_before) == (
        JobState.PENDING,
        0,
        clock.now(),
    )
    with register.sessions() as session:
        assert set_aside_jobs(session) == []
    assert claim_now(register, clock, "r") == [job_id, other]


def test_next_due_is_the_first_retry_or_lease_end(register: Register, clock: FixedClock) -> None:
    with register.sessions() as session:
        assert next_due(session) is None
    [raw] = add(register, clock, "a")
    job_id = raw or 0
    assert claim_now(register, clock, "r") == [job_id]
    with register.sessions() as session:
        assert next_due(session) == clock.now() + LEASE
    with transaction(register.sessions) as session:
        fail(session, job_id, "r", clock.now(), "x")
    with register.sessions() as session:
        assert next_due(session) == clock.now() + backoff(1)


@pytest.mark.parametrize(
    "db_url", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)
def test_two_runners_claiming_at_once_take_different_jobs(db_url: str, clock: FixedClock) -> None:
    engine = make_engine(db_url)
    register = Register(engine, session_factory(engine))
    ids = add(register, clock, "a", "b")
    first = register.sessions()
    first.begin()
    taken = [c.id for c in claim(first, clock.now(), "r1", LEASE, 1)]
    # The first claim is not committed yet: SKIP LOCKED hands the second runner the next job
    # instead of making it wait.
    assert claim_now(register, clock, "r2") == [ids[1]]
    first.commit()
    first.close()
    engine.dispose()
    assert taken == [ids[0]]


def test_a_snapshot_sees_one_state_and_does_not_hold_up_a_writer(
    register: Register, clock: FixedClock
) -> None:
    with snapshot(register.engine) as session:
        before = session.scalar(select(func.count(Job.id)))
        add(register, clock, "written meanwhile")  # commits at once, from another connection
        assert session.scalar(select(func.count(Job.id))) == before == 0
        with pytest.raises(DBAPIError):  # read-only: a write by mistake is refused
            session.execute(insert(Job).values(key="x", kind="x", not_before=clock.now()))
    with register.sessions() as session:
        assert session.scalar(select(func.count(Job.id))) == 1
