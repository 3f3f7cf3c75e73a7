"""'overzicht' and 'samenvatting': per theme the state of things and what changed in a period."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from handlers.commands.lookup import themes_named
from handlers.commands.naming import unknown_theme
from handlers.context import Ctx
from handlers.permissions import MANAGERS, may_manage
from handlers.places import narrow, places_of
from handlers.wording import (
    action_ref,
    author_name,
    bullet,
    deadline_phrase,
    name_list,
    sectioned,
    status_word,
    update_summary,
)
from storage.models import Action, Membership, Programme, StatusUpdate
from storage.summaries import (
    Unanswered,
    open_actions_in,
    status_counts,
    themes_in,
    unanswered,
    updates_between,
)
from words.catalogue import t
from words.chat.messages import Message
from words.dates import short_date
from words.domain import Status, UpdateKind
from words.periods.error import PeriodError
from words.periods.model import Period, describe, last_days
from words.periods.parse import parse_period

OVERVIEW = "commands.report.overview"
SUMMARY = "commands.report.summary"


@dataclass(frozen=True, slots=True)
class _Managed:
    places: list[Membership]  # all the person's programmes
    managed: list[Membership]  # those named (or all) that they manage
    rest: str  # the words after a programme key


def _managed(ctx: Ctx, args: str) -> _Managed | None:
    """The programmes the person manages among those named, or None after a refusal."""
    places = places_of(ctx)
    if places is None:
        return None
    chosen, rest = narrow(args, places)
    managed = [m for m in chosen if m.role in MANAGERS]
    if not managed:
        refusal = may_manage(ctx.session, ctx.person, chosen[0].programme_id)
        ctx.tell(refusal if refusal is not None else "perm.director_only")
        return None
    return _Managed(places, managed, rest)


def overview(ctx: Ctx, args: str) -> None:
    """'overzicht [thema]': per theme the state of things and the last 7 days."""
    found = _managed(ctx, args)
    if found is None:
        return
    period = last_days(ctx.today)
    if not found.rest:
        for place in found.managed:
            ctx.say(programme_report(ctx, place.programme, period, None, OVERVIEW))
        return
    every = themes_in(ctx.session, [m.programme_id for m in found.places])
    themes = themes_named(found.rest, every)
    if not themes:
        unknown_theme(ctx, found.rest, every)
        return
    managed = {m.programme_id: m.programme for m in found.managed}
    if any(th.programme_id not in managed for th in themes):
        ctx.tell("perm.director_only")
        return
    for programme_id, programme in managed.items():
        wanted = {th.id for th in themes if th.programme_id == programme_id}
        if wanted:
            ctx.say(programme_report(ctx, programme, period, wanted, OVERVIEW))


def summary(ctx: Ctx, args: str) -> None:
    """'samenvatting [periode]': per theme what changed in the period (default 7 days)."""
    found = _managed(ctx, args)
    if found is None:
        return
    try:
        period = parse_period(found.rest, ctx.today)
    except PeriodError as err:
        ctx.say(err.message(ctx.lang))
        return
    for place in found.managed:
        ctx.say(programme_report(ctx, place.programme, period, None, SUMMARY))


def programme_report(
    ctx: Ctx, programme: Programme, period: Period, theme_ids: set[int] | None, title_key: str
) -> Message:
    """Per theme: actions per status, what changed in the period, overdue, missing replies."""
    lang = ctx.lang
    start, end = period.bounds(ctx.zone)
    themes = [
        th
        for th in themes_in(ctx.session, [programme.id])
        if theme_ids is None or th.id in theme_ids
    ]
    counts = status_counts(ctx.session, programme.id)
    changes = updates_between(ctx.session, programme.id, start, end)
    late = open_actions_in(ctx.session, programme.id, due_before=ctx.today)
    missing = unanswered(ctx.session, programme.id, ctx.now)
    parts: list[tuple[str, Sequence[str]]] = []
    for theme in themes:
        lines = [_count_line({s: counts.get((theme.id, s), 0) for s in Status}, lang)]
        lines += _changes([u for u in changes if u.action.theme_id == theme.id], lang)
        lines += _overdue([a for a in late if a.theme_id == theme.id], lang)
        lines += _missing([m for m in missing if m.action.theme_id == theme.id], ctx)
        sponsor = theme.sponsor.name if theme.sponsor is not None else "-"
        parts.append((t("commands.report.theme", lang, theme=theme.name, sponsor=sponsor), lines))
    title = t(title_key, lang, programme=programme.name, period=describe(period, lang))
    return sectioned(title, parts)


def _count_line(counts: Mapping[Status, int], lang: str) -> str:
    shown = [
        t("commands.report.count", lang, count=n, status=status_word(s, lang))
        for s, n in counts.items()
        if n
    ]
    if not shown:
        return t("commands.report.no_actions", lang)
    return t("commands.report.counts", lang, counts=", ".join(shown))


def _change_kind(update: StatusUpdate) -> str:
    if update.kind is UpdateKind.DEADLINE:
        return "moved"
    return "completed" if update.status is Status.DONE else "updated"


def _changes(updates: Sequence[StatusUpdate], lang: str) -> list[str]:
    if not updates:
        return [t("commands.report.no_changes", lang)]
    kinds = Counter(_change_kind(u) for u in updates)
    counted = [
        t(f"commands.report.{kind}", lang, n=kinds[kind])
        for kind in ("updated", "completed", "moved")
        if kinds[kind]
    ]
    lines = [t("commands.report.changes", lang, counts=", ".join(counted))]
    lines += [
        bullet(
            t(
                "commands.report.change",
                lang,
                ref=action_ref(u.action, lang),
                what=update_summary(u, lang),
                author=author_name(u, lang),
            )
        )
        for u in updates
    ]
    return lines


def _overdue(late: Sequence[Action], lang: str) -> list[str]:
    if not late:
        return []
    lines = [t("commands.report.overdue", lang)]
    lines += [
        bullet(
            t(
                "commands.report.overdue_line",
                lang,
                ref=action_ref(a, lang),
                deadline=deadline_phrase(a, lang),
                owners=name_list(a.owners),
            )
        )
        for a in late
    ]
    return lines


def _missing(missing: Sequence[Unanswered], ctx: Ctx) -> list[str]:
    if not missing:
        return []
    lines = [t("commands.report.missing", ctx.lang)]
    for item in missing:
        key = "commands.report.escalated" if item.escalated else "commands.report.asked"
        lines.append(
            bullet(
                t(
                    key,
                    ctx.lang,
                    ref=action_ref(item.action, ctx.lang),
                    name=item.recipient.name,
                    since=short_date(item.asked_at.astimezone(ctx.zone).date(), ctx.lang),
                )
            )
        )
    return lines
