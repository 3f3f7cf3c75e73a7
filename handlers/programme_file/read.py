"""The programme file: its schema, and reading one with errors that name file, line and field.

A file is read whole and checked whole before anything is written: ``read_programme_file``
either returns a ``ProgrammeDoc`` whose every cross-reference and deadline is valid, or raises
``ProgrammeFileError`` listing every problem found.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, time
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from handlers.programme_file.yamlpos import Located, YamlLimitError, YamlSyntaxError, load_located
from words.catalogue import t
from words.checkin_limits import MAX_PER_YEAR, rule_problem
from words.deadlines.error import DeadlineError
from words.deadlines.model import Deadline
from words.deadlines.parse import parse_deadline
from words.domain import (
    LETTER_LABELS,
    ROLE_NAMES,
    STATUS_NAMES,
    Cadence,
    MeetingKind,
    PartyKind,
    Role,
    Status,
    fold,
)
from words.errors import VoortgangError
from words.schedule import WEEKDAY_NUMBERS, ScheduleSettings, WhenAbsent

DEFAULT_CHECKIN = "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;BYHOUR=9;BYMINUTE=0"
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

CADENCE_NAMES = {
    "month": Cadence.MONTH,
    "maand": Cadence.MONTH,
    "quarter": Cadence.QUARTER,
    "kwartaal": Cadence.QUARTER,
    "half": Cadence.HALF,
    "halfjaar": Cadence.HALF,
    "half year": Cadence.HALF,
    "year": Cadence.YEAR,
    "jaar": Cadence.YEAR,
}


def _named(table: dict[str, Any], what: str) -> Any:
    """A validator accepting the names people use (Dutch or English) for an enum value."""

    def convert(value: object) -> object:
        if isinstance(value, str):
            found = table.get(fold(value))
            if found is None:
                names = ", ".join(sorted({fold(k) for k in table}))
                raise PydanticCustomError("choice", what, {"value": value, "allowed": names})
            return found
        return value

    return BeforeValidator(convert)


def _as_text(value: object) -> object:
    # YAML reads `deadline: 2026-10-01` as a date and `deadline: 2027` as a number; both are
    # deadlines in words all the same.
    if isinstance(value, date | int) and not isinstance(value, bool):
        return value.isoformat() if isinstance(value, date) else str(value)
    return value


def _as_list(value: object) -> object:
    return [value] if isinstance(value, str) else value


# The largest programme file read, checked on its bytes before anything is parsed. BOCE's
# file is 31 kB.
MAX_FILE_BYTES = 5 * 1024 * 1024
# The longest text per kind of field: far beyond what a real programme writes, and within
# the database's columns (names and short texts are String(200), titles String(300)).
MAX_NAME = 200
MAX_TITLE = 300
MAX_TEXT = 20_000  # a description, or a paragraph of the letter

KEY_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
ACTION_KEY_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
Key = Annotated[str, StringConstraints(pattern=KEY_PATTERN, max_length=64)]
ActionKey = Annotated[str, StringConstraints(pattern=ACTION_KEY_PATTERN, max_length=64)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_NAME)]
# Text that may be empty: a short one (a channel, a heading, a line) or a long one.
Short = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_NAME)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_TEXT)]
# Values the bot reads itself, as written: a time or a zone (Word), a check-in rule or a
# deadline in words (Rule).
Word = Annotated[str, StringConstraints(max_length=64)]
Rule = Annotated[str, StringConstraints(max_length=MAX_NAME)]
KeyList = Annotated[list[Key], BeforeValidator(_as_list)]
StatusName = Annotated[Status, _named(STATUS_NAMES, "status")]


class Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def _check_rrule(value: str | None) -> str | None:
    if value is None:
        return None
    rule = value.strip().removeprefix("RRULE:")
    problem = rule_problem(rule)
    if problem is not None:
        # At most once a day, at least once and at most 366 times a year (words.checkin_limits).
        raise PydanticCustomError(
            f"checkin_{problem.value}", "checkin", {"value": value, "limit": MAX_PER_YEAR}
        )
    return rule


class PeriodSpec(Spec):
    start: date
    end: date

    @model_validator(mode="after")
    def _ordered(self) -> PeriodSpec:
        if self.end < self.start:
            raise PydanticCustomError("period", "period", {"start": self.start, "end": self.end})
        return self


CLOCK_TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")


def _clock_time(value: str) -> time:
    found = CLOCK_TIME.match(value.strip())
    if found is None:
        raise PydanticCustomError("clock_time", "time", {"value": value})
    return time(int(found.group(1)), int(found.group(2)))


class ScheduleSpec(Spec):
    """``programme.schedule``: when owners are asked, reminded and escalated."""

    before_deadline: list[int] = Field(default_factory=lambda: [7, 1])
    after_deadline: bool = True
    time: Word = "09:00"
    reminder_after: Annotated[int, Field(ge=1, le=60)] = 2
    escalate_after: Annotated[int, Field(ge=1, le=60)] = 2
    when_absent: Annotated[
        WhenAbsent,
        _named(
            {
                "deputy": WhenAbsent.DEPUTY,
                "vervanger": WhenAbsent.DEPUTY,
                "wait": WhenAbsent.WAIT,
                "wachten": WhenAbsent.WAIT,
            },
            "when_absent",
        ),
    ] = WhenAbsent.DEPUTY
    digest: Word = "maandag 09:00"
    holidays: Word = "NL"

    @field_validator("before_deadline")
    @classmethod
    def _days(cls, value: list[int]) -> list[int]:
        if any(not 1 <= day <= 365 for day in value):
            raise PydanticCustomError("days", "days", {"value": value})
        return sorted(set(value), reverse=True)

    @field_validator("time")
    @classmethod
    def _time(cls, value: str) -> str:
        return _clock_time(value).strftime("%H:%M")

    @field_validator("digest")
    @classmethod
    def _digest(cls, value: str) -> str:
        day, _, moment = value.strip().partition(" ")
        if fold(day) not in WEEKDAY_NUMBERS or CLOCK_TIME.match(moment.strip()) is None:
            raise PydanticCustomError("weekday_time", "weekday and time", {"value": value})
        return value

    @field_validator("holidays")
    @classmethod
    def _holidays(cls, value: str) -> str:
        import holidays  # noqa: PLC0415 - a large package, only needed when checking a file

        country, _, subdivision = value.strip().upper().partition("-")
        if not country:
            return ""
        try:
            holidays.country_holidays(country, subdiv=subdivision or None)
        except NotImplementedError as err:
            raise PydanticCustomError("holidays", "holidays", {"value": value}) from err
        return value.strip().upper()

    def settings(self) -> ScheduleSettings:
        day, _, moment = self.digest.strip().partition(" ")
        return ScheduleSettings(
            before_deadline=tuple(self.before_deadline),
            after_deadline=self.after_deadline,
            ping_time=_clock_time(self.time),
            reminder_after=self.reminder_after,
            escalate_after=self.escalate_after,
            when_absent=self.when_absent,
            digest_weekday=WEEKDAY_NUMBERS[fold(day)],
            digest_time=_clock_time(moment),
            holidays=self.holidays,
        )


class ProgrammeSpec(Spec):
    key: Key
    name: Name
    description: Text = ""
    period: PeriodSpec | None = None
    timezone: Word = "Europe/Amsterdam"
    language: Literal["nl", "en"] = "nl"
    reporting: Annotated[Cadence, _named(CADENCE_NAMES, "reporting")] = Cadence.QUARTER
    checkin: Rule = DEFAULT_CHECKIN
    schedule: ScheduleSpec = Field(default_factory=ScheduleSpec)
    # The Slack workspace's team id, where the app is installed in several (OAuth installs).
    slack_workspace: (
        Annotated[str, StringConstraints(pattern=r"^T[A-Z0-9]{2,}$", max_length=32)] | None
    ) = None

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as err:
            raise PydanticCustomError("timezone", "timezone", {"value": value}) from err
        return value

    @field_validator("checkin")
    @classmethod
    def _rule(cls, value: str) -> str:
        checked = _check_rrule(value)
        assert checked is not None  # noqa: S101 - value is a str, so is the result
        return checked


class PartySpec(Spec):
    key: Key
    name: Name
    kind: Annotated[
        PartyKind,
        _named(
            {
                "gemeente": PartyKind.MUNICIPALITY,
                "municipality": PartyKind.MUNICIPALITY,
                "partner": PartyKind.PARTNER,
            },
            "kind",
        ),
    ] = PartyKind.MUNICIPALITY


class TrackSpec(Spec):
    key: Key
    name: Name


class ThemeSpec(Spec):
    key: Key
    name: Name
    sponsor: Key | None = None
    channel: Short = ""
    description: Text = ""


class AbsenceSpec(Spec):
    start: date = Field(alias="from")
    until: date
    deputy: Key | None = None

    @model_validator(mode="after")
    def _ordered(self) -> AbsenceSpec:
        if self.until < self.start:
            raise PydanticCustomError("period", "period", {"start": self.start, "end": self.until})
        return self


class PersonSpec(Spec):
    key: Key
    name: Name
    party: Key | None = None
    role: Annotated[Role, _named(ROLE_NAMES, "role")] = Role.MEMBER
    email: Annotated[str, StringConstraints(max_length=320)] | None = None
    timezone: Word | None = None
    language: Literal["nl", "en"] | None = None
    slack: (
        Annotated[str, StringConstraints(pattern=r"^[UW][A-Z0-9]{2,}$", max_length=64)] | None
    ) = None
    teams: Annotated[str, StringConstraints(min_length=1, max_length=200)] | None = None
    absences: list[AbsenceSpec] = []

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not EMAIL.match(value.strip()):
            raise PydanticCustomError("email", "email", {"value": value})
        return value.strip().lower()

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str | None) -> str | None:
        return None if value is None else ProgrammeSpec._zone(value)


class KpiSpec(Spec):
    target: float
    current: float | None = None
    unit: Name


class ActionSpec(Spec):
    key: ActionKey
    theme: Key
    track: Key | None = None
    title: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TITLE)
    ]
    description: Text = ""
    owners: Annotated[KeyList, Field(min_length=1)]
    parties: KeyList | None = None
    deadline: Annotated[Rule, BeforeValidator(_as_text)] | None = None
    status: StatusName = Status.OPEN
    kpi: KpiSpec | None = None
    checkin: Rule | None = None

    @field_validator("checkin")
    @classmethod
    def _rule(cls, value: str | None) -> str | None:
        return _check_rrule(value)


class MeetingSpec(Spec):
    date: date
    title: Name
    kind: Annotated[
        MeetingKind,
        _named(
            {
                "meeting": MeetingKind.MEETING,
                "bijeenkomst": MeetingKind.MEETING,
                "milestone": MeetingKind.MILESTONE,
                "mijlpaal": MeetingKind.MILESTONE,
            },
            "kind",
        ),
    ] = MeetingKind.MEETING


class SignatorySpec(Spec):
    party: Key
    lines: Annotated[list[Short], BeforeValidator(_as_list)]


class LetterSpec(Spec):
    subject: Short = ""
    addressee: Text = ""
    opening: Text = ""
    closing: Text = ""
    # The collective line above the signatures, e.g. "colleges van burgemeester en wethouders
    # van Borger-Odoorn, Coevorden en Emmen,".
    signed_by: Text = ""
    signatories: list[SignatorySpec] = []
    # The fixed headings in the programme's own words, by name (see words.domain.LETTER_LABELS).
    labels: dict[str, Short] = {}
    # A folder, relative to the programme file, whose brief.md.j2, brief.html.j2 or brief.docx
    # replace the default templates of the letter.
    templates: Short = ""


class ProgrammeFile(Spec):
    programme: ProgrammeSpec
    parties: Annotated[list[PartySpec], Field(min_length=1)]
    tracks: list[TrackSpec] = []
    themes: Annotated[list[ThemeSpec], Field(min_length=1)]
    people: Annotated[list[PersonSpec], Field(min_length=1)]
    actions: list[ActionSpec] = []
    meetings: list[MeetingSpec] = []
    letter: LetterSpec = LetterSpec()


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in a programme file, located for the person who has to fix it."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


class ProgrammeFileError(VoortgangError, ValueError):
    """A programme file that cannot be imported; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class ProgrammeDoc:
    """A programme file that passed every check, with its deadlines read as of ``today``."""

    source: str
    spec: ProgrammeFile
    deadlines: dict[str, Deadline]
    # Line of each field, for problems only the database can reveal (see storage.importer).
    lines: dict[tuple[str | int, ...], int]

    def problem(self, loc: tuple[str | int, ...], message: str) -> Problem:
        return Problem(self.source, self.lines.get(loc, 1), field_name(loc), message)


