"""The checks across a programme file that no one block can make: keys unique, references known.

They run on a valid file and, to list every problem in one reading, on the parts of a refused
file that are valid on their own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from words.action_keys import key_form
from words.catalogue import t
from words.deadlines.error import DeadlineError
from words.deadlines.model import Deadline
from words.deadlines.parse import parse_deadline
from words.domain import LETTER_LABELS, Role
from words.programme.doc import Loc, shown
from words.programme.schema import (
    ActionSpec,
    PartySpec,
    PersonSpec,
    ProgrammeFile,
    SignatorySpec,
    ThemeSpec,
    TrackSpec,
)

_T = TypeVar("_T")
_S = TypeVar("_S", bound=BaseModel)


def _duplicates(values: Iterable[tuple[Loc, str | None]]) -> Iterator[tuple[Loc, str]]:
    items = [(loc, v) for loc, v in values if v is not None]
    counts = Counter(v for _, v in items)
    seen: set[str] = set()
    for loc, value in items:
        if counts[value] > 1 and value in seen:
            yield loc, value
        seen.add(value)


def _action_keys(parts: Parts) -> list[tuple[Loc, str | None]]:
    """Action keys as the chat tells them apart ("OW-5" and "ow-05" are one key, see
    words.action_keys), each shown as first written."""
    first: dict[str, str] = {}
    return [
        (("actions", i, "key"), first.setdefault(key_form(a.key) or a.key.upper(), a.key))
        for i, a in _present(parts.actions)
    ]


@dataclass(frozen=True, slots=True)
class Parts:
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
    # The programme's language: its deadlines are read in it ("end of March 2027").
    language: str = "nl"

    @classmethod
    def of(cls, spec: ProgrammeFile) -> Parts:
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
            spec.programme.language,
        )

    @classmethod
    def salvage(cls, data: dict[str, Any]) -> Parts:
        letter = data.get("letter")
        letter = letter if isinstance(letter, dict) else {}
        labels = letter.get("labels")
        programme = data.get("programme")
        language = programme.get("language") if isinstance(programme, dict) else None
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
            language if language in {"nl", "en"} else "nl",
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


class Checker:
    """Cross-reference checks that the schema alone cannot express."""

    def __init__(self, parts: Parts, today: date, lang: str) -> None:
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
            _action_keys(parts),
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
                self.deadlines[action.key] = parse_deadline(
                    action.deadline, self.today, self.parts.language
                )
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
