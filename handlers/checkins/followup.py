"""Following up unanswered questions: one reminder after some working days, and escalation
when the reminder is not answered either.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from handlers.checkins.schedule import ProgrammeSchedule, remind_mark
from storage import marks, ping_planning, ping_reminders
from storage import pings as store
from storage.ping_planning import NewPing
from storage.pings import PingRow
from words import rules
from words.domain import PingRule, PingState


def _newest_questions(
    session: Session, questions: Sequence[PingRow]
) -> dict[tuple[int, int], datetime]:
    """When each action's person was last asked (not reminded), among the sent questions."""
    newest: dict[tuple[int, int], datetime] = {}
    if not questions:
        return newest
    for p in store.sent_pings(session, {q.action_id for q in questions}):
        pair = (p.action_id, p.recipient_id)
        if p.rule is not PingRule.REMINDER and p.sent_at is not None:
            newest[pair] = max(p.sent_at, newest.get(pair, p.sent_at))
    return newest


def remind_programme(session: Session, prog: ProgrammeSchedule, now: datetime) -> int:
    """One programme's reminders for questions unanswered long enough; how many were made."""
    days = prog.settings.reminder_after
    bounds = rules.started(now, days, prog.zone, prog.calendar)
    done = marks.get_mark(session, remind_mark(prog.key))
    if done is not None and bounds.at_most <= done:
        return 0
    due_at = prog.working(now)
    candidates = ping_reminders.reminder_candidates(session, prog.id, done, bounds.at_most)
    newest = _newest_questions(session, candidates)
    reminders, replaced = [], []
    for p in candidates:
        if p.sent_at is None:
            continue
        if newest[(p.action_id, p.recipient_id)] > p.sent_at:
            replaced.append(p.id)  # asked again since: the newer question gets the reminder
            continue
        moment = rules.add_working_days(p.sent_at, days, prog.zone, prog.calendar)
        if moment > now:
            continue
        reminders.append(
            NewPing(
                key=store.reminder_key(p.id),
                programme_id=prog.id,
                action_id=p.action_id,
                owner_id=p.owner_id,
                recipient_id=p.recipient_id,
                rule=PingRule.REMINDER,
                occurrence=moment,
                due_at=due_at,
                parent_id=p.id,
                brief_id=p.brief_id,
            )
        )
    store.set_state(session, replaced, PingState.SUPERSEDED, was=PingState.SENT)
    # Up to ``surely`` every question has had its turn; later ones are looked at again.
    if done is None or bounds.surely > done:
        marks.set_mark(session, remind_mark(prog.key), bounds.surely)
    return ping_planning.plan_pings(session, reminders, now)


def escalate_programme(session: Session, prog: ProgrammeSchedule, now: datetime) -> int:
    """Mark one programme's unanswered reminders and their questions escalated; how many."""
    days = prog.settings.escalate_after
    bounds = rules.started(now, days, prog.zone, prog.calendar)
    late = [
        p
        for p in ping_reminders.escalation_candidates(session, prog.id, bounds.at_most)
        if p.sent_at is not None
        and rules.add_working_days(p.sent_at, days, prog.zone, prog.calendar) <= now
    ]
    ids = [p.id for p in late] + [p.parent_id for p in late if p.parent_id is not None]
    ping_reminders.mark_escalated(session, ids, now)
    return len(late)
