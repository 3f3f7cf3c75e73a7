"""The register as a page: a programme's actions filtered by theme, track, party, owner,
status, overdue and "due before" (a date or words such as "eind maart"), sorted by a column,
50 a page.

What the reader asked for comes in as the words of the form (``RegisterAsk``); what could
not be used is said back (``problems``) and left out of the filter, never guessed at.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from math import ceil
from typing import Final
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from handlers.overview.action_lines import ActionLine, Listing, action_line
from handlers.wording import status_word
from storage.models import Programme
from storage.overview_rows import (
    Choice,
    RegisterChoices,
    RegisterQuery,
    RegisterSort,
    register_choices,
    register_slice,
)
from words.catalogue import t
from words.dates import long_date
from words.deadlines.error import DeadlineError
from words.deadlines.parse import parse_deadline
from words.domain import Status, parse_status

PAGE_SIZE: Final = 50
# The sort orders by the words the page's addresses use for them.
SORT_WORDS: Final[dict[str, RegisterSort]] = {
    "nummer": RegisterSort.NUMBER,
    "deadline": RegisterSort.DEADLINE,
    "status": RegisterSort.STATUS,
    "thema": RegisterSort.THEME,
    "eigenaar": RegisterSort.OWNER,
    "bijgewerkt": RegisterSort.UPDATED,
}
DEFAULT_SORT: Final = "nummer"


@dataclass(frozen=True, slots=True)
class RegisterAsk:
    """The register's form as it was sent: keys and words, nothing checked yet."""

    theme: str = ""  # a theme's key
    track: str = ""
    party: str = ""
    owner: str = ""  # the owner's key in the programme
    statuses: tuple[str, ...] = ()  # status codes or words, several allowed
    overdue: bool = False
    due_before: str = ""  # a date or words: "1 april 2027", "eind maart"
    sort: str = DEFAULT_SORT
    descending: bool = False
    page: int = 1


@dataclass(frozen=True, slots=True)
class Applied:
    """The filter as it was applied: what the form shows chosen and the links keep."""

    theme: str
    track: str
    party: str
    owner: str
    statuses: tuple[Status, ...]
    overdue: bool
    due_before: str  # the words as typed, so the form shows them again (also when unread)
    due_before_date: date | None
    due_before_words: str  # how those words were read: "woensdag 31 maart 2027"
    sort: str
    descending: bool

    @property
    def any(self) -> bool:
        """Whether anything narrows the register down."""
        return bool(
            self.theme
            or self.track
            or self.party
            or self.owner
            or self.statuses
            or self.overdue
            or self.due_before_date is not None
        )


@dataclass(frozen=True, slots=True)
class StatusChoice:
    status: Status
    word: str


@dataclass(frozen=True, slots=True)
class RegisterView:
    programme_key: str
    programme_name: str
    lines: tuple[ActionLine, ...]
    total: int  # matching actions, on all pages
    page: int
    pages: int
    first: int  # the first line's place in the whole listing, from 1; 0 when empty
    last: int
    applied: Applied
    choices: RegisterChoices
    statuses: tuple[StatusChoice, ...]
    problems: tuple[str, ...]  # what in the form could not be used, in the reader's words


def _pick(
    key: str, options: tuple[Choice, ...], unknown: str, lang: str
) -> tuple[Choice | None, str | None]:
    wanted = key.strip().lower()
    if not wanted:
        return None, None
    for option in options:
        if option.key.lower() == wanted:
            return option, None
    return None, t(unknown, lang, key=key.strip())


def _statuses(words: tuple[str, ...], lang: str) -> tuple[tuple[Status, ...], list[str]]:
    found: list[Status] = []
    problems: list[str] = []
    for word in words:
        if not word.strip():
            continue
        status = parse_status(word)
        if status is None:
            problems.append(t("web.overview.unknown_status", lang, word=word.strip()))
        elif status not in found:
            found.append(status)
    # In the chart's order, so the same filter always reads, and links, the same.
    return tuple(s for s in Status if s in found), problems


def _due_before(text: str, today: date, lang: str) -> tuple[date | None, str | None]:
    if not text.strip():
        return None, None
    try:
        return parse_deadline(text, today, lang).due, None
    except DeadlineError as err:
        return None, t("web.overview.bad_due_before", lang, reason=err.message(lang))


def register(
    session: Session,
    programme: Programme,
    ask: RegisterAsk,
    *,
    today: date,
    zone: ZoneInfo,
    lang: str,
) -> RegisterView:
    """One page of ``programme``'s register as ``ask`` filters and sorts it."""
    choices = register_choices(session, programme.id)
    problems: list[str] = []
    picked: dict[str, Choice | None] = {}
    for name, key, options in (
        ("theme", ask.theme, choices.themes),
        ("track", ask.track, choices.tracks),
        ("party", ask.party, choices.parties),
        ("owner", ask.owner, choices.owners),
    ):
        choice, problem = _pick(key, options, f"web.overview.unknown_{name}", lang)
        picked[name] = choice
        if problem is not None:
            problems.append(problem)
    statuses, wrong = _statuses(ask.statuses, lang)
    problems += wrong
    due_before, problem = _due_before(ask.due_before, today, lang)
    if problem is not None:
        problems.append(problem)
    sort = ask.sort if ask.sort in SORT_WORDS else DEFAULT_SORT

    def ids(name: str) -> tuple[int, ...]:
        choice = picked[name]
        return () if choice is None else (choice.id,)

    query = RegisterQuery(
        programme.id,
        theme_ids=ids("theme"),
        track_ids=ids("track"),
        party_ids=ids("party"),
        owner_ids=ids("owner"),
        statuses=statuses,
        overdue_on=today if ask.overdue else None,
        due_before=due_before,
        sort=SORT_WORDS[sort],
        descending=ask.descending,
        limit=PAGE_SIZE,
    )
    page = max(ask.page, 1)
    found = register_slice(session, replace(query, offset=(page - 1) * PAGE_SIZE))
    pages = max(ceil(found.total / PAGE_SIZE), 1)
    if page > pages:  # past the end (the register shrank, or a typed address): the last page
        page = pages
        found = register_slice(session, replace(query, offset=(page - 1) * PAGE_SIZE))
    listing = Listing(
        themes={c.id: c.name for c in choices.themes},
        tracks={c.id: c.name for c in choices.tracks},
        today=today,
        zone=zone,
        lang=lang,
    )
    first = (page - 1) * PAGE_SIZE + 1 if found.lines else 0

    def key_of(name: str) -> str:
        choice = picked[name]
        return "" if choice is None else choice.key

    return RegisterView(
        programme_key=programme.key,
        programme_name=programme.name,
        lines=tuple(action_line(line, listing) for line in found.lines),
        total=found.total,
        page=page,
        pages=pages,
        first=first,
        last=first + len(found.lines) - 1 if found.lines else 0,
        applied=Applied(
            theme=key_of("theme"),
            track=key_of("track"),
            party=key_of("party"),
            owner=key_of("owner"),
            statuses=statuses,
            overdue=ask.overdue,
            due_before=ask.due_before.strip(),
            due_before_date=due_before,
            due_before_words="" if due_before is None else long_date(due_before, lang),
            sort=sort,
            descending=ask.descending,
        ),
        choices=choices,
        statuses=tuple(StatusChoice(s, status_word(s, lang)) for s in Status),
        problems=tuple(problems),
    )
