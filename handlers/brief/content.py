"""The voortgangsbrief's content, compiled from the register's rows: pure data, no SQL.

``compile_brief`` turns ``storage.letter_rows.BriefData`` into a ``Letter`` that the templates of
bot.letter.formats lay out. Every sentence the letter adds comes from the catalogue; the owners'
own words are only tidied (spaces, capital, full stop), never rewritten or made up.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, Final, NamedTuple

from storage.letter_rows import ActionRow, BriefData, UpdateRow
from words.batch import without_collector
from words.catalogue import language, t
from words.chat.mentions import plain_mentions
from words.dates import long_date
from words.domain import LETTER_LABELS, Cadence, MeetingKind, Status, UpdateKind

LIGHTS: Final[dict[Status, str]] = {
    Status.OPEN: "wit",
    Status.ON_TRACK: "groen",
    Status.AT_RISK: "oranje",
    Status.DELAYED: "rood",
    Status.DONE: "grijs",
    Status.DROPPED: "grijs",
}

# What a status reported in the period adds to the action's paragraph.
STATUS_NOTES: Final[dict[Status, str]] = {
    Status.DONE: "brief.completed",
    Status.DELAYED: "brief.delayed",
    Status.AT_RISK: "brief.at_risk",
    Status.DROPPED: "brief.dropped",
}


def _t(key: str, lang: str, /, **params: object) -> str:
    return t(key, lang, **params)


class ActionParagraph(NamedTuple):
    key: str
    heading: str  # "BOCE-01 title (deadline: ...; trekker: ...)"
    kpi: str | None
    words: tuple[str, ...]  # the owners' words of the period, in order
    notes: tuple[str, ...]  # completed, delayed, deadline moved; or that nothing came in


@dataclass(frozen=True, slots=True)
class Group:
    heading: str | None  # the track ("Samen doen in 2026"); None for programmes without tracks
    actions: tuple[ActionParagraph, ...]


@dataclass(frozen=True, slots=True)
class Section:
    number: int
    name: str
    state: str
    groups: tuple[Group, ...]


@dataclass(frozen=True, slots=True)
class MeetingLine:
    date: str
    title: str
    milestone: str | None  # the word "mijlpaal", or None for a meeting


class OverviewRow(NamedTuple):
    theme: str
    key: str
    title: str
    parties: str
    deadline: str
    status: Status
    status_word: str
    light: str  # groen, oranje, rood, grijs or wit
    light_word: str


@dataclass(frozen=True, slots=True)
class SinceLast:
    completed: tuple[str, ...]
    status_changes: tuple[str, ...]
    deadline_moves: tuple[str, ...]
    # Which letter this looks back to ("Sinds voortgangsbrief 3 van ..."); "" for the first.
    intro: str = ""


@dataclass(frozen=True, slots=True)
class ChartRow:
    """One theme's bar in the status chart: how many actions it has per status."""

    theme: str
    counts: tuple[tuple[Status, int], ...]  # every Status in enum order, zeros included


@dataclass(frozen=True, slots=True)
class Signatory:
    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Letter:
    lang: str
    subject: str
    addressee: str
    opening: str
    period: str
    overview: tuple[OverviewRow, ...]
    chart: tuple[ChartRow, ...]
    since: SinceLast
    sections: tuple[Section, ...]
    coordination: tuple[str, ...]
    meetings: tuple[MeetingLine, ...]
    closing: str
    signed_by: str
    signatories: tuple[Signatory, ...]
    labels: tuple[tuple[str, str], ...]  # fixed headings for the templates, from the catalogue
    update_ids: tuple[int, ...]
    # A draft lists the actions whose update for the period is still missing; a final has none.
    draft: bool = False
    missing: tuple[str, ...] = ()


def tidy(text: str) -> str:
    """An owner's words lightly normalised: one line, capital first, ending in punctuation."""
    words = " ".join(text.split())
    if not words:
        return ""
    words = words[0].upper() + words[1:]
    return words if words[-1] in ".!?…)\"'’”" else words + "."


def _number(value: float, lang: str) -> str:
    if value == int(value):
        return str(int(value))
    shown = f"{value:.1f}"
    return shown.replace(".", ",") if language(lang) == "nl" else shown


