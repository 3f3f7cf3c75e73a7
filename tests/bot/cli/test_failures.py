"""A database that cannot be used: every command that needs it says so in one line, in the
settings' language (where it is, what failed, what to check), exits 3 and shows no
traceback and no password. A schema this version does not know is refused with exit 4."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.engine import make_url

from bot.cli.main import main
from storage.db import make_engine
from storage.migrating import head_revision
from tests.conftest import BOCE
from tests.tcp_proxy import free_port

PASSWORD = "pw-that-must-not-show"
COMMANDS = [
    ["migrate"],
    ["import", str(BOCE)],
    ["export"],
    ["actions"],
    ["brief"],
    ["run"],
    ["rotate-secrets"],
]


@pytest.fixture(autouse=True)
def environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("VOORTGANG_LANGUAGE", "VOORTGANG_SECRET_KEYS", "VOORTGANG_EXAMPLE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


def run_cli(
    argv: list[str], url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str]:
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code = main(argv, out=io.StringIO())
    return code, capsys.readouterr().err


def closed_port_url() -> str:
    return f"postgresql://voortgang:{PASSWORD}@127.0.0.1:{free_port()}/voortgang"


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda argv: argv[0])
def test_every_command_on_a_closed_port_says_where_and_what_in_one_line_and_exits_3(
    argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = closed_port_url()
    port = make_url(url).port
    code, err = run_cli(argv, url, monkeypatch, capsys)
    assert code == 3
    [line] = err.splitlines()
    assert f"voortgang@127.0.0.1:{port}/voortgang" in line
    assert "geweigerd" in line
    assert "DATABASE_URL" in line
    assert PASSWORD not in err


def test_an_unknown_host_is_named_as_such_in_english(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("VOORTGANG_LANGUAGE", "en")
    url = f"postgresql://voortgang:{PASSWORD}@voortgang-db.invalid/voortgang"
    code, err = run_cli(["actions"], url, monkeypatch, capsys)
    assert code == 3
    assert err == (
        "Cannot use the database at voortgang@voortgang-db.invalid:5432/voortgang: the host "
        "name is unknown. Check the host name in DATABASE_URL and this machine's DNS.\n"
    )


@pytest.mark.postgres
def test_a_database_that_does_not_exist_says_how_to_make_it(
    postgres_server: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("VOORTGANG_LANGUAGE", "en")
    url = make_url(postgres_server).set(database="voortgang_no_such_database")
    code, err = run_cli(["migrate"], url.render_as_string(hide_password=False), monkeypatch, capsys)
    assert code == 3
    [line] = err.splitlines()
    assert "/voortgang_no_such_database: that database does not exist" in line
    assert "createdb NAME" in line


@pytest.mark.postgres
def test_a_user_the_server_refuses_is_an_authentication_failure_without_its_password(
    postgres_server: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("VOORTGANG_LANGUAGE", "en")
    url = make_url(postgres_server).set(username="nobody_here", password=PASSWORD)
    code, err = run_cli(["actions"], url.render_as_string(hide_password=False), monkeypatch, capsys)
    assert code == 3
    assert "the server refused the user or the password" in err
    assert PASSWORD not in err


def test_a_unix_socket_without_a_server_is_refused_like_a_closed_port(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("VOORTGANG_LANGUAGE", "en")
    url = f"postgresql://voortgang@/voortgang?host={tmp_path}"
    code, err = run_cli(["actions"], url, monkeypatch, capsys)
    assert code == 3
    assert err.startswith(
        f"Cannot use the database at voortgang@[{tmp_path}]/voortgang: the connection was refused"
    )


def test_a_sqlite_file_in_a_folder_that_cannot_be_made_names_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be\n")
    path = blocker / "sub" / "voortgang.db"
    code, err = run_cli(["import", str(BOCE)], f"sqlite:///{path}", monkeypatch, capsys)
    assert code == 3
    [line] = err.splitlines()
    assert line.startswith(f"De database {path} is niet bruikbaar: de map van het bestand")
    assert "rechten op die map" in line


def test_a_real_process_shows_no_traceback(tmp_path: Path) -> None:
    env = {"PATH": "", "DATABASE_URL": closed_port_url(), "VOORTGANG_LANGUAGE": "en"}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "export"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 3
    assert "Traceback" not in done.stderr
    assert len(done.stderr.splitlines()) == 1
    assert PASSWORD not in done.stderr + done.stdout


# -- schemas this version does not know ------------------------------------------------------


@pytest.fixture
def fresh_sqlite(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'v.db'}"


def test_a_schema_newer_than_the_code_is_refused_and_left_alone(
    fresh_sqlite: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", fresh_sqlite)
    assert main(["migrate"], out=io.StringIO()) == 0
    capsys.readouterr()
    engine = make_engine(fresh_sqlite)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    tables = set(inspect(engine).get_table_names())
    monkeypatch.setenv("VOORTGANG_LANGUAGE", "en")
    code, err = run_cli(["actions"], fresh_sqlite, monkeypatch, capsys)
    assert code == 4
    [line] = err.splitlines()
    assert "schema revision 9999, which this version of Voortgang does not know" in line
    assert f"(its newest is {head_revision()})" in line
    with engine.connect() as conn:
        assert conn.scalar(text("SELECT version_num FROM alembic_version")) == "9999"
    assert set(inspect(engine).get_table_names()) == tables
    engine.dispose()


def test_a_database_with_tables_but_no_revision_is_not_migrated_over(
    fresh_sqlite: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = make_engine(fresh_sqlite)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE person (id INTEGER PRIMARY KEY)"))
    code, err = run_cli(["migrate"], fresh_sqlite, monkeypatch, capsys)
    assert code == 4
    assert "bevat tabellen maar geen schemaversie" in err
    assert set(inspect(engine).get_table_names()) == {"person"}
    engine.dispose()


def test_migrate_says_from_which_revision_it_migrated_and_then_that_nothing_was_left(
    fresh_sqlite: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", fresh_sqlite)
    monkeypatch.setenv("VOORTGANG_LANGUAGE", "en")
    first, second = io.StringIO(), io.StringIO()
    assert main(["migrate"], out=first) == 0
    assert main(["migrate"], out=second) == 0
    assert first.getvalue() == f"Database migrated: schema revision empty → {head_revision()}.\n"
    assert second.getvalue() == "The database is already up to date.\n"
