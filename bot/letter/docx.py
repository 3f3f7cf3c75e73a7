"""The voortgangsbrief as a Word document, built by walking the letter's rendered HTML.

The HTML template drives the DOCX: ``to_docx`` reads a known subset of HTML with the standard
library's parser (``bot.letter.blocks``) and writes the matching python-docx elements
(``bot.letter.docx_writer``), so a programme that overrides ``brief.html.j2`` changes its DOCX
(and PDF) as well, without code. The subset:

- h1, h2, h3: Word's "Heading 1/2/3" styles (so the navigation pane lists them);
- p, with inline strong/b, em/i and br; ul/ol with li: "List Bullet" / "List Number";
- table with thead/tbody/tr/th/td: a "Table Grid" table whose header row is bold and repeats
  on every page; a cell with class ``light-<colour>`` gets that traffic light as shading;
- ``figure class="chart"``: the status chart as a picture (its HTML children are skipped);
- head, style, title and script are skipped; any other element's text becomes a paragraph,
  so nothing a template shows is silently dropped.

Text goes in as text (python-docx escapes it), so an owner's words can never inject Word markup.
The document starts from a programme's own ``brief.docx`` when it has one (its styles, logo
header, margins) and gets a "Pagina X van Y" footer, both set here with the document's
properties. The same letter gives the same bytes.
"""

from __future__ import annotations

import string
import zipfile
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import Final

import docx
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.text.paragraph import Paragraph

from bot.letter.blocks import read_html, xml_safe
from bot.letter.chart import chart_png, chart_title
from bot.letter.docx_writer import TABLE_SIZE, Writer
from handlers.brief.content import Letter
from words.catalogue import t

LANGUAGE_TAGS: Final = {"nl": "nl-NL", "en": "en-GB"}
CORE_TEXT_MAX: Final = 255  # python-docx refuses longer core properties
# When nothing better is known: the same letter must give the same bytes, so no clock time.
DEFAULT_STAMP: Final = datetime(2000, 1, 1, tzinfo=UTC)
ZIP_TIME: Final = (1980, 1, 1, 0, 0, 0)


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
    properties.title = xml_safe(letter.subject)[:CORE_TEXT_MAX]
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
