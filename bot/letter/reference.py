"""The default reference document for the Word letter: config/templates/brief.docx.

    python -m bot.letter.reference [-o FILE]

Written here part by part as WordprocessingML, so the same code always gives the same bytes
and the committed file can be checked against it. It holds no letter, only what a letter is
laid out with: A4 portrait with 2.5 cm margins, the styles ``bot.letter.word`` maps the pieces
to (by style id), bullet numbering for "List Bullet", a table style, and an empty footer
paragraph with a right tab stop that the writer fills with the reference and page numbers.

The look is plain and readable: Source Sans Pro (open font licence, bundled through the
``font-source-sans-pro`` package so the PDF embeds it), 11 pt body text, dark text on white
(every colour used for text has a contrast of at least 7:1), headings with outline levels so
the navigation pane, PDF bookmarks and tags show the structure. A programme can open the file
in Word, change its styles, logo header and footer, and use it as its own ``brief.docx``.
"""

from __future__ import annotations

import argparse
import sys
import zipfile
from io import BytesIO
from pathlib import Path
from typing import Final

FONT: Final = "Source Sans Pro"
LANGUAGE: Final = "nl-NL"
REFERENCE_DOCX: Final = Path(__file__).resolve().parents[2] / "config" / "templates" / "brief.docx"
ZIP_TIME: Final = (1980, 1, 1, 0, 0, 0)

# Page geometry in twentieths of a point: A4 portrait, 2.5 cm margins all round.
PAGE_WIDTH: Final = 11906
PAGE_HEIGHT: Final = 16838
MARGIN: Final = 1418
TEXT_WIDTH: Final = PAGE_WIDTH - 2 * MARGIN
HEADER_DISTANCE: Final = 709  # 1.25 cm

TEXT: Final = "1A1A1A"  # near black: 17:1 on white
ACCENT: Final = "1F3864"  # dark blue for headings: 12:1 on white
MUTED: Final = "404040"  # the quiet and small texts: still 10:1 on white

W_NS: Final = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_NS: Final = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_REL: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEAD: Final = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

CONTENT_TYPES: Final = (
    HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Default Extension="png" ContentType="image/png"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.numbering+xml"/>'
    '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-'
    'package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.extended-properties+xml"/>'
    "</Types>"
)

