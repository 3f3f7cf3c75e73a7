"""The web app on the public world (a published letter beside things never published), on each
database (the ``register`` fixture is parametrised)."""

from __future__ import annotations

import pytest

from bot.engine.opening import Register
from config.settings import Settings
from tests.public_world import Both, make_public_world
from tests.web_app import make_web_world
from words.clock import FixedClock


@pytest.fixture
def both(register: Register, clock: FixedClock, settings: Settings) -> Both:
    data = make_public_world(register, clock, settings)
    return Both(data, make_web_world(register, clock, settings, None))
