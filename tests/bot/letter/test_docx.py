"""bot.letter.docx: the letter as DOCX, built from the rendered HTML and read back here."""

from __future__ import annotations

import shutil
import zipfile
from dataclasses import replace
from datetime import UTC, date, datetime
from io import BytesIO
from pathlib import Path
from zoneinfo import ZoneInfo

import docx
import pytest
from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from bot.engine.opening import Register, import_file
from bot.letter.blocks import Para, Run, Table, read_html
from bot.letter.chart import LIGHT_COLOURS, chart_png
from bot.letter.docx import DEFAULT_STAMP, to_docx
from bot.letter.docx_writer import column_widths
from bot.letter.formats import base_document, document, render
from config.settings import Settings
from handlers.brief.content import ActionParagraph, Group, Letter, Section, compile_brief
from storage.db import make_engine, session_factory
from storage.letter_rows import load_brief_data
from tests.conftest import BOCE, REGIODEAL, TODAY, noon
from tests.letters import report_at_risk, sample_letter
from words.clock import FixedClock

HOSTILE = "<w:p>]]><script>alert(1)</script> **x** &amp; {{ letter }}"


def _compile(template_db: Path, folder: Path, source: Path, key: str) -> Letter:
    path = folder / "register.db"
    shutil.copy(template_db, path)
    engine = make_engine(f"sqlite:///{path}")
    try:
        register = Register(engine, session_factory(engine))
        settings = Settings(database_url=f"sqlite:///{path}", example_programme=None)
        import_file(register, source, settings, FixedClock(noon(TODAY)))
        if key == "boce":
            report_at_risk(register, "OW-02", HOSTILE)
        with register.sessions() as session:
            data = load_brief_data(
                session, key, date(2026, 10, 1), date(2026, 12, 31), ZoneInfo("Europe/Amsterdam")
            )
    finally:
        engine.dispose()
    return compile_brief(data)