Loc = tuple[str | int, ...]
_T = TypeVar("_T")
_S = TypeVar("_S", bound=BaseModel)
# Pydantic error types mapped to catalogue keys; the text gets ``value`` and the error context.
ERROR_KEYS: dict[str, str] = {
    "missing": "register.missing",
    "extra_forbidden": "register.unknown_field",
    "string_type": "register.bad_text",
    "bool_type": "register.bad_text",
    "string_too_short": "register.empty",
    "string_too_long": "register.too_long",
    "too_short": "register.too_few",
    "list_type": "register.bad_list",
    "model_type": "register.bad_block",
    "model_attributes_type": "register.bad_block",
    "dict_type": "register.bad_block",
    "literal_error": "register.literal",
    "date_type": "register.bad_date",
    "date_parsing": "register.bad_date",
    "date_from_datetime_parsing": "register.bad_date",
    "date_from_datetime_inexact": "register.bad_date",
    "float_type": "register.bad_number",
    "float_parsing": "register.bad_number",
    "int_type": "register.bad_number",
    "int_parsing": "register.bad_number",
    "finite_number": "register.bad_number",
    # Our own PydanticCustomError types (see the validators above).
    "choice": "register.choice",
    "checkin_invalid": "register.rrule",
    "checkin_too_often": "register.checkin_too_often",
    "checkin_several_a_day": "register.checkin_several_a_day",
    "checkin_too_many": "register.checkin_too_many",
    "checkin_never": "register.checkin_never",
    "period": "register.period",
    "timezone": "register.timezone",
    "email": "register.email",
    "clock_time": "register.clock_time",
    "weekday_time": "register.weekday_time",
    "holidays": "register.holidays",
    "days": "register.days",
}
PATTERN_KEYS: dict[str, str] = {
    KEY_PATTERN: "register.bad_key",
    ACTION_KEY_PATTERN: "register.bad_action_key",
}


