"""The update form of an action's edit page: status, text, a KPI value and a new deadline, with
the chat form's rights, checks and recording (``handlers.replies.form``).

A submission that passes is kept as the chat form's is: as an inbound event from the web
(``Source.WEB``), stored and handled in the same transaction, so its update points at the event
as every chat update does, and the same submission sent twice (a double click, the browser's
"send again") records once. The event's id comes from a random value the page put in the form
when it showed it. Then ``record_form`` records it exactly as for chat: the sponsor or director
sets a new deadline, an owner proposes it and the deciders are asked in chat, through the
outbox. What chat would have answered its sender is returned for the page to show instead.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from sqlalchemy.orm import Session

from handlers.editing.page_editor import (
    Editor,
    Problems,
    Refused,
    audit_change,
    cleaned,
    page_event,
)
from handlers.permissions import may_update
from handlers.replies.form import FormRecorded, form_problems, read_form, record_form, too_long
from storage.models import Action
from words.chat.inbound import FormIn
from words.clock import Clock
from words.domain import Source

# The chat form's inputs, in its own names (handlers.replies.form).
INPUTS: Final = ("status", "text", "kpi", "deadline")
# What the page puts in the form: 128 random bits, URL-safe.
SUBMISSION_FIELD: Final = "inzending"
_SUBMISSION: Final = re.compile(r"[A-Za-z0-9_-]{22}")


def new_submission() -> str:
    """A fresh value for the form's submission field: one per time the form is shown."""
    return secrets.token_urlsafe(16)


def usable_submission(value: str) -> str:
    """The submission field as sent when it is one of ours in form, else a fresh one."""
    return value if _SUBMISSION.fullmatch(value) else new_submission()


@dataclass(frozen=True, slots=True)
class Reported:
    """What the submission did, in the sender's language: chat's lines of confirmation (the
    update, its KPI value, the deadline set or proposed and to whom). ``again`` when this very
    submission had been recorded before and nothing new happened."""

    lines: tuple[str, ...]
    again: bool = False
    update_id: int | None = None
    proposal_id: int | None = None
    deadline_set: bool = False


def edit_refusal(session: Session, editor: Editor, action: Action, now: datetime) -> str | None:
    """Why ``editor`` may not open the edit form of ``action``: the chat form's rule
    (``may_update``: its owners and their deputies, its theme's sponsor, the director and
    programme support; never a reader). None when they may."""
    return may_update(session, editor.person, action, editor.today(now))


def report_on_page(
    session: Session,
    clock: Clock,
    editor: Editor,
    action: Action,
    *,
    fields: Mapping[str, str],
    submission: str,
) -> Refused | Problems | Reported:
    """Check and record the edit form sent in for ``action``; nothing is written unless it
    passes every check. ``submission`` is the form's submission field as sent."""
    now = clock.now()
    today = editor.today(now)
    refusal = may_update(session, editor.person, action, today)
    if refusal is not None:
        return Refused(refusal)
    names = INPUTS if action.kpi_target is not None else tuple(n for n in INPUTS if n != "kpi")
    values = cleaned(fields, names)
    problems = too_long(values, editor.lang) or form_problems(action, values, today, editor.lang)
    if problems:
        return Problems(problems)
    # A garbled or missing value still records, just without the protection against being
    # sent twice.
    nonce = usable_submission(submission)
    event = FormIn(
        platform=Source.WEB,
        event_id=f"page:{editor.person.id}:{nonce}",
        user_id=str(editor.person.id),
        received_at=now,
        form="update",
        context=str(action.id),
        values=values,
    )
    ctx = page_event(session, clock, editor, event, action)
    if ctx is None:
        return Reported((), again=True)
    done = record_form(ctx, action, read_form(action, values, today, editor.lang))
    audit_change(session, editor, now, action, what="action.update", detail=_detail(values, done))
    return Reported(
        done.lines,
        update_id=None if done.update is None else done.update.id,
        proposal_id=None if done.proposal is None else done.proposal.id,
        deadline_set=done.deadline_set,
    )


def _detail(values: Mapping[str, str], done: FormRecorded) -> dict[str, object]:
    """What the audit row keeps: what was sent in, and what it became."""
    detail: dict[str, object] = {k: v for k, v in values.items() if v and v != "unchanged"}
    if done.update is not None:
        detail["update"] = done.update.id
    if done.proposal is not None:
        detail["proposal"] = done.proposal.id
    if done.deadline_set:
        detail["deadline_set"] = True
    return detail
