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
    with engine.begin() as connection:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            # SQLite cannot ALTER most things; batch mode rebuilds tables so the same
            # migration scripts serve SQLite and PostgreSQL.
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        context.run_migrations()


run_migrations_online()
