"""A reply that is not a command: which action it is about, or asking the person to pick one.

A person answers a ping in their own words, in the DM or the ping's thread. The answer is
recorded on the action it is about (see ``free_text`` for how that action is found). Nothing
here guesses between actions: when a reply could be about several, the person picks.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from handlers.context import Ctx
from handlers.replies.corrections import edit_command, undo_command
from handlers.replies.finding import matching_actions, programmes_of
from handlers.replies.recording import record_text
from handlers.replies.textparse import (
    Reference,
    correction_text,
    is_undo,
    references,
    without_reference,
)
from storage.models import Action
from storage.pings import asked_in, last_ping_message
from storage.updates import actions_by_ids, open_actions_owned
from words.catalogue import t
from words.chat.messages import Button, Message

PING_MEMORY = timedelta(days=14)  # how far back a reply may answer the newest ping
PICK_LIMIT = 10
LABEL_LIMIT = 60


def _shorten(text: str, limit: int = LABEL_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _named(
    ctx: Ctx, text: str, programme_ids: Sequence[int]
) -> tuple[list[Reference], list[Action]]:
    """The references a reply makes and the actions they name (none: no reference made).

    A number ("#12", "12:") is always meant as a reference, even one that names nothing; a
    word that merely looks like a key ("Q2") counts only when an action has that key.
    """
    refs: list[Reference] = []
    actions: list[Action] = []
    for ref in references(text):
        found = matching_actions(ctx, ref.text, programme_ids)
        if found or ref.number is not None:
            refs.append(ref)
            actions.extend(a for a in found if a not in actions)
    return refs, actions


def _asked(ctx: Ctx) -> list[Action]:
    """The actions of the ping this reply answers: the thread's, else the newest one's."""
    if ctx.about is not None:
        return actions_by_ids(ctx.session, asked_in(ctx.session, ctx.about))
    newest = last_ping_message(ctx.session, ctx.person.id, ctx.now - PING_MEMORY)
    if newest is None:
        return []
    return actions_by_ids(ctx.session, asked_in(ctx.session, newest))


def _ask_pick(ctx: Ctx, text: str, actions: Sequence[Action], ref: Reference | None) -> None:
    """Ask which action the reply is about: one button per candidate, nothing stored."""
    shown = list(actions[:PICK_LIMIT])
    snippet = _shorten(text.strip())
    if ref is not None:
        keys = ", ".join(f"{a.key} ({a.programme.name})" for a in shown)
        lines = [t("replies.pick_ambiguous", ctx.lang, ref=ref.text, keys=keys)]
        buttons = tuple(
            Button(
                t(
                    "replies.pick_label_key",
                    ctx.lang,
                    key=a.key,
                    title=_shorten(a.title, 40),
                    programme=a.programme.key,
                ),
                "pick",
                f"{ctx.event_row}:{a.id}",
            )
            for a in shown
        )
    else:
        lines = [t("replies.pick", ctx.lang, text=snippet, example=shown[0].number)]
        buttons = tuple(
            Button(
                t("replies.pick_label", ctx.lang, number=a.number, title=_shorten(a.title)),
                "pick",
                f"{ctx.event_row}:{a.id}",
            )
            for a in shown
        )
    lines.extend(button.label for button in buttons)
    if len(actions) > PICK_LIMIT:
        lines.append(t("replies.pick_more", ctx.lang, shown=PICK_LIMIT))
    ctx.say(Message("\n".join(lines), buttons=buttons))


def free_text(ctx: Ctx, text: str) -> None:
    """A reply in the DM or a ping's thread that is not a command.

    The action it is about: one it names ("#12 …", "12: …", "OW-03 …") in the person's
    programmes; else the actions asked in the ping it answers (the thread's, or without a
    thread the person's newest ping of the last 14 days); else the person's own open actions.
    One candidate is recorded; several are offered to pick from; none gets a hint.
    """
    correction = correction_text(text)
    if correction is not None:
        edit_command(ctx, correction)
        return
    if is_undo(text):
        undo_command(ctx, "")
        return
    if not text.strip():
        ctx.tell("replies.empty")
        return
    programme_ids = programmes_of(ctx)
    if not programme_ids:
        ctx.tell("perm.unknown_person")
        return
    refs, actions = _named(ctx, text, programme_ids)
    if refs:
        if not actions:
            shown = f"#{refs[0].text}" if refs[0].number is not None else refs[0].text
            ctx.tell("replies.unknown_ref", ref=shown)
        elif len(actions) == 1:
            record_text(ctx, actions[0], without_reference(text, refs[0]), ctx.event_row)
        else:
            # One number in two programmes: say so, with keys. Several numbers: just pick.
            _ask_pick(ctx, text, actions, refs[0] if len(refs) == 1 else None)
        return
    candidates = _asked(ctx) or list(open_actions_owned(ctx.session, ctx.person.id))
    if len(candidates) == 1:
        record_text(ctx, candidates[0], text, ctx.event_row)
    elif candidates:
        _ask_pick(ctx, text, candidates, None)
    else:
        ctx.tell("replies.no_candidates")
