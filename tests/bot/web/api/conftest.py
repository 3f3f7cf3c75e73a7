"""The API on each database (the ``register`` fixture is parametrised): BOCE loaded with its
letters, a token for it, and a test client of a web app with the API mounted."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from bot.engine.opening import Register
from tests.api_world import ApiWorld, api_world
from words.clock import FixedClock


@pytest.fixture
def api(register: Register, boce: Session, clock: FixedClock) -> Iterator[ApiWorld]:
    with api_world(register, boce, clock) as world:
        yield world
