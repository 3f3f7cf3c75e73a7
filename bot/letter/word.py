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

import re
import struct
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Final, Literal, get_args

from lxml import etree

from bot.letter.pieces import Chart, Heading, Item, Para, ParaKind, Piece, Run, Signatures, Table
from bot.letter.reference import REFERENCE_DOCX, W_NS, package
from words.catalogue import t

LANGUAGE_TAGS: Final = {"nl": "nl-NL", "en": "en-GB"}
DEFAULT_STAMP: Final = datetime(2000, 1, 1, tzinfo=UTC)
CORE_TEXT_MAX: Final = 255
W: Final = f"{{{W_NS}}}"
NAMESPACES: Final = {"w": W_NS}
REL_NS: Final = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_REL: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
IMAGE_REL: Final = f"{DOC_REL}/image"
FOOTER_REL: Final = f"{DOC_REL}/footer"
FOOTER_TYPE: Final = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"
CORE_TYPE: Final = "application/vnd.openxmlformats-package.core-properties+xml"
CORE_REL: Final = (
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
)
# Where the letter's body goes: an element no base has, replaced after serialising.
SLOT: Final = "voortgang-body"
EMU_PER_TWIP: Final = 635
MAX_PICTURE_EMU: Final = 16 * 360000  # 16 cm
SIGN_ROOM_TWIPS: Final = 850  # about 1.5 cm of space to sign in
SIGNATURES_PER_ROW: Final = 3
# Characters XML 1.0 forbids .
NOT_XML: Final = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
NEEDS_WORK: Final = re.compile('[&<>"\n\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]')

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


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    lang: Literal["nl", "en"]
    title: str  # the document's title property
    reference: str  # printed in the footer, beside the page numbers


def xml_text(text: str) -> str:
    """``text`` as XML character data: escaped, and without characters XML 1.0 forbids."""
    if NEEDS_WORK.search(text) is None:
        return text  # the common case: nothing to do
    text = NOT_XML.sub("", text)
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


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


def _text(element: etree._Element) -> str:
    return "".join(str(part) for part in element.itertext())


def _drop_trailing_empty(body: etree._Element) -> None:
    """A base from Word ends in an empty paragraph; the letter should not start with a gap."""
    while True:
        children = [c for c in body if c.tag != f"{W}sectPr"]
        if not children or children[-1].tag != f"{W}p":
            return
        last = children[-1]
        if _text(last) or last.xpath(
            ".//w:drawing | .//w:pict | .//w:sectPr", namespaces=NAMESPACES
        ):
            return
        body.remove(last)


# -- pieces to WordprocessingML --------------------------------------------------------------


def _runs(runs: Iterable[Run], *, bold: bool = False) -> str:
    out = []
    for run in runs:
        props = ("<w:b/>" if run.bold or bold else "") + ("<w:i/>" if run.italic else "")
        start = f"<w:r><w:rPr>{props}</w:rPr>" if props else "<w:r>"
        if "\n" in run.text:
            lines = run.text.split("\n")
            inner = "<w:br/>".join(f'<w:t xml:space="preserve">{xml_text(x)}</w:t>' for x in lines)
        else:
            inner = f'<w:t xml:space="preserve">{xml_text(run.text)}</w:t>'
        out.append(f"{start}{inner}</w:r>")
    return "".join(out)


