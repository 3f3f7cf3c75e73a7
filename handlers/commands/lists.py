"""Lists of actions: 'mijn acties' (one's own and those one answers for), 'acties' and 'te laat'."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from handlers.commands.lookup import action_table, known_themes, names_something, themes_named
from handlers.context import Ctx
from handlers.places import narrow, places_of
from handlers.wording import action_ref, bullet, deadline_phrase, is_overdue, status_word
from storage.action_criteria import ActionCriteria, Overdue
from storage.models import Action, StatusUpdate
from storage.register import last_updates, list_actions
from storage.summaries import deputised_absences, open_actions_of, themes_in
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


def _listed(ctx: Ctx, args: str, overdue: bool) -> None:
    """The actions of the person's programmes, of the themes ``args`` names (all when empty);
    a theme nobody has is answered with the themes there are."""
    places = places_of(ctx)
    if places is None:
        return
    chosen, rest = narrow(args, places)
    programme_ids = {m.programme_id for m in chosen}
    every = themes_in(ctx.session, sorted(programme_ids))
    asked = names_something(rest)
    themes = themes_named(rest, every) if asked else []
    if asked and not themes:
        ctx.tell("commands.unknown_theme", theme=rest.strip(), known=known_themes(every))
        return
    wanted = ActionCriteria(
        programmes=tuple(sorted(programme_ids)),
        themes=tuple(th.id for th in themes) if themes else None,
        overdue=Overdue(ctx.today) if overdue else None,
    )
    actions = list_actions(ctx.session, wanted)
    if actions:
        ctx.say(action_table(actions, ctx.lang))
        return
    what = "overdue" if overdue else "actions"
    if themes:
        names = ", ".join(th.name for th in themes)
        ctx.tell(f"chat.{what}.none_in", themes=names)
    else:
        ctx.tell(f"chat.{what}.none")


def actions_command(ctx: Ctx, args: str) -> None:
    """'acties [thema]': the register's actions, per theme."""
    _listed(ctx, args, overdue=False)


def overdue_command(ctx: Ctx, args: str) -> None:
    """'te laat [thema]': the open actions whose deadline has passed."""
    _listed(ctx, args, overdue=True)
