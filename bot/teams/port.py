"""Teams' delivery port: the outbox as Bot Framework activities, thread replies and updates.

Addresses. A conversation is known as "<serviceUrl>|<conversation id>"
(``conversation_address``): the adapter stores one per person (their 1:1 chat with the bot) and
per theme channel, from the activities Teams sends it. A direct message's ``Delivery.address`` is
such an address, or a person's Teams user id that ``conversations`` (the adapter's store) turns
into their stored one; a channel post's is an address, or a channel name ``channels`` maps to one.
The bot's token goes with every call, so only https service URLs are called (plain http only to
the loopback host, for tests); the adapter must store service URLs from authenticated activities
only.

References. A delivered activity is known as "<conversation id>|<activity id>" (``TeamsRef``).
A thread reply is posted to the referenced activity (``replyToId``); an update replaces it (PUT)
and keeps its reference.

Exactly once. The Bot Framework keeps no history a bot can search and takes no idempotency key:
an activity posted twice is shown twice. So once a post of a key may have reached the connector
(a timeout or a dropped connection after sending, a 408 or 5xx, a success without an id) the
port never posts that key again (``MaybeDelivered``). It remembers how each key it handled
ended, and ``find`` answers from that memory alone:

- the reference, when this port delivered the key;
- None, when its last try certainly never reached the connector (no connection, no token, or a
  refusal such as a 429 or 403);
- otherwise a retryable ``DeliveryError``, also for a key it has no memory of (one handled by
  another process, or before a restart). The sender keeps such a row ambiguous and, once its
  attempts are spent, fails it: a message whose fate nobody can know is reported, not repeated.

Updates are exempt: a PUT replaces the activity, so making it twice does no harm.

Rate limits. A 429 with a Retry-After becomes ``RetryAfter``: the outbox reschedules and the
sender pauses. The HTTP client retries nothing and never sleeps.

Files. A file is offered in the person's 1:1 chat as a FileConsentCard, under the file's
comment; its contexts carry the outbox key, and its reference is the delivery's like any
message's. What follows the person's Allow (the upload, the card that shows the file) is
``bot.teams.files``. Only a 1:1 chat takes files this way: a file for a channel (or a thread
in one) is refused for good, as Teams would need it in SharePoint.
"""

from __future__ import annotations

import importlib
import ssl
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from enum import Enum
from math import isfinite
from typing import Any, Final
from urllib.parse import quote

import httpx

from words import logtext
from words.catalogue import Language, language, t
from words.chat.delivery import Delivery, DeliveryKind
from words.chat.messages import File, Message
from words.domain import Source
from words.errors import DeliveryError, RetryAfter, Unreachable

SEPARATOR: Final = "|"
BOT_PREFIX: Final = "28:"  # a bot's id in a Teams conversation: "28:<Microsoft app id>"
# Keep well below half the sender's lease: a delivery may first fetch a token.
CLIENT_TIMEOUT: Final = 10.0
MEMORY_MAX: Final = 10_000  # keys whose outcome is remembered; the oldest are forgotten first
REASON_MAX: Final = 160
LOOPBACK: Final = frozenset({"127.0.0.1", "localhost", "::1"})
# Refusals worth another try: nothing was done, and a later try may be let through (401: a
# token refused before its time; the provider renews it within the hour). 502, 503 and 504
# are the connector's gateway saying it could not pass the call on; Microsoft's guidance for
# bots is to retry them (and 412) with backoff.
RETRY_STATUSES: Final = frozenset({401, 409, 412, 425, 502, 503, 504})
# The token endpoint of multi-tenant bots; a single-tenant bot uses its tenant's instead.
BOT_FRAMEWORK_LOGIN: Final = "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token"
BOT_FRAMEWORK_SCOPE: Final = "https://api.botframework.com/.default"
TOKEN_MARGIN: Final = 300.0  # a token is renewed this many seconds before it expires
FILE_CONSENT_CARD: Final = "application/vnd.microsoft.teams.card.file.consent"
CONSENT_CONTEXT: Final = "outbox"  # the key of a consent card's contexts: the outbox key
# A file goes to OneDrive in one request (bot.teams.files), and an upload session takes at most
# 60 MiB in one.
FILE_MAX: Final = 60 * 1024 * 1024

