"""The letter laid out as a document: headings, paragraphs, list items, tables, the chart and
the signatures, in reading order.

``bot.letter.layout`` turns a compiled ``Letter`` into these pieces; ``bot.letter.word`` writes
them into the reference Word document. They are the whole of what a Word letter shows, so the
Word part never reads the project's own HTML again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# What kind of paragraph a piece is; the Word writer maps each to a style of the reference
# document ("body" is Normal).
ParaKind = Literal[
    "body",  # running text
    "reference",  # the reference line and the date: small, at the top
    "subject",  # the subject line
    "quote",  # an owner's own words
    "note",  # what the letter adds: completed, moved, overdue, the KPI
    "quiet",  # the sentence naming a track's actions without news
    "caption",  # a table's or the chart's caption
    "draft",  # a draft's warning and its list of what is missing
    "closing",  # the closing formula: room above it, kept with the signatures
]


@dataclass(frozen=True, slots=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True, slots=True)
class Heading:
    level: Literal[1, 2, 3]
    text: str
    new_page: bool = False  # the appendix starts on a page of its own


@dataclass(frozen=True, slots=True)
class Para:
    runs: tuple[Run, ...]
    kind: ParaKind = "body"
    keep_with_next: bool = False  # an action's name stays with its first paragraph

    @classmethod
    def of(cls, text: str, kind: ParaKind = "body", *, bold: bool = False) -> Para:
        return cls((Run(text, bold=bold),), kind)


@dataclass(frozen=True, slots=True)
class Item:
    """One item of a bulleted list."""

    runs: tuple[Run, ...]

    @classmethod
    def of(cls, text: str) -> Item:
        return cls((Run(text),))


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    fill: str | None = None  # a traffic light's RGB hex ("C00000"), None for no shading
    bold: bool = False


@dataclass(frozen=True, slots=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    # Each column's share of the width between the margins (summing to about 1).
    widths: tuple[float, ...]
    caption: str = ""  # for readers of the document's structure (alt text of the table)


@dataclass(frozen=True, slots=True)
class Chart:
    """The status chart as a picture; its text says what it shows, for screen readers."""

    alt: str


@dataclass(frozen=True, slots=True)
class Signer:
    function: str  # "de burgemeester,"
    name: str  # "E. Kremer"; "" when the programme file names none


@dataclass(frozen=True, slots=True)
class Signature:
    party: str  # "burgemeester en wethouders van Emmen,"
    signers: tuple[Signer, ...]


@dataclass(frozen=True, slots=True)
class Signatures:
    blocks: tuple[Signature, ...]
    room: bool  # True: space to sign by hand above each name; False: signed digitally


Piece = Heading | Para | Item | Table | Chart | Signatures
