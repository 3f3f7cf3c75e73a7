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
    settings: Settings, stdin: IO[str], out: IO[str], clock: Clock, *, resume: bool = True
) -> int:
    """The console chat on a simulated clock that starts at ``clock``'s moment and moves with
    /tijd. With ``resume`` it starts instead where an earlier session on the same database
    left it, when that is later; ``voortgang run --today`` passes False."""
    register = open_register(settings)
    report = load_example_if_empty(register, settings, clock)
    if report is not None:
        print(t("chat.example_loaded", settings.language, programme=report.programme), file=out)
    simulated = clock if isinstance(clock, FixedClock) else FixedClock(clock.now())
    port = ConsolePort(out, settings.files_dir)
    sender = Sender(register, port, simulated, holder="console")
    runner = Runner(register, simulated, sender, settings.zone)
    return Console(register, settings, runner, port, resume=resume).loop(stdin, out)
