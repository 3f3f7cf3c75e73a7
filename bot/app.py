"""Wiring only: settings, register, clock and the chat front end that fits the settings."""

from __future__ import annotations

from typing import IO

from bot.catalogue import t
from bot.clock import Clock
from bot.console import Console
from bot.register import load_example_if_empty, open_register
from config.settings import Settings


def run(settings: Settings, stdin: IO[str], out: IO[str], clock: Clock) -> int:
    register = open_register(settings)
    report = load_example_if_empty(register, settings, clock)
    if report is not None:
        print(t("chat.example_loaded", settings.language, programme=report.programme), file=out)
    return Console(register, settings, clock).loop(stdin, out)
