"""The web and clock processes at start: a database that does not answer yet is waited for
with backoff (one log line per attempt) and the process proceeds once it answers, through a
loopback proxy to the real PostgreSQL started late; what waiting cannot fix ends the start at
once; SIGTERM and SIGINT end the wait promptly; no start without the secret keys where tokens
are stored."""

from __future__ import annotations

import logging
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import httpx
import pytest
from sqlalchemy.engine import make_url

from bot.cli.main import main
from bot.engine.startup import Backoff, start_register
from config.settings import Settings
from storage.connect import DatabaseUnavailableError, Failure
from storage.migrating import current_revision, head_revision
from tests.fake_teams import APP_ID, APP_PASSWORD, TENANT
from tests.scratch_db import scratch_databases
from tests.tcp_proxy import TcpProxy, free_port
from words import logtext

QUICK = Backoff(first=0.01, cap=0.05)
WAIT = 60.0  # seconds a test waits for a line a process should print at once


# -- backoff ---------------------------------------------------------------------------------


def test_backoff_doubles_up_to_its_cap_and_jitters_between_half_and_whole() -> None:
    whole = Backoff(first=0.5, cap=30.0, rng=lambda: 1.0)
    half = Backoff(first=0.5, cap=30.0, rng=lambda: 0.0)
    assert [whole.delay(n) for n in range(1, 10)] == [0.5, 1, 2, 4, 8, 16, 30, 30, 30]
    assert [half.delay(n) for n in range(1, 10)] == [0.25, 0.5, 1, 2, 4, 8, 15, 15, 15]
    assert Backoff().delay(10_000) <= 30.0


# -- in this process, the wait injected --------------------------------------------------------


class Attempts(logging.Handler):
    """Collects the start's log lines; calls ``at`` with each waiting line's number."""

    def __init__(self, at: dict[int, threading.Event | TcpProxy]) -> None:
        super().__init__(logging.INFO)
        self.at = at
        self.lines: list[str] = []
        self.waits = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())
        if record.msg == logtext.DATABASE_WAITING:
            self.waits += 1
            found = self.at.get(self.waits)
            if isinstance(found, TcpProxy):
                found.start()  # the database comes up while the process waits
            elif found is not None:
                found.set()


@pytest.fixture
def fresh_database(postgres_server: str) -> Iterator[str]:
    with scratch_databases(postgres_server) as databases:
        yield next(databases)


def through(proxy: TcpProxy, url: str) -> str:
    return make_url(url).set(host="127.0.0.1", port=proxy.port).render_as_string(False)


@contextmanager
def listen(handler: logging.Handler) -> Iterator[None]:
    logger = logging.getLogger("bot.engine.startup")
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


@pytest.mark.postgres
def test_a_start_against_a_closed_port_retries_then_proceeds_and_migrates(
    fresh_database: str,
) -> None:
    upstream = make_url(fresh_database)
    with TcpProxy(free_port(), (str(upstream.host), upstream.port or 5432)) as proxy:
        attempts = Attempts({2: proxy})
        url = through(proxy, fresh_database)
        with listen(attempts):
            register = start_register(
                Settings(database_url=url), backoff=QUICK, stop=threading.Event()
            )
        assert register is not None
        try:
            assert current_revision(register.engine) == head_revision()
        finally:
            register.engine.dispose()
    waits = [line for line in attempts.lines if "not usable" in line]
    assert len(waits) == 2
    assert all(f"127.0.0.1:{proxy.port}" in line and "(refused)" in line for line in waits)
    assert attempts.lines[-1] == logtext.DATABASE_REACHED % 3


def test_stop_while_waiting_ends_the_start_without_a_register() -> None:
    stop = threading.Event()
    attempts = Attempts({1: stop})
    url = f"postgresql://voortgang@127.0.0.1:{free_port()}/voortgang"
    with listen(attempts):
        assert start_register(Settings(database_url=url), backoff=QUICK, stop=stop) is None
    assert attempts.waits == 1


@pytest.mark.postgres
def test_what_waiting_cannot_fix_ends_the_start_at_once(postgres_server: str) -> None:
    url = make_url(postgres_server).set(database="voortgang_no_such_database")
    attempts = Attempts({})
    settings = Settings(database_url=url.render_as_string(hide_password=False))
    with listen(attempts), pytest.raises(DatabaseUnavailableError) as raised:
        start_register(settings, backoff=QUICK, stop=threading.Event())
    assert raised.value.failure is Failure.NO_DATABASE
    assert attempts.waits == 0


def test_an_unknown_host_is_waited_for(tmp_path: Path) -> None:
    """A name that does not resolve yet (a container's DNS at start) may come: it is retried."""
    stop = threading.Event()
    attempts = Attempts({2: stop})
    url = "postgresql://voortgang@voortgang-db.invalid/voortgang"
    with listen(attempts):
        assert start_register(Settings(database_url=url), backoff=QUICK, stop=stop) is None
    assert attempts.waits == 2
    assert "(unknown_host)" in attempts.lines[0]


