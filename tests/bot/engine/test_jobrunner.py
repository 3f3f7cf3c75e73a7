"""bot.engine.jobrunner: letters made by jobs outside the chat event's transaction, on SQLite and
PostgreSQL.

The director Marieke Hoekstra asks on the BOCE example; the handler only checks and queues,
and the runner answers: the same file and preview as when the handler made the letter itself.
A job is run once however often its event is handled, a failing job is tried three times and
then set aside with one apology while the jobs behind it run, two requests to freeze one draft
make one final brief, and another process writes at once while a large letter is being made.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import datetime
from typing import TypeVar

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bench import brief as letter_bench
from bench import job as job_bench
from bot.engine.jobrunner import KINDS, LEASE, JobRunner, Kind
from bot.engine.opening import Register, import_file
from bot.letter.formats import document
from config.settings import Settings
from handlers.brief import work as brief_jobs
from handlers.brief.chat import concept, final
from handlers.handoff import Origin, Steps, queue_job
from storage.db import transaction
from storage.jobs import Claimed, backoff, claim, set_aside_jobs
from storage.letters import final_briefs
from storage.models import (
    Brief,
    BriefState,
    Job,
    JobState,
    Membership,
    OutboxMessage,
    Person,
    Programme,
)
from storage.outbox import OutboxWriter, file_of, message_of
from tests.conftest import BOCE, run_jobs
from tests.stubs import StoringOutgoing, make_ctx
from words.catalogue import t
from words.chat.outgoing import Outgoing, ToPerson
from words.clock import FixedClock

T = TypeVar("T")


@pytest.fixture
def session(register: Register, settings: Settings, clock: FixedClock) -> Iterator[Session]:
    import_file(register, BOCE, settings, clock)
    with register.sessions() as s:
        yield s


def marieke(session: Session) -> Person:
    found = session.scalar(
        select(Person).join(Membership).where(Membership.key == "marieke-hoekstra").limit(1)
    )
    assert found is not None
    return found


def boce(session: Session) -> int:
    found = session.scalar(select(Programme.id).where(Programme.key == "boce"))
    assert found is not None
    return found


def ask(session: Session, clock: FixedClock, text: str) -> StoringOutgoing:
    """Marieke types 'brief <text>'; what the handler answered at once (the job not run)."""
    out = StoringOutgoing(writer=OutboxWriter(session, clock.now()))
    ctx = make_ctx(session, clock, marieke(session), out)
    {"concept": concept, "definitief": final}[text](ctx, "")
    session.commit()
    return out


def jobs(session: Session) -> list[Job]:
    session.expire_all()
    return list(session.scalars(select(Job).order_by(Job.id)))


def apologies(session: Session, lang: str) -> list[OutboxMessage]:
    rows = session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
    return [r for r in rows if (m := message_of(r)) and m.text == t("letters.job_failed", lang)]


def test_brief_concept_queues_a_job_and_the_job_hands_over_the_file(
    session: Session, clock: FixedClock
) -> None:
    out = ask(session, clock, "concept")
    assert out.sent == []  # BOCE's 32 actions: nothing to say before the letter itself
    [job] = jobs(session)
    assert (job.kind, job.state, job.person_id) == (
        brief_jobs.CONCEPT,
        JobState.PENDING,
        marieke(session).id,
    )
    assert (job.payload["start"], job.payload["end"]) == ("2026-10-01", "2026-12-31")
    assert Origin.from_json(job.payload["origin"]).reply_to == ToPerson(marieke(session).id)
    assert session.scalar(select(func.count(Brief.id))) == 0  # nothing compiled yet

    [sent] = run_jobs(session, clock)
    assert sent.key == job.key  # the key the handler's own answer would have had
    assert sent.to == ToPerson(marieke(session).id)
    assert sent.file is not None
    assert sent.file.name == "voortgangsbrief-boce-2026-Q4-concept.docx"
    assert sent.file.comment.startswith("Concept voortgangsbrief BOCE beleidsagenda")
    assert jobs(session)[0].state is JobState.DONE
    assert run_jobs(session, clock) == []


def test_an_event_handled_twice_queues_its_job_once_and_it_runs_once(
    session: Session, clock: FixedClock
) -> None:
    out = StoringOutgoing(writer=OutboxWriter(session, clock.now()))
    first = make_ctx(session, clock, marieke(session), out)
    concept(first, "")
    concept(replace(first), "")  # the same event again, as after a rolled-back attempt
    session.commit()
    assert len(jobs(session)) == 1
    assert [s.file is not None for s in run_jobs(session, clock)] == [True]
    assert run_jobs(session, clock) == []


def _broken(job: Claimed, steps: Steps) -> None:
    steps.read(lambda _session: int("kapot"))


def test_a_failing_job_is_tried_three_times_then_set_aside_with_one_apology(
    session: Session, clock: FixedClock, register: Register
) -> None:
    director = marieke(session)
    director.language = "en"
    out = StoringOutgoing(writer=OutboxWriter(session, clock.now()))
    queue_job(make_ctx(session, clock, director, out), "broken", boce(session), {})
    ask(session, clock, "concept")  # queued behind the broken one
    kinds = {**KINDS, "broken": Kind(_broken, brief_jobs.APOLOGY)}
    runner = JobRunner(register, clock, "r", kinds=kinds)

    assert runner.run_once() == 2  # the broken job fails; the letter behind it is made
    assert len([r for r in session.scalars(select(OutboxMessage)) if file_of(r)]) == 1
    assert runner.run_once() == 0  # the broken one waits out its backoff
    for attempt in (1, 2):
        clock.advance(backoff(attempt))
        assert runner.run_once() == 1
    broken = jobs(session)[0]
    assert (broken.state, broken.attempts) == (JobState.SET_ASIDE, 3)
    assert broken.error.startswith("ValueError: invalid literal for int()")
    assert [j.id for j in set_aside_jobs(session)] == [broken.id]
    [sorry] = apologies(session, "en")  # once, in her language, where she asked
    assert sorry.person_id == director.id
    clock.advance(LEASE * 10)
    assert runner.run_once() == 0
    assert len(apologies(session, "en")) == 1


def test_a_job_that_stops_its_runner_every_time_is_set_aside_not_run_for_ever(
    session: Session, clock: FixedClock, register: Register
) -> None:
    ask(session, clock, "concept")
    for dead in ("dead-1", "dead-2", "dead-3"):  # each runner stops mid-way (a crash, a kill)
        with transaction(register.sessions) as tx:
            assert len(claim(tx, clock.now(), dead, LEASE)) == 1
        clock.advance(LEASE)
    assert JobRunner(register, clock, "r").run_once() == 1
    [job] = jobs(session)
    assert (job.state, job.attempts) == (JobState.SET_ASIDE, 4)
    assert job.error.startswith("TooManyAttemptsError")
    assert len(apologies(session, "nl")) == 1
    assert session.scalar(select(func.count(Brief.id))) == 0


class _Late:
    """Steps that let ``other`` run its jobs between a job's reading and its writing."""

    def __init__(self, steps: Steps, other: JobRunner) -> None:
        self.steps = steps
        self.other = other

    @property
    def now(self) -> datetime:
        return self.steps.now

    def read(self, work: Callable[[Session], T]) -> T:
        return self.steps.read(work)

    def write(self, work: Callable[[Session, Outgoing], T]) -> T:
        self.other.run_once()
        return self.steps.write(work)


