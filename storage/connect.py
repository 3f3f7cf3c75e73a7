"""Whether the database can be reached, and if not, why, in words an operator can act on.

A failed connection is described by where it went (host and port, or the SQLite file; never
the password) and by what failed. libpq's own messages depend on the client's and the
server's language, so the network part is found out by asking the network again: the host
name is resolved and the port knocked on. What the server itself refused (a user, a
database, a connection while it starts) is read from its message, and so is what the network
said when asking again found nothing wrong (the server came up in between; a Unix socket).
"""

from __future__ import annotations

import socket
from enum import StrEnum
from pathlib import Path
from typing import Final

from sqlalchemy import Engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError

from words.errors import VoortgangError

DEFAULT_PORT: Final = 5432
# A server that does not answer at all is not waited for longer than this (libpq waits for
# the operating system's own timeout otherwise: minutes).
CONNECT_TIMEOUT: Final = 10


class Failure(StrEnum):
    """What went wrong; the catalogue has a sentence and a hint for each (``db.what.*``)."""

    REFUSED = "refused"  # nothing listens on that port
    UNKNOWN_HOST = "unknown_host"
    TIMEOUT = "timeout"  # no answer: a firewall, a wrong address, a server that is down
    NETWORK = "network"  # another network error (no route, reset)
    STARTING = "starting"  # the server is starting up, shutting down or full
    AUTHENTICATION = "authentication"  # user or password refused
    NO_DATABASE = "no_database"
    FOLDER = "folder"  # SQLite: the file's folder is missing, read-only or cannot be made
    NOT_SQLITE = "not_sqlite"  # SQLite: the file is something else
    OTHER = "other"


# Failures that may pass by themselves: a long-running process waits them out at start.
TRANSIENT: Final = frozenset(
    {Failure.REFUSED, Failure.UNKNOWN_HOST, Failure.TIMEOUT, Failure.NETWORK, Failure.STARTING}
)


class DatabaseUnavailableError(VoortgangError):
    """The database cannot be used: ``where`` it is (no password), and what failed."""

    def __init__(self, where: str, failure: Failure, detail: str = "") -> None:
        super().__init__(
            f"database at {where}: {failure.value}" + (f" ({detail})" if detail else "")
        )
        self.where = where
        self.failure = failure
        self.detail = detail

    @property
    def transient(self) -> bool:
        return self.failure in TRANSIENT


def where(url: str | URL) -> str:
    """The database as an operator names it, in no language: ``user@host:port/database`` (a
    socket folder in brackets instead of host and port), or the SQLite file. Never the
    password."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return str(parsed.database or ":memory:")
    place = (
        f"{parsed.host}:{parsed.port or DEFAULT_PORT}"
        if parsed.host
        else f"[{_socket_folder(parsed)}]"
    )
    who = f"{parsed.username}@" if parsed.username else ""
    return f"{who}{place}/{parsed.database or ''}"


def _socket_folder(url: URL) -> str:
    found = url.query.get("host")
    if isinstance(found, tuple):
        found = found[0] if found else None
    return found or "socket"


def check(engine: Engine) -> None:
    """Connect once and ask the server something; raise DatabaseUnavailableError if that fails."""
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except DBAPIError as err:
        raise describe(engine.url, err) from err


def describe(url: str | URL, err: BaseException) -> DatabaseUnavailableError:
    """What ``err``, raised while using the database at ``url``, means for an operator."""
    parsed = make_url(url)
    message = _message(err)
    if parsed.get_backend_name() == "sqlite":
        return DatabaseUnavailableError(where(parsed), _sqlite_failure(parsed, message), message)
    failure = _server_failure(message)
    if failure is None and parsed.host:
        failure = _network_failure(parsed)
    if failure is None or failure is Failure.OTHER:
        failure = _said_failure(message)
    detail = message if failure is Failure.OTHER else ""
    return DatabaseUnavailableError(where(parsed), failure, detail)


def folder_error(path: Path, err: OSError) -> DatabaseUnavailableError:
    """The SQLite file's folder could not be made (``make_engine``)."""
    return DatabaseUnavailableError(str(path), Failure.FOLDER, err.strerror or str(err))


def _message(err: BaseException) -> str:
    """The driver's message in one line, without SQLAlchemy's decoration."""
    original = getattr(err, "orig", None)
    text_ = str(original if original is not None else err)
    lines = [line.strip() for line in text_.splitlines() if line.strip()]
    return lines[0] if lines else type(err).__name__


# Parts of PostgreSQL's answers to a connection it refused; the server's messages are
# English unless its lc_messages says otherwise, in which case these fall through to OTHER.
_AUTHENTICATION = (
    "password authentication failed",
    "no password supplied",
    "authentication failed",
    "pg_hba.conf",
    "role ",
)
_STARTING = (
    "the database system is starting up",
    "the database system is shutting down",
    "the database system is in recovery mode",
    "too many clients",
    "remaining connection slots",
)


def _server_failure(message: str) -> Failure | None:
    lowered = message.lower()
    if "database " in lowered and "does not exist" in lowered:
        return Failure.NO_DATABASE
    if any(part in lowered for part in _AUTHENTICATION):
        return Failure.AUTHENTICATION
    if any(part in lowered for part in _STARTING):
        return Failure.STARTING
    return None


def _network_failure(url: URL) -> Failure:
    """Ask the network what the driver ran into: the name, then the port."""
    host, port = str(url.host), url.port or DEFAULT_PORT
    try:
        addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        return Failure.UNKNOWN_HOST
    family, kind, proto, _name, address = addresses[0]
    try:
        with socket.socket(family, kind, proto) as probe:
            probe.settimeout(CONNECT_TIMEOUT)
            probe.connect(address)
    except ConnectionRefusedError:
        return Failure.REFUSED
    except TimeoutError:
        return Failure.TIMEOUT
    except OSError:
        return Failure.NETWORK
    # The port answers now, yet the driver failed: its message says what happened.
    return Failure.OTHER


def _said_failure(message: str) -> Failure:
    """What the driver's message says about the connection: for a Unix socket (no network to
    ask), or when asking the network again found a server (it came up in between)."""
    lowered = message.lower()
    if "connection refused" in lowered or (
        "socket" in lowered and "no such file or directory" in lowered
    ):
        return Failure.REFUSED  # nobody accepts, or the socket is not there: no server (yet)
    if "timeout expired" in lowered or "timed out" in lowered:
        return Failure.TIMEOUT
    if "could not translate host name" in lowered or "failed to resolve host" in lowered:
        return Failure.UNKNOWN_HOST
    return Failure.OTHER


def _sqlite_failure(url: URL, message: str) -> Failure:
    if "not a database" in message or "malformed" in message:
        return Failure.NOT_SQLITE
    if "unable to open" in message or "readonly" in message or "read-only" in message:
        return Failure.FOLDER
    path = Path(str(url.database or ""))
    return Failure.FOLDER if not path.parent.is_dir() else Failure.OTHER
