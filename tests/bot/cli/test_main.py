"""The ``voortgang`` command line, used the way a newcomer would: commands in, text and files out.

Every test runs against its own SQLite file in ``tmp_path`` (through DATABASE_URL) and from
inside ``tmp_path``, so nothing is written to the working copy.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import yaml
from docx import Document
from openpyxl import load_workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.cli.main import main
from bot.letter.formats import document
from handlers.brief.drafts import make_draft, make_final
from handlers.programme_file.read import read_programme_file
from storage.db import make_engine
from storage.letters import final_brief
from storage.migrating import head_revision
from storage.models import Action, Membership, Person, Programme, StatusUpdate, Theme
from tests.conftest import BOCE, REGIODEAL, TODAY
from words.domain import STATUS_WORDS, Status
from words.periods.model import Period
from words.programme.schema import ActionSpec

Row = dict[str, str]


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh SQLite register for the command line, and tmp_path as working directory."""
    path = tmp_path / "v.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    for name in ("VOORTGANG_LANGUAGE", "VOORTGANG_TIMEZONE", "VOORTGANG_EXAMPLE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    return path


def cli(*argv: str | Path) -> tuple[int, str]:
    out = io.StringIO()
    code = main([str(a) for a in argv], out=out)
    return code, out.getvalue()


def ok(*argv: str | Path) -> str:
    code, out = cli(*argv)
    assert code == 0, out
    return out


def table(out: str) -> list[Row]:
    """The rows of an ``actions`` table, by column header; checks the count line under it."""
    header, rule, *body, count = out.splitlines()
    starts = [m.start() for m in re.finditer(r"-+", rule)]
    ends: list[int | None] = [*starts[1:], None]

    def cells(line: str) -> list[str]:
        return [line[a:b].strip() for a, b in zip(starts, ends, strict=True)]

    names = cells(header)
    assert count == (f"{len(body)} acties" if len(body) != 1 else "1 actie")
    return [dict(zip(names, cells(line), strict=True)) for line in body]


def keys(out: str) -> list[str]:
    return [row["sleutel"] for row in table(out)]


def shown(cell: str, full: str) -> bool:
    """A table cell shows ``full``, or its start when the column cuts it with an ellipsis."""
    return cell == full or (cell.endswith("…") and full.startswith(cell[:-1]))


@dataclass(frozen=True)
class Expected:
    spec: ActionSpec
    number: int
    due: date | None
    row: Row


def boce_actions() -> list[Expected]:
    """What the BOCE example file says, in the words the table should show."""
    doc = read_programme_file(BOCE, TODAY)
    themes = {t.key: t.name for t in doc.spec.themes}
    people = {p.key: p.name for p in doc.spec.people}
    found = []
    for number, spec in enumerate(doc.spec.actions, start=1):
        deadline = doc.deadlines.get(spec.key)
        row = {
            "#": str(number),
            "sleutel": spec.key,
            "thema": themes[spec.theme],
            "actie": spec.title,
            "eigenaren": ", ".join(people[o] for o in spec.owners),
            "deadline": spec.deadline or "-",
            "datum": deadline.due.isoformat() if deadline else "-",
            "status": STATUS_WORDS[spec.status],
        }
        found.append(Expected(spec, number, deadline.due if deadline else None, row))
    return found


def assert_rows_match(out: str, expected: list[Expected]) -> None:
    rows = table(out)
    assert [r["sleutel"] for r in rows] == [e.spec.key for e in expected]
    for row, exp in zip(rows, expected, strict=True):
        for column, full in exp.row.items():
            assert shown(row[column], full), (exp.spec.key, column, row[column], full)


# -- deadline ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "printed"),
    [
        (["voor de zomer van 2024"], "2024-06-30 season"),
        (["1 oktober", "--today", "2026-11-22"], "2027-10-01 day"),
        (["uiterlijk 1 oktober 2026"], "2026-10-01 day"),
        (["Q3 2026"], "2026-09-30 quarter"),
        (["eind 2026"], "2026-12-31 year"),
    ],
)
def test_deadline_prints_the_iso_date_and_precision(
    db: Path, argv: list[str], printed: str
) -> None:
    assert ok("deadline", *argv) == printed + "\n"