def _ppr(style: str | None, extra: str = "") -> str:
    if style is None and not extra:
        return ""
    styled = f'<w:pStyle w:val="{style}"/>' if style is not None else ""
    return f"<w:pPr>{styled}{extra}</w:pPr>"


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
        self.cell_style = _ppr(self.style["table"])
        self.headings = {
            1: self.style["heading1"],
            2: self.style["heading2"],
            3: self.style["heading3"],
        }
        # The paragraph start of each kind, built once: most of a letter is these.
        # ("body" has no style of its own: the document's default, Normal.)
        self.starts: dict[ParaKind, str] = {
            kind: "<w:p>" + _ppr(self.style[kind]) for kind in get_args(ParaKind)
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
            start = "<w:p>" + _ppr(self.style[para.kind], "<w:keepNext/>")
        else:
            start = self.starts[para.kind]
        return f"{start}{_runs(para.runs)}</w:p>"

    def item(self, item: Item) -> str:
        style = self.style["bullet"]
        if style is None:  # the base has no list style: mark the item in text
            return f"<w:p>{_runs((Run('• '), *item.runs))}</w:p>"
        return f"<w:p>{_ppr(style)}{_runs(item.runs)}</w:p>"

    def heading(self, heading: Heading) -> str:
        style = self.headings[heading.level]
        extra = "<w:pageBreakBefore/>" if heading.new_page else ""
        # The outline level on the paragraph too, so a base without heading styles still gives
        # the navigation pane and the PDF's bookmarks and tags the letter's structure.
        extra += f'<w:outlineLvl w:val="{heading.level - 1}"/>'
        if style is None:
            extra = "<w:keepNext/>" + extra
        runs = _runs((Run(heading.text),), bold=style is None)
        return f"<w:p>{_ppr(style, extra)}{runs}</w:p>"

    def _cell(self, text: str, width: int, *, fill: str | None, bold: bool) -> str:
        shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
        run = _runs((Run(text),), bold=bold) if text else ""
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
                out.append(f"<w:p>{_ppr(None, '<w:keepNext/>')}{_runs((Run(block.party),))}</w:p>")
                for signer in block.signers:
                    room = f'<w:spacing w:after="{SIGN_ROOM_TWIPS}"/>' if signatures.room else ""
                    function = _runs((Run(signer.function),))
                    out.append(f"<w:p>{_ppr(None, '<w:keepNext/>' + room)}{function}</w:p>")
                    out.append(f"<w:p>{_runs((Run(signer.name),))}</w:p>")
                out.append("</w:tc>")
            for _ in range(per_row - len(blocks[start : start + per_row])):
                out.append(
                    f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr><w:p/></w:tc>'
                )
            out.append("</w:tr>")
        out.append("</w:tbl>")
        return "".join(out)


CHART_REL_ID: Final = "rIdVoortgangChart"
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


# -- the footer, the properties and the package ----------------------------------------------


def _footer_paragraph(meta: DocumentMeta, style: str | None) -> str:
    words = t("document.page_of", meta.lang, page="\x00page\x00", pages="\x00pages\x00")
    fields = {"page": "PAGE", "pages": "NUMPAGES"}
    runs = [_runs((Run(meta.reference),))] if meta.reference else []
    runs.append("<w:r><w:tab/></w:r>")
    for index, part in enumerate(words.split("\x00")):
        if index % 2 == 0:
            if part:
                runs.append(_runs((Run(part),)))
            continue
        runs.append(
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">'
            f' {fields[part]} </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            '<w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
        )
    # Without the reference's Footer style there is no tab stop at the right margin: align
    # the page numbers right and the reference with them, rather than at the default tabs.
    props = _ppr(style) if style is not None else '<w:pPr><w:jc w:val="right"/></w:pPr>'
    return f"<w:p>{props}{''.join(runs)}</w:p>"


def _with_page_numbers(footer_xml: bytes, paragraph: str) -> bytes | None:
    """The footer with our line in its last paragraph when that is empty (the reference's), or
    added after; None when it has page numbers of its own."""
    root = etree.fromstring(footer_xml)
    if root.xpath(".//w:instrText[contains(., 'PAGE')] | .//w:fldSimple", namespaces=NAMESPACES):
        return None
    ours = etree.fromstring(f'<w:ftr xmlns:w="{W_NS}">{paragraph}</w:ftr>')[0]
    paragraphs = root.findall("w:p", NAMESPACES)
    last = paragraphs[-1] if paragraphs else None
    if last is not None and not _text(last) and len(last) <= 1:
        kept = last.find("w:pPr", NAMESPACES)
        if kept is not None:  # the base's own paragraph properties win
            if ours[0].tag == f"{W}pPr":
                ours.remove(ours[0])
            ours.insert(0, kept)
        last.addprevious(ours)
        root.remove(last)
    else:
        root.append(ours)
    return _xml(root)


def _core(meta: DocumentMeta, stamp: datetime) -> bytes:
    moment = stamp.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    title = xml_text(meta.title[:CORE_TEXT_MAX])
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://'
        'purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{title}</dc:title><dc:creator>Voortgang</dc:creator>"
        f"<cp:lastModifiedBy>Voortgang</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        f"<dc:language>{LANGUAGE_TAGS[meta.lang]}</dc:language>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{moment}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{moment}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode()


def _language(styles_xml: bytes, lang: str) -> bytes:
    """The styles with the letter's language as the document's default (spelling, PDF)."""
    root = etree.fromstring(styles_xml)
    found = root.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NAMESPACES)
    if found is None:
        return styles_xml
    found.set(f"{W}val", LANGUAGE_TAGS[lang])
    return _xml(root)


