"""Slack's delivery port: the outbox as Slack messages, thread replies, updates and files.

References are ``bot.slack.refs``'s; the client and its errors are ``bot.slack.client``'s.

Exactly once. Every message carries the outbox key as message metadata (``EVENT_TYPE``), so
``find`` recognises it in the conversation's recent history. A file cannot carry metadata: it
is recognised by its name and size among the recent files there, which at worst takes an
identical copy sent earlier for this one. When a delivery fails in a way that may have reached
Slack all the same (a timeout, a 5xx), the port looks before it delivers that key again.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from slack_sdk import WebClient
from slack_sdk.http_retry import RateLimitErrorRetryHandler

from bot.slack.client import answered_text, next_cursor, slack_errors, slack_reason
from bot.slack.events import message_ref
from bot.slack.history import EVENT_TYPE, is_delivery, recent
from bot.slack.refs import SlackRef, parse_ref
from bot.slack.render import fallback_text, message_blocks
from words.chat.delivery import Delivery, DeliveryKind, Mention
from words.chat.messages import File, Message
from words.domain import Source
from words.errors import DeliveryError, RetryAfter

CHANNEL_PAGE: Final = 200
CHANNEL_PAGES: Final = 100
CHANNEL_TYPES: Final = "public_channel,private_channel"
# An unknown channel name lists the workspace's channels again, at most this often (seconds):
# conversations.list is one of Slack's most tightly limited methods.
CHANNEL_RELIST: Final = 300.0
UNCERTAIN_MAX: Final = 10_000  # keys remembered as "may have arrived"; a safety bound only

CHANNEL_ID: Final = re.compile(r"[CG][A-Z0-9]{8,}")

Rendered = tuple[str, list[dict[str, Any]]]  # the escaped fallback text, and the blocks
Renderer = Callable[[Message], Rendered]


def render_message(message: Message) -> Rendered:
    """The port's default rendering: ``bot.slack.render``'s escaped text and Block Kit."""
    return fallback_text(message), message_blocks(message)


# --- the port -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Target:
    """A conversation to post in, and the thread in it (None: not in a thread)."""

    channel: str
    thread_ts: str | None = None


class SlackPort:
    """``words.chat.delivery.Port`` on Slack's Web API.

    ``channels`` maps channel names (as programme files give them) to ids, for channels the
    bot cannot list; other names are looked up with conversations.list. ``render`` turns a
    message into text and blocks; ``monotonic`` is the clock of the channel list's age.
    """

    platform = Source.SLACK

    def __init__(
        self,
        client: WebClient,
        channels: Mapping[str, str] | None = None,
        *,
        render: Renderer = render_message,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        if any(isinstance(h, RateLimitErrorRetryHandler) for h in client.retry_handlers):
            raise ValueError("the Slack client must not retry rate limits: the outbox does")
        self.client = client
        self.render = render
        self.monotonic = monotonic
        given: Mapping[str, str] = {} if channels is None else channels
        self._configured = {_name(k): v for k, v in given.items()}
        self._channels = dict(self._configured)
        self._listed_at: float | None = None
        self._dms: dict[str, str] = {}  # user id -> DM conversation id
        # Keys whose last delivery failed in a way that may have reached Slack all the same.
        self._uncertain: set[str] = set()

    # --- the Port protocol ------------------------------------------------------------------

    def deliver(self, delivery: Delivery) -> str:
        if delivery.key in self._uncertain:
            found = self.find(delivery.key, delivery)
            if found is not None:
                self._uncertain.discard(delivery.key)
                return found
        try:
            ref = self._deliver(delivery)
        except RetryAfter:
            raise  # refused: nothing was posted
        except DeliveryError as err:
            if err.permanent:
                raise
            self._remember_uncertain(delivery.key)
            # It may have been posted all the same: the sender asks (find) before it tries again.
            raise DeliveryError(err.reason, ambiguous=True) from err
        self._uncertain.discard(delivery.key)
        return ref

    def find(self, key: str, delivery: Delivery) -> str | None:
        if delivery.kind is DeliveryKind.UPDATE:
            return None  # an update may be made twice: it replaces the message either way
        try:
            target = self._target(delivery)
        except RetryAfter:
            raise
        except DeliveryError as err:
            if err.permanent:
                return None  # no such conversation: nothing can have arrived there
            raise
        try:
            messages = recent(self.client, target.channel, target.thread_ts, delivery.queued_at)
        except RetryAfter:
            raise
        except DeliveryError as err:
            # Unknown whether it arrived: the sender tries again later rather than resend.
            raise DeliveryError(f"{err.reason} (looking for {key})") from err
        match = next((m for m in messages if is_delivery(m, key, delivery.file)), None)
        return None if match is None else message_ref(target.channel, str(match["ts"]))

    # --- delivering -------------------------------------------------------------------------

    def _deliver(self, delivery: Delivery) -> str:
        message, file = delivery.message, delivery.file
        if message is not None and file is not None:
            # The outbox queues a message or a file, never both in one row.
            raise DeliveryError(
                slack_reason("deliver", "both a message and a file"), permanent=True
            )
        if delivery.kind is DeliveryKind.UPDATE:
            return self._update(delivery)
        target = self._target(delivery)
        if file is not None:
            return str(self._upload(target, file))
        if message is not None:
            return self._post(target, delivery.key, message, delivery.mentions)
        raise DeliveryError(slack_reason("deliver", "nothing to deliver"), permanent=True)

    def _post(
        self, target: _Target, key: str, message: Message, mentions: Sequence[Mention] = ()
    ) -> str:
        text, blocks = self._rendered(message, mentions)
        with slack_errors("chat.postMessage"):
            response = self.client.chat_postMessage(
                channel=target.channel,
                text=text,
                blocks=blocks,
                thread_ts=target.thread_ts,
                metadata={"event_type": EVENT_TYPE, "event_payload": {"key": key}},
            )
        channel = answered_text(response.get("channel"), "chat.postMessage")
        return message_ref(channel, answered_text(response.get("ts"), "chat.postMessage"))

    def _update(self, delivery: Delivery) -> str:
        ref = self._parent(delivery)
        if delivery.message is None or ref.ts is None:
            raise DeliveryError(
                slack_reason("chat.update", "only a message can be updated"), permanent=True
            )
        text, blocks = self._rendered(delivery.message)
        with slack_errors("chat.update"):
            # The metadata is left alone: the message stays findable by its first key.
            self.client.chat_update(channel=ref.channel, ts=ref.ts, text=text, blocks=blocks)
        return str(ref)

    def _upload(self, target: _Target, file: File) -> SlackRef:
        comment = self._rendered(Message(file.comment))[0] if file.comment else None
        with slack_errors("files_upload_v2"):
            response = self.client.files_upload_v2(
                channel=target.channel,
                content=file.content,
                filename=file.name,
                title=file.name,
                initial_comment=comment,
                thread_ts=target.thread_ts,
            )
        uploaded = response.get("files")
        first = uploaded[0] if isinstance(uploaded, list) and uploaded else None
        if not isinstance(first, dict):
            raise DeliveryError(slack_reason("files_upload_v2", "unexpected answer"))
        ts = _shared_ts(first, target.channel)
        if ts is not None:
            return SlackRef(target.channel, ts=ts)
        return SlackRef(target.channel, file=answered_text(first.get("id"), "files_upload_v2"))

    def _rendered(self, message: Message, mentions: Sequence[Mention] = ()) -> Rendered:
        try:
            if mentions and self.render is render_message:
                # A channel post's mentions; a renderer given to the port (a test's) renders
                # the message alone.
                return fallback_text(message, mentions), message_blocks(message, mentions=mentions)
            return self.render(message)
        except ValueError as err:  # more than Slack takes (render's TooLongError)
            raise DeliveryError(slack_reason("render", str(err)), permanent=True) from err

    # --- where to -----------------------------------------------------------------------------

    def _target(self, delivery: Delivery) -> _Target:
        match delivery.kind:
            case DeliveryKind.DM:
                return _Target(self._dm(delivery.address))
            case DeliveryKind.CHANNEL:
                return _Target(self._channel(delivery.address))
            case DeliveryKind.THREAD:
                parent = self._parent(delivery)
                if parent.ts is None:
                    what = "a file's message is not known, so it has no thread"
                    raise DeliveryError(slack_reason("thread", what), permanent=True)
                return _Target(parent.channel, parent.ts)
            case DeliveryKind.UPDATE:
                return _Target(self._parent(delivery).channel)

    @staticmethod
    def _parent(delivery: Delivery) -> SlackRef:
        if delivery.parent_ref is None:
            raise DeliveryError(
                slack_reason(delivery.kind.value, "no parent reference"), permanent=True
            )
        try:
            return parse_ref(delivery.parent_ref)
        except ValueError as err:
            raise DeliveryError(
                slack_reason(delivery.kind.value, str(err)), permanent=True
            ) from err

    def _dm(self, user_id: str) -> str:
        known = self._dms.get(user_id)
        if known is not None:
            return known
        with slack_errors("conversations.open"):
            response = self.client.conversations_open(users=user_id)
        channel = response.get("channel")
        found = answered_text(
            channel.get("id") if isinstance(channel, dict) else None, "conversations.open"
        )
        self._dms[user_id] = found
        return found

    def _channel(self, address: str) -> str:
        if CHANNEL_ID.fullmatch(address.strip()):
            return address.strip()  # an id already (names are lower case)
        name = _name(address)
        if name not in self._channels and self._may_relist():
            self._list_channels()
        found = self._channels.get(name)
        if found is None:
            raise DeliveryError(
                slack_reason("channel", f"no channel #{name} the bot can see"), permanent=True
            )
        return found

    def _may_relist(self) -> bool:
        last = self._listed_at
        return last is None or self.monotonic() - last >= CHANNEL_RELIST

    def _list_channels(self) -> None:
        listed: dict[str, str] = {}
        cursor: str | None = None
        for _ in range(CHANNEL_PAGES):
            with slack_errors("conversations.list"):
                response = self.client.conversations_list(
                    types=CHANNEL_TYPES, limit=CHANNEL_PAGE, cursor=cursor
                )
            listed.update(_channel_names(response.get("channels")))
            cursor = next_cursor(response)
            if cursor is None:
                break
        # Configured ids win: they name channels the bot may not be able to list.
        self._channels = {**listed, **self._configured}
        self._listed_at = self.monotonic()

    # --- memory -----------------------------------------------------------------------------

    def _remember_uncertain(self, key: str) -> None:
        if len(self._uncertain) >= UNCERTAIN_MAX:
            self._uncertain.clear()  # keys of long given-up messages; forgetting costs nothing
        self._uncertain.add(key)


# --- answers --------------------------------------------------------------------------------


def _name(channel: str) -> str:
    return channel.strip().removeprefix("#").lower()


def _channel_names(channels: object) -> dict[str, str]:
    if not isinstance(channels, list):
        return {}
    return {
        _name(c["name"]): c["id"]
        for c in channels
        if isinstance(c, dict) and isinstance(c.get("name"), str) and isinstance(c.get("id"), str)
    }


def _shared_ts(shared: Mapping[str, Any], channel: str) -> str | None:
    """The ts of the message that shared an uploaded file in ``channel``, if Slack said."""
    shares = shared.get("shares")
    if not isinstance(shares, dict):
        return None
    for scope in ("public", "private"):
        places = shares.get(scope)
        entries = places.get(channel) if isinstance(places, dict) else None
        first = entries[0] if isinstance(entries, list) and entries else None
        ts = first.get("ts") if isinstance(first, dict) else None
        if isinstance(ts, str) and ts:
            return ts
    return None
