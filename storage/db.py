"""Engines, sessions and migrations: the one place that knows how to reach the database."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from storage.connect import CONNECT_TIMEOUT, folder_error

if TYPE_CHECKING:
    import psycopg
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # SQLite ignores foreign keys unless asked per connection; WAL lets the bot, the clock and a
    # CLI command read while one of them writes; busy_timeout makes writers queue, not fail.
    # The timeout comes first: switching a new file to WAL takes a lock, and two processes
    # starting at once on a fresh file would otherwise see "database is locked" at once.
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for ``url``; a SQLite file's folder is made. A folder that cannot be made
    raises DatabaseUnavailableError."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            # A URI filename (sqlite:///file:path?mode=ro&uri=true) names its file after "file:".
            path = Path(parsed.database.removeprefix("file:").split("?", 1)[0])
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as err:
                raise folder_error(path, err) from err
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if "connect_timeout" not in parsed.query:
        # A host that never answers is reported after this long, not after the system's
        # own TCP timeout of minutes.
        kwargs["connect_args"] = {"connect_timeout": CONNECT_TIMEOUT} | kwargs.get(
            "connect_args", {}
        )
    return create_engine(url, pool_pre_ping=True, **kwargs)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    # expire_on_commit=False: objects returned from a committed unit of work stay readable.
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(sessions: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: committed when the block ends, rolled back whole when it raises."""
    with sessions.begin() as session:
        yield session


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config  # noqa: PLC0415 - only a process that migrates loads Alembic

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        # The option is read through configparser, which takes "%" as interpolation: a URL's
        # escapes (a password with "@", a socket path "?host=%2Fvar...") must be doubled.
        url = engine.url.render_as_string(hide_password=False)
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
        cfg.attributes["engine"] = engine
    return cfg


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` with Alembic; the same migrations on every database."""
    from alembic import command  # noqa: PLC0415 - only a process that migrates loads Alembic

    command.upgrade(alembic_config(engine), revision)


def is_migrated(engine: Engine) -> bool:
    return inspect(engine).has_table("alembic_version")


async def connect_async(engine: Engine) -> psycopg.AsyncConnection[Any]:
    """An autocommit asyncio connection to ``engine``'s PostgreSQL database, for the one write
    the web process does before every acknowledgement (``storage.inbox.insert_events_async``)."""
    import psycopg  # noqa: PLC0415 - a SQLite deployment never needs the PostgreSQL driver

    conninfo = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    return await psycopg.AsyncConnection.connect(conninfo, autocommit=True)


def is_postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def upsert_insert(session: Session, table: Any) -> Any:
    """INSERT for ``table`` with the dialect's ON CONFLICT clauses (same spelling on both)."""
    return postgresql.insert(table) if is_postgres(session) else sqlite.insert(table)
