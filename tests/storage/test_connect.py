"""Where a database is and what failed, as an operator reads it: never a password, the network
asked again rather than libpq's wording trusted."""

from __future__ import annotations

import socket

import pytest

from storage.connect import Failure, describe, where

REFUSED = (
    'connection failed: connection to server at "127.0.0.1", port {port} failed: '
    "Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?"
)


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (
            "postgresql+psycopg://v:s3cret@db.example.org/voortgang",
            "v@db.example.org:5432/voortgang",
        ),
        ("postgresql+psycopg://v:s3cret@db.example.org:6543/vg", "v@db.example.org:6543/vg"),
        ("postgresql+psycopg://v@/vg?host=%2Fvar%2Frun%2Fpostgresql", "v@[/var/run/postgresql]/vg"),
        ("sqlite:////srv/voortgang/voortgang.db", "/srv/voortgang/voortgang.db"),
    ],
)
def test_where_names_user_host_port_and_database_but_never_the_password(
    url: str, shown: str
) -> None:
    assert where(url) == shown


def test_a_server_that_came_up_after_the_refusal_is_still_a_refused_connection() -> None:
    """The port answers by the time it is asked again: the driver's own words decide, so the
    web and clock processes keep waiting instead of giving up."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        found = describe(
            f"postgresql+psycopg://v@127.0.0.1:{port}/vg", OSError(REFUSED.format(port=port))
        )
    assert found.failure is Failure.REFUSED
    assert found.transient


def test_an_answer_nobody_foresaw_is_shown_as_the_driver_gave_it() -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        found = describe(f"postgresql+psycopg://v@127.0.0.1:{port}/vg", OSError("SSL error: x"))
    assert (found.failure, found.detail, found.transient) == (Failure.OTHER, "SSL error: x", False)
