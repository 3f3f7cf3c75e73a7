"""The voortgangsbrief's cycle: compile a draft, keep it, freeze it as a numbered final.

Chat (handlers.brief.chat) and the command line (bot.cli.main) both come here, so a draft made in
chat
and a letter written with ``voortgang brief`` are the same document for the same data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Final
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from handlers.brief.content import Letter, compile_brief, missing_actions, reporting_period
from handlers.brief.render_port import Format, Render
from storage.letter_rows import ActionRow, BriefData, load_brief_data
from storage.letters import (
    NewDraft,
    final_of_period,
    finalize,
    next_number,
    previous_final,
    save_draft,
    used_updates,
)
from storage.models import Brief, Programme
from words.catalogue import t
from words.deadlines.letter_form import plain_date
from words.periods.model import Period
from words.periods.parse import parse_period

# What a draft and a final keep: the Word document people open, and the two text forms.
KEPT: Final[tuple[Format, ...]] = ("docx", "html", "md")
MIME: Final[dict[str, str]] = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html",
    "md": "text/markdown",
    "pdf": "application/pdf",
}


@dataclass(frozen=True, slots=True)
class Compiled:
    period: Period
    label: str  # "2026-Q4", "2026-01-01..2026-06-30"
    data: BriefData
    letter: Letter

    @property
    def missing(self) -> tuple[ActionRow, ...]:
        return missing_actions(self.data)


def period_label(period: Period) -> str:
    """The period in the words ``voortgang brief --period`` reads: a file name's part too."""
    for cadence_words in (
        f"{period.start.year}",
        f"{period.start.year}-H{1 if period.start.month <= 6 else 2}",
        f"{period.start.year}-Q{(period.start.month - 1) // 3 + 1}",
        f"{period.start.year}-{period.start.month:02d}",
    ):
        if parse_period(cadence_words, period.start) == period:
            return cadence_words
    return f"{period.start.isoformat()}..{period.end.isoformat()}"


def read_period(programme: Programme, words: str, today: date) -> Period:
    """The period ``words`` name, or the programme's reporting period containing ``today``.

    Raises words.periods.PeriodError with a message for the person.
    """
    text = words.strip() if words.strip() else reporting_period(programme.reporting, today)
    return parse_period(text, today)


def templates_of(programme: Programme) -> tuple[Path, ...]:
    """The programme's own house style and template folder, where its file names them
    (handlers.programme_file.read): its reference .docx first, then the folder."""
    found = []
    for field in ("style", "templates"):
        value = programme.letter.get(field)
        if isinstance(value, str) and value:
            found.append(Path(value))
    return tuple(found)


@dataclass(frozen=True, slots=True)
class OwnFinal:
    """The final brief already made of the same period: the record that letter is."""

    number: int
    finalized_at: datetime
    update_ids: frozenset[int]


@dataclass(frozen=True, slots=True)
class LetterSource:
    """What a letter is made of, read in one go: the programme's part and the period's data.

    Plain values, so the letter is compiled and rendered after the reading transaction ended.
    """

    programme_id: int
    programme_key: str
    programme_name: str
    language: str
    templates: tuple[Path, ...]
    period: Period
    data: BriefData
    zone: str
    today: date  # the letter's date, in the programme's zone
    number: int  # the number the next final brief gets
    own_final: OwnFinal | None = None

    def changed_since_final(self) -> int:
        """How many updates about the period came, went or changed since its final brief."""
        if self.own_final is None:
            return 0
        return len({u.id for u in self.data.updates} ^ self.own_final.update_ids)


def read_letter(
    session: Session,
    programme: Programme,
    period: Period,
    now: datetime,
    *,
    again: bool = False,
) -> LetterSource:
    """Everything the letter for ``period`` needs from the database (the only part that reads).

    ``again``: the period is compiled again after its final brief, to compare with it; it
    looks back to the letter that final looked back to, not to the final itself.
    """
    own = _own_final(session, programme.id, period)
    looking_from = own.finalized_at if again and own is not None else now
    before = previous_final(session, programme.id, looking_from)
    previous = None
    if before is not None and before.number is not None and before.finalized_at is not None:
        previous = (before.number, before.finalized_at)
    zone = ZoneInfo(programme.timezone)
    data = load_brief_data(
        session, programme.key, period.start, period.end, zone, previous=previous
    )
    return LetterSource(
        programme.id,
        programme.key,
        programme.name,
        programme.language,
        templates_of(programme),
        period,
        data,
        zone=programme.timezone,
        today=now.astimezone(zone).date(),
        number=next_number(session, programme.id),
        own_final=own,
    )


