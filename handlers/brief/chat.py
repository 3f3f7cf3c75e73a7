"""The voortgangsbrief in chat: 'brief concept', 'brief herinner', 'brief definitief',
'brief lijst' and 'brief <nummer>'.

Drafts, reminders and making a brief final are for the programme's director and programme
support; final briefs go to the councils, so every member of the programme (readers too) may
list them and fetch them again, byte for byte as they were frozen.

Making a draft, chasing and freezing compile and render the whole letter: here they only check
who asks and what (answered at once) and queue a job; the job runner does the work outside
the event's transaction and answers (handlers.brief.work).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Final

from handlers.brief import work as brief_jobs
from handlers.brief import writing
from handlers.brief.asking import dates, period_of, pick, queue
from handlers.brief.drafts import MIME, file_name
from handlers.context import Ctx
from handlers.permissions import is_manager
from storage.letters import current_draft, document, final_brief, final_briefs
from storage.models import Brief, Programme
from words.catalogue import t
from words.chat.messages import File
from words.dates import long_date, period_name
from words.numbers import row_number
from words.periods.days import parse_day
from words.periods.model import Period
from words.periods.vocabulary import normalise

# Owners get a week to answer 'brief herinner' unless the director names a day.
ANSWER_WITHIN: Final = timedelta(days=7)
FORMATS: Final = ("docx", "html", "md")
FILLER: Final = {"uiterlijk", "voor", "op", "tot", "by", "before", "on", "until"}

Sub = Callable[[Ctx, str], None]


# -- brief concept ---------------------------------------------------------------------------


def _send(ctx: Ctx, programme: Programme, brief: Brief, fmt: str, comment: str) -> None:
    kept = document(brief, fmt)
    if kept is None:  # every brief keeps docx, html and md; other formats were refused earlier
        ctx.tell("letters.no_format", fmt=fmt)
        return
    name = file_name(programme, brief.period_label, brief.number, fmt, brief.language)
    ctx.out.send_file(ctx.key("brief"), ctx.reply_to, File(name, MIME[fmt], kept.content, comment))


def concept(ctx: Ctx, args: str) -> None:
    """'brief concept [periode]': the draft as a Word file, made by the job runner."""
    picked = pick(ctx, args, manage=True)
    if picked is None:
        return
    programme, words = picked
    period = period_of(ctx, programme, words)
    if period is None:
        return
    queue(ctx, programme, brief_jobs.CONCEPT, dates(period))


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


def remind(ctx: Ctx, args: str) -> None:
    """'brief herinner [uiterlijk <dag>]': ask exactly the owners whose update is missing (the
    job runner does, and makes the draft first when there is none)."""
    picked = pick(ctx, args, manage=True)
    if picked is None:
        return
    programme, words = picked
    answer_by = _answer_by(ctx, words)
    if isinstance(answer_by, str):
        ctx.say(answer_by)
        return
    draft = current_draft(ctx.session, programme.id)
    if draft is None:
        period = period_of(ctx, programme, "")
        if period is None:
            return
    else:
        period = Period(draft.period_start, draft.period_end)
    params = {**dates(period), "answer_by": answer_by.isoformat()}
    queue(ctx, programme, brief_jobs.REMIND, params)


# -- brief definitief ------------------------------------------------------------------------


def final(ctx: Ctx, args: str) -> None:
    """'brief definitief': freeze the draft's period as the next numbered brief (the job
    runner does, once however often it is asked)."""
    picked = pick(ctx, args, manage=True)
    if picked is None:
        return
    programme, _words = picked
    draft = current_draft(ctx.session, programme.id)
    if draft is None:
        ctx.tell("letters.no_draft")
        return
    queue(ctx, programme, brief_jobs.FINAL, {"draft": draft.id})


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
    picked = pick(ctx, args, manage=False)
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
    picked = pick(ctx, args, manage=False)
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
    (("opening", "inleiding"), writing.opening),
    (("thema", "theme"), writing.theme),
    (("regie", "coordination"), writing.coordination),
    (("formulering", "wording"), writing.wording),
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
