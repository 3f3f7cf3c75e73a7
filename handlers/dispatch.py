"""From a neutral event to the handler that answers it: one table of commands.

Commands are recognised in Dutch and English by their first word(s). Text that is not a
command is a status reply (``handlers.replies.answers.free_text``). Buttons and forms name their
handler in their ``action`` / form id.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from handlers.brief import chat as brief
from handlers.commands import family as commands
from handlers.commands.lookup import actions_text
from handlers.context import Ctx
from handlers.replies import answers as replies
from storage.people import memberships
from storage.register import ActionFilter
from words.chat.inbound import ButtonIn, CommandIn, FormIn, MessageIn

Handler = Callable[[Ctx, str], None]


def _own_programme(ctx: Ctx) -> str | None:
    # Someone in one programme sees that one; someone in several sees all of them.
    keys = {m.programme.key for m in memberships(ctx.session, ctx.person.id)}
    return keys.pop() if len(keys) == 1 else None


def _actions(ctx: Ctx, args: str) -> None:
    flt = ActionFilter(programme=_own_programme(ctx), theme=args or None)
    ctx.say(actions_text(ctx.session, flt, ctx.lang))


def _overdue(ctx: Ctx, args: str) -> None:
    flt = ActionFilter(programme=_own_programme(ctx), overdue_on=ctx.today)
    ctx.say(actions_text(ctx.session, flt, ctx.lang))


# Longest phrases first, so "mijn acties" is not read as "mijn" + text.
COMMANDS: tuple[tuple[tuple[str, ...], Handler], ...] = (
    (("mijn acties", "my actions"), commands.my_actions),
    (("nieuwe actie", "new action"), commands.new_action),
    (("te laat", "overdue"), _overdue),
    (("help", "hulp", "?"), commands.help_command),
    (("acties", "actions"), _actions),
    (("actie", "action"), commands.action_details),
    (("update",), replies.update_command),
    (("status",), replies.status_command),
    (("deadline",), replies.deadline_command),
    (("wijzig", "correctie", "edit", "correct"), replies.edit_command),
    (("ongedaan", "undo"), replies.undo_command),
    (("overzicht", "overview"), commands.overview),
    (("samenvatting", "summary"), commands.summary),
    (("afwezig", "away", "absent"), commands.absent),
    (("brieven", "letters"), brief.listing),
    (("brief", "letter"), brief.brief_command),
)

# "update"/"status" start many ordinary sentences ("Update: we zijn bijna klaar"); they are
# commands only when an action reference follows, otherwise the text is a status reply.
NEEDS_REFERENCE = {replies.update_command, replies.status_command}
REFERENCE = re.compile(r"^#?[0-9]+\b|^[A-Za-z]{1,10}[-.]?[0-9]+\b")


def _pattern(name: str) -> re.Pattern[str]:
    # "mijn  acties", "Correctie: ..." and "status 12" all match; "actiepunt" is not "actie".
    words = r"\s+".join(re.escape(word) for word in name.split())
    return re.compile(rf"^\s*{words}(?:\s*:\s*|\s+|$)", re.IGNORECASE)


PATTERNS = tuple((tuple(_pattern(name) for name in names), handler) for names, handler in COMMANDS)


def find_command(text: str) -> tuple[Handler, str] | None:
    """The command ``text`` starts with and the words after it, or None."""
    for patterns, handler in PATTERNS:
        for pattern in patterns:
            found = pattern.match(text)
            if found is None:
                continue
            rest = text[found.end() :].strip()
            if handler in NEEDS_REFERENCE and not REFERENCE.match(rest):
                return None
            # "Brief aan de raden is verstuurd" is a status reply, not the brief command.
            if handler is brief.brief_command and brief.subcommand(rest) is None:
                return None
            return handler, rest
    return None


def handle(ctx: Ctx) -> None:
    """Answer the event in ``ctx``; every path ends in an answer to the person. Its texts are
    clean: the adapters clean what people send, and so does the event store both ways."""
    event = ctx.event
    if isinstance(event, MessageIn | CommandIn):
        found = find_command(event.text)
        if found is not None:
            handler, rest = found
            handler(ctx, rest)
        elif isinstance(event, CommandIn) and not event.text.strip():
            commands.help_command(ctx, "")
        else:
            replies.free_text(ctx, event.text)
    elif isinstance(event, ButtonIn):
        if event.action == "form" and event.value.startswith("new_action"):
            commands.new_action(ctx, "")
        else:
            replies.on_button(ctx, event.action, event.value)
    elif isinstance(event, FormIn):
        if event.form == "new_action":
            commands.new_action_form(ctx, event.context, dict(event.values))
        else:
            replies.on_form(ctx, event.form, event.context, dict(event.values))
