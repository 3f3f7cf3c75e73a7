"""The voortgangsbrief as a Word document, built by walking the letter's rendered HTML.

The HTML template drives the DOCX: ``to_docx`` reads a known subset of HTML with the standard
library's parser and writes the matching python-docx elements, so a programme that overrides
``brief.html.j2`` changes its DOCX (and PDF) as well, without code. The subset:

- h1, h2, h3: Word's "Heading 1/2/3" styles (so the navigation pane lists them);
- p, with inline strong/b, em/i and br; ul/ol with li: "List Bullet" / "List Number";
- table with thead/tbody/tr/th/td: a "Table Grid" table whose header row is bold and repeats
  on every page; a cell with class ``light-<colour>`` gets that traffic light as shading;
- ``figure class="chart"``: the status chart as a picture (its HTML children are skipped);
- head, style, title and script are skipped; any other element's text becomes a paragraph,
  so nothing a template shows is silently dropped.

Text goes in as text (python-docx escapes it), so an owner's words can never inject Word markup.
The document starts from a programme's own ``brief.docx`` when it has one (its styles, logo
header, margins) and gets a "Pagina X van Y" footer. The same letter gives the same bytes.
"""

from __future__ import annotations

import re
import string
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path
from typing import Final, Literal

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Pt
from docx.styles.style import ParagraphStyle
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from bot.letter.chart import LIGHT_COLOURS, chart_png, chart_title
from handlers.brief.content import Letter
from words.catalogue import t

# -- HTML to blocks --------------------------------------------------------------------------

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


def _clean(text: str) -> str:
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
        text = HTML_SPACE.sub(" ", _clean(run.text))
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


# -- blocks to Word --------------------------------------------------------------------------

HEADING_SIZES: Final = {1: Pt(16), 2: Pt(13), 3: Pt(11.5)}
MAX_PICTURE: Final = Cm(16)
TABLE_SIZE: Final = Pt(9)
# For column widths: roughly one character of 9 to 11 pt text, and a cell's side margins.
CHAR_WIDTH: Final = Cm(0.2)
CELL_PADDING: Final = Cm(0.4)
LANGUAGE_TAGS: Final = {"nl": "nl-NL", "en": "en-GB"}
CORE_TEXT_MAX: Final = 255  # python-docx refuses longer core properties
# When nothing better is known: the same letter must give the same bytes, so no clock time.
DEFAULT_STAMP: Final = datetime(2000, 1, 1, tzinfo=UTC)
ZIP_TIME: Final = (1980, 1, 1, 0, 0, 0)


def _style(doc: Document, name: str) -> ParagraphStyle | None:
    """The document's paragraph style ``name``, or None (Normal) when the base lacks it."""
    if name not in doc.styles:
        return None
    style = doc.styles[name]
    return style if isinstance(style, ParagraphStyle) else None


def _heading_style(doc: Document, level: int) -> ParagraphStyle | None:
    name = f"Heading {level}"
    if name in doc.styles:
        return _style(doc, name)
    # A base made in Word often only stores the styles it used: add the built-in heading back,
    # with its outline level, so the navigation pane still shows the letter's structure.
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    assert isinstance(style, ParagraphStyle)  # noqa: S101 - add_style made a paragraph style
    normal = _style(doc, "Normal")
    if normal is not None:
        style.base_style = normal
        style.next_paragraph_style = normal
    style.font.bold = True
    style.font.size = HEADING_SIZES[level]
    style.paragraph_format.keep_with_next = True
    style.paragraph_format.space_before = Pt(12)
    outline = OxmlElement("w:outlineLvl", {qn("w:val"): str(level - 1)})
    style.element.get_or_add_pPr().append(outline)
    return style


def _add_runs(
    paragraph: Paragraph, runs: Sequence[Run], *, bold: bool, size: Length | None
) -> None:
    for run in runs:
        if run.newline:
            paragraph.add_run().add_break()
            continue
        added = paragraph.add_run(run.text)
        if size is not None:
            added.font.size = size
        if run.bold or bold:
            added.bold = True
        if run.italic:
            added.italic = True


def _set_style(paragraph: Paragraph, style: ParagraphStyle | None) -> None:
    # By id, directly: python-docx's style setter searches every style of the document again.
    if style is not None:
        paragraph._p.get_or_add_pPr().style = style.style_id


