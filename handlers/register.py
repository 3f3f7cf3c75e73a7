"""Answers about the register: which actions there are, one action's details, a deadline.

Handlers take plain values and a session and return text; they know nothing of the platform
the question came from.
"""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.catalogue import t
from bot.deadlines import DeadlineError, parse_deadline
from bot.domain import UpdateKind
from storage.models import Action, StatusUpdate
from storage.register import ActionFilter, action_by_ref, list_actions, programmes


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


def _update_summary(update: StatusUpdate, lang: str) -> str:
    if update.kind is UpdateKind.DEADLINE:
        return t(
            "chat.deadline_moved",
            lang,
            old=update.previous_deadline_text or "-",
            new=update.new_deadline_text or "-",
        )
    parts = [t(f"status.{update.status.value}", lang)] if update.status else []
    if update.text:
        parts.append(update.text)
    return " - ".join(parts)


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


def action_text(session: Session, ref: str, lang: str) -> str:
    for programme in programmes(session):
        action = action_by_ref(session, programme.id, ref)
        if action is not None:
            break
    else:
        return t("chat.unknown_action", lang, ref=ref)
    # History is dated where the programme is, not in UTC (late evening updates).
    zone = ZoneInfo(action.programme.timezone)
    lines = [
        _line(action, lang),
        t(
            "chat.action_theme",
            lang,
            theme=action.theme.name,
            track=action.track.name if action.track else "-",
        ),
    ]
    if action.description:
        lines.append(action.description)
    if action.kpi_target is not None:
        lines.append(
            t(
                "chat.action_kpi",
                lang,
                current=action.kpi_current or 0,
                target=action.kpi_target,
                unit=action.kpi_unit,
            )
        )
    for update in action.updates[-5:]:
        lines.append(
            t(
                "chat.action_update",
                lang,
                when=update.created_at.astimezone(zone).date().isoformat(),
                text=_update_summary(update, lang),
            )
        )
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
