"""The web app on the BOCE example for the people and programme-file pages, on each database,
with a deployment that runs Slack, Teams and email (so routing has all three to choose from)
and the director as its operator."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.engine.opening import Register
from config.settings import (
    EmailSettings,
    MailSecurity,
    MailServer,
    Settings,
    SlackSettings,
    TeamsSettings,
)
from tests.conftest import BOCE
from tests.web_app import WebWorld, make_web_world
from words.clock import FixedClock

OPERATOR = "m.hoekstra@emmen.example"  # marieke-hoekstra, BOCE's director


@pytest.fixture
def everywhere(settings: Settings) -> Settings:
    """Settings of a deployment on Slack, Teams and email; nothing connects to them here."""
    return replace(
        settings,
        slack=SlackSettings(signing_secret="secret", bot_token="xoxb-test"),
        teams=TeamsSettings(client_id="app", client_secret="password", tenant_id="tenant"),
        email=EmailSettings(
            smtp=MailServer("127.0.0.1", 25, MailSecurity.NONE),
            sender="Voortgang <voortgang@example.org>",
            reply_address="voortgang@example.org",
        ),
        operators=(OPERATOR,),
    )


@pytest.fixture
def web(register: Register, clock: FixedClock, everywhere: Settings) -> WebWorld:
    return make_web_world(register, clock, everywhere, BOCE)
