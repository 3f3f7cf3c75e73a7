"""Where each outbox message goes: the platform and the address on it.

One deployment may run Slack, Teams and email at once. A person is written to on the channel
the programme file names for them; otherwise where they are known: Slack, then Teams, then
email. A platform that refused the bot (the app not installed, a blocked chat) is passed over
until they write again, so people the chat cannot reach get mail instead. A theme channel is
on the platform its name says ("teams:Wonen", "slack:#wonen"), else on the first chat platform
of the deployment; a thread reply or an update goes where the message it belongs to went.

The ``Planner`` turns claimed rows into ``Delivery`` objects in one read (a channel post's
mentions too: the people it names, by their id on the channel's platform), then adds the
tokens a delivery carries (``storage.link_tokens``): a reply token for a mail to a person, and
a personal link to the update form for a message that asks about actions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Final

from sqlalchemy.orm import Session

from config.settings import Settings
from storage import link_tokens
from storage.models import OutboxMessage, TokenPurpose
from storage.outbox import file_of, message_of
from storage.outbox_addressing import (
    ProgrammeSide,
    Reach,
    ancestors,
    origin_name,
    programme_sides,
    reach,
)
from words import logtext
from words.catalogue import language, t
from words.chat.delivery import Delivery, DeliveryKind, Mention
from words.chat.links import form_url, sign_in_url
from words.chat.messages import Message, Section
from words.domain import OutboxState, Source
from words.errors import DeliveryError, Unreachable

# The chat platforms in the order a person known on several is written to.
CHAT: Final = (Source.SLACK, Source.TEAMS, Source.CONSOLE)
# How a theme channel names its platform: "teams:Wonen", "slack:#wonen".
CHANNEL_PREFIXES: Final = {"slack:": Source.SLACK, "teams:": Source.TEAMS}


def home(available: Sequence[Source]) -> Source:
    """The platform of the deployment that answers for a person it has no better place for:
    its first chat platform, else email."""
    return next((p for p in CHAT if p in available), available[0])


def usable(person: Reach, platform: Source) -> bool:
    if platform in person.unreachable:
        return False
    if platform is Source.CONSOLE:
        return True  # the console knows everyone by their id
    if platform is Source.EMAIL:
        return person.email is not None
    return platform in person.identities


def configured_platforms(settings: Settings) -> tuple[Source, ...]:
    """The platforms the settings configure, in the order the clock process wires them (its
    sender's ``available``)."""
    wired = (
        (Source.SLACK, settings.slack),
        (Source.TEAMS, settings.teams),
        (Source.EMAIL, settings.email),
    )
    return tuple(platform for platform, configured in wired if configured is not None)


def deployment_platforms(settings: Settings) -> tuple[Source, ...]:
    """What the deployment delivers on: the configured platforms, else the console chat of
    the embedded default (its process sends through the console alone)."""
    return configured_platforms(settings) or (Source.CONSOLE,)


def route(person: Reach, available: Sequence[Source]) -> Source | None:
    """Where a direct message to ``person`` goes, of the deployment's ``available``
    platforms: the channel the programme file names, else the first chat platform that knows
    them, else email; None when no platform can reach them. The sender and the people page
    both ask this, so the page says where messages really go."""
    named = next((p for p in available if p.value == person.channel), None)
    if named is not None and usable(person, named):
        return named
    for platform in (*CHAT, Source.EMAIL):
        if platform in available and usable(person, platform):
            return platform
    return None


def person_platform(person: Reach, available: Sequence[Source]) -> Source:
    """Where to write to ``person``, of the deployment's ``available`` platforms."""
    found = route(person, available)
    # Nowhere they can be reached: the home platform fails it with the reason.
    return home(available) if found is None else found


def fallback(person: Reach, failed: Source, available: Sequence[Source]) -> Source | None:
    """Where a message goes when ``failed`` refused it: email, if there is one to them."""
    if failed is Source.EMAIL or Source.EMAIL not in available:
        return None
    if person.email is None or Source.EMAIL in person.unreachable:
        return None
    return Source.EMAIL


def channel_platform(channel: str, available: Sequence[Source]) -> tuple[Source, str]:
    """The platform and name of a theme channel as the programme file writes it."""
    for prefix, platform in CHANNEL_PREFIXES.items():
        if channel.lower().startswith(prefix):
            return platform, channel[len(prefix) :].strip()
    chat = [p for p in CHAT if p in available]
    if not chat:
        raise Unreachable(logtext.no_chat_for_channel(channel))
    return chat[0], channel


def address_on(person: Reach, platform: Source, person_id: int) -> str:
    """The person's address on ``platform``: their id there, their email, or (console) their
    database id."""
    if platform is Source.CONSOLE:
        return str(person_id)
    if platform is Source.EMAIL:
        if person.email is None:
            raise Unreachable(logtext.no_identity(person_id, platform.value))
        return person.email
    found = person.identities.get(platform)
    if found is None:
        raise Unreachable(logtext.no_identity(person_id, platform.value))
    return found[0]


class Planner:
    """Claimed rows into deliveries, for a sender whose ports cover ``available``."""

    def __init__(self, available: Sequence[Source], public_url: str | None = None) -> None:
        self.available = tuple(available)
        self.public_url = public_url
        self.people: dict[int, Reach] = {}  # of the last batch planned

    def plan(
        self, session: Session, rows: Sequence[OutboxMessage]
    ) -> list[Delivery | DeliveryError]:
        """The delivery of each row, or the error that makes it undeliverable (one read)."""
        messages = [message_of(row) for row in rows]
        # The people channel posts mention are read with the recipients, in the same query.
        mentioned = {
            person_id
            for row, message in zip(rows, messages, strict=True)
            if message is not None and row.kind == DeliveryKind.CHANNEL.value
            for person_id in message.mentions
        }
        wanted = {r.person_id for r in rows if r.person_id is not None}
        self.people = reach(session, wanted | mentioned)
        sides = programme_sides(session, {r.programme_id for r in rows if r.programme_id})
        out: list[Delivery | DeliveryError] = []
        for row, message in zip(rows, messages, strict=True):
            try:
                out.append(self._side(row, self._delivery(session, row, message), sides))
            except DeliveryError as err:
                out.append(err)
        return out

    def elsewhere(self, row: OutboxMessage, plan: Delivery) -> Delivery | None:
        """The same direct message by email, after ``plan.platform`` refused the person."""
        person_id = row.person_id
        person = None if person_id is None else self.people.get(person_id)
        if person_id is None or person is None:
            return None
        if plan.kind is not DeliveryKind.DM or plan.platform is None:
            return None
        other = fallback(person, plan.platform, self.available)
        if other is None:
            return None
        # They cannot be reached there now, whatever the programme file says.
        self.people[person_id] = replace(person, unreachable=person.unreachable | {plan.platform})
        address = address_on(person, other, person_id)
        # The message as queued: a mail lays out the form link itself (a chat's line of it
        # is not repeated), and gets a reply token of its own.
        return replace(
            plan,
            platform=other,
            address=address,
            workspace=None,
            message=message_of(row),
            reply_token=None,
        )

    def mint(self, session: Session, row: OutboxMessage, plan: Delivery, now: datetime) -> Delivery:
        """``plan`` with the tokens it carries; only their hashes are stored."""
        if plan.kind is not DeliveryKind.DM or row.person_id is None or plan.message is None:
            return plan
        if plan.message.signs_in:
            return self._sign_in(session, row, plan, now)
        reply = plan.reply_token
        if plan.platform is Source.EMAIL and reply is None:
            reply = _mint(session, TokenPurpose.REPLY, row, plan.message.asks, now)
        link = plan.form_url
        if plan.message.asks and self.public_url is not None and link is None:
            token = _mint(session, TokenPurpose.FORM, row, plan.message.asks, now)
            link = form_url(self.public_url, token)
        if reply == plan.reply_token and link == plan.form_url:
            return plan
        message = plan.message
        if link is not None and link != plan.form_url and plan.platform is not Source.EMAIL:
            # Chat shows the link as a line of its own, which Slack, Teams and the console
            # make clickable; a mail's own layout places it (bot.email).
            line = t("pings.form_link", language(plan.lang), url=link)
            message = replace(
                message,
                text=f"{message.text}\n\n{line}",
                sections=(*message.sections, Section(text=line)) if message.sections else (),
            )
        return replace(plan, reply_token=reply, form_url=link, message=message)

    def _sign_in(
        self, session: Session, row: OutboxMessage, plan: Delivery, now: datetime
    ) -> Delivery:
        """A sign-in message with its one-time link, as a line of its own (chat makes it
        clickable, a mail's HTML part a link). No reply token: a reply to it means nothing."""
        assert plan.message is not None  # noqa: S101 - checked by the caller
        if self.public_url is None or plan.form_url is not None:
            return plan
        token = _mint(session, TokenPurpose.SIGN_IN, row, (), now)
        link = sign_in_url(self.public_url, token)
        line = t("web.signin.link_line", language(plan.lang), url=link)
        message = replace(plan.message, text=f"{plan.message.text}\n\n{line}", sections=())
        # form_url marks the link as made, so a retried delivery does not make another.
        return replace(plan, form_url=link, message=message)

    def needs_tokens(self, row: OutboxMessage, plan: Delivery) -> bool:
        """Whether ``plan`` still lacks a token it carries (made once, when first planned)."""
        if plan.kind is not DeliveryKind.DM or row.person_id is None or plan.message is None:
            return False
        if plan.message.signs_in:
            return self.public_url is not None and plan.form_url is None
        if plan.platform is Source.EMAIL and plan.reply_token is None:
            return True
        asks = bool(plan.message.asks)
        return asks and self.public_url is not None and plan.form_url is None

    # --- one row ----------------------------------------------------------------------------

    def _side(
        self, row: OutboxMessage, plan: Delivery, sides: Mapping[int, ProgrammeSide]
    ) -> Delivery:
        """The recipient's language (their own, else their programme's, else Dutch) and
        workspace (where their platform id lives, else their programme's)."""
        person = None if row.person_id is None else self.people.get(row.person_id)
        side = None if row.programme_id is None else sides.get(row.programme_id)
        lang = "nl" if side is None else side.language
        if person is not None and person.language is not None:
            lang = person.language
        workspace = None if side is None else side.slack_workspace
        if person is not None and plan.platform is not None:
            found = person.identities.get(plan.platform)
            if found is not None and found[1] is not None:
                workspace = found[1]
        return replace(plan, lang=lang, workspace=workspace)

    def _delivery(self, session: Session, row: OutboxMessage, message: Message | None) -> Delivery:
        kind = DeliveryKind(row.kind)
        parent_ref: str | None = None
        mentions: tuple[Mention, ...] = ()
        if kind is DeliveryKind.DM:
            platform, address, name = self._direct(row)
            if message is not None and message.signs_in:
                platform, address = self._by_mail(row, platform, address)
        elif kind is DeliveryKind.CHANNEL:
            if not row.channel:
                raise Unreachable(logtext.no_channel())
            platform, address = channel_platform(row.channel, self.available)
            name = address
            if message is not None:
                mentions = self._mentions(message.mentions, platform)
        else:
            platform, address, name, parent_ref = self._in_reply(session, row, kind)
        return Delivery(
            row.key,
            kind,
            address,
            name,
            parent_ref,
            message=message,
            file=file_of(row),
            queued_at=row.created_at,
            platform=platform,
            mentions=mentions,
        )

    def _mentions(self, person_ids: Sequence[int], platform: Source) -> tuple[Mention, ...]:
        """The mentioned people known on ``platform``, by their id there. The others are left
        out: the post names them in its text anyway. A platform that refused to write to
        someone directly may still show them a mention in a channel they read (people of
        other organisations in a shared channel), so that is no reason to leave them out."""
        found: list[Mention] = []
        for person_id in dict.fromkeys(person_ids):  # once each, in the message's order
            person = self.people.get(person_id)
            if person is None:
                continue  # removed since the post was queued
            if platform is Source.CONSOLE:
                found.append(Mention(person.name, str(person_id)))
            elif platform in person.identities:
                found.append(Mention(person.name, person.identities[platform][0]))
        return tuple(found)

    def _direct(self, row: OutboxMessage) -> tuple[Source, str, str]:
        """The platform, address and readable name of a direct message's recipient."""
        if row.person_id is None:
            if row.address:  # queued for someone who is no known person
                platform = self._platform_named(row.platform)
                return platform, row.address, row.address
            raise Unreachable(logtext.no_person())
        person = self.people.get(row.person_id)
        if person is None:
            raise Unreachable(logtext.no_person())
        platform = person_platform(person, self.available)
        return platform, address_on(person, platform, row.person_id), person.name

    def _by_mail(self, row: OutboxMessage, platform: Source, address: str) -> tuple[Source, str]:
        """A sign-in link goes by email where the deployment mails and the person has an
        address, whatever their chat channel: it is the address they sign in with."""
        person = None if row.person_id is None else self.people.get(row.person_id)
        if Source.EMAIL not in self.available or person is None or not usable(person, Source.EMAIL):
            return platform, address
        return Source.EMAIL, address_on(person, Source.EMAIL, row.person_id or 0)

    def _platform_named(self, value: str | None) -> Source:
        named = next((p for p in self.available if p.value == value), None)
        if named is not None:
            return named
        if value is not None and value in {s.value for s in Source}:
            raise Unreachable(logtext.platform_off(value))
        return home(self.available)

    def _in_reply(
        self, session: Session, row: OutboxMessage, kind: DeliveryKind
    ) -> tuple[Source, str, str, str]:
        """Platform, address, readable name and parent reference of a thread reply or an
        update: where the conversation's messages went."""
        chain = ancestors(session, row)
        if not chain:
            raise DeliveryError(logtext.parent_missing(kind.value), permanent=True)
        parent = chain[0]
        if parent.state is not OutboxState.SENT or parent.address is None:
            raise DeliveryError(logtext.parent_failed(kind.value, parent.id), permanent=True)
        # A thread hangs under the conversation's first message, even when replying to a
        # reply; an update replaces the message itself, even one that was updated before.
        skip = {DeliveryKind.THREAD, DeliveryKind.UPDATE}
        if kind is DeliveryKind.UPDATE:
            skip = {DeliveryKind.UPDATE}
        target = next((m for m in chain if DeliveryKind(m.kind) not in skip), chain[-1])
        if target.external_ref is None:
            raise DeliveryError(logtext.parent_failed(kind.value, target.id), permanent=True)
        platform = self._platform_named(parent.platform)
        return platform, parent.address, origin_name(session, chain[-1]), target.external_ref


def _mint(
    session: Session, purpose: TokenPurpose, row: OutboxMessage, asks: Sequence[int], now: datetime
) -> str:
    """A token of ``purpose`` for the message's person, tied to the message and what it asks."""
    assert row.person_id is not None  # noqa: S101 - only direct messages to a person get one
    return link_tokens.mint(
        session,
        purpose,
        row.person_id,
        now,
        outbox_id=row.id,
        programme_id=row.programme_id,
        actions=asks,
    )
