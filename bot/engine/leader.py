"""Which process leads: one clock runs the schedule, a second one stands by.

On PostgreSQL the leader holds a session-level advisory lock on a connection it keeps open
for its whole life. When the process dies, the server closes that connection and the lock is
free at once; a standby asking every 15 seconds takes over well within a minute. (A machine
that vanishes without closing its sockets is noticed by the server's TCP keepalive instead.)

On SQLite there is nothing to coordinate: the database is a file on one machine, used by one
bot process, so ``acquire`` always succeeds.

The two lock statements live here rather than in ``storage/``: they concern a connection, not
the register, and nothing else may share that connection.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError

from storage.locks import alive, try_lock, unlock
from words import logtext

log = logging.getLogger(__name__)

STANDBY_EVERY = 15.0


def lock_key(name: str) -> int:
    """A stable signed 64-bit key for ``name`` (Python's hash() differs per process)."""
    digest = hashlib.blake2b(name.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


class Leadership:
    """The right to lead, named ``name``: at most one process holds it at a time."""

    def __init__(self, engine: Engine, name: str) -> None:
        self.engine = engine
        self.name = name
        self.key = lock_key(name)
        self._shared = engine.dialect.name != "postgresql"
        self._conn: Connection | None = None

    @property
    def held(self) -> bool:
        return self._shared or self._conn is not None

    def acquire(self) -> bool:
        """Take the lead if it is free; True while this process holds it."""
        if self._shared:
            return True
        if self._conn is not None:
            if self._alive(self._conn):
                return True
            self._conn = None
        conn = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        got = try_lock(conn, self.key)
        if got:
            self._conn = conn
            log.info(logtext.LEADER_ACQUIRED, self.name)
            return True
        conn.close()
        return False

    def release(self) -> None:
        """Give up the lead (a standby then takes over at its next try)."""
        conn, self._conn = self._conn, None
        if conn is None:
            return
        try:
            unlock(conn, self.key)
        except DBAPIError as err:
            # The connection is gone, and with it the lock: nothing is left to release.
            log.warning(logtext.LEADER_LOST, self.name, err)
            conn.invalidate()
        conn.close()
        log.info(logtext.LEADER_RELEASED, self.name)

    def _alive(self, conn: Connection) -> bool:
        try:
            alive(conn)
        except DBAPIError as err:
            # A broken connection means the server dropped the lock: lead no longer.
            log.warning(logtext.LEADER_LOST, self.name, err)
            conn.invalidate()
            conn.close()
            return False
        return True


def wait_until_leader(
    leadership: Leadership, wait: Callable[[float], bool], every: float = STANDBY_EVERY
) -> bool:
    """Stand by until ``leadership`` is acquired (True), or ``wait`` says stop (False).

    ``wait(seconds)`` returns True to stop, as ``threading.Event.wait`` does.
    """
    logged = False
    while not leadership.acquire():
        if not logged:
            log.info(logtext.LEADER_STANDBY, leadership.name, every)
            logged = True
        if wait(every):
            return False
    return True
