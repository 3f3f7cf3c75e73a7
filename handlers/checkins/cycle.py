"""The check-in schedule: plan pings, send them one message per person, remind, escalate.

The clock process calls ``tick`` every minute in one transaction. Planning writes one ping row
per rule, action, owner and occurrence (``storage.pings.ping_key``) a fortnight ahead, so
running it twice, or in two processes, changes nothing. Dispatching sends the due rows,
grouped per recipient, through the outbound port. A sent question without an answer gets one
reminder after some working days; a reminder without an answer is escalated: digests and
summaries then show the action as 'geen update' (``storage.pings.missing_updates``).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from handlers.checkins.ping_message import Asked, ping_message
from storage import marks
from storage import pings as store
from storage.letters import brief_asks
from storage.models import Person, Programme
from storage.people import people_by_id
from storage.pings import NewPing, PingRow, PlanAction
from words import logtext, rules
from words.catalogue import Language, language
from words.chat.outgoing import Outgoing, ToPerson
from words.dates import period_name
from words.domain import PingRule, PingState
from words.rules import Away, Calendar
from words.schedule import ScheduleSettings

log = logging.getLogger(__name__)

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


def plan_mark(key: str) -> str:
    """The clock mark up to which a programme's pings are planned."""
    return f"plan:{key}"


def replan_mark(key: str) -> str:
    """The clock mark of the last look for changed actions."""
    return f"replan:{key}"


def remind_mark(key: str) -> str:
    """The clock mark up to which sent questions have had their reminder made."""
    return f"remind:{key}"


class _Programme:
    """One programme's schedule: settings, zone, working days and what planning computed."""

    def __init__(self, programme: Programme) -> None:
        self.id = programme.id
        self.key = programme.key
        self.rule = programme.checkin_rule
        self.anchor = programme.period_start
        self.settings = ScheduleSettings.from_json(programme.schedule)
        self.zone = ZoneInfo(programme.timezone)
        self.calendar = Calendar(self.settings.holidays)
        self.lang: Language = language(programme.language)
        # Most actions share the programme's rule and many share a deadline: compute once.
        self._checkins: dict[tuple[str, datetime, datetime], list[datetime]] = {}
        self._deadlines: dict[date, list[tuple[PingRule, datetime]]] = {}
        self._working: dict[datetime, datetime] = {}

    def checkins(self, rule: str, after: datetime, until: datetime) -> list[datetime]:
        found = self._checkins.get((rule, after, until))
        if found is None:
            try:
                found = rules.checkin_occurrences(rule, self.zone, after, until, self.anchor)
            except rules.RuleRefusedError as err:
                # A rule stored before the file's checks existed: skipped, not run away on.
                log.warning(logtext.RULE_SKIPPED, self.key, err.rule, err.reason)
                found = []
            self._checkins[(rule, after, until)] = found
        return found

    def deadlines(self, due: date) -> list[tuple[PingRule, datetime]]:
        found = self._deadlines.get(due)
        if found is None:
            found = rules.deadline_occurrences(due, self.settings, self.zone)
            self._deadlines[due] = found
        return found

    def working(self, at: datetime) -> datetime:
        found = self._working.get(at)
        if found is None:
            found = rules.next_working_moment(at, self.zone, self.calendar)
            self._working[at] = found
        return found

    def today(self, now: datetime) -> date:
        return now.astimezone(self.zone).date()

    def ask(self, owner_id: int, at: datetime, away: Sequence[Away]) -> tuple[int, datetime]:
        if not away:
            return owner_id, self.working(at)
        return rules.who_is_asked(
            owner_id, at, away, self.settings, zone=self.zone, calendar=self.calendar
        )

    def deadline_wanted(
        self, rule: PingRule, occurrence: datetime, due: date | None, now: datetime
    ) -> bool:
        """Does a deadline ping still follow from the action's current deadline?"""
        if due is None:
            return False
        # Once the deadline has passed, the ping after it asks instead.
        if rule is PingRule.BEFORE and due < self.today(now):
            return False
        return (rule, occurrence) in self.deadlines(due)


def route(
    session: Session, programme: Programme, owner_ids: Iterable[int], now: datetime
) -> dict[int, tuple[int, datetime]]:
    """Who is asked, and when, for a question to each owner now (as "brief herinner" does):
    the owner or their deputy, on the first working moment; the same rules as every ping."""
    prog = _Programme(programme)
    owners = sorted(set(owner_ids))
    away = store.absences(session, owners, prog.today(now) - timedelta(days=1))
    return {owner: prog.ask(owner, now, away.get(owner, ())) for owner in owners}


