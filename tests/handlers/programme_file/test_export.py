"""Exporting the register to a programme file (YAML), CSV and XLSX, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from bot.engine.opening import Register, import_file
from config.settings import Settings
from handlers.programme_file.export import (
    action_rows,
    programme_document,
    write_csv,
    write_xlsx,
    write_yaml,
)
from handlers.programme_file.read import read_programme_file
from storage.db import transaction
from storage.models import Action, Programme, StatusUpdate
from storage.register import last_updates, load_programme
from storage.updates import record_update, set_deadline, withdraw_update
from tests.conftest import BOCE, REGIODEAL, TODAY, noon
from tests.register_rows import ACTION_READ
from words.clock import FixedClock
from words.deadlines.parse import parse_deadline
from words.domain import Source, Status

DUTCH_HEADERS = (
    "nummer;sleutel;programma;thema;spoor;titel;eigenaren;partijen;deadline;datum;precisie;"
    "status;kpi_doel;kpi_stand;kpi_eenheid;laatste_update;laatste_tekst"
)
ENGLISH_HEADERS = (
    "#;key;programme;theme;track;title;owners;parties;deadline;due;precision;"
    "status;kpi_target;kpi_current;kpi_unit;last_update;last_text"
)
BOCE_KEYS = [a.key for a in read_programme_file(BOCE, TODAY).spec.actions]


@pytest.fixture
def boce(register: Register, settings: Settings, clock: FixedClock) -> Register:
    import_file(register, BOCE, settings, clock)
    return register


def export_yaml(register: Register, key: str, path: Path) -> Path:
    with register.sessions() as session:
        programme = load_programme(session, key)
        assert programme is not None
        document = programme_document(programme)
    with path.open("w", encoding="utf-8") as stream:
        write_yaml(document, stream)
    return path


def rows_of(register: Register, key: str = "boce") -> tuple[list[dict[str, Any]], str]:
    """The export rows of a programme, and its name (the XLSX sheet title)."""
    with register.sessions() as session:
        programme = load_programme(session, key)
        assert programme is not None
        last = last_updates(session, [a.id for a in programme.actions])
        return action_rows(programme, last, programme.timezone), programme.name


def csv_text(register: Register, lang: str = "nl") -> str:
    stream = io.StringIO(newline="")
    write_csv(rows_of(register)[0], stream, lang)
    return stream.getvalue()


def csv_rows(register: Register) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(csv_text(register), newline=""), delimiter=";"))


def set_action(register: Register, key: str, **values: Any) -> None:
    with transaction(register.sessions) as session:
        action = session.scalars(select(Action).where(Action.key == key)).one()
        for name, value in values.items():
            setattr(action, name, value)


def report_in_chat(register: Register, key: str, status: Status, text: str, at: datetime) -> None:
    """An owner's answer in chat, recorded the way the chat records it."""
    with transaction(register.sessions) as session:
        query = select(Action).where(Action.key == key).options(*ACTION_READ)
        action = session.scalars(query).one()
        record_update(
            session,
            action,
            action.owners[0],
            at,
            source=Source.CONSOLE,
            status=status,
            text=text,
            event_row=None,
        )


def xlsx_sheet(register: Register, path: Path, lang: str = "nl") -> Any:
    rows, name = rows_of(register)
    write_xlsx(rows, path, name, lang)
    return load_workbook(path).active


# -- YAML ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "programme", [(BOCE, "boce"), (REGIODEAL, "regiodeal-zod")], ids=["boce", "regiodeal"]
)
def test_yaml_export_imports_again_without_changes(
    register: Register,
    settings: Settings,
    clock: FixedClock,
    tmp_path: Path,
    programme: tuple[Path, str],
) -> None:
    source, key = programme
    import_file(register, source, settings, clock)
    path = export_yaml(register, key, tmp_path / "export.yaml")
    report = import_file(register, path, settings, clock)
    assert report.unchanged, (report.created, report.changed)
    assert (report.deadline_moves, report.status_changes, report.not_in_file) == ([], [], [])
    # The export says of each action what the programme file said.
    original = read_programme_file(source, TODAY).spec.actions
    exported = read_programme_file(path, TODAY).spec.actions
    fields = ("key", "theme", "track", "title", "owners", "deadline", "status", "kpi")
    assert [[getattr(a, f) for f in fields] for a in exported] == [
        [getattr(a, f) for f in fields] for a in original
    ]


