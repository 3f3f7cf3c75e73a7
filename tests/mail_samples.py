"""Mails as people's clients and robots write them, for the mail reading tests and bench; and a
BOCE world in which Fatima El Amrani was asked about BER-05 by mail and holds a reply token."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.policy import SMTP
from itertools import count

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.engine import clock_jobs as jobs
from bot.engine.opening import Register
from storage.link_tokens import mint
from storage.models import OutboxMessage, Person, Ping, TokenPurpose
from words.clock import FixedClock
from words.domain import OutboxState

DOMAIN = "example.org"
REPLY = f"voortgang@{DOMAIN}"
FATIMA = "f.elamrani@emmen.example"
MAYA = "m.verhoef@coevorden.example"
SUNDAY = datetime(2026, 11, 22, 12, tzinfo=UTC)  # the clock fixture's moment
PINGS_SENT = datetime(2026, 11, 23, 8, 1, tzinfo=UTC)  # Monday 09:01 in Amsterdam
_numbers = count(1)

GMAIL_NL_QUOTE = (
    "\n\nOp ma 23 nov 2026 om 09:00 schreef Voortgang BOCE <voortgang@example.org>:\n\n"
    "> Hoe staat het met BER-05 Aanvraag subsidie fietspad?\n> Antwoord met een woord.\n"
)
OUTLOOK_EN_QUOTE = (
    "\n\n________________________________\nFrom: Voortgang BOCE <voortgang@example.org>\n"
    "Sent: Monday, November 23, 2026 9:00 AM\nTo: Maya Verhoef <m.verhoef@coevorden.example>\n"
    "Subject: How is BER-05 going?\n\nHow is BER-05 going? Answer in a word.\n"
)


def address(token: str) -> str:
    return f"voortgang+{token}@{DOMAIN}"


def message_id(token: str) -> str:
    return f"<voortgang.{token}@{DOMAIN}>"


def mail(
    text: str | None = "Klaar.",
    *,
    sender: str = FATIMA,
    to: str = REPLY,
    in_reply_to: str | None = None,
    headers: dict[str, str] | None = None,
    html: str | None = None,
    charset: str = "utf-8",
    attachments: tuple[tuple[str, str, bytes], ...] = (),
    msg_id: str | None = None,
) -> bytes:
    """A mail's raw bytes as a client sends it: ``text`` and/or ``html`` bodies."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = "Re: Hoe staat het met BER-05?"
    message["Date"] = "Mon, 23 Nov 2026 10:15:00 +0100"
    message["Message-ID"] = msg_id or f"<reply-{next(_numbers)}@mail.example>"
    if in_reply_to is not None:
        message["In-Reply-To"] = in_reply_to
        message["References"] = in_reply_to
    for name, value in (headers or {}).items():
        message[name] = value
    if text is not None:
        message.set_content(text, charset=charset)
    if html is not None:
        if text is None:
            message.set_content(html, subtype="html", charset=charset)
        else:
            message.add_alternative(html, subtype="html", charset=charset)
    for name, mime, content in attachments:
        main, _slash, sub = mime.partition("/")
        message.add_attachment(content, maintype=main, subtype=sub, filename=name)
    return message.as_bytes(policy=SMTP)


@dataclass(frozen=True)
class Asked:
    """A ping mail sent to a person: its outbox row, reply token and the actions it asked."""

    person_id: int
    outbox_id: int
    token: str
    actions: tuple[int, ...]


def ping_by_mail(register: Register, email: str, *, at: datetime = PINGS_SENT) -> Asked:
    """The Monday tick's ping to ``email``, marked sent by mail with a reply token, as the
    mail sender would leave it (``external_ref`` is the mail's Message-ID)."""
    jobs.tick(register, FixedClock(SUNDAY))  # plans the week's pings
    jobs.tick(register, FixedClock(at))  # queues those due
    with register.sessions.begin() as session:
        person = session.scalars(select(Person).where(Person.email == email)).one()
        return mark_mailed(session, person.id, at)


def mark_mailed(session: Session, person_id: int, at: datetime) -> Asked:
    ping = session.scalars(
        select(Ping).where(Ping.recipient_id == person_id, Ping.outbox_id.is_not(None))
    ).first()
    assert ping is not None, "the tick asked them nothing"
    assert ping.outbox_id is not None
    actions = tuple(session.scalars(select(Ping.action_id).where(Ping.outbox_id == ping.outbox_id)))
    token = mint(
        session, TokenPurpose.REPLY, person_id, at, outbox_id=ping.outbox_id, actions=actions
    )
    session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == ping.outbox_id)
        .values(state=OutboxState.SENT, platform="email", external_ref=message_id(token))
    )
    return Asked(person_id, ping.outbox_id, token, actions)
