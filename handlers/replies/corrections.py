"""'wijzig' (reword one's own last update) and 'ongedaan' (withdraw it shortly after)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from handlers.context import Ctx
from handlers.replies.finding import refused_update
from handlers.replies.kpi import refused_line
from handlers.replies.recording import UNDO_WINDOW, undo_minutes
from handlers.replies.textparse import kpi_in, status_in, status_only
from handlers.wording import status_word
from storage.models import Action, Person, StatusUpdate
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
    ctx.say(edited_line(action, last, ctx.lang))


def edited_line(action: Action, row: StatusUpdate, lang: str) -> str:
    """The line that confirms a correction of ``row``: what the update says now."""
    what = _what(row.status, row.text, lang)
    return t("replies.edited", lang, number=action.number, title=action.title, what=what)


def too_late(row: StatusUpdate, now: datetime) -> bool:
    """Whether ``row`` was recorded too long ago to be withdrawn (``UNDO_WINDOW``).

    Measured from when it was recorded, by this event's clock; an update from a clock that
    stood later (a simulated one) is not undone "before" it was made either.
    """
    age = now - row.created_at
    return age > UNDO_WINDOW or age < -UNDO_WINDOW


def undo_command(ctx: Ctx, args: str) -> None:
    """ongedaan/undo: withdraw one's own last update if it was recorded at most UNDO_WINDOW
    ago. It stays in the action's history as withdrawn, and leaves every current view."""
    last = last_update_by(ctx.session, ctx.person.id)
    if last is None:
        ctx.tell("replies.undo_nothing")
        return
    action = last.action
    if too_late(last, ctx.now):
        ctx.tell(
            "replies.undo_too_late",
            number=action.number,
            when=moment(last.created_at, ctx.zone, ctx.lang),
            minutes=undo_minutes(),
        )
        return
    if refused_update(ctx, action):
        return
    try:
        lines = withdrawn_lines(
            ctx.session, action, last, by=ctx.person, now=ctx.now, lang=ctx.lang
        )
    except AlreadyWithdrawnError:
        ctx.tell("replies.undo_already", number=action.number, title=action.title)
        return
    ctx.say("\n".join(lines))


def withdrawn_lines(
    session: Session, action: Action, row: StatusUpdate, *, by: Person, now: datetime, lang: str
) -> list[str]:
    """Withdraw ``row`` (an update on ``action``) and say what that put back: the status, the
    KPI value. Raises ``AlreadyWithdrawnError`` when it was withdrawn already."""
    value_before = action.kpi_current
    restored = withdraw_update(session, row, by, now)
    lines = [t("replies.undone", lang, number=action.number, title=action.title)]
    if restored is not None:
        lines.append(t("replies.undone_status", lang, status=status_word(restored, lang)))
    if action.kpi_current != value_before:
        lines.append(_value_back(action.kpi_current, lang))
    return lines
