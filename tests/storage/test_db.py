"""Migrations and column types, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, select
from sqlalchemy.exc import StatementError

from bot.engine.opening import Register
from storage.db import alembic_config, is_migrated, make_engine, migrate, transaction
from storage.models import Base, Person


def test_migrations_build_exactly_the_models(register: Register) -> None:
    with register.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_migrations_go_down_and_up_again(db_url: str) -> None:
    engine = make_engine(db_url)
    command.downgrade(alembic_config(engine), "base")
    assert not inspect(engine).has_table("action")
    migrate(engine)
    assert is_migrated(engine)
    assert inspect(engine).has_table("action")
    engine.dispose()


def test_timestamps_are_stored_as_utc_and_read_back_aware(register: Register) -> None:
    amsterdam_summer = timezone(timedelta(hours=2))
    moment = datetime(2026, 7, 1, 9, 0, tzinfo=amsterdam_summer)
    with transaction(register.sessions) as session:
        session.add(Person(name="Anna", created_at=moment))
    with register.sessions() as session:
        stored = session.scalars(select(Person.created_at)).one()
    assert stored == moment
    assert stored.tzinfo is UTC
    assert stored.hour == 7


def test_naive_timestamps_are_refused(register: Register) -> None:
    with register.sessions() as session:
        session.add(Person(name="Anna", created_at=datetime(2026, 7, 1, 9, 0)))  # noqa: DTZ001
        with pytest.raises(StatementError, match="naive datetime"):
            session.flush()


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://voortgang:p%40ss%25word@db.example.org/voortgang",
        "postgresql+psycopg://postgres@/voortgang?host=%2Fvar%2Frun%2Fpostgresql",
    ],
)
def test_urls_with_escapes_reach_the_migrations_unchanged(url: str) -> None:
    # A password with "@" or "%", or a socket folder, is written with %-escapes, which the
    # migrations' configuration (configparser) would otherwise take for interpolation.
    engine = make_engine(url)
    config = alembic_config(engine)
    assert config.get_main_option("sqlalchemy.url") == url
    engine.dispose()
