"""The commands that run a process: ``run`` (the console chat), ``web`` and ``clock``. Each
parses nothing more and calls its process's wiring (bot.run), imported here only when that
command runs: a process loads what it needs, not what the others do."""

from __future__ import annotations

import argparse
import sys
from typing import IO

from bot.cli.common import clock_of
from config.settings import Settings


def cmd_run(args: argparse.Namespace, settings: Settings, out: IO[str]) -> int:
    from bot.run.console_process import run  # noqa: PLC0415 - see the module's docstring

    # --today starts the simulated clock on that day, also where an earlier session went on.
    resume = getattr(args, "today", None) is None
    dashboard = not getattr(args, "no_dashboard", False)
    return run(
        settings,
        sys.stdin,
        out,
        clock=clock_of(args, settings),
        resume=resume,
        dashboard=dashboard,
    )


def cmd_web(_args: argparse.Namespace, settings: Settings, _out: IO[str]) -> int:
    from bot.run.web_process import serve  # noqa: PLC0415 - see the module's docstring

    return serve(settings)


def cmd_clock(_args: argparse.Namespace, settings: Settings, _out: IO[str]) -> int:
    from bot.run.clock_process import serve  # noqa: PLC0415 - see the module's docstring

    return serve(settings)
