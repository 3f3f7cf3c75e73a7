"""The command line as an operator runs it, for its tests: ``cli`` runs ``voortgang`` with
arguments and gives its exit code and standard output; ``cli_register`` is a SQLite register
the command line migrated itself (DATABASE_URL set as a deployment sets it), with BOCE."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bot.cli.main import main
from bot.engine.opening import Register, import_file
from config.settings import Settings
from storage.db import make_engine, session_factory
from tests.conftest import BOCE
from words.clock import FixedClock


def cli(*argv: str | Path) -> tuple[int, str]:
    out = io.StringIO()
    code = main([str(a) for a in argv], out=out)
    return code, out.getvalue()


def cli_register(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: FixedClock) -> Register:
    path = tmp_path / "v.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    for name in ("VOORTGANG_LANGUAGE", "VOORTGANG_TIMEZONE", "VOORTGANG_EXAMPLE"):
        monkeypatch.delenv(name, raising=False)
    assert cli("migrate")[0] == 0
    engine = make_engine(f"sqlite:///{path}")
    register = Register(engine, session_factory(engine))
    import_file(register, BOCE, Settings(database_url=f"sqlite:///{path}"), clock)
    return register
