"""What the clock process runs. Module-level functions, so the job queue stores no closures."""

from __future__ import annotations

import os
import socket

from bot.clock import Clock
from bot.register import Register
from storage.db import transaction
from storage.heartbeat import beat

CLOCK = "clock"


def holder_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def heartbeat(register: Register, clock: Clock, holder: str) -> None:
    """Record that the clock is alive; /healthz reports how long ago it last did."""
    with transaction(register.sessions) as session:
        beat(session, CLOCK, holder, clock.now())
