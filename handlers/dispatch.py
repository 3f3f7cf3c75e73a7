"""From a neutral event to the handler that answers it: one table of commands.

Commands are recognised in Dutch and English by their first word(s). Every text goes
through one understanding step (``handlers.understanding``), which reads it against this
table: a command (typos and other ways of saying it included), small talk, an update, or
not understood. Buttons and forms name their handler in their ``action`` / form id.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from handlers.brief import chat as brief
from handlers.commands import absence, creating, details, guide, lists, reports
from handlers.context import Ctx
from handlers.replies import buttons, corrections, form
from handlers.replies import commands as reply_commands
from handlers.understanding.classify import Args, CommandWords, Vocabulary
from handlers.understanding.step import RUN, understand
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
# Alone they are the command, which says how it works: a bare "status" is nobody's update.
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
            if handler in NEEDS_REFERENCE and rest and not REFERENCE.match(rest):
                return None
            # "Brief aan de raden is verstuurd" is a status reply, not the brief command.
            if handler is brief.brief_command and brief.subcommand(rest) is None:
                return None
            return handler, rest
    return None


# Commands that only show something: a typo of one of these runs when the reading is sure
# ("hlep", "overzict"). The others change something and are always asked about first.
SHOWING: set[Handler] = {
    lists.my_actions,
    lists.overdue_command,
    guide.help_command,
    lists.actions_command,
    details.action_details,
    reports.overview,
    reports.summary,
    brief.listing,
}
# What may follow each command's words, for reading a typo of it (see handlers.understanding).
ARGS: dict[Handler, Args] = {
    lists.my_actions: Args.NONE,
    lists.overdue_command: Args.NONE,
    guide.help_command: Args.NONE,
    corrections.undo_command: Args.NONE,
    details.action_details: Args.REFERENCE,
    reply_commands.update_command: Args.REFERENCE,
    reply_commands.status_command: Args.REFERENCE,
    reply_commands.deadline_command: Args.REFERENCE,
}
SUBWORDS: dict[Handler, tuple[str, ...]] = {
    brief.brief_command: tuple(name for names, _ in brief.SUBCOMMANDS for name in names)
}


def _accepts(line: str) -> bool:
    return find_command(line) is not None


VOCABULARY = Vocabulary(
    commands=tuple(
        CommandWords(
            names,
            handler in SHOWING,
            ARGS.get(handler, Args.FREE),
            SUBWORDS.get(handler, ()),
        )
        for names, handler in COMMANDS
    ),
    accepts=_accepts,
)


def run_line(ctx: Ctx, line: str) -> None:
    """Run a command line exactly as if the person had typed it."""
    found = find_command(line)
    if found is None:
        ctx.tell("replies.button_unknown")
        return
    handler, rest = found
    handler(ctx, rest)


def handle(ctx: Ctx) -> None:
    """Answer the event in ``ctx``; every path ends in an answer to the person. Its texts are
    clean: the adapters clean what people send, and so does the event store both ways."""
    event = ctx.event
    if isinstance(event, MessageIn | CommandIn):
        if isinstance(event, CommandIn) and not event.text.strip():
            guide.help_command(ctx, "")
        else:
            understand(ctx, event.text, VOCABULARY, lambda line: run_line(ctx, line))
    elif isinstance(event, ButtonIn):
        if event.action == RUN:
            # The line is run as typed text is: the command checks who may do it, so the
            # button can do nothing its presser could not have typed.
            run_line(ctx, event.value)
        elif event.action == "form" and event.value.startswith("new_action"):
            creating.new_action(ctx, "")
        else:
            buttons.on_button(ctx, event.action, event.value)
    elif isinstance(event, FormIn):
        if event.form == "new_action":
            creating.new_action_form(ctx, event.context, dict(event.values))
        else:
            form.on_form(ctx, event.form, event.context, dict(event.values))
