"""The voortgangsbrief as a Word document, written from the letter's pieces.

``to_docx`` writes the body as WordprocessingML text and splices it into the reference
document's word/document.xml, keeping what the reference brings: its page setup, header and
footer, styles and numbering. Text is escaped for XML and cleaned of the characters XML 1.0
forbids, so an owner's words can never inject Word markup. Each kind of piece gets a paragraph
style of the reference document, by style id (or by the built-in name a localised Word gives
another id); a programme's own base without one of them falls back to a built-in style.

Writing text instead of python-docx objects keeps a letter of 10,000 actions to a fraction of
a second and a few tens of megabytes. The same pieces give the same bytes.
"""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Final, Literal, get_args

from lxml import etree

from bot.letter.pieces import Chart, Heading, Item, Para, ParaKind, Piece, Run, Signatures, Table
from bot.letter.reference import REFERENCE_DOCX, package
from bot.letter.word_package import CHART_REL_ID, footer, properties
from bot.letter.wordml import (
    DOC_REL,
    NAMESPACES,
    DocumentMeta,
    W,
    element_text,
    ppr_xml,
    runs_xml,
    xml_text,
)

DEFAULT_STAMP: Final = datetime(2000, 1, 1, tzinfo=UTC)
# Where the letter's body goes: an element no base has, replaced after serialising.
SLOT: Final = "voortgang-body"
EMU_PER_TWIP: Final = 635
MAX_PICTURE_EMU: Final = 16 * 360000  # 16 cm
SIGN_ROOM_TWIPS: Final = 850  # about 1.5 cm of space to sign in
SIGNATURES_PER_ROW: Final = 3

StyleKey = ParaKind | Literal["heading1", "heading2", "heading3", "bullet", "table", "footer"]
# Per kind: the style ids (and built-in names, lowercase) to look for, best first; "" is the
# document's default paragraph style.
STYLES: Final[dict[StyleKey, tuple[str, ...]]] = {
    "body": (),
    "reference": ("Reference",),
    "subject": ("Subject",),
    "quote": ("Quote", "quote"),
    "note": ("Note",),
    "quiet": ("Quiet",),
    "caption": ("Caption", "caption"),
    "draft": ("Draft",),
    "closing": ("Closing", "closing"),
    "heading1": ("Heading1", "heading 1"),
    "heading2": ("Heading2", "heading 2"),
    "heading3": ("Heading3", "heading 3"),
    "bullet": ("ListBullet", "list bullet"),
    "table": ("TableText", "table text"),
    "footer": ("Footer", "footer"),
}


# -- the base document -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Base:
    """What the writer needs to know of the reference document, read once per letter."""

    styles: dict[StyleKey, str | None]  # None: the document's default paragraph style
    table_grid: bool
    text_width: int  # twips between the margins


def _read_styles(styles_xml: bytes) -> tuple[dict[StyleKey, str | None], bool]:
    root = etree.fromstring(styles_xml)
    ids: dict[str, str] = {}
    table_grid = False
    for style in root.iterfind("w:style", NAMESPACES):
        style_id = style.get(f"{W}styleId") or ""
        if style.get(f"{W}type") == "table":
            table_grid = table_grid or style_id == "TableGrid"
            continue
        if style.get(f"{W}type") != "paragraph":
            continue
        written = xml_text(style_id)  # goes into an attribute as it is
        ids[style_id] = written
        name = style.find("w:name", NAMESPACES)
        if name is not None:
            ids.setdefault(name.get(f"{W}val", "").lower(), written)
    found = {
        key: next((ids[c] for c in candidates if c in ids), None)
        for key, candidates in STYLES.items()
    }
    return found, table_grid


def _text_width(section: etree._Element | None) -> int:
    size = section.find("w:pgSz", NAMESPACES) if section is not None else None
    margins = section.find("w:pgMar", NAMESPACES) if section is not None else None
    if size is None or margins is None:
        return 9070  # A4 with 2.5 cm margins
    width = int(size.get(f"{W}w", "11906"))
    return width - int(margins.get(f"{W}left", "1418")) - int(margins.get(f"{W}right", "1418"))