@pytest.fixture(scope="module")
def boce(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Letter:
    return _compile(sqlite_template, tmp_path_factory.mktemp("boce"), BOCE, "boce")


@pytest.fixture(scope="module")
def boce_docx(boce: Letter) -> bytes:
    return document(boce, "docx")


@pytest.fixture(scope="module")
def boce_doc(boce_docx: bytes) -> Document:
    return docx.Document(BytesIO(boce_docx))


def _open(data: bytes) -> Document:
    return docx.Document(BytesIO(data))


def _style(paragraph: Paragraph) -> str:
    style = paragraph.style
    return "" if style is None or style.name is None else style.name


def _headings(doc: Document) -> list[tuple[str, str]]:
    return [(_style(p), p.text) for p in doc.paragraphs if _style(p).startswith("Heading")]


def _sections(letter: Letter) -> list[tuple[str, str]]:
    """The paragraphs the theme sections should become, with their style names."""
    expected = []
    for section in letter.sections:
        expected += [("Heading 1", f"{section.number}. {section.name}"), ("Normal", section.state)]
        for group in section.groups:
            if group.heading is not None:
                expected.append(("Heading 2", group.heading))
            for action in group.actions:
                expected.append(("Normal", action.heading))
                if action.kpi is not None:
                    expected.append(("Normal", action.kpi))
                expected += [("Normal", text) for text in (*action.words, *action.notes)]
    return expected


# -- the BOCE letter -------------------------------------------------------------------------


def test_headings_are_word_headings_in_order(boce: Letter, boce_doc: Document) -> None:
    labels = dict(boce.labels)
    themes = [
        heading
        for heading in _headings(boce_doc)
        if heading[0] == "Heading 1" and heading[1][0].isdigit()
    ]
    assert _headings(boce_doc)[:6] == [
        ("Heading 1", labels["overview_heading"]),
        ("Heading 1", "Status per thema"),
        ("Heading 1", labels["since_heading"]),
        ("Heading 2", labels["since_completed"]),
        ("Heading 2", labels["since_status"]),
        ("Heading 2", labels["since_deadlines"]),
    ]
    assert themes == [
        ("Heading 1", "1. Omgevingswet"),
        ("Heading 1", "2. Bereikbaarheid"),
        ("Heading 1", "3. Recreatie & Toerisme"),
        ("Heading 1", "4. Leefbaarheid"),
    ]
    assert _headings(boce_doc)[-2:] == [
        ("Heading 1", labels["coordination_heading"]),
        ("Heading 1", labels["meetings_heading"]),
    ]
    # The navigation pane reads the built-in styles' outline levels.
    assert boce_doc.styles["Heading 1"].element.xpath(".//w:outlineLvl/@w:val") == ["0"]


def test_sections_have_each_action_under_its_track(boce: Letter, boce_doc: Document) -> None:
    paragraphs = [(_style(p), p.text) for p in boce_doc.paragraphs]
    start = paragraphs.index(("Heading 1", "1. Omgevingswet"))
    end = paragraphs.index(("Heading 1", dict(boce.labels)["coordination_heading"]))
    assert paragraphs[start:end] == _sections(boce)
    assert ("Heading 2", "Samen doen in 2026") in paragraphs[start:end]
    heading = next(p for p in boce_doc.paragraphs if p.text.startswith("OW-01 "))
    assert all(run.bold for run in heading.runs)


def test_overview_table_has_the_letters_rows(boce: Letter, boce_doc: Document) -> None:
    table = boce_doc.tables[0]
    assert table.style is not None
    assert table.style.name == "Table Grid"
    labels = dict(boce.labels)
    header = [labels[k] for k in ("col_theme", "col_action", "col_parties", "col_deadline")]
    assert [cell.text for cell in table.rows[0].cells] == [*header, labels["col_status"]]
    assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")  # repeated on every page
    assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
    rows = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    assert rows == [
        [r.theme, f"{r.key} {r.title}", r.parties, r.deadline, f"{r.light_word}: {r.status_word}"]
        for r in boce.overview
    ]
    assert not table.rows[1]._tr.xpath("./w:trPr/w:tblHeader")


def test_status_cells_are_shaded_per_light(boce: Letter, boce_doc: Document) -> None:
    table = boce_doc.tables[0]
    fills = [row.cells[4]._tc.xpath("./w:tcPr/w:shd/@w:fill") for row in table.rows[1:]]
    assert fills == [[LIGHT_COLOURS[r.light]] for r in boce.overview]
    assert {r.light for r in boce.overview} >= {"groen", "oranje", "rood", "grijs", "wit"}
    assert not table.rows[1].cells[0]._tc.xpath("./w:tcPr/w:shd")


def test_footer_numbers_the_pages(boce_doc: Document) -> None:
    footer = boce_doc.sections[0].footer
    assert not footer.is_linked_to_previous
    assert footer.paragraphs[-1].text == "Pagina 1 van 1"  # the fields' placeholder results
    instructions = [i.strip() for i in footer._element.xpath(".//w:instrText/text()")]
    assert instructions == ["PAGE", "NUMPAGES"]


def test_english_letter_has_english_footer() -> None:
    doc = _open(document(replace(sample_letter(), lang="en"), "docx"))
    assert doc.sections[0].footer.paragraphs[-1].text == "Page 1 of 1"
    assert doc.core_properties.language == "en-GB"
    assert ("Heading 1", "Status per theme") in _headings(doc)


def test_programmes_own_chart_heading_is_used_everywhere() -> None:
    letter = sample_letter()
    letter = replace(letter, labels=(*letter.labels, ("chart_heading", "Stoplichten <per> thema")))
    doc = _open(document(letter, "docx"))
    assert ("Heading 1", "Stoplichten <per> thema") in _headings(doc)
    assert doc.inline_shapes[0]._inline.docPr.get("descr") == "Stoplichten <per> thema"
    assert "<title>Stoplichten &lt;per&gt; thema</title>" in render(letter, "html")


def test_one_picture_the_chart(boce: Letter, boce_doc: Document) -> None:
    assert len(boce_doc.inline_shapes) == 1
    images = [p for p in boce_doc.part.package.iter_parts() if p.content_type == "image/png"]
    assert [image.blob for image in images] == [chart_png(boce)]
    paragraphs = [(_style(p), p.text) for p in boce_doc.paragraphs]
    chart = paragraphs.index(("Heading 1", "Status per thema"))
    picture = boce_doc.paragraphs[chart + 1]
    assert picture._p.xpath(".//w:drawing")
    width = boce_doc.inline_shapes[0].width
    section = boce_doc.sections[0]
    assert section.page_width is not None
    assert section.left_margin is not None
    assert section.right_margin is not None
    assert width <= section.page_width - section.left_margin - section.right_margin


def test_owner_text_stays_text(boce_doc: Document) -> None:
    texts = [p.text for p in boce_doc.paragraphs]
    assert "<w:p>]]><script>alert(1)</script> **x** &amp; {{ letter }}." in texts
    assert "<w:p>" not in [p._p.tag for p in boce_doc.paragraphs]


def test_properties_and_a4(boce: Letter, boce_doc: Document) -> None:
    properties = boce_doc.core_properties
    assert properties.title == boce.subject
    assert properties.language == "nl-NL"
    assert properties.author == "Voortgang"
    assert properties.created == DEFAULT_STAMP
    assert properties.modified == DEFAULT_STAMP
    section = boce_doc.sections[0]
    assert (section.page_width, section.page_height) == (7560310, 10692130)  # 21 x 29.7 cm
    assert boce_doc.styles.element.xpath("./w:docDefaults//w:lang/@w:val") == ["nl-NL"]


def test_same_letter_same_bytes(boce: Letter, boce_docx: bytes) -> None:
    assert document(boce, "docx") == boce_docx
    with zipfile.ZipFile(BytesIO(boce_docx)) as package:
        infos = package.infolist()
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
    names = [info.filename for info in infos]
    assert names[0] == "[Content_Types].xml"
    assert names[1:] == sorted(names[1:])


def test_stamp_sets_the_documents_times(boce: Letter) -> None:
    stamp = datetime(2026, 12, 31, tzinfo=UTC)
    first = document(boce, "docx", stamp=stamp)
    assert first == document(boce, "docx", stamp=stamp)
    assert _open(first).core_properties.created == stamp


# -- by hand ---------------------------------------------------------------------------------


def _docx(letter: Letter, templates: tuple[Path, ...] = ()) -> Document:
    return _open(document(letter, "docx", templates))


def test_hostile_text_everywhere_is_literal() -> None:
    letter = sample_letter(words=HOSTILE, title="**x** <w:r>")
    letter = replace(letter, subject="Onderwerp ]]> <w:p>\x00\x0b\x1b", addressee="<b>vet</b>")
    doc = _docx(letter)
    texts = [p.text for p in doc.paragraphs]
    assert HOSTILE in texts
    assert "A-1 **x** <w:r>" in texts
    assert "<b>vet</b>" in texts
    assert "SUBJECT_LABEL: Onderwerp ]]> <w:p>" in texts  # control characters are dropped
    assert doc.core_properties.title == "Onderwerp ]]> <w:p>"
    assert not any(run.bold for p in doc.paragraphs if p.text == "<b>vet</b>" for run in p.runs)
    assert doc.tables[0].rows[1].cells[1].text == "A-1 **x** <w:r>"


def test_signatory_lines_become_one_paragraph() -> None:
    letter = replace(
        sample_letter(), signatories=(replace(sample_letter().signatories[0], lines=("a", "b")),)
    )
    doc = _docx(letter)
    last = doc.paragraphs[-1]
    assert last.text == "a\nb"
    assert last._p.xpath(".//w:br")


def test_regiodeal_without_tracks_with_kpi(
    sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    letter = _compile(sqlite_template, tmp_path_factory.mktemp("zod"), REGIODEAL, "regiodeal-zod")
    doc = _docx(letter)
    labels = dict(letter.labels)
    subheadings = [text for style, text in _headings(doc) if style == "Heading 2"]
    assert subheadings == [
        labels[k] for k in ("since_completed", "since_status", "since_deadlines")
    ]
    paragraphs = [(_style(p), p.text) for p in doc.paragraphs]
    start = paragraphs.index(("Heading 1", "1. Werken"))
    end = paragraphs.index(("Heading 1", labels["coordination_heading"]))
    assert paragraphs[start:end] == _sections(letter)
    kpi = "Stand: 85 van 200 bedrijven: begeleid bij digitaliseringsplan (42%)."
    assert ("Normal", kpi) in paragraphs[start:end]


def test_letter_without_meetings_or_themes() -> None:
    letter = replace(sample_letter(), meetings=(), sections=(), chart=(), overview=())
    doc = _docx(letter)
    assert ("Heading 1", "MEETINGS_HEADING") in _headings(doc)
    assert "MEETINGS_NONE" in [p.text for p in doc.paragraphs]
    assert doc.tables[0].rows[0].cells[0].text == "COL_THEME"
    assert len(doc.tables[0].rows) == 1
    assert len(doc.inline_shapes) == 1  # the chart with only its legend


# -- a programme's own templates -------------------------------------------------------------


def test_own_html_template_changes_the_docx(tmp_path: Path) -> None:
    (tmp_path / "brief.html.j2").write_text(
        "<html><head><title>weg</title><style>p { color: red }</style></head><body>"
        "<h1>Eigen kop</h1><h3>{{ letter.subject }}</h3>"
        "<section>Losse tekst</section><marquee>Onbekend</marquee>"
        "<ol><li>een<li>twee</ol></body></html>",
        encoding="utf-8",
    )
    doc = _docx(sample_letter(), (tmp_path,))
    assert _headings(doc) == [("Heading 1", "Eigen kop"), ("Heading 3", "Onderwerp")]
    paragraphs = [(_style(p), p.text) for p in doc.paragraphs]
    assert paragraphs[2:] == [
        ("Normal", "Losse tekst"),
        ("Normal", "Onbekend"),
        ("List Number", "een"),
        ("List Number", "twee"),
    ]
    assert len(doc.inline_shapes) == 0  # no figure, no chart


def _base(folder: Path, *, drop_styles: bool, page_field: bool = False) -> Path:
    """A programme's brief.docx: Courier 13 pt, a header, and maybe without built-in styles."""
    base = docx.Document()
    normal = base.styles["Normal"]
    normal.font.name = "Courier New"
    normal.font.size = Pt(13)
    base.sections[0].header.paragraphs[0].text = "Gemeente Emmen, briefpapier"
    if page_field:
        base.sections[0].footer.paragraphs[0].text = "Eigen voet"
        base.sections[0].footer.paragraphs[0]._p.append(
            OxmlElement("w:fldSimple", {qn("w:instr"): "PAGE"})
        )
    base.add_paragraph("Kenmerk: 2026/123")
    base.add_paragraph("")  # Word's last empty paragraph
    if drop_styles:
        for name in ("Heading 1", "Heading 2", "Heading 3", "List Bullet", "Table Grid"):
            element = base.styles[name].element
            element.getparent().remove(element)
    path = folder / "brief.docx"
    base.save(str(path))
    return path


def test_base_document_keeps_its_styles_and_header(tmp_path: Path) -> None:
    path = _base(tmp_path, drop_styles=False)
    assert base_document((tmp_path / "nowhere", tmp_path)) == path
    doc = _docx(sample_letter(), (tmp_path,))
    normal = doc.styles["Normal"]
    assert normal.font.name == "Courier New"
    assert normal.font.size == Pt(13)
    assert doc.sections[0].header.paragraphs[0].text == "Gemeente Emmen, briefpapier"
    texts = [p.text for p in doc.paragraphs]
    assert texts[:2] == ["Kenmerk: 2026/123", "SUBJECT_LABEL: Onderwerp"]  # no empty gap
    assert doc.core_properties.author != "Voortgang"  # the base's own properties stay
    assert doc.sections[0].footer.paragraphs[-1].text == "Pagina 1 van 1"


def test_base_without_the_styles_falls_back(tmp_path: Path) -> None:
    _base(tmp_path, drop_styles=True)
    doc = _docx(sample_letter(), (tmp_path,))
    assert _headings(doc)[:2] == [
        ("Heading 1", "OVERVIEW_HEADING"),
        ("Heading 1", "Status per thema"),
    ]
    heading = doc.styles["Heading 2"]
    assert heading.element.xpath(".//w:outlineLvl/@w:val") == ["1"]
    assert heading.font.bold
    assert "• woensdag 25 november 2026: Radenbijeenkomst" in [p.text for p in doc.paragraphs]
    table = doc.tables[0]
    assert table._tbl.xpath("./w:tblPr/w:tblBorders/w:insideH")


def test_base_with_its_own_page_numbers_gets_no_second(tmp_path: Path) -> None:
    _base(tmp_path, drop_styles=False, page_field=True)
    doc = _docx(sample_letter(), (tmp_path,))
    footer = doc.sections[0].footer
    assert [p.text for p in footer.paragraphs] == ["Eigen voet"]
    assert not footer._element.xpath(".//w:instrText")


# -- the HTML walker -------------------------------------------------------------------------


def _paras(html: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for block in read_html(html):
        assert isinstance(block, Para)
        out.append((block.kind, "".join("\n" if r.newline else r.text for r in block.runs)))
    return out


@pytest.mark.parametrize(
    ("html", "paras"),
    [
        ("<p>  een\n  twee </p>", [("p", "een twee")]),
        ("<p>a<br>b<br/></p>", [("p", "a\nb")]),
        ("<div>los<p>binnen</p>na</div>", [("p", "los"), ("p", "binnen"), ("p", "na")]),
        ("<ul><li>a<li>b</ul><p>c", [("ul", "a"), ("ul", "b"), ("p", "c")]),
        ("<h2>Kop <em>schuin</em></h2>", [("h2", "Kop schuin")]),
        ("<h4>Vier</h4><article>x</article>", [("p", "Vier"), ("p", "x")]),
        ("<script>alert(1)</script><style>p{}</style><p>zichtbaar</p>", [("p", "zichtbaar")]),
        ("<p>a</span></p></div><p>b</p>", [("p", "a"), ("p", "b")]),
        ("<p>&lt;w:p&gt; &amp;amp; &#8364;</p>", [("p", "<w:p> &amp; €")]),
        ("<p>vaste\u00a0spatie</p>", [("p", "vaste\u00a0spatie")]),
        ("<img alt='logo'><p>x</p>", [("p", "logo"), ("p", "x")]),
        ("<p>\x01\x0b</p><p>a\x1bb</p>", [("p", "ab")]),
        ("<figure>Onderschrift</figure>", [("p", "Onderschrift")]),
    ],
)
def test_walker_paragraphs(html: str, paras: list[tuple[str, str]]) -> None:
    assert _paras(html) == paras


def test_walker_inline_formatting() -> None:
    blocks = read_html("<p>a <strong>b <em>c</em></strong> <i>d</i></p>")
    assert blocks == [
        Para(
            "p",
            (
                Run("a "),
                Run("b ", bold=True),
                Run("c", bold=True, italic=True),
                Run(" "),
                Run("d", italic=True),
            ),
        )
    ]


def test_walker_tables() -> None:
    html = (
        "<table><tr><th>A</th><th>B</th></tr>"
        "<tr><td class='light light-groen'>x<td class='light-paars'><p>y</p><p>z</p>"
        "<table><tr><td>binnen</td></tr></table></table>"
    )
    [table] = read_html(html)
    assert isinstance(table, Table)
    assert [[c.header for c in row.cells] for row in table.rows] == [[True, True], [False, False]]
    cells = table.rows[1].cells
    assert (cells[0].fill, cells[1].fill) == (LIGHT_COLOURS["groen"], None)
    assert [p.runs[0].text for p in cells[1].paras] == ["y", "z", "binnen"]


def test_chart_figure_becomes_a_picture_and_hides_its_children() -> None:
    blocks = read_html('<figure class="chart"><svg><text>3</text></svg><p>x</p></figure><p>na</p>')
    assert [type(block).__name__ for block in blocks] == ["Chart", "Para"]


def test_column_widths_keep_long_words_whole() -> None:
    [table] = read_html(
        "<table><tr><td>Omgevingswet</td><td>kort</td>"
        "<td>een heel lange tekst met veel woorden die ruimte mag krijgen</td></tr></table>"
    )
    assert isinstance(table, Table)
    room = 5760000  # 16 cm
    widths = column_widths(table, 3, room)
    assert abs(sum(widths) - room) <= 3
    assert widths[0] > widths[1]
    assert widths[2] == max(widths)
    tight = column_widths(table, 3, 100000)
    assert sum(tight) <= 100000
    assert all(width > 0 for width in tight)


@pytest.fixture
def sections_only() -> Letter:
    paragraph = ActionParagraph("A-1", "A-1 Titel", None, ("Woorden.",), ())
    return replace(
        sample_letter(),
        sections=(Section(1, "Thema", "Staat.", (Group(None, (paragraph,)),)),),
    )


def test_section_without_track_heading(sections_only: Letter) -> None:
    doc = _docx(sections_only)
    paragraphs = [(_style(p), p.text) for p in doc.paragraphs]
    start = paragraphs.index(("Heading 1", "1. Thema"))
    assert paragraphs[start : start + 4] == [
        ("Heading 1", "1. Thema"),
        ("Normal", "Staat."),
        ("Normal", "A-1 Titel"),
        ("Normal", "Woorden."),
    ]


def test_to_docx_from_any_html() -> None:
    letter = sample_letter()
    doc = _open(to_docx("<h1>Alleen dit</h1>", letter, None))
    assert [(_style(p), p.text) for p in doc.paragraphs] == [("Heading 1", "Alleen dit")]
    assert render(letter, "html").count("<h1>") == 6
