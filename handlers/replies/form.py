"""The update form: status, text, a KPI value and a new deadline in one go, checked before
anything is kept. The KPI input is there only for an action with a KPI target."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from handlers.context import Ctx
from handlers.permissions import may_decide, may_update
from handlers.replies.finding import action_named, refused_update, status_value
from handlers.replies.kpi import form_label, form_value, kpi_line
from handlers.replies.proposals import move_deadline, offer_proposal, read_new_deadline
from handlers.replies.recording import recorded_line, undo_minutes
from handlers.wording import status_word
from storage.models import Action, DeadlineProposal, Person, StatusUpdate
from storage.updates import action_by_id, propose_deadline, record_update, update_for_event
from words.catalogue import t
from words.chat.messages import Button, Choice, Form, Input, InputKind, Message
from words.deadlines.model import Deadline
from words.domain import Status
from words.numbers import row_number

FORM_STATUSES = (Status.ON_TRACK, Status.AT_RISK, Status.DELAYED, Status.DONE)
UNCHANGED = "unchanged"
KPI = "kpi"  # the input of the KPI value
# What an input of the form takes when it comes from a page (the personal update form, the
# edit pages): a long paragraph for the text, not a letter; and for any one-line input (a KPI
# value, a deadline phrase) the 200 characters the register keeps of a deadline phrase.
MAX_TEXT = 4000
MAX_LINE = 200


def too_long(values: Mapping[str, str], lang: str) -> dict[str, str]:
    """Inputs longer than they may be, with the reason: refused before anything reads them."""
    problems: dict[str, str] = {}
    for name, value in values.items():
        limit = MAX_TEXT if name == "text" else MAX_LINE
        if len(value) > limit:
            problems[name] = t("webform.too_long", lang, limit=limit)
    return problems


def _update_form(
    action: Action, lang: str, values: dict[str, str] | None = None, *, errors: dict[str, str]
) -> Form:
    given = {} if values is None else values
    kpi: tuple[Input, ...] = ()
    if action.kpi_target is not None:
        # A text input read the way chat reads numbers: a platform's number input takes only
        # "12.5", and would make a Dutch "1.250" one and a quarter.
        kpi = (
            Input(
                KPI,
                form_label(action, action.kpi_target, lang),
                InputKind.TEXT,
                initial=given.get(KPI, ""),
                hint=t("replies.form_kpi_hint", lang),
                error=errors.get(KPI, ""),
            ),
        )
    choices = (
        *(Choice(s.value, status_word(s, lang)) for s in FORM_STATUSES),
        Choice(UNCHANGED, t("replies.form_unchanged", lang)),
    )
    return Form(
        id="update",
        title=t("replies.form_title", lang, number=action.number),
        submit=t("replies.form_submit", lang),
        context=str(action.id),
        inputs=(
            Input(
                "status",
                t("replies.form_status", lang),
                InputKind.CHOICE,
                initial=given.get("status", UNCHANGED),
                choices=choices,
                error=errors.get("status", ""),
            ),
            Input(
                "text",
                t("replies.form_text", lang),
                InputKind.LONG_TEXT,
                initial=given.get("text", ""),
                error=errors.get("text", ""),
            ),
            *kpi,
            Input(
                "deadline",
                t("replies.form_deadline", lang),
                InputKind.TEXT,
                initial=given.get("deadline", ""),
                hint=t("replies.form_deadline_hint", lang),
                error=errors.get("deadline", ""),
            ),
        ),
    )


def _form_message(
    ctx: Ctx, action: Action, values: dict[str, str] | None = None, **errors: str
) -> None:
    # Each problem is shown once, at the input it is about: every platform shows a form's
    # errors there (the console too), so the text above the form does not repeat them.
    intro = t("replies.form_intro", ctx.lang, number=action.number, title=action.title)
    form = _update_form(action, ctx.lang, values, errors=errors)
    ctx.say(Message(intro, form=form))


def form_button(ctx: Ctx, value: str) -> None:
    action = action_named(ctx, value)
    if action is not None and not refused_update(ctx, action):
        _form_message(ctx, action)


def on_form(ctx: Ctx, form: str, context: str, values: dict[str, str]) -> None:
    """The update form submitted: status, text and an optional new deadline.

    An unreadable deadline sends the form back with the reason at that input, recording
    nothing. The sponsor or director sets a deadline given here; an owner proposes it.
    """
    if form != "update":
        ctx.tell("replies.form_unknown")
        return
    action = action_named(ctx, context)
    if action is None or refused_update(ctx, action):
        return
    problems = form_problems(action, values, ctx.today, ctx.lang)
    if problems:
        _form_message(ctx, action, values, **problems)
        return
    done = record_form(ctx, action, read_form(action, values, ctx.today, ctx.lang))
    if done.earlier is not None:
        earlier = done.earlier.action
        ctx.tell("replies.already_recorded", number=earlier.number, title=earlier.title)
        return
    lines = list(done.lines)
    if done.update is not None:
        lines.append(t("replies.how_to_fix", ctx.lang, minutes=undo_minutes()))
    ctx.say(Message("\n".join(lines), buttons=done.buttons))


@dataclass(frozen=True, slots=True)
class FormReading:
    """A form that passed ``form_problems``, read: what to record."""

    status: Status | None
    text: str
    deadline: Deadline | None
    progress: float | None


def read_form(action: Action, values: Mapping[str, str], today: date, lang: str) -> FormReading:
    """What a form without problems asks for (``form_problems`` returned nothing for it)."""
    choice = values.get("status", UNCHANGED).strip()
    status = None if choice in ("", UNCHANGED) else status_value(choice)
    phrase = values.get("deadline", "").strip()
    read = read_new_deadline(action, phrase, today, lang) if phrase else None
    value = form_value(action, values.get(KPI, ""), lang)
    return FormReading(
        status=status,
        text=values.get("text", "").strip(),
        deadline=read if isinstance(read, Deadline) else None,
        progress=value if isinstance(value, float) else None,
    )


def form_problems(
    action: Action, values: Mapping[str, str], today: date, lang: str
) -> dict[str, str]:
    """What is wrong with a submitted update form, per input: an unknown status, an unreadable
    deadline or KPI value, a value that cannot be the action's, or nothing filled in.
    Platforms that check a form before closing it (a Slack modal) show these at the inputs;
    otherwise the form comes back with them."""
    problems: dict[str, str] = {}
    choice = values.get("status", UNCHANGED).strip()
    if choice not in ("", UNCHANGED) and status_value(choice) is None:
        problems["status"] = t("replies.form_bad_status", lang)
    phrase = values.get("deadline", "").strip()
    if phrase:
        read = read_new_deadline(action, phrase, today, lang)
        if isinstance(read, str):
            problems["deadline"] = read
    value = form_value(action, values.get(KPI, ""), lang)
    if isinstance(value, str):
        problems[KPI] = value
    empty = (
        choice in ("", UNCHANGED)
        and not values.get("text", "").strip()
        and not phrase
        and value is None
    )
    if empty:
        problems["text"] = t("replies.form_empty", lang)
    return problems


def update_form(
    session: Session, person: Person, action_id: str, today: date, lang: str
) -> Form | None:
    """The update form for the action ``action_id`` names, when ``person`` may report on it.

    For platforms that open a form at once (a Slack modal); None when there is none to open,
    and the button then goes the usual way, which answers why.
    """
    number = row_number(action_id)
    action = None if number is None else action_by_id(session, number)
    if action is None or may_update(session, person, action, today) is not None:
        return None
    return _update_form(action, lang, errors={})


def refused_form(
    action: Action, values: Mapping[str, str], errors: Mapping[str, str], lang: str
) -> Form:
    """The update form again, with what was filled in and why it was refused, per input: for
    platforms that show a form's errors in place (a Teams card)."""
    return _update_form(action, lang, dict(values), errors=dict(errors))


