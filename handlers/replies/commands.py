"""The commands 'update <n>', 'status <n>' and 'deadline <n>' (or 'deadline <phrase>' alone).

The action is named by number or by key in any form the chat knows ("12", "#12", "OW-05",
"OW 5", "ow5", "H-b"; see ``words.references``).
"""

from __future__ import annotations

from datetime import date

from handlers.context import Ctx
from handlers.permissions import may_decide
from handlers.replies.finding import matching_actions, programmes_of, refused_update
from handlers.replies.free_text import free_text
from handlers.replies.proposals import move_deadline, offer_proposal, read_new_deadline
from handlers.replies.recording import record, record_text
from handlers.replies.textparse import Reading, status_in, status_only
from handlers.wording import status_word
from storage.models import Action
from storage.updates import propose_deadline
from words.catalogue import t
from words.chat.inbound import MessageIn
from words.chat.messages import Message
from words.deadlines.error import DeadlineError
from words.deadlines.model import Deadline
from words.deadlines.parse import parse_deadline
from words.domain import Status
from words.numbers import is_digits
from words.references import leading_references


def _status_words(lang: str) -> str:
    return ", ".join(status_word(status, lang) for status in Status)


def _one(ctx: Ctx, ref: str, found: list[Action], command: str) -> Action | None:
    """The one action of ``found`` that ``ref`` names; otherwise answer why not."""
    if not found:
        ctx.tell("replies.unknown_ref", ref=ref)
        return None
    if len(found) > 1:
        keys = ", ".join(f"{a.key} ({a.programme.name})" for a in found)
        ctx.tell("replies.ambiguous_ref", ref=ref, keys=keys, command=command, example=found[0].key)
        return None
    return found[0]


def _named(ctx: Ctx, ref: str, command: str) -> Action | None:
    """The one action ``ref`` names in the person's programmes; otherwise answer why not."""
    programme_ids = programmes_of(ctx)
    if not programme_ids:
        ctx.tell("perm.unknown_person")
        return None
    return _one(ctx, ref, matching_actions(ctx, ref, programme_ids), command)


def _command_action(ctx: Ctx, args: str, command: str) -> tuple[Action, str] | None:
    """The action a command's arguments start with, and the words after it.

    "OW 5 op schema" is OW-05 when there is one, else whatever "OW" names. A key written with
    a space ("week 48") that names no action was not meant as one: the whole message is then
    read as a reply ("Update: week 48 overleg gehad").
    """
    programme_ids = programmes_of(ctx)
    if not programme_ids:
        ctx.tell("perm.unknown_person")
        return None
    ways = leading_references(args)
    for ref, rest in ways:
        found = matching_actions(ctx, ref, programme_ids)
        if found:
            action = _one(ctx, ref, found, command)
            return None if action is None else (action, rest)
    if ways and " " in ways[0][0] and isinstance(ctx.event, MessageIn):
        free_text(ctx, ctx.event.text)
        return None
    ctx.tell("replies.unknown_ref", ref=ways[0][0] if ways else args.strip())
    return None


def update_command(ctx: Ctx, args: str) -> None:
    """update <n> <tekst>: a report on a named action, read like a free-text reply."""
    ways = leading_references(args)
    if not ways or not ways[-1][1]:
        ctx.tell("replies.update_usage")
        return
    found = _command_action(ctx, args, "update")
    if found is None:
        return
    action, text = found
    if not text:
        ctx.tell("replies.update_usage")
        return
    record_text(ctx, action, text, ctx.event_row)


def status_command(ctx: Ctx, args: str) -> None:
    """status <n> <status>: a status update; a status in words ("loopt prima") counts too."""
    ways = leading_references(args)
    if not ways or not ways[-1][1]:
        ctx.tell("replies.status_usage", words=_status_words(ctx.lang))
        return
    found = _command_action(ctx, args, "status")
    if found is None:
        return
    action, words = found
    if not words:
        ctx.tell("replies.status_usage", words=_status_words(ctx.lang))
        return
    only = status_only(words)
    if only is not None:
        record(ctx, action, Reading(only, "", None), ctx.event_row)
        return
    stated = status_in(words)
    if stated is None:
        if not refused_update(ctx, action):
            ctx.tell("replies.status_unknown", word=words, words=_status_words(ctx.lang))
        return
    # More than a status word: the words are kept with it, as in a reply.
    record(ctx, action, Reading(stated, words, None), ctx.event_row)


def _deadline_target(ctx: Ctx, args: str) -> tuple[str, str] | None:
    """(reference, phrase) when ``args`` starts with an action, None when it is all a phrase.

    "deadline 15 maart" reads as a date, not as action 15: a bare number is an action only
    when the whole text is not a readable deadline. "#15 maart" is always action 15.
    """
    ways = leading_references(args)
    # A key written with a space ("OW 5 eind maart") is an action only when one has it.
    spaced = [(ref, phrase) for ref, phrase in ways[:-1] if phrase]
    if spaced and matching_actions(ctx, spaced[0][0], programmes_of(ctx)):
        return spaced[0]
    ref, phrase = ways[-1] if ways else ("", "")
    if not phrase or not any(c.isdigit() for c in ref):
        return None
    if is_digits(ref):
        try:
            parse_deadline(args, ctx.today, ctx.lang)
        except DeadlineError:
            return ref, phrase
        return None
    if ref.startswith("#"):
        return ref, phrase
    # A word like "Q2" in "Q2 2027" is an action only when one has that key.
    return (ref, phrase) if matching_actions(ctx, ref, programmes_of(ctx)) else None


def deadline_command(ctx: Ctx, args: str) -> None:
    """deadline <n> <phrase>: the sponsor or director sets it, an owner proposes it.

    Without an action, "deadline <phrase>" explains how the phrase is read.
    """
    if not args.strip():
        ctx.tell("replies.deadline_usage")
        return
    target = _deadline_target(ctx, args)
    if target is None:
        ctx.say(deadline_text(args.strip(), ctx.today, ctx.lang))
        return
    action = _named(ctx, target[0], "deadline")
    if action is None:
        return
    deciding = may_decide(ctx.session, ctx.person, action) is None
    if not deciding and refused_update(ctx, action):
        return
    deadline = _read_deadline(ctx, action, target[1])
    if deadline is None:
        return
    if deciding:
        ctx.say(move_deadline(ctx, action, deadline, ctx.event_row))
        return
    proposal = propose_deadline(ctx.session, action, ctx.person, ctx.now, deadline)
    line, buttons = offer_proposal(ctx, action, proposal, "")
    ctx.say(Message(line, buttons=buttons))


def _read_deadline(ctx: Ctx, action: Action, phrase: str) -> Deadline | None:
    """The phrase as a new deadline for ``action``; otherwise answer why not and return None."""
    error = read_new_deadline(action, phrase, ctx.today, ctx.lang)
    if isinstance(error, str):
        ctx.say(error)
        return None
    return error


def deadline_text(text: str, today: date, lang: str) -> str:
    """How a deadline phrase is read: 'deadline <phrase>' without an action explains it."""
    try:
        deadline = parse_deadline(text, today, lang)
    except DeadlineError as err:
        return err.message(lang)
    return t(
        "chat.deadline",
        lang,
        text=deadline.text,
        due=deadline.due.isoformat(),
        precision=t(f"precision.{deadline.precision.value}", lang),
    )
