"""The help command: the commands this person may use given their roles, each with an example."""

from __future__ import annotations

from handlers.context import Ctx
from handlers.permissions import MANAGERS
from handlers.places import places_of
from storage.people import sponsored_themes
from words.catalogue import t
from words.domain import Role

READ_COMMANDS = ("help", "actions", "overdue", "action", "letters")
WORK_COMMANDS = ("my_actions", "update", "status", "deadline", "edit", "undo", "away")
CREATE_COMMANDS = ("new_action", "new_action_inline")
MANAGE_COMMANDS = ("overview", "summary", "brief")


def help_command(ctx: Ctx, args: str) -> None:
    """The commands this person may use given their roles, each explained with an example."""
    places = places_of(ctx)
    if places is None:
        return
    roles = {m.role for m in places}
    # Readers read, even where an older import named them a theme's sponsor: only a theme
    # in a programme where one has another role lets one add actions to it.
    acting = {m.programme_id for m in places if m.role is not Role.READER}
    sponsoring = any(
        th.programme_id in acting for th in sponsored_themes(ctx.session, ctx.person.id)
    )
    shown = list(READ_COMMANDS)
    if acting:
        shown += WORK_COMMANDS
    if roles & set(MANAGERS) or sponsoring:
        shown += CREATE_COMMANDS
    if roles & set(MANAGERS):
        shown += MANAGE_COMMANDS
    lines = [t(f"commands.help.{name}", ctx.lang) for name in shown]
    # Only those who are asked about actions can answer; a reader is told who does.
    outro = "commands.help.outro" if acting else "commands.help.outro_reader"
    intro = t("commands.help.intro", ctx.lang)
    ctx.say("\n".join([intro, *lines, t(outro, ctx.lang)]))