def test_yaml_export_carries_a_status_given_in_chat(boce: Register, tmp_path: Path) -> None:
    report_in_chat(
        boce, "OW-02", Status.DELAYED, "Leverancier te laat", datetime(2026, 11, 22, 12, tzinfo=UTC)
    )
    path = export_yaml(boce, "boce", tmp_path / "export.yaml")
    (ow02,) = [a for a in read_programme_file(path, TODAY).spec.actions if a.key == "OW-02"]
    assert ow02.status is Status.DELAYED


def test_yaml_export_after_a_chat_update_imports_again_without_changes(
    boce: Register, settings: Settings, clock: FixedClock, tmp_path: Path
) -> None:
    report_in_chat(boce, "OW-02", Status.DELAYED, "Leverancier te laat", clock.now())
    path = export_yaml(boce, "boce", tmp_path / "export.yaml")
    report = import_file(boce, path, settings, clock)
    assert report.unchanged, (report.created, report.changed)


# -- CSV -----------------------------------------------------------------------------------


def test_csv_has_dutch_headers_semicolons_and_one_row_per_action(boce: Register) -> None:
    text = csv_text(boce)
    lines = text.split("\r\n")
    assert lines[0] == DUTCH_HEADERS
    assert lines[-1] == ""  # every row ends in CRLF
    assert len(lines) == 1 + len(BOCE_KEYS) + 1
    rows = csv_rows(boce)
    assert [r["sleutel"] for r in rows] == BOCE_KEYS
    ow01 = rows[0]
    assert ow01["nummer"] == "1"
    assert ow01["programma"] == "boce"
    assert ow01["thema"] == "Omgevingswet"
    assert ow01["spoor"] == "Samen doen"
    assert ow01["eigenaren"] == "Wim Schepers; Rob Jansen"
    assert (ow01["deadline"], ow01["datum"], ow01["precisie"]) == (
        "Q2 2026",
        "2026-06-30",
        "kwartaal",
    )
    assert ow01["status"] == "vertraagd"
    (ow08,) = [r for r in rows if r["sleutel"] == "OW-08"]
    assert (ow08["kpi_doel"], ow08["kpi_stand"]) == ("60", "34")
    assert ow08["kpi_eenheid"] == "medewerkers: leergang afgerond"


def test_csv_in_english_has_english_headers(boce: Register) -> None:
    assert csv_text(boce, "en").split("\r\n")[0] == ENGLISH_HEADERS


def test_csv_names_the_precision_in_its_language(boce: Register) -> None:
    (ow01, *_) = csv.DictReader(io.StringIO(csv_text(boce, "en"), newline=""), delimiter=";")
    assert (ow01["deadline"], ow01["precision"]) == ("Q2 2026", "quarter")
    set_action(boce, "OW-01", deadline_text="", due=None, deadline_precision=None)
    assert [r["precisie"] for r in csv_rows(boce) if r["sleutel"] == "OW-01"] == [""]


@pytest.mark.parametrize(
    "title",
    [
        '=HYPERLINK("https://evil.example","klik")',
        "+31 6 12345678 bellen",
        "-1 fte bij Emmen",
        "@SUM(A1:A9)",
    ],
)
def test_csv_writes_text_that_looks_like_a_formula_as_text(boce: Register, title: str) -> None:
    set_action(boce, "OW-01", title=title)
    (ow01,) = [r for r in csv_rows(boce) if r["sleutel"] == "OW-01"]
    assert ow01["titel"] == "'" + title
    # Ordinary titles are left as they are.
    (ow02,) = [r for r in csv_rows(boce) if r["sleutel"] == "OW-02"]
    assert ow02["titel"] == "Gezamenlijke aanpak DSO-koppelingen"


def test_csv_last_update_is_the_day_in_the_programme_time_zone(boce: Register) -> None:
    # 23:30 UTC on 22 November is already 23 November in Amsterdam.
    report_in_chat(
        boce, "OW-02", Status.AT_RISK, "Wacht op de RUD", datetime(2026, 11, 22, 23, 30, tzinfo=UTC)
    )
    (ow02,) = [r for r in csv_rows(boce) if r["sleutel"] == "OW-02"]
    assert (ow02["laatste_update"], ow02["laatste_tekst"]) == ("2026-11-23", "Wacht op de RUD")
    assert ow02["status"] == "risico"
    (ow03,) = [r for r in csv_rows(boce) if r["sleutel"] == "OW-03"]
    assert (ow03["laatste_update"], ow03["laatste_tekst"]) == ("", "")