def field_name(loc: Loc) -> str:
    """Render a location the way the file reads: ``actions[3].deadline``."""
    out = ""
    for part in loc:
        name = part if isinstance(part, int) else shown(str(part))
        out += f"[{name}]" if isinstance(name, int) else (f".{name}" if out else str(name))
    return out or "(bestand)"


DATE_ERRORS = {key for key, value in ERROR_KEYS.items() if value == "register.bad_date"}
ISO_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
# A value is quoted in a message up to this length; a longer one is cut short.
_SHOWN = 80


class _Cut:
    """A value too long to quote whole, as the messages show it: its start."""

    def __init__(self, value: object) -> None:
        self.text = repr(value)[: _SHOWN - 3] + "..."

    def __repr__(self) -> str:
        return self.text

    __str__ = __repr__


def shown(value: object) -> object:
    """``value`` for a message: as it is, or cut short when its text is long."""
    if isinstance(value, str):
        return value if len(value) <= _SHOWN else value[: _SHOWN - 3] + "..."
    if isinstance(value, int | float | bool | date | None):
        return value
    return value if len(repr(value)) <= _SHOWN else _Cut(value)


def _pydantic_message(error: Any, lang: str) -> str:
    kind: str = error["type"]
    params: dict[str, Any] = {"value": error.get("input"), **(error.get("ctx") or {})}
    value = params["value"]
    if kind == "string_pattern_mismatch":
        key = PATTERN_KEYS.get(params.get("pattern", ""), "register.bad_format")
    elif kind in DATE_ERRORS and isinstance(value, str) and ISO_DATE.match(value):
        key = "register.no_such_date"  # 2026-02-30: the YAML reader kept it as text
    else:
        key = ERROR_KEYS.get(kind, "register.invalid")
    params = {name: shown(param) for name, param in params.items()}
    return t(key, lang, detail=shown(error.get("msg", "")), **params)


