"""Inbound events: store first, acknowledge, then handle in one transaction.

``receive`` is what an adapter calls before it acknowledges a delivery: once it returns, the
event is safe in the database, and a repeated delivery of the same event is recognised.
``process`` finds the person, lets the handlers answer through the outbox, and marks the event
handled, all in one transaction: a crash in between leaves it unhandled, to be processed again,
and the answers' keys derive from the event, so nothing is sent twice.

When handling raises, whatever the reason (a bug, a value the database refuses, a lock held
too long), the transaction rolls back and ``process`` records the failure with the event in a
transaction of its own: the attempt, the error, when to try again, and at the first failure a
short apology to the person. After the last attempt the event is set aside for an operator
(``voortgang set-aside``), so the events behind it go on. Only when even that record cannot be
written is the error raised (``InboxUnavailableError``): the database is away, not the event at
fault, and the worker waits for it.
"""

from __future__ import annotations

import logging
import traceback
from typing import Literal
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from bot.engine.opening import Register
from handlers import dispatch
from handlers.context import Ctx
from storage.db import transaction
from storage.inbox import (
    claim_event,
    decode,
    mark_handled,
    message_by_ref,
    record_failure,
    store_event,
)
from storage.models import Person
from storage.outbox import OutboxWriter
from storage.people import memberships, person_by_identity
from storage.reach import reached
from words import logtext
from words.catalogue import Language, language, t
from words.chat.inbound import ButtonIn, Event, FormIn, MessageIn
from words.chat.messages import Message
from words.chat.outgoing import Destination, InThread, ToAddress, ToPerson
from words.clock import Clock
from words.errors import VoortgangError

log = logging.getLogger(__name__)

# What became of an event: handled, or failed (to be tried again, or set aside).
Outcome = Literal["handled", "failed", "set_aside"]


class InboxUnavailableError(VoortgangError):
    """Handling failed and the failure could not even be recorded: the database is away."""


