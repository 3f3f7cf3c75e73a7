"""The programme file's schema: one pydantic model per block, with the checks each makes alone.

Checks across blocks (a theme's sponsor is one of the people, ...) are made by the reader
(handlers.programme_file.checks); these models only say what one block may hold.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from words.checkin_settings import WEEKDAY_NUMBERS, ScheduleSettings, WhenAbsent
from words.domain import ROLE_NAMES, Cadence, MeetingKind, PartyKind, Role, Status, fold
from words.programme.fields import (
    CADENCE_NAMES,
    CLOCK_TIME,
    DEFAULT_CHECKIN,
    EMAIL,
    MAX_TITLE,
    ActionKey,
    Key,
    KeyList,
    Name,
    Rule,
    Short,
    StatusName,
    Text,
    Word,
    as_list,
    as_text,
    check_rrule,
    clock_time,
    named,
)


class Spec(BaseModel):
    # A field the schema does not know is refused, not ignored: it is most often a typo whose
    # value would otherwise silently not count. Frozen, because a checked file is a record.
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class PeriodSpec(Spec):
    start: date
    end: date

    @model_validator(mode="after")
    def _ordered(self) -> PeriodSpec:
        if self.end < self.start:
            raise PydanticCustomError("period", "period", {"start": self.start, "end": self.end})
        return self


class ScheduleSpec(Spec):
    """``programme.schedule``: when owners are asked, reminded and escalated."""

    before_deadline: list[int] = Field(default_factory=lambda: [7, 1])
    after_deadline: bool = True
    time: Word = "09:00"
    reminder_after: Annotated[int, Field(ge=1, le=60)] = 2
    escalate_after: Annotated[int, Field(ge=1, le=60)] = 2
    when_absent: Annotated[
        WhenAbsent,
        named(
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
        return clock_time(value).strftime("%H:%M")

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
            ping_time=clock_time(self.time),
            reminder_after=self.reminder_after,
            escalate_after=self.escalate_after,
            when_absent=self.when_absent,
            digest_weekday=WEEKDAY_NUMBERS[fold(day)],
            digest_time=clock_time(moment),
            holidays=self.holidays,
        )


# What turns a switch on or off: YAML's own true/false, or a word in Dutch or English.
ON_OFF = {
    "ja": True,
    "nee": False,
    "aan": True,
    "uit": False,
    "yes": True,
    "no": False,
    "on": True,
    "off": False,
    "true": True,
    "false": False,
}


class ProgrammeSpec(Spec):
    key: Key
    name: Name
    description: Text = ""
    period: PeriodSpec | None = None
    timezone: Word = "Europe/Amsterdam"
    language: Literal["nl", "en"] = "nl"
    reporting: Annotated[Cadence, named(CADENCE_NAMES, "reporting")] = Cadence.QUARTER
    checkin: Rule = DEFAULT_CHECKIN
    schedule: ScheduleSpec = Field(default_factory=ScheduleSpec)
    # The Slack workspace's team id, where the app is installed in several (OAuth installs).
    slack_workspace: (
        Annotated[str, StringConstraints(pattern=r"^T[A-Z0-9]{2,}$", max_length=32)] | None
    ) = None
    # The public page for the councils ("openbare pagina": published letters, the overview of
    # actions, the Atom and iCal feeds, handlers.public): off unless the file turns it on.
    public_page: Annotated[bool, named(ON_OFF, "public_page")] = False

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
        checked = check_rrule(value)
        assert checked is not None  # noqa: S101 - value is a str, so is the result
        return checked


class PartySpec(Spec):
    key: Key
    name: Name
    # The name tables have room for: "Emmen" for "Gemeente Emmen" (party.short_name).
    short: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] = ""
    kind: Annotated[
        PartyKind,
        named(
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


class Channel(StrEnum):
    """Where a person is reached: the values of ``person.channel``."""

    SLACK = "slack"
    TEAMS = "teams"
    EMAIL = "email"


CHANNEL_NAMES = {
    "slack": Channel.SLACK,
    "teams": Channel.TEAMS,
    "microsoft teams": Channel.TEAMS,
    "email": Channel.EMAIL,
    "e mail": Channel.EMAIL,  # "e-mail", as folded
    "mail": Channel.EMAIL,
}


class PersonSpec(Spec):
    key: Key
    name: Name
    party: Key | None = None
    role: Annotated[Role, named(ROLE_NAMES, "role")] = Role.MEMBER
    email: Annotated[str, StringConstraints(max_length=320)] | None = None
    timezone: Word | None = None
    language: Literal["nl", "en"] | None = None
    slack: (
        Annotated[str, StringConstraints(pattern=r"^[UW][A-Z0-9]{2,}$", max_length=64)] | None
    ) = None
    teams: Annotated[str, StringConstraints(min_length=1, max_length=200)] | None = None
    # Where Voortgang writes to them; left out, it is where they are known (Slack, then
    # Teams), else email. Read after email: "email" needs an address.
    channel: Annotated[Channel, named(CHANNEL_NAMES, "channel")] | None = None
    absences: list[AbsenceSpec] = []

    @field_validator("channel")
    @classmethod
    def _channel(cls, value: Channel | None, info: ValidationInfo) -> Channel | None:
        if value is Channel.EMAIL and info.data.get("email") is None:
            raise PydanticCustomError("channel_email", "channel_email", {})
        return value

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
    deadline: Annotated[Rule, BeforeValidator(as_text)] | None = None
    status: StatusName = Status.OPEN
    kpi: KpiSpec | None = None
    checkin: Rule | None = None

    @field_validator("checkin")
    @classmethod
    def _rule(cls, value: str | None) -> str | None:
        return check_rrule(value)


class MeetingSpec(Spec):
    date: date
    title: Name
    kind: Annotated[
        MeetingKind,
        named(
            {
                "meeting": MeetingKind.MEETING,
                "bijeenkomst": MeetingKind.MEETING,
                "milestone": MeetingKind.MILESTONE,
                "mijlpaal": MeetingKind.MILESTONE,
            },
            "kind",
        ),
    ] = MeetingKind.MEETING


class SignerSpec(Spec):
    """One signature under a party's block: the function ("de burgemeester,") and the name."""

    function: Name
    name: Short = ""


