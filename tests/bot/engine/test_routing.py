"""bot.engine.routing through the sender: several platforms in one deployment, each person on
their channel, email when a chat platform cannot reach them, and the tokens a delivery
carries."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.engine.opening import Register
from bot.engine.sender import Sender, SendReport
from storage import link_tokens
from storage.db import transaction
from storage.models import Identity, OutboxMessage, Person, PersonUnreachable, TokenPurpose
from storage.outbox import OutboxWriter
from tests.fakes import RecordingPort
from words.chat.links import FORM_PREFIX
from words.chat.messages import Message
from words.chat.outgoing import Destination, InThread, ToAddress, ToChannel, ToPerson
from words.clock import FixedClock
from words.domain import OutboxState, Source
from words.errors import RetryAfter, Unreachable

PUBLIC = "https://voortgang.example.org"


def add(
    register: Register,
    name: str,
    *,
    email: str | None = None,
    channel: str | None = None,
    **identities: str,
) -> int:
    with transaction(register.sessions) as session:
        person = Person(name=name, email=email, channel=channel)
        person.identities = [
            Identity(platform=Source(p), external_id=i) for p, i in identities.items()
        ]
        session.add(person)
        session.flush()
        return person.id


def queue(
    register: Register, clock: FixedClock, key: str, to: Destination, message: Message | None = None
) -> int:
    with transaction(register.sessions) as session:
        return OutboxWriter(session, clock.now()).send(
            key, to, Message(f"bericht {key}") if message is None else message
        )


def ports() -> dict[Source, RecordingPort]:
    return {p: RecordingPort(platform=p) for p in (Source.SLACK, Source.TEAMS, Source.EMAIL)}


def sender(
    register: Register, clock: FixedClock, found: dict[Source, RecordingPort], **kwargs: str
) -> Sender:
    return Sender(register, dict(found), clock, "s1", **kwargs)  # type: ignore[arg-type]


def stored(register: Register, outbox_id: int) -> OutboxMessage:
    with register.sessions() as session:
        found = session.get(OutboxMessage, outbox_id)
        assert found is not None
        return found


def test_each_person_is_written_to_on_their_channel(register: Register, clock: FixedClock) -> None:
    on_slack = add(register, "Sanne", email="sanne@emmen.nl", slack="U1", teams="t-1")
    on_teams = add(register, "Tom", email="tom@coevorden.nl", teams="t-2")
    by_mail = add(register, "Els", email="els@woonbedrijf.nl")
    chose_mail = add(register, "Bas", email="bas@drenthe.nl", channel="email", slack="U4")
    chose_absent = add(register, "Ria", email="ria@emmen.nl", channel="teams", slack="U5")
    found = ports()
    for n, who in enumerate((on_slack, on_teams, by_mail, chose_mail, chose_absent)):
        queue(register, clock, f"k{n}", ToPerson(who))
    report = sender(register, clock, found).drain()
    assert report == SendReport(claimed=5, sent=5)
    assert [(d.key, d.address) for d in found[Source.SLACK].delivered] == [
        ("k0", "U1"),
        ("k4", "U5"),  # named Teams, but not known there: where they are known
    ]
    assert [(d.key, d.address) for d in found[Source.TEAMS].delivered] == [("k1", "t-2")]
    assert [(d.key, d.address) for d in found[Source.EMAIL].delivered] == [
        ("k2", "els@woonbedrijf.nl"),
        ("k3", "bas@drenthe.nl"),
    ]
    platforms = {stored(register, i).platform for i in range(1, 6)}
    assert platforms == {"slack", "teams", "email"}


def test_someone_a_chat_platform_cannot_reach_gets_the_message_by_email(
    register: Register, clock: FixedClock
) -> None:
    els = add(register, "Els", email="els@woonbedrijf.nl", teams="t-9")
    found = ports()
    found[Source.TEAMS].fail("k1", Unreachable("the app is not installed for this user"))
    first = queue(register, clock, "k1", ToPerson(els))
    report = sender(register, clock, found).drain()
    assert report == SendReport(claimed=1, sent=1)
    assert [d.key for d in found[Source.EMAIL].delivered] == ["k1"]
    assert found[Source.EMAIL].last().reply_token is not None
    row = stored(register, first)
    assert (row.state, row.platform, row.address) == (
        OutboxState.SENT,
        "email",
        "els@woonbedrijf.nl",
    )
    with register.sessions() as session:
        noted = session.get(PersonUnreachable, (els, Source.TEAMS))
        assert noted is not None
        assert "not installed" in noted.reason
    # The next message goes by email at once, without trying Teams again.
    queue(register, clock, "k2", ToPerson(els))
    sender(register, clock, found).drain()
    assert [d.key for d in found[Source.EMAIL].delivered] == ["k1", "k2"]
    assert found[Source.TEAMS].delivered == []


def test_without_an_email_address_an_unreachable_person_is_given_up_and_noted(
    register: Register, clock: FixedClock
) -> None:
    tom = add(register, "Tom", slack="U2")
    found = ports()
    found[Source.SLACK].fail("k1", Unreachable("user_not_found"))
    outbox_id = queue(register, clock, "k1", ToPerson(tom))
    assert sender(register, clock, found).drain() == SendReport(claimed=1, failed=1)
    assert stored(register, outbox_id).state is OutboxState.FAILED
    with register.sessions() as session:
        assert session.get(PersonUnreachable, (tom, Source.SLACK)) is not None


def test_theme_channels_name_their_platform_and_threads_follow_their_message(
    register: Register, clock: FixedClock
) -> None:
    found = ports()
    queue(register, clock, "c1", ToChannel("teams:Wonen en zorg"))
    queue(register, clock, "c2", ToChannel("#boce-omgevingswet"))
    els = add(register, "Els", email="els@woonbedrijf.nl")
    ping = queue(register, clock, "p1", ToPerson(els))
    sender(register, clock, found).drain()
    queue(register, clock, "p1:reply", InThread(ping))
    sender(register, clock, found).drain()
    assert [(d.key, d.address) for d in found[Source.TEAMS].delivered] == [("c1", "Wonen en zorg")]
    assert [(d.key, d.address) for d in found[Source.SLACK].delivered] == [
        ("c2", "#boce-omgevingswet")
    ]
    reply = found[Source.EMAIL].last()
    assert (reply.key, reply.address, reply.parent_ref) == ("p1:reply", "els@woonbedrijf.nl", "m1")


def test_a_platform_that_asks_to_wait_holds_only_its_own_messages(
    register: Register, clock: FixedClock
) -> None:
    sanne = add(register, "Sanne", slack="U1")
    els = add(register, "Els", email="els@woonbedrijf.nl")
    found = ports()
    found[Source.SLACK].fail("k1", RetryAfter(30))
    queue(register, clock, "k1", ToPerson(sanne))
    queue(register, clock, "k2", ToPerson(sanne))
    queue(register, clock, "k3", ToPerson(els))
    report = sender(register, clock, found).drain()
    assert (report.sent, report.rescheduled, report.released) == (1, 1, 1)
    assert [d.key for d in found[Source.EMAIL].delivered] == ["k3"]
    clock.advance(timedelta(seconds=31))
    sender(register, clock, found).drain()
    assert [d.key for d in found[Source.SLACK].delivered] == ["k1", "k2"]


def test_an_address_named_as_email_goes_by_email(register: Register, clock: FixedClock) -> None:
    found = ports()
    queue(register, clock, "a1", ToAddress("iemand@example.org", Source.EMAIL))
    sender(register, clock, found).drain()
    assert [(d.key, d.address) for d in found[Source.EMAIL].delivered] == [
        ("a1", "iemand@example.org")
    ]
    # Only the hash of a token is kept, and an address that is no person gets none.
    assert found[Source.EMAIL].last().reply_token is None


def test_a_message_that_asks_carries_a_personal_link_whose_token_is_stored_hashed(
    register: Register, clock: FixedClock
) -> None:
    els = add(register, "Els", email="els@woonbedrijf.nl")
    sanne = add(register, "Sanne", slack="U1")
    found = ports()
    asking = Message("Hoe staat het met #3 en #7?", asks=(3, 7))
    queue(register, clock, "p1", ToPerson(els), asking)
    queue(register, clock, "p2", ToPerson(sanne), asking)
    sender(register, clock, found, public_url=PUBLIC).drain()
    mail, chat = found[Source.EMAIL].last(), found[Source.SLACK].last()
    assert chat.reply_token is None  # replies in chat need no token
    # Chat shows the link as a line of its own; a mail places it in its own layout.
    assert chat.message is not None
    assert mail.message is not None
    assert chat.form_url is not None
    assert chat.form_url in chat.message.text
    assert "persoonlijke link" not in mail.message.text
    for delivery, who in ((mail, els), (chat, sanne)):
        assert delivery.form_url is not None
        assert delivery.form_url.startswith(f"{PUBLIC}{FORM_PREFIX}/")
        token = delivery.form_url.rsplit("/", 1)[1]
        with register.sessions() as session:
            look = link_tokens.look_up(session, token, TokenPurpose.FORM, clock.now())
            assert look.state is link_tokens.TokenState.VALID
            assert look.token is not None
            assert (look.token.person_id, look.token.actions) == (who, [3, 7])
            assert look.token.token_hash != token
    assert mail.reply_token is not None
    with register.sessions() as session:
        reply = link_tokens.look_up(session, mail.reply_token, TokenPurpose.REPLY, clock.now())
        assert reply.state is link_tokens.TokenState.VALID
        # A form token is no reply token, and the other way round.
        assert (
            link_tokens.look_up(session, mail.reply_token, TokenPurpose.FORM, clock.now()).state
            is link_tokens.TokenState.UNKNOWN
        )
        hashes = session.scalars(select(OutboxMessage.payload)).all()
    assert mail.reply_token not in repr(hashes)


def test_without_a_public_address_there_is_no_link(register: Register, clock: FixedClock) -> None:
    els = add(register, "Els", email="els@woonbedrijf.nl")
    found = ports()
    queue(register, clock, "p1", ToPerson(els), Message("Hoe staat het?", asks=(3,)))
    sender(register, clock, found).drain()
    assert found[Source.EMAIL].last().form_url is None
