"""Fresh, empty PostgreSQL databases on the test server (made as tests/conftest.py makes its
own), for tests of what happens before the first migration."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.engine import make_url

from storage.db import make_engine


@contextmanager
def scratch_databases(server_url: str) -> Iterator[Iterator[str]]:
    """Each value drawn is the URL of a new empty database on ``server_url``'s server; all
    are dropped when the block ends."""
    base = make_url(server_url)
    admin = make_engine(base.render_as_string(hide_password=False), isolation_level="AUTOCOMMIT")
    made: list[str] = []

    def databases() -> Iterator[str]:
        while True:
            name = f"voortgang_fresh_{uuid.uuid4().hex[:10]}"
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
            made.append(name)
            yield base.set(database=name).render_as_string(hide_password=False)

    try:
        yield databases()
    finally:
        with admin.connect() as conn:
            for name in made:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
