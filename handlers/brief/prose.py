"""The sentences the letter adds around the owners' words: a theme's state when nobody wrote
one, what each action's news adds (completed, moved, overdue, its KPI), the track's actions
without news, what comes next, and the meetings. Every phrase comes from the catalogue."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from handlers.brief.facts import Facts, moved_deadlines
from handlers.brief.letter_settings import Naming
from storage.letter_rows import ActionRow, MeetingRow, UpdateRow
from words.catalogue import t
from words.chat.mentions import plain_mentions
from words.dates import period_name
from words.deadlines.letter_form import plain_date
from words.domain import MeetingKind, Status, UpdateKind
from words.numbers import format_number, percent_of

# What a status that changed in the period adds to the action's paragraph.
STATUS_NOTES = {
    Status.DONE: "brief.completed",
    Status.DELAYED: "brief.delayed",
    Status.AT_RISK: "brief.at_risk",
    Status.DROPPED: "brief.dropped",
    Status.ON_TRACK: "brief.back_on_track",
}


class ActionNews(NamedTuple):
    key: str
    title: str
    who: str  # the parties ("Borger-Odoorn en Coevorden"), with the owners if the programme says
    words: tuple[str, ...]  # the owners' words of the period (or their letter wording), in order
    notes: tuple[str, ...]  # what the letter adds: completed, moved, overdue
    kpi: str | None
    overdue: bool


@dataclass(frozen=True, slots=True)
class ComingItem:
    when: str  # "eerste kwartaal 2027"
    what: str  # "BOCE-03 Gezamenlijke woningmarktverkenning"


@dataclass(frozen=True, slots=True)
class MeetingLine:
    date: str
    title: str
    milestone: str | None  # the word "mijlpaal", or None for a meeting


def join(items: Sequence[str], lang: str) -> str:
    """'a', 'a en b', 'a, b en c'."""
    if len(items) <= 1:
        return "".join(items)
    return t("brief.and", lang, rest=", ".join(items[:-1]), last=items[-1])


def tidy(text: str) -> str:
    """An owner's words lightly normalised: one line, capital first, ending in punctuation."""
    words = " ".join(text.split())
    if not words:
        return ""
    words = words[0].upper() + words[1:]
    return words if words[-1] in ".!?…)\"'’”" else words + "."


def period_title(start: date, end: date, lang: str) -> str:
    """The period in words, without weekdays: 'eerste kwartaal 2027', 'tweede helft 2026'."""
    return period_name(start, end, lang, bare=True)


def _quoted(action: ActionRow, lang: str) -> str:
    return t("brief.quoted", lang, title=action.title)


def _group(key: str, actions: Sequence[ActionRow], lang: str) -> str | None:
    if not actions:
        return None
    return t(key, lang, n=len(actions), actions=join([_quoted(a, lang) for a in actions], lang))


def state_paragraphs(
    description: str, actions: Sequence[ActionRow], facts: Facts
) -> tuple[str, ...]:
    """A theme's state when nobody wrote one: its description and a sentence on the period,
    naming what was completed, what is late and what is at risk; the rest in one phrase."""
    lang = facts.lang
    paragraphs = [" ".join(description.split())] if description.strip() else []
    if not actions:
        return (*paragraphs, t("brief.state_none", lang))
    completed = [a for a in actions if facts.status_change(a) is Status.DONE]
    overdue = [a for a in actions if facts.overdue(a)]
    delayed = [a for a in actions if a.status is Status.DELAYED and not facts.overdue(a)]
    at_risk = [a for a in actions if a.status is Status.AT_RISK and not facts.overdue(a)]
    told = {a.id for a in (*completed, *overdue, *delayed, *at_risk)}
    rest = [a for a in actions if a.id not in told and not a.status.closed]
    sentences = [
        s
        for s in (
            _group("brief.state.completed", completed, lang),
            _group("brief.state.delayed", delayed, lang),
            _group("brief.state.at_risk", at_risk, lang),
            _group("brief.state.overdue", overdue, lang),
        )
        if s is not None
    ]
    sentences.append(_rest(rest, others=bool(sentences), lang=lang))
    return (*paragraphs, " ".join(s for s in sentences if s))


def _rest(rest: Sequence[ActionRow], *, others: bool, lang: str) -> str:
    if not rest:
        return "" if others else t("brief.state.all_closed", lang)
    started = [a for a in rest if a.status is not Status.OPEN]
    waiting = len(rest) - len(started)
    which = "other" if others else "all"
    if not waiting:
        return t(f"brief.state.{which}_on_track", lang)
    if not started:
        return t(f"brief.state.{which}_not_started", lang, n=waiting)
    return t(f"brief.state.{which}_mixed", lang, n=waiting)


