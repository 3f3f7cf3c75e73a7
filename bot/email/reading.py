"""The mailbox reader of the clock process: replies to ping mails become inbound events.

Each round it asks the IMAP folder for the mails it has not yet marked, reads and sorts each one
(``bot.email.sorting``) in a transaction of its own, and only then marks it with the keyword
``$VoortgangDone`` (``\\Seen`` on a server that keeps no keywords). A process that dies in
between reads the mail again next time, and the inbox's unique (platform, event id), the
once-a-day answer table and the outbox's unique keys make the second reading change nothing. A
mail that cannot be read or decided is marked ``$VoortgangAside`` and logged, so it never stops
the mails after it. A mail over the size limit is never downloaded: its headers are enough to
refuse it politely.

Between rounds it waits with IDLE when the server offers it, else polls every ``imap_poll``
seconds; a connection that fails is made again after a pause that doubles up to five minutes.
"""

from __future__ import annotations

import contextlib
import imaplib
import logging
import re
import socket
import ssl
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final
from zoneinfo import ZoneInfo

from imap_tools import BaseMailBox, MailBox, MailBoxStartTls, MailBoxUnencrypted, MailMessage
from imap_tools.errors import MailboxLoginError, UnexpectedCommandStatusError
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from bot.email.parsing import parse
from bot.email.sorting import Outcome, Sorter, Verdict
from config.settings import EmailSettings, MailSecurity
from storage.mail_answers import sender_hash
from words.clock import Clock
from words.errors import VoortgangError

log = logging.getLogger(__name__)

DONE: Final = "$VoortgangDone"  # read and decided: never read again
ASIDE: Final = "$VoortgangAside"  # could not be read: left for a person to look at


@dataclass(frozen=True, slots=True)
class Marks:
    """How mails are marked read and set aside, and how those not yet marked are found."""

    done: tuple[str, ...]
    aside: tuple[str, ...]
    waiting: str


# Keywords of its own, where the server keeps any (PERMANENTFLAGS lists \*): a person reading
# the mailbox in a mail client changes nothing for the reader.
KEYWORDS: Final = Marks((DONE, "\\Seen"), (ASIDE,), f"UNKEYWORD {DONE} UNKEYWORD {ASIDE} UNDELETED")
# A server that keeps only the system flags: read is \Seen, set aside is \Flagged. A mail a
# person opens in the mailbox before the reader got to it is then skipped (logged at connect).
SYSTEM_FLAGS: Final = Marks(("\\Seen",), ("\\Flagged",), "UNSEEN UNFLAGGED UNDELETED")


def marks_for(permanent_flags: Sequence[object]) -> Marks:
    """The marks to use, given the server's PERMANENTFLAGS response to SELECT."""
    keeps_any = any(isinstance(flags, bytes) and b"\\*" in flags for flags in permanent_flags)
    return KEYWORDS if keeps_any else SYSTEM_FLAGS


MAX_BYTES: Final = 10 * 1024 * 1024  # larger mails are refused unread
BULK: Final = 50  # mails fetched in one command
TIMEOUT: Final = 60.0  # seconds a connection waits for the server
IDLE_RENEW: Final = 25 * 60.0  # RFC 2177: renew IDLE before the server's 30 minutes
IDLE_SLICE: Final = 1.0  # how often a wait in IDLE looks at the stop event
FIRST_PAUSE: Final = 1.0
MAX_PAUSE: Final = 300.0
SIZE = re.compile(rb"UID (\d+).*?RFC822\.SIZE (\d+)|RFC822\.SIZE (\d+).*?UID (\d+)")

# Log lines: what was decided, never a mail's content, address or token.
DECIDED: Final = "mail uid %s: %s (%s)%s, sender %s"
SET_ASIDE: Final = "mail uid %s: could not be read, set aside: %s"
CONNECT_FAILED: Final = "mail reader: mailbox unavailable (%s); trying again in %g s"
DATABASE_FAILED: Final = "mail reader: database unavailable (%s); trying again in %g s"
NO_KEYWORDS: Final = (
    "mail reader: the server keeps no keywords of its own; read mail is marked \\Seen, and "
    "mail someone opens in the mailbox first is skipped"
)
ROUND_FAILED: Final = "mail reader: a round failed; trying again in %g s"
READ_ROUND: Final = "mail reader: %d mail(s) read: %s"

# What a broken connection or a refusing server raises; the round is tried again later.
IMAP_ERRORS: Final = (
    imaplib.IMAP4.error,
    OSError,
    socket.timeout,
    MailboxLoginError,
    UnexpectedCommandStatusError,
)


