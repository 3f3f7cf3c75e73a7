"""The Word package around the letter's body: the footer with the reference and the page
numbers, the chart's picture part, the core properties and the document's language."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Final

from lxml import etree

from bot.letter.pieces import Run
from bot.letter.reference import W_NS
from bot.letter.wordml import (
    DOC_REL,
    NAMESPACES,
    DocumentMeta,
    W,
    element_text,
    ppr_xml,
    runs_xml,
    xml_bytes,
    xml_text,
)
from words.catalogue import t

LANGUAGE_TAGS: Final = {"nl": "nl-NL", "en": "en-GB"}
CORE_TEXT_MAX: Final = 255
REL_NS: Final = "http://schemas.openxmlformats.org/package/2006/relationships"
IMAGE_REL: Final = f"{DOC_REL}/image"
FOOTER_REL: Final = f"{DOC_REL}/footer"
FOOTER_TYPE: Final = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"
CORE_TYPE: Final = "application/vnd.openxmlformats-package.core-properties+xml"
CORE_REL: Final = (
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
)
CHART_REL_ID: Final = "rIdVoortgangChart"


def _footer_paragraph(meta: DocumentMeta, style: str | None) -> str:
    words = t("document.page_of", meta.lang, page="\x00page\x00", pages="\x00pages\x00")
    fields = {"page": "PAGE", "pages": "NUMPAGES"}
    runs = [runs_xml((Run(meta.reference),))] if meta.reference else []
    runs.append("<w:r><w:tab/></w:r>")
    for index, part in enumerate(words.split("\x00")):
        if index % 2 == 0:
            if part:
                runs.append(runs_xml((Run(part),)))
            continue
        runs.append(
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">'
            f' {fields[part]} </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            '<w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
        )
    # Without the reference's Footer style there is no tab stop at the right margin: align
    # the page numbers right and the reference with them, rather than at the default tabs.
    props = ppr_xml(style) if style is not None else '<w:pPr><w:jc w:val="right"/></w:pPr>'
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
    if last is not None and not element_text(last) and len(last) <= 1:
        kept = last.find("w:pPr", NAMESPACES)
        if kept is not None:  # the base's own paragraph properties win
            if ours[0].tag == f"{W}pPr":
                ours.remove(ours[0])
            ours.insert(0, kept)
        last.addprevious(ours)
        root.remove(last)
    else:
        root.append(ours)
    return xml_bytes(root)


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
    return xml_bytes(root)


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
    return xml_bytes(root)


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


def footer(
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
    entries[rels_name] = xml_bytes(rels)
    entries["[Content_Types].xml"] = _content_types(
        entries["[Content_Types].xml"], png=picture is not None, overrides=overrides
    )


def properties(entries: dict[str, bytes], meta: DocumentMeta, stamp: datetime) -> None:
    """Title, language and times in the core properties; the language in the styles too."""
    if "docProps/core.xml" not in entries:
        package_rels = etree.fromstring(entries["_rels/.rels"])
        _add_relationship(package_rels, "rIdVoortgangCore", CORE_REL, "docProps/core.xml")
        entries["_rels/.rels"] = xml_bytes(package_rels)
        entries["[Content_Types].xml"] = _content_types(
            entries["[Content_Types].xml"],
            png=False,
            overrides={"/docProps/core.xml": CORE_TYPE},
        )
    entries["docProps/core.xml"] = _core(meta, stamp)
    if "word/styles.xml" in entries:
        entries["word/styles.xml"] = _language(entries["word/styles.xml"], meta.lang)
