"""Migrations run once, under a lock: processes started together on a fresh database (real
processes: ``python -m bot migrate``, ``import`` and ``actions``) all succeed, one migrates and
the others wait and find the schema at head. On SQLite and on a fresh PostgreSQL database."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from storage.db import alembic_config, make_engine
from storage.migrating import current_revision, head_revision, migration_lock
from storage.models import Base
from tests.conftest import BOCE
from tests.scratch_db import scratch_databases
from words.catalogue import t

ROUNDS = 3
# Two migrations, an import and a listing at the same moment, as honcho starts a Procfile's
# processes or a release step meets a web process that starts early.
TOGETHER = (["migrate"], ["migrate"], ["import", str(BOCE)], ["actions"])
TIMEOUT = 180


def start(argv: list[str], url: str, cwd: Path) -> subprocess.Popen[str]:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "CLIENT_"))},
        "DATABASE_URL": url,
        "VOORTGANG_LANGUAGE": "en",
        "VOORTGANG_EXAMPLE": "",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "bot", *argv],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def fresh_sqlite(tmp_path: Path) -> Iterator[str]:
    for number in range(ROUNDS):
        yield f"sqlite:///{tmp_path / f'fresh-{number}.db'}"


def assert_at_head_with_every_table_once(url: str) -> None:
    engine = make_engine(url)
    try:
        assert current_revision(engine) == head_revision()
        with engine.connect() as conn:
            assert conn.scalar(text("SELECT count(*) FROM alembic_version")) == 1
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    finally:
        engine.dispose()


def run_together(url: str, cwd: Path) -> None:
    processes = [start(argv, url, cwd) for argv in TOGETHER]
    outcomes = [(p.args, *p.communicate(timeout=TIMEOUT), p.returncode) for p in processes]
    for args, out, err, code in outcomes:
        assert code == 0, (args, out, err)
        assert "Traceback" not in err, (args, err)
    migrated = [out for _args, out, _err, _code in outcomes if "Database migrated" in out]
    assert len(migrated) <= 1  # the import or the listing may have been first
    assert_at_head_with_every_table_once(url)


def test_processes_started_together_on_a_fresh_sqlite_file_all_succeed(tmp_path: Path) -> None:
    for url in fresh_sqlite(tmp_path):
        run_together(url, tmp_path)


@pytest.mark.postgres
def test_processes_started_together_on_a_fresh_postgres_database_all_succeed(
    postgres_server: str, tmp_path: Path
) -> None:
    with scratch_databases(postgres_server) as databases:
        for _ in range(ROUNDS):
            run_together(next(databases), tmp_path)


def test_a_command_waits_while_another_process_holds_the_lock_then_finds_nothing_to_do(
    db_url: str, tmp_path: Path
) -> None:
    """The lock is held here while a real ``migrate`` starts: it says it waits, and only
    once the lock is free does it finish, finding the schema at head (the conftest's database
    is migrated already, so the lock is what it waited for, not a migration)."""
    engine = make_engine(db_url)
    behind = ScriptDirectory.from_config(alembic_config()).get_revision(head_revision())
    with engine.begin() as conn:  # one migration behind, as far as the revision says
        conn.execute(
            text("UPDATE alembic_version SET version_num = :behind"),
            {"behind": behind.down_revision},
        )
    try:
        with migration_lock(engine):
            waiting = start(["migrate"], db_url, tmp_path)
            assert waiting.stderr is not None
            said = waiting.stderr.readline()  # blocks until the process says it waits
            assert said == t("db.migration_waiting", "en") + "\n"
            assert waiting.poll() is None  # still waiting for the lock
            with engine.begin() as conn:  # what the holder of the lock migrates meanwhile
                conn.execute(
                    text("UPDATE alembic_version SET version_num = :head"),
                    {"head": head_revision()},
                )
        out, err = waiting.communicate(timeout=TIMEOUT)
    finally:
        engine.dispose()
    assert waiting.returncode == 0, err
    assert out == "The database is already up to date.\n"