def _programmes(session: Session) -> list[_Programme]:
    return [_Programme(p) for p in store.all_programmes(session)]


# -- planning -------------------------------------------------------------------------------


def _occurrences(
    prog: _Programme, action: PlanAction, after: datetime, until: datetime, now: datetime
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
    prog: _Programme,
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
    prog: _Programme,
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
    prog: _Programme, ping: PingRow, action: PlanAction | None, now: datetime, until: datetime
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
    session: Session, prog: _Programme, action_ids: Sequence[int], now: datetime, until: datetime
) -> int:
    """Bring changed actions' pings in line: cancel what no longer fits, plan what now does."""
    actions = {a.id: a for a in store.actions_to_plan(session, prog.id, action_ids)}
    planned = store.planned_pings(session, action_ids)
    # A planned check-in may lie beyond this window (planned by an earlier, longer run).
    last = max([until, *(p.occurrence for p in planned)])
    stale = [
        p.id for p in planned if not _still_wanted(prog, p, actions.get(p.action_id), now, last)
    ]
    store.set_state(session, stale, PingState.CANCELLED, was=PingState.PLANNED)
    away = store.absences(session, _owners(actions.values()), prog.today(now) - timedelta(days=1))
    wanted = _wanted(prog, actions.values(), after=now, until=until, now=now, away=away)
    return store.plan_pings(session, wanted, now)


def _deadlines_reaching(prog: _Programme, after: datetime, until: datetime) -> tuple[date, date]:
    """The due dates whose deadline pings can fall in ``(after, until]`` (with a day's slack)."""
    earliest_before = max(prog.settings.before_deadline, default=0)
    first = after.astimezone(prog.zone).date() - timedelta(days=2)
    last = until.astimezone(prog.zone).date() + timedelta(days=earliest_before + 1)
    return first, last


def _plan_window(
    session: Session, prog: _Programme, after: datetime, until: datetime, now: datetime
) -> int:
    if prog.rule and prog.checkins(prog.rule, after, until):
        actions = store.actions_to_plan(session, prog.id)
    else:
        # The programme's rule asks nothing in this window: only actions with a rule of their
        # own or a deadline nearby can have pings in it, which keeps a short window cheap.
        near = _deadlines_reaching(prog, after, until)
        actions = store.actions_to_plan(session, prog.id, due_between=near)
    away = store.absences(session, None, prog.today(now) - timedelta(days=1))
    wanted = _wanted(prog, actions, after=after, until=until, now=now, away=away)
    return store.plan_pings(session, wanted, now)


def _plan_programme(
    session: Session, prog: _Programme, now: datetime, horizon: timedelta, *, window: bool
) -> int:
    planned = 0
    last_run = marks.get_mark(session, replan_mark(prog.key))
    if last_run is not None:
        changed = store.changed_actions(session, prog.id, last_run)
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


def plan(session: Session, now: datetime, horizon: timedelta = HORIZON) -> int:
    """Plan the pings of every programme up to ``now + horizon``; returns how many were stored.

    Occurrences after the programme's plan mark are planned (after downtime: only the newest
    missed one per action, owner and rule); actions changed since the last run are re-planned
    over the whole window and their planned pings that no longer fit are cancelled.
    """
    return sum(_plan_programme(session, p, now, horizon, window=True) for p in _programmes(session))


def _planning_due(session: Session, prog: _Programme, now: datetime, horizon: timedelta) -> bool:
    mark = marks.get_mark(session, plan_mark(prog.key))
    # At or past the moment next_due names for it, or the console would wait there forever.
    return mark is None or mark - now <= horizon / 2


# -- reminders and escalation ---------------------------------------------------------------


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


def _remind(session: Session, prog: _Programme, now: datetime) -> int:
    days = prog.settings.reminder_after
    bounds = rules.started(now, days, prog.zone, prog.calendar)
    done = marks.get_mark(session, remind_mark(prog.key))
    if done is not None and bounds.at_most <= done:
        return 0
    due_at = prog.working(now)
    candidates = store.reminder_candidates(session, prog.id, done, bounds.at_most)
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
    return store.plan_pings(session, reminders, now)


def remind(session: Session, now: datetime) -> int:
    """Give each question unanswered for ``reminder_after`` working days one reminder."""
    return sum(_remind(session, p, now) for p in _programmes(session))


