"""Jobs: work a chat event asked for that is too long for the event's own transaction.

A handler queues a job (``queue``) in the event's transaction, with a key derived from the
event, so an event handled twice queues its work once. A runner (``bot.engine.jobrunner``) claims
due
jobs with a lease, reads what it needs in a short transaction, does the work outside any
transaction and records the outcome here together with the result. The states:

- ``pending``: waits until ``not_before`` (a retry waits out its backoff).
- ``running``: claimed by ``claimed_by`` until ``lease_until``. A job still running after its
  lease lost its runner (a crash, a stop) and is claimable again.
- ``done``: its result was written in the same transaction that marked it done.
- ``set_aside``: it failed ``MAX_ATTEMPTS`` times; listed for an operator, who may retry it.

Every claim counts an attempt, so a job that kills its runner each time is set aside too
instead of being taken up for ever. Only the holder of a claim records its outcome.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Final, cast

from sqlalchemy import ColumnElement, CursorResult, and_, func, or_, select, update
from sqlalchemy.orm import Session

from storage.db import upsert_insert
from storage.models import Job, JobState

# A failed job is tried again after 1 minute, then 2; the third failure sets it aside.
MAX_ATTEMPTS: Final = 3
BACKOFF_BASE: Final = timedelta(minutes=1)
ERROR_LENGTH: Final = 2000  # an exception's text kept with the job, for whoever looks


@dataclass(frozen=True, slots=True)
class NewJob:
    key: str  # derived from the event that asked: queued once however often it is handled
    kind: str
    programme_id: int | None
    person_id: int | None
    payload: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Claimed:
    """A job claimed by a runner: plain values, usable after the claim's transaction."""

    id: int
    key: str
    kind: str
    programme_id: int | None
    person_id: int | None
    payload: Mapping[str, Any]
    attempts: int  # this claim included


def queue(session: Session, job: NewJob, now: datetime) -> int | None:
    """Queue ``job`` in the caller's transaction; its id, or None when the key was queued
    before (ON CONFLICT DO NOTHING, so two processes queueing one key leave one row)."""
    values: dict[str, Any] = {
        "key": job.key,
        "kind": job.kind,
        "programme_id": job.programme_id,
        "person_id": job.person_id,
        "payload": dict(job.payload),
        "state": JobState.PENDING,
        "attempts": 0,
        "not_before": now,
        "error": "",
        "created_at": now,
    }
    statement = (
        upsert_insert(session, Job)
        .values(values)
        .on_conflict_do_nothing(index_elements=["key"])
        .returning(Job.id)
    )
    inserted: int | None = session.execute(statement).scalar()
    return inserted


# --- claiming -------------------------------------------------------------------------------


def _due(now: datetime) -> ColumnElement[bool]:
    return and_(Job.state == JobState.PENDING, Job.not_before <= now)


def _lease_expired(now: datetime) -> ColumnElement[bool]:
    return and_(Job.state == JobState.RUNNING, Job.lease_until <= now)


