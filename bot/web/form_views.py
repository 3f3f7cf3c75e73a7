"""The update form's fieldsets as the page shows them: per action its legend, theme, deadline
and status, and its inputs named per action ("status-12", "text-12", "kpi-12", "deadline-12",
12 being the action's id, as in the links a mail carries).

The inputs are the chat form's own (``handlers.replies.form.refused_form``): the same labels,
statuses and hints as on Slack and Teams, and a KPI input only for an action with a target.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from handlers.replies.finding import status_value
from handlers.replies.form import KPI, MAX_LINE, MAX_TEXT, UNCHANGED, refused_form
from handlers.wording import deadline_phrase, status_word
from storage.models import Action
from words.catalogue import t
from words.chat.messages import Input, InputKind

# What one action's inputs are called in the chat form, in the order of the page.
FIELD_NAMES = ("status", "text", KPI, "deadline")


def field_id(name: str, action_id: int) -> str:
    """The form field (and its element id) of input ``name`` of an action: "deadline-12"."""
    return f"{name}-{action_id}"


@dataclass(frozen=True, slots=True)
class Option:
    """One radio button of the status group."""

    id: str
    value: str
    label: str
    checked: bool


@dataclass(frozen=True, slots=True)
class FieldView:
    id: str  # the element id, and the form field's name
    label: str
    kind: str  # "text", "long_text" or "choice" (words.chat.messages.InputKind)
    value: str
    hint: str
    error: str
    options: tuple[Option, ...] = ()
    max_length: int = MAX_LINE

    @property
    def target(self) -> str:
        """What the error summary links to: the first radio of a group, else the input."""
        return self.options[0].id if self.options else self.id

    @property
    def described_by(self) -> str:
        ids = [f"{self.id}-hint"] if self.hint else []
        if self.error:
            ids.append(f"{self.id}-error")
        return " ".join(ids)


@dataclass(frozen=True, slots=True)
class ActionView:
    id: int
    number: int
    legend: str  # "#12 title"
    theme: str
    deadline: str
    status: str
    refused: str  # why the person may no longer update it; "" when they may
    fields: tuple[FieldView, ...]

    @property
    def anchor(self) -> str:
        """The fieldset's id: a mail's link to one action ends in "#actie-12"."""
        return f"actie-{self.id}"


def action_view(
    action: Action,
    theme: str,
    lang: str,
    *,
    values: Mapping[str, str],
    errors: Mapping[str, str],
    refused: str = "",
) -> ActionView:
    """The fieldset of ``action``; ``values`` and ``errors`` by the chat form's input names."""
    fields: tuple[FieldView, ...] = ()
    if not refused:
        form = refused_form(action, values, errors, lang)
        fields = tuple(_field(action.id, given) for given in form.inputs)
    return ActionView(
        id=action.id,
        number=action.number,
        legend=f"#{action.number} {action.title}",
        theme=theme,
        deadline=deadline_phrase(action, lang),
        status=status_word(action.status, lang),
        refused=refused,
        fields=fields,
    )


def _field(action_id: int, given: Input) -> FieldView:
    own = field_id(given.name, action_id)
    options: tuple[Option, ...] = ()
    if given.kind is InputKind.CHOICE:
        chosen = given.initial if given.initial in {c.value for c in given.choices} else UNCHANGED
        options = tuple(
            Option(f"{own}-{c.value}", c.value, c.label, c.value == chosen) for c in given.choices
        )
    return FieldView(
        id=own,
        label=given.label,
        kind=given.kind.value,
        value=given.initial,
        hint=given.hint,
        error=given.error,
        options=options,
        max_length=MAX_TEXT if given.kind is InputKind.LONG_TEXT else MAX_LINE,
    )


def values_of(fields: Mapping[str, str], action: Action) -> dict[str, str]:
    """One action's submitted values by the chat form's input names, as typed (stripped)."""
    kpi = action.kpi_target is not None
    names = [n for n in FIELD_NAMES if kpi or n != KPI]
    return {name: fields.get(field_id(name, action.id), "").strip() for name in names}


def untouched(values: Mapping[str, str]) -> bool:
    """Nothing asked for this action: it is left as it is, which is no error."""
    return values.get("status", "") in ("", UNCHANGED) and not any(
        values.get(name, "") for name in FIELD_NAMES if name != "status"
    )


def sent_lines(action: Action, values: Mapping[str, str], lang: str) -> list[str]:
    """What was sent in for ``action``, for the thank-you page."""
    lines: list[str] = []
    status = status_value(values.get("status", ""))
    if status is not None:
        lines.append(t("webform.sent_status", lang, status=status_word(status, lang)))
    if values.get("text", ""):
        lines.append(t("webform.sent_text", lang, text=values["text"]))
    if values.get(KPI, ""):
        lines.append(t("webform.sent_kpi", lang, value=values[KPI]))
    if values.get("deadline", ""):
        lines.append(t("webform.sent_deadline", lang, deadline=values["deadline"]))
    return lines