# -- XLSX ----------------------------------------------------------------------------------


def _rgb(cell: Any) -> tuple[int, int, int]:
    value = str(cell.fill.fgColor.rgb)[-6:]
    red, green, blue = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return red, green, blue


def test_xlsx_has_headers_one_row_per_action_and_real_dates(boce: Register, tmp_path: Path) -> None:
    sheet = xlsx_sheet(boce, tmp_path / "boce.xlsx")
    assert sheet.title == "BOCE beleidsagenda"
    header = [c.value for c in sheet[1]]
    assert header == DUTCH_HEADERS.split(";")
    assert sheet.max_row == 1 + len(BOCE_KEYS)
    column = {name: i + 1 for i, name in enumerate(header)}
    assert [sheet.cell(r, column["sleutel"]).value for r in range(2, sheet.max_row + 1)] == (
        BOCE_KEYS
    )
    due = sheet.cell(2, column["datum"])
    assert due.is_date
    assert isinstance(due.value, datetime)
    assert due.value.date() == date(2026, 6, 30)
    for row in range(2, sheet.max_row + 1):
        cell = sheet.cell(row, column["datum"])
        assert cell.value is None or cell.is_date
    target = sheet.cell(BOCE_KEYS.index("OW-08") + 2, column["kpi_doel"])
    assert (target.value, target.data_type) == (60, "n")


def test_xlsx_colours_the_status_cells(boce: Register, tmp_path: Path) -> None:
    sheet = xlsx_sheet(boce, tmp_path / "boce.xlsx")
    status = DUTCH_HEADERS.split(";").index("status") + 1

    def cell(key: str) -> Any:
        return sheet.cell(BOCE_KEYS.index(key) + 2, status)

    delayed = cell("OW-01")
    assert delayed.value == "vertraagd"
    assert delayed.fill.fill_type == "solid"
    red, green, blue = _rgb(delayed)
    assert red > 0xE0
    assert red > green + 0x20
    assert red > blue + 0x20
    on_track = cell("OW-02")
    assert on_track.value == "op schema"
    red, green, blue = _rgb(on_track)
    assert green > red
    assert green > blue
    unset = cell("OW-03")
    assert unset.value == "open"
    assert unset.fill.fill_type is None


def test_xlsx_keeps_text_that_looks_like_a_formula_as_text(boce: Register, tmp_path: Path) -> None:
    title = '=HYPERLINK("https://evil.example","klik")'
    set_action(boce, "OW-01", title=title)
    sheet = xlsx_sheet(boce, tmp_path / "boce.xlsx")
    cell = sheet.cell(2, DUTCH_HEADERS.split(";").index("titel") + 1)
    assert cell.data_type == "s"
    assert isinstance(cell.value, str)
    assert cell.value.endswith(title)


def test_xlsx_in_english_has_english_headers(boce: Register, tmp_path: Path) -> None:
    sheet = xlsx_sheet(boce, tmp_path / "boce.xlsx", lang="en")
    assert [c.value for c in sheet[1]] == ENGLISH_HEADERS.split(";")
    assert sheet.max_row == 1 + len(BOCE_KEYS)
    precision = ENGLISH_HEADERS.split(";").index("precision") + 1
    assert sheet.cell(2, precision).value == "quarter"
    dutch = xlsx_sheet(boce, tmp_path / "boce-nl.xlsx")
    assert dutch.cell(2, precision).value == "kwartaal"


def test_xlsx_last_update_is_a_date(boce: Register, tmp_path: Path) -> None:
    report_in_chat(
        boce, "OW-02", Status.AT_RISK, "Wacht op de RUD", datetime(2026, 11, 22, 23, 30, tzinfo=UTC)
    )
    sheet = xlsx_sheet(boce, tmp_path / "boce.xlsx")
    header = DUTCH_HEADERS.split(";")
    row = BOCE_KEYS.index("OW-02") + 2
    last = sheet.cell(row, header.index("laatste_update") + 1)
    assert last.is_date
    assert last.value.date() == date(2026, 11, 23)
    assert sheet.cell(row, header.index("laatste_tekst") + 1).value == "Wacht op de RUD"


