"""The port through which the sender hands messages to a chat platform.

Each adapter implements ``Port``: it renders the neutral message its own way and delivers
it. Errors are reported as ``words.errors`` exceptions: ``RetryAfter`` to wait, a permanent
``DeliveryError`` to stop trying.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from words.chat.messages import File, Message
from words.domain import Source


class DeliveryKind(StrEnum):
    DM = "dm"
    CHANNEL = "channel"
    THREAD = "thread"
    UPDATE = "update"


@dataclass(frozen=True, slots=True)
class Mention:
    """Someone a channel post mentions: their name, and their user id on the delivery's
    platform (a Slack user id, a Teams user's Entra object id, a console person's id)."""

    name: str
    user_id: str


@dataclass(frozen=True, slots=True)
class Delivery:
    key: str  # the outbox key: unique, so a platform can be asked whether it was delivered
    kind: DeliveryKind
    # Where: the person's platform id for a DM, the channel name for a channel post; for a
    # thread reply or an update, the address of the message it belongs to.
    address: str
    recipient: str  # a readable name of the person or channel, for logs and the console
    parent_ref: str | None = None  # platform reference of the thread parent or updated message
    message: Message | None = None
    file: File | None = None
    # The recipient's language ("nl" or "en"): for what the port itself adds to a message
    # (a card's notes, a file's description). A channel's is its programme's.
    lang: str = "nl"
    # Where the recipient is, on a platform with several (a Slack workspace's team id): their
    # own identity's, else their programme's; None where there is only one.
    workspace: str | None = None
    # When the message was queued: it cannot have reached the platform before, so a platform
    # asked whether it arrived (``Port.find``) need look no further back.
    queued_at: datetime | None = None
    # Made by the sender as it delivers: the personal link to the update form, for a message
    # that asks about actions (``Message.asks``), when the web process has a public address.
    form_url: str | None = None
    # For a mail to a person: the token of its Reply-To address and Message-ID (storage
    # keeps only its hash), by which a reply is known to be theirs.
    reply_token: str | None = None
    # The platform it goes to, of those the deployment runs (bot.engine.routing).
    platform: Source | None = None
    # For a channel post whose message mentions people (``Message.mentions``): those known on
    # the channel's platform, in the message's order. Each port renders them its own way.
    mentions: tuple[Mention, ...] = ()


class Port(Protocol):
    platform: Source

    def deliver(self, delivery: Delivery) -> str:
        """Deliver and return the platform's reference of the message (Slack ts, Teams id)."""
        ...

    def find(self, key: str, delivery: Delivery) -> str | None:
        """The reference of an earlier delivery of ``key``, or None if it never arrived.

        Asked only when a sender stopped between handing a message over and recording that
        it did, so an ambiguous send is checked instead of blindly repeated.
        """
        ...
