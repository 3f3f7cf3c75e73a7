"""The register as the rest of the bot uses it: open it, import into it, export from it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from config.settings import Settings
from storage.connect import check, where
from storage.db import make_engine, session_factory, transaction
from storage.encryption import SecretKeysMissingError, Secrets
from storage.migrating import ensure_schema
from storage.register import programmes
from words.clock import Clock, local_today

if TYPE_CHECKING:
    from storage.importer_run import ImportReport
    from words.programme.doc import ProgrammeDoc


@dataclass(frozen=True, slots=True)
class Register:
    engine: Engine
    sessions: sessionmaker[Session]
    # What encrypts platform tokens at rest (VOORTGANG_SECRET_KEYS); None when no key is set,
    # and then nothing that stores tokens can be made (``secrets_required``).
    secrets: Secrets | None = None

    def secrets_required(self) -> Secrets:
        if self.secrets is None:
            raise SecretKeysMissingError
        return self.secrets


def secrets_of(settings: Settings) -> Secrets | None:
    return Secrets(settings.secret_keys) if settings.secret_keys else None


def connect(settings: Settings, *, url: str | None = None) -> Engine:
    """An engine on the database that answered once; DatabaseUnavailableError if it did not."""
    engine = make_engine(url if url is not None else settings.database_url)
    check(engine)
    return engine


def open_register(
    settings: Settings, *, url: str | None = None, waiting: Callable[[], None] | None = None
) -> Register:
    """Connect and bring the schema up to date under the migration lock (a no-op when it
    already is; ``waiting`` is called when another process holds the lock). Raises
    DatabaseUnavailableError when the database cannot be used, and SchemaUnknownError for a
    schema this code does not know."""
    return register_on(connect(settings, url=url), settings, waiting)


def register_on(
    engine: Engine, settings: Settings, waiting: Callable[[], None] | None = None
) -> Register:
    """The register on a database that answers: its schema brought to head first."""
    ensure_schema(engine, where(engine.url), waiting)
    return Register(engine, session_factory(engine), secrets_of(settings))


def check_file(path: Path, settings: Settings, clock: Clock) -> ProgrammeDoc:
    """Read and check a programme file without touching the database."""
    # The reader (YAML, deadlines in words) is loaded by what reads a file, not by the web and
    # clock processes, which only open the register: it would slow down their start.
    from handlers.programme_file.read import read_programme_file  # noqa: PLC0415

    return read_programme_file(path, local_today(clock, settings.zone), settings.language)


def import_file(register: Register, path: Path, settings: Settings, clock: Clock) -> ImportReport:
    """Check ``path`` whole, then import it in one transaction: all of it or nothing."""
    from storage.importer import import_programme  # noqa: PLC0415 - as check_file's reader

    doc = check_file(path, settings, clock)
    with transaction(register.sessions) as session:
        return import_programme(session, doc, clock.now(), settings.language)


def load_example_if_empty(
    register: Register, settings: Settings, clock: Clock
) -> ImportReport | None:
    """Give a first run something real to show: the example programme, once."""
    if settings.example_programme is None:
        return None
    with register.sessions() as session:
        if programmes(session):
            return None
    return import_file(register, settings.example_programme, settings, clock)
