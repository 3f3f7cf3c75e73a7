"""The update form's world on each database (the ``register`` fixture is parametrised)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.engine.opening import Register
from config.settings import Settings
from tests.bot.web.form_world import FormWorld, make_form_world
from tests.conftest import database_url
from words.clock import FixedClock


@pytest.fixture(params=["sqlite"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> str:
    """The pages on SQLite: what they read and write is tested on both databases where it is
    written (tests/storage, tests/handlers), and the browser flows, which pass through every
    layer, run on both (their modules take ``both_databases`` from tests/web_app.py)."""
    return database_url(request, tmp_path, sqlite_template)


@pytest.fixture
def world(register: Register, clock: FixedClock, settings: Settings) -> FormWorld:
    return make_form_world(register, clock, settings)
