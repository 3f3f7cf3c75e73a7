"""The register as the rest of the bot uses it: open it, import into it, export from it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.clock import Clock, local_today
from bot.programme_file import ProgrammeDoc, read_programme_file
from config.settings import Settings
from storage.db import make_engine, migrate, session_factory, transaction
from storage.importer import ImportReport, import_programme
from storage.register import programmes


@dataclass(frozen=True, slots=True)
class Register:
    engine: Engine
    sessions: sessionmaker[Session]


def open_register(settings: Settings, *, url: str | None = None) -> Register:
    """Connect and bring the schema up to date (a no-op when it already is)."""
    engine = make_engine(url if url is not None else settings.database_url)
    migrate(engine)
    return Register(engine, session_factory(engine))


def check_file(path: Path, settings: Settings, clock: Clock) -> ProgrammeDoc:
    """Read and check a programme file without touching the database."""
    return read_programme_file(path, local_today(clock, settings.zone), settings.language)


def import_file(register: Register, path: Path, settings: Settings, clock: Clock) -> ImportReport:
    """Check ``path`` whole, then import it in one transaction: all of it or nothing."""
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