@dataclass(frozen=True, slots=True)
class FormRecorded:
    """What a form did: the lines that say so to its sender, any buttons for them, and the
    rows it made. ``earlier`` is the update its event had made before: then nothing is new."""

    lines: tuple[str, ...] = ()
    buttons: tuple[Button, ...] = ()
    update: StatusUpdate | None = None
    deadline_set: bool = False  # the sender set the new deadline (rather than proposed it)
    proposal: DeadlineProposal | None = None  # the proposal, when the sender proposed it
    earlier: StatusUpdate | None = None


def record_form(ctx: Ctx, action: Action, form: FormReading) -> FormRecorded:
    """Record a checked form on ``action`` for ``ctx``'s event, once; say nothing to its sender.

    Written once for every channel a form comes through (chat, the web pages): the caller
    has checked the permission and the problems, and tells the sender what the result's lines
    say in its own way. Whoever else should hear of it (the deciders of a proposed deadline)
    is told here, through ``ctx.out``.
    """
    earlier = update_for_event(ctx.session, ctx.event_row)
    if earlier is not None:
        return FormRecorded(earlier=earlier)
    lines: list[str] = []
    row: StatusUpdate | None = None
    if form.status is not None or form.text or form.progress is not None:
        row = record_update(
            ctx.session,
            action,
            ctx.person,
            ctx.now,
            source=ctx.event.platform,
            status=form.status,
            text=form.text,
            event_row=ctx.event_row,
            progress=form.progress,
        )
        if form.status is not None or form.text:
            lines.append(recorded_line(action, row, ctx.lang))
        else:
            lines.append(t("replies.recorded", ctx.lang, number=action.number, title=action.title))
        if row.progress is not None:
            lines.append(kpi_line(action, row.progress, ctx.lang))
    buttons: tuple[Button, ...] = ()
    proposal: DeadlineProposal | None = None
    if form.deadline is not None:
        if may_decide(ctx.session, ctx.person, action) is None:
            # One event, one update: the status update holds this event, the move none.
            event_row = None if row is not None else ctx.event_row
            lines.append(move_deadline(ctx, action, form.deadline, event_row))
        else:
            proposal = propose_deadline(
                ctx.session,
                action,
                ctx.person,
                ctx.now,
                form.deadline,
                update_id=None if row is None else row.id,
            )
            line, buttons = offer_proposal(ctx, action, proposal, form.text)
            lines.append(line)
    set_here = form.deadline is not None and proposal is None
    return FormRecorded(tuple(lines), buttons, row, set_here, proposal)