class Writer:
    """Writes blocks into a python-docx document, looking each style up once."""

    def __init__(
        self,
        doc: Document,
        picture: Callable[[], bytes],
        picture_text: str,
        table_size: Length | None = None,
    ) -> None:
        self.doc = doc
        self.table_size = table_size  # None: the base document's styles decide
        self.picture = picture
        self.picture_text = picture_text
        self.headings = {level: _heading_style(doc, level) for level in HEADING_SIZES}
        self.bullet = _style(doc, "List Bullet")
        self.numbered = _style(doc, "List Number")
        self.section_end = doc.element.body.sectPr

    def write(self, block: Block) -> None:
        if isinstance(block, Para):
            self.paragraph(block, self._new_paragraph())
        elif isinstance(block, Table):
            self.table(block)
        else:
            self.chart()

    def _new_paragraph(self) -> Paragraph:
        # python-docx's add_paragraph looks for the section properties among all of the body's
        # children for every paragraph, which is quadratic in a long letter; they are found
        # once here, and each paragraph goes just before them.
        element = OxmlElement("w:p")
        if self.section_end is None:
            self.doc.element.body.append(element)
        else:
            self.section_end.addprevious(element)
        return Paragraph(element, self.doc._body)

    def paragraph(
        self, para: Para, target: Paragraph, *, bold: bool = False, size: Length | None = None
    ) -> None:
        runs = para.runs
        if para.kind in ("h1", "h2", "h3"):
            _set_style(target, self.headings[int(para.kind[1])])
        elif para.kind == "ul" and self.bullet is not None:
            _set_style(target, self.bullet)
        elif para.kind == "ol" and self.numbered is not None:
            _set_style(target, self.numbered)
        elif para.kind in ("ul", "ol"):  # the base has no list style: mark the item in text
            mark = "• " if para.kind == "ul" else f"{para.number}. "
            runs = (Run(mark), *runs)
        _add_runs(target, runs, bold=bold, size=size)

    def table(self, block: Table) -> None:
        columns = max((len(row.cells) for row in block.rows), default=0)
        if columns == 0:
            return
        table = self.doc.add_table(rows=len(block.rows), cols=columns)
        _table_style(self.doc, table)
        widths = column_widths(block, columns, self._room(None))
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Length(width)
        heading_rows = True
        for row, target in zip(block.rows, table.rows, strict=True):
            header = row.header or all(cell.header for cell in row.cells)
            heading_rows = heading_rows and header
            properties = target._tr.get_or_add_trPr()
            properties.append(OxmlElement("w:cantSplit"))  # a row stays on one page
            if heading_rows:  # only leading header rows can repeat on each page
                properties.append(OxmlElement("w:tblHeader"))
            for cell, into, width in zip(row.cells, target.cells, widths, strict=False):
                into.width = Length(width)
                self.cell(cell, into, bold=header)

    def cell(self, cell: Cell, target: _Cell, *, bold: bool) -> None:
        for index, para in enumerate(cell.paras):
            place = target.paragraphs[0] if index == 0 else target.add_paragraph()
            self.paragraph(para, place, bold=bold, size=self.table_size)
        if cell.fill is not None:
            shading = {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): cell.fill}
            target._tc.get_or_add_tcPr().append(OxmlElement("w:shd", shading))

    def chart(self) -> None:
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        room = self._room(MAX_PICTURE)
        shape = paragraph.add_run().add_picture(BytesIO(self.picture()), width=room)
        shape._inline.docPr.set("descr", _clean(self.picture_text))  # alt text for readers

    def _room(self, most: Length | None) -> Length:
        """The width between the margins, at most ``most``."""
        section = self.doc.sections[-1]
        width, left, right = section.page_width, section.left_margin, section.right_margin
        if width is None or left is None or right is None:
            return MAX_PICTURE
        room = width - left - right
        return Length(room if most is None else min(room, most))


def _text(cell: Cell) -> str:
    return " ".join(run.text for para in cell.paras for run in para.runs)