Activity = dict[str, Any]
ActivityRenderer = Callable[[Message], Activity]


class MaybeDelivered(DeliveryError):  # noqa: N818 - reads as what is known of the message
    """A post failed, yet it may have reached Teams: it is worth no blind retry."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason, permanent=False, ambiguous=True)


def card_renderer(lang: Language) -> ActivityRenderer:
    """``bot.teams.cards.message_activity`` in ``lang``, imported when first used."""

    def render(message: Message) -> Activity:
        # Imported by name: the cards module is written alongside this port, which must import
        # (and be tested with a renderer of its own) without it.
        cards = importlib.import_module("bot.teams.cards")
        activity: Activity = cards.message_activity(message, lang=lang)
        return activity

    return render


def teams_client(
    *, timeout: float = CLIENT_TIMEOUT, tls: ssl.SSLContext | None = None
) -> httpx.Client:
    """An HTTP client for the port: no retries, no redirects, nothing read from the environment.

    ``tls``: a context shared by several clients (building one takes a tenth of a second).
    """
    verify: ssl.SSLContext | bool = True if tls is None else tls
    return httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False, verify=verify)


# --- addresses and references ---------------------------------------------------------------


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


# --- errors ---------------------------------------------------------------------------------


def retry_after(headers: Mapping[str, str]) -> float | None:
    """Retry-After in seconds; None when absent or not a number of seconds."""
    value = next((v for k, v in headers.items() if k.lower() == "retry-after"), None)
    try:
        seconds = float(str(value))
    except ValueError:
        return None
    return seconds if isfinite(seconds) and seconds >= 0 else None


def translate(response: httpx.Response, action: str, *, idempotent: bool) -> DeliveryError:
    """The connector's refusal of ``action`` as a Voortgang delivery error.

    ``idempotent``: repeating the call does no harm (an update, creating a 1:1), so an answer
    that leaves unknown whether it took effect is a plain retryable error.
    """
    status = response.status_code
    reason = _reason(action, _described(response))
    if status == 429:
        seconds = retry_after(response.headers)
        return DeliveryError(reason) if seconds is None else RetryAfter(seconds)
    if status == 403:
        # Blocked, removed or never installed; for a channel, the app left the team.
        return Unreachable(reason)
    if status in RETRY_STATUSES:
        return DeliveryError(reason)
    if status == 408 or status >= 500:
        # The connector may have posted the activity before failing to answer.
        return DeliveryError(reason) if idempotent else MaybeDelivered(reason)
    return DeliveryError(reason, permanent=True)  # 400, 404, 413 ...: no retry mends these


def _described(response: httpx.Response) -> str:
    """ "HTTP 403 Forbidden: <the connector's message>", as far as the answer says."""
    text = f"HTTP {response.status_code}"
    try:
        body = response.json()
    except ValueError:
        return text
    if not isinstance(body, dict):
        return text
    error = body.get("error")
    if isinstance(error, dict):  # the connector's {"error": {"code": ..., "message": ...}}
        code, message = error.get("code"), error.get("message")
    else:  # Entra ID's {"error": ..., "error_description": ...}, or just {"message": ...}
        code, message = error, body.get("error_description", body.get("message"))
    words = " ".join(str(w) for w in (text, code) if w)
    return f"{words}: {message}" if message else words


def _reason(action: str, what: str) -> str:
    text = f"teams {action}: {what}"
    return text if len(text) <= REASON_MAX else text[: REASON_MAX - 1] + "…"


def _failure(err: httpx.RequestError) -> str:
    return f"{type(err).__name__}: {err}" if str(err) else type(err).__name__


# Raised before a byte of the request left: the call certainly did nothing.
NOT_SENT: Final = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


# --- the token ------------------------------------------------------------------------------


class ClientCredentialsToken:
    """The bot's token for the connector, from Microsoft Entra ID's client credentials flow.

    Cached until ``TOKEN_MARGIN`` before it expires. Failures are delivery errors like the
    connector's: a 429 is ``RetryAfter``, a refused app id or password (400, 401) permanent.
    """

    def __init__(
        self,
        app_id: str,
        app_password: str,
        *,
        token_url: str = BOT_FRAMEWORK_LOGIN,
        scope: str = BOT_FRAMEWORK_SCOPE,
        http: httpx.Client | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.app_id = app_id
        self._password = app_password
        self.token_url = token_url
        self.scope = scope
        self.http = http if http is not None else teams_client()
        self.monotonic = monotonic
        self._token: str | None = None
        self._renew_at = 0.0
        self._lock = threading.Lock()

    def __call__(self) -> str:
        with self._lock:
            if self._token is None or self.monotonic() >= self._renew_at:
                token, lifetime = self._fetch()
                self._token = token
                self._renew_at = self.monotonic() + max(lifetime - TOKEN_MARGIN, lifetime / 2)
            return self._token

    def _fetch(self) -> tuple[str, float]:
        form = {
            "grant_type": "client_credentials",
            "client_id": self.app_id,
            "client_secret": self._password,
            "scope": self.scope,
        }
        try:
            response = self.http.post(self.token_url, data=form)
        except httpx.RequestError as err:
            raise DeliveryError(_reason("token", _failure(err))) from err
        if response.status_code in {400, 401}:
            raise DeliveryError(_reason("token", _described(response)), permanent=True)
        if not response.is_success:
            raise translate(response, "token", idempotent=True)
        return _token_answer(response)


def _token_answer(response: httpx.Response) -> tuple[str, float]:
    try:
        body = response.json()
    except ValueError:
        body = None
    token = body.get("access_token") if isinstance(body, dict) else None
    lifetime = body.get("expires_in") if isinstance(body, dict) else None
    if not isinstance(token, str) or not token or not isinstance(lifetime, int | float):
        raise DeliveryError(_reason("token", "unexpected answer"))
    return token, float(lifetime)


# --- the port -------------------------------------------------------------------------------


class _Fate(Enum):
    DELIVERED = "delivered"
    NEVER_ARRIVED = "never arrived"
    MAYBE = "may have arrived"


@dataclass(frozen=True, slots=True)
class _Outcome:
    fate: _Fate
    ref: str | None = None
    reason: str = ""


class TeamsPort:
    """``words.chat.delivery.Port`` on the Bot Framework connector (REST v3), as Teams uses it.

    ``token`` gives the bearer token of every call (``ClientCredentialsToken``); ``render`` turns
    a message into an activity (by default ``bot.teams.cards`` in ``lang``). ``channels`` maps
    channel names, as programme files give them, to conversation addresses (a mapping, or a
    function that looks them up); ``conversations`` gives the address of a person's 1:1 chat by
    their Teams user id (None: none is known, nor can one be made). ``refused`` hears of a user
    whose chat Teams refused with a 403 (the app removed, blocked or never installed).
    """

    platform = Source.TEAMS

    def __init__(
        self,
        token: Callable[[], str],
        *,
        http: httpx.Client | None = None,
        render: ActivityRenderer | None = None,
        lang: Language = "nl",
        channels: Mapping[str, str] | Callable[[str], str | None] | None = None,
        conversations: Callable[[str], str | None] | None = None,
        refused: Callable[[str], None] | None = None,
    ) -> None:
        self.token = token
        self.http = http if http is not None else teams_client()
        # A renderer given is used as is; else cards in each recipient's language.
        self._render = render
        self.lang = lang
        if channels is None or isinstance(channels, Mapping):
            given: Mapping[str, str] = {} if channels is None else channels
            named = {_name(k): v for k, v in given.items()}
            self._channels: Callable[[str], str | None] = lambda name: named.get(_name(name))
        else:
            self._channels = channels
        self._conversations = conversations
        self._refused = refused
        self._memory: OrderedDict[str, _Outcome] = OrderedDict()
        self._lock = threading.Lock()

    def connect(
        self,
        *,
        channels: Callable[[str], str | None],
        conversations: Callable[[str], str | None],
        refused: Callable[[str], None],
    ) -> None:
        """Set where conversations are found, for a port made before what finds them (the
        directory that finds them creates 1:1 chats through this port)."""
        self._channels = channels
        self._conversations = conversations
        self._refused = refused

    # --- the Port protocol ------------------------------------------------------------------

    def deliver(self, delivery: Delivery) -> str:
        if delivery.kind is not DeliveryKind.UPDATE:
            known = self._known(delivery.key)
            if known is not None:
                return known  # delivered before, and the sender did not hear of it
        try:
            ref = self._deliver(delivery)
        except Unreachable:
            if delivery.kind is DeliveryKind.DM and self._refused is not None:
                self._refused(delivery.address)
            self._remember(delivery.key, _Outcome(_Fate.NEVER_ARRIVED))
            raise
        except MaybeDelivered as err:
            self._remember(delivery.key, _Outcome(_Fate.MAYBE, reason=err.reason))
            raise
        except DeliveryError:
            self._remember(delivery.key, _Outcome(_Fate.NEVER_ARRIVED))
            raise
        self._remember(delivery.key, _Outcome(_Fate.DELIVERED, ref))
        return ref

    def find(self, key: str, delivery: Delivery) -> str | None:
        if delivery.kind is DeliveryKind.UPDATE:
            return None  # a PUT replaces the activity: making it again does no harm
        with self._lock:
            remembered = key in self._memory
        if not remembered:
            what = f"no record of {key}, and Teams cannot be asked whether it arrived"
            raise DeliveryError(_reason("find", what))
        return self._known(key)

    # --- delivering -------------------------------------------------------------------------

    def _deliver(self, delivery: Delivery) -> str:
        message = delivery.message
        if delivery.file is not None:
            return self._offer(delivery, delivery.file)
        if message is None:
            raise DeliveryError(_reason("deliver", "nothing to deliver"), permanent=True)
        if delivery.kind in {DeliveryKind.DM, DeliveryKind.CHANNEL}:
            where = self._conversation(delivery)
            activity = self._rendered(message, delivery.lang)
            activity_id = self._post(where, where.conversation_id, activity)
            return str(TeamsRef(where.conversation_id, activity_id))
        parent = self._parent(delivery)
        where = self._conversation(delivery)
        if delivery.kind is DeliveryKind.UPDATE:
            self._update(where, parent, self._rendered(message, delivery.lang))
            return str(parent)
        activity = self._rendered(message, delivery.lang) | {"replyToId": parent.activity_id}
        activity_id = self._post(where, parent.conversation_id, activity, parent.activity_id)
        return str(TeamsRef(parent.conversation_id, activity_id))

    def _offer(self, delivery: Delivery, file: File) -> str:
        """Post a file's consent card in the person's 1:1 chat."""
        if not 0 < len(file.content) <= FILE_MAX:
            reason = logtext.teams_file_size(len(file.content), FILE_MAX)
            raise DeliveryError(reason, permanent=True)
        where = self._file_chat(delivery)
        description = t("teams.file.description", delivery.lang)
        card = consent_card(file, delivery.key, description)
        activity = self.file_activity(file, card, lang=delivery.lang)
        activity_id = self._post(where, where.conversation_id, activity)
        return str(TeamsRef(where.conversation_id, activity_id))

    def _file_chat(self, delivery: Delivery) -> Conversation:
        """The 1:1 chat a file is offered in: a direct message's, or that of a thread reply in
        a 1:1 chat (where Teams has no threads: the card goes to the chat itself)."""
        if delivery.kind is DeliveryKind.DM:
            return self._conversation(delivery)
        if delivery.kind is DeliveryKind.THREAD and not _is_address(delivery.address):
            parent = self._parent(delivery)
            if self._channels(delivery.address) is None:
                chat = self._conversation(replace(delivery, kind=DeliveryKind.DM))
                if chat.conversation_id == parent.conversation_id:
                    return chat
        raise DeliveryError(logtext.teams_file_place(delivery.kind.value), permanent=True)

    def file_activity(
        self, file: File, attachment: Activity | None, note: str = "", *, lang: str | None = None
    ) -> Activity:
        """The message around a file's card: the file's comment (and ``note``) as its text, and
        ``attachment``, the consent card or the card of the file in OneDrive."""
        text = "\n\n".join(part for part in (file.comment, note) if part)
        shown = Message(text)
        activity: Activity = self._rendered(shown, lang) if text else {"type": "message"}
        if attachment is not None:
            activity["attachments"] = [*activity.get("attachments", []), attachment]
        return activity

    def replace_activity(self, where: Conversation, activity_id: str, activity: Activity) -> None:
        """Replace one of the bot's activities: doing it twice shows the same, once."""
        self._update(where, TeamsRef(where.conversation_id, activity_id), activity)

    def _post(
        self, where: Conversation, conversation_id: str, activity: Activity, reply_to: str = ""
    ) -> str:
        action = "reply" if reply_to else "send"
        parts = [conversation_id, "activities", *([reply_to] if reply_to else [])]
        url = _url(where.service_url, parts)
        response = self._call(action, "POST", url, activity, idempotent=False)
        return _answered_id(response, action, idempotent=False)

    def _update(self, where: Conversation, parent: TeamsRef, activity: Activity) -> None:
        url = _url(where.service_url, [parent.conversation_id, "activities", parent.activity_id])
        self._call("update", "PUT", url, activity | {"id": parent.activity_id}, idempotent=True)

    def create_conversation(
        self, service_url: str, tenant_id: str, user_aad_id: str, bot_id: str
    ) -> str:
        """The id of the 1:1 chat between the bot and a user, created if it is not there yet.

        ``bot_id`` is the Microsoft app id, with or without "28:". Teams keeps one such chat per
        user and bot, so asking again answers the same id. ``Unreachable`` when the user has
        not installed the app (or blocked it).
        """
        bot = bot_id if bot_id.startswith(BOT_PREFIX) else f"{BOT_PREFIX}{bot_id}"
        body: Activity = {
            "bot": {"id": bot},
            "members": [{"id": user_aad_id}],
            "tenantId": tenant_id,
            "isGroup": False,
            "channelData": {"tenant": {"id": tenant_id}},
        }
        url = _url(service_url, [])
        response = self._call("create conversation", "POST", url, body, idempotent=True)
        return _answered_id(response, "create conversation", idempotent=True)

    def member(self, service_url: str, conversation_id: str, user_id: str) -> Mapping[str, Any]:
        """A member of a conversation as the connector knows them: their ``email`` or
        ``userPrincipalName`` is how a person is found when their object id is not known."""
        url = _url(service_url, [conversation_id, "members", user_id])
        answer = _json(self._call("get member", "GET", url, None, idempotent=True))
        if not isinstance(answer, Mapping):
            raise DeliveryError(_reason("get member", "unexpected answer"))
        return answer

    def team_channels(self, service_url: str, team_id: str) -> list[tuple[str, str | None]]:
        """The channels of a team the app is in: (conversation id, name); the General
        channel's name is None."""
        url = _url(service_url, []).replace("/v3/conversations", f"/v3/teams/{quote(team_id)}")
        answer = _json(
            self._call("list channels", "GET", f"{url}/conversations", None, idempotent=True)
        )
        found = answer.get("conversations") if isinstance(answer, Mapping) else None
        if not isinstance(found, list):
            raise DeliveryError(_reason("list channels", "unexpected answer"))
        channels = []
        for item in found:
            if isinstance(item, Mapping) and isinstance(item.get("id"), str) and item["id"]:
                name = item.get("name")
                channels.append((item["id"], name if isinstance(name, str) and name else None))
        return channels

    def _call(
        self, action: str, method: str, url: str, body: Activity | None, *, idempotent: bool
    ) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self.token()}"}
        try:
            response = self.http.request(method, url, json=body, headers=headers)
        except NOT_SENT as err:
            raise DeliveryError(_reason(action, _failure(err))) from err
        except httpx.RequestError as err:
            # Sent, perhaps in full: the connector may have acted on it.
            reason = _reason(action, _failure(err))
            raise (DeliveryError(reason) if idempotent else MaybeDelivered(reason)) from err
        if not response.is_success:
            raise translate(response, action, idempotent=idempotent)
        return response

    def _rendered(self, message: Message, lang: str | None = None) -> Activity:
        render = self._render
        if render is None:
            render = card_renderer(language(lang if lang is not None else self.lang))
        try:
            activity = render(message)
        except ValueError as err:  # more than a card takes
            raise DeliveryError(_reason("render", str(err)), permanent=True) from err
        return {"type": "message", **activity}

    # --- where to -----------------------------------------------------------------------------

    def _conversation(self, delivery: Delivery) -> Conversation:
        """The conversation a delivery goes to (for a reply or update: the parent's)."""
        address, kind = delivery.address, delivery.kind
        try:
            return parse_address(address)
        except ValueError:
            pass  # a person's user id, or a channel's name
        stored = None
        if kind is not DeliveryKind.DM:
            stored = self._channels(address)
        if stored is None and kind is not DeliveryKind.CHANNEL and self._conversations is not None:
            stored = self._conversations(address)
        if stored is None:
            what = f"no Teams conversation known for {address!r}"
            if kind is DeliveryKind.DM:
                raise Unreachable(_reason("address", what))
            raise DeliveryError(_reason("address", what), permanent=True)
        try:
            return parse_address(stored)
        except ValueError as err:
            raise DeliveryError(_reason("address", str(err)), permanent=True) from err

    @staticmethod
    def _parent(delivery: Delivery) -> TeamsRef:
        if delivery.parent_ref is None:
            raise DeliveryError(_reason(delivery.kind.value, "no parent reference"), permanent=True)
        try:
            return parse_ref(delivery.parent_ref)
        except ValueError as err:
            raise DeliveryError(_reason(delivery.kind.value, str(err)), permanent=True) from err

    # --- memory -----------------------------------------------------------------------------

    def _known(self, key: str) -> str | None:
        """The reference of a delivered key; None if it never arrived or is unknown.

        ``MaybeDelivered`` when an earlier post of it may have arrived: it is not posted again.
        """
        with self._lock:
            outcome = self._memory.get(key)
        if outcome is None or outcome.fate is _Fate.NEVER_ARRIVED:
            return None
        if outcome.fate is _Fate.DELIVERED:
            return outcome.ref
        what = f"{key} may have arrived already ({outcome.reason}); not sent again"
        raise MaybeDelivered(_reason("send", what))

    def _remember(self, key: str, outcome: _Outcome) -> None:
        with self._lock:
            self._memory[key] = outcome
            self._memory.move_to_end(key)
            while len(self._memory) > MEMORY_MAX:
                self._memory.popitem(last=False)  # long settled: the outbox has given up on it


