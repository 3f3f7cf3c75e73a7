"""Startup benchmark: how long ``voortgang --help`` and the web process take to start.

    .venv/bin/python -m bench.startup [--runs 7]

Each run is a fresh process (``python -m bot``, which is what the ``voortgang`` script runs).
``voortgang --help`` is timed from spawn to exit. The web process is timed from spawn to its
first 200 on /healthz: ``voortgang web`` on a free loopback port, with a SQLite database in a
temporary folder that ``voortgang migrate`` brought to head beforehand, and no chat platform
configured; /healthz is polled every few milliseconds. The baselines, timed in the same run
because the machine is noisy: a bare interpreter (``python -c pass``) and one that imports the
``bot`` package. Targets: ``--help`` under 300 ms, the web process under 1 s.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Final

HELP_TARGET_MS: Final = 300.0
WEB_TARGET_MS: Final = 1000.0
POLL: Final = 0.005  # seconds between looks at /healthz
WEB_TIMEOUT: Final = 60.0  # seconds a web process may take before the bench gives up
PYTHON: Final = sys.executable
# Run from the checkout, whatever folder the bench was started in.
ROOT: Final = Path(__file__).resolve().parents[1]


def _env(extra: Mapping[str, str] = {}) -> dict[str, str]:
    # No chat platform: their settings are left out, as are the example programme's.
    kept = {
        k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "CLIENT_", "TENANT_"))
    }
    path = os.pathsep.join(p for p in (str(ROOT), kept.get("PYTHONPATH", "")) if p)
    return {**kept, "PYTHONPATH": path, "VOORTGANG_EXAMPLE": "", **extra}


def _exit_ms(command: Sequence[str], env: Mapping[str, str]) -> float:
    started = time.perf_counter()
    # Our own interpreter with fixed arguments.
    subprocess.run(command, env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)  # noqa: S603
    return (time.perf_counter() - started) * 1000


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as answer:  # noqa: S310 - loopback http
            return int(answer.status) == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def web_ms(env: Mapping[str, str]) -> float:
    """Spawn ``voortgang web`` and time it to its first 200 on /healthz; then stop it."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}/healthz"
    started = time.perf_counter()
    process = subprocess.Popen(  # noqa: S603 - our own interpreter, fixed arguments
        [PYTHON, "-m", "bot", "web"],
        env={**env, "HOST": "127.0.0.1", "PORT": str(port)},
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while not _answers(url):
            if process.poll() is not None:
                raise RuntimeError(f"voortgang web ended with {process.returncode}")
            if time.perf_counter() - started > WEB_TIMEOUT:
                raise RuntimeError(f"no 200 on /healthz within {WEB_TIMEOUT:.0f} s")
            time.sleep(POLL)
        return (time.perf_counter() - started) * 1000
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=WEB_TIMEOUT)


def _median(measure: Callable[[], float], runs: int) -> float:
    return statistics.median(measure() for _ in range(runs))


def _line(name: str, ms: float, baseline: float, target: float | None = None) -> str:
    line = f"  {name:26} {ms:7.0f} ms ({ms - baseline:+.0f} ms over python -c pass)"
    if target is not None:
        line += f", target {target:.0f} ms: {'met' if ms < target else 'NOT met'}"
    return line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    runs: int = args.runs
    with tempfile.TemporaryDirectory() as folder:
        env = _env({"DATABASE_URL": f"sqlite:///{Path(folder) / 'voortgang.db'}"})
        # The schema is brought to head once, so each start only finds it there.
        _exit_ms([PYTHON, "-m", "bot", "migrate"], env)
        bare = _median(lambda: _exit_ms([PYTHON, "-c", "pass"], env), runs)
        package = _median(lambda: _exit_ms([PYTHON, "-c", "import bot"], env), runs)
        helped = _median(lambda: _exit_ms([PYTHON, "-m", "bot", "--help"], env), runs)
        web = _median(lambda: web_ms(env), runs)
    print(f"median wall time over {runs} fresh processes:")
    print(_line("python -c pass (baseline)", bare, bare))
    print(_line('python -c "import bot"', package, bare))
    print(_line("voortgang --help", helped, bare, HELP_TARGET_MS))
    print(_line("voortgang web to /healthz", web, bare, WEB_TARGET_MS))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
