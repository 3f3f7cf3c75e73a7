"""What becomes of one mail read from the mailbox: an update, a polite answer, or nothing.

Only a reply that carries a valid reply token of the very person it comes from becomes an
inbound event, handled by the inbox worker exactly as a chat reply. Automatic mail (absence
notices, bounces, lists) and Voortgang's own mail coming back are dropped without an answer, so
two robots never talk to each other. Anything else gets at most one polite answer per sender
per day (``storage.mail_answers``), which never repeats what the mail said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from email.utils import parseaddr
from enum import StrEnum
from typing import Final
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.email.parsing import ParsedMail
from bot.email.quotes import written_part
from config.settings import EmailSettings
from storage import outbox_addressing
from storage.inbox import store_event
from storage.link_tokens import TokenState, look_up, well_formed
from storage.mail_answers import claim_answer, sender_hash
from storage.models import LinkToken, Person, TokenPurpose
from storage.outbox import OutboxWriter
from storage.people import memberships, person_by_email, person_by_id
from words.catalogue import language, t
from words.chat.inbound import MessageIn
from words.chat.messages import Message
from words.chat.outgoing import ToAddress, ToPerson
from words.domain import Source

# Precedence values that mark mail sent by a program, not a person.
AUTOMATIC_PRECEDENCE: Final = frozenset({"bulk", "junk", "list", "auto_reply"})
LIST_HEADERS: Final = ("list-id", "list-unsubscribe", "list-post")
ROBOT_SENDERS: Final = frozenset({"mailer-daemon", "postmaster"})
# The Message-ID of a ping mail: <voortgang.TOKEN@domain>.
OUR_MESSAGE_ID = re.compile(r"^voortgang\.([A-Za-z0-9_-]+)@")
MEGABYTE: Final = 1024 * 1024
# The longest text a reply stores: Slack's own limit for a message, so an update by mail is
# never larger than one typed in chat could be (a pasted document is not an update).
MAX_TEXT: Final = 40_000
# How much of a mail's text is searched for the quote: enough to find it below any answer that
# is kept, while the reply library's patterns never run over megabytes.
MAX_READ: Final = 5 * MAX_TEXT


class Verdict(StrEnum):
    STORED = "stored"  # a valid reply, stored for the inbox worker
    DUPLICATE = "duplicate"  # the same mail again: stored before, nothing new
    AUTOMATIC = "automatic"  # sent by a program: dropped, never answered
    LOOP = "loop"  # Voortgang's own mail back: dropped, never answered
    EMPTY = "empty"  # a valid reply with nothing written above the quote
    UNLINKED = "unlinked"  # no valid token of the sender: nothing changes
    TOO_LARGE = "too_large"  # not downloaded


@dataclass(frozen=True, slots=True)
class Outcome:
    verdict: Verdict
    reason: str  # what decided it, for the log line: never the mail's content or a token
    answered: bool = False  # a polite answer was queued
    event_row: int | None = None  # the inbox row of a stored reply


def automatic_signal(mail: ParsedMail) -> str | None:
    """Why ``mail`` was sent by a program (a header's name), or None for a person's mail.

    ``X-Auto-Response-Suppress`` is no such signal: Voortgang's own mails carry it.
    """
    signals = {
        "auto-submitted": any(
            value.strip().lower().split(";")[0].strip() != "no"
            for value in mail.header("Auto-Submitted")
        ),
        "x-autoreply": bool(mail.header("X-Autoreply")),
        "x-autorespond": bool(mail.header("X-Autorespond")),
        "precedence": any(
            value.strip().lower() in AUTOMATIC_PRECEDENCE for value in mail.header("Precedence")
        ),
        "list": any(mail.header(name) for name in LIST_HEADERS),
        "empty-return-path": any(
            value.replace(" ", "") == "<>" for value in mail.header("Return-Path")
        ),
        "robot-sender": mail.sender.partition("@")[0] in ROBOT_SENDERS,
        "report": mail.content_type == "multipart/report",
    }
    return next((name for name, found in signals.items() if found), None)


def is_loop(mail: ParsedMail, settings: EmailSettings) -> bool:
    """``mail`` is Voortgang's own, come back (a forward rule, a bounce of a bounce)."""
    if mail.header("X-Voortgang-Key"):
        return True
    ours = parseaddr(settings.sender)[1].lower()
    local, _at, domain = settings.reply_address.lower().partition("@")
    sender_local, _at, sender_domain = mail.sender.partition("@")
    base = sender_local.partition("+")[0]
    return mail.sender == ours or (sender_domain == domain and base == local)


def candidate_tokens(mail: ParsedMail, settings: EmailSettings) -> list[str]:
    """The reply tokens ``mail`` carries, where they may be: the ``+token`` of a recipient
    address first, then the Message-IDs it answers. Never the From address."""
    local, _at, domain = settings.reply_address.lower().partition("@")
    found: list[str] = []
    for address in mail.recipients:
        their_local, _at, their_domain = address.rpartition("@")
        base, plus, token = their_local.partition("+")
        if plus and base.lower() == local and their_domain.lower() == domain:
            found.append(token)
    for message_id in (*mail.in_reply_to, *mail.references):
        matched = OUR_MESSAGE_ID.match(message_id)
        if matched is not None:
            found.append(matched.group(1))
    return [token for token in dict.fromkeys(found) if well_formed(token)]


class Sorter:
    """Decides what one mail becomes, in the caller's session (one transaction per mail)."""

    def __init__(self, settings: EmailSettings, zone: ZoneInfo, max_bytes: int) -> None:
        self.settings = settings
        self.zone = zone
        self.max_bytes = max_bytes

    def sort(
        self, session: Session, mail: ParsedMail, now: datetime, *, too_large: bool = False
    ) -> Outcome:
        signal = automatic_signal(mail)
        if signal is not None:
            return Outcome(Verdict.AUTOMATIC, signal)
        if is_loop(mail, self.settings):
            return Outcome(Verdict.LOOP, "our own mail")
        if not mail.sender:
            return Outcome(Verdict.UNLINKED, "no sender")
        return self._from_someone(session, mail, now, too_large=too_large)

    def _from_someone(
        self, session: Session, mail: ParsedMail, now: datetime, *, too_large: bool
    ) -> Outcome:
        """A person's mail (not automatic, not ours): a reply, or answered politely."""
        if too_large:
            megabytes = self.max_bytes // MEGABYTE
            answered = self._answer(session, mail, now, "mailin.too_large", megabytes=megabytes)
            return Outcome(Verdict.TOO_LARGE, "over the size limit", answered)
        token, state = self._token(session, mail, now)
        if token is None:
            answered = self._answer(session, mail, now, "mailin.unlinked")
            return Outcome(Verdict.UNLINKED, f"token {state.value}", answered)
        person = person_by_id(session, token.person_id)
        if person is None or (person.email or "").lower() != mail.sender:
            # Someone else's token, whatever its state: answered as if there were none, saying
            # nothing of whose it is or whether it still works.
            answered = self._answer(session, mail, now, "mailin.unlinked")
            return Outcome(Verdict.UNLINKED, "token of another person", answered)
        if state is not TokenState.VALID:
            answered = self._answer(session, mail, now, "mailin.expired")
            return Outcome(Verdict.UNLINKED, f"token {state.value}", answered)
        return self._reply(session, mail, now, token, person)

    def _token(
        self, session: Session, mail: ParsedMail, now: datetime
    ) -> tuple[LinkToken | None, TokenState]:
        # The first token the database knows decides; an address a server lower-cased on the
        # way is unknown, and the Message-ID it answers may still name the token.
        for candidate in candidate_tokens(mail, self.settings):
            found = look_up(session, candidate, TokenPurpose.REPLY, now)
            if found.state is not TokenState.UNKNOWN:
                return found.token, found.state
        return None, TokenState.UNKNOWN

    def _reply(
        self, session: Session, mail: ParsedMail, now: datetime, token: LinkToken, person: Person
    ) -> Outcome:
        text = written_part(mail.text[:MAX_READ])[:MAX_TEXT]
        if not text:
            answered = self._answer(session, mail, now, "mailin.empty")
            return Outcome(Verdict.EMPTY, "nothing written above the quote", answered)
        ping = None if token.outbox_id is None else outbox_addressing.get(session, token.outbox_id)
        event = MessageIn(
            platform=Source.EMAIL,
            event_id=mail.event_id,
            user_id=str(person.id),
            received_at=now,
            text=text,
            thread=None if ping is None else ping.external_ref,
        )
        row_id, first = store_event(session, event)
        if not first:
            return Outcome(Verdict.DUPLICATE, "stored before", event_row=row_id)
        answered = False
        if any(not attachment.inline for attachment in mail.attachments):
            # Said once per mail (the key), in their own channel, next to the answer itself;
            # not for the images of a signature (inline), which come with every mail.
            lang = _language_of(session, person)
            OutboxWriter(session, now).send(
                f"mailin:attachments:{mail.event_id}",
                ToPerson(person.id),
                Message(t("mailin.attachments_dropped", lang)),
            )
            answered = True
        return Outcome(Verdict.STORED, "valid reply", answered, row_id)

    def _answer(
        self, session: Session, mail: ParsedMail, now: datetime, key: str, **params: object
    ) -> bool:
        """Queue the polite answer ``key`` to the sender, unless they had one today."""
        day = now.astimezone(self.zone).date()
        if not claim_answer(session, mail.sender, day, now):
            return False
        person = person_by_email(session, mail.sender)
        if person is not None:
            text = t(key, _language_of(session, person), **params)
        else:
            text = t(key, "nl", **params) + "\n\n" + t(key, "en", **params)
        OutboxWriter(session, now).send(
            f"mailin:answer:{sender_hash(mail.sender)}:{day.isoformat()}",
            ToAddress(mail.sender, Source.EMAIL),
            Message(text),
        )
        return True


def _language_of(session: Session, person: Person) -> str:
    if person.language is not None:
        return language(person.language)
    places = memberships(session, person.id)
    return language(places[0].programme.language if places else None)
