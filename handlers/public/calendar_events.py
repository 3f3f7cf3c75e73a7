"""The calendar feeds' content: a programme's deadlines and meetings (public when its page is
on), and a person's own (behind a secret address).

Every event is a whole day (a deadline is a day, a meeting has no hour in the register) with a
UID that stays the same while the event changes, so a calendar that reads the feed again moves
the event instead of adding a second one: a deadline is the action's (programme key and action
number, which is never reused), a meeting is its day and title (how the register tells
meetings apart). Like the public page, the events say only what the register holds as facts:
title, status and parties, never words from an update.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from handlers.brief.appendix import status_word
from handlers.brief.facts import short_party
from handlers.brief.prose import join
from storage import link_tokens
from storage.calendar_rows import answered_actions, calendar_owner, member_programmes
from storage.models import TokenPurpose
from storage.public_rows import MeetingRow, PublicAction, meetings_of, public_actions
from storage.public_rows import public_programme as public_programme_row
from words.catalogue import language, t
from words.deadlines.letter_form import letter_deadline
from words.domain import MeetingKind

# A year of meetings behind is enough history for a calendar; further back only makes the
# feed longer on every refresh.
MEETINGS_BEHIND = timedelta(days=366)

Kind = Literal["deadline", "meeting", "milestone"]


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    uid: str  # without the domain part: the feed adds its host
    day: date
    summary: str
    description: str
    kind: Kind
    path: str  # where on the site the event is about ("/openbaar/boce"), "" for nowhere


@dataclass(frozen=True, slots=True)
class CalendarFeed:
    name: str  # X-WR-CALNAME: how the calendar app lists the subscription
    description: str
    lang: str
    zone: str
    events: tuple[CalendarEvent, ...]


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def deadline_uid(programme_key: str, number: int) -> str:
    return f"voortgang-{programme_key}-actie-{number}-deadline"


def meeting_uid(programme_key: str, meeting: MeetingRow) -> str:
    return f"voortgang-{programme_key}-{meeting.day.isoformat()}-{_digest(meeting.title)}"


def _deadline_event(
    action: PublicAction, programme_key: str, prefix: str, lang: str, path: str
) -> CalendarEvent:
    assert action.due is not None  # noqa: S101 - only actions with a deadline are asked for
    parties = join([short_party(name, short) for name, short in action.parties], lang)
    lines = [
        t(
            "web.public.ical.deadline_line",
            lang,
            deadline=letter_deadline(action.due, action.precision, lang),
        ),
        t("web.public.ical.status_line", lang, status=status_word(action.status, lang)),
        t("web.public.ical.theme_line", lang, theme=action.theme),
    ]
    if parties:
        lines.append(t("web.public.ical.parties_line", lang, parties=parties))
    return CalendarEvent(
        uid=deadline_uid(programme_key, action.number),
        day=action.due,
        summary=prefix + t("web.public.ical.deadline", lang, key=action.key, title=action.title),
        description="\n".join(lines),
        kind="deadline",
        path=path,
    )


def _meeting_event(
    meeting: MeetingRow, programme_key: str, prefix: str, lang: str, path: str
) -> CalendarEvent:
    milestone = meeting.kind is MeetingKind.MILESTONE
    return CalendarEvent(
        uid=meeting_uid(programme_key, meeting),
        day=meeting.day,
        summary=prefix
        + (
            t("web.public.ical.milestone", lang, title=meeting.title)
            if milestone
            else meeting.title
        ),
        description="",
        kind="milestone" if milestone else "meeting",
        path=path,
    )


def _recent(meetings: Sequence[MeetingRow], today: date) -> list[MeetingRow]:
    return [m for m in meetings if m.day >= today - MEETINGS_BEHIND]


def _sorted(events: list[CalendarEvent]) -> tuple[CalendarEvent, ...]:
    return tuple(sorted(events, key=lambda e: (e.day, e.uid)))


def programme_calendar(session: Session, key: str, now: datetime) -> CalendarFeed | None:
    """The public calendar of programme ``key``: its open actions' deadlines and its meetings,
    in the programme's language; None when it has no public page (or does not exist)."""
    programme = public_programme_row(session, key)
    if programme is None:
        return None
    lang = language(programme.language)
    today = now.astimezone(ZoneInfo(programme.timezone)).date()
    page = f"/openbaar/{programme.key}"
    actions = public_actions(session, [programme.id], with_owners=False)
    events = [
        _deadline_event(a, programme.key, "", lang, page)
        for a in actions
        if a.due is not None and not a.status.closed
    ]
    events += [
        _meeting_event(m, programme.key, "", lang, page)
        for m in _recent(meetings_of(session, programme.id), today)
    ]
    return CalendarFeed(
        name=programme.name,
        description=t("web.public.ical.programme_description", lang, name=programme.name),
        lang=lang,
        zone=programme.timezone,
        events=_sorted(events),
    )


def person_calendar(session: Session, token: str, now: datetime) -> CalendarFeed | None:
    """The calendar behind a person's secret address: the deadlines of the open actions they
    answer for and the meetings of their programmes. None when the address is unknown,
    replaced or expired: the feed answers those alike."""
    owner = calendar_owner(session, token, now)
    if owner is None:
        return None
    programmes = member_programmes(session, owner.person_id)
    first = programmes[0] if programmes else None
    lang = language(
        owner.language if owner.language is not None else first.language if first else None
    )
    zone = (
        owner.timezone
        if owner.timezone is not None
        else first.timezone
        if first
        else "Europe/Amsterdam"
    )
    today = now.astimezone(ZoneInfo(zone)).date()
    # With several programmes, each event says which one it belongs to.
    several = len(programmes) > 1
    by_id = {p.id: p for p in programmes}
    ids = answered_actions(session, owner.person_id)
    actions = public_actions(session, list(by_id), with_owners=False, action_ids=ids) if ids else ()
    events: list[CalendarEvent] = []
    for action in actions:
        programme = by_id[action.programme_id]
        prefix = f"{programme.name}: " if several else ""
        path = f"/p/{programme.key}/acties/{action.number}"
        events.append(_deadline_event(action, programme.key, prefix, lang, path))
    for programme in programmes:
        prefix = f"{programme.name}: " if several else ""
        events += [
            _meeting_event(m, programme.key, prefix, lang, f"/p/{programme.key}")
            for m in _recent(meetings_of(session, programme.id), today)
        ]
    return CalendarFeed(
        name=t("web.public.ical.personal_name", lang),
        description=t("web.public.ical.personal_description", lang),
        lang=lang,
        zone=zone,
        events=_sorted(events),
    )


@dataclass(frozen=True, slots=True)
class CalendarAddress:
    """What the page about one's calendar address shows; the token only just after making it."""

    made_at: datetime | None  # of the address that works now; None: there is none
    token: str | None = None


def calendar_address(session: Session, person_id: int, now: datetime) -> CalendarAddress:
    live = link_tokens.newest_live(session, person_id, TokenPurpose.CALENDAR, now)
    return CalendarAddress(None if live is None else live.created_at)


def new_calendar_address(session: Session, person_id: int, now: datetime) -> CalendarAddress:
    """A new secret calendar address for the person; the old one stops working at once."""
    link_tokens.revoke(session, person_id, TokenPurpose.CALENDAR, now)
    token = link_tokens.mint(session, TokenPurpose.CALENDAR, person_id, now)
    return CalendarAddress(now, token)
