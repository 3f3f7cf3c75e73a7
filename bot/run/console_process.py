"""Wiring only: settings, register, clock and the chat front end that fits the settings."""

from __future__ import annotations

from typing import IO

from bot.console.chat import Console, ConsolePort
from bot.engine.opening import load_example_if_empty, open_register
from bot.engine.runner import Runner
from bot.engine.sender import Sender
from config.settings import Settings
from words.catalogue import t
from words.clock import Clock, FixedClock


def run(
    settings: Settings,
    stdin: IO[str],
    out: IO[str],
    clock: Clock,
    *,
    resume: bool = True,
    dashboard: bool = False,
) -> int:
    """The console chat on a simulated clock that starts at ``clock``'s moment and moves with
    /tijd. With ``resume`` it starts instead where an earlier session on the same database
    left it, when that is later; ``voortgang run --today`` passes False. With ``dashboard``
    the web app runs beside it on this computer (bot.run.local_dashboard), and its address is
    printed."""
    register = open_register(settings)
    report = load_example_if_empty(register, settings, clock)
    if report is not None:
        print(t("chat.example_loaded", settings.language, programme=report.programme), file=out)
    simulated = clock if isinstance(clock, FixedClock) else FixedClock(clock.now())
    port = ConsolePort(out, settings.files_dir)
    sender = Sender(register, port, simulated, holder="console")
    runner = Runner(register, simulated, sender, settings.zone)
    console = Console(register, settings, runner, port, resume=resume)
    if not dashboard:
        return console.loop(stdin, out)
    from bot.run.local_dashboard import LocalDashboard  # noqa: PLC0415 - only when asked

    web = LocalDashboard(register, simulated, settings)
    web.start()
    print(t("chat.dashboard", settings.language, url=web.address), file=out)
    try:
        return console.loop(stdin, out)
    finally:
        web.stop()
