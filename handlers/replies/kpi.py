"""KPI values in replies and the form: checking one against its action, and saying it back.

The value is read from the text by ``words.kpi_reading``; here it meets the action. One that
is negative or far beyond the target is refused (nothing is recorded, so the person can send
it again); one for an action without a KPI is said to be ignored, and the words are kept.
"""

from __future__ import annotations

from storage.models import Action
from words.catalogue import t
from words.kpi_reading import Refusal, kpi_in, read_number, refusal
from words.numbers import format_number, percent_of


def _unit(action: Action) -> str:
    return f" {action.kpi_unit}" if action.kpi_unit.strip() else ""


def kpi_line(action: Action, value: float, lang: str) -> str:
    """ "Stand 180 van 200 bedrijven (90 %)." in the person's language."""
    target = action.kpi_target
    if target is None:
        raise ValueError(f"action {action.id} has no KPI target")
    params = {
        "value": format_number(value, lang),
        "target": format_number(target, lang),
        "unit": _unit(action),
    }
    percent = percent_of(value, target)
    if percent is None:
        return t("replies.kpi_recorded_plain", lang, **params)
    return t("replies.kpi_recorded", lang, percent=percent, **params)


def refused_line(action: Action, value: float, lang: str) -> str | None:
    """Why ``value`` is not kept for ``action``, as a chat answer; None when it is fine."""
    target = action.kpi_target
    why = None if target is None else refusal(value, target)
    if why is None or target is None:
        return None
    shown = format_number(value, lang)
    if why is Refusal.NEGATIVE:
        return t("replies.kpi_negative", lang, value=shown)
    return t(
        "replies.kpi_absurd",
        lang,
        value=shown,
        number=action.number,
        target=format_number(target, lang),
        unit=_unit(action),
    )


def form_label(action: Action, target: float, lang: str) -> str:
    """The form's KPI input: "Stand (bedrijven; doel 200)"."""
    shown = format_number(target, lang)
    if not action.kpi_unit.strip():
        return t("replies.form_kpi_no_unit", lang, target=shown)
    return t("replies.form_kpi", lang, unit=action.kpi_unit, target=shown)


def form_value(action: Action, typed: str, lang: str) -> float | str | None:
    """The KPI value typed in the form: the number, the reason it is refused (for the input),
    or None when nothing was typed. A bare number is enough here; "stand 180" is read too."""
    if not typed.strip() or action.kpi_target is None:
        return None
    value = read_number(typed, lang)
    if value is None:
        found = kpi_in(typed, lang)
        value = found.value if found is not None and found.alone else None
    if value is None:
        return t("replies.form_kpi_bad", lang)
    why = refusal(value, action.kpi_target)
    if why is Refusal.NEGATIVE:
        return t("replies.form_kpi_negative", lang)
    if why is Refusal.ABSURD:
        return t("replies.form_kpi_absurd", lang, target=format_number(action.kpi_target, lang))
    return value
