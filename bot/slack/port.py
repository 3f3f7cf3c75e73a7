"""Slack's delivery port: the outbox as Slack messages, thread replies, updates and files.

References. A delivered message is known as "<conversation id>:<ts>" (``message_ref``), the
form Slack's events name a message by too, so a reply in a thread finds its outbox row. A file
whose message Slack did not report yet (it shares uploads asynchronously) is known as
"<conversation id>:file:<file id>"; nothing can be threaded under or update such a file.

Exactly once. Every message carries the outbox key as message metadata (``EVENT_TYPE``), so
``find`` recognises it in the conversation's recent history. A file cannot carry metadata: it
is recognised by its name and size among the recent files there, which at worst takes an
identical copy sent earlier for this one. When a delivery fails in a way that may have reached
Slack all the same (a timeout, a 5xx), the port looks before it delivers that key again.

Rate limits. A 429 becomes ``RetryAfter``: the outbox reschedules and the sender pauses, so
the client must never sleep on one itself (``slack_client`` builds one that retries nothing).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from http.client import HTTPException
from math import isfinite
from typing import Any, Final
from urllib.error import HTTPError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry import RateLimitErrorRetryHandler
from slack_sdk.web import SlackResponse

from bot.slack.events import message_ref
from bot.slack.render import fallback_text, message_blocks
from config.settings import DEFAULT_SLACK_API_URL
from words.chat.delivery import Delivery, DeliveryKind
from words.chat.messages import File, Message
from words.domain import Source
from words.errors import DeliveryError, RetryAfter, Unreachable

EVENT_TYPE: Final = "voortgang_outbox"
# find pages back through a conversation to the moment the message was queued (Slack's
# ``oldest``), a page at a time, at most this far: a fan-out that went on while the lease of a
# dead sender ran buries its message under many later ones.
HISTORY_LIMIT: Final = 200
HISTORY_PAGES: Final = 25
QUEUED_MARGIN: Final = timedelta(minutes=10)  # clocks differ; looking further back is harmless
THREAD_PAGE: Final = 200
THREAD_PAGES: Final = 5  # a thread longer than 1000 messages is searched no further
CHANNEL_PAGE: Final = 200
CHANNEL_PAGES: Final = 100
CHANNEL_TYPES: Final = "public_channel,private_channel"
# An unknown channel name lists the workspace's channels again, at most this often (seconds):
# conversations.list is one of Slack's most tightly limited methods.
CHANNEL_RELIST: Final = 300.0
DEFAULT_RETRY_AFTER: Final = 30.0  # when a 429 comes without a readable Retry-After
# Keep well below half the sender's lease: an upload makes three requests.
CLIENT_TIMEOUT: Final = 10
UNCERTAIN_MAX: Final = 10_000  # keys remembered as "may have arrived"; a safety bound only

CHANNEL_ID: Final = re.compile(r"[CG][A-Z0-9]{8,}")
TS: Final = re.compile(r"\d+\.\d+")
FILE_MARK: Final = "file"

# Slack errors that no retry can mend; those about a person make the person unreachable.
PERSON_ERRORS: Final = frozenset(
    {"user_not_found", "users_not_found", "cannot_dm_bot", "user_disabled"}
)
PERMANENT_ERRORS: Final = frozenset(
    {
        "account_inactive",
        "cant_update_message",
        "channel_not_found",
        "edit_window_closed",
        "ekm_access_denied",
        "is_archived",
        "message_not_found",
        "metadata_too_large",
        "missing_scope",
        "msg_too_long",
        "no_permission",
        "no_text",
        "not_allowed_token_type",
        "not_authed",
        "not_in_channel",
        "restricted_action",
        "team_access_not_granted",
        "thread_not_found",
        "token_expired",
        "token_revoked",
        "too_many_attachments",
    }
)
PERMANENT_PREFIX: Final = "invalid_"  # invalid_auth, invalid_blocks, invalid_arguments ...
REASON_MAX: Final = 120

Rendered = tuple[str, list[dict[str, Any]]]  # the escaped fallback text, and the blocks
Renderer = Callable[[Message], Rendered]


def render_message(message: Message) -> Rendered:
    """The port's default rendering: ``bot.slack.render``'s escaped text and Block Kit."""
    return fallback_text(message), message_blocks(message)


def slack_client(
    token: str, base_url: str = DEFAULT_SLACK_API_URL, *, timeout: int = CLIENT_TIMEOUT
) -> WebClient:
    """A Web API client for the port: it retries nothing and never sleeps.

    slack_sdk's default retries a broken connection once, after a pause, which may post a
    message twice; the outbox retries instead, and looks first (see the module docstring).
    """
    return WebClient(token=token, base_url=base_url, timeout=timeout, retry_handlers=[])


# --- references -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SlackRef:
    """Where a delivered message is: its conversation, and its ts or (a file) its file id."""

    channel: str
    ts: str | None = None
    file: str | None = None

    def __str__(self) -> str:
        if self.ts is not None:
            return message_ref(self.channel, self.ts)
        return f"{self.channel}:{FILE_MARK}:{self.file}"


def parse_ref(ref: str) -> SlackRef:
    """The reference ``deliver`` returned, read back; ValueError if it is none of ours."""
    channel, _, rest = ref.partition(":")
    if channel and TS.fullmatch(rest):
        return SlackRef(channel, ts=rest)
    mark, _, file_id = rest.partition(":")
    if channel and mark == FILE_MARK and file_id:
        return SlackRef(channel, file=file_id)
    raise ValueError(f"not a Slack message reference: {ref!r}")


# --- errors ---------------------------------------------------------------------------------


def slack_error(response: SlackResponse) -> str:
    """The ``error`` of a failed answer ("" when it has none)."""
    data = response.data
    error = data.get("error") if isinstance(data, dict) else None
    return error if isinstance(error, str) else ""


def retry_seconds(headers: Mapping[str, Any]) -> float:
    """Retry-After in seconds; ``DEFAULT_RETRY_AFTER`` when absent or unreadable."""
    value = next((v for k, v in headers.items() if str(k).lower() == "retry-after"), None)
    if isinstance(value, list):  # some header mappings keep every value of a name
        value = value[0] if value else None
    try:
        seconds = float(str(value))
    except ValueError:
        return DEFAULT_RETRY_AFTER
    return seconds if isfinite(seconds) and seconds >= 0 else DEFAULT_RETRY_AFTER


def translate(err: SlackApiError, action: str) -> DeliveryError:
    """Slack's refusal of ``action`` as a Voortgang delivery error."""
    response = err.response
    status = int(response.status_code)
    error = slack_error(response)
    if status == 429 or error == "ratelimited":
        return RetryAfter(retry_seconds(response.headers))
    reason = _reason(action, error if error else f"HTTP {status}")
    if status >= 500:
        return DeliveryError(reason)
    if error in PERSON_ERRORS:
        return Unreachable(reason)
    if error in PERMANENT_ERRORS or error.startswith(PERMANENT_PREFIX):
        return DeliveryError(reason, permanent=True)
    return DeliveryError(reason)  # unknown: worth a few more tries


