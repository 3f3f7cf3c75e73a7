"""The commands of a deployment's processes and of its operator: ``web``, ``clock``,
``migrate``, ``set-aside``, ``secret-key`` and ``rotate-secrets``. What each process needs is
imported when it starts, so the command line itself stays quick to load."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from typing import IO

from bot.cli import set_aside as operate
from bot.engine.opening import Register, connect, open_register
from config.settings import Settings
from storage.connect import where
from storage.encryption import SecretKeysMissingError, new_key
from storage.schema import ensure_schema
from words.catalogue import t
from words.clock import SystemClock


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    web = sub.add_parser("web", help="serve the HTTP endpoints (HOST, PORT; /healthz)")
    web.set_defaults(func=cmd_web)

    clk = sub.add_parser("clock", help="run the scheduler process")
    clk.set_defaults(func=cmd_clock)

    operate.add_parser(sub).set_defaults(func=cmd_set_aside)

    mig = sub.add_parser("migrate", help="bring the database schema up to date")
    mig.set_defaults(func=cmd_migrate)

    key = sub.add_parser("secret-key", help="print a new key for VOORTGANG_SECRET_KEYS")
    key.set_defaults(func=cmd_secret_key)

    rot = sub.add_parser(
        "rotate-secrets",
        help="encrypt every stored platform token with the first key of VOORTGANG_SECRET_KEYS",
    )
    rot.set_defaults(func=cmd_rotate_secrets)


def cmd_set_aside(args: argparse.Namespace, settings: Settings, out: IO[str]) -> int:
    return operate.set_aside(args, settings, open_checked(settings), out)


def _waiting(settings: Settings) -> Callable[[], None]:
    """Says on standard error that another process is migrating, so a command that waits for
    the migration lock does not look stuck."""

    def say() -> None:
        print(t("db.migration_waiting", settings.language), file=sys.stderr, flush=True)

    return say


def open_checked(settings: Settings) -> Register:
    """The register, its schema brought to head (see ``_waiting``)."""
    return open_register(settings, waiting=_waiting(settings))


def cmd_migrate(_args: argparse.Namespace, settings: Settings, out: IO[str]) -> int:
    lang = settings.language
    engine = connect(settings)
    try:
        done = ensure_schema(engine, where(engine.url), _waiting(settings))
    finally:
        engine.dispose()
    if done is None:
        print(t("cli.migrated", lang), file=out)
    else:
        found = done.found if done.found is not None else t("db.empty", lang)
        print(t("db.migrated", lang, found=found, head=done.head), file=out)
    return 0


def _log_to_stderr() -> None:
    # A long-running process: its log (the database waited for, ticks, digests, leadership,
    # requests) is how operators follow it; without the secrets URLs carry in their queries.
    from bot.engine.accesslog import redact_logs  # noqa: PLC0415 - only the processes log

    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    redact_logs()


def _started(settings: Settings) -> Register | None:
    """The register of a long-running process, once the database answers; None when a
    signal ended the wait. Tokens are never stored in plain text: no key, no start."""
    from bot.engine.startup import start_register  # noqa: PLC0415 - only the processes wait

    if settings.stores_tokens and not settings.secret_keys:
        raise SecretKeysMissingError
    _log_to_stderr()
    return start_register(settings)


def cmd_web(_args: argparse.Namespace, settings: Settings, _out: IO[str]) -> int:
    register = _started(settings)
    if register is None:
        return 0  # stopped while waiting for the database, as asked

    from bot.engine.accesslog import server  # noqa: PLC0415 - only the web process needs the server
    from bot.engine.intake import EventIntake  # noqa: PLC0415
    from bot.run.web import Mounted, create_app  # noqa: PLC0415

    clock = SystemClock()
    intake = EventIntake(register.engine)
    platforms: list[Mounted] = []
    if settings.slack is not None:
        from bot.slack.wiring import SlackRuntime  # noqa: PLC0415 - only with Slack configured

        platforms.append(SlackRuntime(register, clock, settings, intake))
    if settings.teams is not None:
        from bot.teams.wiring import TeamsRuntime  # noqa: PLC0415 - only with Teams configured

        platforms.append(TeamsRuntime(register, clock, settings, intake))
    app = create_app(register, clock, platforms, intake)
    server(app, settings.host, settings.port).run()
    return 0


def cmd_clock(_args: argparse.Namespace, settings: Settings, _out: IO[str]) -> int:
    register = _started(settings)
    if register is None:
        return 0  # stopped while waiting for the database, as asked

    from bot.run.clock import run_clock  # noqa: PLC0415 - only the clock process schedules

    run_clock(register, settings, SystemClock())
    return 0


# -- secrets -------------------------------------------------------------------------------


def cmd_secret_key(_args: argparse.Namespace, _settings: Settings, out: IO[str]) -> int:
    print(new_key(), file=out)
    return 0


def cmd_rotate_secrets(_args: argparse.Namespace, settings: Settings, out: IO[str]) -> int:
    from storage.rotation import rotate_secrets  # noqa: PLC0415

    register = open_checked(settings)
    done = rotate_secrets(register.engine, register.secrets_required())
    print(t("secrets.rotated", settings.language, n=done.values, plain=done.plain), file=out)
    return 0
