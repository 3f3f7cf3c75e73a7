"""The letter's blocks written into a python-docx document: styles, lists, tables, the chart."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from io import BytesIO
from typing import Final

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

from bot.letter.blocks import Block, Cell, Para, Run, Table, xml_safe

HEADING_SIZES: Final = {1: Pt(16), 2: Pt(13), 3: Pt(11.5)}
MAX_PICTURE: Final = Cm(16)
TABLE_SIZE: Final = Pt(9)
# For column widths: roughly one character of 9 to 11 pt text, and a cell's side margins.
CHAR_WIDTH: Final = Cm(0.2)
CELL_PADDING: Final = Cm(0.4)


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
        shape._inline.docPr.set("descr", xml_safe(self.picture_text))  # alt text for readers

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
