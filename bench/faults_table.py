"""What a row of the fault bench found, the verdict on it, and the table it is printed in."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

# Handling (or sending) must go on within this many seconds of a fault's end.
RESUME_LIMIT: Final = 5.0
HEADINGS: Final = (
    "fault",
    "sent",
    "handled",
    "set aside",
    "lost",
    "doubled",
    "resumed after",
    "note",
)


@dataclass(slots=True)
class Row:
    """One fault and what became of the events (or messages) sent through it.

    ``sent`` counts what went in: chat events for the rows about handling, outbox messages for
    the fan-outs. ``lost``: acknowledged (or queued) but never handled (or posted), nor set
    aside; ``doubled``: handled or posted more than once. ``resumed``: seconds from the fault's
    end until the next event was handled (or message posted); None when it never was.
    ``problems`` are failures the counts do not show (a process that exited with an error).
    A row that does not apply to the database has ``applies`` False and only a note.
    """

    fault: str
    sent: int = 0
    handled: int = 0
    set_aside: int = 0
    lost: int = 0
    doubled: int = 0
    resumed: float | None = None
    note: str = ""
    problems: list[str] = field(default_factory=list)
    applies: bool = True
    counts: bool = True  # False: no events or messages go through this fault (migrations)
    resumes: bool = True  # False: nothing stops, so there is nothing to resume

    def failures(self) -> list[str]:
        """Why this row fails the goal; empty when it meets it."""
        if not self.applies:
            return []
        found = list(self.problems)
        if self.counts and self.lost:
            found.append(f"{self.lost} lost")
        if self.counts and self.doubled:
            found.append(f"{self.doubled} doubled")
        if self.resumes:
            if self.resumed is None:
                found.append("handling never resumed")
            elif self.resumed > RESUME_LIMIT:
                found.append(f"resumed {self.resumed:.1f} s after the fault's end")
        return found


def _cells(row: Row) -> list[str]:
    if not row.applies:
        return [row.fault, "-", "-", "-", "-", "-", "-", row.note]
    counts = (
        [str(row.sent), str(row.handled), str(row.set_aside), str(row.lost), str(row.doubled)]
        if row.counts
        else ["-"] * 5
    )
    if not row.resumes:
        resumed = "-"
    elif row.resumed is None:
        resumed = "never"
    else:
        resumed = f"{row.resumed:.1f} s"
    return [row.fault, *counts, resumed, row.note]


def table(rows: Sequence[Row]) -> str:
    """The rows as plain text, columns aligned; numbers to the right."""
    lines = [list(HEADINGS), *(_cells(row) for row in rows)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(HEADINGS) - 1)]
    out = []
    for number, line in enumerate(lines):
        cells = [
            cell.ljust(width) if i == 0 or number == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(line, widths, strict=False))
        ]
        out.append("  ".join([*cells, line[-1]]).rstrip())
        if number == 0:
            out.append("  ".join("-" * width for width in widths) + "  " + "-" * 4)
    return "\n".join(out)


def verdict(rows: Sequence[Row]) -> list[str]:
    """One line per failing row: its fault and why; empty when every row meets the goal."""
    return [f"{row.fault}: {', '.join(row.failures())}" for row in rows if row.failures()]
