"""The one outbound port of the handlers: everything they send goes through ``Outgoing``.

The production implementation writes to the outbox in the handler's own transaction
(``storage.outbox.OutboxWriter``), so an answer is stored together with what caused it and a
sender delivers it afterwards. Tests may pass a stub that records what was sent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol, assert_never

from words.chat.messages import File, Message
from words.domain import Source


@dataclass(frozen=True, slots=True)
class ToPerson:
    """A direct message to a person, on the platform they use."""

    person_id: int


@dataclass(frozen=True, slots=True)
class ToChannel:
    """A post in a channel, named as the programme file names it (a theme's channel)."""

    channel: str


@dataclass(frozen=True, slots=True)
class InThread:
    """A reply in the thread of an earlier bot message, given by its outbox id."""

    parent: int


@dataclass(frozen=True, slots=True)
class Replace:
    """A new version of an earlier bot message (its buttons answered, say)."""

    message: int


@dataclass(frozen=True, slots=True)
class ToAddress:
    """A direct message to a platform user who is no known person (to say so politely).

    ``platform`` names where the address lives when it is not the deployment's one chat
    platform: an email address answered by mail (``Source.EMAIL``).
    """

    address: str
    platform: Source | None = None


Destination = ToPerson | ToChannel | InThread | Replace | ToAddress


def destination_to_json(to: Destination) -> dict[str, Any]:
    """``to`` as JSON, for work that answers later (a job's payload)."""
    match to:
        case ToPerson(person_id):
            return {"person": person_id}
        case ToAddress(address, platform):
            where = {} if platform is None else {"platform": platform.value}
            return {"address": address, **where}
        case ToChannel(channel):
            return {"channel": channel}
        case InThread(parent):
            return {"thread": parent}
        case Replace(message):
            return {"replace": message}
        case _:
            assert_never(to)


def destination_from_json(data: Mapping[str, Any]) -> Destination:
    if "person" in data:
        return ToPerson(int(data["person"]))
    if "address" in data:
        platform = data.get("platform")
        return ToAddress(str(data["address"]), None if platform is None else Source(platform))
    if "channel" in data:
        return ToChannel(str(data["channel"]))
    if "thread" in data:
        return InThread(int(data["thread"]))
    if "replace" in data:
        return Replace(int(data["replace"]))
    raise ValueError(f"not a destination: {data!r}")


class Outgoing(Protocol):
    def send(self, key: str, to: Destination, message: Message) -> int:
        """Queue ``message`` once per ``key``; return the outbox id of the message.

        Sending again with a key already used queues nothing and returns the first id, so a
        handler run twice for one event (a platform retry) answers once.
        """
        ...

    def send_file(self, key: str, to: Destination, file: File) -> int:
        """Queue a file, once per ``key``, as ``send`` does."""
        ...
