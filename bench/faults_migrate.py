"""The fault bench's row about two processes migrating one fresh database at the same moment,
as two processes of a deploy (``voortgang migrate`` in the release phase, say, and a second
one started by hand) would: both should end well and leave the schema at the newest revision.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Final

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from bench.faults_table import Row
from bench.faults_world import ROOT, Databases, Sizes, environment
from storage.db import alembic_config, make_engine

TOGETHER: Final = 2
ERROR_LINE: Final = re.compile(r"^[\w.]+(Error|Exception): ")
WITHIN: Final = 120.0  # seconds a migration is given


def _at_head(url: str) -> bool:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision() == head
    finally:
        engine.dispose()


def _error_of(path: Path) -> str:
    """The error a failed process ended with: the last line naming an exception."""
    lines = [line.strip() for line in path.read_text(errors="replace").splitlines()]
    errors = [line for line in lines if ERROR_LINE.match(line)]
    return errors[-1] if errors else next((x for x in reversed(lines) if x), "(no output)")


def migrations(databases: Databases, sizes: Sizes) -> Row:
    fault = "two processes migrating at once"
    rounds = sizes.migrate_rounds
    failures: list[str] = []
    ended_well = 0
    behind = 0
    for number in range(1, rounds + 1):
        url = databases.fresh(f"migrate-{number}")
        env = environment(url)
        logs = [databases.folder / f"migrate-{number}-{n}.log" for n in range(TOGETHER)]
        processes = []
        for log in logs:
            with log.open("wb") as out:
                processes.append(
                    subprocess.Popen(
                        [sys.executable, "-m", "bot", "migrate"],
                        cwd=ROOT,
                        env=env,
                        stdout=out,
                        stderr=subprocess.STDOUT,
                    )
                )
        for process, log in zip(processes, logs, strict=True):
            code = process.wait(timeout=WITHIN)
            if code == 0:
                ended_well += 1
            else:
                failures.append(f"exit {code}: {_error_of(log)}")
        if not _at_head(url):
            behind += 1
    started = rounds * TOGETHER
    row = Row(fault, counts=False, resumes=False)
    row.note = (
        f"{rounds} rounds of {TOGETHER} 'voortgang migrate' on a fresh database: {ended_well} of "
        f"{started} exited 0; schema at head after {rounds - behind} of {rounds} rounds"
    )
    if failures:
        row.problems.append(f"{len(failures)} of {started} migrations failed ({failures[0]})")
        row.note += f"; first failure: {failures[0]}"
    if behind:
        row.problems.append(f"the schema was not at head after {behind} rounds")
    return row
