"""The voortgangsbrief as a page: what the letter's page shows, read in one go.

The page shows the draft of one reporting period exactly as the documents hold it: it is
compiled here with the very steps the draft job uses (``read_letter``, ``compile_source``), and
the page lays out that same ``Letter``. Around it come what the viewer may change (the same
rights as chat: the director and programme support write everything, a theme's sponsor their
theme's paragraph and the wording of the updates on their theme's actions), the owners whose
update is missing and who was asked, the draft's documents, and the final briefs.

Who sees what: the managers everything, a sponsor the draft with their forms, and everyone
else of the programme (members, readers) only the final briefs, as ``brief lijst`` in chat.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from handlers.brief import work as brief_jobs
from handlers.brief.content import Letter, missing_actions, reporting_period
from handlers.brief.drafts import (
    KEPT,
    compile_source,
    differs_from_final,
    period_label,
    read_letter,
)
from handlers.brief.writing import bounds
from handlers.permissions import MANAGERS, may_create, may_decide, role_in
from storage.letter_asks import Ask, Working, asks_of, set_aside_jobs, working_jobs
from storage.letter_passages import PassageRow, Place, history, newest_update
from storage.letter_rows import ActionRow, UpdateRow
from storage.letters import current_draft, final_briefs
from storage.models import Action, PassageKind, Person, Programme, StatusUpdate, Theme
from storage.register import action_by_ref, programme_by_key
from storage.summaries import programme_members, themes_in
from words.domain import Role
from words.periods.error import PeriodError
from words.periods.model import Period
from words.periods.parse import parse_period

# The jobs whose work the page waits for, and says so until they are done.
LETTER_JOBS = (brief_jobs.CONCEPT, brief_jobs.REMIND, brief_jobs.FINAL)
# How many reporting periods the chooser offers at most, newest first.
CHOOSER_LENGTH = 24


@dataclass(frozen=True, slots=True)
class Rights:
    """What one person may do with one programme's letter (as in chat)."""

    role: str
    manage: bool  # director or programme support: every part, asking, publishing, drafts
    themes: frozenset[int]  # the themes whose paragraph (and updates' wording) they write

    @property
    def drafts(self) -> bool:
        """Whether they see the draft at all: those who write some of it."""
        return self.manage or bool(self.themes)


def rights_of(session: Session, person: Person, programme: Programme) -> Rights | None:
    """The person's rights on the programme's letter; None for someone not in it."""
    role = role_in(session, person, programme.id)
    if role is None:
        return None
    themes = themes_in(session, [programme.id])
    mine = frozenset(th.id for th in themes if may_create(session, person, th) is None)
    return Rights(role.value, role in MANAGERS, mine)


def programme_of(session: Session, key: str) -> Programme | None:
    return programme_by_key(session, key)


def theme_of(session: Session, programme: Programme, key: str) -> Theme | None:
    return next((th for th in themes_in(session, [programme.id]) if th.key == key), None)


# -- periods ---------------------------------------------------------------------------------


def reporting_periods(programme: Programme, today: date) -> tuple[Period, ...]:
    """The programme's reporting periods from its start up to the one containing ``today``
    (or its end, when it ended), newest first: the letters it has sent or is writing."""
    first = programme.period_start if programme.period_start is not None else today
    last = today if programme.period_end is None else min(today, programme.period_end)
    found: list[Period] = []
    day = first
    while True:
        period = parse_period(reporting_period(programme.reporting, day), day)
        found.append(period)
        day = period.end + timedelta(days=1)
        if day > max(last, first):
            break
    return tuple(reversed(found[-CHOOSER_LENGTH:]))


def chosen_period(
    session: Session, programme: Programme, words: str, today: date
) -> tuple[Period, tuple[Period, ...]] | None:
    """The period the page is about and the periods to choose from: ``words`` (a label as
    the chooser writes it, "2026-Q4") when it is one of them; without words, the draft's
    period (what chat writes for), else the reporting period containing ``today``. None for
    words that name no period on offer."""
    offered = list(reporting_periods(programme, today))
    draft = current_draft(session, programme.id)
    if draft is not None:
        drafted = Period(draft.period_start, draft.period_end)
        if drafted not in offered:
            offered.insert(0, drafted)
    if not words.strip():
        if draft is not None:
            return Period(draft.period_start, draft.period_end), tuple(offered)
        return offered[0], tuple(offered)  # never empty: today's period is always on offer
    try:
        asked = parse_period(words.strip(), today)
    except PeriodError:
        return None
    return (asked, tuple(offered)) if asked in offered else None