def _escalate(session: Session, prog: _Programme, now: datetime) -> int:
    days = prog.settings.escalate_after
    bounds = rules.started(now, days, prog.zone, prog.calendar)
    late = [
        p
        for p in store.escalation_candidates(session, prog.id, bounds.at_most)
        if p.sent_at is not None
        and rules.add_working_days(p.sent_at, days, prog.zone, prog.calendar) <= now
    ]
    ids = [p.id for p in late] + [p.parent_id for p in late if p.parent_id is not None]
    store.mark_escalated(session, ids, now)
    return len(late)


def escalate(session: Session, now: datetime) -> int:
    """Mark reminders unanswered for ``escalate_after`` working days, and their questions."""
    return sum(_escalate(session, p, now) for p in _programmes(session))


# -- dispatching ----------------------------------------------------------------------------


def _rank(ping: PingRow) -> tuple[datetime, bool, int]:
    # The newest question wins; on a tie, the owner's own over one asked on someone's behalf.
    return (ping.occurrence, ping.recipient_id == ping.owner_id, ping.id)


class _Round:
    """One dispatch: the due pings and everything deciding about them needs, loaded once."""

    def __init__(
        self, session: Session, programmes: Mapping[int, _Programme], now: datetime
    ) -> None:
        self.session = session
        self.programmes = programmes
        self.now = now
        self.due = store.due_pings(session, now)
        self.actions = store.asked_about(session, {p.action_id for p in self.due})
        parent_ids = {p.parent_id for p in self.due if p.parent_id is not None}
        self.parents = {p.id: p for p in store.pings_by_id(session, parent_ids)}
        self.briefs = brief_asks(session, {p.brief_id for p in self.due if p.brief_id is not None})
        self.cancelled: list[int] = []
        self.superseded: list[int] = []
        self.moved: list[tuple[int, int, datetime]] = []

    def sendable(self, ping: PingRow) -> bool:
        """Does the ping still make sense: action open, owner still its owner, deadline same?"""
        action = self.actions.get(ping.action_id)
        if action is None or action.status.closed:
            return False
        if ping.owner_id not in action.owner_ids:
            return False
        if ping.rule in (PingRule.BEFORE, PingRule.AFTER):
            prog = self.programmes[ping.programme_id]
            return prog.deadline_wanted(ping.rule, ping.occurrence, action.due, self.now)
        if ping.rule is PingRule.REMINDER:
            parent = self.parents.get(ping.parent_id) if ping.parent_id is not None else None
            return parent is not None and parent.state is PingState.SENT
        return True

    def _routed(self, ping: PingRow, away: Mapping[int, Sequence[Away]]) -> PingRow | None:
        """The ping with its recipient now; None when it has to wait for the owner's return."""
        if ping.recipient_id != ping.owner_id or ping.owner_id not in away:
            return ping
        # The owner may have gone away since planning: ask the deputy, or wait.
        prog = self.programmes[ping.programme_id]
        recipient, at = prog.ask(ping.owner_id, ping.due_at, away[ping.owner_id])
        if (recipient, at) == (ping.recipient_id, ping.due_at):
            return ping
        self.moved.append((ping.id, recipient, at))
        return None if at > self.now else replace(ping, recipient_id=recipient, due_at=at)

    def ready(self) -> list[PingRow]:
        """The pings to send: of several about one action to one person, only the newest."""
        first_day = min(p.due_at for p in self.due).date() - timedelta(days=1)
        away = store.absences(self.session, {p.owner_id for p in self.due}, first_day)
        newest: dict[tuple[int, int], PingRow] = {}
        for ping in self.due:
            if not self.sendable(ping):
                self.cancelled.append(ping.id)
                continue
            current = self._routed(ping, away)
            if current is None:
                continue
            pair = (current.action_id, current.recipient_id)
            rival = newest.get(pair)
            if rival is None:
                newest[pair] = current
            elif _rank(current) > _rank(rival):
                newest[pair] = current
                self.superseded.append(rival.id)
            else:
                self.superseded.append(current.id)
        return sorted(newest.values(), key=lambda p: p.id)

    def store_decisions(self) -> None:
        store.set_state(self.session, self.cancelled, PingState.CANCELLED, was=PingState.PLANNED)
        store.set_state(self.session, self.superseded, PingState.SUPERSEDED, was=PingState.PLANNED)
        store.reroute(self.session, self.moved)

    def send(self, ready: Sequence[PingRow], out: Outgoing) -> int:
        """One message per recipient, listing their actions by programme and number."""
        per_person: dict[int, list[PingRow]] = defaultdict(list)
        for ping in ready:
            per_person[ping.recipient_id].append(ping)
        people = people_by_id(
            self.session, {p.recipient_id for p in ready} | {p.owner_id for p in ready}
        )
        last = store.last_status_dates(self.session, {p.action_id for p in ready})
        sent: dict[int, int] = {}
        for recipient_id, asked in sorted(per_person.items()):
            person = people[recipient_id]
            prog = self.programmes[asked[0].programme_id]
            lang = language(person.language) if person.language else prog.lang
            zone = ZoneInfo(person.timezone) if person.timezone else prog.zone
            asked.sort(key=lambda p: (p.programme_id, self.actions[p.action_id].number, p.id))
            items = [self.asked(p, people, last, zone, lang) for p in asked]
            message = ping_message(person.name, items, lang, self.now.astimezone(zone).date())
            ids = [p.id for p in asked]
            key = f"ping:{recipient_id}:{min(ids)}"
            outbox_id = out.send(key, ToPerson(recipient_id), message)
            sent.update(dict.fromkeys(ids, outbox_id))
        store.mark_sent(self.session, sent, self.now)
        return len(per_person)

    def asked(
        self,
        ping: PingRow,
        people: Mapping[int, Person],
        last: Mapping[int, datetime],
        zone: ZoneInfo,
        lang: Language,
    ) -> Asked:
        updated = last.get(ping.action_id)
        parent = self.parents.get(ping.parent_id) if ping.parent_id is not None else None
        first = parent.sent_at if parent is not None else None
        action = self.actions[ping.action_id]
        deputising = ping.recipient_id != ping.owner_id
        brief = self.briefs.get(ping.brief_id) if ping.brief_id is not None else None
        return Asked(
            action_id=action.id,
            number=action.number,
            title=action.title,
            theme=action.theme,
            deadline_text=action.deadline_text,
            due=action.due,
            status=action.status,
            last_update=updated.astimezone(zone).date() if updated is not None else None,
            rule=ping.rule,
            on_behalf_of=people[ping.owner_id].name if deputising else None,
            first_asked=first.astimezone(zone).date() if first is not None else None,
            brief_period=None if brief is None else period_name(brief.start, brief.end, lang),
            brief_deadline=None if brief is None else brief.answer_by,
        )


