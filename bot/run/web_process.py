"""The web process's wiring: the register once the database answers, the intake the chat
platforms store events through, the platforms that are configured (each platform's SDK is
imported only then) and the HTTP app (bot.run.http) under uvicorn."""

from __future__ import annotations

from typing import Any

import uvicorn

from bot.engine.accesslog import redact_logs
from bot.engine.intake import EventIntake
from bot.engine.opening import Register
from bot.engine.startup import start_process
from bot.run.http import Mounted, create_app
from config.settings import Settings
from words.clock import Clock, SystemClock


def serve(settings: Settings) -> int:
    """``voortgang web``: wait for the database, then serve until a signal says stop."""
    register = start_process(settings)
    if register is None:
        return 0  # stopped while waiting for the database, as asked
    clock = SystemClock()
    intake = EventIntake(register.engine)
    app = create_app(register, clock, platforms(register, clock, settings, intake), intake)
    server(app, settings.host, settings.port).run()
    return 0


def platforms(
    register: Register, clock: Clock, settings: Settings, intake: EventIntake
) -> list[Mounted]:
    """The chat platforms the settings configure, sharing ``intake``."""
    found: list[Mounted] = []
    if settings.slack is not None:
        from bot.slack.wiring import SlackRuntime  # noqa: PLC0415 - only with Slack configured

        found.append(SlackRuntime(register, clock, settings, intake))
    if settings.teams is not None:
        from bot.teams.wiring import TeamsRuntime  # noqa: PLC0415 - only with Teams configured

        found.append(TeamsRuntime(register, clock, settings, intake))
    # The web app: dashboard, register, letter, people, public pages, feeds and the API.
    from bot.web.app import WebApp  # noqa: PLC0415 - as the platforms: imported when served
    from bot.web.core.site import Site  # noqa: PLC0415

    found.append(WebApp(Site(register, clock, settings)))
    if settings.public_url is not None:  # the links in messages point there
        from bot.web.update_pages import UpdateFormPages  # noqa: PLC0415 - only with an address

        found.append(UpdateFormPages(register, clock, settings, intake))
    return found


def server(app: Any, host: str, port: int) -> uvicorn.Server:
    """The uvicorn server of the web process. Its configuration sets up uvicorn's loggers, so
    the filter that redacts query strings (bot.engine.accesslog) goes on after it."""
    config = uvicorn.Config(app, host=host, port=port, log_level="info")
    redact_logs()
    return uvicorn.Server(config)
