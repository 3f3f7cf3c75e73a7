"""'wijzig' (reword one's own last update) and 'ongedaan' (withdraw it shortly after)."""

from __future__ import annotations

from handlers.context import Ctx
from handlers.replies.finding import refused_update
from handlers.replies.kpi import refused_line
from handlers.replies.recording import UNDO_WINDOW, undo_minutes
from handlers.replies.textparse import kpi_in, status_in, status_only
from handlers.wording import status_word
from storage.updates import AlreadyWithdrawnError, edit_update, last_update_by, withdraw_update
from words.catalogue import t
from words.dates import moment
from words.domain import Status
from words.numbers import format_number


def _what(status: Status | None, text: str, lang: str) -> str:
    if status is not None and text:
        return t("replies.what_status_text", lang, status=status_word(status, lang), text=text)
    if status is not None:
        return t("replies.what_status", lang, status=status_word(status, lang))
    return t("replies.what_text", lang, text=text)


def _value_back(value: float | None, lang: str) -> str:
    if value is None:
        return t("replies.undone_kpi_none", lang)
    return t("replies.undone_kpi", lang, value=format_number(value, lang))


def edit_command(ctx: Ctx, args: str) -> None:
    """wijzig/correctie/edit <tekst>: reword one's own last update, keeping the old wording.

    Status words in the new text change the status; a correction that is only a status word
    keeps the text and changes the status. A KPI value in it ("wijzig: stand 185") replaces
    the update's value; one that cannot be the action's refuses the correction.
    """
    text = args.strip()
    if not text:
        ctx.tell("replies.edit_usage")
        return
    last = last_update_by(ctx.session, ctx.person.id)
    if last is None:
        ctx.tell("replies.edit_nothing")
        return
    action = last.action
    if refused_update(ctx, action):
        return
    only = status_only(text)
    new_text, status = (last.text, only) if only is not None else (text, status_in(text))
    found = None if only is not None or action.kpi_target is None else kpi_in(text, ctx.lang)
    progress = None if found is None else found.value
    refused = None if progress is None else refused_line(action, progress, ctx.lang)
    if refused is not None:
        ctx.say(refused)
        return
    edited = edit_update(
        ctx.session, last, ctx.now, text=new_text, status=status, progress=progress
    )
    if not edited:
        ctx.tell("replies.edit_unchanged", number=action.number, title=action.title)
        return
    what = _what(last.status, last.text, ctx.lang)
    ctx.tell("replies.edited", number=action.number, title=action.title, what=what)


def undo_command(ctx: Ctx, args: str) -> None:
    """ongedaan/undo: withdraw one's own last update if it was recorded at most UNDO_WINDOW
    ago. It stays in the action's history as withdrawn, and leaves every current view."""
    last = last_update_by(ctx.session, ctx.person.id)
    if last is None:
        ctx.tell("replies.undo_nothing")
        return
    action = last.action
    # Measured from when it was recorded, by this event's clock; an update from a clock
    # that stood later (a simulated one) is not undone "before" it was made either.
    age = ctx.now - last.created_at
    if age > UNDO_WINDOW or age < -UNDO_WINDOW:
        ctx.tell(
            "replies.undo_too_late",
            number=action.number,
            when=moment(last.created_at, ctx.zone, ctx.lang),
            minutes=undo_minutes(),
        )
        return
    if refused_update(ctx, action):
        return
    value_before = action.kpi_current
    try:
        restored = withdraw_update(ctx.session, last, ctx.person, ctx.now)
    except AlreadyWithdrawnError:
        ctx.tell("replies.undo_already", number=action.number, title=action.title)
        return
    lines = [t("replies.undone", ctx.lang, number=action.number, title=action.title)]
    if restored is not None:
        lines.append(t("replies.undone_status", ctx.lang, status=status_word(restored, ctx.lang)))
    if action.kpi_current != value_before:
        lines.append(_value_back(action.kpi_current, ctx.lang))
    ctx.say("\n".join(lines))
