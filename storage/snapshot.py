"""A consistent, read-only view of the database for as long as a ``with`` block: for work that
reads much (a letter's data) and then works without the database.

Both databases let others write while the snapshot is open (PostgreSQL's MVCC, SQLite's WAL),
and every query inside sees the same committed state, so a letter is never made from half of
a concurrent change. Keep the block short all the same: on SQLite an open reader holds back
the WAL checkpoint, on PostgreSQL the vacuum.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.orm import Session


@contextmanager
def snapshot(engine: Engine) -> Iterator[Session]:
    """A session whose queries all read one snapshot; it writes nothing."""
    if engine.dialect.name == "postgresql":
        # REPEATABLE READ takes the snapshot at the first query and keeps it to the end;
        # READ ONLY makes PostgreSQL refuse a write by mistake.
        options = {"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}
        with engine.connect().execution_options(**options) as conn, Session(bind=conn) as session:
            try:
                yield session
            finally:
                session.rollback()
        return
    # pysqlite starts no transaction for a SELECT, so each query would see the newest state.
    # In autocommit mode it leaves transactions alone, and an explicit BEGIN makes the reads
    # one transaction: in WAL mode a read transaction never blocks a writer.
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("BEGIN")
        try:
            with Session(bind=conn) as session:
                yield session
        finally:
            conn.exec_driver_sql("ROLLBACK")
