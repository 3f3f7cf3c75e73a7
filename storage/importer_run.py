"""An import under way: the report it builds, the problems it finds, rows matched by key.

The parts of an import (storage.importer_people, storage.importer_actions and
storage.importer itself) each extend ``ImportRun``, so they share one session, one report and
one list of problems without handing them around.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol, TypeVar

from sqlalchemy.orm import Session

from storage.models import Person
from words.catalogue import t
from words.domain import Status
from words.programme.doc import Problem, ProgrammeDoc


class _Keyed(Protocol):
    @property
    def key(self) -> str: ...


K = TypeVar("K", bound=_Keyed)
S = TypeVar("S")


@dataclass(frozen=True)
class DeadlineMove:
    """An action's deadline as the file changed it; "" where there was or is none."""

    action: str
    old: str
    new: str


@dataclass(frozen=True)
class StatusChange:
    action: str
    old: Status
    new: Status


@dataclass(frozen=True)
class Gone:
    """A row of the register the file no longer has (kept, with its history)."""

    kind: str  # as counted in the report: "action", "theme", "party", ...
    key: str


@dataclass
class ImportReport:
    """What one import created, changed and found gone, for whoever ran it.

    Facts only: the words are chosen where the report is shown, in the reader's language.
    """

    programme: str
    created: dict[str, int] = field(default_factory=dict)
    changed: dict[str, int] = field(default_factory=dict)
    deadline_moves: list[DeadlineMove] = field(default_factory=list)
    status_changes: list[StatusChange] = field(default_factory=list)
    not_in_file: list[Gone] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        return not (self.created or self.changed)

    def count(self, kind: str, *, created: bool, changed: bool) -> None:
        if created:
            self.created[kind] = self.created.get(kind, 0) + 1
        elif changed:
            self.changed[kind] = self.changed.get(kind, 0) + 1


def assign(obj: object, **values: Any) -> bool:
    """Set only the attributes whose value differs; True when anything changed."""
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


class ImportRun:
    """What every part of one import shares; each part adds its own methods."""

    def __init__(self, session: Session, doc: ProgrammeDoc, now: datetime, lang: str) -> None:
        self.session = session
        self.doc = doc
        self.spec = doc.spec
        self.now = now
        self.lang = lang
        self.report = ImportReport(doc.spec.programme.key)
        self.problems: list[Problem] = []
        self.people: dict[str, Person] = {}

    def problem(self, loc: tuple[str | int, ...], key: str, **params: object) -> None:
        self.problems.append(self.doc.problem(loc, t(key, self.lang, **params)))

    def sync(
        self,
        kind: str,
        rows: list[K],
        specs: Sequence[S],
        *,
        key: Callable[[S], str],
        make: Callable[[S], K],
        values: Callable[[S, int], dict[str, Any]],
    ) -> dict[str, K]:
        """Match ``specs`` to ``rows`` by key: create the missing, update what differs."""
        existing = {row.key: row for row in rows}
        out: dict[str, K] = {}
        for position, spec in enumerate(specs):
            row = existing.get(key(spec))
            created = row is None
            if row is None:
                row = make(spec)
                rows.append(row)
            changed = assign(row, **values(spec, position))
            self.report.count(kind, created=created, changed=changed)
            out[key(spec)] = row
        self.report.not_in_file.extend(Gone(kind, k) for k in sorted(set(existing) - set(out)))
        return out