def _duplicates(values: Iterable[tuple[Loc, str | None]]) -> Iterator[tuple[Loc, str]]:
    items = [(loc, v) for loc, v in values if v is not None]
    counts = Counter(v for _, v in items)
    seen: set[str] = set()
    for loc, value in items:
        if counts[value] > 1 and value in seen:
            yield loc, value
        seen.add(value)


@dataclass(frozen=True, slots=True)
class _Parts:
    """What the cross-reference checks look at: the file's lists, item by item.

    From a valid file every item is there. From a file the schema refused, the items that are
    valid on their own are there and the others are None (indexes stay those of the file), so
    the checks still report what else is wrong; the keys of refused items still count as
    known, and a list that could not be read at all (None) is not checked against.
    """

    parties: list[PartySpec | None]
    tracks: list[TrackSpec | None]
    themes: list[ThemeSpec | None]
    people: list[PersonSpec | None]
    actions: list[ActionSpec | None]
    signatories: list[SignatorySpec | None]
    labels: list[str]
    keys: dict[str, set[str] | None]

    @classmethod
    def of(cls, spec: ProgrammeFile) -> _Parts:
        keys: dict[str, set[str] | None] = {
            "parties": {p.key for p in spec.parties},
            "tracks": {p.key for p in spec.tracks},
            "themes": {p.key for p in spec.themes},
            "people": {p.key for p in spec.people},
        }
        return cls(
            list(spec.parties),
            list(spec.tracks),
            list(spec.themes),
            list(spec.people),
            list(spec.actions),
            list(spec.letter.signatories),
            list(spec.letter.labels),
            keys,
        )

    @classmethod
    def salvage(cls, data: dict[str, Any]) -> _Parts:
        letter = data.get("letter")
        letter = letter if isinstance(letter, dict) else {}
        labels = letter.get("labels")
        return cls(
            _items(data.get("parties"), PartySpec),
            _items(data.get("tracks", []), TrackSpec),
            _items(data.get("themes"), ThemeSpec),
            _items(data.get("people"), PersonSpec),
            _items(data.get("actions", []), ActionSpec),
            _items(letter.get("signatories", []), SignatorySpec),
            [str(name) for name in labels] if isinstance(labels, dict) else [],
            {
                name: _raw_keys(data.get(name, [] if name == "tracks" else None))
                for name in ("parties", "tracks", "themes", "people")
            },
        )


