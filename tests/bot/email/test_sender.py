"""The email port behind the real sender: outbox rows to people with an email address, a real
SMTP server on loopback, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from bot.email.port import EmailPort
from bot.engine.opening import Register
from bot.engine.sender import Sender
from storage import link_tokens
from storage.db import transaction
from storage.models import OutboxMessage, Person, PersonUnreachable, TokenPurpose
from storage.outbox import OutboxWriter
from tests.mailserver import MailServer, mail_settings, read
from words.chat.links import FORM_PREFIX
from words.chat.messages import Button, Message, Section
from words.chat.outgoing import InThread, ToAddress, ToPerson
from words.clock import FixedClock
from words.domain import OutboxState, Source

PUBLIC = "https://voortgang.example.org"
REPLY_TO = re.compile(r"voortgang\+([A-Za-z0-9_-]+)@reply\.example\.org")


def ping(action_id: int) -> Message:
    section = Section(
        heading="#12 Fietspad Noord",
        buttons=(
            Button("Gereed", "status", f"{action_id}:done"),
            Button("Schrijf", "form", str(action_id)),
        ),
    )
    return Message("Hoe staat #12 Fietspad Noord?", sections=(section,), asks=(action_id,))


def person(register: Register, name: str, email: str) -> int:
    with transaction(register.sessions) as session:
        found = Person(name=name, email=email, channel="email")
        session.add(found)
        session.flush()
        return found.id


def row(register: Register, outbox_id: int) -> OutboxMessage:
    with register.sessions() as session:
        found = session.get(OutboxMessage, outbox_id)
        assert found is not None
        session.expunge(found)
        return found


@pytest.fixture
def server() -> Iterator[MailServer]:
    with MailServer() as running:
        yield running


@pytest.fixture
def port(server: MailServer, clock: FixedClock) -> Iterator[EmailPort]:
    email = EmailPort(mail_settings(server.port), clock, timeout=5)
    yield email
    email.close()


def test_pings_replies_and_refusals_through_the_sender(
    register: Register, clock: FixedClock, server: MailServer, port: EmailPort
) -> None:
    els = person(register, "Els Bakker", "els@woonbedrijf.nl")
    tom = person(register, "Tom de Boer", "tom@coevorden.nl")
    gone = person(register, "Ria Gone", "ria@verdwenen.nl")
    server.refuse("ria@verdwenen.nl", "550 5.1.1 User unknown")
    with transaction(register.sessions) as session:
        out = OutboxWriter(session, clock.now())
        first = out.send("ping:els", ToPerson(els), ping(7))
        out.send("ping:tom", ToPerson(tom), ping(8))
        failed = out.send("ping:ria", ToPerson(gone), ping(9))
        polite = out.send(
            "answer:x", ToAddress("iemand@example.org", Source.EMAIL), Message("Wie?")
        )
    sender = Sender(register, port, clock, "holder", public_url=PUBLIC)
    report = sender.drain()
    assert (report.sent, report.failed) == (3, 1)

    mails = {r.rcpt_tos[0]: read(r.data) for r in server.received}
    assert set(mails) == {"els@woonbedrijf.nl", "tom@coevorden.nl", "iemand@example.org"}
    assert server.connections == 1
    els_mail = mails["els@woonbedrijf.nl"]
    stored = row(register, first)
    assert stored.state is OutboxState.SENT
    assert stored.external_ref == els_mail["Message-ID"]
    # Her reply token is hers: stored only as its hash, for a reply about action 7.
    token = REPLY_TO.fullmatch(els_mail["Reply-To"])
    assert token is not None
    assert els_mail["Message-ID"] == f"<voortgang.{token[1]}@reply.example.org>"
    with register.sessions() as session:
        found = link_tokens.look_up(session, token[1], TokenPurpose.REPLY, clock.now())
        assert found.token is not None
        assert found.token.person_id == els
    # Her personal form link, and the quick-status link into it.
    assert f"{PUBLIC}{FORM_PREFIX}/" in els_mail.html
    assert "?actie=7&amp;status=done" in els_mail.html
    # The answer to an unknown address has no token: nobody's to reply with.
    assert mails["iemand@example.org"]["Reply-To"] == "voortgang@reply.example.org"
    assert row(register, polite).state is OutboxState.SENT
    # The address that does not exist: given up, and Ria noted as unreachable by mail.
    assert row(register, failed).state is OutboxState.FAILED
    with register.sessions() as session:
        noted = session.scalars(select(PersonUnreachable)).all()
        assert [(n.person_id, n.platform) for n in noted] == [(gone, Source.EMAIL)]
        assert "550" in noted[0].reason

    # A reply in the thread of Els's ping refers to it.
    with transaction(register.sessions) as session:
        OutboxWriter(session, clock.now()).send("reply:els", InThread(first), Message("Genoteerd."))
    assert sender.drain().sent == 1
    reply = read(server.received[-1].data)
    assert reply["In-Reply-To"] == els_mail["Message-ID"]
    assert reply["Subject"] == "Re: Genoteerd."
    assert server.received[-1].rcpt_tos == ("els@woonbedrijf.nl",)


def test_a_busy_mailbox_is_tried_again_later(
    register: Register, clock: FixedClock, server: MailServer, port: EmailPort
) -> None:
    els = person(register, "Els Bakker", "els@woonbedrijf.nl")
    server.refuse("els@woonbedrijf.nl", "450 4.2.1 Mailbox busy")
    with transaction(register.sessions) as session:
        queued = OutboxWriter(session, clock.now()).send("ping:els", ToPerson(els), ping(7))
    sender = Sender(register, port, clock, "holder")
    assert sender.drain().retrying == 1
    waiting = row(register, queued)
    assert waiting.state is OutboxState.PENDING
    assert "450" in waiting.error
    server.allow("els@woonbedrijf.nl")
    clock.moment = waiting.not_before
    assert sender.drain().sent == 1
    assert len(server.received) == 1
