"""What the clock process runs. Module-level functions taking plain ids, so the job queue
stores no closures; the console's simulated clock calls the same functions.
"""

from __future__ import annotations

import logging
import os
import socket
from datetime import datetime, timedelta

from bot.engine.liveness import CLOCK
from bot.engine.opening import Register
from handlers.checkins import cycle as checkins
from handlers.checkins.digest import send_digests
from handlers.checkins.digest_due import latest_digest, mark_name, next_digest
from storage import web_sessions
from storage.db import transaction
from storage.heartbeat import beat
from storage.marks import claim_once
from storage.outbox import OutboxWriter
from storage.register import programmes
from storage.summaries import programme_by_id
from words import logtext
from words.clock import Clock

# A digest missed by more than this (the clock was down) is skipped: the next one is near.
DIGEST_GRACE = timedelta(days=1)
ATTEMPTS_KEPT = timedelta(days=1)

log = logging.getLogger(__name__)


def holder_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def heartbeat(register: Register, clock: Clock, holder: str) -> None:
    """Record that the clock is alive; /healthz reports how long ago it last did."""
    with transaction(register.sessions) as session:
        beat(session, CLOCK, holder, clock.now())


def tidy(register: Register, clock: Clock) -> int:
    """Forget sign-in attempts older than any rate limit looks back: they are kept only to
    count, and a day is more than the limits' hour."""
    with transaction(register.sessions) as session:
        return web_sessions.forget_attempts(session, clock.now() - ATTEMPTS_KEPT)


def tick(register: Register, clock: Clock) -> checkins.TickReport:
    """Plan, remind, escalate and queue the pings that are due now."""
    now = clock.now()
    with transaction(register.sessions) as session:
        report = checkins.tick(session, now, OutboxWriter(session, now))
    if report.sent or report.reminded or report.escalated:
        log.info(logtext.TICK, report.sent, report.reminded, report.escalated)
    return report


def digest(register: Register, clock: Clock, programme_id: int, mail: bool = False) -> int:
    """Queue a programme's weekly digest for the occurrence that is due; once per occurrence.
    With ``mail`` (the deployment sends email), people who read mail rather than a theme's
    channel get its post by email too."""
    now = clock.now()
    with transaction(register.sessions) as session:
        programme = programme_by_id(session, programme_id)
        if programme is None:
            return 0
        moment = latest_digest(programme, now)
        if now - moment > DIGEST_GRACE or not claim_once(
            session, mark_name(programme, moment), now
        ):
            return 0
        out = OutboxWriter(session, now, programme_id)
        queued = send_digests(session, programme_id, now, out, mail=mail)
    log.info(logtext.DIGEST, programme_id, queued)
    return queued


def digests_due(register: Register, clock: Clock, *, mail: bool = False) -> int:
    """Every programme's digest that is due and not yet sent (catch-up, and the console)."""
    with register.sessions() as session:
        ids = [p.id for p in programmes(session)]
    return sum(digest(register, clock, programme_id, mail) for programme_id in ids)


def next_digest_at(register: Register, now: datetime) -> datetime | None:
    with register.sessions() as session:
        moments = [next_digest(p, now) for p in programmes(session)]
    return min(moments, default=None)


def next_tick_at(register: Register) -> datetime | None:
    with register.sessions() as session:
        return checkins.next_due(session)