def _own_final(session: Session, programme_id: int, period: Period) -> OwnFinal | None:
    final = final_of_period(session, programme_id, period.start, period.end)
    if final is None or final.number is None or final.finalized_at is None:
        return None
    return OwnFinal(final.number, final.finalized_at, frozenset(used_updates(session, final.id)))


def compile_source(
    source: LetterSource, *, draft: bool, record: str = "", numbered: bool = False
) -> Compiled:
    """The letter, in the programme's language (it goes to the councils); no database.

    ``numbered``: this is the next final brief, and says its number.
    """
    letter = compile_brief(
        source.data,
        source.language,
        draft=draft,
        today=source.today,
        number=source.number if numbered else None,
        record=record,
    )
    return Compiled(source.period, period_label(source.period), source.data, letter)


def differs_from_final(source: LetterSource) -> str:
    """For a letter of a period that already has a final brief: a sentence saying that this
    is not that final and how its updates differ ("" when the period has no final)."""
    own = source.own_final
    if own is None:
        return ""
    lang = source.language
    changed = source.changed_since_final()
    why = t("brief.record_newer", lang, n=changed) if changed else t("brief.record_same", lang)
    when = plain_date(own.finalized_at.astimezone(ZoneInfo(source.zone)).date(), lang)
    return t("brief.record_differs", lang, number=own.number, date=when, why=why)


def compile_letter(
    session: Session,
    programme: Programme,
    period: Period,
    now: datetime,
    *,
    draft: bool,
    numbered: bool = False,
) -> Compiled:
    """The letter for ``period``, read and compiled in the caller's transaction."""
    source = read_letter(session, programme, period, now)
    return compile_source(source, draft=draft, numbered=numbered)


def stamp(period: Period) -> datetime:
    """The moment a document of ``period`` says it was made: the period's end, so the same
    data gives the same bytes."""
    return datetime.combine(period.end, time(), tzinfo=UTC)


def documents(
    letter: Letter,
    templates: tuple[Path, ...],
    period: Period,
    render: Render,
    formats: tuple[Format, ...] = KEPT,
) -> dict[str, bytes]:
    return {fmt: render(letter, fmt, templates, stamp=stamp(period)) for fmt in formats}


def file_name(programme: Programme, label: str, number: int | None, fmt: str, lang: str) -> str:
    """'voortgangsbrief-boce-2026-Q4-concept.docx' or '...-2026-Q4-nr3.docx' (in Dutch)."""
    return file_name_of(programme.key, label, number, fmt, lang)


def file_name_of(programme_key: str, label: str, number: int | None, fmt: str, lang: str) -> str:
    """The letter's file name in the letter's language: the catalogue has its words."""
    which = (
        t("letters.file_draft", lang) if number is None else t("letters.file_final", lang, n=number)
    )
    safe = label.replace("..", t("letters.file_until", lang))
    return t("letters.file_name", lang, programme=programme_key, period=safe, which=which, fmt=fmt)


def rendered(
    programme_id: int,
    compiled: Compiled,
    templates: tuple[Path, ...],
    person_id: int | None,
    render: Render,
) -> NewDraft:
    """``compiled`` with its documents rendered, ready to be kept as the programme's draft.

    Rendering a large letter's Word document takes seconds: do it outside any transaction.
    """
    return NewDraft(
        programme_id=programme_id,
        start=compiled.period.start,
        end=compiled.period.end,
        label=compiled.label,
        language=compiled.letter.lang,
        documents=documents(compiled.letter, templates, compiled.period, render),
        update_ids=compiled.letter.update_ids,
        created_by_id=person_id,
    )


def _keep(
    session: Session,
    programme: Programme,
    compiled: Compiled,
    now: datetime,
    person_id: int | None,
    *,
    render: Render,
) -> Brief:
    """Store ``compiled`` with its documents as the programme's draft."""
    new = rendered(programme.id, compiled, templates_of(programme), person_id, render)
    return save_draft(session, new, now)


def make_draft(
    session: Session,
    programme: Programme,
    period: Period,
    now: datetime,
    person_id: int | None,
    *,
    render: Render,
) -> tuple[Brief, Compiled]:
    """Compile and keep the programme's draft for ``period`` (replacing the previous one)."""
    compiled = compile_letter(session, programme, period, now, draft=True)
    return _keep(session, programme, compiled, now, person_id, render=render), compiled


def make_final(
    session: Session, programme: Programme, draft: Brief, now: datetime, *, render: Render
) -> tuple[Brief, Compiled]:
    """Freeze the draft's period as the next numbered brief, compiled from the updates now.

    The final letter has no list of missing updates; its documents are kept as they are.
    """
    period = Period(draft.period_start, draft.period_end)
    compiled = compile_letter(session, programme, period, now, draft=False, numbered=True)
    kept = _keep(session, programme, compiled, now, draft.created_by_id, render=render)
    return finalize(session, kept, now), compiled
