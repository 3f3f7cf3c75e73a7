"""The commands that look after the database (``migrate``, ``secret-key``, ``rotate-secrets``),
and the register the other commands open, its schema brought to head first."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import IO

from bot.engine.opening import Register, connect, open_register
from config.settings import Settings
from storage.connect import where
from storage.encryption import new_key
from storage.migrating import ensure_schema
from words.catalogue import t


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


def cmd_secret_key(_args: argparse.Namespace, _settings: Settings, out: IO[str]) -> int:
    print(new_key(), file=out)
    return 0


def cmd_rotate_secrets(_args: argparse.Namespace, settings: Settings, out: IO[str]) -> int:
    from storage.rotation import rotate_secrets  # noqa: PLC0415

    register = open_checked(settings)
    done = rotate_secrets(register.engine, register.secrets_required())
    lang = settings.language
    plain = t("secrets.rotated_plain", lang, n=done.plain) if done.plain else ""
    print(t("secrets.rotated", lang, n=done.values, plain=plain), file=out)
    return 0