def _join(items: Sequence[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return _t("brief.and", lang, rest=", ".join(items[:-1]), last=items[-1])


def state_sentence(actions: Sequence[ActionRow], lang: str) -> str:
    """The theme's state in a sentence, from its actions' status counts."""
    if not actions:
        return _t("brief.state_none", lang)
    counts = Counter(a.status for a in actions)
    parts = [_t(f"brief.count.{s.value}", lang, n=counts[s]) for s in Status if counts[s]]
    return _t("brief.state", lang, n=len(actions), counts=_join(parts, lang))


def kpi_line(action: ActionRow, lang: str) -> str | None:
    """Progress against the target ('85 van 200 ...'); None for actions without a KPI."""
    if action.kpi_target is None:
        return None
    target = _number(action.kpi_target, lang)
    if action.kpi_current is None:
        return _t("brief.kpi_target", lang, target=target, unit=action.kpi_unit)
    percent = round(100 * action.kpi_current / action.kpi_target) if action.kpi_target else 0
    current = _number(action.kpi_current, lang)
    return _t(
        "brief.kpi", lang, current=current, target=target, unit=action.kpi_unit, percent=percent
    )


def _notes(updates: Sequence[UpdateRow], lang: str) -> tuple[str, ...]:
    if not updates:
        return (_t("brief.no_update", lang),)
    notes: list[str] = []
    for update in updates:
        if update.kind is UpdateKind.DEADLINE:
            notes.append(_deadline_moved(update, lang))
        elif update.status is not None and update.status != update.previous_status:
            note = STATUS_NOTES.get(update.status)
            if note is not None:
                notes.append(_t(note, lang))
    return tuple(notes)


def _deadline_moved(update: UpdateRow, lang: str) -> str:
    none = _t("brief.no_deadline", lang)
    old = update.previous_deadline_text if update.previous_deadline_text else none
    new = update.new_deadline_text if update.new_deadline_text else none
    return _t("brief.deadline_moved", lang, old=old, new=new)


def _paragraph(
    action: ActionRow, updates: Sequence[UpdateRow], names: Mapping[str, str], lang: str
) -> ActionParagraph:
    words = tuple(
        tidy(plain_mentions(u.text, names))
        for u in updates
        if u.kind is UpdateKind.STATUS and u.text.strip()
    )
    heading = _t(
        "brief.action_line",
        lang,
        key=action.key,
        title=action.title,
        deadline=action.deadline_text if action.deadline_text else _t("brief.no_deadline", lang),
        owners=", ".join(action.owners) if action.owners else _t("brief.no_owner", lang),
        n=_owner_count(action),
    )
    return ActionParagraph(
        action.key, heading, kpi_line(action, lang), words, _notes(updates, lang)
    )


def _owner_count(action: ActionRow) -> int:
    # "trekker: Rob", "trekkers: Rob, Wim", and for an action without one "trekker: niemand".
    return len(action.owners) if action.owners else 1


def _groups(
    data: BriefData, actions: Sequence[ActionRow], by_action: dict[int, list[UpdateRow]], lang: str
) -> tuple[Group, ...]:
    def paragraphs(chosen: Iterable[ActionRow]) -> tuple[ActionParagraph, ...]:
        return tuple(_paragraph(a, by_action.get(a.id, []), data.names, lang) for a in chosen)

    if not data.tracks:
        return (Group(None, paragraphs(actions)),) if actions else ()
    groups = []
    for track in data.tracks:
        mine = [a for a in actions if a.track_id == track.id]
        if mine:  # a track without actions in this theme gets no empty heading
            heading = _t("brief.track_heading", lang, track=track.name, year=data.end.year)
            groups.append(Group(heading, paragraphs(mine)))
    loose = [a for a in actions if a.track_id is None]
    if loose:
        groups.append(Group(_t("brief.other_heading", lang), paragraphs(loose)))
    return tuple(groups)


def _sections(
    data: BriefData, by_action: dict[int, list[UpdateRow]], lang: str
) -> tuple[Section, ...]:
    sections = []
    for number, theme in enumerate(data.themes, start=1):
        actions = [a for a in data.actions if a.theme_id == theme.id]
        groups = _groups(data, actions, by_action, lang)
        sections.append(Section(number, theme.name, state_sentence(actions, lang), groups))
    return tuple(sections)


def _overview(data: BriefData, lang: str) -> tuple[OverviewRow, ...]:
    names = {theme.id: theme.name for theme in data.themes}
    order = {theme.id: i for i, theme in enumerate(data.themes)}
    rows = sorted(data.actions, key=lambda a: (order.get(a.theme_id, len(order)), a.number))
    return tuple(
        OverviewRow(
            theme=names.get(a.theme_id, ""),
            key=a.key,
            title=a.title,
            parties=", ".join(a.parties),
            deadline=a.deadline_text,
            status=a.status,
            status_word=_status_word(a.status, lang),
            light=LIGHTS[a.status],
            light_word=_light_word(a.status, lang),
        )
        for a in rows
    )


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
            none = _t("brief.no_deadline", lang)
            old = update.previous_deadline_text if update.previous_deadline_text else none
            new = update.new_deadline_text if update.new_deadline_text else none
            moves.append(_change(action, old, new, lang))
        elif update.status is not None and update.status != update.previous_status:
            old = (
                "–"
                if update.previous_status is None
                else _status_word(update.previous_status, lang)
            )
            changes.append(_change(action, old, _status_word(update.status, lang), lang))
            if update.status is Status.DONE:
                completed.append(_t("brief.done_line", lang, key=action.key, title=action.title))
    intro = _t(
        "brief.since_first" if data.previous_number is None else "brief.since_previous",
        lang,
        number=data.previous_number,
    )
    return SinceLast(tuple(completed), tuple(changes), tuple(moves), intro)


# Cached: a letter asks for the same dozen words tens of thousands of times.
@lru_cache(maxsize=64)
def _status_word(status: Status, lang: str) -> str:
    return _t(f"brief.status.{status.value}", lang)


@lru_cache(maxsize=64)
def _light_word(status: Status, lang: str) -> str:
    return _t(f"brief.light.{LIGHTS[status]}", lang)


def _change(action: ActionRow, old: str, new: str, lang: str) -> str:
    return _t("brief.change", lang, key=action.key, title=action.title, old=old, new=new)


def _meetings(data: BriefData, lang: str) -> tuple[MeetingLine, ...]:
    return tuple(
        MeetingLine(
            long_date(m.day, lang),
            m.title,
            _t("brief.milestone", lang) if m.kind is MeetingKind.MILESTONE else None,
        )
        for m in data.meetings
    )


def _text(letter: dict[str, Any], field: str) -> str:
    value = letter.get(field)
    return value if isinstance(value, str) else ""


def _signatories(letter: dict[str, Any]) -> tuple[Signatory, ...]:
    blocks = letter.get("signatories")
    if not isinstance(blocks, list):
        return ()
    return tuple(
        Signatory(tuple(str(line) for line in block.get("lines", [])))
        for block in blocks
        if isinstance(block, dict)
    )


def _coordination(data: BriefData, lang: str) -> tuple[str, ...]:
    reported = len({u.action_id for u in data.updates})
    sentence = _t(
        "brief.coordination",
        lang,
        updates=len(data.updates),
        n=len(data.updates),
        reported=reported,
        total=len(data.actions),
    )
    return (sentence,)


def _labels(letter: Mapping[str, Any], lang: str) -> tuple[tuple[str, str], ...]:
    # The programme file may word the fixed headings its own way (letter.labels).
    own = letter.get("labels")
    mine = own if isinstance(own, dict) else {}
    return tuple(
        (key, str(mine[key]) if key in mine else _t(f"brief.{key}", lang)) for key in LETTER_LABELS
    )


def missing_actions(data: BriefData) -> tuple[ActionRow, ...]:
    """Open actions without a status update in the period: what "brief herinner" asks for."""
    reported = {u.action_id for u in data.updates if u.kind is UpdateKind.STATUS}
    return tuple(a for a in data.actions if not a.status.closed and a.id not in reported)


def _missing_lines(data: BriefData, lang: str) -> tuple[str, ...]:
    return tuple(
        _t(
            "brief.missing_line",
            lang,
            key=a.key,
            title=a.title,
            owners=", ".join(a.owners) if a.owners else _t("brief.no_owner", lang),
            n=_owner_count(a),
        )
        for a in missing_actions(data)
    )


@without_collector
def compile_brief(data: BriefData, lang: str = "nl", *, draft: bool = False) -> Letter:
    """The letter for ``data``'s period: the same data gives the same letter.

    A draft also lists the actions whose update for the period is missing.
    """
    by_action: dict[int, list[UpdateRow]] = {}
    for update in data.updates:
        by_action.setdefault(update.action_id, []).append(update)
    letter = data.letter
    return Letter(
        lang=language(lang),
        subject=_text(letter, "subject") if _text(letter, "subject") else data.programme_name,
        addressee=_text(letter, "addressee"),
        opening=_text(letter, "opening"),
        period=_t(
            "brief.period", lang, start=long_date(data.start, lang), end=long_date(data.end, lang)
        ),
        overview=_overview(data, lang),
        chart=_chart(data),
        since=_since(data, lang),
        sections=_sections(data, by_action, lang),
        coordination=_coordination(data, lang),
        meetings=_meetings(data, lang),
        closing=_text(letter, "closing"),
        signed_by=_text(letter, "signed_by"),
        signatories=_signatories(letter),
        labels=_labels(letter, lang),
        update_ids=tuple(u.id for u in data.updates),
        draft=draft,
        missing=_missing_lines(data, lang) if draft else (),
    )


def reporting_period(cadence: Cadence, today: date) -> str:
    """The reporting period that contains ``today``, in the words parse_period reads."""
    if cadence is Cadence.MONTH:
        return f"{today.year}-{today.month:02d}"
    if cadence is Cadence.QUARTER:
        return f"{today.year}-Q{(today.month - 1) // 3 + 1}"
    if cadence is Cadence.HALF:
        return f"{today.year}-H{1 if today.month <= 6 else 2}"
    return str(today.year)
