"""The voortgangsbrief in chat: 'brief concept', 'brief herinner', 'brief definitief',
'brief lijst' and 'brief <nummer>'.

Drafts, reminders and making a brief final are for the programme's director and programme
support; final briefs go to the councils, so every member of the programme (readers too) may
list them and fetch them again, byte for byte as they were frozen.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Final

from bot.brief import period_name
from bot.catalogue import t
from bot.checkins import dispatch, route
from bot.dates import long_date, moment
from bot.domain import PingRule
from bot.letters import MIME, Compiled, compile_letter, file_name, make_draft, make_final
from bot.letters import read_period as letter_period
from bot.numbers import row_number
from handlers.commands import narrow, places_of
from handlers.context import Ctx
from handlers.messages import File
from handlers.periods import Period, PeriodError, normalise, parse_day
from handlers.permissions import MANAGERS, is_manager
from storage.briefs import (
    current_draft,
    document,
    final_brief,
    final_briefs,
    set_input_deadline,
    used_updates,
)
from storage.models import Brief, Programme
from storage.pings import NewPing, plan_pings

# Owners get a week to answer 'brief herinner' unless the director names a day.
ANSWER_WITHIN: Final = timedelta(days=7)
PREVIEW_MISSING: Final = 10  # actions listed by name in the preview; the rest are counted
FORMATS: Final = ("docx", "html", "md")
FILLER: Final = {"uiterlijk", "voor", "op", "tot", "by", "before", "on", "until"}

Sub = Callable[[Ctx, str], None]


# -- which programme -------------------------------------------------------------------------


def _pick(ctx: Ctx, args: str, *, manage: bool) -> tuple[Programme, str] | None:
    """The one programme ``args`` names (or the person's only one) and the remaining words;
    None after saying why not: no programme, not allowed, or which one is meant."""
    places = places_of(ctx)
    if places is None:
        return None
    chosen, rest = narrow(args, places)
    if manage:
        allowed = [m for m in chosen if m.role in MANAGERS]
        if not allowed:
            ctx.tell("perm.director_only")
            return None
        chosen = allowed
    if len(chosen) > 1:
        keys = ", ".join(m.programme.key for m in chosen)
        ctx.tell("letters.which_programme", programmes=keys, example=chosen[0].programme.key)
        return None
    return chosen[0].programme, rest


def _period(ctx: Ctx, programme: Programme, words: str) -> Period | None:
    try:
        return letter_period(programme, words, ctx.today)
    except PeriodError as err:
        ctx.say(err.message(ctx.lang))
        return None


# -- brief concept ---------------------------------------------------------------------------


def _preview(ctx: Ctx, brief: Brief, compiled: Compiled) -> str:
    letter, data = compiled.letter, compiled.data
    reported = len({u.action_id for u in data.updates})
    lines = [
        t(
            "letters.draft_heading",
            ctx.lang,
            programme=brief.programme.name,
            period=period_name(brief.period_start, brief.period_end, ctx.lang),
            revision=brief.revision,
        ),
        t(
            "letters.draft_counts_one" if len(data.updates) == 1 else "letters.draft_counts",
            ctx.lang,
            updates=len(data.updates),
            reported=reported,
            total=len(data.actions),
        ),
    ]
    lines += [f"{s.number}. {s.name}: {s.state}" for s in letter.sections]
    lines += _missing_lines(ctx, compiled)
    lines.append(t("letters.draft_next", ctx.lang))
    return "\n".join(lines)


def _missing_lines(ctx: Ctx, compiled: Compiled) -> list[str]:
    missing = compiled.missing
    if not missing:
        return [t("letters.none_missing", ctx.lang)]
    lines = [t("letters.missing", ctx.lang, count=len(missing))]
    for action in missing[:PREVIEW_MISSING]:
        owners = ", ".join(action.owners) if action.owners else t("brief.no_owner", ctx.lang)
        lines.append(f"• {action.key} {action.title} ({owners})")
    if len(missing) > PREVIEW_MISSING:
        lines.append(t("letters.missing_more", ctx.lang, count=len(missing) - PREVIEW_MISSING))
    return lines


def _send(ctx: Ctx, programme: Programme, brief: Brief, fmt: str, comment: str) -> None:
    kept = document(brief, fmt)
    if kept is None:  # every brief keeps docx, html and md; other formats were refused earlier
        ctx.tell("letters.no_format", fmt=fmt)
        return
    name = file_name(programme, brief.period_label, brief.number, fmt)
    ctx.out.send_file(ctx.key("brief"), ctx.reply_to, File(name, MIME[fmt], kept.content, comment))


def concept(ctx: Ctx, args: str) -> None:
    """'brief concept [periode]': compile the draft and hand it over as a Word file."""
    picked = _pick(ctx, args, manage=True)
    if picked is None:
        return
    programme, words = picked
    period = _period(ctx, programme, words)
    if period is None:
        return
    brief, compiled = make_draft(ctx.session, programme, period, ctx.now, ctx.person.id)
    _send(ctx, programme, brief, "docx", _preview(ctx, brief, compiled))


# -- brief herinner --------------------------------------------------------------------------


def _answer_by(ctx: Ctx, words: str) -> date | str:
    """The day owners should answer by: named, or a week from today; a text when unreadable."""
    kept = [w for w in words.split() if normalise(w) not in FILLER]
    if not kept:
        return ctx.today + ANSWER_WITHIN
    day = parse_day(" ".join(kept), ctx.today, forward=True)
    if day is None or day < ctx.today:
        return t("letters.bad_day", ctx.lang, text=words.strip())
    return day


def _brief_pings(ctx: Ctx, compiled: Compiled, brief: Brief) -> list[NewPing]:
    # Deputies answer for absent owners, and nobody is asked at the weekend or on a holiday,
    # as with every ping. Keyed per brief, action, owner and day: asking twice asks once.
    owners = {owner for action in compiled.missing for owner in action.owner_ids}
    routes = route(ctx.session, brief.programme, owners, ctx.now)
    return [
        NewPing(
            key=f"brief:{brief.id}:{action.id}:{owner_id}:{ctx.today.isoformat()}",
            programme_id=brief.programme_id,
            action_id=action.id,
            owner_id=owner_id,
            recipient_id=routes[owner_id][0],
            rule=PingRule.BRIEF,
            occurrence=ctx.now,
            due_at=routes[owner_id][1],
            brief_id=brief.id,
        )
        for action in compiled.missing
        for owner_id in action.owner_ids
    ]


def remind(ctx: Ctx, args: str) -> None:
    """'brief herinner [uiterlijk <dag>]': ask exactly the owners whose update is missing."""
    picked = _pick(ctx, args, manage=True)
    if picked is None:
        return
    programme, words = picked
    answer_by = _answer_by(ctx, words)
    if isinstance(answer_by, str):
        ctx.say(answer_by)
        return
    brief = current_draft(ctx.session, programme.id)
    if brief is None:
        period = _period(ctx, programme, "")
        if period is None:
            return
        brief, _ = make_draft(ctx.session, programme, period, ctx.now, ctx.person.id)
    set_input_deadline(ctx.session, brief, answer_by)
    compiled = compile_letter(
        ctx.session, programme, Period(brief.period_start, brief.period_end), ctx.now, draft=True
    )
    if not compiled.missing:
        ctx.tell("letters.none_missing")
        return
    pings = _brief_pings(ctx, compiled, brief)
    planned = plan_pings(ctx.session, pings, ctx.now)
    dispatch(ctx.session, ctx.now, ctx.out)  # now, not at the clock's next tick
    _remind_answer(ctx, compiled, pings, planned, answer_by)


def _remind_answer(
    ctx: Ctx, compiled: Compiled, pings: Sequence[NewPing], planned: int, answer_by: date
) -> None:
    names = {
        owner: name
        for action in compiled.missing
        for owner, name in zip(action.owner_ids, action.owners, strict=True)
    }
    asked = sorted({names[p.owner_id] for p in pings})
    lines = [
        t(
            "letters.reminded",
            ctx.lang,
            people=len(asked),
            actions=len(compiled.missing),
            date=long_date(answer_by, ctx.lang),
            names=", ".join(asked) if asked else "-",
        )
    ]
    orphans = [a for a in compiled.missing if not a.owner_ids]
    if orphans:
        keys = ", ".join(a.key for a in orphans)
        lines.append(t("letters.no_owner", ctx.lang, actions=keys))
    if planned < len(pings):
        lines.append(t("letters.asked_today", ctx.lang, count=len(pings) - planned))
    later = sorted({p.due_at for p in pings if p.due_at > ctx.now})
    if later:
        first = moment(later[0], ctx.zone, ctx.lang)
        count = sum(1 for p in pings if p.due_at > ctx.now)
        lines.append(t("letters.asked_later", ctx.lang, count=count, moment=first))
    ctx.say("\n".join(lines))


# -- brief definitief ------------------------------------------------------------------------


def final(ctx: Ctx, args: str) -> None:
    """'brief definitief': freeze the draft's period as the next numbered brief."""
    picked = _pick(ctx, args, manage=True)
    if picked is None:
        return
    programme, _words = picked
    draft = current_draft(ctx.session, programme.id)
    if draft is None:
        ctx.tell("letters.no_draft")
        return
    reviewed = set(used_updates(ctx.session, draft.id))
    brief, compiled = make_final(ctx.session, programme, draft, ctx.now)
    newer = len(set(compiled.letter.update_ids) - reviewed)
    lines = [
        t(
            "letters.final",
            ctx.lang,
            number=brief.number,
            period=period_name(brief.period_start, brief.period_end, ctx.lang),
            updates=_updates(len(compiled.letter.update_ids), ctx.lang),
        )
    ]
    if newer:
        lines.append(t("letters.final_newer", ctx.lang, count=_updates(newer, ctx.lang)))
    if compiled.missing:
        lines.append(t("letters.final_missing", ctx.lang, count=len(compiled.missing)))
    lines.append(t("letters.final_fetch", ctx.lang, number=brief.number))
    _send(ctx, programme, brief, "docx", "\n".join(lines))


def _updates(count: int, lang: str) -> str:
    """'1 update' or '3 updates'."""
    key = "letters.updates_one" if count == 1 else "letters.updates_many"
    return t(key, lang, count=count)


# -- brief lijst / brief <nummer> ------------------------------------------------------------


def _final_line(ctx: Ctx, brief: Brief) -> str:
    when = brief.finalized_at if brief.finalized_at is not None else brief.created_at
    return t(
        "letters.list_line",
        ctx.lang,
        number=brief.number,
        period=period_name(brief.period_start, brief.period_end, ctx.lang),
        date=long_date(when.astimezone(ctx.zone).date(), ctx.lang),
    )


def listing(ctx: Ctx, args: str) -> None:
    """'brief lijst': the programme's final briefs, newest first, and its draft for managers."""
    picked = _pick(ctx, args, manage=False)
    if picked is None:
        return
    programme, _words = picked
    finals = final_briefs(ctx.session, programme.id)
    lines = [t("letters.list_heading", ctx.lang, programme=programme.name)]
    lines += [_final_line(ctx, b) for b in finals] or [t("letters.list_none", ctx.lang)]
    draft = current_draft(ctx.session, programme.id)
    if draft is not None and is_manager(ctx.session, ctx.person, programme.id):
        period = period_name(draft.period_start, draft.period_end, ctx.lang)
        lines.append(t("letters.list_draft", ctx.lang, period=period, revision=draft.revision))
    if finals:
        lines.append(t("letters.list_fetch", ctx.lang, number=finals[0].number))
    ctx.say("\n".join(lines))


FETCH: Final = re.compile(r"^(?:nr\.?\s*)?([0-9]+)(?:\s+(\w+))?$", re.IGNORECASE)


def fetch(ctx: Ctx, args: str) -> None:
    """'brief 3 [docx|html|md]': final brief 3, exactly as it was frozen."""
    picked = _pick(ctx, args, manage=False)
    if picked is None:
        return
    programme, words = picked
    found = FETCH.match(words.strip())
    if found is None:
        usage(ctx, "")
        return
    number, fmt = row_number(found[1]), (found[2] or "docx").lower()
    if fmt not in FORMATS:
        ctx.tell("letters.no_format", fmt=fmt)
        return
    # A number beyond what a brief can have is no brief: not asked of the database.
    brief = None if number is None else final_brief(ctx.session, programme.id, number)
    if brief is None:
        ctx.tell("letters.unknown_number", number=found[1] if number is None else number)
        return
    _send(ctx, programme, brief, fmt, _final_line(ctx, brief))


def usage(ctx: Ctx, _args: str) -> None:
    ctx.tell("letters.usage")


SUBCOMMANDS: Final[tuple[tuple[tuple[str, ...], Sub], ...]] = (
    (("concept", "draft"), concept),
    (("herinner", "herinneren", "remind"), remind),
    (("definitief", "final", "finalise", "finalize"), final),
    (("lijst", "list", "overzicht", "brieven", "letters"), listing),
    (("help", "hulp", "?"), usage),
)


def subcommand(text: str) -> tuple[Sub, str] | None:
    """The brief subcommand ``text`` names ('concept 2026-Q4', 'boce herinner', '3 html') and
    the other words (a programme key among them), or None when ``text`` is no subcommand."""
    words = text.split()
    if not words:
        return usage, ""
    for i, word in enumerate(words[:2]):  # a programme key may come first: 'brief boce lijst'
        for names, handler in SUBCOMMANDS:
            if normalise(word) in names:
                return handler, " ".join(words[:i] + words[i + 1 :])
    if any(FETCH.match(" ".join(words[i:])) for i in range(min(2, len(words)))):
        return fetch, text
    if FETCH.match(" ".join(words[:-1])):  # 'brief 3 boce', 'brief 3 html boce'
        return fetch, text
    return None


def brief_command(ctx: Ctx, args: str) -> None:
    found = subcommand(args)
    if found is None:
        usage(ctx, "")
        return
    handler, rest = found
    handler(ctx, rest)
