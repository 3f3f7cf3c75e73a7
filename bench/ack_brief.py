"""A large voortgangsbrief being made while bench.ack measures acknowledgements.

``prepare`` adds bench.brief's programme (``actions`` actions, ten updates each) to the
register bench.ack filled, with its first person as director; ``ask`` has that director type
'brief concept' as in chat, at the start of a Voortgang turn: the event is handled at once
(the command only checks and queues a job) and the clock process's job runner, in the
worker's process (bench.ack_worker), makes the letter while the replies keep coming.
Acknowledgements should not notice: storing an event never waits for the letter.
"""

from __future__ import annotations

import uuid
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, func, select

from bench import brief as letter_bench
from bench.ack_worker import MONDAY
from bench.job import director
from bot.engine.handle import Inbox
from bot.engine.opening import Register
from storage.models import Job, JobState
from words.chat.inbound import MessageIn
from words.clock import FixedClock
from words.domain import Source

ZONE = ZoneInfo("Europe/Amsterdam")


def prepare(engine: Engine, actions: int) -> int:
    """Add the large programme; the person id of its director."""
    letter_bench.build(engine, letter_bench.KEY, actions, actions * 10)
    return director(engine)


def ask(register: Register, person_id: int) -> str:
    """The director asks for the draft, on the worker's day; the event's id."""
    event_id = f"bench-brief-{uuid.uuid4().hex}"
    Inbox(register, FixedClock(MONDAY), ZONE).handle(
        MessageIn(
            platform=Source.CONSOLE,
            event_id=event_id,
            user_id=str(person_id),
            received_at=MONDAY,
            text="brief concept",
        )
    )
    return event_id


def letters_made(register: Register) -> tuple[int, int]:
    """Jobs done and jobs queued in all."""
    with register.sessions() as session:
        done = session.scalar(
            select(func.count()).select_from(Job).where(Job.state == JobState.DONE)
        )
        total = session.scalar(select(func.count()).select_from(Job))
    return (0 if done is None else done), (0 if total is None else total)
