"""'afwezig': saying when one is away and who answers meanwhile, listing and cancelling it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from handlers.commands.naming import Problem
from handlers.context import Ctx
from handlers.places import places_of
from handlers.wording import bullet, name_list
from storage.models import Absence, Membership, Person
from storage.people import find_people
from storage.summaries import (
    absences_from,
    add_absence,
    cancel_future_absences,
    overlapping_absence,
    roles_of,
)
from words.catalogue import t
from words.dates import long_date
from words.deadlines.model import FIRST_YEAR, LAST_YEAR
from words.domain import Role, fold
from words.periods.days import parse_day
from words.periods.error import names_year_outside
from words.periods.parse import share_month

CANCEL_WORDS = frozenset({"wissen", "annuleren", "intrekken", "verwijderen", "cancel", "clear"})
LIST_WORDS = frozenset({"", "lijst", "toon", "list", "show"})
ABSENCE_START = re.compile(r"^(?:van|vanaf|from)\s+", re.IGNORECASE)
ABSENCE_SEPARATOR = re.compile(
    r"\s+(?:t/m|tm|tot en met|tot|to|until|till|through|thru|-|–)\s+", re.IGNORECASE
)
DEPUTY_WORDS = re.compile(
    r"^(?:(?:met|with)\s+)?(?:(?:vervanger|vervanging|deputy|door|by)\b)?\s*[:,(]?\s*",
    re.IGNORECASE,
)


# A date without a year is this year's up to a month back: "afwezig 1 december t/m 12
# december" said on 5 December is the absence that began on the first.
ABSENCE_GRACE = 31


@dataclass(frozen=True, slots=True)
class _AbsenceRequest:
    start: date
    end: date
    deputy: str


def absent(ctx: Ctx, args: str) -> None:
    """'afwezig <van> t/m <tot> [vervanger]'; 'afwezig' lists; 'afwezig wissen' cancels."""
    places = places_of(ctx)
    if places is None:
        return
    word = fold(args)
    if word in LIST_WORDS:
        _list_absences(ctx)
        return
    if word in CANCEL_WORDS:
        removed, kept = cancel_future_absences(ctx.session, ctx.person.id, ctx.today)
        if removed:
            ctx.tell("commands.absent.cancelled", count=removed)
        else:
            ctx.tell("commands.absent.nothing_to_cancel")
        if kept:
            ctx.tell("commands.absent.kept", count=kept)
        return
    request = _read_absence(args, ctx.today)
    if isinstance(request, str):
        ctx.tell(request, text=args.strip(), first=FIRST_YEAR, last=LAST_YEAR)
        return
    _add_absence(ctx, places, request)


def _read_absence(text: str, today: date) -> _AbsenceRequest | str:
    """Dates and deputy from the words, or the catalogue key of what is wrong."""
    if names_year_outside(text):
        # Checked first: "t/m 3 januari 3000" would otherwise end on 3 January, deputy "3000".
        return "commands.absent.out_of_range"
    read = _read_days(text, today)
    return "commands.absent.bad_date" if read is None else read


def _read_days(text: str, today: date) -> _AbsenceRequest | None:
    body = ABSENCE_START.sub("", text.strip())
    separator = ABSENCE_SEPARATOR.search(body)
    if separator is None:
        head = _day_and_rest(body, today, today)
        if head is None:
            return None
        return _AbsenceRequest(head[0], head[0], _deputy_text(head[1]))
    left, right = body[: separator.start()], body[separator.end() :]
    start = parse_day(share_month(left, right), today, forward=True, grace=ABSENCE_GRACE)
    tail = _day_and_rest(right, today, today)
    if start is None or tail is None:
        return None
    if tail[0] < start:
        # "vrijdag t/m maandag": a weekday after the start, not before it.
        again = _day_and_rest(right, today, start)
        if again is not None and again[0] - start < timedelta(days=7):
            tail = again
    end, rest = tail
    return _AbsenceRequest(start, end, _deputy_text(rest))


def _deputy_text(rest: str) -> str:
    return DEPUTY_WORDS.sub("", rest).strip(" )")


def _day_and_rest(text: str, today: date, anchor: date) -> tuple[date, str] | None:
    """The longest run of leading words that is a day, and the words after it."""
    words = text.split()
    for size in range(len(words), 0, -1):
        day = parse_day(
            " ".join(words[:size]), today, anchor=anchor, forward=True, grace=ABSENCE_GRACE
        )
        if day is not None:
            return day, " ".join(words[size:])
    return None


def _add_absence(ctx: Ctx, places: Sequence[Membership], request: _AbsenceRequest) -> None:
    lang = ctx.lang
    start, end = long_date(request.start, lang), long_date(request.end, lang)
    if request.end < request.start:
        ctx.tell("commands.absent.order", start=start, end=end)
        return
    if request.end < ctx.today:
        ctx.tell("commands.absent.past", end=end)
        return
    deputy = _deputy(ctx, places, request.deputy)
    if isinstance(deputy, Problem):
        ctx.say(deputy.text)
        return
    clash = overlapping_absence(ctx.session, ctx.person.id, request.start, request.end)
    if clash is not None:
        ctx.tell(
            "commands.absent.overlap",
            start=long_date(clash.starts_on, lang),
            end=long_date(clash.ends_on, lang),
        )
        return
    add_absence(
        ctx.session, ctx.person.id, request.start, request.end, deputy.id if deputy else None
    )
    if deputy is None:
        ctx.tell("commands.absent.added", start=start, end=end)
    else:
        ctx.tell("commands.absent.added_deputy", start=start, end=end, deputy=deputy.name)


def _deputy(ctx: Ctx, places: Sequence[Membership], text: str) -> Person | Problem | None:
    """The deputy named among the person's programmes, None when none was named."""
    if not text:
        return None
    lang = ctx.lang
    found = find_people(ctx.session, text, [m.programme_id for m in places])
    if not found:
        return Problem("deputy", t("commands.absent.unknown_deputy", lang, name=text))
    if len(found) > 1:
        options = name_list(found)
        return Problem(
            "deputy", t("commands.absent.ambiguous_deputy", lang, name=text, options=options)
        )
    deputy = found[0]
    if deputy.id == ctx.person.id:
        return Problem("deputy", t("commands.absent.self", lang))
    shared = {m.programme_id for m in places}
    roles = {m.role for m in roles_of(ctx.session, [deputy.id]) if m.programme_id in shared}
    if roles <= {Role.READER}:
        return Problem("deputy", t("commands.absent.reader_deputy", lang, name=deputy.name))
    return deputy


def _list_absences(ctx: Ctx) -> None:
    absences = absences_from(ctx.session, ctx.person.id, ctx.today)
    if not absences:
        ctx.tell("commands.absent.none")
        return
    lines = [t("commands.absent.list", ctx.lang)]
    lines += [bullet(_absence_line(a, ctx.lang)) for a in absences]
    ctx.say("\n".join(lines))


def _absence_line(absence: Absence, lang: str) -> str:
    text = t(
        "commands.absent.period",
        lang,
        start=long_date(absence.starts_on, lang),
        end=long_date(absence.ends_on, lang),
    )
    if absence.deputy is not None:
        text += t("commands.absent.with_deputy", lang, deputy=absence.deputy.name)
    if absence.programme_id is not None:
        text += t("commands.absent.from_file", lang)
    return text
