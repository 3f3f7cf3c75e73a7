"""Inbound events are stored once per platform event id and decode to what was stored."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.engine.opening import Register
from storage.db import transaction
from storage.inbox import (
    KIND_OF,
    claim_event,
    decode,
    encode,
    mark_handled,
    store_event,
    unhandled,
)
from words.chat.inbound import ButtonIn, CommandIn, Event, FormIn, MessageIn, clean_event
from words.domain import Source

AT = datetime(2026, 11, 23, 8, 5, tzinfo=UTC)
EVENTS: list[Event] = [
    MessageIn(
        platform=Source.SLACK,
        event_id="Ev1",
        user_id="U1",
        received_at=AT,
        text="#12 afgerond",
        thread="1700000000.000100",
    ),
    ButtonIn(
        platform=Source.TEAMS,
        event_id="a1",
        user_id="aad",
        received_at=AT,
        action="status",
        value="3:done",
        message="m9",
    ),
    FormIn(
        platform=Source.SLACK,
        event_id="v1",
        user_id="U2",
        received_at=AT,
        form="update",
        context="3",
        values={"status": "at_risk", "text": "<b>"},
    ),
    CommandIn(platform=Source.CONSOLE, event_id="c1", user_id="7", received_at=AT, text="help"),
]


@pytest.mark.parametrize("event", EVENTS, ids=lambda e: type(e).__name__)
def test_events_round_trip_through_json(event: Event) -> None:
    assert decode(KIND_OF[type(event)], encode(event)) == event


def test_the_same_event_delivered_four_times_is_stored_once(register: Register) -> None:
    event = EVENTS[0]
    results = []
    for _ in range(4):
        with transaction(register.sessions) as session:
            results.append(store_event(session, event))
    first_id = results[0][0]
    assert results == [(first_id, True)] + [(first_id, False)] * 3


def test_the_same_id_on_another_platform_is_another_event(register: Register) -> None:
    with transaction(register.sessions) as session:
        a, _ = store_event(session, EVENTS[0])
        other = MessageIn(
            platform=Source.TEAMS, event_id="Ev1", user_id="x", received_at=AT, text="hoi"
        )
        b, new = store_event(session, other)
    assert new
    assert a != b


def test_a_handled_event_cannot_be_claimed_again(register: Register) -> None:
    with transaction(register.sessions) as session:
        row_id, _ = store_event(session, EVENTS[3])
        assert list(unhandled(session)) == [row_id]
    with transaction(register.sessions) as session:
        assert claim_event(session, row_id) is not None
        mark_handled(session, row_id, None, AT)
    with transaction(register.sessions) as session:
        assert claim_event(session, row_id) is None
        assert list(unhandled(session)) == []


def test_clean_event_cleans_every_text_of_an_event_and_keeps_a_clean_one_as_it_is() -> None:
    dirty = FormIn(
        platform=Source.SLACK,
        event_id="view:\x00V1",
        user_id="U1\x07",
        received_at=AT,
        form="update",
        context="14\x00",
        values={"text\x00": "a\x00b\ud800", "status": "done"},
        message="D1:1.2\x1b",
        workspace="T1\x00",
    )
    cleaned = clean_event(dirty)
    assert cleaned == FormIn(
        platform=Source.SLACK,
        event_id="view:V1",
        user_id="U1",
        received_at=AT,
        form="update",
        context="14",
        values={"text": "ab\ufffd", "status": "done"},
        message="D1:1.2",
        workspace="T1",
    )
    for event in EVENTS:
        assert clean_event(event) is event
