"""The update form's world on each database (the ``register`` fixture is parametrised)."""

from __future__ import annotations

import pytest

from bot.engine.opening import Register
from config.settings import Settings
from tests.bot.web.form_world import FormWorld, make_form_world
from words.clock import FixedClock


@pytest.fixture
def world(register: Register, clock: FixedClock, settings: Settings) -> FormWorld:
    return make_form_world(register, clock, settings)