PACKAGE_RELS: Final = (
    HEAD + f'<Relationships xmlns="{REL_NS}">'
    f'<Relationship Id="rId1" Type="{DOC_REL}/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
    'metadata/core-properties" Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{DOC_REL}/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)

DOCUMENT_RELS: Final = (
    HEAD + f'<Relationships xmlns="{REL_NS}">'
    f'<Relationship Id="rId1" Type="{DOC_REL}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rId2" Type="{DOC_REL}/numbering" Target="numbering.xml"/>'
    f'<Relationship Id="rId3" Type="{DOC_REL}/settings" Target="settings.xml"/>'
    f'<Relationship Id="rId4" Type="{DOC_REL}/footer" Target="footer1.xml"/>'
    "</Relationships>"
)

CORE: Final = (
    HEAD + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
    'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:title>Voortgangsbrief</dc:title><dc:creator>Voortgang</dc:creator>"
    f"<dc:language>{LANGUAGE}</dc:language>"
    '<dcterms:created xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:created>'
    '<dcterms:modified xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:modified>'
    "</cp:coreProperties>"
)

APP: Final = (
    HEAD + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    'extended-properties"><Application>Voortgang</Application></Properties>'
)

SETTINGS: Final = (
    HEAD + f'<w:settings xmlns:w="{W_NS}">'
    '<w:defaultTabStop w:val="709"/><w:characterSpacingControl w:val="doNotCompress"/>'
    '<w:compat><w:compatSetting w:name="compatibilityMode" '
    'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
    f'<w:themeFontLang w:val="{LANGUAGE}"/></w:settings>'
)

# A bullet list that Word and LibreOffice both number themselves: one level is enough.
NUMBERING: Final = (
    HEAD + f'<w:numbering xmlns:w="{W_NS}">'
    '<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
    '<w:lvlText w:val="\u2022"/><w:lvlJc w:val="left"/>'
    '<w:pPr><w:ind w:left="357" w:hanging="357"/></w:pPr>'
    f'<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}"/></w:rPr></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
)

FOOTER: Final = (
    HEAD + f'<w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
    '<w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr></w:p></w:ftr>'
)

DOCUMENT: Final = (
    HEAD + f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body><w:p/>'
    '<w:sectPr><w:footerReference w:type="default" r:id="rId4"/>'
    f'<w:pgSz w:w="{PAGE_WIDTH}" w:h="{PAGE_HEIGHT}"/>'
    f'<w:pgMar w:top="{MARGIN}" w:right="{MARGIN}" w:bottom="{MARGIN}" w:left="{MARGIN}" '
    f'w:header="{HEADER_DISTANCE}" w:footer="{HEADER_DISTANCE}" w:gutter="0"/>'
    "</w:sectPr></w:body></w:document>"
)


def _paragraph_style(
    style_id: str,
    name: str,
    *,
    ppr: str = "",
    rpr: str = "",
    based_on: str | None = "Normal",
    next_style: str | None = None,
    default: bool = False,
) -> str:
    marked = ' w:default="1"' if default else ""
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    following = f'<w:next w:val="{next_style}"/>' if next_style else ""
    return (
        f'<w:style w:type="paragraph"{marked} '
        f'w:styleId="{style_id}"><w:name w:val="{name}"/>'
        f"{based}{following}<w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
    )


def _heading(level: int, size: int, before: int) -> str:
    return _paragraph_style(
        f"Heading{level}",
        f"heading {level}",
        next_style="Normal",
        ppr=(
            f'<w:keepNext/><w:keepLines/><w:spacing w:before="{before}" w:after="80"/>'
            f'<w:outlineLvl w:val="{level - 1}"/>'
        ),
        rpr=f'<w:b/><w:color w:val="{ACCENT}"/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/>',
    )


def _styles() -> str:
    fonts = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
    defaults = (
        f"<w:docDefaults><w:rPrDefault><w:rPr>{fonts}"
        f'<w:color w:val="{TEXT}"/><w:sz w:val="22"/><w:szCs w:val="22"/>'
        f'<w:lang w:val="{LANGUAGE}" w:eastAsia="{LANGUAGE}" w:bidi="ar-SA"/></w:rPr>'
        '</w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="276" '
        'w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>'
    )
    small = '<w:sz w:val="19"/><w:szCs w:val="19"/>'
    styles = [
        _paragraph_style(
            "Normal",
            "Normal",
            based_on=None,
            default=True,
            rpr='<w:sz w:val="22"/><w:szCs w:val="22"/>',
        ),
        _heading(1, 32, 360),
        _heading(2, 26, 280),
        _heading(3, 23, 200),
        _paragraph_style("Reference", "Reference", ppr='<w:spacing w:after="0"/>', rpr=small),
        _paragraph_style(
            "Subject",
            "Subject",
            ppr='<w:spacing w:before="240" w:after="240"/>',
            rpr='<w:b/><w:sz w:val="24"/><w:szCs w:val="24"/>',
        ),
        _paragraph_style(
            "Quote", "Quote", ppr='<w:ind w:left="357"/>', rpr=f'<w:color w:val="{TEXT}"/>'
        ),
        _paragraph_style("Note", "Note", ppr='<w:ind w:left="357"/>', rpr="<w:i/>"),
        _paragraph_style("Quiet", "Quiet", rpr=f'<w:color w:val="{MUTED}"/>'),
        _paragraph_style(
            "Caption",
            "caption",
            ppr='<w:keepNext/><w:spacing w:before="120" w:after="60"/>',
            rpr=f'<w:b/><w:color w:val="{ACCENT}"/>{small}',
        ),
        _paragraph_style(
            "Draft",
            "Draft",
            ppr=(
                '<w:pBdr><w:left w:val="single" w:sz="18" w:space="6" w:color="9C0006"/></w:pBdr>'
                '<w:ind w:left="170"/>'
            ),
            rpr='<w:b/><w:color w:val="9C0006"/>',
        ),
        _paragraph_style(
            "ListBullet",
            "List Bullet",
            ppr='<w:numPr><w:numId w:val="1"/></w:numPr><w:spacing w:after="60"/>',
        ),
        _paragraph_style(
            "Closing", "closing", ppr='<w:keepNext/><w:spacing w:before="240" w:after="120"/>'
        ),
        _paragraph_style("TableText", "Table Text", ppr='<w:spacing w:after="0"/>', rpr=small),
        _paragraph_style(
            "Footer",
            "footer",
            ppr=f'<w:tabs><w:tab w:val="right" w:pos="{TEXT_WIDTH}"/></w:tabs>'
            '<w:spacing w:after="0"/>',
            rpr=f'<w:color w:val="{MUTED}"/>{small}',
        ),
        (
            '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
            '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
            "</w:style>"
        ),
        (
            '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal '
            'Table"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
            '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" '
            'w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
        ),
        '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/>'
        '<w:basedOn w:val="TableNormal"/><w:pPr><w:spacing w:after="0" w:line="240" '
        'w:lineRule="auto"/></w:pPr><w:tblPr><w:tblBorders>'
        + "".join(
            f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        + '</w:tblBorders><w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="85" '
        'w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr></w:style>",
        (
            '<w:style w:type="numbering" w:default="1" w:styleId="NoList">'
            '<w:name w:val="No List"/><w:semiHidden/></w:style>'
        ),
    ]
    return HEAD + f'<w:styles xmlns:w="{W_NS}">{defaults}{"".join(styles)}</w:styles>'


def parts() -> dict[str, str]:
    """Each part of the reference document by its name in the package."""
    return {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": PACKAGE_RELS,
        "docProps/app.xml": APP,
        "docProps/core.xml": CORE,
        "word/_rels/document.xml.rels": DOCUMENT_RELS,
        "word/document.xml": DOCUMENT,
        "word/footer1.xml": FOOTER,
        "word/numbering.xml": NUMBERING,
        "word/settings.xml": SETTINGS,
        "word/styles.xml": _styles(),
    }


def package(entries: dict[str, bytes]) -> bytes:
    """A zip of ``entries`` with fixed times, [Content_Types].xml first, the rest by name:
    equal parts give equal bytes."""
    out = BytesIO()
    names = sorted(entries, key=lambda name: (name != "[Content_Types].xml", name))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, entries[name])
    return out.getvalue()


def reference_docx() -> bytes:
    """The default reference document's bytes."""
    return package({name: text.encode("utf-8") for name, text in parts().items()})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="write the default reference document")
    parser.add_argument("-o", "--output", type=Path, default=REFERENCE_DOCX)
    args = parser.parse_args(argv)
    output: Path = args.output
    output.write_bytes(reference_docx())
    sys.stdout.write(f"{output}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