def claim(
    session: Session, now: datetime, holder: str, lease: timedelta, limit: int = 1
) -> list[Claimed]:
    """Claim up to ``limit`` due jobs for ``holder`` until ``now + lease``, oldest first.

    On PostgreSQL the candidates are locked with FOR UPDATE SKIP LOCKED, so runners in several
    processes take different jobs without waiting for each other. On SQLite the conditional
    update re-checks that each job is still claimable, so none is claimed twice.
    """
    candidates = session.scalars(
        select(Job.id)
        .where(or_(_due(now), _lease_expired(now)))
        .order_by(Job.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    ).all()
    if not candidates:
        return []
    taken = session.execute(
        update(Job)
        .where(Job.id.in_(candidates), or_(_due(now), _lease_expired(now)))
        .values(
            state=JobState.RUNNING,
            claimed_by=holder,
            lease_until=now + lease,
            attempts=Job.attempts + 1,
        )
        .returning(Job.id)
        .execution_options(synchronize_session=False)
    )
    ids = set(taken.scalars().all())
    rows = session.execute(
        select(
            Job.id,
            Job.key,
            Job.kind,
            Job.programme_id,
            Job.person_id,
            Job.payload,
            Job.attempts,
        )
        .where(Job.id.in_(ids))
        .order_by(Job.id)
    ).all()
    return [Claimed(*row) for row in rows]


# --- outcomes -------------------------------------------------------------------------------


def _mark(session: Session, job_id: int, holder: str, values: dict[str, Any]) -> bool:
    """Apply ``values`` if ``holder`` still holds the claim; False when it was taken over."""
    result = cast(
        CursorResult[Any],
        session.execute(
            update(Job)
            .where(Job.id == job_id, Job.state == JobState.RUNNING, Job.claimed_by == holder)
            .values(values)
            .execution_options(synchronize_session=False)
        ),
    )
    return result.rowcount == 1


def release(session: Session, holder: str, now: datetime) -> int:
    """Hand back every job ``holder`` is running (a process stopping): due again at once, for
    any runner; the attempt it cost is given back. How many were."""
    result = cast(
        CursorResult[Any],
        session.execute(
            update(Job)
            .where(Job.state == JobState.RUNNING, Job.claimed_by == holder)
            .values(
                state=JobState.PENDING,
                claimed_by=None,
                lease_until=None,
                not_before=now,
                attempts=Job.attempts - 1,
            )
            .execution_options(synchronize_session=False)
        ),
    )
    return result.rowcount


def finish(session: Session, job_id: int, holder: str, now: datetime) -> bool:
    """Done: call in the transaction that writes the job's result. False when the claim was
    lost (the lease ran out and another runner took the job): then write nothing.

    On SQLite this update, as the transaction's first statement, also takes the write lock,
    so what the result's write reads next is the newest state and nobody writes in between.
    """
    values = {"state": JobState.DONE, "done_at": now, "lease_until": None, "error": ""}
    return _mark(session, job_id, holder, values)


def backoff(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failed attempt: 1 minute, 2, 4 ..."""
    return BACKOFF_BASE * (1 << min(max(attempts - 1, 0), 16))


def fail(
    session: Session,
    job_id: int,
    holder: str,
    now: datetime,
    error: str,
    *,
    max_attempts: int = MAX_ATTEMPTS,
) -> JobState | None:
    """A failed attempt: pending again after a backoff, or set aside after ``max_attempts``.

    Returns the job's new state, or None when the claim was lost.
    """
    attempts = session.scalar(
        select(Job.attempts).where(
            Job.id == job_id, Job.state == JobState.RUNNING, Job.claimed_by == holder
        )
    )
    if attempts is None:
        return None
    if attempts >= max_attempts:
        return JobState.SET_ASIDE if set_aside(session, job_id, holder, now, error) else None
    values = {
        "state": JobState.PENDING,
        "not_before": now + backoff(attempts),
        "lease_until": None,
        "claimed_by": None,
        "error": error[:ERROR_LENGTH],
    }
    return JobState.PENDING if _mark(session, job_id, holder, values) else None


def set_aside(session: Session, job_id: int, holder: str, now: datetime, error: str) -> bool:
    """Give the job up now: it stays listed for an operator (``set_aside_jobs``, ``retry``)."""
    values = {
        "state": JobState.SET_ASIDE,
        "done_at": now,
        "lease_until": None,
        "error": error[:ERROR_LENGTH],
    }
    return _mark(session, job_id, holder, values)


def set_aside_jobs(session: Session) -> Sequence[Job]:
    """The jobs given up, oldest first, with their last error."""
    return session.scalars(
        select(Job).where(Job.state == JobState.SET_ASIDE).order_by(Job.id)
    ).all()


def retry(session: Session, job_id: int, now: datetime) -> bool:
    """Put a set-aside job back as new: pending now, with all its attempts again."""
    result = cast(
        CursorResult[Any],
        session.execute(
            update(Job)
            .where(Job.id == job_id, Job.state == JobState.SET_ASIDE)
            .values(
                state=JobState.PENDING,
                not_before=now,
                attempts=0,
                claimed_by=None,
                done_at=None,
            )
            .execution_options(synchronize_session=False)
        ),
    )
    return result.rowcount == 1


# --- overview -------------------------------------------------------------------------------


def next_due(session: Session) -> datetime | None:
    """When the next job becomes claimable (a retry's backoff, a lease running out): for the
    console's simulated clock; None when no job waits."""
    pending = session.scalar(select(func.min(Job.not_before)).where(Job.state == JobState.PENDING))
    leased = session.scalar(select(func.min(Job.lease_until)).where(Job.state == JobState.RUNNING))
    return min((m for m in (pending, leased) if m is not None), default=None)


def get(session: Session, job_id: int) -> Job | None:
    return session.get(Job, job_id)
