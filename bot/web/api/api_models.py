"""The API's JSON, as pydantic models: what the OpenAPI description says and what every
response is checked against (schemathesis, in the tests).

Built from the handlers' frozen values (``from_attributes``). Dates are ISO 8601 days; moments
are UTC and end in ``Z``. People appear by name only where the programme's letter names
officials (``names_officials``); otherwise those fields are null. No email address, ever.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from words.deadlines.model import Precision
from words.domain import Cadence, PartyKind, Source, Status, UpdateKind


def _utc(moment: datetime) -> datetime:
    # Stored moments are UTC already (storage.types.UTCDateTime); made sure of here, since
    # pydantic writes UTC (datetime.UTC) as "Z".
    return moment.astimezone(UTC)


Moment = Annotated[datetime, AfterValidator(_utc)]
Light = Literal["green", "orange", "red", "grey", "white"]
Format = Literal["docx", "pdf", "html", "md"]


class Model(BaseModel):
    model_config = ConfigDict(from_attributes=True, frozen=True)


class Party(Model):
    key: str
    name: str
    short_name: str = Field(description='the name tables have room for ("Emmen"); "" for none')
    kind: PartyKind


class Track(Model):
    key: str
    name: str


class Theme(Model):
    key: str
    name: str
    description: str
    sponsor: str | None = Field(description="the sponsor's name, where the letter names officials")


class Period(Model):
    start: date | None
    end: date | None


class Programme(Model):
    key: str
    name: str
    description: str
    period: Period
    timezone: str
    language: Literal["nl", "en"]
    reporting: Cadence = Field(description="how often the letter goes to the councils")
    names_officials: bool = Field(
        description="whether owners, sponsors and authors are named (the letter's setting)"
    )
    public_page: bool
    themes: list[Theme]
    tracks: list[Track]
    parties: list[Party]


class Kpi(Model):
    target: float
    current: float | None
    unit: str


class Action(Model):
    number: int = Field(description='the number people use in chat ("#12")')
    key: str
    title: str
    description: str
    theme: str = Field(description="the theme's key")
    track: str | None = Field(description="the track's key; null in programmes without tracks")
    parties: list[str] = Field(description="the keys of the parties that carry it")
    owners: list[str] | None = Field(
        description="the owners' names, where the letter names officials; else null"
    )
    status: Status
    light: Light = Field(description="the letter's traffic light: red when overdue")
    overdue: bool = Field(description="open, with a deadline before today (programme's zone)")
    due: date | None
    deadline: str = Field(description='the deadline in words, with its year ("eind maart 2027")')
    precision: Precision | None = Field(description="how precise the deadline's day is")
    kpi: Kpi | None
    updated_at: Moment


class DeadlineMove(Model):
    previous_due: date | None
    new_due: date | None
    new_deadline: str | None
    new_precision: Precision | None


class Update(Model):
    id: int
    at: Moment
    kind: UpdateKind
    source: Source = Field(description="the channel it came through")
    status: Status | None
    text: str = Field(description="the owner's words, mentions shown as names")
    letter_text: str | None = Field(description="the letter's wording of it, where written")
    progress: float | None = Field(description="a KPI value it gave")
    deadline: DeadlineMove | None = Field(description="for a moved deadline: from and to")
    edited_at: Moment | None
    author: str | None = Field(description="who gave it, where the letter names officials")


class ActionWithHistory(Action):
    updates: list[Update] = Field(
        description="the updates that stand (withdrawn ones left out), oldest first"
    )


class ActionList(Model):
    total: int = Field(description="how many actions match, on every page")
    limit: int
    offset: int
    next: str | None = Field(description="the next page's address; null on the last page")
    items: list[Action]


class ThemeTally(Model):
    key: str
    name: str
    total: int
    overdue: int
    statuses: dict[Status, int] = Field(description="actions per status, zeros included")
    lights: dict[Light, int] = Field(description="actions per traffic light, zeros included")


class ThemeList(Model):
    items: list[ThemeTally]


class Document(Model):
    format: Format
    media_type: str
    sha256: str
    size: int = Field(description="bytes")
    url: str = Field(description="where to download it, with the same token")


class Letter(Model):
    number: int
    period: Period
    period_label: str = Field(description='as it was asked for: "2026-Q4"')
    language: Literal["nl", "en"]
    published_at: Moment | None
    documents: list[Document]


class LetterList(Model):
    items: list[Letter]


class Problem(Model):
    location: list[str | int]
    message: str


class Error(Model):
    code: Literal[
        "unauthorized", "not_found", "method_not_allowed", "invalid", "rate_limited", "unavailable"
    ]
    message: str
    problems: list[Problem] = Field(default_factory=list, description="what was not valid")