# -- the page --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Written:
    """A passage of the period as it stands: its text (or None: the default applies), who
    wrote it when, how many earlier versions are kept, and the default it falls back to."""

    current: PassageRow | None
    earlier: tuple[PassageRow, ...]
    default: str


@dataclass(frozen=True, slots=True)
class Wording:
    """An update the letter quotes, which the viewer may reword: the owner's words stay."""

    update_id: int
    action_id: int
    text: str  # the owner's own words
    author: str | None
    created_at: datetime
    letter_text: str | None  # the wording the letter uses instead, if any


@dataclass(frozen=True, slots=True)
class Document:
    fmt: str
    size: int


@dataclass(frozen=True, slots=True)
class Kept:
    """A kept letter: the draft (number None) or a final brief, with its documents."""

    id: int
    number: int | None
    period: Period
    label: str
    revision: int
    at: datetime  # made (a draft) or frozen (a final)
    documents: tuple[str, ...]  # the formats kept, in KEPT's order then the rest


@dataclass(frozen=True, slots=True)
class Desk:
    programme: Programme
    rights: Rights
    period: Period
    label: str
    periods: tuple[tuple[Period, str], ...]  # the chooser: each period with its label
    finals: tuple[Kept, ...]
    # The rest only for those who see the draft (Rights.drafts); empty or None otherwise.
    letter: Letter | None = None
    opening: Written | None = None
    coordination: Written | None = None
    themes: dict[str, Written] = field(default_factory=dict)  # by theme name, as the letter
    theme_keys: dict[str, str] = field(default_factory=dict)  # theme name -> key, for forms
    wordings: dict[str, Wording] = field(default_factory=dict)  # by action key
    missing: tuple[ActionRow, ...] = ()
    asks: tuple[Ask, ...] = ()
    draft: Kept | None = None  # the programme's draft, whatever its period
    working: tuple[Working, ...] = ()
    set_aside: tuple[Working, ...] = ()  # letter jobs that failed and wait for an operator


def _formats(formats: list[str]) -> tuple[str, ...]:
    order: dict[str, int] = {fmt: i for i, fmt in enumerate((*KEPT, "pdf"))}
    return tuple(sorted(formats, key=lambda fmt: (order.get(fmt, len(order)), fmt)))


def _written(session: Session, place: Place, default: str) -> Written:
    rows = history(session, place)
    current = rows[0] if rows and rows[0].text else None
    return Written(current, tuple(rows[1:]), default)


def _letter_text(programme: Programme, name: str) -> str:
    value = programme.letter.get(name)
    return value if isinstance(value, str) else ""


def _wordings(updates: tuple[UpdateRow, ...], actions: dict[int, ActionRow]) -> dict[str, Wording]:
    """Per action the update a rewording is about: its newest with words in the period (as
    writing.newest_update picks it in chat)."""
    newest: dict[int, UpdateRow] = {}
    for update in updates:
        if not update.text or update.action_id not in actions:
            continue
        before = newest.get(update.action_id)
        if before is None or (update.created_at, update.id) > (before.created_at, before.id):
            newest[update.action_id] = update
    return {
        actions[u.action_id].key: Wording(
            u.id, u.action_id, u.text, u.author, u.created_at, u.letter_text
        )
        for u in newest.values()
    }


