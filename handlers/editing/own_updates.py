"""Correcting and withdrawing one's own update from the history page: chat's 'wijzig' and
'ongedaan' (``handlers.replies.corrections``) with the same rights, for any update a page names.

- Correcting: one's own report (not a deadline move), as long as it stands and its author may
  still update its action. Chat corrects only the last one because a chat line cannot name
  another; the right is the same: one's own words, the old wording kept as a revision, and a
  new status or value reaching the action only while it still has the one this update gave.
- Withdrawing: the same, and only within chat's undo window (``UNDO_WINDOW``) after it was
  recorded. Later it can be corrected, not withdrawn, as in chat. A withdrawn update stays in
  the action's history with who withdrew it and when; nothing is deleted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from sqlalchemy.orm import Session

from handlers.editing.page_editor import Editor, Problems, Refused, audit_change, cleaned
from handlers.permissions import may_update
from handlers.replies.corrections import edited_line, too_late, withdrawn_lines
from handlers.replies.finding import status_value
from handlers.replies.form import FORM_STATUSES, KPI, UNCHANGED, too_long
from handlers.replies.kpi import form_value
from storage.models import StatusUpdate
from storage.updates import AlreadyWithdrawnError, edit_update
from words.catalogue import t
from words.domain import UpdateKind

INPUTS: Final = ("status", "text", KPI)


@dataclass(frozen=True, slots=True)
class Corrected:
    """The confirmation to show; ``changed`` False when the form said what the update said."""

    lines: tuple[str, ...]
    changed: bool


def correction_refusal(
    session: Session, editor: Editor, row: StatusUpdate, now: datetime
) -> str | None:
    """Why ``editor`` may not correct ``row`` (its action loaded); None when they may."""
    if row.author_id != editor.person.id:
        return "web.editing.not_your_update"
    if row.kind is not UpdateKind.STATUS:
        return "web.editing.not_a_report"
    if row.withdrawn_at is not None:
        return "web.editing.withdrawn_already"
    return may_update(session, editor.person, row.action, editor.today(now))


def withdrawal_refusal(
    session: Session, editor: Editor, row: StatusUpdate, now: datetime
) -> str | None:
    """Why ``editor`` may not withdraw ``row`` (its action loaded); None when they may."""
    refusal = correction_refusal(session, editor, row, now)
    if refusal is None and too_late(row, now):
        return "web.editing.too_late"
    return refusal


def correct_update(
    session: Session, editor: Editor, row: StatusUpdate, now: datetime, fields: Mapping[str, str]
) -> Refused | Problems | Corrected:
    """Correct ``row`` (its action loaded) as the correction form asks; nothing is written
    unless every check passes."""
    refusal = correction_refusal(session, editor, row, now)
    if refusal is not None:
        return Refused(refusal)
    action, lang = row.action, editor.lang
    names = INPUTS if action.kpi_target is not None else ("status", "text")
    values = cleaned(fields, names)
    problems = too_long(values, lang)
    if problems:
        return Problems(problems)
    choice = values["status"]
    status = None if choice in ("", UNCHANGED) else status_value(choice)
    if choice not in ("", UNCHANGED) and status not in FORM_STATUSES:
        problems["status"] = t("replies.form_bad_status", lang)
    value = form_value(action, values.get(KPI, ""), lang)
    if isinstance(value, str):
        problems[KPI] = value
    progress = value if isinstance(value, float) else None
    text = values["text"]
    # An update says something: words, a status or a value. Its own status and value stay
    # when the form leaves them (chat cannot take them away either).
    keeps_something = status is not None or row.status is not None
    keeps_something = keeps_something or progress is not None or row.progress is not None
    if not text and not keeps_something:
        problems["text"] = t("web.editing.text_needed", lang)
    if problems:
        return Problems(problems)
    before = {"status": _word(row), "text": row.text, "kpi": row.progress}
    if not edit_update(session, row, now, text=text, status=status, progress=progress):
        line = t("replies.edit_unchanged", lang, number=action.number, title=action.title)
        return Corrected((line,), changed=False)
    audit_change(
        session,
        editor,
        now,
        action,
        what="update.edit",
        detail={
            "update": row.id,
            "before": before,
            "after": {"status": _word(row), "text": row.text, "kpi": row.progress},
        },
    )
    return Corrected((edited_line(action, row, lang),), changed=True)


def withdraw_own(
    session: Session, editor: Editor, row: StatusUpdate, now: datetime
) -> Refused | Corrected:
    """Withdraw ``row`` (its action loaded): it leaves every current view and stays in the
    history as withdrawn. What it put back (status, KPI value) is said."""
    refusal = withdrawal_refusal(session, editor, row, now)
    if refusal is not None:
        return Refused(refusal)
    action = row.action
    try:
        lines = withdrawn_lines(session, action, row, by=editor.person, now=now, lang=editor.lang)
    except AlreadyWithdrawnError:
        # Withdrawn by another request at the same moment: nothing more to do.
        return Refused("web.editing.withdrawn_already")
    audit_change(session, editor, now, action, what="update.withdraw", detail={"update": row.id})
    return Corrected(tuple(lines), changed=True)


def _word(row: StatusUpdate) -> str | None:
    return None if row.status is None else row.status.value