class SignatorySpec(Spec):
    party: Key
    # The party's line(s) above its signatures ("burgemeester en wethouders van Emmen").
    lines: Annotated[list[Short], BeforeValidator(as_list)] = []
    signers: list[SignerSpec] = []


class Register(StrEnum):
    """Where the letter puts the overview table, the chart and 'sinds de vorige brief'."""

    APPENDIX = "appendix"
    FRONT = "front"
    NONE = "none"


class QuietActions(StrEnum):
    """What the letter says of the actions without news in the period."""

    SENTENCE = "sentence"  # one sentence per track names them
    APPENDIX = "appendix"  # left to the appendix


class Names(StrEnum):
    """Whom the letter names: the parties (a council letter names no officials), or the
    owners as well."""

    PARTIES = "parties"
    OFFICIALS = "officials"


class Signing(StrEnum):
    HAND = "hand"  # room to sign
    DIGITAL = "digital"  # a line saying it was signed digitally


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
    # The programme's kenmerk ("BOCE/VB") and the place in the date line ("Emmen").
    reference: Short = ""
    place: Short = ""
    # "register" in the file; another name here, as BaseModel has a ``register`` already.
    register_at: Annotated[
        Register,
        named(
            {
                "appendix": Register.APPENDIX,
                "bijlage": Register.APPENDIX,
                "front": Register.FRONT,
                "voorin": Register.FRONT,
                "none": Register.NONE,
                "geen": Register.NONE,
            },
            "register",
        ),
        Field(alias="register"),
    ] = Register.APPENDIX
    quiet_actions: Annotated[
        QuietActions,
        named(
            {
                "sentence": QuietActions.SENTENCE,
                "zin": QuietActions.SENTENCE,
                "appendix": QuietActions.APPENDIX,
                "bijlage": QuietActions.APPENDIX,
            },
            "quiet_actions",
        ),
    ] = QuietActions.SENTENCE
    names: Annotated[
        Names,
        named(
            {
                "parties": Names.PARTIES,
                "partijen": Names.PARTIES,
                "officials": Names.OFFICIALS,
                "personen": Names.OFFICIALS,
            },
            "names",
        ),
    ] = Names.PARTIES
    signing: Annotated[
        Signing,
        named(
            {
                "hand": Signing.HAND,
                "digital": Signing.DIGITAL,
                "digitaal": Signing.DIGITAL,
            },
            "signing",
        ),
    ] = Signing.HAND
    # The standard paragraph of the coordination section ("regie"); a director's paragraph
    # for one period replaces it (storage.letter_passages).
    coordination: Text = ""
    # A Word document, relative to the programme file: the programme's house style, used as the
    # letter's reference document (styles, page, header and footer).
    style: Short = ""


class ProgrammeFile(Spec):
    programme: ProgrammeSpec
    parties: Annotated[list[PartySpec], Field(min_length=1)]
    tracks: list[TrackSpec] = []
    themes: Annotated[list[ThemeSpec], Field(min_length=1)]
    people: Annotated[list[PersonSpec], Field(min_length=1)]
    actions: list[ActionSpec] = []
    meetings: list[MeetingSpec] = []
    letter: LetterSpec = LetterSpec()