def column_widths(block: Table, columns: int, room: int) -> list[int]:
    """Widths that keep each column's longest word whole, the rest shared by text length.

    Equal columns broke "Omgevingswet" in two while the parties' column had room to spare.
    """
    longest = [1] * columns
    length = [0] * columns
    for row in block.rows:
        for index, cell in enumerate(row.cells[:columns]):
            text = _text(cell)
            longest[index] = max(longest[index], *(len(word) for word in text.split()), 1)
            length[index] += len(text)
    least = [CELL_PADDING + words * CHAR_WIDTH for words in longest]
    if sum(least) >= room:
        return [room * need // sum(least) for need in least]
    rows = max(len(block.rows), 1)
    beyond = [
        max(total / rows - words, 0) + 1 for total, words in zip(length, longest, strict=True)
    ]
    spare = room - sum(least)
    return [
        need + round(spare * more / sum(beyond)) for need, more in zip(least, beyond, strict=True)
    ]


def _table_style(doc: Document, table: DocxTable) -> None:
    if "Table Grid" in doc.styles and doc.styles["Table Grid"].type == WD_STYLE_TYPE.TABLE:
        table.style = doc.styles["Table Grid"]
        return
    # A base without Table Grid: draw the same single lines on the table itself.
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = {qn("w:val"): "single", qn("w:sz"): "4", qn("w:space"): "0", qn("w:color"): "auto"}
        borders.append(OxmlElement(f"w:{side}", line))
    table._tbl.tblPr.append(borders)


# -- the page around the text ----------------------------------------------------------------


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in when laying out."""
    parts = [
        OxmlElement("w:fldChar", {qn("w:fldCharType"): "begin"}),
        OxmlElement("w:instrText", {qn("xml:space"): "preserve"}),
        OxmlElement("w:fldChar", {qn("w:fldCharType"): "separate"}),
        OxmlElement("w:t"),
        OxmlElement("w:fldChar", {qn("w:fldCharType"): "end"}),
    ]
    parts[1].text = f" {instruction} "
    parts[3].text = "1"
    for part in parts:
        paragraph.add_run()._r.append(part)


def _page_numbers(doc: Document, lang: str) -> None:
    words = t("document.page_of", lang, page="{page}", pages="{pages}")
    fields = {"page": "PAGE", "pages": "NUMPAGES"}
    for index, section in enumerate(doc.sections):
        footer = section.footer
        if index > 0 and footer.is_linked_to_previous:
            continue  # it shows the previous section's footer, numbers and all
        if footer._element.xpath(".//w:instrText[contains(., 'PAGE')] | .//w:fldSimple"):
            continue  # the base brings its own page numbers
        last = footer.paragraphs[-1] if footer.paragraphs else None
        paragraph = last if last is not None and not last.text else footer.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for text, name, _, _ in string.Formatter().parse(words):
            if text:
                paragraph.add_run(text)
            if name is not None:
                _field(paragraph, fields[name])


def _fresh_defaults(doc: Document, lang: str) -> None:
    """python-docx's own template is US Letter in US English; a Dutch letter wants A4."""
    for section in doc.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.5)
    spelling = doc.styles.element.xpath("./w:docDefaults/w:rPrDefault/w:rPr/w:lang")
    for element in spelling:
        element.set(qn("w:val"), LANGUAGE_TAGS[lang])
    doc.core_properties.author = "Voortgang"
    doc.core_properties.comments = ""


def _properties(doc: Document, letter: Letter, stamp: datetime) -> None:
    properties = doc.core_properties
    properties.title = _clean(letter.subject)[:CORE_TEXT_MAX]
    properties.language = LANGUAGE_TAGS[letter.lang]
    moment = stamp.astimezone(UTC).replace(tzinfo=None)  # python-docx writes naive as UTC
    properties.created = properties.modified = properties.last_printed = moment
    properties.revision = 1


def _drop_trailing_empty(doc: Document) -> None:
    """A base from Word ends in an empty paragraph; the letter should not start with a gap."""
    body = doc.element.body
    while True:
        last = body.xpath("./*[not(self::w:sectPr)][last()]")
        if not last or last[0].tag != qn("w:p"):
            return
        p = last[0]
        if p.xpath("string(.)") or p.xpath(".//w:drawing | .//w:pict | .//w:sectPr"):
            return
        body.remove(p)


def _fixed_zip(data: bytes) -> bytes:
    """The package again, with fixed entry times and order, so equal letters are equal bytes."""
    with zipfile.ZipFile(BytesIO(data)) as source:
        entries = [(info.filename, source.read(info)) for info in source.infolist()]
    entries.sort(key=lambda entry: (entry[0] != "[Content_Types].xml", entry[0]))
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, content)
    return out.getvalue()


def to_docx(
    html: str, letter: Letter, base: Path | None, *, stamp: datetime | None = None
) -> bytes:
    """The letter's rendered ``html`` as DOCX bytes, on ``base`` (a programme's brief.docx).

    ``stamp`` is the created/modified time in the file; it defaults to a fixed moment, so the
    same letter always gives the same bytes.
    """
    doc = docx.Document(str(base)) if base is not None else docx.Document()
    if base is None:
        _fresh_defaults(doc, letter.lang)
    else:
        _drop_trailing_empty(doc)
    # Our own default document sets the table in smaller type, as the HTML's CSS does.
    writer = Writer(
        doc,
        lambda: chart_png(letter),
        chart_title(letter),
        table_size=TABLE_SIZE if base is None else None,
    )
    for block in read_html(html):
        writer.write(block)
    _page_numbers(doc, letter.lang)
    _properties(doc, letter, DEFAULT_STAMP if stamp is None else stamp)
    out = BytesIO()
    doc.save(out)
    return _fixed_zip(out.getvalue())
