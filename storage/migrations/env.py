"""Alembic environment: runs migrations on the engine Voortgang hands over, or on DATABASE_URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from config.settings import load_settings
from storage.db import make_engine
from storage.models import Base

config = context.config


def _engine() -> Engine:
    handed_over = config.attributes.get("engine")
    if isinstance(handed_over, Engine):
        return handed_over
    # Plain `alembic` on the command line: use the configured database.
    return make_engine(load_settings().database_url)


def run_migrations_online() -> None:
    engine = _engine()
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # Batch mode copies a table and drops the old one; with foreign keys on, that drop
            # deletes every row cascading from it (a person's action owners, say). SQLite's own
            # procedure for rebuilding a table: keys off outside the transaction, then a
            # foreign_key_check before committing.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        try:
            with connection.begin():
                context.configure(
                    connection=connection,
                    target_metadata=Base.metadata,
                    # SQLite cannot ALTER most things; batch mode rebuilds tables so the same
                    # migration scripts serve SQLite and PostgreSQL.
                    render_as_batch=sqlite,
                    compare_type=True,
                )
                context.run_migrations()
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                    if broken:
                        raise RuntimeError(f"foreign keys broken by the migration: {broken[:5]}")
        finally:
            if sqlite:
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()


run_migrations_online()