def test_no_start_where_tokens_are_stored_without_the_secret_keys(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for name, value in {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'v.db'}",
        "CLIENT_ID": APP_ID,
        "CLIENT_SECRET": APP_PASSWORD,
        "TENANT_ID": TENANT,
        "VOORTGANG_LANGUAGE": "en",
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("VOORTGANG_SECRET_KEYS", raising=False)
    for command in ("web", "clock"):
        assert main([command]) == 2
        [line] = capsys.readouterr().err.splitlines()
        assert line.startswith("VOORTGANG_SECRET_KEYS is not set:")
        assert "voortgang secret-key" in line
        assert "Fernet.generate_key()" in line
    assert not (tmp_path / "v.db").exists()  # refused before anything was touched


# -- real processes --------------------------------------------------------------------------


class Lines:
    """A process's standard error, line by line, read in a thread so a test can wait for a
    line with a timeout instead of blocking for ever."""

    def __init__(self, stream: IO[str]) -> None:
        self.seen: list[str] = []
        self._lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            self._lines.put(line)
        self._lines.put(None)

    def until(self, part: str) -> str:
        deadline = time.monotonic() + WAIT
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self._lines.get(timeout=left)
            except queue.Empty:
                break
            if line is None:
                break
            self.seen.append(line)
            if part in line:
                return line
        raise AssertionError(f"no line with {part!r}:\n" + "".join(self.seen))


def start(command: str, url: str, cwd: Path, port: int | None = None) -> subprocess.Popen[str]:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "CLIENT_"))},
        "DATABASE_URL": url,
        "VOORTGANG_EXAMPLE": "",
    }
    if port is not None:
        env["PORT"] = str(port)
    return subprocess.Popen(
        [sys.executable, "-m", "bot", command],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def stopped(process: subprocess.Popen[str], how: signal.Signals) -> tuple[int, float]:
    """Send ``how``; the exit code and how long the process took to exit."""
    began = time.monotonic()
    process.send_signal(how)
    code = process.wait(timeout=WAIT)
    return code, time.monotonic() - began


@pytest.mark.postgres
def test_the_clock_process_waits_for_the_database_and_starts_once_it_answers(
    fresh_database: str, tmp_path: Path
) -> None:
    upstream = make_url(fresh_database)
    with TcpProxy(free_port(), (str(upstream.host), upstream.port or 5432)) as proxy:
        clock = start("clock", through(proxy, fresh_database), tmp_path)
        try:
            assert clock.stderr is not None
            lines = Lines(clock.stderr)
            first = lines.until("not usable")
            assert f"127.0.0.1:{proxy.port}" in first
            assert "(refused); attempt 1, next in" in first
            proxy.start()
            lines.until(logtext.MIGRATING.split(":")[0])  # "schema: migrating from empty"
            lines.until(logtext.CLOCK_LEADING)
        finally:
            code, _took = stopped(clock, signal.SIGTERM)
    assert "Traceback" not in "".join(lines.seen)
    assert code in (0, -signal.SIGTERM)


@pytest.mark.postgres
def test_the_web_process_waits_for_the_database_and_serves_once_it_answers(
    fresh_database: str, tmp_path: Path
) -> None:
    upstream = make_url(fresh_database)
    port = free_port()
    with TcpProxy(free_port(), (str(upstream.host), upstream.port or 5432)) as proxy:
        web = start("web", through(proxy, fresh_database), tmp_path, port)
        try:
            assert web.stderr is not None
            lines = Lines(web.stderr)
            lines.until("not usable")
            proxy.start()
            lines.until("Uvicorn running on")
            health = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=10)
            assert health.status_code == 200
        finally:
            code, _took = stopped(web, signal.SIGTERM)
    # uvicorn shuts down, then raises the signal again so the exit status tells it.
    assert code in (0, -signal.SIGTERM)
    lines.until("Application shutdown complete")
    assert "Traceback" not in "".join(lines.seen)


@pytest.mark.parametrize(("command", "how"), [("clock", signal.SIGTERM), ("web", signal.SIGINT)])
def test_a_signal_while_waiting_for_the_database_ends_the_process_promptly(
    command: str, how: signal.Signals, tmp_path: Path
) -> None:
    url = f"postgresql://voortgang@127.0.0.1:{free_port()}/voortgang"
    process = start(command, url, tmp_path, free_port())
    assert process.stderr is not None
    lines = Lines(process.stderr)
    # The fourth attempt waits 2 to 4 s: a process that only looked at the signal after its
    # wait would take that long to go.
    fourth = lines.until("attempt 4, next in")
    waits = float(fourth.rsplit("next in ", 1)[1].split()[0])
    code, took = stopped(process, how)
    assert code == 0
    assert waits >= 2.0
    assert took < 1.5
    lines.until(f"stopped while waiting for the database (signal {how.name})")