def _drop_trailing_empty(body: etree._Element) -> None:
    """A base from Word ends in an empty paragraph; the letter should not start with a gap."""
    while True:
        children = [c for c in body if c.tag != f"{W}sectPr"]
        if not children or children[-1].tag != f"{W}p":
            return
        last = children[-1]
        if element_text(last) or last.xpath(
            ".//w:drawing | .//w:pict | .//w:sectPr", namespaces=NAMESPACES
        ):
            return
        body.remove(last)


# -- pieces to WordprocessingML --------------------------------------------------------------


class Writer:
    """Writes pieces as WordprocessingML, each style looked up once per letter."""

    def __init__(self, base: Base, chart: Callable[[], bytes] | None) -> None:
        self.base = base
        self.style = base.styles
        self.chart_source = chart
        self.picture: bytes | None = None  # the chart's PNG, once a Chart piece asked for it
        self.drawings = 0
        # The schema orders a table's properties: the style first, borders after the width.
        self.table_style = '<w:tblStyle w:val="TableGrid"/>' if base.table_grid else ""
        self.table_borders = (
            ""
            if base.table_grid
            else "<w:tblBorders>"
            + "".join(
                f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
                for side in ("top", "left", "bottom", "right", "insideH", "insideV")
            )
            + "</w:tblBorders>"
        )
        self.cell_style = ppr_xml(self.style["table"])
        self.headings = {
            1: self.style["heading1"],
            2: self.style["heading2"],
            3: self.style["heading3"],
        }
        # The paragraph start of each kind, built once: most of a letter is these.
        # ("body" has no style of its own: the document's default, Normal.)
        self.starts: dict[ParaKind, str] = {
            kind: "<w:p>" + ppr_xml(self.style[kind]) for kind in get_args(ParaKind)
        }

    def write(self, pieces: Iterable[Piece]) -> str:
        out: list[str] = []
        add = out.append
        after_table = False
        for piece in pieces:
            tabular = isinstance(piece, Table | Signatures)
            if tabular and after_table:
                # Word joins two tables with nothing between them into one.
                add(TABLE_GAP)
            after_table = tabular
            if isinstance(piece, Para):
                add(self.para(piece))
            elif isinstance(piece, Item):
                add(self.item(piece))
            elif isinstance(piece, Heading):
                add(self.heading(piece))
            elif isinstance(piece, Table):
                add(self.table(piece))
            elif isinstance(piece, Chart):
                add(self.chart(piece))
            else:
                add(self.signatures(piece))
        if after_table:
            add(TABLE_GAP)  # Word wants a paragraph after a table that ends the document
        return "".join(out)

    def para(self, para: Para) -> str:
        if para.keep_with_next:
            start = "<w:p>" + ppr_xml(self.style[para.kind], "<w:keepNext/>")
        else:
            start = self.starts[para.kind]
        return f"{start}{runs_xml(para.runs)}</w:p>"

    def item(self, item: Item) -> str:
        style = self.style["bullet"]
        if style is None:  # the base has no list style: mark the item in text
            return f"<w:p>{runs_xml((Run('• '), *item.runs))}</w:p>"
        return f"<w:p>{ppr_xml(style)}{runs_xml(item.runs)}</w:p>"

    def heading(self, heading: Heading) -> str:
        style = self.headings[heading.level]
        extra = "<w:pageBreakBefore/>" if heading.new_page else ""
        # The outline level on the paragraph too, so a base without heading styles still gives
        # the navigation pane and the PDF's bookmarks and tags the letter's structure.
        extra += f'<w:outlineLvl w:val="{heading.level - 1}"/>'
        if style is None:
            extra = "<w:keepNext/>" + extra
        runs = runs_xml((Run(heading.text),), bold=style is None)
        return f"<w:p>{ppr_xml(style, extra)}{runs}</w:p>"

    def _cell(self, text: str, width: int, *, fill: str | None, bold: bool) -> str:
        shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
        run = runs_xml((Run(text),), bold=bold) if text else ""
        return (
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}</w:tcPr>'
            f"<w:p>{self.cell_style}{run}</w:p></w:tc>"
        )

    def table(self, table: Table) -> str:
        columns = max(len(table.header), *(len(row) for row in table.rows), 0)
        if columns == 0:
            return ""
        widths = _widths(table.widths, columns, self.base.text_width)
        caption = (
            f'<w:tblCaption w:val="{xml_text(table.caption[:255])}"/>' if table.caption else ""
        )
        out = [
            (
                f'<w:tbl><w:tblPr>{self.table_style}<w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
                f'{self.table_borders}<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" '
                'w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" '
                'w:noVBand="1"/>'
                f"{caption}</w:tblPr><w:tblGrid>"
            ),
            *(f'<w:gridCol w:w="{width}"/>' for width in widths),
            "</w:tblGrid>",
        ]
        if table.header:
            out.append("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>")
            for index, width in enumerate(widths):
                text = table.header[index] if index < len(table.header) else ""
                out.append(self._cell(text, width, fill=None, bold=True))
            out.append("</w:tr>")
        empty = self._cell("", 0, fill=None, bold=False)
        for row in table.rows:
            out.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
            for index, width in enumerate(widths):
                if index < len(row):
                    cell = row[index]
                    out.append(self._cell(cell.text, width, fill=cell.fill, bold=cell.bold))
                else:
                    out.append(empty.replace('w:w="0"', f'w:w="{width}"'))
            out.append("</w:tr>")
        out.append("</w:tbl>")
        return "".join(out)

    def chart(self, chart: Chart) -> str:
        if self.chart_source is None:
            return ""  # no picture to show: leave it out rather than fail the letter
        if self.picture is None:
            self.picture = self.chart_source()
        width, height = _png_size(self.picture)
        cx = min(MAX_PICTURE_EMU, self.base.text_width * EMU_PER_TWIP)
        cy = cx * height // max(width, 1)
        self.drawings += 1
        number = 1000 + self.drawings
        alt = xml_text(chart.alt)
        return (
            '<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:drawing>'
            '<wp:inline distT="0" distB="0" distL="0" distR="0" xmlns:wp="http://schemas.'
            'openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
            f'<wp:extent cx="{cx}" cy="{cy}"/>'
            f'<wp:docPr id="{number}" name="Chart {self.drawings}" descr="{alt}"/>'
            '<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="http://schemas.openxmlformats'
            '.org/drawingml/2006/main" noChangeAspect="1"/></wp:cNvGraphicFramePr>'
            '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
            '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            f'<pic:nvPicPr><pic:cNvPr id="{number}" name="chart.png" descr="{alt}"/>'
            "<pic:cNvPicPr/></pic:nvPicPr>"
            f'<pic:blipFill><a:blip xmlns:r="{DOC_REL}" r:embed="{CHART_REL_ID}"/>'
            "<a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
            f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
            "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
        )

    def signatures(self, signatures: Signatures) -> str:
        if not signatures.blocks:
            return ""
        per_row = min(SIGNATURES_PER_ROW, len(signatures.blocks))
        width = self.base.text_width // per_row
        none = "".join(
            f'<w:{side} w:val="nil"/>'
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        out = [
            (
                f'<w:tbl><w:tblPr><w:tblW w:w="{width * per_row}" w:type="dxa"/>'
                f'<w:tblBorders>{none}</w:tblBorders><w:tblLayout w:type="fixed"/>'
                # No inner margin on the left: the signatures line up with the letter's text.
                '<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="113" w:type="dxa"/>'
                "</w:tblCellMar></w:tblPr><w:tblGrid>"
            ),
            f'<w:gridCol w:w="{width}"/>' * per_row,
            "</w:tblGrid>",
        ]
        blocks = signatures.blocks
        for start in range(0, len(blocks), per_row):
            out.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
            for block in blocks[start : start + per_row]:
                out.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>')
                out.append(
                    f"<w:p>{ppr_xml(None, '<w:keepNext/>')}{runs_xml((Run(block.party),))}</w:p>"
                )
                for signer in block.signers:
                    room = f'<w:spacing w:after="{SIGN_ROOM_TWIPS}"/>' if signatures.room else ""
                    function = runs_xml((Run(signer.function),))
                    out.append(f"<w:p>{ppr_xml(None, '<w:keepNext/>' + room)}{function}</w:p>")
                    out.append(f"<w:p>{runs_xml((Run(signer.name),))}</w:p>")
                out.append("</w:tc>")
            for _ in range(per_row - len(blocks[start : start + per_row])):
                out.append(
                    f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr><w:p/></w:tc>'
                )
            out.append("</w:tr>")
        out.append("</w:tbl>")
        return "".join(out)


TABLE_GAP: Final = "<w:p/>"


def _widths(shares: Sequence[float], columns: int, room: int) -> list[int]:
    """Column widths in twips from each column's share of the room between the margins."""
    given = [max(share, 0.0) for share in shares[:columns]]
    given += [0.0] * (columns - len(given))
    total = sum(given)
    if total <= 0:
        return [room // columns] * columns
    missing = sum(1 for share in given if share == 0)
    fill = (1 - min(total, 1)) / missing if missing else 0
    shares = [share if share > 0 else fill for share in given]
    scale = sum(shares) or 1
    return [max(int(room * share / scale), 1) for share in shares]


def _png_size(png: bytes) -> tuple[int, int]:
    """A PNG's pixel width and height, from its header."""
    if png[:8] != b"\x89PNG\r\n\x1a\n" or len(png) < 24:
        return (4, 3)  # not a PNG we can read: a sensible shape
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def to_docx(
    pieces: Sequence[Piece],
    meta: DocumentMeta,
    base: Path | None = None,
    *,
    chart: Callable[[], bytes] | None = None,
    stamp: datetime | None = None,
) -> bytes:
    """The letter's ``pieces`` as DOCX bytes, on ``base`` (a programme's own reference .docx;
    by default config/templates/brief.docx).

    ``chart`` gives the status chart as PNG, asked for only when a Chart piece occurs; ``stamp``
    is the created/modified time in the file (a fixed moment by default, so the same letter
    always gives the same bytes).
    """
    with zipfile.ZipFile(REFERENCE_DOCX if base is None else base) as source:
        entries = {info.filename: source.read(info) for info in source.infolist()}
    styles, table_grid = _read_styles(entries.get("word/styles.xml", b"<w:styles/>"))
    document = etree.fromstring(entries["word/document.xml"])
    body = document.find("w:body", NAMESPACES)
    if body is None:
        raise ValueError("the base document has no body")
    _drop_trailing_empty(body)
    section = body.find("w:sectPr", NAMESPACES)
    base_info = Base(styles, table_grid, _text_width(section))

    writer = Writer(base_info, chart)
    text = writer.write(pieces)

    footer(entries, body, section, meta, style=styles["footer"], picture=writer.picture)
    properties(entries, meta, DEFAULT_STAMP if stamp is None else stamp)

    # The body goes in as text where the slot element stands, just before the section.
    slot = etree.Element(SLOT)
    if section is not None and section.getparent() is body:
        section.addprevious(slot)
    else:
        body.append(slot)
    skeleton = etree.tostring(document, xml_declaration=True, encoding="UTF-8", standalone=True)
    head, tail = skeleton.split(f"<{SLOT}/>".encode(), 1)
    entries["word/document.xml"] = b"".join((head, text.encode("utf-8"), tail))
    return package(entries)