def test_unreadable_deadline_exits_1_with_a_dutch_message(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = cli("deadline", "als het uitkomt")
    err = capsys.readouterr().err
    assert code == 1
    assert out == ""
    assert "‘als het uitkomt’ kan ik niet lezen als deadline" in err
    assert "bijvoorbeeld" in err
    assert "Traceback" not in err


def test_unreadable_deadline_in_english_when_the_language_is_english(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("VOORTGANG_LANGUAGE", "en")
    code, _ = cli("deadline", "als het uitkomt")
    err = capsys.readouterr().err
    assert code == 1
    assert "‘als het uitkomt’ cannot be read as a deadline" in err
    assert "kan ik niet lezen" not in err
    assert "Traceback" not in err


# -- import --------------------------------------------------------------------------------


def test_importing_the_same_file_twice_changes_nothing_the_second_time(db: Path) -> None:
    first = ok("import", BOCE)
    assert first.startswith("boce: nieuw: ")
    assert f"{len(boce_actions())} acties" in first
    assert "; gewijzigd" not in first  # a first import only creates
    assert ok("import", BOCE) == "boce: niets gewijzigd\n"


def test_import_check_only_checks_and_writes_nothing(db: Path) -> None:
    out = ok("import", "--check", BOCE)
    assert out == f"{BOCE}: in orde ({len(boce_actions())} acties)\n"
    assert ok("actions") == "Geen acties gevonden.\n"


def test_import_reports_a_deadline_moved_in_the_file(db: Path, tmp_path: Path) -> None:
    ok("import", BOCE)
    moved = tmp_path / "boce.yaml"
    moved.write_text(
        BOCE.read_text(encoding="utf-8").replace('deadline: "Q2 2026" ', 'deadline: "Q1 2027" '),
        encoding="utf-8",
    )
    out = ok("import", moved)
    assert "boce: gewijzigd: 1 actie\n" in out
    assert "  deadline verschoven: OW-01: Q2 2026 → Q1 2027" in out
    (row,) = [r for r in table(ok("actions", "--theme", "omgevingswet")) if r["sleutel"] == "OW-01"]
    assert (row["deadline"], row["datum"]) == ("Q1 2027", "2027-03-31")


def test_import_reports_in_the_readers_words(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = ok("import", BOCE).splitlines()[0]
    # In the order of the programme file, each count in its own form.
    assert first == (
        "boce: nieuw: 1 programma, 6 partijen, 3 sporen, 4 thema's, 20 personen, "
        "20 lidmaatschappen, 1 afwezigheid, 32 acties, 6 bijeenkomsten"
    )
    text = BOCE.read_text(encoding="utf-8")
    start = text.index("  - key: OW-02")
    end = text.index("  - key: OW-03")
    changed = tmp_path / "boce.yaml"
    changed.write_text(
        text[:start].replace("status: vertraagd", "status: afgerond", 1) + text[end:],
        encoding="utf-8",
    )
    assert ok("import", changed) == (
        "boce: gewijzigd: 1 actie\n"
        "  status gewijzigd: OW-01: vertraagd → afgerond\n"
        "  niet meer in het bestand, wel bewaard in het register: actie OW-02\n"
    )
    monkeypatch.setenv("VOORTGANG_LANGUAGE", "en")
    assert ok("import", changed) == (
        "boce: nothing changed\n  no longer in the file, kept in the register: action OW-02\n"
    )


# -- actions -------------------------------------------------------------------------------


def test_overdue_lists_exactly_the_open_actions_past_their_deadline(db: Path) -> None:
    ok("import", BOCE)
    out = ok("actions", "--overdue", "--today", TODAY.isoformat())
    expected = [
        e
        for e in boce_actions()
        if e.due is not None and e.due < TODAY and not e.spec.status.closed
    ]
    assert len(expected) >= 5
    assert_rows_match(out, expected)
    first = table(out)[0]
    assert (first["sleutel"], first["thema"], first["eigenaren"], first["deadline"]) == (
        "OW-01",
        "Omgevingswet",
        "Wim Schepers, Rob Jansen",
        "Q2 2026",
    )


def test_overdue_depends_on_the_day_given(db: Path) -> None:
    ok("import", BOCE)
    later = keys(ok("actions", "--overdue", "--today", "2027-01-05"))
    assert "OW-02" in later  # "eind 2026", still open
    assert "OW-02" not in keys(ok("actions", "--overdue", "--today", TODAY.isoformat()))
    early = ok("actions", "--overdue", "--today", "2026-01-05")
    assert early == "Geen acties gevonden.\n"


Predicate = Callable[[ActionSpec, date | None], bool]
EMAIL_OF_JANSEN = "R.Jansen@Emmen.example"


@pytest.mark.parametrize(
    ("argv", "wanted"),
    [
        pytest.param(
            ["--theme", "bereikbaarheid"], lambda a, _d: a.theme == "bereikbaarheid", id="theme"
        ),
        pytest.param(
            ["--theme", "Toerisme"], lambda a, _d: a.theme == "recreatie-toerisme", id="theme-name"
        ),
        pytest.param(["--owner", "jansen"], lambda a, _d: "rob-jansen" in a.owners, id="owner"),
        pytest.param(
            ["--owner", "rob-jansen"], lambda a, _d: "rob-jansen" in a.owners, id="owner-key"
        ),
        pytest.param(
            ["--owner", EMAIL_OF_JANSEN.lower()],
            lambda a, _d: "rob-jansen" in a.owners,
            id="owner-email",
        ),
        pytest.param(
            ["--status", "vertraagd", "--status", "risico"],
            lambda a, _d: a.status in (Status.DELAYED, Status.AT_RISK),
            id="status-repeated",
        ),
        pytest.param(
            ["--status", "op schema"], lambda a, _d: a.status is Status.ON_TRACK, id="status-words"
        ),
        pytest.param(
            ["--status", "Afgerond"], lambda a, _d: a.status is Status.DONE, id="status-case"
        ),
        pytest.param(
            ["--due-before", "eind 2026"],
            lambda _a, d: d is not None and d <= date(2026, 12, 31),
            id="due-before-words",
        ),
        pytest.param(
            ["--due-before", "2026-09-30"],
            lambda _a, d: d is not None and d <= date(2026, 9, 30),
            id="due-before-iso",
        ),
        pytest.param(
            ["--due-before", "eind oktober", "--today", "2026-09-01"],
            lambda _a, d: d is not None and d <= date(2026, 10, 31),
            id="due-before-relative",
        ),
        pytest.param(
            ["--owner", "jansen", "--due-before", "eind 2026"],
            lambda a, d: "rob-jansen" in a.owners and d is not None and d <= date(2026, 12, 31),
            id="owner-and-due-before",
        ),
        pytest.param(
            ["--theme", "leefbaarheid", "--overdue", "--today", "2026-11-22"],
            lambda a, d: (
                a.theme == "leefbaarheid" and d is not None and d < TODAY and not a.status.closed
            ),
            id="theme-and-overdue",
        ),
    ],
)
def test_filters_select_what_they_promise(db: Path, argv: list[str], wanted: Predicate) -> None:
    ok("import", BOCE)
    expected = [e for e in boce_actions() if wanted(e.spec, e.due)]
    assert expected, "the example should have actions for every filter"
    assert len(expected) < len(boce_actions())
    assert_rows_match(ok("actions", *argv), expected)


def test_a_filter_that_matches_nothing_says_so(db: Path) -> None:
    ok("import", BOCE)
    assert ok("actions", "--owner", "niemand-bekend") == "Geen acties gevonden.\n"


def test_unknown_status_exits_1_and_names_the_statuses(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ok("import", BOCE)
    code, out = cli("actions", "--status", "klaarrr")
    err = capsys.readouterr().err
    assert code == 1
    assert out == ""
    assert "Onbekende status 'klaarrr'" in err
    assert "op schema" in err
    assert "vertraagd" in err
    assert "Traceback" not in err


def test_unreadable_due_before_exits_1(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = cli("actions", "--due-before", "ooit")
    err = capsys.readouterr().err
    assert code == 1
    assert "‘ooit’" in err
    assert "Traceback" not in err


def test_actions_of_several_programmes_show_the_programme(db: Path) -> None:
    ok("import", BOCE, REGIODEAL)
    rows = table(ok("actions", "--owner", "lubbers"))
    assert {r["programma"] for r in rows} == {"boce", "regiodeal-zod"}
    only = table(ok("actions", "--programme", "regiodeal-zod"))
    assert only
    assert "programma" not in only[0]
    assert all(r["sleutel"].startswith("RD-") for r in only)


def test_actions_in_english(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ok("import", BOCE)
    monkeypatch.setenv("VOORTGANG_LANGUAGE", "en")
    out = ok("actions", "--status", "vertraagd")
    header = out.splitlines()[0].split()
    assert header[:3] == ["#", "key", "theme"]
    assert out.splitlines()[-1] == "2 actions"
    assert all(line.rstrip().endswith("delayed") for line in out.splitlines()[2:-1])


# -- broken files --------------------------------------------------------------------------


@dataclass(frozen=True)
class Breakage:
    old: str
    new: str
    problem: str  # what the line says after "file:line: "


UNKNOWN_THEME = Breakage(
    "    theme: omgevingswet\n    track: samen-doen\n    title: Omgevingstafel",
    "    theme: omgevingwet\n    track: samen-doen\n    title: Omgevingstafel",
    "actions[0].theme: onbekend thema 'omgevingwet' (bekend: bereikbaarheid, leefbaarheid, "
    "omgevingswet, recreatie-toerisme)",
)
UNKNOWN_OWNER = Breakage(
    "    owners: rob-jansen               #",
    "    owners: karel-appel              #",
    "actions[1].owners[0]: 'karel-appel' staat niet onder people",
)
DUPLICATE_KEY = Breakage(
    "  - key: OW-03\n", "  - key: OW-02\n", "actions[2].key: 'OW-02' komt al eerder voor"
)
BAD_DEADLINE = Breakage(
    '    deadline: "H1 2027"',
    '    deadline: "als het uitkomt"',
    "actions[2].deadline: ‘als het uitkomt’ kan ik niet lezen als deadline",
)
WRONG_TYPE = Breakage(
    "kpi: {target: 60, current: 34,",
    "kpi: {target: veel, current: 34,",
    "actions[7].kpi.target: 'veel' is geen getal",
)


def broken_copy(tmp_path: Path, *breakages: Breakage) -> tuple[Path, list[str]]:
    """boce.yaml with the given mistakes, and the ``file:line: field: message`` starts expected."""
    text = BOCE.read_text(encoding="utf-8")
    expected = []
    for b in breakages:
        assert text.count(b.old) == 1, b.old
        line = text[: text.index(b.old)].count("\n") + 1
        text = text.replace(b.old, b.new)
        expected.append(f"boce.yaml:{line}: {b.problem}")
    path = tmp_path / "broken" / "boce.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path, expected


def register_state(db: Path) -> tuple[str, str, dict[str, int]]:
    """What a person can see of the register, and how many rows the main tables hold."""
    engine = make_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        counts = {
            model.__tablename__: conn.scalar(select(func.count()).select_from(model)) or 0
            for model in (Programme, Theme, Person, Membership, Action, StatusUpdate)
        }
    engine.dispose()
    return ok("actions"), ok("export"), counts


def refused(capsys: pytest.CaptureFixture[str], path: Path, *flags: str) -> list[str]:
    """Import ``path`` (run from its folder), expect refusal; the problem lines printed."""
    code, out = cli("import", *flags, path.name)
    err = capsys.readouterr().err
    assert code == 1
    assert out == ""
    assert "Traceback" not in err
    head, *lines = err.splitlines()
    assert head == (
        "Niets geïmporteerd: het bestand heeft een fout. Herstel die en probeer het opnieuw:"
        if len(lines) == 1
        else f"Niets geïmporteerd: het bestand heeft {len(lines)} fouten. "
        "Herstel ze en probeer het opnieuw:"
    )
    for line in lines:
        assert re.fullmatch(r"  boce\.yaml:\d+: [\w.\[\]]+: \S.*", line), line
    return [line.strip() for line in lines]


@pytest.mark.parametrize(
    "breakage",
    [
        pytest.param(UNKNOWN_THEME, id="unknown-theme"),
        pytest.param(UNKNOWN_OWNER, id="unknown-owner"),
        pytest.param(DUPLICATE_KEY, id="duplicate-key"),
        pytest.param(BAD_DEADLINE, id="unreadable-deadline"),
        pytest.param(WRONG_TYPE, id="wrong-type"),
    ],
)
def test_a_broken_file_is_refused_whole_and_changes_nothing(
    db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    breakage: Breakage,
) -> None:
    ok("import", BOCE, "--today", TODAY.isoformat())
    before = register_state(db)
    path, expected = broken_copy(tmp_path, breakage)
    monkeypatch.chdir(path.parent)
    (problem,) = refused(capsys, path)
    assert problem.startswith(expected[0]), (problem, expected)
    assert register_state(db) == before


def test_every_cross_reference_problem_is_listed_at_once(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    ok("import", BOCE)
    before = register_state(db)
    path, expected = broken_copy(
        tmp_path, UNKNOWN_THEME, UNKNOWN_OWNER, DUPLICATE_KEY, BAD_DEADLINE
    )
    monkeypatch.chdir(path.parent)
    problems = refused(capsys, path)
    assert len(problems) == len(expected)
    for start in expected:
        assert any(p.startswith(start) for p in problems), (start, problems)
    assert register_state(db) == before
    # --check reports the same problems, also without writing.
    assert refused(capsys, path, "--check") == problems


def test_every_problem_is_listed_even_with_a_wrong_type(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path, expected = broken_copy(
        tmp_path, UNKNOWN_THEME, UNKNOWN_OWNER, DUPLICATE_KEY, BAD_DEADLINE, WRONG_TYPE
    )
    monkeypatch.chdir(path.parent)
    problems = refused(capsys, path)
    for start in expected:
        assert any(p.startswith(start) for p in problems), (start, problems)


# -- export --------------------------------------------------------------------------------


def test_export_with_several_programmes_asks_which_one(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ok("import", BOCE, REGIODEAL)
    code, out = cli("export")
    err = capsys.readouterr().err
    assert code == 1
    assert out == ""
    assert "kies er een met --programme: boce, regiodeal-zod" in err
    code, _ = cli("export", "-p", "bocee")
    assert code == 1
    assert "Onbekend programma 'bocee'; bekend: boce, regiodeal-zod" in capsys.readouterr().err


def test_export_of_an_empty_register_says_to_import_first(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _ = cli("export")
    assert code == 1
    assert "importeer er eerst een" in capsys.readouterr().err


@pytest.mark.parametrize(("source", "key"), [(BOCE, "boce"), (REGIODEAL, "regiodeal-zod")])
def test_export_yaml_round_trips_through_a_fresh_register(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: Path, key: str
) -> None:
    ok("import", source)
    assert ok("export", "-p", key, "-o", "first.yaml") == "Geschreven: first.yaml\n"
    listed = ok("actions")
    assert ok("import", "first.yaml") == f"{key}: niets gewijzigd\n"

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'fresh.db'}")
    assert ok("import", "first.yaml").startswith(f"{key}: nieuw: ")
    ok("export", "-p", key, "-o", "second.yaml")
    first = (tmp_path / "first.yaml").read_text(encoding="utf-8")
    assert (tmp_path / "second.yaml").read_text(encoding="utf-8") == first
    assert ok("actions") == listed
    document = yaml.safe_load(first)
    assert document["programme"]["key"] == key
    original = read_programme_file(source, TODAY).spec.actions
    assert [a["key"] for a in document["actions"]] == [a.key for a in original]
    assert [a.get("deadline") for a in document["actions"]] == [a.deadline for a in original]


def test_export_to_standard_output_is_yaml(db: Path) -> None:
    ok("import", BOCE)
    document = yaml.safe_load(ok("export"))
    assert document["programme"]["name"] == "BOCE beleidsagenda"
    assert len(document["actions"]) == len(boce_actions())


def test_xlsx_without_an_output_file_exits_1(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ok("import", BOCE)
    code, out = cli("export", "-f", "xlsx")
    assert code == 1
    assert out == ""
    assert "XLSX kan niet naar het scherm" in capsys.readouterr().err


def test_export_format_follows_the_file_extension(db: Path, tmp_path: Path) -> None:
    ok("import", BOCE)
    count = len(boce_actions())
    ok("export", "-o", "boce.csv")
    raw = (tmp_path / "boce.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())  # UTF-8 with BOM, for Excel
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["nummer", "sleutel", "programma"]
    assert len(rows) == 1 + count
    ok("export", "-o", "boce.xlsx")
    sheet = load_workbook(tmp_path / "boce.xlsx").active
    assert sheet.max_row == 1 + count
    assert sheet.cell(2, 2).value == "OW-01"


def test_export_csv_to_standard_output(db: Path) -> None:
    ok("import", BOCE)
    rows = list(csv.reader(io.StringIO(ok("export", "-f", "csv")), delimiter=";"))
    assert rows[0][1] == "sleutel"
    assert [r[1] for r in rows[1:]] == [e.spec.key for e in boce_actions()]


def test_export_to_a_missing_folder_is_a_message_not_a_traceback(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ok("import", BOCE)
    code, _ = cli("export", "-o", "no-such-folder/boce.yaml")
    assert code == 1
    assert "no-such-folder" in capsys.readouterr().err


# -- migrate -------------------------------------------------------------------------------


def test_migrate_succeeds_twice_and_keeps_the_data(db: Path) -> None:
    assert ok("migrate") == f"Database bijgewerkt: schemaversie leeg → {head_revision()}.\n"
    assert ok("migrate") == "De database is al bijgewerkt.\n"
    ok("import", BOCE)
    listed = ok("actions")
    assert ok("migrate") == "De database is al bijgewerkt.\n"
    assert ok("actions") == listed


# -- brief ---------------------------------------------------------------------------------


def test_brief_defaults_to_the_reporting_quarter_and_writes_markdown(db: Path) -> None:
    ok("import", BOCE)
    out = ok("brief", "--today", "2026-11-22")
    lines = [line.rstrip() for line in out.splitlines()]
    assert lines[0] == "Kenmerk: BOCE/VB · concept voortgangsbrief"
    assert "**Onderwerp:** Voortgang BOCE beleidsagenda" in lines
    assert "**Periode:** vierde kwartaal 2026" in lines  # in words, no weekdays
    headings = [line for line in lines if line.startswith("## ")]
    assert headings.index("## 1. Omgevingswet") < headings.index("## 4. Leefbaarheid")
    assert ok("brief", "--today", "2026-11-22") == out  # the same data, the same letter


def test_brief_to_an_html_file_by_its_extension(db: Path, tmp_path: Path) -> None:
    ok("import", REGIODEAL)
    out = ok("brief", "--period", "2026-H2", "-o", tmp_path / "brief.html")
    assert out == f"Geschreven: {tmp_path / 'brief.html'}\n"
    html = (tmp_path / "brief.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "1 juli 2026" in html


def test_brief_with_an_unreadable_period_says_what_works(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ok("import", BOCE)
    code, out = cli("brief", "--period", "ooit")
    assert (code, out) == (1, "")
    assert "De periode ‘ooit’ begrijp ik niet." in capsys.readouterr().err


def test_brief_as_a_word_document(db: Path, tmp_path: Path) -> None:
    ok("import", BOCE)
    target = tmp_path / "brief.docx"
    ok("brief", "--today", "2026-11-22", "-o", target)
    word = Document(str(target))
    headings = [
        p.text for p in word.paragraphs if p.style is not None and p.style.name == "Heading 1"
    ]
    assert headings.index("1. Omgevingswet") < headings.index("4. Leefbaarheid")


def test_brief_in_word_or_pdf_needs_a_file(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ok("import", BOCE)
    code, _ = cli("brief", "--format", "docx")
    assert code == 1
    assert "geef een bestand met -o" in capsys.readouterr().err


def test_brief_as_pdf_without_libreoffice_says_how_to_get_it(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    ok("import", BOCE)
    monkeypatch.setenv("VOORTGANG_SOFFICE", str(tmp_path / "no-such-soffice"))
    code, _ = cli("brief", "-o", tmp_path / "brief.pdf")
    err = capsys.readouterr().err
    assert code == 1
    assert "LibreOffice" in err
    assert "VOORTGANG_SOFFICE" in err
    assert not (tmp_path / "brief.pdf").exists()


# -- run -----------------------------------------------------------------------------------


def test_run_with_today_starts_there_even_after_a_session_that_went_further(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def run_console(*lines: str) -> str:
        monkeypatch.setattr("sys.stdin", io.StringIO("".join(f"{line}\n" for line in lines)))
        return ok("run", "--today", "2026-11-22")

    # --today starts the clock at noon of that day.
    assert "Het is nu zondag 29 november 2026 12:00." in run_console("/tijd +1w")
    again = run_console("/tijd")
    assert "het is zondag 22 november 2026 12:00" in again
    assert "Het is nu zondag 22 november 2026 12:00." in again


def _final_brief(db: Path, period: Period) -> bytes:
    """Freeze the period's letter as brief 1 the way 'brief definitief' does; its Markdown."""
    engine = make_engine(f"sqlite:///{db}")
    moment = datetime(2027, 1, 5, 10, tzinfo=UTC)
    try:
        with Session(engine) as session, session.begin():
            programme = session.scalars(select(Programme)).one()
            draft, _ = make_draft(session, programme, period, moment, None, render=document)
            make_final(session, programme, draft, moment, render=document)
            programme_id = programme.id
        with Session(engine) as session:
            final = final_brief(session, programme_id, 1)
            assert final is not None
            kept = next(d.content for d in final.documents if d.format == "md")
    finally:
        engine.dispose()
    return kept


def test_a_period_with_a_final_brief_prints_that_final(db: Path) -> None:
    ok("import", BOCE)
    kept = _final_brief(db, Period(date(2026, 10, 1), date(2026, 12, 31)))
    again = ok("brief", "--period", "2026-Q4", "--today", "2027-02-01")
    assert again.encode("utf-8") == kept
    assert "Kenmerk: BOCE/VB · voortgangsbrief 1" in again
    fresh = ok("brief", "--period", "2026-Q4", "--today", "2027-02-01", "--fresh")
    assert "Let op: dit is niet voortgangsbrief 1 zoals die op 5 januari 2027 definitief" in fresh
    assert "er kwamen sindsdien geen updates over deze periode bij" in fresh
    # It looks back to what the final looked back to, not to the final itself.
    assert "Dit is de eerste brief" in fresh
