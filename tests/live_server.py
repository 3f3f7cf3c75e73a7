"""A web app served for real: uvicorn in a thread on an ephemeral loopback port, as the web
process serves it. The browser tests (tests/browser.py) and the web benchmark (bench.web) open
it over TCP, as a person's browser would."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Final

import uvicorn

# A stuck server fails the test instead of hanging the run.
STOP_WAIT: Final = 30.0
START_WAIT: Final = 30.0
POLL: Final = 0.005  # seconds between looks at whether the server has started


@contextmanager
def serve(app: Any, name: str = "test-uvicorn") -> Iterator[str]:
    """Run ``app`` under uvicorn in a thread on a free loopback port; yield its base URL.

    The socket listens before the server starts, so a request sent at once waits in the
    backlog instead of being refused. Leaving the block stops the server, which runs the
    app's shutdown (the intake writes what it still holds).
    """
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    # uvicorn's access log is off: the tests read answers, not log lines.
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on")
    sock.listen(config.backlog)
    server = uvicorn.Server(config)
    failed: list[BaseException] = []

    def run() -> None:
        try:
            server.run(sockets=[sock])
        # uvicorn ends a failed startup with SystemExit; either way it is raised again in the
        # test's thread, where it is seen, not in this one, where it would be lost.
        except BaseException as err:  # noqa: BLE001
            failed.append(err)

    thread = threading.Thread(target=run, name=name, daemon=True)
    thread.start()
    deadline = time.monotonic() + START_WAIT
    # Until the app's startup has run: one that failed would leave requests in the backlog.
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(POLL)
    if not server.started:
        server.should_exit = True
        thread.join(STOP_WAIT)
        sock.close()
        raise RuntimeError(f"the web app on {name} did not start") from next(iter(failed), None)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(STOP_WAIT)
        sock.close()
    if thread.is_alive():
        raise RuntimeError(f"the web app on {name} did not stop within {STOP_WAIT:.0f} s")
    if failed:
        raise RuntimeError(f"the web app on {name} failed") from failed[0]
