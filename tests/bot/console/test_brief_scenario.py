"""The voortgangsbrief from a scripted quarter of replies through the console, read back.

BOCE from Monday 4 January to Monday 22 March 2027: owners report in chat (statuses, their
words, one of them hostile), the director moves a deadline, asks for the draft of 2027-Q1,
chases the missing updates with 'brief herinner', gets a fuller draft after an answer, and
freezes it as brief 1, which comes back byte for byte. The documents are opened and read:
headings and their order, paragraphs under the right track, table rows and cell colours.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from bot.engine.opening import Register
from bot.letter.pdf import docx_to_pdf
from config.settings import Settings, load_settings
from storage.models import Action, Brief, BriefState, Ping
from tests.conftest import BOCE
from tests.console_transcript import chat
from tests.register_rows import ACTION_READ
from words.clock import FixedClock
from words.domain import PingRule, PingState, Status

HOSTILE = "<script>alert(1)</script> **vet** <@U0HOSTILE> ]]> &amp;"
OPENING = "In het eerste kwartaal van 2027 kwamen de drie colleges twee keer bijeen."
THEME_TEXT = "Het loket voor vergunningen draait nu gezamenlijk."
FILLS = {"groen": "9BE39B", "oranje": "FFC46B", "rood": "F28B82", "grijs": "CFCFCF"}


@pytest.fixture
def console(db_url: str, tmp_path: Path) -> Settings:
    return Settings(database_url=db_url, example_programme=BOCE, files_dir=tmp_path / "files")


def owner_of(session: Session, number: int) -> tuple[str, Action]:
    found = session.scalars(
        select(Action).where(Action.number == number).options(*ACTION_READ)
    ).one()
    return found.owners[0].name, found


def script(register: Register) -> list[str]:
    """Owners of a few actions in every theme report during the quarter."""
    lines = ["/tijd 2027-01-11 10:00"]
    with register.sessions() as session:
        for number, command in [
            (1, "update 1 Het gezamenlijke loket draait; 40 aanvragen behandeld"),
            (2, "status 2 vertraagd"),
            (2, "update 2 Wacht op de provincie voor de werkafspraken"),
            (10, "update 10 Dienstregeling doorgesproken met de vervoerder"),
            (17, "status 17 afgerond"),
            (25, f"update 25 {HOSTILE}"),
        ]:
            name, _ = owner_of(session, number)
            lines += [f"/als {name}", command]
    lines += [
        "/tijd 2027-02-15 10:00",
        "/als Marieke Hoekstra",
        "deadline 5 uiterlijk 1 juni 2027",
        "/tijd 2027-03-22 10:00",
        "/als Marieke Hoekstra",
        "brief concept 2027-Q1",
        "brief herinner uiterlijk vrijdag 26 maart",
    ]
    return lines


def asked_about_one(register: Register) -> str:
    """Someone whose brief question was about one action: a plain reply is about that one."""
    with register.sessions() as session:
        pings = session.scalars(
            select(Ping)
            .where(Ping.rule == PingRule.BRIEF, Ping.state == PingState.SENT)
            .options(joinedload(Ping.recipient))
        ).all()
        per_message = Counter(p.outbox_id for p in pings)
        single = next(p for p in pings if per_message[p.outbox_id] == 1)
        return single.recipient.name


def files(folder: Path, pattern: str) -> list[Path]:
    """The files the console saved whose names match, oldest first."""
    found = [p for p in folder.iterdir() if re.fullmatch(pattern, p.name)]
    return sorted(found, key=lambda p: p.stat().st_mtime_ns)


def heading_texts(word: WordDocument, level: int) -> list[str]:
    return [
        p.text
        for p in word.paragraphs
        if p.style is not None and p.style.name == f"Heading {level}"
    ]


def cell_fill(cell: object) -> str | None:
    tc = cell._tc  # type: ignore[attr-defined]
    shading = tc.find(f"{qn('w:tcPr')}/{qn('w:shd')}")
    return None if shading is None else str(shading.get(qn("w:fill"))).upper()


def test_a_quarter_of_replies_becomes_the_brief_in_every_format(
    console: Settings, clock: FixedClock, register: Register
) -> None:
    chat(console, clock, "/tijd 2027-01-04 10:00")
    _, seen = chat(console, clock, *script(register))
    folder = console.files_dir
    assert folder is not None
    drafts = files(folder, r"\d+-voortgangsbrief-boce-2027-Q1-concept(-\d+)?\.docx")
    assert len(drafts) == 1
    reminded = seen.containing("voortgangsbrief mis ik nog")
    assert reminded  # the owners whose update is missing were asked

    # One of them answers the brief's question in their own words; the next draft has it.
    answerer = asked_about_one(register)
    _, later = chat(
        console,
        clock,
        f"/als {answerer}",
        "Loopt volgens plan, oplevering in april",
        "/als Marieke Hoekstra",
        f"brief opening {OPENING}",
        f"brief thema Omgevingswet {THEME_TEXT}",
        "brief concept",
        "brief definitief",
        "brief 1",
        "brief lijst",
    )
    drafts = files(folder, r"\d+-voortgangsbrief-boce-2027-Q1-concept(-\d+)?\.docx")
    # The opening and the theme's paragraph each refresh the draft, as does 'brief concept'.
    assert len(drafts) == 4
    first = Document(str(drafts[0]))
    second = Document(str(drafts[-1]))
    words = "Loopt volgens plan, oplevering in april."
    assert words not in [p.text for p in first.paragraphs]
    assert words in [p.text for p in second.paragraphs]

    finals = files(folder, r"\d+-voortgangsbrief-boce-2027-Q1-nr1(-\d+)?\.docx")
    published = files(folder, r"\d+-voortgangsbrief-boce-2027-Q1-nr1(-\d+)?\.pdf")
    # Handed over when frozen and again on 'brief 1', and published to the two griffiers: as
    # PDF where LibreOffice made one, else as the same Word file.
    assert (len(finals), len(published)) in {(2, 2), (4, 0)}
    assert {f.read_bytes() for f in finals} == {finals[0].read_bytes()}
    assert any("nr. 1" in line for s in later.sent for line in s.lines)

    word = Document(str(finals[0]))
    _structure(word)
    _tracks(word)
    _table(word, register)
    _escaped(word)
    _other_formats(register, finals[0].read_bytes())


def _structure(word: WordDocument) -> None:
    top = heading_texts(word, 1)
    themes = ["1. Omgevingswet", "2. Bereikbaarheid", "3. Recreatie & Toerisme", "4. Leefbaarheid"]
    expected = [
        *themes,
        "Programmaregie",
        "Komende bijeenkomsten en mijlpalen",
        "Bijlage: overzicht van de acties",
    ]
    assert [h for h in top if h in expected] == expected
    texts = [p.text for p in word.paragraphs]
    # The first page is the letter: its head, then the director's opening before any theme.
    assert texts[0] == "Kenmerk: BOCE/VB · voortgangsbrief 1"
    assert texts[2] == "Onderwerp: Voortgang BOCE beleidsagenda"
    assert texts[3] == "Periode: eerste kwartaal 2027"
    assert texts.index(OPENING) < texts.index("1. Omgevingswet")
    # The sponsor's or director's paragraph opens its theme; the others read as prose.
    assert texts[texts.index("1. Omgevingswet") + 1] == THEME_TEXT
    bereikbaarheid = texts[texts.index("2. Bereikbaarheid") + 1]
    assert bereikbaarheid.startswith("Van de gezamenlijke bereikbaarheidsvisie")
    assert not any(t.startswith("Dit thema telt") for t in texts)
    # A final letter does not show the office's chasing, nor officials' names.
    assert not any("geen update ontvangen" in t for t in texts)
    assert not any("Nog geen nieuws" in t for t in texts)
    whole = "\n".join(texts)
    for official in ("Wim Schepers", "Rob Jansen", "Marieke Hoekstra"):
        assert official not in whole
    assert "Hoogachtend," in texts
    assert texts.index("Hoogachtend,") > texts.index("Komende bijeenkomsten en mijlpalen")
    assert texts.index("Hoogachtend,") < texts.index("Bijlage: overzicht van de acties")
    assert len(word.inline_shapes) == 1  # the chart, in the appendix
    footer = word.sections[0].footer._element.xml
    assert "PAGE" in footer
    assert "NUMPAGES" in footer
    # The signatories' names, under each party (the table of signatures).
    signatures = "\n".join(c.text for r in word.tables[0].rows for c in r.cells)
    assert "de burgemeester," in signatures
    assert "E. Kremer" in signatures


def _tracks(word: WordDocument) -> None:
    # Each reported text sits under its theme and track, before the next heading of either.
    where: dict[str, tuple[str, str]] = {}
    theme = track = ""
    for p in word.paragraphs:
        name = p.style.name if p.style is not None else ""
        if name == "Heading 1":
            theme, track = p.text, ""
        elif name == "Heading 2":
            track = p.text
        else:
            where.setdefault(p.text, (theme, track))
    assert where["Het gezamenlijke loket draait; 40 aanvragen behandeld."] == (
        "1. Omgevingswet",
        "Samen doen in 2027",
    )
    assert where["Wacht op de provincie voor de werkafspraken."][0] == "1. Omgevingswet"
    assert where["Dienstregeling doorgesproken met de vervoerder."][0] == "2. Bereikbaarheid"


def _table(word: WordDocument, register: Register) -> None:
    table = word.tables[-1]  # the overview, in the appendix after the signatures
    rows = table.rows[1:]
    with register.sessions() as session:
        actions = session.scalars(select(Action).order_by(Action.number)).all()
        assert len(rows) == len(actions) == 32
        by_key = {a.key: a for a in actions}
        done = next(a for a in actions if a.number == 17)
        assert done.status is Status.DONE
        delayed = next(a for a in actions if a.number == 2)
        assert delayed.status is Status.DELAYED
    for row in rows:
        key = row.cells[1].text.split()[0]
        status = by_key[key].status
        due = by_key[key].due
        overdue = due is not None and due < date(2027, 3, 22)
        if overdue and not status.closed:
            assert cell_fill(row.cells[-1]) == FILLS["rood"], key
            assert "termijn verstreken" in row.cells[-1].text
            continue
        light = {
            Status.ON_TRACK: "groen",
            Status.AT_RISK: "oranje",
            Status.DELAYED: "rood",
            Status.DONE: "grijs",
            Status.DROPPED: "grijs",
        }.get(status)
        if light is not None:
            assert cell_fill(row.cells[-1]) == FILLS[light], key


def _escaped(word: WordDocument) -> None:
    texts = "\n".join(p.text for p in word.paragraphs)
    assert "<script>alert(1)</script> **vet** U0HOSTILE ]]> &amp;." in texts
    assert "<@U0HOSTILE>" not in texts  # a mention is shown as a name (or the id), never live


def _other_formats(register: Register, docx: bytes) -> None:
    with register.sessions() as session:
        final = select(Brief).where(Brief.state == BriefState.FINAL)
        brief = session.scalars(final.options(selectinload(Brief.documents))).one()
        kept = {d.format: d.content for d in brief.documents}
        assert kept["docx"] == docx
        md, html = kept["md"].decode(), kept["html"].decode()
    md_headings = [line[3:] for line in md.splitlines() if line.startswith("## ")]
    assert md_headings.index("1. Omgevingswet") < md_headings.index("4. Leefbaarheid")
    assert "### Samen doen in 2027" in md
    assert "\\<script\\>" in md
    html_headings = re.findall(r"<h2[^>]*>(.*?)</h2>", html)
    assert html_headings.index("1. Omgevingswet") < html_headings.index("4. Leefbaarheid")
    assert "&lt;script&gt;" in html
    assert "<script>" not in html
    _pdf(docx)


def _pdf(docx: bytes) -> None:
    settings = load_settings()
    if settings.soffice is None:
        if settings.ci:
            pytest.fail("CI=true but LibreOffice is not installed: .ci/run installs it")
        pytest.skip("LibreOffice not installed: the PDF of the brief is not checked")
    pdf = docx_to_pdf(docx, settings.soffice)
    assert pdf.startswith(b"%PDF")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "brief.pdf"
        path.write_bytes(pdf)
        fonts = subprocess.run(
            ["pdffonts", str(path)], capture_output=True, text=True, check=True
        ).stdout.splitlines()[2:]
        info = subprocess.run(
            ["pdfinfo", str(path)], capture_output=True, text=True, check=True
        ).stdout
    assert fonts
    assert all(line.split()[-5] == "yes" for line in fonts)  # every font embedded
    assert any("SourceSansPro" in line for line in fonts)
    assert re.search(r"^Tagged:\s+yes", info, re.MULTILINE)