def _add_relationship(rels: etree._Element, rel_id: str, kind: str, target: str) -> None:
    element = etree.SubElement(rels, f"{{{REL_NS}}}Relationship")
    element.set("Id", rel_id)
    element.set("Type", kind)
    element.set("Target", target)


def _content_types(types_xml: bytes, *, png: bool, overrides: dict[str, str]) -> bytes:
    root = etree.fromstring(types_xml)
    ns = "{http://schemas.openxmlformats.org/package/2006/content-types}"
    if png and not any(d.get("Extension", "").lower() == "png" for d in root.iter(f"{ns}Default")):
        default = etree.Element(f"{ns}Default", Extension="png", ContentType="image/png")
        root.insert(0, default)
    known = {o.get("PartName") for o in root.iter(f"{ns}Override")}
    for part, kind in overrides.items():
        if part not in known:
            etree.SubElement(root, f"{ns}Override", PartName=part, ContentType=kind)
    return _xml(root)


def _footer_target(section: etree._Element | None, rels: etree._Element) -> str | None:
    """The default footer's part name (under word/), if the base has one."""
    if section is None:
        return None
    for reference in section.iterfind("w:footerReference", NAMESPACES):
        if reference.get(f"{W}type", "default") == "default":
            rel_id = reference.get(f"{{{DOC_REL}}}id")
            for rel in rels:
                if rel.get("Id") == rel_id:
                    return rel.get("Target")
    return None


def _footer(
    entries: dict[str, bytes],
    body: etree._Element,
    section: etree._Element | None,
    meta: DocumentMeta,
    *,
    style: str | None,
    picture: bytes | None,
) -> None:
    """The reference and page numbers in the default footer (a new one if the base has none),
    and the chart's picture part: both need the document's relationships."""
    rels_name = "word/_rels/document.xml.rels"
    rels = etree.fromstring(entries[rels_name])
    overrides: dict[str, str] = {}
    footer_part = _footer_target(section, rels)
    paragraph = _footer_paragraph(meta, style)
    if footer_part is not None and f"word/{footer_part}" in entries:
        changed = _with_page_numbers(entries[f"word/{footer_part}"], paragraph)
        if changed is not None:
            entries[f"word/{footer_part}"] = changed
    else:
        name = "footerVoortgang.xml"
        entries[f"word/{name}"] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:ftr xmlns:w="{W_NS}">{paragraph}</w:ftr>'
        ).encode()
        _add_relationship(rels, "rIdVoortgangFooter", FOOTER_REL, name)
        overrides[f"/word/{name}"] = FOOTER_TYPE
        if section is None:
            section = etree.SubElement(body, f"{W}sectPr")
        reference = etree.Element(f"{W}footerReference")
        reference.set(f"{W}type", "default")
        reference.set(f"{{{DOC_REL}}}id", "rIdVoortgangFooter")
        section.insert(0, reference)
    if picture is not None:
        entries["word/media/voortgang-chart.png"] = picture
        _add_relationship(rels, CHART_REL_ID, IMAGE_REL, "media/voortgang-chart.png")
    entries[rels_name] = _xml(rels)
    entries["[Content_Types].xml"] = _content_types(
        entries["[Content_Types].xml"], png=picture is not None, overrides=overrides
    )


def _properties(entries: dict[str, bytes], meta: DocumentMeta, stamp: datetime) -> None:
    """Title, language and times in the core properties; the language in the styles too."""
    if "docProps/core.xml" not in entries:
        package_rels = etree.fromstring(entries["_rels/.rels"])
        _add_relationship(package_rels, "rIdVoortgangCore", CORE_REL, "docProps/core.xml")
        entries["_rels/.rels"] = _xml(package_rels)
        entries["[Content_Types].xml"] = _content_types(
            entries["[Content_Types].xml"],
            png=False,
            overrides={"/docProps/core.xml": CORE_TYPE},
        )
    entries["docProps/core.xml"] = _core(meta, stamp)
    if "word/styles.xml" in entries:
        entries["word/styles.xml"] = _language(entries["word/styles.xml"], meta.lang)


def _xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


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

    _footer(entries, body, section, meta, style=styles["footer"], picture=writer.picture)
    _properties(entries, meta, DEFAULT_STAMP if stamp is None else stamp)

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