def read_desk(  # noqa: PLR0917 - whose page, about what, and when
    session: Session,
    programme: Programme,
    rights: Rights,
    period: Period,
    periods: tuple[Period, ...],
    now: datetime,
) -> Desk:
    """Everything the letter's page shows for ``period`` to someone with ``rights``;
    ``periods`` are the chooser's."""
    finals = tuple(
        Kept(
            b.id,
            b.number,
            Period(b.period_start, b.period_end),
            b.period_label,
            b.revision,
            b.finalized_at if b.finalized_at is not None else b.created_at,
            _formats([d.format for d in b.documents]),
        )
        for b in final_briefs(session, programme.id)
    )
    chooser = tuple((p, period_label(p)) for p in periods)
    base = Desk(programme, rights, period, period_label(period), chooser, finals)
    if not rights.drafts:
        return base
    source = read_letter(session, programme, period, now)
    compiled = compile_source(source, draft=True, record=differs_from_final(source))
    data = source.data
    actions = {a.id: a for a in data.actions}
    theme_ids = {th.id for th in data.themes if th.id in rights.themes}
    wordable = {i: a for i, a in actions.items() if a.theme_id in theme_ids}

    def place(kind: PassageKind, theme_id: int | None = None) -> Place:
        return Place(programme.id, kind, period.start, period.end, theme_id=theme_id)

    themes = {
        th.name: _written(session, place(PassageKind.THEME, th.id), th.description)
        for th in data.themes
        if th.id in theme_ids
    }
    draft = current_draft(session, programme.id) if rights.manage else None
    kept = None
    if draft is not None:
        kept = Kept(
            draft.id,
            None,
            Period(draft.period_start, draft.period_end),
            draft.period_label,
            draft.revision,
            draft.created_at,
            _formats([d.format for d in draft.documents]),
        )
    own_draft = draft if kept is not None and kept.period == period else None
    return Desk(
        programme,
        rights,
        period,
        compiled.label,
        chooser,
        finals,
        letter=compiled.letter,
        opening=(
            _written(session, place(PassageKind.OPENING), _letter_text(programme, "opening"))
            if rights.manage
            else None
        ),
        coordination=(
            _written(
                session, place(PassageKind.COORDINATION), _letter_text(programme, "coordination")
            )
            if rights.manage
            else None
        ),
        themes=themes,
        theme_keys={th.name: th.key for th in data.themes},
        wordings=_wordings(data.updates, wordable),
        missing=missing_actions(data) if rights.manage else (),
        asks=tuple(asks_of(session, own_draft)) if own_draft is not None else (),
        draft=kept,
        working=(tuple(working_jobs(session, programme.id, LETTER_JOBS)) if rights.manage else ()),
        set_aside=(
            tuple(set_aside_jobs(session, programme.id, LETTER_JOBS)) if rights.manage else ()
        ),
    )


# -- one update's wording -------------------------------------------------------------------


def wording_target(
    session: Session, person: Person, programme: Programme, period: Period, action_key: str
) -> tuple[Action, StatusUpdate] | str:
    """The action ``action_key`` names and the update of the period its letter wording is
    about (its newest with words, as chat's 'brief formulering' picks it), when ``person``
    may word it (the theme's sponsor and the managers); else the catalogue key of why not."""
    action = action_by_ref(session, programme.id, action_key)
    if action is None:
        return "web.brief.no_such_update"
    refused = may_decide(session, person, action)
    if refused is not None:
        return refused
    since, until = bounds(programme, period)
    update = newest_update(session, action.id, since, until)
    if update is None:
        return "web.brief.no_such_update"
    return action, update


@dataclass(frozen=True, slots=True)
class Rewording:
    """The page to reword one update: the action, the owner's words, and the wordings the
    letter has had (the newest first; an empty one brought the owner's words back)."""

    key: str
    number: int
    title: str
    wording: Wording
    written: Written


def read_rewording(
    session: Session, person: Person, programme: Programme, period: Period, action_key: str
) -> Rewording | str:
    """What the wording page of ``action_key`` shows ``person`` for ``period``; or why not."""
    found = wording_target(session, person, programme, period, action_key)
    if isinstance(found, str):
        return found
    action, update = found
    written = _written(session, Place(programme.id, PassageKind.UPDATE, update_id=update.id), "")
    letter_text = None if written.current is None else written.current.text
    author = None if update.author is None else update.author.name
    wording = Wording(update.id, action.id, update.text, author, update.created_at, letter_text)
    return Rewording(action.key, action.number, action.title, wording, written)


# -- publishing ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Publishing:
    """What the confirmation before publishing says: which draft becomes which final brief,
    what it holds, what is still missing, and who receives it."""

    draft: Kept
    number: int
    updates: int
    reported: int  # actions with news in the period
    actions: int
    missing: int
    readers: tuple[str, ...]


def read_publishing(session: Session, programme: Programme, now: datetime) -> Publishing | None:
    """The programme's draft as it would be published now (compiled from the updates now, as
    the final job does); None without a draft."""
    draft = current_draft(session, programme.id)
    if draft is None:
        return None
    period = Period(draft.period_start, draft.period_end)
    source = read_letter(session, programme, period, now)
    compiled = compile_source(source, draft=False, numbered=True)
    kept = Kept(
        draft.id,
        None,
        period,
        draft.period_label,
        draft.revision,
        draft.created_at,
        _formats([d.format for d in draft.documents]),
    )
    readers = tuple(
        sorted(
            m.person.name for m in programme_members(session, programme.id) if m.role is Role.READER
        )
    )
    return Publishing(
        kept,
        source.number,
        len(compiled.letter.update_ids),
        len({u.action_id for u in source.data.updates}),
        len(source.data.actions),
        len(compiled.missing),
        readers,
    )