def _dispatch(
    session: Session, programmes: Mapping[int, _Programme], now: datetime, out: Outgoing
) -> int:
    if not store.lock_dispatch(session):
        return 0  # another tick is dispatching right now; the next tick catches up
    round_ = _Round(session, programmes, now)
    if not round_.due:
        return 0
    ready = round_.ready()
    round_.store_decisions()
    if not ready:
        return 0
    return round_.send(ready, out)


def dispatch(session: Session, now: datetime, out: Outgoing) -> int:
    """Send every due ping: one message per recipient; returns how many messages were sent.

    Pings whose action closed or whose deadline moved are cancelled; of several due about
    the same action to the same person only the newest is asked.
    """
    programmes = {p.id: p for p in _programmes(session)}
    return _dispatch(session, programmes, now, out)


# -- the tick -------------------------------------------------------------------------------


def tick(
    session: Session, now: datetime, out: Outgoing, horizon: timedelta = HORIZON
) -> TickReport:
    """One run of the clock: plan (fully when due, else changed actions), remind, escalate, send."""
    programmes = _programmes(session)
    planned = sum(
        _plan_programme(session, p, now, horizon, window=_planning_due(session, p, now, horizon))
        for p in programmes
    )
    reminded = sum(_remind(session, p, now) for p in programmes)
    escalated = sum(_escalate(session, p, now) for p in programmes)
    sent = _dispatch(session, {p.id: p for p in programmes}, now, out)
    return TickReport(planned=planned, sent=sent, reminded=reminded, escalated=escalated)


def next_due(session: Session, horizon: timedelta = HORIZON) -> datetime | None:
    """The earliest moment a tick will have something to do, or None when nothing waits.

    The console's simulated clock jumps from one such moment to the next.
    """
    found = [store.earliest_planned(session)]
    for prog in _programmes(session):
        for reminders, days in (
            (False, prog.settings.reminder_after),
            (True, prog.settings.escalate_after),
        ):
            sent = store.waiting_since(session, prog.id, reminders=reminders, span=_FOLLOW_UP_SPAN)
            found += [rules.add_working_days(at, days, prog.zone, prog.calendar) for at in sent]
        mark = marks.get_mark(session, plan_mark(prog.key))
        if mark is not None:
            found.append(mark - horizon / 2)
    moments = [m for m in found if m is not None]
    return min(moments) if moments else None