def _items(raw: object, spec: type[_S]) -> list[_S | None]:
    if not isinstance(raw, list):
        return []
    found: list[_S | None] = []
    for item in raw:
        try:
            found.append(spec.model_validate(item))
        except ValidationError:
            found.append(None)  # its own problems are reported by the schema
    return found


def _raw_keys(raw: object) -> set[str] | None:
    if not isinstance(raw, list):
        return None
    return {str(item["key"]) for item in raw if isinstance(item, dict) and "key" in item}


def _present(items: Sequence[_T | None]) -> Iterator[tuple[int, _T]]:
    return ((i, item) for i, item in enumerate(items) if item is not None)


class _Checker:
    """Cross-reference checks that the schema alone cannot express."""

    def __init__(self, parts: _Parts, today: date, lang: str) -> None:
        self.parts = parts
        self.today = today
        self.lang = lang
        self.found: list[tuple[Loc, str]] = []
        self.deadlines: dict[str, Deadline] = {}
        self.people = parts.keys["people"]
        self.parties = parts.keys["parties"]
        self.themes = parts.keys["themes"]
        self.tracks = parts.keys["tracks"]

    def add(self, loc: Loc, key: str, **params: object) -> None:
        self.found.append((loc, t(key, self.lang, **params)))

    def ref(self, loc: Loc, value: str | None, known: set[str] | None, what: str) -> None:
        if value is not None and known is not None and value not in known:
            listing = ", ".join(sorted(known)) or "-"
            self.add(loc, f"register.unknown_{what}", value=value, known=listing)

    def run(self) -> None:
        self.unique()
        roles = {person.key: person.role for _, person in _present(self.parts.people)}
        for i, theme in _present(self.parts.themes):
            loc: Loc = ("themes", i, "sponsor")
            self.ref(loc, theme.sponsor, self.people, "person")
            if theme.sponsor is not None and roles.get(theme.sponsor) is Role.READER:
                # A reader only reads: as a sponsor they could add actions and set deadlines.
                self.add(loc, "register.reader_sponsor", value=theme.sponsor)
        for i, person in _present(self.parts.people):
            self.person(i, person)
        for i, action in _present(self.parts.actions):
            self.action(i, action)
        for i, sig in _present(self.parts.signatories):
            self.ref(("letter", "signatories", i, "party"), sig.party, self.parties, "party")
        for name in self.parts.labels:
            if name not in LETTER_LABELS:
                known = ", ".join(LETTER_LABELS)
                self.add(
                    ("letter", "labels", name),
                    "register.unknown_label",
                    value=shown(name),
                    known=known,
                )

    def unique(self) -> None:
        parts = self.parts
        people = list(_present(parts.people))
        lists: list[list[tuple[Loc, str | None]]] = [
            [(("parties", i, "key"), p.key) for i, p in _present(parts.parties)],
            [(("tracks", i, "key"), p.key) for i, p in _present(parts.tracks)],
            [(("themes", i, "key"), p.key) for i, p in _present(parts.themes)],
            [(("people", i, "key"), p.key) for i, p in people],
            [(("people", i, "email"), p.email) for i, p in people],
            [(("people", i, "slack"), p.slack) for i, p in people],
            [(("people", i, "teams"), p.teams) for i, p in people],
            [(("actions", i, "key"), a.key.upper()) for i, a in _present(parts.actions)],
        ]
        for values in lists:
            for loc, value in _duplicates(values):
                self.add(loc, "register.duplicate", value=value)

    def person(self, i: int, person: PersonSpec) -> None:
        self.ref(("people", i, "party"), person.party, self.parties, "party")
        for j, absence in enumerate(person.absences):
            loc: Loc = ("people", i, "absences", j, "deputy")
            self.ref(loc, absence.deputy, self.people, "person")
            if absence.deputy == person.key:
                self.add(loc, "register.own_deputy")

    def action(self, i: int, action: ActionSpec) -> None:
        self.ref(("actions", i, "theme"), action.theme, self.themes, "theme")
        self.track(i, action)
        for j, owner in enumerate(action.owners):
            self.ref(("actions", i, "owners", j), owner, self.people, "person")
        for j, party in enumerate(action.parties or []):
            self.ref(("actions", i, "parties", j), party, self.parties, "party")
        if action.deadline is not None:
            try:
                self.deadlines[action.key] = parse_deadline(action.deadline, self.today)
            except DeadlineError as err:
                self.found.append((("actions", i, "deadline"), err.message(self.lang)))

    def track(self, i: int, action: ActionSpec) -> None:
        loc: Loc = ("actions", i, "track")
        if self.tracks is None:
            return  # the tracks could not be read; the schema reported why
        if self.tracks and action.track is None:
            self.add(loc, "register.track_required", known=", ".join(sorted(self.tracks)))
        elif action.track is not None and not self.tracks:
            self.add(loc, "register.no_tracks", value=action.track)
        else:
            self.ref(loc, action.track, self.tracks, "track")


