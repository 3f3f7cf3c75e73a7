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
    shown = list(READ_COMMANDS)
    if roles - {Role.READER}:
        shown += WORK_COMMANDS
    if roles & set(MANAGERS) or sponsored_themes(ctx.session, ctx.person.id):
        shown += CREATE_COMMANDS
    if roles & set(MANAGERS):
        shown += MANAGE_COMMANDS
    lines = [t(f"commands.help.{name}", ctx.lang) for name in shown]
    intro = t("commands.help.intro", ctx.lang)
    ctx.say("\n".join([intro, *lines, t("commands.help.outro", ctx.lang)]))
