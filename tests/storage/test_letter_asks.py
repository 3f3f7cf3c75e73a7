"""storage.letter_asks: the letter's jobs under way and those set aside, on SQLite and
PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.jobs import NewJob, queue
from storage.letter_asks import set_aside_jobs, working_jobs
from storage.models import Job, JobState, Programme
from words.clock import FixedClock

KINDS = ("brief.concept", "brief.final")


def _job(session: Session, clock: FixedClock, key: str, kind: str, state: JobState) -> None:
    programme = session.scalars(select(Programme).where(Programme.key == "boce")).one()
    clock.advance(timedelta(minutes=1))
    queued = queue(session, NewJob(key, kind, programme.id, None, {}), clock.now())
    session.get_one(Job, queued).state = state
    session.flush()


def _programme(session: Session) -> int:
    return session.scalars(select(Programme.id).where(Programme.key == "boce")).one()


def test_a_set_aside_job_counts_until_a_later_job_of_its_kind(
    boce: Session, clock: FixedClock
) -> None:
    programme = _programme(boce)
    _job(boce, clock, "a", "brief.concept", JobState.SET_ASIDE)
    _job(boce, clock, "b", "brief.final", JobState.DONE)
    _job(boce, clock, "c", "brief.remind", JobState.SET_ASIDE)  # a kind not asked about
    assert [w.kind for w in set_aside_jobs(boce, programme, KINDS)] == ["brief.concept"]
    _job(boce, clock, "d", "brief.concept", JobState.RUNNING)  # asked again: under way
    assert set_aside_jobs(boce, programme, KINDS) == []
    assert [w.kind for w in working_jobs(boce, programme, KINDS)] == ["brief.concept"]
    _job(boce, clock, "e", "brief.final", JobState.SET_ASIDE)
    assert [w.kind for w in set_aside_jobs(boce, programme, KINDS)] == ["brief.final"]
    assert set_aside_jobs(boce, programme + 1000, KINDS) == []  # another programme's
