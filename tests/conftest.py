"""Shared fixtures: a migrated register on SQLite, and on PostgreSQL when one is configured.

PostgreSQL tests read TEST_DATABASE_URL (through config.settings). Without it they skip with
the reason, so a newcomer's machine passes; under CI (CI=true) a missing or unreachable server
is an error instead, so CI can never go green without exercising PostgreSQL.
"""

from __future__ import annotations

import gc
import shutil
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Final

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from bot.engine.jobrunner import JobRunner
from bot.engine.opening import Register, import_file
from config.settings import EXAMPLE_PROGRAMME, PROGRAMMES_DIR, Settings, load_settings
from storage.db import make_engine, migrate, session_factory
from storage.models import OutboxMessage
from tests.stubs import Sent, sent_of
from words.clock import Clock, FixedClock

if TYPE_CHECKING:
    from tests.web_app import WebWorld

# The browser tests' fixtures (browser, page): a plugin, so any test module may ask for them.
pytest_plugins = ("tests.browser",)

ENV = load_settings()
TODAY = date(2026, 11, 22)
BOCE = EXAMPLE_PROGRAMME
REGIODEAL = PROGRAMMES_DIR / "regiodeal.yaml"


def noon(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=UTC)


def run_queued_jobs(register: Register, clock: Clock) -> int:
    """What the clock process's job runner does when woken: run every job due now."""
    return JobRunner(register, clock, "test").run_once()


def run_jobs(session: Session, clock: Clock) -> list[Sent]:
    """Run the jobs the handlers queued, as the clock process's job runner does; what they
    queued in the outbox, oldest first.

    The runner works in connections of its own, as in production: the test's ``session`` is
    committed first, so the runner sees what the test wrote, and expired after, so the test
    sees what the runner wrote.
    """
    session.commit()
    before = session.scalar(select(func.max(OutboxMessage.id)))
    engine = session.get_bind()
    assert isinstance(engine, Engine)
    run_queued_jobs(Register(engine, session_factory(engine)), clock)
    session.expire_all()
    rows = session.scalars(
        select(OutboxMessage).where(OutboxMessage.id > (before or 0)).order_by(OutboxMessage.id)
    )
    return [sent_of(row) for row in rows]


@pytest.fixture(autouse=True)
def _settled_heap() -> Iterator[None]:
    """After each test, collect what it left and freeze the rest out of the collector's way.

    A worker runs thousands of tests and its heap grows with whatever they keep alive; every
    full collection then walks all of it (2 s and more, late in a run), and tests that make
    many objects paid for that in seconds. Frozen objects are never walked again, so each
    collection sees only the objects of the test at hand.
    """
    yield
    gc.collect()
    gc.freeze()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(noon(TODAY))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(database_url=f"sqlite:///{tmp_path / 'voortgang.db'}", example_programme=None)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Migrating once and copying the file keeps each test's database fresh but cheap.
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    engine.dispose()
    return path


def _postgres_url() -> str:
    if ENV.test_database_url is None:
        if ENV.ci:
            pytest.fail("CI=true but TEST_DATABASE_URL is not set: PostgreSQL must be tested")
        pytest.skip("PostgreSQL not configured: set TEST_DATABASE_URL to run these tests")
    return ENV.test_database_url


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A scratch database on the configured server, migrated, dropped at the end."""
    base = make_url(_postgres_url())
    name = f"voortgang_test_{uuid.uuid4().hex[:10]}"
    admin = make_engine(base.render_as_string(hide_password=False), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as err:
        if ENV.ci:
            pytest.fail(f"PostgreSQL at TEST_DATABASE_URL is not reachable: {err}")
        pytest.skip(f"PostgreSQL at TEST_DATABASE_URL is not reachable: {err}")
    url = base.set(database=name).render_as_string(hide_password=False)
    engine = make_engine(url)
    migrate(engine)
    engine.dispose()
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _truncate_all(engine: Engine) -> None:
    from storage.models import Base

    names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


BOTH: Final = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=BOTH)
def db_url(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> str:
    return database_url(request, tmp_path, sqlite_template)


def database_url(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> str:
    """A fresh register on the database ``request.param`` names."""
    if request.param == "sqlite":
        path = tmp_path / "register.db"
        shutil.copy(sqlite_template, path)
        return f"sqlite:///{path}"
    url: str = request.getfixturevalue("postgres_server")
    engine = make_engine(url)
    _truncate_all(engine)
    engine.dispose()
    return url


@pytest.fixture
def register(db_url: str) -> Iterator[Register]:
    engine = make_engine(db_url)
    yield Register(engine, session_factory(engine))
    engine.dispose()


@pytest.fixture
def boce(register: Register, settings: Settings, clock: FixedClock) -> Iterator[Session]:
    """A session on the register with the BOCE example loaded (rolled back at the end)."""
    import_file(register, BOCE, settings, clock)
    with register.sessions() as session:
        yield session


@pytest.fixture
def web(register: Register, clock: FixedClock, settings: Settings) -> WebWorld:
    """The web app with every page group, on the BOCE example (tests/web_app.py)."""
    from tests.web_app import make_web_world

    return make_web_world(register, clock, settings, BOCE)