def test_xlsx_export_of_a_programme_whose_name_has_a_colon_or_slash(
    boce: Register, tmp_path: Path
) -> None:
    with transaction(boce.sessions) as session:
        programme = session.scalars(select(Programme).where(Programme.key == "boce")).one()
        programme.name = "BOCE: beleidsagenda 2026/2027"
    sheet = xlsx_sheet(boce, tmp_path / "boce.xlsx")
    assert sheet.max_row == 1 + len(BOCE_KEYS)


# -- text that a file format refuses ---------------------------------------------------------

# ESC, NUL, a lone surrogate and a vertical tab: none can be stored in every database, so they
# are put into the rows and the document after reading; ESC and the vertical tab also go
# through the database below.
NASTY = "Rood\x1b[31m\x00 \ud800 tekst\x0bhier"
CLEANED = "Rood[31m \ufffd teksthier"


def nasty_rows(register: Register) -> tuple[list[dict[str, Any]], str]:
    rows, name = rows_of(register)
    for row in rows:
        if row["sleutel"] == "OW-02":
            row["titel"], row["laatste_tekst"] = NASTY, "=" + NASTY
    return rows, name + NASTY


def test_csv_drops_control_characters_and_stays_readable(boce: Register) -> None:
    rows, _ = nasty_rows(boce)
    stream = io.StringIO(newline="")
    write_csv(rows, stream)
    text = stream.getvalue()
    text.encode("utf-8-sig")  # the file is written so; a lone surrogate would fail here
    read = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))
    assert len(read) == len(BOCE_KEYS)
    (ow02,) = [r for r in read if r["sleutel"] == "OW-02"]
    assert (ow02["titel"], ow02["laatste_tekst"]) == (CLEANED, "'=" + CLEANED)


def test_xlsx_drops_what_xlsx_refuses(boce: Register, tmp_path: Path) -> None:
    rows, name = nasty_rows(boce)
    write_xlsx(rows, tmp_path / "boce.xlsx", name)
    sheet = load_workbook(tmp_path / "boce.xlsx").active
    header = DUTCH_HEADERS.split(";")
    row = BOCE_KEYS.index("OW-02") + 2
    assert sheet.cell(row, header.index("titel") + 1).value == CLEANED
    assert sheet.cell(row, header.index("laatste_tekst") + 1).value == "=" + CLEANED
    assert sheet.title == ("BOCE beleidsagenda" + CLEANED.replace("[", "-"))[:31]


def test_yaml_drops_control_characters_and_imports_again(
    boce: Register, settings: Settings, clock: FixedClock, tmp_path: Path
) -> None:
    with boce.sessions() as session:
        programme = load_programme(session, "boce")
        assert programme is not None
        document = programme_document(programme)
    (ow02,) = [a for a in document["actions"] if a["key"] == "OW-02"]
    ow02["title"] = NASTY
    path = tmp_path / "boce.yaml"
    with path.open("w", encoding="utf-8") as stream:
        write_yaml(document, stream)
    report = import_file(boce, path, settings, clock)
    assert not report.unchanged
    with boce.sessions() as session:
        title = session.scalars(select(Action.title).where(Action.key == "OW-02")).one()
    assert title == CLEANED


def test_a_title_and_an_update_with_escape_and_vertical_tab_export_in_every_format(
    boce: Register, settings: Settings, clock: FixedClock, tmp_path: Path
) -> None:
    set_action(boce, "OW-02", title="DSO\x1b[2J koppelingen\x0b")
    report_in_chat(boce, "OW-02", Status.AT_RISK, "wacht\x1b op de\x0bRUD", clock.now())
    (ow02,) = [r for r in csv_rows(boce) if r["sleutel"] == "OW-02"]
    assert (ow02["titel"], ow02["laatste_tekst"]) == ("DSO[2J koppelingen", "wacht op deRUD")
    sheet = xlsx_sheet(boce, tmp_path / "boce.xlsx")
    assert sheet.cell(BOCE_KEYS.index("OW-02") + 2, 6).value == "DSO[2J koppelingen"
    path = export_yaml(boce, "boce", tmp_path / "boce.yaml")
    (spec,) = [a for a in read_programme_file(path, TODAY).spec.actions if a.key == "OW-02"]
    assert spec.title == "DSO[2J koppelingen"
    import_file(boce, path, settings, clock)


