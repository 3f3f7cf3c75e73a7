"""Where Teams messages are: conversation addresses and references to delivered activities.

Addresses. A conversation is known as "<serviceUrl>|<conversation id>"
(``conversation_address``): the adapter stores one per person (their 1:1 chat with the bot) and
per theme channel, from the activities Teams sends it.

References. A delivered activity is known as "<conversation id>|<activity id>" (``TeamsRef``).
Both the port (which hands them out) and the events (which read them in replies and card
actions) use these forms, so they live here, apart from either.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

SEPARATOR: Final = "|"
BOT_PREFIX: Final = "28:"  # a bot's id in a Teams conversation: "28:<Microsoft app id>"


@dataclass(frozen=True, slots=True)
class Conversation:
    """A conversation the bot can post in: the service URL to call, and the conversation id."""

    service_url: str
    conversation_id: str

    def __str__(self) -> str:
        return f"{self.service_url}{SEPARATOR}{self.conversation_id}"


def conversation_address(service_url: str, conversation_id: str) -> str:
    """The address under which the adapter stores a conversation (a person's or a channel's)."""
    return str(parse_address(str(Conversation(service_url, conversation_id))))


def parse_address(address: str) -> Conversation:
    """An address read back; ValueError if it is none."""
    service_url, _, conversation_id = address.partition(SEPARATOR)
    if not service_url.startswith(("https://", "http://")) or not conversation_id:
        raise ValueError(f"not a Teams conversation address: {address!r}")
    if SEPARATOR in conversation_id:
        raise ValueError(f"not a Teams conversation address: {address!r}")
    return Conversation(service_url, conversation_id)


def is_address(address: str) -> bool:
    """Whether ``address`` is a conversation address (not a user id or a channel name)."""
    try:
        parse_address(address)
    except ValueError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class TeamsRef:
    """Where a delivered activity is: its conversation and its id."""

    conversation_id: str
    activity_id: str

    def __str__(self) -> str:
        return f"{self.conversation_id}{SEPARATOR}{self.activity_id}"


def parse_ref(ref: str) -> TeamsRef:
    """The reference ``deliver`` returned, read back; ValueError if it is none of ours."""
    parts = ref.split(SEPARATOR)
    if len(parts) != 2 or not all(parts):
        raise ValueError(f"not a Teams activity reference: {ref!r}")
    return TeamsRef(parts[0], parts[1])
