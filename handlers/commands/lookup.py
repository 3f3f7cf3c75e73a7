"""Answers about the register: which actions there are, per theme.

Handlers take plain values and a session and return text; they know nothing of the platform
the question came from.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from storage.models import Action
from storage.register import ActionFilter, list_actions
from words.catalogue import t


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