class MailboxNotConfiguredError(VoortgangError, RuntimeError):
    """VOORTGANG_IMAP_HOST (and its user and password) are not set."""


@dataclass
class ReadReport:
    """What one round did: how many mails of each verdict, answers queued, mails set aside."""

    counts: Counter[str] = field(default_factory=Counter)
    answered: int = 0
    set_aside: int = 0

    @property
    def read(self) -> int:
        return sum(self.counts.values()) + self.set_aside

    def __getitem__(self, verdict: Verdict) -> int:
        return self.counts[verdict.value]


class _RawMail(MailMessage):
    """imap-tools' message, with the raw bytes kept: the parser reads them with its own
    policy, and a mail without Message-ID is known by their hash."""

    def __init__(self, fetch_data: list[object]) -> None:
        super().__init__(fetch_data)
        self.raw: bytes = self._get_message_data_parts(fetch_data)[0]


class MailReader:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        clock: Clock,
        settings: EmailSettings,
        zone: ZoneInfo,
        *,
        max_bytes: int = MAX_BYTES,
    ) -> None:
        if settings.imap is None:
            raise MailboxNotConfiguredError
        self.sessions = sessions
        self.clock = clock
        self.settings = settings
        self.server = settings.imap
        self.sorter = Sorter(settings, zone, max_bytes)
        self.max_bytes = max_bytes
        self.mailbox: BaseMailBox | None = None
        self.marks = KEYWORDS

    # --- the connection ---------------------------------------------------------------------

    def _connect(self) -> BaseMailBox:
        if self.mailbox is not None:
            return self.mailbox
        server = self.server
        if server.user is None or server.password is None:
            raise MailboxNotConfiguredError
        context = ssl.create_default_context(
            cafile=None if self.settings.ca_file is None else str(self.settings.ca_file)
        )
        mailbox: BaseMailBox
        if server.security is MailSecurity.TLS:
            mailbox = MailBox(server.host, server.port, timeout=TIMEOUT, ssl_context=context)
        elif server.security is MailSecurity.STARTTLS:
            mailbox = MailBoxStartTls(
                server.host, server.port, timeout=TIMEOUT, ssl_context=context
            )
        else:
            mailbox = MailBoxUnencrypted(server.host, server.port, timeout=TIMEOUT)
        mailbox.email_message_class = _RawMail
        mailbox.login(server.user, server.password, initial_folder=self.settings.imap_folder)
        self.marks = marks_for(mailbox.client.untagged_responses.get("PERMANENTFLAGS", []))
        if self.marks is SYSTEM_FLAGS:
            log.warning(NO_KEYWORDS)
        self.mailbox = mailbox
        return mailbox

    def close(self) -> None:
        mailbox, self.mailbox = self.mailbox, None
        if mailbox is None:
            return
        with contextlib.suppress(*IMAP_ERRORS):  # the connection may be gone already
            mailbox.logout()

    # --- one round --------------------------------------------------------------------------

    def run_once(self) -> ReadReport:
        """Read and decide every mail waiting now. Raises what the mailbox or the database
        raised when either is away (``run_forever`` waits and tries again)."""
        report = ReadReport()
        try:
            mailbox = self._connect()
            # NOOP lets the server bring the selected folder up to date: a search alone may
            # answer from the view of the folder this connection had before.
            mailbox.client.noop()
            uids = mailbox.uids(self.marks.waiting)
            for start in range(0, len(uids), BULK):
                self._batch(mailbox, uids[start : start + BULK], report)
        except IMAP_ERRORS:
            self.close()  # a new connection next round
            raise
        if report.read:
            summary = ", ".join(f"{name} {count}" for name, count in sorted(report.counts.items()))
            log.info(READ_ROUND, report.read, summary)
        return report

    def _batch(self, mailbox: BaseMailBox, uids: Sequence[str], report: ReadReport) -> None:
        sizes = self._sizes(mailbox, uids)
        small = [uid for uid in uids if sizes.get(uid, 0) <= self.max_bytes]
        large = [uid for uid in uids if sizes.get(uid, 0) > self.max_bytes]
        done: list[str] = []
        aside: list[str] = []
        # imap-tools reads an empty uid_list as "search the whole folder": never pass one.
        if small:
            for message in mailbox.fetch(uid_list=small, mark_seen=False, bulk=BULK):
                self._one(message, report, done, aside, too_large=False)
        if large:
            for message in mailbox.fetch(uid_list=large, mark_seen=False, headers_only=True):
                self._one(message, report, done, aside, too_large=True)
        # Marked only after each mail's decision was committed (see the module's text).
        self._mark(mailbox, done, self.marks.done)
        self._mark(mailbox, aside, self.marks.aside)

    def _sizes(self, mailbox: BaseMailBox, uids: Sequence[str]) -> dict[str, int]:
        if not uids:
            return {}
        status, lines = mailbox.client.uid("FETCH", ",".join(uids), "(UID RFC822.SIZE)")
        if status != "OK":
            raise imaplib.IMAP4.error(f"FETCH RFC822.SIZE: {status}")
        sizes: dict[str, int] = {}
        for line in lines:
            data = line[0] if isinstance(line, tuple) else line
            if not isinstance(data, bytes):
                continue
            matched = SIZE.search(data)
            if matched is None:
                continue
            uid, size = (matched[1], matched[2]) if matched[1] else (matched[4], matched[3])
            sizes[uid.decode()] = int(size)
        return sizes

    def _one(
        self,
        message: MailMessage,
        report: ReadReport,
        done: list[str],
        aside: list[str],
        *,
        too_large: bool,
    ) -> None:
        uid = message.uid
        if uid is None:
            return
        raw = message.raw if isinstance(message, _RawMail) else b""
        try:
            mail = parse(raw)
            now = self.clock.now()
            with self.sessions.begin() as session:
                outcome = self.sorter.sort(session, mail, now, too_large=too_large)
        except SQLAlchemyError:
            raise  # the database is away: every later mail would fail too; the round stops
        except Exception as err:  # noqa: BLE001 - the reader's guard: one mail, not the rest
            # This mail cannot be read or decided (odd input, or a bug it alone meets); the
            # others can. It waits, marked, for a person; its content stays out of the log.
            log.warning(SET_ASIDE, uid, type(err).__name__)
            aside.append(uid)
            report.set_aside += 1
            return
        self._log(uid, outcome, mail.sender)
        report.counts[outcome.verdict.value] += 1
        report.answered += int(outcome.answered)
        done.append(uid)

    def _log(self, uid: str, outcome: Outcome, sender: str) -> None:
        answered = ", answered" if outcome.answered else ""
        who = sender_hash(sender)[:12] if sender else "-"
        log.info(DECIDED, uid, outcome.verdict.value, outcome.reason, answered, who)

    def _mark(self, mailbox: BaseMailBox, uids: Sequence[str], flags: Sequence[str]) -> None:
        # STORE directly: imap-tools' flag() expunges after it, which is not ours to do.
        if not uids:
            return
        status, _data = mailbox.client.uid(
            "STORE", ",".join(uids), "+FLAGS.SILENT", f"({' '.join(flags)})"
        )
        if status != "OK":
            raise imaplib.IMAP4.error(f"STORE: {status}")

    # --- the thread -------------------------------------------------------------------------

    def run_forever(self, stop: threading.Event) -> None:
        """Read mail as it comes until ``stop``; the clock process runs this in a thread."""
        pause = FIRST_PAUSE
        while not stop.is_set():
            try:
                self.run_once()
                pause = FIRST_PAUSE
                self._wait(stop)
            except IMAP_ERRORS as err:
                self.close()
                log.warning(CONNECT_FAILED, type(err).__name__, pause)
                stop.wait(pause)
                pause = min(pause * 2, MAX_PAUSE)
            except SQLAlchemyError as err:
                log.warning(DATABASE_FAILED, type(err).__name__, pause)
                stop.wait(pause)
                pause = min(pause * 2, MAX_PAUSE)
            except Exception:  # the thread's guard: it never dies of one round
                self.close()
                log.exception(ROUND_FAILED, pause)
                stop.wait(pause)
                pause = min(pause * 2, MAX_PAUSE)
        self.close()

    def _wait(self, stop: threading.Event) -> None:
        """Until new mail may be there: IDLE when the server has it, else the poll interval."""
        mailbox = self.mailbox
        if mailbox is None or "IDLE" not in mailbox.client.capabilities:
            stop.wait(self.settings.imap_poll)
            return
        waited = 0.0
        mailbox.idle.start()  # type: ignore[no-untyped-call]
        try:
            while not stop.is_set() and waited < IDLE_RENEW:
                if mailbox.idle.poll(timeout=IDLE_SLICE):
                    return  # something changed in the folder: read it
                waited += IDLE_SLICE
        finally:
            mailbox.idle.stop()  # type: ignore[no-untyped-call]