def test_asking_twice_to_freeze_one_draft_makes_one_final(
    session: Session, clock: FixedClock, register: Register
) -> None:
    ask(session, clock, "concept")
    run_jobs(session, clock)
    ask(session, clock, "definitief")
    ask(session, clock, "definitief")  # before the first was done: both saw the draft
    second = JobRunner(register, clock, "second")

    def first_then_other(job: Claimed, steps: Steps) -> None:
        # Both read the draft; the second request then freezes it before the first writes.
        brief_jobs.final(job, _Late(steps, second), render=document)

    kinds = {**KINDS, brief_jobs.FINAL: Kind(first_then_other, brief_jobs.APOLOGY)}
    before = session.scalar(select(func.max(OutboxMessage.id)))
    assert JobRunner(register, clock, "first", kinds=kinds).run_once() == 1
    session.expire_all()
    assert [b.number for b in final_briefs(session, boce(session))] == [1]
    assert session.scalar(select(func.count(Brief.id)).where(Brief.state == BriefState.DRAFT)) == 0
    rows = session.scalars(select(OutboxMessage).where(OutboxMessage.id > (before or 0))).all()
    files = [f.name for r in rows if (f := file_of(r)) is not None and ":reader:" not in r.key]
    texts = [m.text for r in rows if (m := message_of(r)) is not None]
    assert files == ["voortgangsbrief-boce-2026-Q4-nr1.docx"]
    # Published once to each of the two griffiers, not once per request.
    assert len([r for r in rows if ":reader:" in r.key]) == 2
    assert texts == [t("letters.already_final", "nl", number=1)]
    assert {j.state for j in jobs(session)} == {JobState.DONE}


def test_run_forever_is_woken_by_a_queued_job_and_stops_promptly(
    session: Session, clock: FixedClock, register: Register
) -> None:
    done = threading.Semaphore(0)
    # Polling only once an hour: the second job can only run because the runner was woken.
    runner = JobRunner(register, clock, "thread", done=done.release, poll=3600)
    stop, wake = threading.Event(), threading.Event()
    ask(session, clock, "concept")
    thread = threading.Thread(target=runner.run_forever, args=(stop, wake))
    thread.start()
    try:
        assert done.acquire(timeout=60)
        ask(session, clock, "concept")
        wake.set()
        assert done.acquire(timeout=60)
    finally:
        stopped = time.perf_counter()
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()
    assert time.perf_counter() - stopped < 1.0
    assert [j.state for j in jobs(session)] == [JobState.DONE, JobState.DONE]


def test_a_large_letter_is_made_while_another_process_writes_at_once(
    register: Register,
) -> None:
    # 2,000 actions, each with five updates over the year: a letter of seconds.
    letter_bench.build(register.engine, letter_bench.KEY, 2000, 10_000)
    person_id = job_bench.director(register.engine)
    clock = FixedClock(job_bench.NOW)
    job_bench.ask(register, clock, person_id, f"brief concept {letter_bench.KEY}")
    with register.sessions() as session:
        [told] = [message_of(r) for r in session.scalars(select(OutboxMessage))]
        assert told is not None
        assert told.text == t("letters.working", "nl", actions=2000)  # at once, before the job
    figures = job_bench.beside(register, person_id, JobRunner(register, clock, "r").run_once)
    writes = figures.writes
    assert writes.errors == []  # never "database is locked"
    assert len(writes.waits) >= 10  # they were written while the letter was made
    assert writes.worst < 1000, writes.summary()  # milliseconds, not seconds
    with register.sessions() as session:
        assert session.scalar(select(func.count(Brief.id))) == 1
        assert len([r for r in session.scalars(select(OutboxMessage)) if file_of(r)]) == 1
