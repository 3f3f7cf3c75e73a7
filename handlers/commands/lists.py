"""Lists of actions: 'mijn acties' (one's own and those one answers for), 'acties' and 'te laat'."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from handlers.commands.lookup import actions_text
from handlers.context import Ctx
from handlers.places import places_of
from handlers.wording import action_ref, bullet, deadline_phrase, is_overdue, status_word
from storage.models import Action, StatusUpdate
from storage.people import memberships
from storage.register import ActionFilter, last_updates
from storage.summaries import deputised_absences, open_actions_of
from words.catalogue import t
from words.dates import long_date, short_date


def _action_lines(
    actions: Sequence[Action],
    last: Mapping[int, StatusUpdate],
    ctx: Ctx,
    *,
    with_programme: bool,
) -> list[str]:
    """Actions grouped under programme and theme headings, one entry each."""
    lines: list[str] = []
    group: tuple[int, int] | None = None
    for action in actions:
        if (action.programme_id, action.theme_id) != group:
            group = (action.programme_id, action.theme_id)
            heading = action.theme.name
            if with_programme:
                heading = t(
                    "commands.theme_in", ctx.lang, theme=heading, programme=action.programme.name
                )
            lines.append(t("commands.theme_heading", ctx.lang, theme=heading))
        lines.append(bullet(action_ref(action, ctx.lang)))
        lines.append(_action_state(action, last.get(action.id), ctx))
    return lines


def _action_state(action: Action, update: StatusUpdate | None, ctx: Ctx) -> str:
    overdue = t("commands.overdue_mark", ctx.lang) if is_overdue(action, ctx.today) else ""
    when = (
        short_date(update.created_at.astimezone(ctx.zone).date(), ctx.lang)
        if update is not None
        else t("commands.no_update_yet", ctx.lang)
    )
    return t(
        "commands.action_state",
        ctx.lang,
        deadline=deadline_phrase(action, ctx.lang),
        overdue=overdue,
        status=status_word(action.status, ctx.lang),
        last=when,
    )


def my_actions(ctx: Ctx, args: str) -> None:
    """The person's open actions, and those of absent owners they answer for now."""
    places = places_of(ctx)
    if places is None:
        return
    cover = deputised_absences(ctx.session, ctx.person.id, ctx.today)
    actions = open_actions_of(ctx.session, [ctx.person.id, *(a.person_id for a in cover)])
    last = last_updates(ctx.session, [a.id for a in actions])
    several = len({a.programme_id for a in actions}) > 1
    mine = [a for a in actions if any(o.id == ctx.person.id for o in a.owners)]
    parts: list[str] = []
    if mine:
        parts.append(t("commands.mine.heading", ctx.lang, count=len(mine)))
        parts.extend(_action_lines(mine, last, ctx, with_programme=several))
    else:
        parts.append(t("commands.mine.none", ctx.lang))
    for absence in cover:
        theirs = [
            a for a in actions if a not in mine and any(o.id == absence.person_id for o in a.owners)
        ]
        if not theirs:
            continue
        until = long_date(absence.ends_on, ctx.lang)
        parts.append("")
        parts.append(t("commands.mine.deputy", ctx.lang, name=absence.person.name, until=until))
        parts.extend(_action_lines(theirs, last, ctx, with_programme=several))
    ctx.say("\n".join(parts))


# -- acties and te laat ------------------------------------------------------------------------


def _own_programme(ctx: Ctx) -> str | None:
    # Someone in one programme sees that one; someone in several sees all of them.
    keys = {m.programme.key for m in memberships(ctx.session, ctx.person.id)}
    return keys.pop() if len(keys) == 1 else None


def actions_command(ctx: Ctx, args: str) -> None:
    """'acties [thema]': the register's actions, per theme."""
    flt = ActionFilter(programme=_own_programme(ctx), theme=args or None)
    ctx.say(actions_text(ctx.session, flt, ctx.lang))


def overdue_command(ctx: Ctx, args: str) -> None:
    """'te laat': the open actions whose deadline has passed."""
    flt = ActionFilter(programme=_own_programme(ctx), overdue_on=ctx.today)
    ctx.say(actions_text(ctx.session, flt, ctx.lang))
