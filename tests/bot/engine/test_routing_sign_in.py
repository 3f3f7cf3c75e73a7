"""A sign-in message: its one-time link made by the sender as it delivers (never stored in the
outbox), sent by email where the deployment mails, else on the person's chat."""

from __future__ import annotations

from sqlalchemy import select

from bot.engine.opening import Register
from bot.engine.sender import Sender
from storage import link_tokens
from storage.db import transaction
from storage.models import Identity, LinkToken, OutboxMessage, Person, TokenPurpose
from storage.outbox import OutboxWriter
from tests.fakes import RecordingPort
from words.chat.messages import Message
from words.chat.outgoing import ToPerson
from words.clock import FixedClock
from words.domain import Source

PUBLIC = "https://voortgang.example.nl"


def _person(register: Register) -> int:
    with transaction(register.sessions) as session:
        person = Person(name="Els Bakker", email="els@emmen.nl", channel="slack")
        person.identities = [Identity(platform=Source.SLACK, external_id="U1")]
        session.add(person)
        session.flush()
        return person.id


def _queue(register: Register, clock: FixedClock, person_id: int) -> None:
    with transaction(register.sessions) as session:
        OutboxWriter(session, clock.now()).send(
            "signin:1", ToPerson(person_id), Message("Inloggen?", signs_in=True)
        )


def _ports() -> dict[Source, RecordingPort]:
    return {p: RecordingPort(platform=p) for p in (Source.SLACK, Source.EMAIL)}


def test_the_link_goes_by_mail_even_to_someone_on_slack(
    register: Register, clock: FixedClock
) -> None:
    els = _person(register)
    _queue(register, clock, els)
    ports = _ports()
    Sender(register, dict(ports), clock, "s1", public_url=PUBLIC).drain()
    assert ports[Source.SLACK].delivered == []
    [mail] = ports[Source.EMAIL].delivered
    assert mail.address == "els@emmen.nl"
    assert mail.message is not None
    link = mail.message.text.rsplit(" ", 1)[-1]
    assert link.startswith(PUBLIC + "/inloggen/link/")
    token = link.rsplit("/", 1)[-1]
    with register.sessions() as session:
        found = link_tokens.look_up(session, token, TokenPurpose.SIGN_IN, clock.now())
        assert found.state is link_tokens.TokenState.VALID
        assert found.token is not None
        assert found.token.person_id == els
        # Fifteen minutes to use it.
        assert (found.token.expires_at - clock.now()).total_seconds() == 15 * 60
        payload = str(session.scalar(select(OutboxMessage.payload)))
        assert token not in payload
        assert session.scalar(select(LinkToken.purpose)) is TokenPurpose.SIGN_IN


def test_without_mail_the_link_goes_on_their_chat(register: Register, clock: FixedClock) -> None:
    els = _person(register)
    _queue(register, clock, els)
    slack = RecordingPort(platform=Source.SLACK)
    Sender(register, {Source.SLACK: slack}, clock, "s1", public_url=PUBLIC).drain()
    [dm] = slack.delivered
    assert dm.address == "U1"
    assert dm.message is not None
    assert "/inloggen/link/" in dm.message.text
