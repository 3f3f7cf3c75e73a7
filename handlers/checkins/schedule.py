"""One programme's check-in schedule: its settings, zone, working days and rule moments, worked
out once per run; and the clock marks that say how far planning and reminding have come.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from storage import ping_subjects
from storage.models import Programme
from words import logtext, rules
from words.catalogue import Language, language
from words.checkin_settings import ScheduleSettings
from words.domain import PingRule
from words.rules import Away, Calendar

log = logging.getLogger(__name__)


def plan_mark(key: str) -> str:
    """The clock mark up to which a programme's pings are planned."""
    return f"plan:{key}"


def replan_mark(key: str) -> str:
    """The clock mark of the last look for changed actions."""
    return f"replan:{key}"


def remind_mark(key: str) -> str:
    """The clock mark up to which sent questions have had their reminder made."""
    return f"remind:{key}"


class ProgrammeSchedule:
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


def schedules(session: Session) -> list[ProgrammeSchedule]:
    """Every programme's schedule, for one run of the clock."""
    return [ProgrammeSchedule(p) for p in ping_subjects.all_programmes(session)]
