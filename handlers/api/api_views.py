"""What the API hands out, as frozen values the web layer turns into JSON: no ORM object
leaves the handlers, and nothing here knows of HTTP."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Final

from words.deadlines.model import Precision
from words.domain import Cadence, PartyKind, Source, Status, UpdateKind

# The letter's traffic lights (handlers.brief.appendix) by the names the API gives them:
# codes an integration can rely on, in English like the rest of the API's values.
LIGHT_CODES: Final[dict[str, str]] = {
    "groen": "green",
    "oranje": "orange",
    "rood": "red",
    "grijs": "grey",
    "wit": "white",
}


@dataclass(frozen=True, slots=True)
class PartyView:
    key: str
    name: str
    short_name: str
    kind: PartyKind


@dataclass(frozen=True, slots=True)
class TrackView:
    key: str
    name: str


@dataclass(frozen=True, slots=True)
class ThemeView:
    key: str
    name: str
    description: str
    sponsor: str | None  # a name, only where the programme names officials


@dataclass(frozen=True, slots=True)
class ProgrammeView:
    key: str
    name: str
    description: str
    period_start: date | None
    period_end: date | None
    timezone: str
    language: str
    reporting: Cadence
    names_officials: bool
    public_page: bool
    themes: tuple[ThemeView, ...]
    tracks: tuple[TrackView, ...]
    parties: tuple[PartyView, ...]


@dataclass(frozen=True, slots=True)
class KpiView:
    target: float
    current: float | None
    unit: str


@dataclass(frozen=True, slots=True)
class ActionView:
    number: int
    key: str
    title: str
    description: str
    theme: str
    track: str | None
    parties: tuple[str, ...]
    owners: tuple[str, ...] | None  # names, only where the programme names officials
    status: Status
    light: str  # one of LIGHT_CODES' values
    overdue: bool
    due: date | None
    deadline: str  # the deadline in words, with its year ("eind maart 2027")
    precision: Precision | None
    kpi: KpiView | None
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class DeadlineMove:
    previous_due: date | None
    new_due: date | None
    new_deadline: str | None
    new_precision: Precision | None


@dataclass(frozen=True, slots=True)
class UpdateView:
    id: int
    at: datetime
    kind: UpdateKind
    source: Source
    status: Status | None
    text: str  # the owner's words, mentions shown as names as the letter shows them
    letter_text: str | None  # the letter's wording of it, where one was written
    progress: float | None
    deadline: DeadlineMove | None
    edited_at: datetime | None
    author: str | None  # a name, only where the programme names officials


@dataclass(frozen=True, slots=True)
class ActionDetail:
    action: ActionView
    updates: tuple[UpdateView, ...]


@dataclass(frozen=True, slots=True)
class ActionPage:
    total: int
    items: tuple[ActionView, ...]


@dataclass(frozen=True, slots=True)
class ThemeTally:
    key: str
    name: str
    total: int
    overdue: int
    statuses: dict[str, int]  # every Status, zeros included
    lights: dict[str, int]  # every light code, zeros included


@dataclass(frozen=True, slots=True)
class DocumentView:
    format: str
    sha256: str
    size: int


@dataclass(frozen=True, slots=True)
class LetterView:
    number: int
    period_start: date
    period_end: date
    period_label: str
    language: str
    published_at: datetime | None
    documents: tuple[DocumentView, ...]
