"""What people do in chat in the reply tests, straight into the reply handlers: write a
message, press a button, send a form, run a command; and the updates and proposals recorded."""

from __future__ import annotations

from itertools import count

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from handlers.context import Ctx
from handlers.replies.buttons import on_button
from handlers.replies.form import on_form
from handlers.replies.free_text import free_text
from storage.models import DeadlineProposal, Person, StatusUpdate
from tests.stubs import RecordingOutgoing, make_ctx
from words.chat.inbound import ButtonIn, FormIn, MessageIn
from words.clock import FixedClock
from words.domain import Source

# Numbers for the events' ids, unique in a test run.
_ids = count(1)


def message_ctx(
    session: Session, clock: FixedClock, who: Person, text: str, *, about: int | None = None
) -> tuple[Ctx, RecordingOutgoing]:
    out = RecordingOutgoing()
    event = MessageIn(
        platform=Source.CONSOLE,
        event_id=f"reply-{next(_ids)}",
        user_id=str(who.id),
        received_at=clock.now(),
        text=text,
    )
    return make_ctx(session, clock, who, out, event=event, about=about), out


def reply(
    session: Session, clock: FixedClock, who: Person, text: str, *, about: int | None = None
) -> tuple[Ctx, RecordingOutgoing]:
    ctx, out = message_ctx(session, clock, who, text, about=about)
    free_text(ctx, text)
    return ctx, out


def press(
    session: Session,
    clock: FixedClock,
    who: Person,
    kind: str,
    value: str,
    *,
    about: int | None = None,
) -> RecordingOutgoing:
    out = RecordingOutgoing()
    event = ButtonIn(
        platform=Source.CONSOLE,
        event_id=f"button-{next(_ids)}",
        user_id=str(who.id),
        received_at=clock.now(),
        action=kind,
        value=value,
    )
    on_button(make_ctx(session, clock, who, out, event=event, about=about), kind, value)
    return out


def submit(
    session: Session, clock: FixedClock, who: Person, context: str, **values: str
) -> tuple[Ctx, RecordingOutgoing]:
    out = RecordingOutgoing()
    event = FormIn(
        platform=Source.CONSOLE,
        event_id=f"form-{next(_ids)}",
        user_id=str(who.id),
        received_at=clock.now(),
        form="update",
        context=context,
        values=values,
    )
    ctx = make_ctx(session, clock, who, out, event=event)
    on_form(ctx, "update", context, dict(values))
    return ctx, out


def command(
    session: Session, clock: FixedClock, who: Person, handler: object, args: str
) -> RecordingOutgoing:
    ctx, out = message_ctx(session, clock, who, args)
    assert callable(handler)
    handler(ctx, args)
    return out


def updates(session: Session) -> list[StatusUpdate]:
    query = select(StatusUpdate).order_by(StatusUpdate.id).options(joinedload(StatusUpdate.action))
    return list(session.scalars(query))


def proposals(session: Session) -> list[DeadlineProposal]:
    return list(session.scalars(select(DeadlineProposal).order_by(DeadlineProposal.id)))
