"""Recording a reply as a status update on its action, and confirming it to the person."""

from __future__ import annotations

from datetime import timedelta

from handlers.checkins.ping_message import QUICK_STATUSES
from handlers.context import Ctx
from handlers.replies.finding import refused_update
from handlers.replies.kpi import kpi_line, refused_line
from handlers.replies.proposals import offer_proposal
from handlers.replies.textparse import Reading, read_reply
from handlers.wording import status_word
from storage.models import Action, StatusUpdate
from storage.updates import propose_deadline, record_update, update_for_event
from words.catalogue import t
from words.chat.messages import Button, Message
from words.numbers import format_number

# An update can be undone for this long after it was recorded ('ongedaan').
UNDO_WINDOW = timedelta(minutes=10)


def recorded_line(action: Action, row: StatusUpdate, lang: str) -> str:
    params = {"number": action.number, "title": action.title, "text": row.text}
    if row.status is not None and row.text:
        return t(
            "replies.recorded_status_text", lang, status=status_word(row.status, lang), **params
        )
    if row.status is not None:
        return t("replies.recorded_status", lang, status=status_word(row.status, lang), **params)
    return t("replies.recorded_text", lang, status=status_word(action.status, lang), **params)


def record(ctx: Ctx, action: Action, reading: Reading, event_row: int) -> StatusUpdate | None:
    """Record ``reading`` on ``action`` for the event ``event_row`` and confirm it.

    Returns the new update, or None when refused or when the event already made one. A KPI
    value in it is kept with it and moves the action's value, or, when it cannot be a value
    of the action, refuses the whole update (see ``handlers.replies.kpi``).
    """
    if refused_update(ctx, action):
        return None
    earlier = update_for_event(ctx.session, event_row)
    if earlier is not None:
        ctx.tell(
            "replies.already_recorded", number=earlier.action.number, title=earlier.action.title
        )
        return None
    checked = _progress(ctx, action, reading)
    if checked is None:
        return None
    progress, lines = checked
    row = record_update(
        ctx.session,
        action,
        ctx.person,
        ctx.now,
        source=ctx.event.platform,
        status=reading.status,
        text=reading.text,
        event_row=event_row,
        progress=progress,
    )
    lines.insert(0, recorded_line(action, row, ctx.lang))
    if row.progress is not None:
        lines.append(kpi_line(action, row.progress, ctx.lang))
    buttons: tuple[Button, ...] = ()
    if reading.deadline is not None:
        proposal = propose_deadline(
            ctx.session, action, ctx.person, ctx.now, reading.deadline, update_id=row.id
        )
        line, buttons = offer_proposal(ctx, action, proposal, row.text)
        lines.append(line)
    if row.status is None and not action.status.closed:
        # The words held no clear status: offer the ping's status buttons instead of guessing.
        lines.append(t("replies.status_buttons", ctx.lang))
        buttons = (*buttons, *status_buttons(action.id, ctx.lang))
    lines.append(t("replies.how_to_fix", ctx.lang, minutes=undo_minutes()))
    ctx.say(Message("\n".join(lines), buttons=buttons))
    return row


def _progress(ctx: Ctx, action: Action, reading: Reading) -> tuple[float | None, list[str]] | None:
    """The KPI value to keep with the update and what to say about it; None when the value
    refuses the update, which has then been answered."""
    if reading.kpi is None:
        return None, []
    value = reading.kpi.value
    if action.kpi_target is not None:
        refused = refused_line(action, value, ctx.lang)
        if refused is not None:
            ctx.say(refused)
            return None
        return value, []
    # A share in passing ("3 van de 5 workshops") is no value given for a KPI: not remarked on.
    if not (reading.kpi.cued or reading.kpi.alone):
        return None, []
    shown = format_number(value, ctx.lang)
    line = t("replies.kpi_none", ctx.lang, number=action.number, title=action.title, value=shown)
    return None, [line]


def status_buttons(action_id: int, lang: str) -> tuple[Button, ...]:
    """The ping's status buttons for one action; the status button handler records them."""
    return tuple(
        Button(t(f"pings.button_{status.value}", lang), "status", f"{action_id}:{status.value}")
        for status in QUICK_STATUSES
    )


def undo_minutes() -> int:
    return int(UNDO_WINDOW.total_seconds() // 60)


def record_text(ctx: Ctx, action: Action, text: str, event_row: int) -> StatusUpdate | None:
    if not text.strip():
        ctx.tell("replies.empty")
        return None
    return record(ctx, action, read_reply(text, ctx.today, action.due, ctx.lang), event_row)
