"""Stubs for handler tests: an outbound port that records, and a context around one event."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import count
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from handlers.context import Ctx
from storage.models import InboundEvent, OutboxMessage, Person
from storage.outbox import OutboxWriter, file_of, message_of
from words.catalogue import language
from words.chat.delivery import DeliveryKind
from words.chat.inbound import Event, MessageIn
from words.chat.messages import File, Message
from words.chat.outgoing import Destination, InThread, Replace, ToAddress, ToChannel, ToPerson
from words.clock import Clock
from words.domain import Source


@dataclass
class Sent:
    id: int
    key: str
    to: Destination
    message: Message | None = None
    file: File | None = None


@dataclass
class RecordingOutgoing:
    """Implements words.chat.outgoing.Outgoing: keeps what was sent, once per key."""

    sent: list[Sent] = field(default_factory=list)
    _ids: count[int] = field(default_factory=lambda: count(1))

    def _add(self, key: str, to: Destination, message: Message | None, file: File | None) -> int:
        for earlier in self.sent:
            if earlier.key == key:
                return earlier.id
        item = Sent(next(self._ids), key, to, message, file)
        self.sent.append(item)
        return item.id

    def send(self, key: str, to: Destination, message: Message) -> int:
        return self._add(key, to, message, None)

    def send_file(self, key: str, to: Destination, file: File) -> int:
        return self._add(key, to, None, file)

    def texts(self) -> list[str]:
        return [s.message.text for s in self.sent if s.message is not None]

    def last(self) -> Message:
        messages = [s.message for s in self.sent if s.message is not None]
        assert messages, "nothing was sent"
        return messages[-1]


@dataclass
class StoringOutgoing(RecordingOutgoing):
    """Records like RecordingOutgoing, but queues in the real outbox too, so the ids it hands
    out are outbox ids that other rows (a ping's outbox_id) may point to."""

    writer: OutboxWriter | None = None

    def _add(self, key: str, to: Destination, message: Message | None, file: File | None) -> int:
        assert self.writer is not None, "StoringOutgoing needs an OutboxWriter"
        if message is not None:
            outbox_id = self.writer.send(key, to, message)
        else:
            assert file is not None
            outbox_id = self.writer.send_file(key, to, file)
        if all(earlier.key != key for earlier in self.sent):
            self.sent.append(Sent(outbox_id, key, to, message, file))
        return outbox_id


def sent_of(row: OutboxMessage) -> Sent:
    """An outbox row as a handler's ``Sent``: what a job queued, for the same assertions."""
    to: Destination
    if row.kind == DeliveryKind.CHANNEL.value and row.channel is not None:
        to = ToChannel(row.channel)
    elif row.kind == DeliveryKind.THREAD.value and row.parent_id is not None:
        to = InThread(row.parent_id)
    elif row.kind == DeliveryKind.UPDATE.value and row.parent_id is not None:
        to = Replace(row.parent_id)
    elif row.person_id is not None:
        to = ToPerson(row.person_id)
    else:
        to = ToAddress(row.address or "")
    return Sent(row.id, row.key, to, message_of(row), file_of(row))


_events = count(1)


def make_ctx(
    session: Session,
    clock: Clock,
    person: Person,
    out: RecordingOutgoing,
    *,
    event: Event | None = None,
    about: int | None = None,
) -> Ctx:
    """A handler context for ``person``, with the event stored as bot.engine.handle would store
    it."""
    if event is None:
        event = MessageIn(
            platform=Source.CONSOLE,
            event_id=f"test-{next(_events)}",
            user_id=str(person.id),
            received_at=clock.now(),
            text="",
        )
    row = InboundEvent(
        platform=event.platform,
        event_id=event.event_id,
        kind=type(event).__name__,
        user_id=event.user_id,
        person_id=person.id,
        received_at=event.received_at,
        payload={"text": getattr(event, "text", "")},
    )
    session.add(row)
    session.flush()
    return Ctx(
        session=session,
        clock=clock,
        out=out,
        event=event,
        event_row=row.id,
        person=person,
        lang=language(person.language),
        zone=ZoneInfo(person.timezone or "Europe/Amsterdam"),
        reply_to=ToPerson(person.id),
        about=about,
    )