def _who(action: ActionRow, facts: Facts, naming: Naming) -> str:
    parties = join(facts.parties(action), facts.lang)
    if naming != "officials" or not action.owners:
        return parties
    owners = t(
        "brief.owners", facts.lang, names=join(action.owners, facts.lang), n=len(action.owners)
    )
    return t("brief.who", facts.lang, owners=owners, parties=parties) if parties else owners


def _moved(update: UpdateRow, lang: str) -> str:
    old, new = moved_deadlines(update, lang)
    return t("brief.deadline_moved", lang, old=old, new=new)


def kpi_line(action: ActionRow, lang: str) -> str | None:
    """Progress against the target ('85 van 200 ...', Dutch rounding); None without a KPI."""
    if action.kpi_target is None:
        return None
    target = format_number(action.kpi_target, lang)
    if action.kpi_current is None:
        return t("brief.kpi_target", lang, target=target, unit=action.kpi_unit)
    current = format_number(action.kpi_current, lang)
    percent = percent_of(action.kpi_current, action.kpi_target)
    if percent is None:
        return t("brief.kpi_plain", lang, current=current, target=target, unit=action.kpi_unit)
    return t(
        "brief.kpi", lang, current=current, target=target, unit=action.kpi_unit, percent=percent
    )


def kpi_short(action: ActionRow, lang: str) -> str:
    """Progress for the overview table: '85 van 200 bedrijven (43%)'; "" without a value."""
    if action.kpi_target is None or action.kpi_current is None:
        return ""
    percent = percent_of(action.kpi_current, action.kpi_target)
    return t(
        "brief.kpi_short" if percent is not None else "brief.kpi_short_plain",
        lang,
        current=format_number(action.kpi_current, lang),
        target=format_number(action.kpi_target, lang),
        unit=action.kpi_unit,
        percent=percent,
    )


def _words(updates: Sequence[UpdateRow], facts: Facts) -> tuple[str, ...]:
    found: list[str] = []
    for update in updates:
        if update.kind is not UpdateKind.STATUS:
            continue
        if update.letter_text is not None and update.letter_text.strip():
            text = tidy(update.letter_text)
        else:
            text = tidy(plain_mentions(update.text, facts.names))
        if text and text not in found:  # the same words twice are said once
            found.append(text)
    return tuple(found)


def action_news(action: ActionRow, facts: Facts, naming: Naming) -> ActionNews:
    lang = facts.lang
    updates = facts.updates(action)
    notes = [_moved(u, lang) for u in updates if u.kind is UpdateKind.DEADLINE]
    change = facts.status_change(action)
    if change is not None and change in STATUS_NOTES:
        notes.append(t(STATUS_NOTES[change], lang))
    overdue = facts.overdue(action)
    if overdue:
        notes.append(t("brief.overdue", lang, deadline=facts.deadline(action)))
    return ActionNews(
        key=action.key,
        title=action.title,
        who=_who(action, facts, naming),
        words=_words(updates, facts),
        notes=tuple(notes),
        kpi=kpi_line(action, lang),
        overdue=overdue,
    )


def quiet_sentence(silent: Sequence[ActionRow], facts: Facts) -> str | None:
    """One sentence naming a track's open actions without news, with their status."""
    lang = facts.lang
    open_ones = [a for a in silent if not a.status.closed]
    if not open_ones:
        return None
    items = [
        t(
            "brief.quiet_item",
            lang,
            title=_quoted(a, lang),
            key=a.key,
            status=t(f"brief.status.{a.status.value}", lang),
        )
        for a in open_ones
    ]
    return t("brief.quiet", lang, n=len(items), actions=join(items, lang))


def coming_items(actions: Sequence[ActionRow], facts: Facts) -> tuple[ComingItem, ...]:
    """The open actions due in the next period, soonest first."""
    due = sorted(
        (
            a
            for a in actions
            if a.due is not None and facts.end < a.due <= facts.next_end and not a.status.closed
        ),
        key=lambda a: (a.due, a.number),
    )
    return tuple(ComingItem(facts.deadline(a), f"{a.key} {a.title}") for a in due)


def meeting_lines(
    meetings: Sequence[MeetingRow], first: date, last: date | None, lang: str
) -> tuple[MeetingLine, ...]:
    """The meetings and milestones from ``first`` to ``last`` (both included; None: on)."""
    return tuple(
        MeetingLine(
            plain_date(m.day, lang),
            m.title,
            t("brief.milestone", lang) if m.kind is MeetingKind.MILESTONE else None,
        )
        for m in meetings
        if first <= m.day and (last is None or m.day <= last)
    )
