"""The weekly digest: a post in each theme's channel and a direct message to each person.

The channel hears what came in during the last week, what falls due in the next two, what
is overdue and who has not answered. Each person reads their own open actions (and those
they answer for as a deputy); a sponsor also the actions of their themes that got no update
after a reminder; the director and programme support all of those, and the messages that
could not be delivered. Someone with nothing to report gets no message.

Every message has the key ``digest:<programme>:<local date>:<theme key | person id>``, so a
digest run twice on one day queues each message once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from handlers.permissions import MANAGERS
from handlers.wording import (
    action_ref,
    author_name,
    bullet,
    deadline_phrase,
    is_overdue,
    sectioned,
    status_word,
    update_summary,
)
from storage.inbox import SetAside, set_aside_of_programme
from storage.models import (
    Absence,
    Action,
    Membership,
    Person,
    PersonUnreachable,
    Programme,
    StatusUpdate,
    Theme,
)
from storage.reach import last_mailed, on_email, unreachable_in
from storage.summaries import (
    Failed,
    Unanswered,
    absences_running,
    actions_asked_between,
    existing_keys,
    failed_messages,
    open_actions_in,
    programme_by_id,
    programme_members,
    themes_in,
    unanswered,
    updates_between,
)
from words.catalogue import language, t
from words.chat.messages import Message
from words.chat.outgoing import Destination, Outgoing, ToChannel, ToPerson
from words.dates import long_date, short_date
from words.domain import Source

LOOK_BACK = timedelta(days=7)
SET_ASIDE_EXCERPT = 60  # characters of a set-aside message the director reads
LOOK_AHEAD_DAYS = 14


@dataclass(frozen=True, slots=True)
class _Week:
    """Everything one programme's digest is made of, read in a fixed number of queries."""

    programme: Programme
    now: datetime
    today: date  # in the programme's time zone
    themes: Sequence[Theme]
    members: Sequence[Membership]
    actions: Sequence[Action]  # open ones
    updates: Sequence[StatusUpdate]  # of the last week
    missing: Sequence[Unanswered]  # asked (at or before now) and not answered
    asked: set[int]  # actions someone was asked about in the last week, answered or not
    absences: Sequence[Absence]  # of owners, running today
    failed: Sequence[Failed]
    unreachable: Sequence[tuple[Person, PersonUnreachable]]
    set_aside: Sequence[tuple[SetAside, Person]]  # events that failed too often, kept
    by_owner: dict[int, list[Action]]
    # Per theme, its people who read mail rather than the theme's channel: they get its post
    # by email.
    theme_mail: dict[int, set[int]]
    mailed: dict[int, datetime]  # when someone was last written to by email


@dataclass(frozen=True, slots=True)
class _Reader:
    """Whom a message is for: the language and the time zone to write it in."""

    lang: str
    zone: ZoneInfo


def _read(session: Session, programme: Programme, now: datetime, *, mail: bool) -> _Week:
    zone = ZoneInfo(programme.timezone)
    themes = themes_in(session, [programme.id])
    actions = open_actions_in(session, programme.id)
    by_owner: dict[int, list[Action]] = {}
    for action in actions:
        for owner in action.owners:
            by_owner.setdefault(owner.id, []).append(action)
    today = now.astimezone(zone).date()
    unreachable = unreachable_in(session, programme.id)
    return _Week(
        programme=programme,
        now=now,
        today=today,
        themes=themes,
        members=programme_members(session, programme.id),
        actions=actions,
        updates=updates_between(session, programme.id, now - LOOK_BACK, now),
        # A question sent in this very tick, just before the digest, is unanswered too.
        missing=unanswered(session, programme.id, now, inclusive=True),
        asked=actions_asked_between(session, programme.id, now - LOOK_BACK, now),
        absences=absences_running(session, sorted(by_owner), today),
        failed=failed_messages(session, programme.id, now - LOOK_BACK),
        unreachable=unreachable,
        set_aside=set_aside_of_programme(session, programme.id),
        by_owner=by_owner,
        theme_mail=_theme_mail(session, themes, actions) if mail else {},
        mailed=last_mailed(session, [p.id for p, _ in unreachable]),
    )


def _theme_mail(
    session: Session, themes: Sequence[Theme], actions: Sequence[Action]
) -> dict[int, set[int]]:
    people: dict[int, set[int]] = {theme.id: set() for theme in themes}
    for theme in themes:
        if theme.sponsor_id is not None:
            people[theme.id].add(theme.sponsor_id)
    for action in actions:
        people.setdefault(action.theme_id, set()).update(o.id for o in action.owners)
    readers = on_email(session, set().union(*people.values()))
    return {theme_id: ids & readers for theme_id, ids in people.items()}


