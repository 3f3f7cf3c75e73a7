"""The bare durable commit: what storing one small row costs on the benchmark's database.

bench.ack stores every event before it acknowledges it; this measures the floor under that:
one single-row INSERT and its COMMIT, one after the other, on a scratch table of the same
database (PostgreSQL), or of a scratch SQLite file in the same folder with the same settings
(WAL, synchronous FULL), so the disk and the journal are the same as the register's.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Final

from sqlalchemy import text
from sqlalchemy.engine import make_url

from bench.ack_load import percentile
from storage.db import make_engine

COMMITS: Final = 300
TABLE: Final = "bench_bare_commit"


def bare_commits(database_url: str, count: int = COMMITS) -> list[float]:
    """Milliseconds per INSERT + COMMIT, ``count`` times, sorted."""
    url = make_url(database_url)
    sqlite = url.get_backend_name() == "sqlite"
    if sqlite:
        folder = Path(url.database or ".").parent
        scratch = folder / "bench-bare-commit.db"
        engine = make_engine(f"sqlite:///{scratch}")
    else:
        engine = make_engine(database_url)
    times: list[float] = []
    try:
        with engine.begin() as connection:
            connection.execute(text(f"CREATE TABLE IF NOT EXISTS {TABLE} (id INTEGER, body TEXT)"))
        with engine.connect() as connection:
            for n in range(count):
                started = time.perf_counter()
                connection.execute(text(f"INSERT INTO {TABLE} VALUES (:n, 'x')"), {"n": n})  # noqa: S608 - a constant table name
                connection.commit()
                times.append((time.perf_counter() - started) * 1000)
        with engine.begin() as connection:
            connection.execute(text(f"DROP TABLE {TABLE}"))
    finally:
        engine.dispose()
        if sqlite:
            for leftover in folder.glob("bench-bare-commit.db*"):
                leftover.unlink(missing_ok=True)
    return sorted(times)


def line(times: list[float]) -> str:
    return (
        f"bare durable commit (one row, INSERT + COMMIT, {len(times)} in a row): "
        f"p50 {percentile(times, 0.5):.2f} ms, p99 {percentile(times, 0.99):.2f} ms"
    )
