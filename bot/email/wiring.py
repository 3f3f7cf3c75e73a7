"""Email in the clock process (``bot.engine.channels``): the port that sends over SMTP, and
with a mailbox configured the reader that turns replies into events for the inbox worker."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence

from bot.email.port import EmailPort
from bot.email.reading import MailReader
from bot.engine.opening import Register
from bot.engine.worker import Prepare
from config.settings import EmailSettings, Settings
from words.clock import Clock
from words.domain import Source


class EmailChannel:
    platform = Source.EMAIL
    chore_every = 3600.0  # nothing to look up now and then: the hour is the supervisor's pace

    def __init__(self, register: Register, clock: Clock, settings: Settings) -> None:
        if settings.email is None:
            raise ValueError("email is not configured")
        self.email: EmailSettings = settings.email
        self.port = EmailPort(self.email, clock)
        self.reader = (
            None
            if self.email.imap is None
            else MailReader(register.sessions, clock, self.email, settings.zone)
        )

    def prepare(self) -> Mapping[Source, Prepare]:
        return {}  # a mail's person is known from its reply token before it is stored

    def chore(self) -> None:
        """Nothing: email keeps no directory."""

    def threads(self, stop: threading.Event) -> Sequence[tuple[str, Callable[[], None]]]:
        reader = self.reader
        if reader is None:
            return ()
        return [("mail-reader", lambda: reader.run_forever(stop))]

    def close(self) -> None:
        self.port.close()
        if self.reader is not None:
            self.reader.close()
