"""The buttons on the bot's messages: a status, the pick of an action, the form, a proposal."""

from __future__ import annotations

from handlers.context import Ctx
from handlers.replies.finding import action_named, matching_actions, split_ids, status_value
from handlers.replies.form import form_button
from handlers.replies.proposals import decide
from handlers.replies.recording import record, record_text
from handlers.replies.textparse import Reading, references, without_reference
from storage.updates import inbound_event
from words.catalogue import t
from words.chat.messages import Message
from words.chat.outgoing import Replace
from words.numbers import is_digits


def on_button(ctx: Ctx, action: str, value: str) -> None:
    """A button on one of the bot's messages: status, pick, form or proposal."""
    if action == "status":
        _status_button(ctx, value)
    elif action == "pick":
        _pick(ctx, value)
    elif action == "form":
        form_button(ctx, value)
    elif action == "proposal":
        decide(ctx, value)
    else:
        ctx.tell("replies.button_unknown")


def _status_button(ctx: Ctx, value: str) -> None:
    parsed = split_ids(value)
    status = None if parsed is None else status_value(parsed[1])
    if parsed is None or status is None:
        ctx.tell("replies.button_unknown")
        return
    action = action_named(ctx, str(parsed[0]))
    if action is not None:
        record(ctx, action, Reading(status, "", None), ctx.event_row)


def _pick(ctx: Ctx, value: str) -> None:
    """The person chose the action for an earlier reply: record that reply, once."""
    parsed = split_ids(value)
    if parsed is None or not is_digits(parsed[1]):
        ctx.tell("replies.button_unknown")
        return
    original = inbound_event(ctx.session, parsed[0])
    if original is None or original.person_id != ctx.person.id:
        ctx.tell("replies.pick_stale")
        return
    action = action_named(ctx, parsed[1])
    if action is None:
        return
    text = str(original.payload.get("text", ""))
    refs = references(text)
    if refs and matching_actions(ctx, refs[0].text, [action.programme_id]) == [action]:
        text = without_reference(text, refs[0])
    row = record_text(ctx, action, text, original.id)
    if row is not None and ctx.about is not None:
        picked = t("replies.picked", ctx.lang, number=action.number, title=action.title)
        ctx.out.send(ctx.key("picked"), Replace(ctx.about), Message(picked))
