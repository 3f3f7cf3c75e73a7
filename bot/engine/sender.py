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
from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from typing import Final

from bot.engine.opening import Register
from bot.engine.routing import Planner
from storage.db import transaction
from storage.models import OutboxMessage
from storage.outbox import (
    MAX_ATTEMPTS,
    Claim,
    Random,
    claim,
    fail_attempt,
    mark_failed,
    mark_sent,
    release,
    reschedule,
)
from storage.outbox_overview import next_ready
from storage.reach import mark_unreachable
from words import logtext
from words.chat.delivery import Delivery, Port
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


class Sender:
    """Delivers claimed outbox rows through the ports of the deployment's platforms.

    ``port`` is one platform's port, or several by platform (Slack, Teams and email at once):
    each row goes where ``bot.engine.routing`` says. ``holder`` names this sender in the rows
    it claims and must be unique among running senders (host, process id and a counter, say).
    A claim lasts ``lease``; a round stops starting deliveries once half of it has passed, so
    a slow platform never lets a claim run out while its message is still about to be sent.
    The ports' own timeouts must therefore stay well below half the lease. ``public_url`` is
    the web process's address: messages that ask about actions then carry a personal link to
    the update form.
    """

    def __init__(
        self,
        register: Register,
        port: Port | Mapping[Source, Port],
        clock: Clock,
        holder: str,
        *,
        lease: timedelta = timedelta(minutes=2),
        batch: int = 50,
        max_attempts: int = MAX_ATTEMPTS,
        rng: Random = random.random,
        public_url: str | None = None,
    ) -> None:
        self.register = register
        self.ports: dict[Source, Port] = (
            dict(port) if isinstance(port, Mapping) else {port.platform: port}
        )
        if not self.ports:
            raise ValueError("a sender needs at least one port")
        self.clock = clock
        self.holder = holder
        self.lease = lease
        self.batch = batch
        self.max_attempts = max_attempts
        self.rng = rng
        self.public_url = public_url
        self.planner = Planner(tuple(self.ports), public_url)
        # Per platform: until when it asked to wait ("retry after"). The others go on.
        self.paused: dict[Source, datetime] = {}
        # Set while stopping (SIGTERM): the round delivers the message in flight and hands
        # the rest of its claim back at once, so another sender takes them without waiting
        # out the lease.
        self.stopping: threading.Event | None = None

    @property
    def port(self) -> Port:
        """The port of a sender with one platform (the first one of several)."""
        return next(iter(self.ports.values()))

    # --- the loop ---------------------------------------------------------------------------

    def run_once(self) -> SendReport:
        """Claim one batch and deliver it; nothing at all while every platform asked to wait."""
        report = SendReport()
        now = self.clock.now()
        if self._all_paused(now):
            return report
        with transaction(self.register.sessions) as session:
            claims = claim(session, now, self.holder, self.batch, self.lease)
        report.claimed = len(claims)
        if not claims:
            return report
        log.debug(logtext.CLAIMED, self.holder, len(claims), sum(c.ambiguous for c in claims))
        plans = self._with_all_tokens(claims, self._plans(claims))
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
        paused = self._all_paused(now)
        if report.claimed and not paused:
            return 0.0  # the batch was full, or something finished: look again at once
        with self.register.sessions() as session:
            ready = next_ready(session)
        until = min(self.paused.values()) if paused else None
        moments = [m for m in (ready, until) if m is not None]
        if not moments:
            return MAX_IDLE
        target = max(moments) if paused else min(moments)
        floor = 0.0 if paused else MIN_IDLE
        return min(max((target - now).total_seconds(), floor), MAX_IDLE)

    def _paused_for(self, platform: Source, now: datetime) -> datetime | None:
        until = self.paused.get(platform)
        return until if until is not None and now < until else None

    def _all_paused(self, now: datetime) -> bool:
        return all(self._paused_for(platform, now) is not None for platform in self.ports)

    def _pause(self, platform: Source, seconds: float) -> datetime:
        until = self.clock.now() + timedelta(seconds=seconds)
        self.paused[platform] = until
        log.info(logtext.PAUSED, self.holder, until.isoformat())
        return until

    # --- one message ------------------------------------------------------------------------

    def _handle(self, item: Claim, plan: Delivery | DeliveryError, report: SendReport) -> bool:
        """Deliver one claimed row and record the outcome; False ends the round."""
        row = item.row
        if isinstance(plan, DeliveryError):
            self._give_up(row, plan, report, None)
            return True
        platform = self._platform(plan)
        waiting = self._paused_for(platform, self.clock.now())
        if waiting is not None:
            # This platform asked to wait; the others' messages go on.
            self._hold(item, waiting, report)
            return len(self.ports) > 1
        if item.ambiguous:
            settled = self._reconcile(item, plan, report)
            if settled is not None:
                return settled
        return self._deliver(row, platform, self._with_tokens(row, plan), report)

    def _deliver(
        self, row: OutboxMessage, platform: Source, plan: Delivery, report: SendReport
    ) -> bool:
        try:
            ref = self.ports[platform].deliver(plan)
        except RetryAfter as wait:
            self._reschedule(row, platform, wait, report)
            return len(self.ports) > 1
        except Unreachable as err:
            return self._elsewhere(row, plan, err, report)
        except DeliveryError as err:
            self._failed_attempt(row, plan, err, report, ambiguous=err.ambiguous)
            return True
        except Exception as err:  # one bad message never stops the others
            # A bug in the port (a payload it cannot build): it may or may not have reached
            # the platform, so it is checked there before it is tried again.
            log.exception(logtext.DELIVERY_BUG, row.key)
            reason = f"{type(err).__name__}: {err}"
            failure = DeliveryError(reason, ambiguous=True)
            self._failed_attempt(row, plan, failure, report, ambiguous=True)
            return True
        self._record(row, plan, ref)
        report.sent += 1
        log.info(logtext.SENT, row.key, ref)
        return True

    def _platform(self, plan: Delivery) -> Source:
        if plan.platform is not None and plan.platform in self.ports:
            return plan.platform
        return self.port.platform

    def _elsewhere(
        self, row: OutboxMessage, plan: Delivery, err: Unreachable, report: SendReport
    ) -> bool:
        """The platform cannot reach the person: note it, and send by email when there is an
        address (the director's digest says so); otherwise give the message up."""
        other = self.planner.elsewhere(row, plan)
        if other is None:
            self._give_up(row, err, report, plan)
            return True
        failed = self._platform(plan)
        with transaction(self.register.sessions) as session:
            if row.person_id is not None:
                mark_unreachable(session, row.person_id, failed, err.reason, self.clock.now())
        log.info(logtext.FELL_BACK, row.key, failed.value, err.reason)
        return self._handle(Claim(row, ambiguous=False), other, report)

    def _with_tokens(self, row: OutboxMessage, plan: Delivery) -> Delivery:
        """The tokens a plan made in this round still lacks (one sent by email instead)."""
        if not self.planner.needs_tokens(row, plan):
            return plan
        with transaction(self.register.sessions) as session:
            return self.planner.mint(session, row, plan, self.clock.now())

    def _with_all_tokens(
        self, claims: Sequence[Claim], plans: list[Delivery | DeliveryError]
    ) -> list[Delivery | DeliveryError]:
        """Every claimed message's tokens made in one transaction, not one per message: a
        round of ping mails would otherwise commit twice per mail."""
        wanted = [
            i
            for i, (item, plan) in enumerate(zip(claims, plans, strict=True))
            if isinstance(plan, Delivery) and self.planner.needs_tokens(item.row, plan)
        ]
        if not wanted:
            return plans
        now = self.clock.now()
        out = list(plans)
        with transaction(self.register.sessions) as session:
            for i in wanted:
                plan = out[i]
                assert isinstance(plan, Delivery)  # noqa: S101 - picked above
                out[i] = self.planner.mint(session, claims[i].row, plan, now)
        return out

    def _reconcile(self, item: Claim, plan: Delivery, report: SendReport) -> bool | None:
        """Ask the platform whether an ambiguous row arrived; None: it did not, deliver it.

        Otherwise the row is settled here (found, or the question itself failed) and the
        result says whether the round goes on.
        """
        row = item.row
        platform = self._platform(plan)
        try:
            ref = self.ports[platform].find(row.key, plan)
        except RetryAfter as wait:
            self._release([item], report, at=self._pause(platform, wait.seconds))
            return len(self.ports) > 1
        except DeliveryError as err:
            # Still unknown whether it arrived: it waits, and stays ambiguous.
            self._failed_attempt(row, plan, err, report, ambiguous=True)
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
                platform=self._platform(delivery),
                sent_at=self.clock.now(),
            )
        if not kept:
            log.warning(logtext.CLAIM_LOST, row.key)

    def _reschedule(
        self, row: OutboxMessage, platform: Source, wait: RetryAfter, report: SendReport
    ) -> None:
        at = self._pause(platform, wait.seconds)
        with transaction(self.register.sessions) as session:
            reschedule(session, row.id, self.holder, at, logtext.retry_after(wait.seconds))
        report.rescheduled += 1

    def _hold(self, item: Claim, until: datetime, report: SendReport) -> None:
        """Give a row of a platform that asked to wait back until then: not an attempt, and
        not claimable before (handed back untouched it would be claimed again at once)."""
        if item.ambiguous:  # stays ambiguous, checked with the platform when it is taken
            self._release([item], report, at=until)
            return
        with transaction(self.register.sessions) as session:
            held = reschedule(session, item.row.id, self.holder, until, item.row.error)
        report.released += int(held)

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
        self,
        row: OutboxMessage,
        plan: Delivery | None,
        err: DeliveryError,
        report: SendReport,
        *,
        ambiguous: bool = False,
    ) -> None:
        if err.permanent:
            self._give_up(row, err, report, plan)
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

    def _give_up(
        self, row: OutboxMessage, err: DeliveryError, report: SendReport, plan: Delivery | None
    ) -> None:
        now = self.clock.now()
        with transaction(self.register.sessions) as session:
            kept = mark_failed(session, row.id, self.holder, now, err.reason)
            if kept and isinstance(err, Unreachable) and row.person_id is not None:
                # The director's digest lists them with what to do, until they write or
                # install the app.
                platform = self.port.platform if plan is None else self._platform(plan)
                mark_unreachable(session, row.person_id, platform, err.reason, now)
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
        with self.register.sessions() as session:
            return self.planner.plan(session, [c.row for c in claims])