@contextmanager
def slack_errors(action: str) -> Iterator[None]:
    """Translate what calling the Web API for ``action`` raises into ``words.errors``."""
    try:
        yield
    except SlackApiError as err:
        raise translate(err, action) from err
    except HTTPError as err:  # the upload URL of files_upload_v2 is opened without the SDK
        err.close()  # it holds the connection, and nobody reads its body
        if err.code == 429:
            raise RetryAfter(retry_seconds(dict(err.headers.items()))) from err
        raise DeliveryError(_reason(action, f"HTTP {err.code}")) from err
    except (OSError, HTTPException, SlackClientError) as err:
        # Connection refused or reset, a timeout, an unreadable answer: try again later.
        raise DeliveryError(_reason(action, f"{type(err).__name__}: {err}")) from err


def _reason(action: str, what: str) -> str:
    text = f"slack {action}: {what}"
    return text if len(text) <= REASON_MAX else text[: REASON_MAX - 1] + "…"


def _text(value: object, what: str) -> str:
    if not isinstance(value, str) or not value:
        raise DeliveryError(_reason(what, "unexpected answer"))
    return value


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
            messages = self._recent(target, delivery.queued_at)
        except RetryAfter:
            raise
        except DeliveryError as err:
            # Unknown whether it arrived: the sender tries again later rather than resend.
            raise DeliveryError(f"{err.reason} (looking for {key})") from err
        match = next((m for m in messages if _is_delivery(m, key, delivery.file)), None)
        return None if match is None else message_ref(target.channel, str(match["ts"]))

    # --- delivering -------------------------------------------------------------------------

    def _deliver(self, delivery: Delivery) -> str:
        message, file = delivery.message, delivery.file
        if message is not None and file is not None:
            # The outbox queues a message or a file, never both in one row.
            raise DeliveryError(_reason("deliver", "both a message and a file"), permanent=True)
        if delivery.kind is DeliveryKind.UPDATE:
            return self._update(delivery)
        target = self._target(delivery)
        if file is not None:
            return str(self._upload(target, file))
        if message is not None:
            return self._post(target, delivery.key, message)
        raise DeliveryError(_reason("deliver", "nothing to deliver"), permanent=True)

    def _post(self, target: _Target, key: str, message: Message) -> str:
        text, blocks = self._rendered(message)
        with slack_errors("chat.postMessage"):
            response = self.client.chat_postMessage(
                channel=target.channel,
                text=text,
                blocks=blocks,
                thread_ts=target.thread_ts,
                metadata={"event_type": EVENT_TYPE, "event_payload": {"key": key}},
            )
        channel = _text(response.get("channel"), "chat.postMessage")
        return message_ref(channel, _text(response.get("ts"), "chat.postMessage"))

    def _update(self, delivery: Delivery) -> str:
        ref = self._parent(delivery)
        if delivery.message is None or ref.ts is None:
            raise DeliveryError(
                _reason("chat.update", "only a message can be updated"), permanent=True
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
            raise DeliveryError(_reason("files_upload_v2", "unexpected answer"))
        ts = _shared_ts(first, target.channel)
        if ts is not None:
            return SlackRef(target.channel, ts=ts)
        return SlackRef(target.channel, file=_text(first.get("id"), "files_upload_v2"))

    def _rendered(self, message: Message) -> Rendered:
        try:
            return self.render(message)
        except ValueError as err:  # more than Slack takes (render's TooLongError)
            raise DeliveryError(_reason("render", str(err)), permanent=True) from err

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
                    raise DeliveryError(_reason("thread", what), permanent=True)
                return _Target(parent.channel, parent.ts)
            case DeliveryKind.UPDATE:
                return _Target(self._parent(delivery).channel)

    @staticmethod
    def _parent(delivery: Delivery) -> SlackRef:
        if delivery.parent_ref is None:
            raise DeliveryError(_reason(delivery.kind.value, "no parent reference"), permanent=True)
        try:
            return parse_ref(delivery.parent_ref)
        except ValueError as err:
            raise DeliveryError(_reason(delivery.kind.value, str(err)), permanent=True) from err

    def _dm(self, user_id: str) -> str:
        known = self._dms.get(user_id)
        if known is not None:
            return known
        with slack_errors("conversations.open"):
            response = self.client.conversations_open(users=user_id)
        channel = response.get("channel")
        found = _text(
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
                _reason("channel", f"no channel #{name} the bot can see"), permanent=True
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
            cursor = _next_cursor(response)
            if cursor is None:
                break
        # Configured ids win: they name channels the bot may not be able to list.
        self._channels = {**listed, **self._configured}
        self._listed_at = self.monotonic()

    # --- looking back -----------------------------------------------------------------------

    def _recent(self, target: _Target, since: datetime | None) -> list[dict[str, Any]]:
        """The conversation's messages since ``since`` (its latest, without), or the whole
        thread of a thread reply."""
        thread = target.thread_ts
        if thread is None:
            return self._history(target.channel, since)
        return _pages(
            "conversations.replies",
            lambda cursor: self.client.conversations_replies(
                channel=target.channel,
                ts=thread,
                include_all_metadata=True,
                limit=THREAD_PAGE,
                cursor=cursor,
            ),
            THREAD_PAGES,
        )

    def _history(self, channel: str, since: datetime | None) -> list[dict[str, Any]]:
        oldest = None if since is None else f"{(since - QUEUED_MARGIN).timestamp():.6f}"
        return _pages(
            "conversations.history",
            lambda cursor: self.client.conversations_history(
                channel=channel,
                include_all_metadata=True,
                limit=HISTORY_LIMIT,
                oldest=oldest,
                cursor=cursor,
            ),
            HISTORY_PAGES if since is not None else 1,
        )

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


def _pages(
    method: str, call: Callable[[str | None], SlackResponse], most: int
) -> list[dict[str, Any]]:
    """The messages of up to ``most`` pages of ``method``, following Slack's cursor."""
    found: list[dict[str, Any]] = []
    cursor: str | None = None
    for _ in range(most):
        with slack_errors(method):
            response = call(cursor)
        found += _messages(response)
        cursor = _next_cursor(response)
        if cursor is None:
            break
    return found


def _next_cursor(response: SlackResponse) -> str | None:
    meta = response.get("response_metadata")
    cursor = meta.get("next_cursor") if isinstance(meta, dict) else None
    return cursor if isinstance(cursor, str) and cursor else None


def _messages(response: SlackResponse) -> list[dict[str, Any]]:
    messages = response.get("messages")
    if not isinstance(messages, list):
        return []
    return [m for m in messages if isinstance(m, dict) and isinstance(m.get("ts"), str)]


def _is_delivery(message: Mapping[str, Any], key: str, file: File | None) -> bool:
    """Whether ``message`` is the delivery of ``key`` (of ``file``, when it is a file)."""
    if file is not None:
        files = message.get("files")
        return isinstance(files, list) and any(_same_file(f, file) for f in files)
    metadata = message.get("metadata")
    if not isinstance(metadata, dict) or metadata.get("event_type") != EVENT_TYPE:
        return False
    payload = metadata.get("event_payload")
    return isinstance(payload, dict) and payload.get("key") == key


def _same_file(shared: object, file: File) -> bool:
    return (
        isinstance(shared, dict)
        and shared.get("name") == file.name
        and shared.get("size") == len(file.content)
    )


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
