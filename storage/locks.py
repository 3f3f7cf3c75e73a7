"""PostgreSQL session-level advisory locks: which process leads the clock, who migrates."""

from __future__ import annotations

from sqlalchemy import Connection, text


def try_lock(conn: Connection, key: int) -> bool:
    """Take the lock for this connection's lifetime; False when another session holds it."""
    return bool(conn.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": key}).scalar())


def unlock(conn: Connection, key: int) -> None:
    conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})


def alive(conn: Connection) -> None:
    """Raise when the connection (and with it the lock) is gone."""
    conn.execute(text("SELECT 1"))


def lock(conn: Connection, key: int) -> None:
    """Take the lock for this connection's lifetime, waiting while another session holds it."""
    conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": key})