def test_a_withdrawn_update_is_not_the_last_update_in_an_export(
    boce: Register, tmp_path: Path
) -> None:
    report_in_chat(
        boce, "OW-02", Status.AT_RISK, "Wacht op de RUD", datetime(2026, 11, 20, 9, tzinfo=UTC)
    )
    report_in_chat(
        boce, "OW-02", Status.DONE, "verkeerde actie", datetime(2026, 11, 22, 9, tzinfo=UTC)
    )
    with transaction(boce.sessions) as session:
        query = select(StatusUpdate).order_by(StatusUpdate.id.desc())
        row = session.scalars(query.options(joinedload(StatusUpdate.author))).first()
        assert row is not None
        author = row.author
        assert author is not None
        withdraw_update(session, row, author, datetime(2026, 11, 22, 9, 5, tzinfo=UTC))
    (ow02,) = [r for r in csv_rows(boce) if r["sleutel"] == "OW-02"]
    assert (ow02["laatste_update"], ow02["laatste_tekst"]) == ("2026-11-20", "Wacht op de RUD")
    assert ow02["status"] == "risico"
    sheet = xlsx_sheet(boce, tmp_path / "boce.xlsx")
    header = DUTCH_HEADERS.split(";")
    last = sheet.cell(BOCE_KEYS.index("OW-02") + 2, header.index("laatste_tekst") + 1)
    assert last.value == "Wacht op de RUD"


# -- Deadlines given relatively ------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("eind maart", "eind maart 2027"),
        ("in maart", "in maart 2027"),
        ("volgende maand", "eind december 2026"),
        ("eind dit jaar", "eind 2026"),
        ("vrijdag", "27 november 2026"),
        ("volgende week", "week 48 van 2026"),
        ("over twee weken", "6 december 2026"),
        ("voor de zomer", "voor de zomer 2027"),
        ("Q2", "Q2 2027"),
        ("winter", "winter 2026"),
        ("over tien werkdagen", "4 december 2026"),
    ],
)
def test_a_relative_deadline_exported_and_imported_months_later_stays_put(
    boce: Register, settings: Settings, tmp_path: Path, typed: str, stored: str
) -> None:
    # Set in chat on 22 November 2026, exported that day, imported again in June 2027 and in
    # 2029: "eind maart" must still be March 2027, "vrijdag" still 27 November 2026.
    with transaction(boce.sessions) as session:
        action = session.scalars(select(Action).where(Action.key == "OW-03")).one()
        set_deadline(
            session,
            action,
            None,
            noon(TODAY),
            parse_deadline(typed, TODAY),
            source=Source.CONSOLE,
            event_row=None,
        )
        due, precision = action.due, action.deadline_precision
        assert (action.deadline_text, action.deadline_typed) == (stored, typed)
    path = export_yaml(boce, "boce", tmp_path / "export.yaml")
    for later in (date(2027, 6, 15), date(2029, 1, 2)):
        report = import_file(boce, path, settings, FixedClock(noon(later)))
        assert report.deadline_moves == [], later
        with boce.sessions() as session:
            action = session.scalars(select(Action).where(Action.key == "OW-03")).one()
            assert (action.due, action.deadline_precision, action.deadline_text) == (
                due,
                precision,
                stored,
            ), later


def test_the_public_page_is_imported_exported_and_imported_again(
    register: Register, settings: Settings, clock: FixedClock, tmp_path: Path
) -> None:
    import_file(register, REGIODEAL, settings, clock)
    path = export_yaml(register, "regiodeal-zod", tmp_path / "off.yaml")
    assert "public_page" not in path.read_text(encoding="utf-8")  # off says nothing
    import_file(register, BOCE, settings, clock)  # the example turns it on
    with register.sessions() as session:
        rows = session.execute(select(Programme.key, Programme.public_page)).all()
        on = dict(rows)
    assert on == {"boce": True, "regiodeal-zod": False}
    path = export_yaml(register, "boce", tmp_path / "on.yaml")
    assert read_programme_file(path, TODAY).spec.programme.public_page is True
    report = import_file(register, path, settings, clock)
    assert report.unchanged, (report.created, report.changed)
