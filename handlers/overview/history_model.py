"""One action as a page: its details, and everything that happened to it in time order.

The history holds every update (a status, words, a KPI value) with who gave it, when and
through which channel; each correction of one (the earlier wording kept); each withdrawal
(the update stays, marked withdrawn, by whom and when); each moved deadline; and each
proposed deadline with its decision. Withdrawn updates count nowhere else, but here they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Final
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from handlers.brief.appendix import light_word, traffic_light
from handlers.brief.facts import short_party, update_deadline
from handlers.overview.action_lines import deadline_words, kpi_words
from handlers.permissions import may_update
from handlers.wording import overdue, status_word
from storage.models import Action, Person, Programme, StatusUpdate
from storage.overview_rows import ProposalLine, action_with_everything, proposals_of
from words.catalogue import t
from words.dates import moment
from words.deadlines.letter_form import letter_deadline
from words.domain import ProposalState, Source, Status, UpdateKind
from words.numbers import format_number


class EntryKind(StrEnum):
    # In the order things that share a moment happened in: an update, the deadline it
    # proposed, the decision on it and the move that followed from that.
    CREATED = "created"  # the action came into the register
    UPDATE = "update"  # a report: status, words, KPI value
    PROPOSAL = "proposal"  # someone proposed a new deadline
    DECISION = "decision"  # a proposed deadline was accepted or rejected
    DEADLINE = "deadline"  # the deadline moved
    EDIT = "edit"  # an update's author corrected it; the earlier wording is kept
    WITHDRAWAL = "withdrawal"  # an update was taken back; it stays in the history


# What happened at the same moment is told in the order it must have happened in.
_RANK: Final = {kind: i for i, kind in enumerate(EntryKind)}


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    at: datetime
    when: str  # in the reader's zone: "maandag 23 november 2026 09:00"
    kind: EntryKind
    who: str
    channel: str  # "Slack", "e-mail", "programmabestand"; "" where nothing recorded it
    # An update's status, words and KPI value; for an edit, the wording it replaced.
    status: str = ""
    text: str = ""
    kpi: str = ""
    old_deadline: str = ""
    new_deadline: str = ""  # also what a proposal or decision is about
    outcome: str = ""  # a proposal's state: open, accepted, rejected
    pending: bool = False  # a proposal still waiting for a decision
    withdrawn: str = ""  # on a withdrawn update: "ingetrokken door X, <moment>"
    edited: bool = False
    of_when: str = ""  # for an edit or withdrawal: the moment of the update it concerns


@dataclass(frozen=True, slots=True)
class ActionPage:
    programme_key: str
    programme_name: str
    number: int
    key: str
    title: str
    description: str
    theme: str
    sponsor: str
    track: str
    owners: tuple[str, ...]
    parties: tuple[str, ...]
    status: Status
    status_word: str
    light: str
    light_word: str
    overdue: bool
    deadline: str
    kpi: str
    open_proposal: HistoryEntry | None  # the newest proposal still waiting for a decision
    history: tuple[HistoryEntry, ...]  # oldest first
    may_edit: bool  # may the reader change it (the same rule as in chat)


def channel_word(source: Source | None, lang: str) -> str:
    return "" if source is None else t(f"web.overview.source.{source.value}", lang)


def _author(update: StatusUpdate, lang: str) -> str:
    if update.author is not None:
        return update.author.name
    if update.source is Source.IMPORT:
        return t("commands.author.import", lang)
    return t("commands.author.unknown", lang)


def _kpi(value: float | None, unit: str, lang: str) -> str:
    if value is None:
        return ""
    return t("web.overview.kpi_value", lang, value=format_number(value, lang), unit=unit)


@dataclass(frozen=True, slots=True)
class _Reader:
    zone: ZoneInfo
    lang: str

    def when(self, at: datetime) -> str:
        return moment(at, self.zone, self.lang)


def _update_entries(update: StatusUpdate, unit: str, reader: _Reader) -> list[HistoryEntry]:
    lang = reader.lang
    who = _author(update, lang)
    channel = channel_word(update.source, lang)
    at = update.created_at
    if update.kind is UpdateKind.DEADLINE:
        old = update_deadline(update.previous_deadline_text, update.previous_due, at.date(), lang)
        new = (
            letter_deadline(update.new_due, update.new_precision, lang)
            if update.new_due is not None
            else update_deadline(update.new_deadline_text, None, at.date(), lang)
        )
        main = HistoryEntry(
            at,
            reader.when(at),
            EntryKind.DEADLINE,
            who,
            channel,
            old_deadline=old,
            new_deadline=new,
        )
    else:
        withdrawn = ""
        if update.withdrawn_at is not None:
            by = update.withdrawn_by
            withdrawn = t(
                "web.overview.withdrawn_by",
                lang,
                name=by.name if by is not None else t("commands.author.unknown", lang),
                when=reader.when(update.withdrawn_at),
            )
        main = HistoryEntry(
            at,
            reader.when(at),
            EntryKind.UPDATE,
            who,
            channel,
            status="" if update.status is None else status_word(update.status, lang),
            text=update.text,
            kpi=_kpi(update.progress, unit, lang),
            withdrawn=withdrawn,
            edited=update.edited_at is not None,
        )
    entries = [main]
    for revision in update.revisions:
        entries.append(
            HistoryEntry(
                revision.replaced_at,
                reader.when(revision.replaced_at),
                EntryKind.EDIT,
                who,
                "",
                status="" if revision.status is None else status_word(revision.status, lang),
                text=revision.text,
                kpi=_kpi(revision.progress, unit, lang),
                of_when=main.when,
            )
        )
    if update.withdrawn_at is not None:
        by = update.withdrawn_by
        entries.append(
            HistoryEntry(
                update.withdrawn_at,
                reader.when(update.withdrawn_at),
                EntryKind.WITHDRAWAL,
                by.name if by is not None else t("commands.author.unknown", lang),
                "",
                text=update.text,
                of_when=main.when,
            )
        )
    return entries


def _proposal_entries(
    proposal: ProposalLine, updates: dict[int, StatusUpdate], action: Action, reader: _Reader
) -> list[HistoryEntry]:
    lang = reader.lang
    unknown = t("commands.author.unknown", lang)
    proposing = updates.get(proposal.update_id) if proposal.update_id is not None else None
    new = letter_deadline(proposal.due, proposal.precision, lang)
    outcome = t(f"web.overview.proposal.{proposal.state.value}", lang)
    entries = [
        HistoryEntry(
            proposal.created_at,
            reader.when(proposal.created_at),
            EntryKind.PROPOSAL,
            proposal.proposer if proposal.proposer is not None else unknown,
            channel_word(proposing.source if proposing is not None else None, lang),
            text=proposal.text,
            new_deadline=new,
            outcome=outcome,
            pending=proposal.state is ProposalState.OPEN,
        )
    ]
    if proposal.state is not ProposalState.OPEN and proposal.decided_at is not None:
        # An accepted proposal moved the deadline in an update of the same moment, which
        # says through which channel it was decided; a rejection leaves no such trace.
        moved = next(
            (
                u
                for u in action.updates
                if u.kind is UpdateKind.DEADLINE
                and u.created_at == proposal.decided_at
                and u.new_due == proposal.due
            ),
            None,
        )
        entries.append(
            HistoryEntry(
                proposal.decided_at,
                reader.when(proposal.decided_at),
                EntryKind.DECISION,
                proposal.decider if proposal.decider is not None else unknown,
                channel_word(moved.source if moved is not None else None, lang),
                text=proposal.text,
                new_deadline=new,
                outcome=outcome,
            )
        )
    return entries


def _history(
    action: Action, proposals: tuple[ProposalLine, ...], reader: _Reader
) -> tuple[HistoryEntry, ...]:
    entries = [
        HistoryEntry(action.created_at, reader.when(action.created_at), EntryKind.CREATED, "", "")
    ]
    for update in action.updates:
        entries += _update_entries(update, action.kpi_unit, reader)
    by_id = {u.id: u for u in action.updates}
    for proposal in proposals:
        entries += _proposal_entries(proposal, by_id, action, reader)
    return tuple(sorted(entries, key=lambda e: (e.at, _RANK[e.kind])))


def action_page(
    session: Session,
    programme: Programme,
    number: int,
    reader: Person,
    *,
    today: date,
    zone: ZoneInfo,
    lang: str,
) -> ActionPage | None:
    """The page of ``programme``'s action ``number`` for ``reader``; None when there is none.

    Whether ``reader`` may read the programme at all is the caller's first check.
    """
    action = action_with_everything(session, programme.id, number)
    if action is None:
        return None
    proposals = proposals_of(session, action.id)
    history = _history(action, proposals, _Reader(zone, lang))
    late = overdue(action.status, action.due, today)
    light = traffic_light(action.status, late)
    word = status_word(action.status, lang)
    waiting = [entry for entry in history if entry.pending]
    return ActionPage(
        programme_key=programme.key,
        programme_name=programme.name,
        number=action.number,
        key=action.key,
        title=action.title,
        description=action.description,
        theme=action.theme.name,
        sponsor=action.theme.sponsor.name if action.theme.sponsor is not None else "",
        track=action.track.name if action.track is not None else "",
        owners=tuple(p.name for p in action.owners),
        parties=tuple(short_party(p.name, p.short_name) for p in action.parties),
        status=action.status,
        status_word=t("web.overview.status_overdue", lang, status=word) if late else word,
        light=light,
        light_word=light_word(light, lang),
        overdue=late,
        deadline=deadline_words(action.due, action.deadline_precision, action.deadline_text, lang),
        kpi=kpi_words(action.kpi_target, action.kpi_current, action.kpi_unit, lang),
        open_proposal=waiting[-1] if waiting else None,
        history=history,
        may_edit=may_update(session, reader, action, today) is None,
    )