def _problems(source: str, located: Located, found: Iterable[tuple[Loc, str]]) -> list[Problem]:
    problems = [
        Problem(source, located.line_of(loc), field_name(loc), message) for loc, message in found
    ]
    return sorted(problems, key=lambda p: p.line)


def _refused(source: str, line: int, field: str, message: str) -> ProgrammeFileError:
    return ProgrammeFileError([Problem(source, line, field, message)])


def _too_big(source: str, lang: str) -> ProgrammeFileError:
    limit = f"{MAX_FILE_BYTES // (1024 * 1024)} MB"
    return _refused(source, 1, "(bestand)", t("register.too_big", lang, limit=limit))


def _load(text: str, source: str, lang: str) -> Located:
    if len(text) > MAX_FILE_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
        raise _too_big(source, lang)
    try:
        return load_located(text)
    except YamlSyntaxError as err:
        message = t("register.yaml", lang, problem=err.problem)
        raise _refused(source, err.line, "(yaml)", message) from err
    except YamlLimitError as err:
        message = t(f"register.yaml_{err.kind}", lang, **err.params)
        raise _refused(source, err.line, "(yaml)", message) from err


def parse_programme_text(text: str, source: str, today: date, lang: str = "nl") -> ProgrammeDoc:
    """Check a whole programme file; raise ProgrammeFileError naming file, line and field."""
    located = _load(text, source, lang)
    dupes = [(loc, t("register.duplicate_field", lang)) for loc, _ in located.duplicates]
    if not isinstance(located.data, dict):
        raise ProgrammeFileError(
            _problems(source, located, [((), t("register.not_mapping", lang))])
        )
    try:
        spec = ProgrammeFile.model_validate(located.data)
    except ValidationError as err:
        found = [(tuple(e["loc"]), _pydantic_message(e, lang)) for e in err.errors()]
        # The rest of the file is checked too, so one reading lists every problem.
        salvaged = _Checker(_Parts.salvage(located.data), today, lang)
        salvaged.run()
        raise ProgrammeFileError(
            _problems(source, located, dupes + found + salvaged.found)
        ) from err
    checker = _Checker(_Parts.of(spec), today, lang)
    checker.run()
    if dupes or checker.found:
        raise ProgrammeFileError(_problems(source, located, dupes + checker.found))
    return ProgrammeDoc(source, spec, checker.deadlines, located.lines)


