"""The voortgangsbrief's content, compiled from the register's rows: pure data, no SQL.

``compile_brief`` turns ``storage.letter_rows.BriefData`` into a ``Letter``: a letter in the
programme's voice, the way a director sends it to the councils. It opens with this period's
text, tells per theme what happened and what comes next, names the meetings of the period and
the coming ones, closes with the signatures, and puts the register (the overview table, the
chart and what changed since the previous letter) in an appendix.

Every sentence the letter adds comes from the catalogue (handlers.brief.prose); the owners'
own words are only tidied (spaces, capital, full stop), never rewritten or made up. A letter to
the councils names parties, not officials, unless the programme says otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from handlers.brief.appendix import Appendix, ChartRow, OverviewRow, SinceLast, appendix
from handlers.brief.facts import Facts, facts_of
from handlers.brief.letter_settings import LetterSettings, Placement, letter_settings
from handlers.brief.prose import (
    ActionNews,
    ComingItem,
    MeetingLine,
    action_news,
    coming_items,
    meeting_lines,
    period_title,
    quiet_sentence,
    state_paragraphs,
)
from storage.letter_rows import ActionRow, BriefData, PassageRow, UpdateRow
from words.batch import without_collector
from words.catalogue import language, t
from words.deadlines.letter_form import plain_date
from words.domain import LETTER_LABELS, Cadence, UpdateKind

__all__ = [  # the letter's parts, for the renderers
    "ActionNews",
    "Appendix",
    "ChartRow",
    "ComingItem",
    "Letter",
    "MeetingLine",
    "OverviewRow",
    "Section",
    "Signatory",
    "Signer",
    "SinceLast",
    "Track",
    "compile_brief",
    "missing_actions",
    "reporting_period",
]


@dataclass(frozen=True, slots=True)
class Track:
    """One track of a theme ("Samen doen in 2027"); ``heading`` None for pillar programmes."""

    heading: str | None
    news: tuple[ActionNews, ...]  # the actions with news in the period, and the overdue ones
    quiet: str | None  # one sentence naming the open actions without news, or None


@dataclass(frozen=True, slots=True)
class Section:
    number: int
    name: str
    state: tuple[str, ...]  # this period's paragraphs on the theme
    written: bool  # whether someone wrote them for this period (else: description and prose)
    tracks: tuple[Track, ...]
    coming: tuple[ComingItem, ...]  # deadlines of the next period


@dataclass(frozen=True, slots=True)
class Signer:
    function: str
    name: str


@dataclass(frozen=True, slots=True)
class Signatory:
    lines: tuple[str, ...]  # the party's line(s)
    signers: tuple[Signer, ...]


@dataclass(frozen=True, slots=True)
class Letter:
    lang: str
    subject: str
    date_line: str  # "Emmen, 8 april 2027"
    reference: str  # "BOCE/VB · voortgangsbrief 3", or "" without a kenmerk or number
    number: int | None  # the brief's number; None for a draft
    addressee: str
    period: str  # "eerste kwartaal 2027"
    opening: tuple[str, ...]
    sections: tuple[Section, ...]
    coordination: tuple[str, ...]
    meetings_past: tuple[MeetingLine, ...]
    meetings_coming: tuple[MeetingLine, ...]
    closing: str
    signed_by: str
    signatories: tuple[Signatory, ...]
    digital: str  # the line that the letter was signed digitally, or "" to sign by hand
    appendix: Appendix
    labels: tuple[tuple[str, str], ...]  # fixed headings, from the catalogue or the programme
    update_ids: tuple[int, ...]
    # A draft lists what is still missing before the letter is whole; a final has none.
    draft: bool = False
    missing: tuple[str, ...] = ()  # actions without news
    missing_themes: tuple[str, ...] = ()  # themes without a paragraph of this period
    record: str = ""  # when this is not the final of its period: how it differs

    @property
    def chart(self) -> tuple[ChartRow, ...]:
        return self.appendix.chart

    @property
    def placement(self) -> Placement:
        return self.appendix.placement

    def label(self, key: str) -> str:
        return dict(self.labels)[key]


def _labels(settings: LetterSettings, lang: str) -> tuple[tuple[str, str], ...]:
    # The programme file may word the fixed headings its own way (letter.labels).
    mine = dict(settings.labels)
    return tuple((key, mine.get(key, t(f"brief.{key}", lang))) for key in LETTER_LABELS)


def missing_actions(data: BriefData) -> tuple[ActionRow, ...]:
    """Open actions without a status update in the period: what "brief herinner" asks for."""
    reported = {u.action_id for u in data.updates if u.kind is UpdateKind.STATUS}
    return tuple(a for a in data.actions if not a.status.closed and a.id not in reported)


def _owner_count(action: ActionRow) -> int:
    # "trekker: Rob", "trekkers: Rob, Wim", and for an action without one "trekker: niemand".
    return len(action.owners) if action.owners else 1


def _missing_lines(data: BriefData, lang: str) -> tuple[str, ...]:
    # Internal: a draft goes to the director, so it may name the owners to ask.
    return tuple(
        t(
            "brief.missing_line",
            lang,
            key=a.key,
            title=a.title,
            owners=", ".join(a.owners) if a.owners else t("brief.no_owner", lang),
            n=_owner_count(a),
        )
        for a in missing_actions(data)
    )


def _tracks(
    data: BriefData, facts: Facts, actions: Sequence[ActionRow], settings: LetterSettings
) -> tuple[Track, ...]:
    lang = facts.lang

    def track(heading: str | None, chosen: Sequence[ActionRow]) -> Track:
        news = tuple(
            action_news(a, facts, settings.names)
            for a in chosen
            if facts.has_news(a) or facts.overdue(a)
        )
        quiet = None
        if settings.quiet_actions == "sentence":
            silent = [a for a in chosen if not facts.has_news(a) and not facts.overdue(a)]
            quiet = quiet_sentence(silent, facts)
        return Track(heading, news, quiet)

    if not data.tracks:
        return (track(None, actions),) if actions else ()
    found = []
    for row in data.tracks:
        mine = [a for a in actions if a.track_id == row.id]
        if mine:  # a track without actions in this theme gets no empty heading
            heading = t("brief.track_heading", lang, track=row.name, year=data.end.year)
            found.append(track(heading, mine))
    loose = [a for a in actions if a.track_id is None]
    if loose:
        found.append(track(t("brief.other_heading", lang), loose))
    return tuple(found)


def _sections(data: BriefData, facts: Facts, settings: LetterSettings) -> tuple[Section, ...]:
    sections = []
    for number, theme in enumerate(data.themes, start=1):
        actions = [a for a in data.actions if a.theme_id == theme.id]
        written = data.passages.themes.get(theme.id)
        if written is not None and written.text.strip():
            state, own = _paragraphs(written.text), True
        else:
            state, own = state_paragraphs(theme.description, actions, facts), False
        sections.append(
            Section(
                number,
                theme.name,
                state,
                own,
                _tracks(data, facts, actions, settings),
                coming_items(actions, facts),
            )
        )
    return tuple(sections)


def _paragraphs(text: str) -> tuple[str, ...]:
    """A written text's paragraphs: split on blank lines, each on one line."""
    blocks = [" ".join(block.split()) for block in text.replace("\r\n", "\n").split("\n\n")]
    return tuple(block for block in blocks if block)


