"""The console's own dashboard: the web app beside the console chat, on this computer only,
signed in as the programme director through the address ``voortgang run`` prints.

It runs uvicorn in a thread of the console process, on the same register and the same
simulated clock as the chat (so /tijd moves both), bound to a loopback address (refused
otherwise, bot.web.signin.local_sign_in). The port is ``PORT`` (8000) when free, else any free
one: a second console on the same computer still gets a dashboard.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
from typing import Final

import uvicorn

from bot.engine.opening import Register
from bot.run.http import create_app
from bot.web.app import WebApp
from bot.web.core.site import Site
from bot.web.signin.local_sign_in import LocalSignIn
from config.settings import Settings
from words.clock import Clock

STOP_WAIT: Final = 5.0  # seconds to let the server finish what it is answering
log = logging.getLogger(__name__)


def _socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    for wanted in (port, 0):
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            sock.bind((host, wanted))
        except OSError:
            sock.close()
            continue
        sock.listen(64)
        return sock
    raise OSError(f"no free port on {host}")


class LocalDashboard:
    def __init__(self, register: Register, clock: Clock, settings: Settings) -> None:
        self.site = Site(register, clock, settings, local=True)
        self.sign_in = LocalSignIn(self.site, settings.host)
        app = create_app(register, clock, [WebApp(self.site, extra=[self.sign_in])])
        self.socket = _socket(settings.host, settings.port)
        config = uvicorn.Config(app, log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self._serve, name="dashboard", daemon=True)

    @property
    def address(self) -> str:
        host, port = self.socket.getsockname()[:2]
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}{self.sign_in.path}"

    def _serve(self) -> None:
        self.server.run(sockets=[self.socket])

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(STOP_WAIT)
        with contextlib.suppress(OSError):
            self.socket.close()
