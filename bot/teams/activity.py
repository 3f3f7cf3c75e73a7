"""What any Teams activity says about where it came from and who sent it, read defensively.

A field of the wrong type counts as absent: Teams leaves fields out, or sends them empty, and
nothing here raises on a shape it does not know.

Identity. ``user_of`` is the person's Microsoft Entra object id (``from.aadObjectId``), the
same in every conversation and what the port creates a 1:1 chat with; ``from.id`` ("29:...")
only when the object id is missing.

Conversations. Teams adds ";messageid=<thread root>" to a channel conversation's id in its
activities; ``conversation_of`` cuts it off, so that references match what the port delivered.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from bot.teams.refs import BOT_PREFIX, Conversation, parse_address

PERSONAL: Final = "personal"
THREAD_MARK: Final = ";messageid="

Activity = Mapping[str, Any]


# --- what the adapter stores ----------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Reference:
    """What the adapter keeps of a conversation to write in it later, proactively."""

    service_url: str
    conversation_id: str  # a channel's own id, without ";messageid=..."
    tenant_id: str
    bot_id: str  # "28:<Microsoft app id>"
    conversation_type: str  # "personal", "channel" or "groupChat"
    # A channel's team (the id of its General channel) and, where Teams says it, its name.
    team_id: str | None = None
    name: str | None = None

    @property
    def address(self) -> str:
        """The conversation as ``bot.teams.port`` addresses it: "<serviceUrl>|<id>"."""
        return str(Conversation(self.service_url, self.conversation_id))

    @property
    def personal(self) -> bool:
        return self.conversation_type == PERSONAL


# --- fields ---------------------------------------------------------------------------------


def mapping(value: object) -> Mapping[str, Any]:
    """A field that should hold an object: itself, or an empty one when it does not."""
    return value if isinstance(value, Mapping) else {}


def nonempty(value: object) -> str | None:
    """A non-empty string, else None: Teams leaves fields out, or sends them empty."""
    return value if isinstance(value, str) and value else None


def conversation_of(activity: Activity) -> str | None:
    """The conversation's id without the thread Teams appends in channels."""
    found = nonempty(mapping(activity.get("conversation")).get("id"))
    return None if found is None else found.partition(THREAD_MARK)[0]


def thread_root_of(activity: Activity) -> str | None:
    """The thread a channel activity is in, from ";messageid=" in the conversation's id."""
    found = nonempty(mapping(activity.get("conversation")).get("id"))
    return None if found is None else nonempty(found.partition(THREAD_MARK)[2])


def user_of(activity: Activity) -> str | None:
    """Who sent an activity: their Entra object id, as events carry it."""
    sender = mapping(activity.get("from"))
    aad = nonempty(sender.get("aadObjectId"))
    return aad if aad is not None else nonempty(sender.get("id"))


def bot_of(activity: Activity) -> str | None:
    """The bot's id in the conversation ("28:..."): the activity's recipient."""
    return nonempty(mapping(activity.get("recipient")).get("id"))


def from_a_bot(activity: Activity) -> bool:
    """The bot's own activity, or another bot's: never answered."""
    sender = nonempty(mapping(activity.get("from")).get("id"))
    return sender is None or sender == bot_of(activity) or sender.startswith(BOT_PREFIX)


def is_personal(activity: Activity) -> bool:
    """Whether the activity is in a 1:1 chat with the bot."""
    return mapping(activity.get("conversation")).get("conversationType") == PERSONAL


def reference(activity: Activity) -> Reference | None:
    """Where any activity came from, as the adapter stores it; None if the activity lacks it."""
    conversation = mapping(activity.get("conversation"))
    tenant = nonempty(mapping(mapping(activity.get("channelData")).get("tenant")).get("id"))
    if tenant is None:
        tenant = nonempty(conversation.get("tenantId"))
    service_url = nonempty(activity.get("serviceUrl"))
    conversation_id = conversation_of(activity)
    bot_id = bot_of(activity)
    kind = nonempty(conversation.get("conversationType"))
    if None in (tenant, service_url, conversation_id, bot_id, kind):
        return None
    try:
        parse_address(str(Conversation(str(service_url), str(conversation_id))))
    except ValueError:
        return None  # not an http(s) URL, or an id the port could not address
    data = mapping(activity.get("channelData"))
    return Reference(
        service_url=str(service_url),
        conversation_id=str(conversation_id),
        tenant_id=str(tenant),
        bot_id=str(bot_id),
        conversation_type=str(kind),
        team_id=nonempty(mapping(data.get("team")).get("id")),
        name=nonempty(mapping(data.get("channel")).get("name")),
    )