def _written_or(written: PassageRow | None, standard: str) -> tuple[str, ...]:
    """This period's paragraphs as someone wrote them, else the programme's standard text."""
    if written is not None and written.text.strip():
        return _paragraphs(written.text)
    return _paragraphs(standard)


def _signatories(settings: LetterSettings) -> tuple[Signatory, ...]:
    return tuple(
        Signatory(block.lines, tuple(Signer(s.function, s.name) for s in block.signers))
        for block in settings.signatories
    )


def _reference(settings: LetterSettings, number: int | None, lang: str) -> str:
    which = (
        t("brief.reference_draft", lang)
        if number is None
        else t("brief.reference_number", lang, number=number)
    )
    if not settings.reference:
        return which
    return t("brief.reference", lang, reference=settings.reference, which=which)


def _date_line(settings: LetterSettings, day: date, lang: str) -> str:
    shown = plain_date(day, lang)
    return t("brief.date_line", lang, place=settings.place, date=shown) if settings.place else shown


def _standing(updates: Sequence[UpdateRow]) -> tuple[int, ...]:
    return tuple(u.id for u in updates)


@without_collector
def compile_brief(
    data: BriefData,
    lang: str = "nl",
    *,
    draft: bool = False,
    today: date | None = None,
    number: int | None = None,
    record: str = "",
) -> Letter:
    """The letter for ``data``'s period: the same data gives the same letter.

    ``today`` is the letter's date (the period's end when not given); an open action whose
    deadline passed by then, or by the period's end when that is earlier, is overdue.
    ``number`` is the brief's number (None for a draft). A draft also lists what is missing.
    """
    lang = language(lang)
    dated = data.end if today is None else today
    settings = letter_settings(data.letter)
    facts = facts_of(data, lang, min(dated, data.end))
    themes_without = tuple(
        theme.name
        for theme in data.themes
        if theme.id not in data.passages.themes or not data.passages.themes[theme.id].text.strip()
    )
    return Letter(
        lang=lang,
        subject=settings.subject if settings.subject else data.programme_name,
        date_line=_date_line(settings, dated, lang),
        reference=_reference(settings, None if draft else number, lang),
        number=None if draft else number,
        addressee=settings.addressee,
        period=period_title(data.start, data.end, lang),
        opening=_written_or(data.passages.opening, settings.opening),
        sections=_sections(data, facts, settings),
        coordination=_written_or(data.passages.coordination, settings.coordination),
        meetings_past=meeting_lines(data.meetings, data.start, data.end, lang),
        meetings_coming=meeting_lines(data.meetings, data.end + timedelta(days=1), None, lang),
        closing=settings.closing,
        signed_by=settings.signed_by,
        signatories=_signatories(settings),
        digital=t("brief.signed_digitally", lang) if settings.signing == "digital" else "",
        appendix=appendix(data, facts, settings.register),
        labels=_labels(settings, lang),
        update_ids=_standing(data.updates),
        draft=draft,
        missing=_missing_lines(data, lang) if draft else (),
        missing_themes=themes_without if draft else (),
        record=record,
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
