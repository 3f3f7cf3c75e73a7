"""The WordprocessingML the letter's Word writer shares: its namespaces, the document's
description, and text and runs as XML (escaped, and cleaned of what XML 1.0 forbids)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final, Literal

from lxml import etree

from bot.letter.pieces import Run
from bot.letter.reference import W_NS

W: Final = f"{{{W_NS}}}"
NAMESPACES: Final = {"w": W_NS}
DOC_REL: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# Characters XML 1.0 forbids.
NOT_XML: Final = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
NEEDS_WORK: Final = re.compile('[&<>"\n\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]')


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


def element_text(element: etree._Element) -> str:
    return "".join(str(part) for part in element.itertext())


def runs_xml(runs: Iterable[Run], *, bold: bool = False) -> str:
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


def ppr_xml(style: str | None, extra: str = "") -> str:
    if style is None and not extra:
        return ""
    styled = f'<w:pStyle w:val="{style}"/>' if style is not None else ""
    return f"<w:pPr>{styled}{extra}</w:pPr>"


def xml_bytes(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
