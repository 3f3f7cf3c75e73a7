"""The schema brought to head once, under a lock, by whichever process gets there first.

Every process that needs the schema (``migrate``, ``run``, ``import`` and the other commands,
and the web and clock processes at start) calls ``ensure_schema``: it takes the migration
lock, reads the schema's revision, migrates only when it is behind, and lets go. Two processes
starting at once on a fresh database therefore migrate once: the second waits for the lock,
then finds the schema at head. A revision this code does not know (made by a newer version of
Voortgang, or by something else) is refused, and so is a database that holds tables but no
revision: nothing is migrated on top of a schema whose state is unknown.

The lock: on PostgreSQL a session-level advisory lock on a connection of its own (the
migration runs on another one, in its own transaction); when a process dies holding it, the
server lets go with the connection. On SQLite an OS file lock on a file next to the database
(``voortgang.db-migrate.lock``); the operating system lets go when the process dies. The file
stays: removing it would race with a process that just opened it.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from sqlalchemy import Engine, inspect, text

from storage.db import alembic_config, migrate
from storage.locks import lock, try_lock, unlock
from words import logtext
from words.errors import VoortgangError

log = logging.getLogger(__name__)

# The advisory lock's key: fixed, so every version of Voortgang takes the same lock ("voormigr"
# in ASCII; the clock's leadership lock is a hash of its own name, see bot.engine.leader).
MIGRATE_LOCK_KEY: Final = 0x766F6F726D696772
VERSION_TABLE: Final = "alembic_version"


class SchemaUnknownError(VoortgangError):
    """The database's schema is at a revision this code does not know, or has no revision
    while it holds tables: it is left alone."""

    def __init__(self, where: str, found: str | None, head: str) -> None:
        said = "none" if found is None else found
        super().__init__(f"the schema of {where} is at revision {said}; head is {head}")
        self.where = where
        self.found = found  # None: tables but no revision
        self.head = head


# The newest migration's revision. Written here so that a process finding its schema at head,
# as every start but the first does, never loads Alembic and its scripts (a third of the web
# process's start); a test holds it equal to the head of storage/migrations.
HEAD: Final = "0014"


def head_revision() -> str:
    """The revision of the newest migration, as Alembic reads it from the scripts."""
    from alembic.script import ScriptDirectory  # noqa: PLC0415 - only when migrating

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:  # pragma: no cover - the migrations folder always has scripts
        raise RuntimeError("no migrations found")
    return head


def _known(revision: str) -> bool:
    from alembic.script import ScriptDirectory  # noqa: PLC0415 - only when migrating
    from alembic.util.exc import CommandError  # noqa: PLC0415

    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except CommandError:  # "Can't locate revision": newer than this code, or not ours
        return False


def current_revision(engine: Engine) -> str | None:
    """The revision the database's schema is at; None before the first migration."""
    with engine.connect() as conn:
        if not inspect(conn).has_table(VERSION_TABLE):
            return None
        return conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()  # noqa: S608 - a constant


@dataclass(frozen=True, slots=True)
class Migrated:
    """What ``ensure_schema`` did: from which revision (None: an empty database) to which."""

    found: str | None
    head: str


def ensure_schema(
    engine: Engine, where: str, waiting: Callable[[], None] | None = None
) -> Migrated | None:
    """Bring the schema to head under the migration lock; None when it was at head already.

    ``where`` names the database in the error (see ``storage.connect.where``); ``waiting`` is
    called when another process holds the lock (the default logs it). Raises
    SchemaUnknownError, without migrating, for a schema the migrations do not know.
    """
    head = HEAD
    if current_revision(engine) == head:
        return None  # the usual start: no lock needed to find nothing to do
    with migration_lock(engine, waiting):
        found = current_revision(engine)
        if found == head:
            return None  # another process migrated while this one waited
        if found is None:
            tables = set(inspect(engine).get_table_names()) - {VERSION_TABLE}
            if tables:
                raise SchemaUnknownError(where, None, head)
        elif not _known(found):
            raise SchemaUnknownError(where, found, head)
        log.info(logtext.MIGRATING, "empty" if found is None else found, head)
        migrate(engine)
        return Migrated(found, head)


def _log_waiting() -> None:
    log.info(logtext.MIGRATION_WAITING)


@contextmanager
def migration_lock(engine: Engine, waiting: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the migration lock of ``engine``'s database for the block; ``waiting`` is called
    once when another process holds it."""
    said = _log_waiting if waiting is None else waiting
    if engine.dialect.name == "postgresql":
        with _advisory_lock(engine, said):
            yield
        return
    database = engine.url.database
    if not database or database == ":memory:":
        yield  # a database in memory belongs to this process alone
        return
    with _file_lock(Path(f"{database}-migrate.lock"), said):
        yield


@contextmanager
def _advisory_lock(engine: Engine, waiting: Callable[[], None]) -> Iterator[None]:
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        if not try_lock(conn, MIGRATE_LOCK_KEY):
            waiting()
            lock(conn, MIGRATE_LOCK_KEY)
        try:
            yield
        finally:
            unlock(conn, MIGRATE_LOCK_KEY)


@contextmanager
def _file_lock(path: Path, waiting: Callable[[], None]) -> Iterator[None]:
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        _lock_file(fd, waiting)
        try:
            yield
        finally:
            _unlock_file(fd)
    finally:
        os.close(fd)


if sys.platform == "win32":  # pragma: no cover - the tests run on Linux
    import msvcrt

    def _lock_file(fd: int, waiting: Callable[[], None]) -> None:
        said = False
        while True:
            try:
                msvcrt.locking(fd, msvcrt.LK_LOCK, 1)  # retries for ten seconds, then raises
            except OSError:
                if not said:
                    waiting()
                    said = True
                continue
            return

    def _unlock_file(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock_file(fd: int, waiting: Callable[[], None]) -> None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            waiting()
            fcntl.flock(fd, fcntl.LOCK_EX)

    def _unlock_file(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
