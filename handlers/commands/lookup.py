"""Answers about the register: which actions there are, one action's details, a deadline.

Handlers take plain values and a session and return text; they know nothing of the platform
the question came from.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from storage.models import Action
from storage.register import ActionFilter, list_actions
from words.catalogue import t
from words.deadlines.error import DeadlineError
from words.deadlines.parse import parse_deadline


def _line(action: Action, lang: str) -> str:
    owners = ", ".join(p.name for p in action.owners)
    deadline = action.deadline_text or "-"
    status = t(f"status.{action.status.value}", lang)
    return t(
        "chat.action_line",
        lang,
        number=action.number,
        key=action.key,
        title=action.title,
        owners=owners,
        deadline=deadline,
        status=status,
    )


def actions_text(session: Session, flt: ActionFilter, lang: str) -> str:
    actions = list_actions(session, flt)
    if not actions:
        return t("chat.no_actions", lang)
    lines: list[str] = []
    theme = None
    for action in actions:
        if action.theme_id != theme:
            theme = action.theme_id
            lines.append(t("chat.theme_heading", lang, theme=action.theme.name))
        lines.append(_line(action, lang))
    return "\n".join(lines)


def deadline_text(text: str, today: date, lang: str) -> str:
    try:
        deadline = parse_deadline(text, today)
    except DeadlineError as err:
        return err.message(lang)
    return t(
        "chat.deadline",
        lang,
        text=deadline.text,
        due=deadline.due.isoformat(),
        precision=t(f"precision.{deadline.precision.value}", lang),
    )
