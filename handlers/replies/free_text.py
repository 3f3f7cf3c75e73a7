"""A text that gives an update: which action it is about, or asking the person to pick one.

A person answers a ping in their own words, in the DM or the ping's thread, or names the
action ("#12 …", "OW-03 …"). The answer is recorded on the action it is about (see
``as_update``). Nothing here guesses between actions: when a reply could be about several,
the person picks. Whether a text is an update at all (and not a command or small talk) is
decided before, by ``handlers.understanding``.
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
    kpi_in,
    references,
    status_in,
    without_reference,
)
from storage.models import Action
from storage.pings import asked_in, last_ping_message, open_pings
from storage.updates import actions_by_ids, open_actions_owned
from words.catalogue import t
from words.chat.messages import Button, Message
from words.deadlines.find import find_deadline
from words.domain import Role

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


def asked(ctx: Ctx, *, still_open: bool = False) -> list[Action]:
    """The actions of the question a text answers: those of the ping whose thread it is in;
    in the DM, those of the person's newest ping of the last 14 days still unanswered (an
    answered one asks nothing any more). ``still_open``: in the thread too, only those still
    unanswered."""
    newest = ctx.about
    if newest is None:
        newest = last_ping_message(ctx.session, ctx.person.id, ctx.now - PING_MEMORY)
        if newest is None:
            return []
        still_open = True
    ids = asked_in(ctx.session, newest)
    if still_open:
        unanswered = {
            ping.action_id
            for ping in open_pings(ctx.session, ids)
            if ping.outbox_id == newest and ping.recipient_id == ctx.person.id
        }
        ids = [i for i in ids if i in unanswered]
    return actions_by_ids(ctx.session, ids)


def only_reads(ctx: Ctx) -> bool:
    """Whether the person is a reader wherever they are: they never give updates."""
    roles = {m.role for m in ctx.memberships}
    return roles == {Role.READER}


def states_progress(ctx: Ctx, text: str) -> bool:
    """Whether the text plainly states a status, a KPI value or a deadline still to come
    ("loopt goed", "stand 180", "eind maart"); "gisteren besproken" states none."""
    if status_in(text) is not None:
        return True
    found_value = kpi_in(text, ctx.lang)
    if found_value is not None and found_value.cued:
        return True
    found = find_deadline(text, ctx.today, ctx.lang)
    return found is not None and found.due >= ctx.today


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


def as_update(ctx: Ctx, text: str) -> bool:
    """Record ``text`` as an update, or ask which action it is about; False (and nothing said)
    when it is no update.

    It is one when it names an action in the person's programmes ("#12 …", "12: …", "OW-03
    …"), or answers a question: the ping of its thread, or without a thread the person's
    newest ping of the last 14 days that is still open. One action is recorded; several are
    offered to pick from. Out of the blue, a text that plainly states a status or deadline
    is offered to pick among the person's own open actions, even one: nothing is stored
    until they pick.
    """
    programme_ids = programmes_of(ctx)
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
        return True
    candidates = asked(ctx)
    if len(candidates) == 1:
        record_text(ctx, candidates[0], text, ctx.event_row)
        return True
    if candidates:
        _ask_pick(ctx, text, candidates, None)
        return True
    own = open_actions_owned(ctx.session, ctx.person.id) if states_progress(ctx, text) else ()
    if own:
        _ask_pick(ctx, text, own, None)
        return True
    return False


def not_understood(ctx: Ctx, hints: Sequence[str] = (), buttons: tuple[Button, ...] = ()) -> None:
    """Say the text was not understood, with ``hints`` (a "did you mean"), how to give an
    update (not to readers: they give none) and where help is."""
    lines = [t("understanding.not_understood", ctx.lang), *hints]
    if not only_reads(ctx):
        own = open_actions_owned(ctx.session, ctx.person.id)
        example = own[0].number if own else 12
        lines.append(t("understanding.how_to_update", ctx.lang, example=example))
    lines.append(t("understanding.help_pointer", ctx.lang))
    ctx.say(Message("\n".join(lines), buttons=buttons))


def corrected(ctx: Ctx, text: str) -> bool:
    """Whether the text was a correction ("wijzig: …") or an undo ("ongedaan"), in every form
    the replies know, and so has been answered."""
    correction = correction_text(text)
    if correction is not None:
        edit_command(ctx, correction)
        return True
    if is_undo(text):
        undo_command(ctx, "")
        return True
    return False


def free_text(ctx: Ctx, text: str) -> None:
    """A text that is no command: a correction, undo, or an update (see ``as_update``);
    otherwise not understood. ``handlers.understanding`` calls the parts of this itself,
    after it has told commands and small talk apart."""
    if corrected(ctx, text):
        return
    if not text.strip():
        ctx.tell("replies.empty")
        return
    if not programmes_of(ctx):
        ctx.tell("perm.unknown_person")
        return
    if not as_update(ctx, text):
        not_understood(ctx)