def send_digests(
    session: Session, programme_id: int, now: datetime, out: Outgoing, *, mail: bool = False
) -> int:
    """Queue this week's digest of one programme; returns how many messages were queued
    (none when this day's digest went out already). With ``mail`` (the deployment sends
    email), a theme's people who read mail rather than its channel get its post by email."""
    programme = programme_by_id(session, programme_id)
    if programme is None:
        return 0
    week = _read(session, programme, now, mail=mail)
    stem = f"digest:{programme.key}:{week.today.isoformat()}"
    planned: list[tuple[str, Destination, Callable[[], Message | None]]] = [
        (f"{stem}:{theme.key}", ToChannel(theme.channel), _theme_post(week, theme))
        for theme in week.themes
        if theme.channel
    ]
    planned += [
        (f"{stem}:{theme.key}:{pid}", ToPerson(pid), _theme_post(week, theme))
        for theme in week.themes
        if theme.channel
        for pid in sorted(week.theme_mail.get(theme.id, ()))
    ]
    planned += [
        (f"{stem}:{m.person_id}", ToPerson(m.person_id), _personal(week, m)) for m in week.members
    ]
    done = existing_keys(session, [key for key, _, _ in planned])
    queued = 0
    for key, to, compose in planned:
        message = compose() if key not in done else None
        if message is not None:
            out.send(key, to, message)
            queued += 1
    return queued


# -- the channel post ------------------------------------------------------------------------


def _theme_post(week: _Week, theme: Theme) -> Callable[[], Message | None]:
    """The theme's post. In its channel it mentions those who have not answered, so that they
    hear of it, also people of other organisations whom the bot cannot write to directly; the
    same post by mail mentions no one (the sender mentions only in channel posts)."""

    def compose() -> Message | None:
        reader = _Reader(language(week.programme.language), ZoneInfo(week.programme.timezone))
        lang = reader.lang
        actions = [a for a in week.actions if a.theme_id == theme.id]
        updates = [u for u in week.updates if u.action.theme_id == theme.id]
        ahead = week.today + timedelta(days=LOOK_AHEAD_DAYS)
        due = [a for a in actions if a.due is not None and week.today <= a.due <= ahead]
        late = [a for a in actions if is_overdue(a, week.today)]
        ids = {a.id for a in actions}
        missing = [m for m in week.missing if m.action.id in ids]
        if not (updates or due or late or missing):
            return None
        parts = [
            ("updates", _update_lines(updates, reader)),
            ("due", [_due_line(a, lang) for a in due]),
            ("overdue", [_due_line(a, lang) for a in late]),
        ]
        # Who has not answered: those asked and not answering, by name; that everyone
        # answered only when someone was asked this week; nothing when nobody was asked.
        if missing or ids & week.asked:
            parts.append(("missing", _missing_lines(week, missing, reader)))
        title = t("digest.theme_title", lang, theme=theme.name, date=long_date(week.today, lang))
        post = sectioned(
            title,
            [
                (t(f"digest.{name}", lang), lines or [t(f"digest.no_{name}", lang)])
                for name, lines in parts
            ],
        )
        # The mentions follow the last section, which is "Nog geen antwoord" when anyone is
        # missing: that heading and its lines are the words the mentions go with.
        return replace(post, mentions=tuple(sorted({m.recipient.id for m in missing})))

    return compose


def _update_lines(updates: Sequence[StatusUpdate], reader: _Reader) -> list[str]:
    return [
        bullet(
            t(
                "digest.update_line",
                reader.lang,
                ref=action_ref(u.action, reader.lang),
                author=author_name(u, reader.lang),
                when=short_date(u.created_at.astimezone(reader.zone).date(), reader.lang),
                what=update_summary(u, reader.lang),
            )
        )
        for u in updates
    ]


def _due_line(action: Action, lang: str) -> str:
    owners = ", ".join(p.name for p in action.owners)
    return bullet(
        t(
            "digest.due_line",
            lang,
            ref=action_ref(action, lang),
            deadline=deadline_phrase(action, lang),
            owners=owners,
        )
    )


def _missing_lines(week: _Week, missing: Sequence[Unanswered], reader: _Reader) -> list[str]:
    lines = []
    for item in missing:
        key = "digest.escalated_line" if item.escalated else "digest.asked_line"
        lines.append(
            bullet(
                t(
                    key,
                    reader.lang,
                    name=item.recipient.name,
                    ref=action_ref(item.action, reader.lang),
                    since=short_date(item.asked_at.astimezone(reader.zone).date(), reader.lang),
                )
            )
        )
    return lines


# -- the personal message --------------------------------------------------------------------


def _reader_of(week: _Week, person: Person) -> _Reader:
    lang = person.language if person.language is not None else week.programme.language
    zone = person.timezone if person.timezone is not None else week.programme.timezone
    return _Reader(language(lang), ZoneInfo(zone))


