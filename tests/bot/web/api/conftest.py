"""The API on each database (the ``register`` fixture is parametrised): the web app on BOCE
with its letters and a token for it, and a session to look at the register with."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from bot.engine.opening import Register
from tests.api_world import ApiWorld, api_world
from tests.web_app import WebWorld


@pytest.fixture
def api(web: WebWorld) -> Iterator[ApiWorld]:
    with api_world(web) as world:
        yield world


@pytest.fixture
def session(register: Register, api: ApiWorld) -> Iterator[Session]:
    with register.sessions() as opened:
        yield opened
