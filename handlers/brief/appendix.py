"""The letter's appendix: the register as a table with traffic lights, the status chart per
theme, and what changed since the previous letter. Where it goes (an appendix, the front, or
nowhere) is the programme's setting."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Final, NamedTuple

from handlers.brief.facts import Facts, moved_deadlines
from handlers.brief.letter_settings import Placement
from handlers.brief.prose import kpi_short
from storage.letter_rows import ActionRow, BriefData
from words.catalogue import t
from words.domain import Status, UpdateKind

LIGHTS: Final[dict[Status, str]] = {
    Status.OPEN: "wit",
    Status.ON_TRACK: "groen",
    Status.AT_RISK: "oranje",
    Status.DELAYED: "rood",
    Status.DONE: "grijs",
    Status.DROPPED: "grijs",
}
OVERDUE_LIGHT: Final = "rood"


class OverviewRow(NamedTuple):
    theme: str
    key: str
    title: str
    parties: str  # short names: "Borger-Odoorn, Emmen"
    deadline: str
    status: Status
    status_word: str  # "op schema", or "op schema; termijn verstreken"
    light: str  # groen, oranje, rood, grijs or wit
    light_word: str
    overdue: bool
    kpi: str = ""  # progress against the target, "" for actions without a KPI


@dataclass(frozen=True, slots=True)
class ChartRow:
    """One theme's bar in the status chart: how many actions it has per status."""

    theme: str
    counts: tuple[tuple[Status, int], ...]  # every Status in enum order, zeros included


@dataclass(frozen=True, slots=True)
class SinceLast:
    completed: tuple[str, ...]
    status_changes: tuple[str, ...]
    deadline_moves: tuple[str, ...]
    # Which letter this looks back to ("Wat er veranderde sinds voortgangsbrief 3.").
    intro: str = ""


@dataclass(frozen=True, slots=True)
class Appendix:
    placement: Placement
    overview: tuple[OverviewRow, ...]
    chart: tuple[ChartRow, ...]
    since: SinceLast


@lru_cache(maxsize=64)
def status_word(status: Status, lang: str) -> str:
    return t(f"brief.status.{status.value}", lang)


@lru_cache(maxsize=64)
def light_word(light: str, lang: str) -> str:
    return t(f"brief.light.{light}", lang)


def traffic_light(status: Status, overdue: bool) -> str:
    """An action's light: red once its deadline passed while it is open, else its status's.
    The one rule, for the letter and the web pages alike."""
    return OVERDUE_LIGHT if overdue else LIGHTS[status]


def _row(action: ActionRow, theme: str, facts: Facts) -> OverviewRow:
    lang = facts.lang
    overdue = facts.overdue(action)
    light = traffic_light(action.status, overdue)
    word = status_word(action.status, lang)
    if overdue:
        word = t("brief.status_overdue", lang, status=word)
    return OverviewRow(
        theme=theme,
        key=action.key,
        title=action.title,
        parties=", ".join(facts.parties(action)),
        deadline=facts.deadline(action),
        status=action.status,
        status_word=word,
        light=light,
        light_word=light_word(light, lang),
        overdue=overdue,
        kpi=kpi_short(action, lang),
    )


def _overview(data: BriefData, facts: Facts) -> tuple[OverviewRow, ...]:
    names = {theme.id: theme.name for theme in data.themes}
    order = {theme.id: i for i, theme in enumerate(data.themes)}
    rows = sorted(data.actions, key=lambda a: (order.get(a.theme_id, len(order)), a.number))
    return tuple(_row(a, names.get(a.theme_id, ""), facts) for a in rows)


def _chart(data: BriefData) -> tuple[ChartRow, ...]:
    rows = []
    for theme in data.themes:
        counts = Counter(a.status for a in data.actions if a.theme_id == theme.id)
        rows.append(ChartRow(theme.name, tuple((s, counts[s]) for s in Status)))
    return tuple(rows)


def _since(data: BriefData, lang: str) -> SinceLast:
    actions = {a.id: a for a in data.actions}
    completed: list[str] = []
    changes: list[str] = []
    moves: list[str] = []
    for update in data.since_updates:
        action = actions.get(update.action_id)
        if action is None:
            continue
        if update.kind is UpdateKind.DEADLINE:
            moves.append(_change(action, *moved_deadlines(update, lang), lang))
        elif update.status is not None and update.status != update.previous_status:
            old = (
                "–" if update.previous_status is None else status_word(update.previous_status, lang)
            )
            changes.append(_change(action, old, status_word(update.status, lang), lang))
            if update.status is Status.DONE:
                completed.append(t("brief.done_line", lang, key=action.key, title=action.title))
    intro = t(
        "brief.since_first" if data.previous_number is None else "brief.since_previous",
        lang,
        number=data.previous_number,
    )
    return SinceLast(tuple(completed), tuple(changes), tuple(moves), intro)


def _change(action: ActionRow, old: str, new: str, lang: str) -> str:
    return t("brief.change", lang, key=action.key, title=action.title, old=old, new=new)


def appendix(data: BriefData, facts: Facts, placement: Placement) -> Appendix:
    return Appendix(placement, _overview(data, facts), _chart(data), _since(data, facts.lang))