def _personal(week: _Week, member: Membership) -> Callable[[], Message | None]:
    def compose() -> Message | None:
        person = member.person
        reader = _reader_of(week, person)
        lang = reader.lang
        parts: list[tuple[str, list[str]]] = []
        own = week.by_owner.get(person.id, [])
        if own:
            parts.append((t("digest.own", lang), [_own_line(a, week.today, lang) for a in own]))
        parts += _deputy_parts(week, person, own, lang)
        parts += _escalation_parts(week, member, reader)
        if not parts:
            return None
        first = person.name.split()[0] if person.name.split() else person.name
        title = t("digest.personal_title", lang, name=first, programme=week.programme.name)
        return sectioned(title, parts)

    return compose


def _own_line(action: Action, today: date, lang: str) -> str:
    overdue = t("digest.overdue_mark", lang) if is_overdue(action, today) else ""
    return bullet(
        t(
            "digest.own_line",
            lang,
            ref=action_ref(action, lang),
            deadline=deadline_phrase(action, lang),
            status=status_word(action.status, lang),
            overdue=overdue,
        )
    )


def _deputy_parts(
    week: _Week, person: Person, own: Sequence[Action], lang: str
) -> list[tuple[str, list[str]]]:
    parts: list[tuple[str, list[str]]] = []
    for absence in week.absences:
        if absence.deputy_id != person.id:
            continue
        theirs = [a for a in week.by_owner.get(absence.person_id, []) if a not in own]
        if theirs:
            absent = next(o for o in theirs[0].owners if o.id == absence.person_id)
            until = long_date(absence.ends_on, lang)
            head = t("digest.deputy", lang, name=absent.name, until=until)
            parts.append((head, [_own_line(a, week.today, lang) for a in theirs]))
    return parts


def _escalation_parts(
    week: _Week, member: Membership, reader: _Reader
) -> list[tuple[str, list[str]]]:
    """A sponsor reads the escalations of their themes; managers all, and failed messages."""
    escalated = [m for m in week.missing if m.escalated]
    lang = reader.lang
    if member.role in MANAGERS:
        parts: list[tuple[str, list[str]]] = []
        if escalated:
            lines = _missing_lines(week, escalated, reader)
            parts.append((t("digest.escalated_all", lang), lines))
        if week.unreachable:
            lines = [_unreachable_line(week, p, why, lang) for p, why in week.unreachable]
            parts.append((t("digest.unreachable", lang), lines))
        if week.failed:
            parts.append((t("digest.failed", lang), [_failed_line(f, reader) for f in week.failed]))
        if week.set_aside:
            lines = [_set_aside_line(e, p, reader) for e, p in week.set_aside]
            parts.append((t("digest.set_aside", lang), [*lines, t("digest.set_aside_todo", lang)]))
        return parts
    themes = {th.id for th in week.themes if th.sponsor_id == member.person_id}
    mine = [m for m in escalated if m.action.theme_id in themes]
    if not mine:
        return []
    return [(t("digest.escalated_themes", lang), _missing_lines(week, mine, reader))]


def _unreachable_line(week: _Week, person: Person, why: PersonUnreachable, lang: str) -> str:
    # What to do differs per platform: in Teams the app must be installed for them, in
    # Slack their account must be found.
    todo = t(f"digest.unreachable_{why.platform.value}", lang, name=person.name, reason=why.reason)
    mailed = week.mailed.get(person.id)
    if why.platform is not Source.EMAIL and mailed is not None and mailed >= why.since:
        todo = f"{todo} {t('digest.unreachable_by_email', lang, name=person.name)}"
    return bullet(t("digest.unreachable_line", lang, name=person.name, todo=todo))


def _set_aside_line(event: SetAside, person: Person, reader: _Reader) -> str:
    what = (
        event.what if len(event.what) <= SET_ASIDE_EXCERPT else event.what[:SET_ASIDE_EXCERPT] + "…"
    )
    return bullet(
        t(
            "digest.set_aside_line",
            reader.lang,
            name=person.name,
            when=short_date(event.received_at.astimezone(reader.zone).date(), reader.lang),
            what=what,
            id=event.id,
        )
    )


def _failed_line(failed: Failed, reader: _Reader) -> str:
    if failed.person is not None:
        whom = t("digest.to_person", reader.lang, name=failed.person.name)
    else:
        whom = t("digest.to_channel", reader.lang, channel=failed.channel or "?")
    return bullet(
        t(
            "digest.failed_line",
            reader.lang,
            whom=whom,
            when=short_date(failed.created_at.astimezone(reader.zone).date(), reader.lang),
            key=failed.key,
        )
    )
