"""bot.letter.word: the letter's pieces written as WordprocessingML into a reference document."""

from __future__ import annotations

import re
import zipfile
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

import docx
from docx.shared import Pt

from bot.letter.pieces import (
    Para,
    Signature,
    Signatures,
    Signer,
)
from bot.letter.word import to_docx
from bot.letter.wordml import DocumentMeta
from tests.word_pieces import META, PNG, sample_pieces


def _parts(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(BytesIO(data)) as package:
        return {
            name: package.read(name).decode("utf-8")
            for name in package.namelist()
            if name.endswith((".xml", ".rels"))
        }


def _letter(**kwargs: object) -> bytes:
    return to_docx(sample_pieces(), META, chart=lambda: PNG, **kwargs)  # type: ignore[arg-type]


def test_same_pieces_same_bytes_and_a_document_word_reads() -> None:
    data = _letter()
    assert data == _letter()
    document = docx.Document(BytesIO(data))
    styles = [(p.style.name if p.style else "", p.text) for p in document.paragraphs]
    assert styles[:9] == [
        ("Reference", "Kenmerk BOCE/VB"),
        ("Subject", "Voortgangsbrief vierde kwartaal"),
        ("Heading 1", "Samen doen"),
        ("Heading 2", "Omgevingswet"),
        ("Normal", "OW-01 Werkprocessen"),
        ("Quote", 'Eigen woorden: <w:p>]]><script>alert(1)</script> & "q"  einde'),
        ("Note", "Afgerond op 3 november."),
        ("Quiet", "Zonder nieuws: OW-02."),
        ("List Bullet", "eerste punt"),
    ]
    with zipfile.ZipFile(BytesIO(data)) as package:
        assert package.namelist()[0] == "[Content_Types].xml"
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_paragraph_properties_breaks_and_outline_levels() -> None:
    body = _parts(_letter())["word/document.xml"]
    assert (
        '<w:pPr><w:keepNext/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">OW-01'
        in body
    )
    assert '<w:pStyle w:val="Heading1"/><w:pageBreakBefore/><w:outlineLvl w:val="0"/>' in body
    assert '<w:pStyle w:val="Heading2"/><w:outlineLvl w:val="1"/>' in body
    assert "<script>" not in body
    assert "\x01" not in body


def test_table_repeats_its_bold_header_and_keeps_rows_whole() -> None:
    body = _parts(_letter())["word/document.xml"]
    table = body[body.index("<w:tbl>") : body.index("</w:tbl>")]
    assert '<w:tblStyle w:val="TableGrid"/>' in table
    assert '<w:tblCaption w:val="Alle acties"/>' in table
    assert table.count("<w:tblHeader/>") == 1
    assert table.count("<w:cantSplit/>") == 41
    assert table.count('w:fill="FFC000"') == 40
    widths = [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"/>', table)]
    assert len(widths) == 3
    assert widths[2] > widths[1] > widths[0]
    assert abs(sum(widths) - 9070) < 3  # A4 less two margins of 2.5 cm
    assert table.count('<w:pStyle w:val="TableText"/>') == 41 * 3
    assert "<w:sz " not in table  # the size comes from the style, not from each run
    assert '<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Actie</w:t>' in table


def test_chart_is_an_inline_picture_with_alt_text() -> None:
    data = _letter()
    parts = _parts(data)
    assert 'descr="Staafdiagram: 3 op schema, 1 risico"' in parts["word/document.xml"]
    assert 'r:embed="rIdVoortgangChart"' in parts["word/document.xml"]
    assert 'Target="media/voortgang-chart.png"' in parts["word/_rels/document.xml.rels"]
    assert 'Extension="png"' in parts["[Content_Types].xml"]
    with zipfile.ZipFile(BytesIO(data)) as package:
        assert package.read("word/media/voortgang-chart.png") == PNG
    document = docx.Document(BytesIO(data))
    assert len(document.inline_shapes) == 1
    assert abs(document.inline_shapes[0].width.cm - 15.99) < 0.1


def test_tables_next_to_each_other_or_at_the_end_get_a_paragraph_after() -> None:
    body = _parts(_letter())["word/document.xml"]
    assert "</w:tbl><w:p/><w:tbl>" in body
    assert body.endswith("</w:tbl><w:p/><w:sectPr>" + body.split("<w:sectPr>", 1)[1])


def test_a_line_break_in_a_run_is_a_word_line_break() -> None:
    body = _parts(to_docx((Para.of("regel een\nregel twee"),), META))["word/document.xml"]
    assert '<w:t xml:space="preserve">regel een</w:t><w:br/><w:t xml:space="preserve">regel' in body


def test_chart_is_asked_for_only_when_a_chart_piece_occurs() -> None:
    asked: list[int] = []

    def chart() -> bytes:
        asked.append(1)
        return PNG

    data = to_docx((Para.of("alleen tekst"),), META, chart=chart)
    assert asked == []
    assert "media/" not in "".join(_parts(data))


def test_signatures_three_to_a_row_with_room_to_sign() -> None:
    body = _parts(_letter())["word/document.xml"]
    table = body[body.rindex("<w:tbl>") :]
    assert '<w:top w:val="nil"/>' in table
    assert table.count('<w:gridCol w:w="3023"/>') == 3
    assert table.count("<w:tr>") == 2
    assert table.count('<w:spacing w:after="850"/>') == 4
    assert table.index("college van partij 1,") < table.index("de burgemeester,")
    assert table.index("de burgemeester,") < table.index("E. Kremer")
    unsigned = to_docx((Signatures(((Signature("Emmen,", (Signer("x,", "Y"),))),), False),), META)
    assert 'w:after="850"' not in _parts(unsigned)["word/document.xml"]


def test_footer_reference_and_page_numbers_and_properties() -> None:
    stamp = datetime(2026, 12, 18, 9, 30, tzinfo=UTC)
    data = _letter(stamp=stamp)
    document = docx.Document(BytesIO(data))
    footer = document.sections[0].footer.paragraphs
    assert [p.text for p in footer] == ["Kenmerk BOCE/VB · voortgangsbrief 3\tPagina 1 van 1"]
    xml = _parts(data)["word/footer1.xml"]
    assert " PAGE " in xml
    assert " NUMPAGES " in xml
    properties = document.core_properties
    assert properties.title == "Voortgangsbrief Q4"
    assert properties.language == "nl-NL"
    assert properties.created == properties.modified == stamp
    english = to_docx((Para.of("x"),), DocumentMeta("en", "Letter", "Ref 3"))
    assert "Page 1 of 1" in docx.Document(BytesIO(english)).sections[0].footer.paragraphs[0].text
    assert 'w:lang w:val="en-GB"' in _parts(english)["word/styles.xml"]


def _custom_base(folder: Path, *, page_numbers: bool = False) -> Path:
    document = docx.Document()
    document.styles["Normal"].font.name = "Georgia"
    document.styles["Normal"].font.size = Pt(12)
    document.sections[0].header.paragraphs[0].text = "Gemeente Emmen - logo"
    if page_numbers:
        document.sections[0].footer.paragraphs[0].text = "eigen voet"
        run = document.sections[0].footer.paragraphs[0].add_run()
        run._r.append(
            docx.oxml.parse_xml(  # type: ignore[attr-defined]
                '<w:fldSimple xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
                ' w:instr="PAGE"/>'
            )
        )
    document.add_paragraph("")  # Word leaves an empty paragraph at the end
    path = folder / "brief.docx"
    document.save(str(path))
    return path


def test_a_programmes_own_base_keeps_its_font_header_and_our_content(tmp_path: Path) -> None:
    data = _letter(base=_custom_base(tmp_path))
    document = docx.Document(BytesIO(data))
    normal = document.styles["Normal"]
    assert normal.font.name == "Georgia"
    assert normal.font.size == Pt(12)
    assert document.sections[0].header.paragraphs[0].text == "Gemeente Emmen - logo"
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "Kenmerk BOCE/VB"  # no empty paragraph before the letter
    assert "Samen doen" in texts
    assert document.paragraphs[2].style.name == "Heading 1"  # type: ignore[union-attr]
    # python-docx's template has neither our own styles nor Table Text: built-in ones instead.
    assert document.paragraphs[0].style.name == "Normal"  # type: ignore[union-attr]
    assert document.paragraphs[5].style.name == "Quote"  # type: ignore[union-attr]
    footer = document.sections[0].footer.paragraphs[-1].text
    assert footer == "Kenmerk BOCE/VB · voortgangsbrief 3\tPagina 1 van 1"


def test_a_base_with_page_numbers_keeps_its_footer(tmp_path: Path) -> None:
    data = _letter(base=_custom_base(tmp_path, page_numbers=True))
    footer = docx.Document(BytesIO(data)).sections[0].footer
    assert [p.text for p in footer.paragraphs] == ["eigen voet"]


def test_a_base_without_list_and_heading_styles(tmp_path: Path) -> None:
    source = _custom_base(tmp_path)
    stripped = tmp_path / "kaal.docx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(stripped, "w") as new:
        for info in old.infolist():
            content = old.read(info)
            if info.filename == "word/styles.xml":
                text = content.decode()
                text = re.sub(
                    r'<w:style [^>]*w:styleId="(ListBullet|Heading\d|TableGrid)".*?</w:style>',
                    "",
                    text,
                    flags=re.S,
                )
                content = text.encode()
            new.writestr(info, content)
    body = _parts(to_docx(sample_pieces(), META, base=stripped))["word/document.xml"]
    assert '<w:t xml:space="preserve">• </w:t>' in body
    assert '<w:tblW w:w="8640" w:type="dxa"/><w:tblBorders><w:top w:val="single"' in body
    assert '<w:pPr><w:keepNext/><w:outlineLvl w:val="0"/></w:pPr><w:r><w:rPr><w:b/>' in body
