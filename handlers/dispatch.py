"""From a neutral event to the handler that answers it: one table of commands.

Commands are recognised in Dutch and English by their first word(s). Text that is not a
command is a status reply (``handlers.replies.free_text``). Buttons and forms name their
handler in their ``action`` / form id.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from handlers.brief import chat as brief
from handlers.commands import absence, creating, details, guide, lists, reports
from handlers.context import Ctx
from handlers.replies import buttons, corrections, form
from handlers.replies import commands as reply_commands
from handlers.replies.free_text import free_text
from words.chat.inbound import ButtonIn, CommandIn, FormIn, MessageIn
from words.references import REFERENCE_START

Handler = Callable[[Ctx, str], None]


# Longest phrases first, so "mijn acties" is not read as "mijn" + text.
COMMANDS: tuple[tuple[tuple[str, ...], Handler], ...] = (
    (("mijn acties", "my actions"), lists.my_actions),
    (("nieuwe actie", "new action"), creating.new_action),
    (("te laat", "overdue"), lists.overdue_command),
    (("help", "hulp", "?"), guide.help_command),
    (("acties", "actions"), lists.actions_command),
    (("actie", "action"), details.action_details),
    (("update",), reply_commands.update_command),
    (("status",), reply_commands.status_command),
    (("deadline",), reply_commands.deadline_command),
    (("wijzig", "correctie", "edit", "correct"), corrections.edit_command),
    (("ongedaan", "undo"), corrections.undo_command),
    (("overzicht", "overview"), reports.overview),
    (("samenvatting", "summary"), reports.summary),
    (("afwezig", "away", "absent"), absence.absent),
    (("brieven", "letters"), brief.listing),
    (("brief", "letter"), brief.brief_command),
)

# "update"/"status" start many ordinary sentences ("Update: we zijn bijna klaar"); they are
# commands only when an action reference follows, otherwise the text is a status reply.
NEEDS_REFERENCE = {reply_commands.update_command, reply_commands.status_command}
REFERENCE = REFERENCE_START  # words.references: numbers and every key form the chat names


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
            guide.help_command(ctx, "")
        else:
            free_text(ctx, event.text)
    elif isinstance(event, ButtonIn):
        if event.action == "form" and event.value.startswith("new_action"):
            creating.new_action(ctx, "")
        else:
            buttons.on_button(ctx, event.action, event.value)
    elif isinstance(event, FormIn):
        if event.form == "new_action":
            creating.new_action_form(ctx, event.context, dict(event.values))
        else:
            form.on_form(ctx, event.form, event.context, dict(event.values))
