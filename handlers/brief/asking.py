"""What every 'brief' subcommand asks first: which programme, which period, and handing the
letter's work to the job runner. Shared by handlers.brief.chat and handlers.brief.writing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from handlers.brief.drafts import read_period as letter_period
from handlers.context import Ctx
from handlers.handoff import queue_job
from handlers.permissions import MANAGERS
from handlers.places import narrow, places_of
from storage.letters import action_count
from storage.models import Programme
from words.periods.error import PeriodError
from words.periods.model import Period

# A letter takes longer the more actions it has: above this many, whoever asked hears at once
# that it is being made (half a second and up: 10,000 actions take some 15 s).
LARGE: Final = 300


# -- which programme -------------------------------------------------------------------------


def pick(ctx: Ctx, args: str, *, manage: bool) -> tuple[Programme, str] | None:
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


def period_of(ctx: Ctx, programme: Programme, words: str) -> Period | None:
    try:
        return letter_period(programme, words, ctx.today)
    except PeriodError as err:
        ctx.say(err.message(ctx.lang))
        return None


def queue(ctx: Ctx, programme: Programme, kind: str, params: Mapping[str, Any]) -> None:
    """Hand the letter's work to the job runner, which answers when it is done: compiling and
    rendering a large letter takes seconds, too long for the event's own transaction."""
    queue_job(ctx, kind, programme.id, params, what="brief")
    actions = action_count(ctx.session, programme.id)
    if actions > LARGE:
        ctx.tell("letters.working", actions=actions)


def dates(period: Period) -> dict[str, str]:
    return {"start": period.start.isoformat(), "end": period.end.isoformat()}
