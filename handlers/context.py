"""What a handler gets to work with: the session, the clock, the sender and where to answer.

``bot.engine.handle`` builds one ``Ctx`` per inbound event, after storing the event and finding the
person behind it. Keys of everything a handler sends derive from the event, so handling the
same event again (a platform retry, a restart) sends nothing twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from storage.models import Membership, Person
from storage.people import memberships
from words.catalogue import Language, t
from words.chat.inbound import Event
from words.chat.messages import Message
from words.chat.outgoing import Destination, Outgoing
from words.clock import Clock


@dataclass
class Ctx:
    session: Session
    clock: Clock
    out: Outgoing
    event: Event
    event_row: int  # InboundEvent.id: StatusUpdate.event_id points here
    person: Person
    lang: Language
    zone: ZoneInfo
    # Where answers go: the person's DM, or the thread they wrote in.
    reply_to: Destination
    # The outbox id of the bot message the person answered or pressed a button on.
    about: int | None = None
    _sent: int = field(default=0, init=False)

    @cached_property
    def memberships(self) -> Sequence[Membership]:
        """The person's places in programmes (programme loaded), read once per event: the
        understanding step, the reply finders and the commands all ask."""
        return memberships(self.session, self.person.id)

    @property
    def now(self) -> datetime:
        return self.clock.now()

    @property
    def today(self) -> date:
        """Today where the person is."""
        return self.clock.now().astimezone(self.zone).date()

    def key(self, what: str = "") -> str:
        """A key unique to this event and to the n-th thing it sends."""
        self._sent += 1
        suffix = f":{what}" if what else ""
        return f"in:{self.event.platform.value}:{self.event.event_id}:{self._sent}{suffix}"

    def say(self, message: Message | str) -> int:
        """Answer the person where they wrote; returns the outbox id."""
        if isinstance(message, str):
            message = Message(message)
        return self.out.send(self.key(), self.reply_to, message)

    def tell(self, key: str, /, **params: object) -> int:
        """Answer with a catalogue text in the person's language."""
        return self.say(t(key, self.lang, **params))
