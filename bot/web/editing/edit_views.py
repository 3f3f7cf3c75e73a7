"""What the editing pages' forms show: the action's update form (the chat form's own inputs,
as the personal update form shows them, ``bot.web.form_views``) and the correction form of
one's own update, with what was filled in and the problems at their inputs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from bot.web.core.auth import Viewer
from bot.web.form_views import FieldView, Option, action_view
from handlers.editing.page_editor import Editor
from handlers.replies.form import FORM_STATUSES, KPI, MAX_LINE, MAX_TEXT, UNCHANGED
from handlers.replies.kpi import form_label
from handlers.wording import status_word
from storage.audit import Origin
from storage.models import Action, StatusUpdate
from storage.people import person_by_id
from words.catalogue import t
from words.numbers import format_number


def editor_of(session: Session, viewer: Viewer, origin: Origin) -> Editor | None:
    """The signed-in viewer as the person who changes something; None when they are gone."""
    person = person_by_id(session, viewer.person_id)
    return None if person is None else Editor(person, viewer.lang, viewer.zone, origin)


@dataclass(frozen=True, slots=True)
class Fact:
    label: str
    value: str


def error_summary(fields: Sequence[FieldView]) -> list[tuple[str, str]]:
    """The summary above a refused form: a link to each input with a problem, and why."""
    return [(f"#{f.target}", f.error) for f in fields if f.error]


def update_form(
    action: Action, lang: str, values: Mapping[str, str], errors: Mapping[str, str]
) -> tuple[FieldView, ...]:
    """The update form's inputs for ``action``, named per action as on the personal form
    ("status-12"); ``values`` and ``errors`` by the chat form's input names."""
    return action_view(action, "", lang, values=values, errors=errors).fields


def action_facts(action: Action, owners: Sequence[str], lang: str) -> tuple[Fact, ...]:
    """What the edit page says of the action above its form."""
    view = action_view(action, action.theme.name, lang, values={}, errors={})
    facts = [
        Fact(t("web.editing.theme", lang), view.theme),
        Fact(t("web.editing.owners", lang), ", ".join(owners)),
        Fact(t("web.editing.deadline_now", lang), view.deadline),
        Fact(t("web.editing.status_now", lang), view.status),
    ]
    if action.kpi_target is not None:
        now = action.kpi_current
        shown = t("web.editing.kpi_none_yet", lang) if now is None else format_number(now, lang)
        facts.append(Fact(t("web.editing.kpi_now", lang), shown))
    return tuple(facts)


def correction_form(
    row: StatusUpdate,
    action: Action,
    lang: str,
    values: Mapping[str, str] | None = None,
    errors: Mapping[str, str] | None = None,
) -> tuple[FieldView, ...]:
    """The correction form of ``row``: its status, words and value as they stand, or as sent
    in again with ``errors``. Its status stays when "leave unchanged" is chosen."""
    given = values if values is not None else _as_it_stands(row, lang)
    problems = errors if errors is not None else {}
    chosen = given.get("status", UNCHANGED)
    statuses = [(s.value, status_word(s, lang)) for s in FORM_STATUSES]
    statuses.append((UNCHANGED, t("web.editing.keep_status", lang)))
    known = {value for value, _ in statuses}
    chosen = chosen if chosen in known else UNCHANGED
    fields = [
        FieldView(
            id="status",
            label=t("web.editing.field_status", lang),
            kind="choice",
            value=chosen,
            hint="",
            error=problems.get("status", ""),
            options=tuple(
                Option(f"status-{value}", value, label, value == chosen)
                for value, label in statuses
            ),
        ),
        FieldView(
            id="text",
            label=t("web.editing.field_text", lang),
            kind="long_text",
            value=given.get("text", ""),
            hint="",
            error=problems.get("text", ""),
            max_length=MAX_TEXT,
        ),
    ]
    if action.kpi_target is not None:
        fields.append(
            FieldView(
                id=KPI,
                label=form_label(action, action.kpi_target, lang),
                kind="text",
                value=given.get(KPI, ""),
                hint=t("web.editing.kpi_keep_hint", lang),
                error=problems.get(KPI, ""),
                max_length=MAX_LINE,
            )
        )
    return tuple(fields)


def _as_it_stands(row: StatusUpdate, lang: str) -> dict[str, str]:
    in_form = row.status is not None and row.status in FORM_STATUSES
    return {
        "status": row.status.value if in_form and row.status is not None else UNCHANGED,
        "text": row.text,
        KPI: "" if row.progress is None else format_number(row.progress, lang),
    }