def decode_programme_file(raw: bytes, source: str, lang: str = "nl") -> str:
    """The text of a programme file's bytes: UTF-8, with or without a byte order mark."""
    if len(raw) > MAX_FILE_BYTES:
        raise _too_big(source, lang)
    raw = raw.removeprefix(codecs.BOM_UTF8)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        message = t("register.not_utf8", lang, byte=f"0x{raw[err.start]:02x}")
        raise _refused(source, line, "(bestand)", message) from err


def read_programme_file(path: Path, today: date, lang: str = "nl") -> ProgrammeDoc:
    try:
        with path.open("rb") as stream:
            # One byte more than allowed is enough to know the file is too big.
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as err:
        raise _refused(
            str(path), 1, "(bestand)", t("register.unreadable", lang, error=err)
        ) from err
    text = decode_programme_file(raw, str(path), lang)
    doc = parse_programme_text(text, str(path), today, lang)
    return _with_templates(doc, path.parent, lang)


def _with_templates(doc: ProgrammeDoc, folder: Path, lang: str) -> ProgrammeDoc:
    """The letter's template folder made absolute, so the letter finds it from anywhere."""
    given = doc.spec.letter.templates
    if not given:
        return doc
    found = (folder / given).resolve()
    if not found.is_dir():
        message = t("register.no_templates", lang, value=given, folder=folder.resolve())
        raise ProgrammeFileError([doc.problem(("letter", "templates"), message)])
    letter = doc.spec.letter.model_copy(update={"templates": str(found)})
    spec = doc.spec.model_copy(update={"letter": letter})
    return replace(doc, spec=spec)
