"""bot.engine.routing's mentions: a channel post names people by their id on the channel's
platform, read with the batch; people not known there are left out."""

from __future__ import annotations

from sqlalchemy import select

from bot.engine.opening import Register
from bot.engine.routing import Planner
from bot.engine.sender import Sender
from storage.db import transaction
from storage.models import Identity, OutboxMessage, Person, PersonUnreachable
from storage.outbox import OutboxWriter
from tests.fakes import RecordingPort
from words.chat.delivery import Delivery, Mention
from words.chat.messages import Message
from words.chat.outgoing import Destination, ToChannel, ToPerson
from words.clock import FixedClock
from words.domain import Source


def add(register: Register, name: str, email: str | None = None, **identities: str) -> int:
    with transaction(register.sessions) as session:
        person = Person(name=name, email=email)
        person.identities = [
            Identity(platform=Source(p), external_id=i) for p, i in identities.items()
        ]
        session.add(person)
        session.flush()
        return person.id


def queue(
    register: Register, clock: FixedClock, key: str, to: Destination, message: Message
) -> None:
    with transaction(register.sessions) as session:
        OutboxWriter(session, clock.now()).send(key, to, message)


def drained(register: Register, clock: FixedClock) -> dict[Source, RecordingPort]:
    found = {p: RecordingPort(platform=p) for p in (Source.SLACK, Source.TEAMS, Source.EMAIL)}
    Sender(register, dict(found), clock, "s1").drain()
    return found


def only(port: RecordingPort) -> Delivery:
    assert len(port.delivered) == 1
    return port.delivered[0]


def test_a_channel_post_mentions_people_by_their_id_on_the_channels_platform(
    register: Register, clock: FixedClock
) -> None:
    els = add(register, "Els Bakker", slack="U1", teams="aad-els")
    tom = add(register, "Tom Smit", teams="aad-tom")  # of another tenant: Teams only
    sanne = add(register, "Sanne Wolters", "sanne@emmen.nl")  # mail only
    post = Message("Nog geen antwoord", mentions=(els, tom, sanne))
    queue(register, clock, "c1", ToChannel("teams:Wonen"), post)
    queue(register, clock, "c2", ToChannel("slack:#wonen"), post)
    found = drained(register, clock)
    assert only(found[Source.TEAMS]).mentions == (
        Mention("Els Bakker", "aad-els"),
        Mention("Tom Smit", "aad-tom"),
    )
    # Slack knows only Els: the others are named in the text and not mentioned.
    assert only(found[Source.SLACK]).mentions == (Mention("Els Bakker", "U1"),)


def test_someone_teams_refused_to_write_to_is_still_mentioned_in_a_channel(
    register: Register, clock: FixedClock
) -> None:
    # A person of another organisation: no chat with the bot, but they read the channel.
    tom = add(register, "Tom Smit", teams="aad-tom")
    with transaction(register.sessions) as session:
        session.add(
            PersonUnreachable(person_id=tom, platform=Source.TEAMS, reason="403", since=clock.now())
        )
    queue(register, clock, "c1", ToChannel("teams:Wonen"), Message("x", mentions=(tom,)))
    assert only(drained(register, clock)[Source.TEAMS]).mentions == (
        Mention("Tom Smit", "aad-tom"),
    )


def test_mentions_are_once_each_and_a_removed_person_is_left_out(
    register: Register, clock: FixedClock
) -> None:
    els = add(register, "Els Bakker", slack="U1")
    gone = add(register, "Weg", slack="U9")
    with transaction(register.sessions) as session:
        session.delete(session.get(Person, gone))
    queue(register, clock, "c1", ToChannel("#wonen"), Message("x", mentions=(els, gone, els)))
    assert only(drained(register, clock)[Source.SLACK]).mentions == (Mention("Els Bakker", "U1"),)


def test_a_direct_message_gets_no_mentions(register: Register, clock: FixedClock) -> None:
    els = add(register, "Els Bakker", slack="U1")
    queue(register, clock, "d1", ToPerson(els), Message("x", mentions=(els,)))
    assert only(drained(register, clock)[Source.SLACK]).mentions == ()


def test_the_console_mentions_everyone_by_their_database_id(
    register: Register, clock: FixedClock
) -> None:
    els = add(register, "Els Bakker")
    queue(register, clock, "c1", ToChannel("wonen"), Message("x", mentions=(els,)))
    with register.sessions() as session:
        rows = list(session.scalars(select(OutboxMessage)).all())
        planned = Planner([Source.CONSOLE]).plan(session, rows)
    assert len(planned) == 1
    assert isinstance(planned[0], Delivery)
    assert planned[0].mentions == (Mention("Els Bakker", str(els)),)


def test_the_people_mentioned_are_read_in_the_batch_read(
    register: Register, clock: FixedClock
) -> None:
    els = add(register, "Els Bakker", slack="U1")
    tom = add(register, "Tom Smit", slack="U2")
    queue(register, clock, "c1", ToChannel("#wonen"), Message("x", mentions=(els,)))
    queue(register, clock, "c2", ToChannel("#zorg"), Message("y", mentions=(tom,)))
    with register.sessions() as session:
        rows = list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all())
        planner = Planner([Source.SLACK])
        planned = planner.plan(session, rows)
    assert set(planner.people) == {els, tom}
    assert [p.mentions for p in planned if isinstance(p, Delivery)] == [
        (Mention("Els Bakker", "U1"),),
        (Mention("Tom Smit", "U2"),),
    ]
