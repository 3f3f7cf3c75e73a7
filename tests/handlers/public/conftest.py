"""The public world on each database (the ``register`` fixture is parametrised)."""

from __future__ import annotations

import pytest

from bot.engine.opening import Register
from config.settings import Settings
from tests.public_world import PublicWorld, make_public_world
from words.clock import FixedClock


@pytest.fixture
def world(register: Register, clock: FixedClock, settings: Settings) -> PublicWorld:
    return make_public_world(register, clock, settings)
