"""The check-in schedule: plan pings, send them one message per person, remind, escalate.

The clock process calls ``tick`` every minute in one transaction. Planning writes one ping row
per rule, action, owner and occurrence (``storage.pings.ping_key``) a fortnight ahead, so
running it twice, or in two processes, changes nothing. Dispatching sends the due rows,
grouped per recipient, through the outbound port. A sent question without an answer gets one
reminder after some working days; a reminder without an answer is escalated: digests and
summaries then show the action as 'geen update' (``storage.pings.missing_updates``).

Here are the clock's entry points over every programme; the work for one programme lives in
``planning``, ``followup`` and ``sending``, on the schedule ``schedule`` works out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from handlers.checkins.followup import escalate_programme, remind_programme
from handlers.checkins.planning import plan_programme, planning_due
from handlers.checkins.schedule import ProgrammeSchedule, plan_mark, schedules
from handlers.checkins.sending import send_due
from storage import marks, ping_planning, ping_reminders
from storage import pings as store
from storage.models import Programme
from words import rules
from words.chat.outgoing import Outgoing

# How far ahead pings are planned. Planning runs again once less than half of it is left, so
# the heavy part runs about weekly and every tick in between only looks at what changed.
HORIZON = timedelta(days=14)
# Questions sent this long after the oldest waiting one may still be followed up before it
# (sent on a weekend, at an earlier time of day): next_due looks at all of them.
_FOLLOW_UP_SPAN = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class TickReport:
    planned: int  # ping rows stored (or brought back) by planning
    sent: int  # messages sent
    reminded: int  # reminders created
    escalated: int  # reminders escalated to the sponsor and director


def route(
    session: Session, programme: Programme, owner_ids: Iterable[int], now: datetime
) -> dict[int, tuple[int, datetime]]:
    """Who is asked, and when, for a question to each owner now (as "brief herinner" does):
    the owner or their deputy, on the first working moment; the same rules as every ping."""
    prog = ProgrammeSchedule(programme)
    owners = sorted(set(owner_ids))
    away = ping_planning.absences(session, owners, prog.today(now) - timedelta(days=1))
    return {owner: prog.ask(owner, now, away.get(owner, ())) for owner in owners}


def plan(session: Session, now: datetime, horizon: timedelta = HORIZON) -> int:
    """Plan the pings of every programme up to ``now + horizon``; returns how many were stored.

    Occurrences after the programme's plan mark are planned (after downtime: only the newest
    missed one per action, owner and rule); actions changed since the last run are re-planned
    over the whole window and their planned pings that no longer fit are cancelled.
    """
    return sum(plan_programme(session, p, now, horizon, window=True) for p in schedules(session))


def remind(session: Session, now: datetime) -> int:
    """Give each question unanswered for ``reminder_after`` working days one reminder."""
    return sum(remind_programme(session, p, now) for p in schedules(session))


def escalate(session: Session, now: datetime) -> int:
    """Mark reminders unanswered for ``escalate_after`` working days, and their questions."""
    return sum(escalate_programme(session, p, now) for p in schedules(session))


def dispatch(session: Session, now: datetime, out: Outgoing) -> int:
    """Send every due ping: one message per recipient; returns how many messages were sent.

    Pings whose action closed or whose deadline moved are cancelled; of several due about
    the same action to the same person only the newest is asked.
    """
    programmes = {p.id: p for p in schedules(session)}
    return send_due(session, programmes, now, out)


# -- the tick -------------------------------------------------------------------------------


def tick(
    session: Session, now: datetime, out: Outgoing, horizon: timedelta = HORIZON
) -> TickReport:
    """One run of the clock: plan (fully when due, else changed actions), remind, escalate, send."""
    programmes = schedules(session)
    planned = sum(
        plan_programme(session, p, now, horizon, window=planning_due(session, p, now, horizon))
        for p in programmes
    )
    reminded = sum(remind_programme(session, p, now) for p in programmes)
    escalated = sum(escalate_programme(session, p, now) for p in programmes)
    sent = send_due(session, {p.id: p for p in programmes}, now, out)
    return TickReport(planned=planned, sent=sent, reminded=reminded, escalated=escalated)


def next_due(session: Session, horizon: timedelta = HORIZON) -> datetime | None:
    """The earliest moment a tick will have something to do, or None when nothing waits.

    The console's simulated clock jumps from one such moment to the next.
    """
    found = [store.earliest_planned(session)]
    for prog in schedules(session):
        for reminders, days in (
            (False, prog.settings.reminder_after),
            (True, prog.settings.escalate_after),
        ):
            sent = ping_reminders.waiting_since(
                session, prog.id, reminders=reminders, span=_FOLLOW_UP_SPAN
            )
            found += [rules.add_working_days(at, days, prog.zone, prog.calendar) for at in sent]
        mark = marks.get_mark(session, plan_mark(prog.key))
        if mark is not None:
            found.append(mark - horizon / 2)
    moments = [m for m in found if m is not None]
    return min(moments) if moments else None
