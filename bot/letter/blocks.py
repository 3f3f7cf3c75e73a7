"""The letter's rendered HTML read into blocks: paragraphs, tables and the chart.

``read_html`` reads a known subset of HTML with the standard library's parser (the subset is
described in ``bot.letter.docx``); ``bot.letter.docx_writer`` writes the blocks into Word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from typing import Final, Literal

from bot.letter.chart import LIGHT_COLOURS

SKIPPED: Final = frozenset({"head", "style", "title", "script"})
VOID: Final = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
BOLD: Final = frozenset({"strong", "b"})
ITALIC: Final = frozenset({"em", "i"})
INLINE: Final = BOLD | ITALIC | {"a", "abbr", "code", "mark", "q", "small", "span", "sub", "sup"}
# Elements HTML lets a template leave open: a new one closes the previous.
IMPLIED_CLOSE: Final = {
    "p": frozenset({"p"}),
    "li": frozenset({"li", "p"}),
    "td": frozenset({"td", "th", "p"}),
    "th": frozenset({"td", "th", "p"}),
    "tr": frozenset({"tr", "td", "th", "p"}),
}
HTML_SPACE: Final = re.compile(r"[ \t\n\r\f]+")  # not U+00A0: a non-breaking space stays
# Characters XML 1.0 forbids; lxml refuses them, so chat text holding one would break the file.
NOT_XML: Final = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
LIGHT_CLASS: Final = re.compile(r"^light-([a-z]+)$")

Kind = Literal["p", "h1", "h2", "h3", "ul", "ol"]
HEADINGS: Final[dict[str, Kind]] = {"h1": "h1", "h2": "h2", "h3": "h3"}


@dataclass(frozen=True, slots=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    newline: bool = False  # a line break (from <br>) instead of text


@dataclass(frozen=True, slots=True)
class Para:
    kind: Kind
    runs: tuple[Run, ...]
    number: int = 0  # the item's number in an ordered list


@dataclass(slots=True)
class Cell:
    header: bool
    fill: str | None  # the traffic light's RGB, from a light-<colour> class
    paras: list[Para] = field(default_factory=list)


@dataclass(slots=True)
class Row:
    header: bool
    cells: list[Cell] = field(default_factory=list)


@dataclass(slots=True)
class Table:
    rows: list[Row] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Chart:
    pass


Block = Para | Table | Chart


@dataclass(slots=True)
class _List:
    ordered: bool
    count: int = 0


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (lxml refuses them)."""
    return NOT_XML.sub("", text)


def collapse(runs: Sequence[Run]) -> tuple[Run, ...]:
    """HTML's white-space rules: runs of spaces become one, none at a line's start or end."""
    out: list[Run] = []
    line_start = True
    for run in runs:
        if run.newline:
            _strip_end(out)
            out.append(run)
            line_start = True
            continue
        text = HTML_SPACE.sub(" ", xml_safe(run.text))
        if line_start:
            text = text.lstrip(" ")
        if text:
            out.append(replace(run, text=text))
            line_start = text.endswith(" ")
    _strip_end(out)
    while out and out[0].newline:
        out.pop(0)
    while out and out[-1].newline:
        out.pop()
    return tuple(out)


def _strip_end(runs: list[Run]) -> None:
    while runs and not runs[-1].newline and not runs[-1].text.rstrip(" "):
        runs.pop()
    if runs and not runs[-1].newline:
        runs[-1] = replace(runs[-1], text=runs[-1].text.rstrip(" "))


