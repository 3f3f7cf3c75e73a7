"""Whatever anyone types, the inbox worker goes on: arbitrary text from a person in every role,
through the worker as in production, ends handled or set aside, never as an exception that
escapes, and the next ordinary message is still answered."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from bot.engine.opening import Register, import_file
from bot.engine.worker import InboxWorker
from config.settings import Settings
from storage.db import transaction
from storage.inbox import EVENT_BACKOFF, store_event
from storage.models import InboundEvent, OutboxMessage
from storage.people import person_by_email
from tests.conftest import BOCE
from words.chat.inbound import MessageIn
from words.clock import FixedClock
from words.domain import Source

ROLES = {
    "director": "m.hoekstra@emmen.example",
    "support": "s.wolters@coevorden.example",
    "sponsor": "h.kuiper@coevorden.example",
    "member": "r.jansen@emmen.example",
    "reader": "g.boelens@borger-odoorn.example",
}
WORDS = [
    "actie", "acties", "update", "status", "deadline", "wijzig", "ongedaan", "overzicht",
    "samenvatting", "afwezig", "brief", "brief concept", "brief herinner", "brief definitief",
    "nieuwe actie", "mijn acties", "te laat", "help", "#", "OW-", "action", "summary",
]  # fmt: skip
ODD = [
    "99999999999999999999", "9223372036854775808", "-1", "0", "²", "٣", "0000-Q1",
    "2026-01-01..9999-12-31", "9999-Q4", "a\x00b", "\ud800", "1e308", "Q5 2026", "week 54",
    "31-02-2026", "t/m", "|||", "::", "🙂", "x" * 300,
]  # fmt: skip

typed = st.one_of(
    st.text(max_size=80),
    st.builds(
        lambda word, args: " ".join([word, *args]),
        st.sampled_from(WORDS),
        st.lists(st.one_of(st.sampled_from(ODD), st.text(max_size=12)), max_size=3),
    ),
)
counter = itertools.count()


@pytest.fixture
def world(register: Register, settings: Settings, clock: FixedClock) -> InboxWorker:
    import_file(register, BOCE, settings, clock)
    return InboxWorker(register, clock, settings.zone)


def person_id(register: Register, role: str) -> str:
    with register.sessions() as session:
        person = person_by_email(session, ROLES[role])
        assert person is not None, role
        return str(person.id)


def send(worker: InboxWorker, clock: FixedClock, user: str, text: str) -> int:
    event = MessageIn(
        platform=Source.CONSOLE,
        event_id=f"fuzz-{next(counter)}",
        user_id=user,
        received_at=clock.now(),
        text=text,
    )
    with transaction(worker.register.sessions) as session:
        row_id, _ = store_event(session, event)
    return row_id


def settle(worker: InboxWorker, clock: FixedClock, row_id: int) -> InboundEvent:
    """Run the worker until the event is handled or set aside, through its backoffs."""
    for pause in (*EVENT_BACKOFF, timedelta(0)):
        worker.run_once()  # must not raise, whatever the event holds
        with worker.register.sessions() as session:
            row = session.get(InboundEvent, row_id)
            assert row is not None
            if row.handled_at is not None or row.set_aside_at is not None:
                return row
        clock.advance(pause)
    raise AssertionError(f"event {row_id} neither handled nor set aside")


@pytest.mark.parametrize("role", list(ROLES))
def test_any_text_from_anyone_ends_handled_or_set_aside_and_the_worker_goes_on(
    world: InboxWorker, clock: FixedClock, role: str
) -> None:
    user = person_id(world.register, role)

    @settings(
        max_examples=40,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(text=typed)
    def typed_by_them(text: str) -> None:
        settle(world, clock, send(world, clock, user, text))

    typed_by_them()
    # After all of that, an ordinary question is answered as usual.
    row = settle(world, clock, send(world, clock, user, "help"))
    assert row.handled_at is not None
    with world.register.sessions() as session:
        answered = session.scalar(
            select(func.count())
            .select_from(OutboxMessage)
            .where(OutboxMessage.key.like(f"in:console:{row.event_id}:%"))
        )
        assert answered == 1
