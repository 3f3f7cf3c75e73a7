"""The sender: delivers the outbox through a platform port, exactly once per message.

Each round claims a batch in one short transaction, then delivers the messages one by one,
recording each outcome in its own short transaction; a crash therefore leaves at most the
message in flight unrecorded. That message stays claimed until its lease ends and is then
*ambiguous*: the next sender asks the platform (``Port.find``) whether it arrived before
delivering it, so it is neither lost nor sent twice.

When the platform says "retry after N seconds", the message is rescheduled, the rest of the
batch is handed back untouched and this sender pauses until then: nobody sleeps inside a
retry, and nothing is tried again just to be refused.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import datetime, timedelta
from typing import Final

from sqlalchemy.orm import Session

from bot.engine.opening import Register
from storage.db import transaction
from storage.models import OutboxMessage
from storage.outbox import (
    MAX_ATTEMPTS,
    Claim,
    Random,
    claim,
    fail_attempt,
    file_of,
    mark_failed,
    mark_sent,
    message_of,
    release,
    reschedule,
)
from storage.outbox_addressing import (
    ProgrammeSide,
    Recipient,
    ancestors,
    programme_sides,
    recipients,
)
from storage.outbox_overview import next_ready
from storage.reach import mark_unreachable
from words import logtext
from words.chat.delivery import Delivery, DeliveryKind, Port
from words.clock import Clock
from words.domain import OutboxState, Source
from words.errors import DeliveryError, RetryAfter, Unreachable

log = logging.getLogger(__name__)

# run_forever looks for new work at least this often, and never spins faster than the floor
# when rows are ready but could not be claimed (another sender holds them).
MAX_IDLE: Final = 1.0
MIN_IDLE: Final = 0.05
FIRST_PAUSE: Final = 0.25  # after a round that failed, doubled up to twice MAX_IDLE


@dataclass
class SendReport:
    claimed: int = 0
    sent: int = 0
    reconciled: int = 0  # ambiguous, and found delivered already: marked sent, not resent
    rescheduled: int = 0  # the platform asked to wait
    released: int = 0  # handed back untouched after a "retry after" or near the lease's end
    retrying: int = 0  # a transient error: tried again after a backoff
    failed: int = 0  # given up

    def __iadd__(self, other: SendReport) -> SendReport:
        for item in fields(self):
            setattr(self, item.name, getattr(self, item.name) + getattr(other, item.name))
        return self


def _recipient_side(
    row: OutboxMessage, people: Mapping[int, Recipient], programmes: Mapping[int, ProgrammeSide]
) -> tuple[str, str | None]:
    """The recipient's language (their own, else their programme's, else Dutch) and workspace
    (where their platform id lives, else their programme's)."""
    person = None if row.person_id is None else people.get(row.person_id)
    side = None if row.programme_id is None else programmes.get(row.programme_id)
    lang = "nl" if side is None else side.language
    if person is not None and person.language is not None:
        lang = person.language
    workspace = None if side is None else side.slack_workspace
    if person is not None and person.workspace is not None:
        workspace = person.workspace
    return lang, workspace


class Sender:
    """Delivers claimed outbox rows through ``port``.

    ``holder`` names this sender in the rows it claims and must be unique among running
    senders (host, process id and a counter, say). A claim lasts ``lease``; a round stops
    starting deliveries once half of it has passed, so a slow platform never lets a claim
    run out while its message is still about to be sent. The port's own timeouts must
    therefore stay well below half the lease.
    """

    def __init__(
        self,
        register: Register,
        port: Port,
        clock: Clock,
        holder: str,
        *,
        lease: timedelta = timedelta(minutes=2),
        batch: int = 50,
        max_attempts: int = MAX_ATTEMPTS,
        rng: Random = random.random,
    ) -> None:
        self.register = register
        self.port = port
        self.clock = clock
        self.holder = holder
        self.lease = lease
        self.batch = batch
        self.max_attempts = max_attempts
        self.rng = rng
        self.paused_until: datetime | None = None
        # Set while stopping (SIGTERM): the round delivers the message in flight and hands
        # the rest of its claim back at once, so another sender takes them without waiting
        # out the lease.
        self.stopping: threading.Event | None = None

    # --- the loop ---------------------------------------------------------------------------

    def run_once(self) -> SendReport:
        """Claim one batch and deliver it; nothing at all while the platform asked to wait."""
        report = SendReport()
        now = self.clock.now()
        if self._paused(now):
            return report
        with transaction(self.register.sessions) as session:
            claims = claim(session, now, self.holder, self.batch, self.lease)
        report.claimed = len(claims)
        if not claims:
            return report
        log.debug(logtext.CLAIMED, self.holder, len(claims), sum(c.ambiguous for c in claims))
        plans = self._plans(claims)
        half_lease = now + self.lease / 2
        for index, (item, plan) in enumerate(zip(claims, plans, strict=True)):
            late = self.clock.now() >= half_lease or self._stopping()
            if late or not self._handle(item, plan, report):
                rest = claims[index:] if late else claims[index + 1 :]
                self._release(rest, report)
                break
        return report

    def drain(self, max_rounds: int = 1000) -> SendReport:
        """Run rounds until nothing is claimable at the clock's moment (or it says wait)."""
        total = SendReport()
        for _ in range(max_rounds):
            report = self.run_once()
            total += report
            if report.claimed == 0:
                break
        return total

    def run_forever(
        self, stop: threading.Event, wait: Callable[[float], bool] | None = None
    ) -> None:
        """The long-running worker: rounds back to back while there is work, else it waits.

        ``wait(seconds)`` returns True to stop; by default it is ``stop.wait``. Waiting for
        the next ready message (at most ``MAX_IDLE``) is the only waiting there is.
        """
        pause = stop.wait if wait is None else wait
        self.stopping = stop
        failing = FIRST_PAUSE
        while not stop.is_set():
            try:
                report = self.run_once()
                idle = self._idle_seconds(report)
            except Exception as err:  # noqa: BLE001 - the worker's guard: a round, not the sender
                # The database went away mid-round, most likely: what was claimed and not
                # recorded waits out its lease and is then checked with the platform.
                log.warning(logtext.SENDER_ROUND_FAILED, self.holder, err, failing)
                if pause(failing):
                    break
                failing = min(failing * 2, MAX_IDLE * 2)
                continue
            failing = FIRST_PAUSE
            if pause(idle):
                break
        log.info(logtext.STOPPED, self.holder)

    def _stopping(self) -> bool:
        return self.stopping is not None and self.stopping.is_set()

    def _idle_seconds(self, report: SendReport) -> float:
        now = self.clock.now()
        paused = self._paused(now)
        if report.claimed and not paused:
            return 0.0  # the batch was full, or something finished: look again at once
        with self.register.sessions() as session:
            ready = next_ready(session)
        moments = [m for m in (ready, self.paused_until if paused else None) if m is not None]
        if not moments:
            return MAX_IDLE
        target = max(moments) if paused else min(moments)
        floor = 0.0 if paused else MIN_IDLE
        return min(max((target - now).total_seconds(), floor), MAX_IDLE)

    def _paused(self, now: datetime) -> bool:
        return self.paused_until is not None and now < self.paused_until

    def _pause(self, seconds: float) -> datetime:
        self.paused_until = self.clock.now() + timedelta(seconds=seconds)
        log.info(logtext.PAUSED, self.holder, self.paused_until.isoformat())
        return self.paused_until

    # --- one message ------------------------------------------------------------------------

    def _handle(self, item: Claim, plan: Delivery | DeliveryError, report: SendReport) -> bool:
        """Deliver one claimed row and record the outcome; False ends the round."""
        row = item.row
        if isinstance(plan, DeliveryError):
            self._give_up(row, plan, report)
            return True
        if item.ambiguous:
            settled = self._reconcile(item, plan, report)
            if settled is not None:
                return settled
        try:
            ref = self.port.deliver(plan)
        except RetryAfter as wait:
            self._reschedule(row, wait, report)
            return False
        except DeliveryError as err:
            self._failed_attempt(row, err, report, ambiguous=err.ambiguous)
            return True
        except Exception as err:  # one bad message never stops the others
            # A bug in the port (a payload it cannot build): it may or may not have reached
            # the platform, so it is checked there before it is tried again.
            log.exception(logtext.DELIVERY_BUG, row.key)
            reason = f"{type(err).__name__}: {err}"
            self._failed_attempt(row, DeliveryError(reason, ambiguous=True), report, ambiguous=True)
            return True
        self._record(row, plan, ref)
        report.sent += 1
        log.info(logtext.SENT, row.key, ref)
        return True

    def _reconcile(self, item: Claim, plan: Delivery, report: SendReport) -> bool | None:
        """Ask the platform whether an ambiguous row arrived; None: it did not, deliver it.

        Otherwise the row is settled here (found, or the question itself failed) and the
        result says whether the round goes on.
        """
        row = item.row
        try:
            ref = self.port.find(row.key, plan)
        except RetryAfter as wait:
            self._release([item], report, at=self._pause(wait.seconds))
            return False
        except DeliveryError as err:
            # Still unknown whether it arrived: it waits, and stays ambiguous.
            self._failed_attempt(row, err, report, ambiguous=True)
            return True
        if ref is None:
            return None
        self._record(row, plan, ref)
        report.reconciled += 1
        log.info(logtext.RECONCILED, row.key, ref)
        return True

    def _record(self, row: OutboxMessage, delivery: Delivery, ref: str) -> None:
        with transaction(self.register.sessions) as session:
            kept = mark_sent(
                session,
                row.id,
                self.holder,
                external_ref=ref,
                address=delivery.address,
                platform=self.port.platform,
                sent_at=self.clock.now(),
            )
        if not kept:
            log.warning(logtext.CLAIM_LOST, row.key)

    def _reschedule(self, row: OutboxMessage, wait: RetryAfter, report: SendReport) -> None:
        at = self._pause(wait.seconds)
        with transaction(self.register.sessions) as session:
            reschedule(session, row.id, self.holder, at, logtext.retry_after(wait.seconds))
        report.rescheduled += 1

    def _release(
        self, claims: Sequence[Claim], report: SendReport, at: datetime | None = None
    ) -> None:
        if not claims:
            return
        moment = self.clock.now() if at is None else at
        with transaction(self.register.sessions) as session:
            report.released += release(session, claims, self.holder, moment)
        log.info(logtext.RELEASED, claims[0].row.key, len(claims))

    def _failed_attempt(
        self, row: OutboxMessage, err: DeliveryError, report: SendReport, *, ambiguous: bool = False
    ) -> None:
        if err.permanent:
            self._give_up(row, err, report)
            return
        now = self.clock.now()
        with transaction(self.register.sessions) as session:
            state = fail_attempt(
                session,
                row.id,
                self.holder,
                now,
                err.reason,
                max_attempts=self.max_attempts,
                rng=self.rng,
                ambiguous=ambiguous,
            )
        if state is OutboxState.FAILED:
            report.failed += 1
            log.warning(logtext.FAILED, row.key, err.reason)
        elif state is not None:
            report.retrying += 1
            log.info(logtext.RETRYING, row.key, row.attempts + 1, err.reason)
        else:
            log.warning(logtext.CLAIM_LOST, row.key)

    def _give_up(self, row: OutboxMessage, err: DeliveryError, report: SendReport) -> None:
        now = self.clock.now()
        with transaction(self.register.sessions) as session:
            kept = mark_failed(session, row.id, self.holder, now, err.reason)
            if kept and isinstance(err, Unreachable) and row.person_id is not None:
                # The director's digest lists them with what to do, until they write or
                # install the app.
                mark_unreachable(session, row.person_id, self.port.platform, err.reason, now)
        if kept:
            report.failed += 1
            log.warning(logtext.FAILED, row.key, err.reason)
        else:
            log.warning(logtext.CLAIM_LOST, row.key)

    # --- where a message goes ---------------------------------------------------------------

    def _plans(self, claims: Sequence[Claim]) -> list[Delivery | DeliveryError]:
        """The delivery of each claimed row, or the error that makes it undeliverable.

        Read after the claim is committed, so the claim transaction stays short.
        """
        ids = {c.row.person_id for c in claims if c.row.person_id is not None}
        programmes = {c.row.programme_id for c in claims if c.row.programme_id is not None}
        with self.register.sessions() as session:
            people = recipients(session, ids, self.port.platform)
            sides = programme_sides(session, programmes)
            plans = [self._plan(session, c.row, people) for c in claims]
        out: list[Delivery | DeliveryError] = []
        for c, plan in zip(claims, plans, strict=True):
            if isinstance(plan, Delivery):
                lang, workspace = _recipient_side(c.row, people, sides)
                out.append(replace(plan, lang=lang, workspace=workspace))
            else:
                out.append(plan)
        return out

    def _plan(
        self, session: Session, row: OutboxMessage, people: Mapping[int, Recipient]
    ) -> Delivery | DeliveryError:
        try:
            return self._delivery(session, row, people)
        except DeliveryError as err:
            return err

    def _delivery(
        self, session: Session, row: OutboxMessage, people: Mapping[int, Recipient]
    ) -> Delivery:
        kind = DeliveryKind(row.kind)
        message, file = message_of(row), file_of(row)
        if kind is DeliveryKind.DM:
            address, name = self._direct(row, people)
            return Delivery(
                row.key, kind, address, name, message=message, file=file, queued_at=row.created_at
            )
        if kind is DeliveryKind.CHANNEL:
            if not row.channel:
                raise Unreachable(logtext.no_channel())
            return Delivery(
                row.key,
                kind,
                row.channel,
                row.channel,
                message=message,
                file=file,
                queued_at=row.created_at,
            )
        address, name, ref = self._in_reply(session, row, kind)
        return Delivery(
            row.key, kind, address, name, ref, message=message, file=file, queued_at=row.created_at
        )

    def _direct(self, row: OutboxMessage, people: Mapping[int, Recipient]) -> tuple[str, str]:
        """The platform address and readable name of a direct message's recipient."""
        if row.person_id is None:
            if row.address:  # queued for a platform user who is no known person
                return row.address, row.address
            raise Unreachable(logtext.no_person())
        person = people.get(row.person_id)
        if person is None:
            raise Unreachable(logtext.no_person())
        if self.port.platform is Source.CONSOLE:
            return str(row.person_id), person.name  # the console knows people by their id
        if person.external_id is None:
            raise Unreachable(logtext.no_identity(row.person_id, self.port.platform.value))
        return person.external_id, person.name

    def _in_reply(
        self, session: Session, row: OutboxMessage, kind: DeliveryKind
    ) -> tuple[str, str, str]:
        """Address, readable name and parent reference of a thread reply or an update."""
        chain = ancestors(session, row)
        if not chain:
            raise DeliveryError(logtext.parent_missing(kind.value), permanent=True)
        parent = chain[0]
        if parent.state is not OutboxState.SENT or parent.address is None:
            raise DeliveryError(logtext.parent_failed(kind.value, parent.id), permanent=True)
        # A thread hangs under the conversation's first message, even when replying to a
        # reply; an update replaces the message itself, even one that was updated before.
        skip = {DeliveryKind.THREAD, DeliveryKind.UPDATE}
        if kind is DeliveryKind.UPDATE:
            skip = {DeliveryKind.UPDATE}
        target = next((m for m in chain if DeliveryKind(m.kind) not in skip), chain[-1])
        if target.external_ref is None:
            raise DeliveryError(logtext.parent_failed(kind.value, target.id), permanent=True)
        return parent.address, self._origin_name(session, chain[-1]), target.external_ref

    def _origin_name(self, session: Session, origin: OutboxMessage) -> str:
        if origin.channel:
            return origin.channel
        if origin.person_id is not None:
            found = recipients(session, [origin.person_id], self.port.platform)
            if origin.person_id in found:
                return found[origin.person_id].name
        return origin.address if origin.address is not None else ""
