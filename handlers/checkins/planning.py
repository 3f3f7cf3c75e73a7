"""Planning pings: one row per rule, action, owner and occurrence ahead, brought in line when
actions change; planning twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from handlers.checkins.schedule import ProgrammeSchedule, plan_mark, replan_mark
from storage import marks, ping_planning
from storage import pings as store
from storage.ping_planning import NewPing, PlanAction
from storage.pings import PingRow
from words.domain import PingRule, PingState
from words.rules import Away


def _occurrences(
    prog: ProgrammeSchedule, action: PlanAction, after: datetime, until: datetime, now: datetime
) -> list[tuple[PingRule, datetime]]:
    """The action's rule moments in ``(after, until]``; of those already past, the newest."""
    found: list[tuple[PingRule, datetime]] = []
    rule = action.checkin_rule if action.checkin_rule else prog.rule
    if rule:
        found += [(PingRule.CHECKIN, m) for m in prog.checkins(rule, after, until)]
    if action.due is not None:
        found += [
            (kind, m)
            for kind, m in prog.deadlines(action.due)
            if after < m <= until and prog.deadline_wanted(kind, m, action.due, now)
        ]
    # Moments before now were missed while the clock was down: one catch-up per rule, not
    # one per missed occurrence.
    missed: dict[PingRule, datetime] = {}
    coming = []
    for kind, moment in found:
        if moment > now:
            coming.append((kind, moment))
        elif kind not in missed or moment > missed[kind]:
            missed[kind] = moment
    return coming + list(missed.items())


def _new_ping(
    prog: ProgrammeSchedule,
    action_id: int,
    owner_id: int,
    *,
    rule: PingRule,
    occurrence: datetime,
    now: datetime,
    away: Sequence[Away],
) -> NewPing:
    at = prog.working(occurrence)
    if at < now:
        # A catch-up is asked now, or on the next working day.
        at = prog.working(now)
    recipient, due_at = prog.ask(owner_id, at, away)
    return NewPing(
        key=store.ping_key(rule, action_id, owner_id, occurrence),
        programme_id=prog.id,
        action_id=action_id,
        owner_id=owner_id,
        recipient_id=recipient,
        rule=rule,
        occurrence=occurrence,
        due_at=due_at,
    )


def _wanted(
    prog: ProgrammeSchedule,
    actions: Iterable[PlanAction],
    *,
    after: datetime,
    until: datetime,
    now: datetime,
    away: Mapping[int, Sequence[Away]],
) -> list[NewPing]:
    return [
        _new_ping(
            prog, action.id, owner, rule=kind, occurrence=moment, now=now, away=away.get(owner, ())
        )
        for action in actions
        if not action.closed
        for kind, moment in _occurrences(prog, action, after, until, now)
        for owner in action.owner_ids
    ]


def _owners(actions: Iterable[PlanAction]) -> set[int]:
    return {owner for action in actions for owner in action.owner_ids}


def _still_wanted(
    prog: ProgrammeSchedule,
    ping: PingRow,
    action: PlanAction | None,
    now: datetime,
    until: datetime,
) -> bool:
    """Does a planned ping still follow from the action as it is now?"""
    if action is None or action.closed or ping.owner_id not in action.owner_ids:
        return False
    if ping.rule in (PingRule.BEFORE, PingRule.AFTER):
        return prog.deadline_wanted(ping.rule, ping.occurrence, action.due, now)
    if ping.rule is PingRule.CHECKIN and ping.occurrence > now:
        rule = action.checkin_rule if action.checkin_rule else prog.rule
        return bool(rule) and ping.occurrence in prog.checkins(rule, now, until)
    return True


def _replan(
    session: Session,
    prog: ProgrammeSchedule,
    action_ids: Sequence[int],
    now: datetime,
    until: datetime,
) -> int:
    """Bring changed actions' pings in line: cancel what no longer fits, plan what now does."""
    actions = {a.id: a for a in ping_planning.actions_to_plan(session, prog.id, action_ids)}
    planned = store.planned_pings(session, action_ids)
    # A planned check-in may lie beyond this window (planned by an earlier, longer run).
    last = max([until, *(p.occurrence for p in planned)])
    stale = [
        p.id for p in planned if not _still_wanted(prog, p, actions.get(p.action_id), now, last)
    ]
    store.set_state(session, stale, PingState.CANCELLED, was=PingState.PLANNED)
    away = ping_planning.absences(
        session, _owners(actions.values()), prog.today(now) - timedelta(days=1)
    )
    wanted = _wanted(prog, actions.values(), after=now, until=until, now=now, away=away)
    return ping_planning.plan_pings(session, wanted, now)


def _deadlines_reaching(
    prog: ProgrammeSchedule, after: datetime, until: datetime
) -> tuple[date, date]:
    """The due dates whose deadline pings can fall in ``(after, until]`` (with a day's slack)."""
    earliest_before = max(prog.settings.before_deadline, default=0)
    first = after.astimezone(prog.zone).date() - timedelta(days=2)
    last = until.astimezone(prog.zone).date() + timedelta(days=earliest_before + 1)
    return first, last


def _plan_window(
    session: Session, prog: ProgrammeSchedule, after: datetime, until: datetime, now: datetime
) -> int:
    if prog.rule and prog.checkins(prog.rule, after, until):
        actions = ping_planning.actions_to_plan(session, prog.id)
    else:
        # The programme's rule asks nothing in this window: only actions with a rule of their
        # own or a deadline nearby can have pings in it, which keeps a short window cheap.
        near = _deadlines_reaching(prog, after, until)
        actions = ping_planning.actions_to_plan(session, prog.id, due_between=near)
    away = ping_planning.absences(session, None, prog.today(now) - timedelta(days=1))
    wanted = _wanted(prog, actions, after=after, until=until, now=now, away=away)
    return ping_planning.plan_pings(session, wanted, now)


def plan_programme(
    session: Session, prog: ProgrammeSchedule, now: datetime, horizon: timedelta, *, window: bool
) -> int:
    """Re-plan one programme's changed actions and, with ``window``, plan up to the horizon."""
    planned = 0
    last_run = marks.get_mark(session, replan_mark(prog.key))
    if last_run is not None:
        changed = ping_planning.changed_actions(session, prog.id, last_run)
        if changed:
            planned += _replan(session, prog, changed, now, now + horizon)
    mark = marks.get_mark(session, plan_mark(prog.key))
    until = now + horizon
    if window and (mark is None or mark < until):
        # The first run ever starts now: nothing from before Voortgang ran is caught up.
        after = now if mark is None else mark
        planned += _plan_window(session, prog, after, until, now)
        marks.set_mark(session, plan_mark(prog.key), until)
    marks.set_mark(session, replan_mark(prog.key), now)
    return planned


def planning_due(
    session: Session, prog: ProgrammeSchedule, now: datetime, horizon: timedelta
) -> bool:
    """Is the programme's full planning due: less than half the horizon left planned?"""
    mark = marks.get_mark(session, plan_mark(prog.key))
    # At or past the moment next_due names for it, or the console would wait there forever.
    return mark is None or mark - now <= horizon / 2
