"""The email port: the outbox's messages as mails, through one SMTP connection.

``EmailPort`` implements ``words.chat.delivery.Port`` for ``Source.EMAIL``. It composes a mail
per delivery (``bot.email.compose``), hands it to the server over a connection it keeps open
(``bot.email.smtp``) and returns the mail's Message-ID, which the outbox keeps as the
message's reference: a later reply in the thread refers to it in In-Reply-To and References.
"""

from __future__ import annotations

import logging
import threading
from typing import Final

from bot.email.compose import Composer, Mail
from bot.email.smtp import DEFAULT_TIMEOUT, SmtpLink
from config.settings import EmailSettings
from words.chat.delivery import Delivery, DeliveryKind
from words.clock import Clock, SystemClock
from words.domain import Source
from words.errors import DeliveryError

log = logging.getLogger(__name__)

PLATFORM: Final = Source.EMAIL


class EmailPort:
    """Delivers through the SMTP server of ``settings``; ``close()`` ends its connection.

    One connection serves every delivery, one at a time: a lock keeps two sender threads
    sharing the port from interleaving their commands on it.
    """

    platform = PLATFORM

    def __init__(
        self,
        settings: EmailSettings,
        clock: Clock | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        local_hostname: str | None = None,
    ) -> None:
        self.settings = settings
        self.composer = Composer(settings, SystemClock() if clock is None else clock)
        self.link = SmtpLink(
            settings.smtp, ca_file=settings.ca_file, timeout=timeout, local_hostname=local_hostname
        )
        self._lock = threading.Lock()

    def compose(self, delivery: Delivery) -> Mail:
        """The mail ``delivery`` becomes, without sending it (the console and tests show it)."""
        return self.composer.compose(delivery)

    def deliver(self, delivery: Delivery) -> str:
        if delivery.kind is DeliveryKind.UPDATE:
            # A mail that was sent cannot be changed (a chat message's buttons can): the
            # update, such as buttons answered, is not worth a mail of its own, as the answer
            # itself already came as one. The earlier mail stays the message's reference.
            if delivery.parent_ref is None:
                raise DeliveryError("an update without the mail it updates", permanent=True)
            return delivery.parent_ref
        mail = self.composer.compose(delivery)
        with self._lock:
            self.link.send(mail.sender, mail.to, mail.data)
        return mail.message_id

    def find(self, key: str, delivery: Delivery) -> str | None:
        """Always None: SMTP cannot be asked whether a mail arrived.

        A server keeps no index a client may query, and the mailbox it went to is the
        person's. So an ambiguous send (the connection lost just after the data) is sent
        again: a rare duplicate mail is better than a lost question. The duplicate has the
        same ``X-Voortgang-Key``, by which a reader can tell them apart.
        """
        return None

    def close(self) -> None:
        with self._lock:
            self.link.close()

    @property
    def connections(self) -> int:
        """How many SMTP connections this port opened: one, unless the server closed one."""
        return self.link.opened
