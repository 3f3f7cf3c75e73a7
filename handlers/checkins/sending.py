"""Sending the due pings: of several about one action to one person only the newest, routed
to a deputy when the owner is away, one message per recipient.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from handlers.checkins.ping_message import Asked, ping_message
from handlers.checkins.schedule import ProgrammeSchedule
from handlers.wording import dated_phrase
from storage import ping_planning, ping_subjects
from storage import pings as store
from storage.letters import brief_asks
from storage.models import Person
from storage.people import people_by_id
from storage.pings import PingRow
from words.catalogue import Language, language
from words.chat.outgoing import Outgoing, ToPerson
from words.dates import period_name
from words.deadlines.model import Precision
from words.domain import PingRule, PingState
from words.rules import Away


def _rank(ping: PingRow) -> tuple[datetime, bool, int]:
    # The newest question wins; on a tie, the owner's own over one asked on someone's behalf.
    return (ping.occurrence, ping.recipient_id == ping.owner_id, ping.id)


class _Round:
    """One dispatch: the due pings and everything deciding about them needs, loaded once."""

    def __init__(
        self, session: Session, programmes: Mapping[int, ProgrammeSchedule], now: datetime
    ) -> None:
        self.session = session
        self.programmes = programmes
        self.now = now
        self.due = store.due_pings(session, now)
        self.actions = ping_subjects.asked_about(session, {p.action_id for p in self.due})
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
        away = ping_planning.absences(self.session, {p.owner_id for p in self.due}, first_day)
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
        last = ping_subjects.last_status_dates(self.session, {p.action_id for p in ready})
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
            # In the recipient's language, with its year: an English owner reads "end of
            # March 2027" where the register keeps "eind maart 2027".
            # A day is shown as its date alone, which names the weekday too.
            deadline_text=""
            if action.deadline_precision is Precision.DAY
            else dated_phrase(action.deadline_text, action.due, action.deadline_precision, lang),
            due=action.due,
            status=action.status,
            last_update=updated.astimezone(zone).date() if updated is not None else None,
            rule=ping.rule,
            on_behalf_of=people[ping.owner_id].name if deputising else None,
            first_asked=first.astimezone(zone).date() if first is not None else None,
            brief_period=None if brief is None else period_name(brief.start, brief.end, lang),
            brief_deadline=None if brief is None else brief.answer_by,
        )


def send_due(
    session: Session, programmes: Mapping[int, ProgrammeSchedule], now: datetime, out: Outgoing
) -> int:
    """Send the due pings of these programmes; how many messages went out."""
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