# --- helpers --------------------------------------------------------------------------------


def _name(channel: str) -> str:
    return channel.strip().removeprefix("#").lower()


def _is_address(address: str) -> bool:
    try:
        parse_address(address)
    except ValueError:
        return False
    return True


def consent_card(file: File, key: str, description: str) -> Activity:
    """The FileConsentCard that asks a person to let the bot put ``file`` in their OneDrive;
    both answers carry ``key`` (the outbox key) back in their context."""
    context = {CONSENT_CONTEXT: key}
    return {
        "contentType": FILE_CONSENT_CARD,
        "name": file.name,
        "content": {
            "description": description,
            "sizeInBytes": len(file.content),
            "acceptContext": context,
            "declineContext": context,
        },
    }


def _url(service_url: str, parts: list[str], *, under: str = "conversations") -> str:
    """A connector URL under ``service_url``; the token may only travel to https (or loopback)."""
    try:
        base = httpx.URL(service_url)
    except httpx.InvalidURL as err:
        raise DeliveryError(_reason("service url", str(err)), permanent=True) from err
    if not base.host or "%" in base.host:  # httpx takes "https:///" and escapes "bad host"
        raise DeliveryError(_reason("service url", f"no host in {service_url!r}"), permanent=True)
    if base.scheme != "https" and not (base.scheme == "http" and base.host in LOOPBACK):
        what = f"{service_url!r} is not an https URL"
        raise DeliveryError(_reason("service url", what), permanent=True)
    path = "".join(f"/{quote(p, safe='')}" for p in parts)
    return f"{service_url.rstrip('/')}/v3/{under}{path}"


def _json(response: httpx.Response) -> object:
    try:
        return response.json()
    except ValueError:
        return None


def _answered_id(response: httpx.Response, action: str, *, idempotent: bool) -> str:
    """The ``id`` of a success answer; without one, the call took effect but is unknown."""
    try:
        body = response.json()
    except ValueError:
        body = None
    found = body.get("id") if isinstance(body, dict) else None
    if isinstance(found, str) and found:
        return found
    reason = _reason(action, f"HTTP {response.status_code} without an id")
    raise DeliveryError(reason) if idempotent else MaybeDelivered(reason)
