"""A checked programme file, and the problems (file, line, field) that stop one being imported."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from words.deadlines.model import Deadline
from words.errors import VoortgangError
from words.programme.schema import ProgrammeFile

Loc = tuple[str | int, ...]


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
    # Line of each field, for problems only the database can reveal (see storage.importer_people).
    lines: dict[Loc, int]

    def problem(self, loc: Loc, message: str) -> Problem:
        return Problem(self.source, self.lines.get(loc, 1), field_name(loc), message)


def field_name(loc: Loc) -> str:
    """Render a location the way the file reads: ``actions[3].deadline``."""
    out = ""
    for part in loc:
        name = part if isinstance(part, int) else shown(str(part))
        out += f"[{name}]" if isinstance(name, int) else (f".{name}" if out else str(name))
    return out or "(bestand)"


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
