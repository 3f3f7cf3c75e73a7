"""bot.letter.reference: the committed default reference document is what the code makes."""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

import docx

from bot.letter.reference import REFERENCE_DOCX, main, parts, reference_docx


def test_committed_reference_document_is_regenerated_exactly() -> None:
    with zipfile.ZipFile(REFERENCE_DOCX) as committed:
        stored = {name: committed.read(name).decode("utf-8") for name in committed.namelist()}
    assert stored == parts()
    assert REFERENCE_DOCX.read_bytes() == reference_docx()


def test_reference_document_is_an_accessible_a4_base() -> None:
    document = docx.Document(BytesIO(reference_docx()))
    section = document.sections[0]
    sizes = (section.page_width, section.page_height, section.left_margin, section.right_margin)
    assert [round(size.cm, 2) if size is not None else None for size in sizes] == [
        21.0,
        29.7,
        2.5,
        2.5,
    ]
    styles = parts()["word/styles.xml"]
    assert 'w:ascii="Source Sans Pro"' in styles
    assert '<w:lang w:val="nl-NL"' in styles
    for style_id in (
        "Reference",
        "Subject",
        "Quote",
        "Note",
        "Quiet",
        "Caption",
        "Draft",
        "ListBullet",
        "TableText",
        "Footer",
        "TableGrid",
    ):
        assert f'w:styleId="{style_id}"' in styles, style_id
    for level in (1, 2, 3):
        heading = styles[styles.index(f'w:styleId="Heading{level}"') :]
        assert f'<w:outlineLvl w:val="{level - 1}"/>' in heading[: heading.index("</w:style>")]
    normal = document.styles["Normal"].font.size
    assert normal is not None
    assert 10.5 <= normal.pt <= 11


def test_main_writes_the_file(tmp_path: Path) -> None:
    target = tmp_path / "huisstijl.docx"
    assert main(["-o", str(target)]) == 0
    assert target.read_bytes() == reference_docx()
