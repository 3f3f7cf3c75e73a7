"""The brief's chat tests share these: BOCE imported, people by key, and typing a line as
someone, with the jobs it queued run."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers.dispatch import find_command
from storage.models import Action, Membership, Person, Programme, StatusUpdate
from storage.outbox import OutboxWriter
from storage.updates import record_update
from tests.conftest import run_jobs
from tests.stubs import RecordingOutgoing, StoringOutgoing, make_ctx
from words.clock import FixedClock
from words.domain import Source, Status


def person(session: Session, key: str) -> Person:
    found = session.scalar(select(Person).join(Membership).where(Membership.key == key).limit(1))
    assert found is not None, key
    return found


def report(session: Session, clock: FixedClock, key: str, who: str, text: str) -> StatusUpdate:
    """An update with words on action ``key`` by ``who`` (a membership key), two days before
    the clock's now, as a reply in chat would record it."""
    action = session.scalar(select(Action).where(Action.key == key))
    assert action is not None
    update = record_update(
        session,
        action,
        person(session, who),
        clock.now() - timedelta(days=2),
        source=Source.CONSOLE,
        status=Status.ON_TRACK,
        text=text,
        event_row=None,
    )
    session.flush()
    assert isinstance(update, StatusUpdate), update
    return update


def boce(session: Session) -> Programme:
    found = session.scalar(select(Programme).where(Programme.key == "boce"))
    assert found is not None
    return found


def say(session: Session, clock: FixedClock, who: str, text: str) -> RecordingOutgoing:
    """``who`` types ``text``; what the bot sent back, at once and from the jobs it queued."""
    found = find_command(text)
    assert found is not None, text
    handler, rest = found
    out = StoringOutgoing(writer=OutboxWriter(session, clock.now()))
    handler(make_ctx(session, clock, person(session, who), out), rest)
    session.flush()
    out.sent += run_jobs(session, clock)
    return out
