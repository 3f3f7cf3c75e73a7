"""A programme's dashboard: per theme its traffic light and counts, what is overdue, who has
not answered, the status chart's numbers, the deadlines of the coming weeks and the meetings
ahead."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Final
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from sqlalchemy.orm import Session

from handlers.brief.appendix import LIGHTS, light_word, traffic_light
from handlers.overview.action_lines import ActionLine, Listing, action_line
from handlers.wording import status_word
from storage.models import Programme
from storage.overview_rows import (
    RegisterQuery,
    RegisterSort,
    Tally,
    meetings_between,
    register_slice,
    tallies,
)
from storage.summaries import Unanswered, themes_in, tracks_in, unanswered
from words.catalogue import t
from words.dates import long_date, short_date
from words.domain import Status

WEEKS_AHEAD: Final = 6  # the deadlines of the coming six weeks
MEETINGS_AHEAD: Final = relativedelta(months=6)  # as far ahead as the letter looks
LIST_LIMIT: Final = 20  # the rest is one link away, in the register
MEETINGS_LIMIT: Final = 8
OPEN: Final = tuple(s for s in Status if not s.closed)
# A theme shows the light of its most urgent action, with a count per light beside it: red
# first, then orange and green, then white (not started yet), grey (closed) last.
LIGHT_ORDER: Final = ("rood", "oranje", "groen", "wit", "grijs")


@dataclass(frozen=True, slots=True)
class StatusCount:
    status: Status
    word: str
    count: int


@dataclass(frozen=True, slots=True)
class LightCount:
    light: str
    word: str
    count: int


@dataclass(frozen=True, slots=True)
class ThemeSummary:
    key: str
    name: str
    sponsor: str  # "" when the theme has none
    light: str  # its most urgent action's light; grijs when all are closed, wit when empty
    light_word: str
    total: int
    overdue: int
    counts: tuple[StatusCount, ...]  # every status in the chart's order, zeros included
    lights: tuple[LightCount, ...]  # the lights its actions have, most urgent first


@dataclass(frozen=True, slots=True)
class Waiting:
    """Someone asked about actions who has not answered (yet)."""

    name: str
    questions: int
    escalated: int  # no answer after the reminder either
    since: str  # when the oldest unanswered question went out
    actions: tuple[str, ...]  # "#12 OW-03"


@dataclass(frozen=True, slots=True)
class MeetingItem:
    day: date
    when: str
    title: str
    kind: str


@dataclass(frozen=True, slots=True)
class Dashboard:
    programme_key: str
    programme_name: str
    today: str
    themes: tuple[ThemeSummary, ...]
    totals: tuple[StatusCount, ...]
    total: int
    overdue_total: int
    overdue: tuple[ActionLine, ...]  # the longest overdue first, at most LIST_LIMIT
    waiting: tuple[Waiting, ...]  # waited longest first
    upcoming_until: date
    upcoming_total: int
    upcoming: tuple[ActionLine, ...]  # open actions due from today up to six weeks ahead
    meetings: tuple[MeetingItem, ...]


def _theme(key: str, name: str, sponsor: str, rows: list[Tally], lang: str) -> ThemeSummary:
    per_status = dict.fromkeys(Status, 0)
    per_light = dict.fromkeys(LIGHT_ORDER, 0)
    overdue = 0
    for row in rows:
        per_status[row.status] += row.count
        per_light[traffic_light(row.status, row.overdue)] += row.count
        overdue += row.count if row.overdue else 0
    present = [light for light in LIGHT_ORDER if per_light[light]]
    light = present[0] if present else LIGHTS[Status.OPEN]
    return ThemeSummary(
        key=key,
        name=name,
        sponsor=sponsor,
        light=light,
        light_word=light_word(light, lang),
        total=sum(per_status.values()),
        overdue=overdue,
        counts=tuple(StatusCount(s, status_word(s, lang), n) for s, n in per_status.items()),
        lights=tuple(LightCount(x, light_word(x, lang), per_light[x]) for x in present),
    )


def _waiting(
    session: Session, programme_id: int, now: datetime, zone: ZoneInfo, lang: str
) -> tuple[Waiting, ...]:
    """The digest's "who has not answered": sent questions about open actions, per person,
    who waited longest first."""
    per_person: dict[int, list[Unanswered]] = {}
    for item in unanswered(session, programme_id, now, inclusive=True):
        per_person.setdefault(item.recipient.id, []).append(item)
    found: list[tuple[datetime, Waiting]] = []
    for items in per_person.values():
        oldest = min(item.asked_at for item in items)
        ordered = sorted(items, key=lambda item: item.action.number)
        waiting = Waiting(
            name=items[0].recipient.name,
            questions=len(items),
            escalated=sum(1 for item in items if item.escalated),
            since=short_date(oldest.astimezone(zone).date(), lang),
            actions=tuple(
                t("web.overview.action_short", lang, number=i.action.number, key=i.action.key)
                for i in ordered
            ),
        )
        found.append((oldest, waiting))
    found.sort(key=lambda pair: (pair[0], pair[1].name))
    return tuple(waiting for _, waiting in found)


def dashboard(
    session: Session, programme: Programme, now: datetime, zone: ZoneInfo, lang: str
) -> Dashboard:
    """The dashboard of ``programme`` as it stands at ``now``, for a reader in ``zone``."""
    today = now.astimezone(zone).date()
    themes = themes_in(session, [programme.id])
    listing = Listing(
        themes={th.id: th.name for th in themes},
        tracks={tr.id: tr.name for tr in tracks_in(session, [programme.id])},
        today=today,
        zone=zone,
        lang=lang,
    )
    counted = tallies(session, programme.id, today)
    per_theme: dict[int, list[Tally]] = {}
    for row in counted:
        per_theme.setdefault(row.theme_id, []).append(row)
    summaries = tuple(
        _theme(
            th.key,
            th.name,
            th.sponsor.name if th.sponsor is not None else "",
            per_theme.get(th.id, []),
            lang,
        )
        for th in themes
    )
    totals = dict.fromkeys(Status, 0)
    for row in counted:
        totals[row.status] += row.count

    def lines(query: RegisterQuery) -> tuple[int, tuple[ActionLine, ...]]:
        found = register_slice(session, query)
        return found.total, tuple(action_line(x, listing) for x in found.lines)

    overdue_total, overdue = lines(
        RegisterQuery(programme.id, overdue_on=today, sort=RegisterSort.DEADLINE, limit=LIST_LIMIT)
    )
    until = today + timedelta(weeks=WEEKS_AHEAD)
    upcoming_total, upcoming = lines(
        RegisterQuery(
            programme.id,
            statuses=OPEN,
            due_from=today,
            due_before=until,
            sort=RegisterSort.DEADLINE,
            limit=LIST_LIMIT,
        )
    )
    meetings = meetings_between(
        session, programme.id, today, today + MEETINGS_AHEAD, MEETINGS_LIMIT
    )
    return Dashboard(
        programme_key=programme.key,
        programme_name=programme.name,
        today=long_date(today, lang),
        themes=summaries,
        totals=tuple(StatusCount(s, status_word(s, lang), n) for s, n in totals.items()),
        total=sum(totals.values()),
        overdue_total=overdue_total,
        overdue=overdue,
        waiting=_waiting(session, programme.id, now, zone, lang),
        upcoming_until=until,
        upcoming_total=upcoming_total,
        upcoming=upcoming,
        meetings=tuple(
            MeetingItem(
                day=m.day,
                when=long_date(m.day, lang),
                title=m.title,
                kind=t(f"web.overview.meeting.{m.kind.value}", lang),
            )
            for m in meetings
        ),
    )