class Inbox:
    def __init__(self, register: Register, clock: Clock, default_zone: ZoneInfo) -> None:
        self.register = register
        self.clock = clock
        self.default_zone = default_zone

    def receive(self, event: Event) -> int | None:
        """Store the event; its row id when new, None when this is a repeated delivery."""
        with transaction(self.register.sessions) as session:
            row_id, new = store_event(session, event)
        if not new:
            log.info(logtext.DUPLICATE_EVENT, event.platform.value, event.event_id)
        return row_id if new else None

    def process(self, row_id: int) -> Outcome:
        """Handle a stored event once; a second call for the same event does nothing.

        Never raises for what an event does; raises ``InboxUnavailableError`` when the failure
        cannot be recorded either.
        """
        try:
            try:
                self._process(row_id)
            except IntegrityError:
                # Another process wrote the same unique row at the same moment (two new actions
                # taking the next number); everything rolled back, so handling again is safe.
                log.warning(logtext.EVENT_RETRY, row_id)
                self._process(row_id)
        except Exception as err:  # noqa: BLE001 - the worker's guard: recorded, never lost
            return self.fail(row_id, err)
        return "handled"

    def fail(self, row_id: int, error: BaseException) -> Outcome:
        """Record that handling event ``row_id`` raised ``error``: see the module's text."""
        log.error(logtext.EVENT_FAILED, row_id, error, exc_info=error)
        text = "".join(traceback.format_exception_only(error)).strip()
        try:
            with transaction(self.register.sessions) as session:
                failure = record_failure(session, row_id, text, self.clock.now())
                if failure is not None and failure.attempts == 1:
                    self._apologise(session, row_id)
        except SQLAlchemyError as err:
            raise InboxUnavailableError(str(err)) from error
        if failure is None:
            return "handled"  # handled by another worker meanwhile
        if failure.set_aside:
            log.error(logtext.EVENT_SET_ASIDE, row_id, failure.attempts)
            return "set_aside"
        return "failed"

    def _apologise(self, session: Session, row_id: int) -> None:
        """Tell the sender once that their message is kept and tried again. Best effort, in a
        savepoint: the failure is recorded whatever becomes of the apology."""
        try:
            with session.begin_nested():
                self._queue_apology(session, row_id)
        except SQLAlchemyError:
            raise  # the database itself: the caller reports it away
        except Exception:  # the worker's guard: an event that cannot even be read
            log.exception(logtext.EVENT_NO_APOLOGY, row_id)

    def _queue_apology(self, session: Session, row_id: int) -> None:
        row = claim_event(session, row_id)
        if row is None:
            return
        # From the row's own columns: a payload that cannot be read still has a sender.
        out = OutboxWriter(session, self.clock.now())
        key = f"in:{row.platform.value}:{row.event_id}:sorry"
        person = person_by_identity(session, row.platform, row.user_id)
        if person is None:
            text = t("inbox.sorry", "nl") + "\n" + t("inbox.sorry", "en")
            out.send(key, ToAddress(row.user_id), Message(text))
            return
        try:
            to = _reply_to(session, decode(row.kind, row.payload), person)
        except (KeyError, TypeError, ValueError):
            to = ToPerson(person.id)  # where it was sent cannot be read: their DM
        lang, _zone = self._locale(session, person)
        out.send(key, to, Message(t("inbox.sorry", lang)))

    def _process(self, row_id: int) -> None:
        with transaction(self.register.sessions) as session:
            row = claim_event(session, row_id)
            if row is None:
                return
            event = decode(row.kind, row.payload)
            now = self.clock.now()
            out = OutboxWriter(session, now)
            person = person_by_identity(session, event.platform, event.user_id)
            if person is None:
                # Someone not in any programme still gets an answer, in Dutch and English.
                key = f"in:{event.platform.value}:{event.event_id}:unknown"
                text = t("perm.unknown_person", "nl") + "\n" + t("perm.unknown_person", "en")
                out.send(key, ToAddress(event.user_id), Message(text))
            else:
                reached(session, person.id, event.platform)  # whoever writes can be answered
                dispatch.handle(self._context(session, out, event, row_id, person))
            mark_handled(session, row_id, None if person is None else person.id, now)

    def handle(self, event: Event) -> None:
        """Receive and process: for the console and for adapters that may handle inline."""
        row_id = self.receive(event)
        if row_id is not None:
            self.process(row_id)

    def _context(
        self, session: Session, out: OutboxWriter, event: Event, row_id: int, person: Person
    ) -> Ctx:
        lang, zone = self._locale(session, person)
        about = _about(session, event)
        return Ctx(
            session=session,
            clock=self.clock,
            out=out,
            event=event,
            event_row=row_id,
            person=person,
            lang=lang,
            zone=zone,
            reply_to=_reply_to(session, event, person),
            about=about,
        )

    def _locale(self, session: Session, person: Person) -> tuple[Language, ZoneInfo]:
        return locale_of(session, person, self.default_zone)


def locale_of(
    session: Session, person: Person, default_zone: ZoneInfo
) -> tuple[Language, ZoneInfo]:
    """The language and time zone to answer ``person`` in: their own settings win, else their
    (first) programme's, else the defaults."""
    places = memberships(session, person.id)
    programme = places[0].programme if places else None
    lang = language(
        person.language
        if person.language is not None
        else (programme.language if programme is not None else None)
    )
    zone_name = (
        person.timezone
        if person.timezone is not None
        else (programme.timezone if programme is not None else None)
    )
    return lang, ZoneInfo(zone_name) if zone_name is not None else default_zone


def _reply_to(session: Session, event: Event, person: Person) -> Destination:
    # In the thread of the bot's message that was answered, else in the person's DM.
    about = _about(session, event)
    if isinstance(event, MessageIn) and event.thread is not None and about is not None:
        return InThread(about)
    return ToPerson(person.id)


def _about(session: Session, event: Event) -> int | None:
    ref: str | None = None
    if isinstance(event, MessageIn):
        ref = event.thread
    elif isinstance(event, ButtonIn | FormIn):
        ref = event.message
    return None if ref is None else message_by_ref(session, event.platform, ref)