class HtmlWalker(HTMLParser):
    """Reads the letter's HTML into a list of blocks: paragraphs, tables and the chart."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._open: list[str] = []
        self._skip_at: int | None = None  # depth of the element whose content is skipped
        self._runs: list[Run] = []
        self._bold = 0
        self._italic = 0
        self._lists: list[_List] = []
        self._table: Table | None = None
        self._tables = 0  # nesting: an inner table's cells become paragraphs in the outer cell
        self._cell: Cell | None = None
        self._in_head = False

    # The parser's callbacks ------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip_at is not None:
            if tag not in VOID:
                self._open.append(tag)
            return
        classes = next((v.split() for k, v in attrs if k == "class" and v is not None), [])
        self._close_implied(tag)
        if tag in SKIPPED or (tag == "figure" and "chart" in classes):
            self._flush()
            if tag == "figure":
                self.blocks.append(Chart())
            self._skip_at = len(self._open)
            self._open.append(tag)
        elif tag == "br":
            self._runs.append(Run("", newline=True))
        elif tag == "img":
            self.handle_data(next((v for k, v in attrs if k == "alt" and v is not None), ""))
        elif tag in VOID:
            self._flush()  # hr and the like: a boundary with nothing to show
        elif tag in INLINE:
            self._open.append(tag)
            self._bold += tag in BOLD
            self._italic += tag in ITALIC
        else:
            self._flush()
            self._open.append(tag)
            self._start_block(tag, classes)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self._open:
            return  # a stray end tag: nothing to close
        depth = len(self._open) - 1 - self._open[::-1].index(tag)
        while len(self._open) > depth:
            self._close_top()

    def handle_data(self, data: str) -> None:
        if self._skip_at is None:
            self._runs.append(Run(data, self._bold > 0, self._italic > 0))

    def close(self) -> None:
        super().close()
        while self._open:
            self._close_top()
        self._flush()

    # Structure ---------------------------------------------------------------------------

    def _close_implied(self, tag: str) -> None:
        implied = IMPLIED_CLOSE.get(tag, frozenset())
        while self._open and self._open[-1] in implied:
            self._close_top()

    def _start_block(self, tag: str, classes: list[str]) -> None:
        if tag == "table":
            self._tables += 1
            if self._tables == 1:
                self._table = Table()
        elif self._table is not None and self._tables == 1:
            self._start_table_part(tag, classes)
        if tag in ("ul", "ol"):
            self._lists.append(_List(ordered=tag == "ol"))
        elif tag == "li" and self._lists:
            self._lists[-1].count += 1

    def _start_table_part(self, tag: str, classes: list[str]) -> None:
        assert self._table is not None  # noqa: S101 - the caller checked
        if tag == "thead":
            self._in_head = True
        elif tag == "tr":
            self._table.rows.append(Row(header=self._in_head))
        elif tag in ("td", "th"):
            if not self._table.rows:  # a cell outside any row opens one
                self._table.rows.append(Row(header=self._in_head))
            lights = (LIGHT_CLASS.match(c) for c in classes)
            fill = next((LIGHT_COLOURS[m[1]] for m in lights if m and m[1] in LIGHT_COLOURS), None)
            self._cell = Cell(header=tag == "th" or self._in_head, fill=fill)
            self._table.rows[-1].cells.append(self._cell)

    def _close_top(self) -> None:
        tag = self._open[-1]
        if self._skip_at is not None:
            if len(self._open) - 1 == self._skip_at:
                self._skip_at = None
            self._open.pop()
            return
        if tag in INLINE:
            self._bold -= tag in BOLD
            self._italic -= tag in ITALIC
            self._open.pop()
            return
        self._flush()  # with the element still open, so its text gets its kind
        self._open.pop()
        self._end_block(tag)

    def _end_block(self, tag: str) -> None:
        if tag in ("ul", "ol") and self._lists:
            self._lists.pop()
        elif tag == "table":
            self._tables -= 1
            if self._tables == 0 and self._table is not None:
                self.blocks.append(self._table)
                self._table, self._cell, self._in_head = None, None, False
        elif self._tables == 1 and tag in ("td", "th"):
            self._cell = None
        elif self._tables == 1 and tag == "thead":
            self._in_head = False

    def _kind(self) -> tuple[Kind, int]:
        for tag in reversed(self._open):
            if tag in ("td", "th"):
                break
            if tag in HEADINGS:
                return HEADINGS[tag], 0
            if tag == "li":
                current = self._lists[-1] if self._lists else _List(ordered=False)
                return ("ol" if current.ordered else "ul"), current.count
        return "p", 0

    def _flush(self) -> None:
        runs = collapse(self._runs)
        self._runs = []
        if not any(run.text for run in runs):
            return
        kind, number = self._kind()
        para = Para(kind, runs, number)
        if self._cell is not None:
            self._cell.paras.append(para)
        else:
            self.blocks.append(para)


def read_html(html: str) -> list[Block]:
    """The blocks of the letter's HTML, in order."""
    walker = HtmlWalker()
    walker.feed(html)
    walker.close()
    return walker.blocks
