"""Inbound events: stored before handling, handled once, answered in the person's language."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from bot.engine.handle import Inbox
from bot.engine.opening import Register, import_file
from config.settings import Settings
from handlers import dispatch
from storage.db import transaction
from storage.inbox import unhandled
from storage.models import Action, InboundEvent, OutboxMessage, StatusUpdate
from storage.outbox import message_of
from storage.people import person_by_email
from tests.conftest import BOCE
from words.chat.inbound import MessageIn
from words.clock import FixedClock
from words.domain import Source, Status

AT = datetime(2026, 11, 23, 9, tzinfo=UTC)


@pytest.fixture
def inbox(register: Register, settings: Settings, clock: FixedClock) -> Inbox:
    import_file(register, BOCE, settings, clock)
    return Inbox(register, clock, settings.zone)


def slack_message(user: str, text: str, event_id: str = "Ev1") -> MessageIn:
    return MessageIn(
        platform=Source.SLACK, event_id=event_id, user_id=user, received_at=AT, text=text
    )


def outbox_texts(register: Register) -> list[str]:
    with register.sessions() as session:
        rows = session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()
        return [m.text for m in (message_of(r) for r in rows) if m is not None]


def test_the_same_event_four_times_makes_one_update_and_one_answer(
    inbox: Inbox, register: Register
) -> None:
    # Rob Jansen's Slack id in the example file.
    event = slack_message("U05BOCE0011", "#2 vertraagd, wacht op de leverancier")
    first = inbox.receive(event)
    assert first is not None
    assert [inbox.receive(event) for _ in range(3)] == [None, None, None]
    inbox.process(first)
    inbox.process(first)  # a second worker picking up the same row does nothing
    with register.sessions() as session:
        updates = session.scalars(select(StatusUpdate).where(StatusUpdate.text != "")).all()
        assert [u.text for u in updates] == ["vertraagd, wacht op de leverancier"]
        ow02 = session.scalars(select(Action).where(Action.key == "OW-02")).one()
        assert ow02.status is Status.DELAYED
        assert session.scalar(select(func.count()).select_from(InboundEvent)) == 1
    (answer,) = outbox_texts(register)
    assert answer.startswith("Genoteerd bij #2 ")


def test_an_event_stored_but_not_handled_is_found_again(inbox: Inbox, register: Register) -> None:
    row = inbox.receive(slack_message("U05BOCE0011", "mijn acties"))
    with register.sessions() as session:
        assert list(unhandled(session)) == [row]
    assert row is not None
    inbox.process(row)
    with register.sessions() as session:
        assert list(unhandled(session)) == []


def test_someone_unknown_gets_a_polite_answer_in_both_languages(
    inbox: Inbox, register: Register
) -> None:
    inbox.handle(slack_message("U0STRANGER", "hallo"))
    with register.sessions() as session:
        (row,) = session.scalars(select(OutboxMessage)).all()
        assert (row.person_id, row.address) == (None, "U0STRANGER")
    (text,) = outbox_texts(register)
    assert "Ik ken je nog niet" in text
    assert "I don't know you yet" in text


def test_answers_follow_the_persons_language(inbox: Inbox, register: Register) -> None:
    with transaction(register.sessions) as session:
        maya = person_by_email(session, "m.verhoef@coevorden.example")
        assert maya is not None
        maya_id = maya.id
    inbox.handle(
        MessageIn(
            platform=Source.CONSOLE,
            event_id="c-1",
            user_id=str(maya_id),
            received_at=AT,
            text="my actions",
        )
    )
    (text,) = outbox_texts(register)
    assert text.startswith("Your open actions")


def test_a_conflict_with_another_process_is_handled_again(
    inbox: Inbox, register: Register, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = dispatch.handle
    calls: list[int] = []

    def conflict_once(ctx: object) -> None:
        calls.append(1)
        if len(calls) == 1:
            raise IntegrityError("INSERT INTO action", {}, Exception("unique"))
        real(ctx)  # type: ignore[arg-type]

    monkeypatch.setattr(dispatch, "handle", conflict_once)
    inbox.handle(slack_message("U05BOCE0011", "#2 risico"))
    assert len(calls) == 2
    with register.sessions() as session:
        ow02 = session.scalars(select(Action).where(Action.key == "OW-02")).one()
        assert ow02.status is Status.AT_RISK
        assert list(unhandled(session)) == []
