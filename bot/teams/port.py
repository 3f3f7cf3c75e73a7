"""Teams' delivery port: the outbox as Bot Framework activities, thread replies and updates.

Addresses. A direct message's ``Delivery.address`` is a conversation address
(``bot.teams.refs``), or a person's Teams user id that ``conversations`` (the adapter's store)
turns into their stored one; a channel post's is an address, or a channel name ``channels`` maps
to one. A thread reply is posted to the referenced activity (``replyToId``); an update replaces
it (PUT) and keeps its reference. The calls themselves are ``bot.teams.client``'s.

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

Files. A file is offered in the person's 1:1 chat as a FileConsentCard, under the file's
comment; its contexts carry the outbox key, and its reference is the delivery's like any
message's. What follows the person's Allow (the upload, the card that shows the file) is
``bot.teams.files``. Only a 1:1 chat takes files this way: a file for a channel (or a thread
in one) is refused for good, as Teams would need it in SharePoint.
"""

from __future__ import annotations

import importlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from typing import Final

import httpx

from bot.teams.client import Activity, Connector, MaybeDelivered, teams_reason
from bot.teams.refs import Conversation, TeamsRef, is_address, parse_address, parse_ref
from words import logtext
from words.catalogue import Language, language, t
from words.chat.delivery import Delivery, DeliveryKind, Mention
from words.chat.messages import File, Message
from words.domain import Source
from words.errors import DeliveryError, Unreachable

MEMORY_MAX: Final = 10_000  # keys whose outcome is remembered; the oldest are forgotten first
FILE_CONSENT_CARD: Final = "application/vnd.microsoft.teams.card.file.consent"
CONSENT_CONTEXT: Final = "outbox"  # the key of a consent card's contexts: the outbox key
# A file goes to OneDrive in one request (bot.teams.files), and an upload session takes at most
# 60 MiB in one.
FILE_MAX: Final = 60 * 1024 * 1024

ActivityRenderer = Callable[[Message], Activity]


def card_renderer(lang: Language, mentions: Sequence[Mention] = ()) -> ActivityRenderer:
    """``bot.teams.cards.message_activity`` in ``lang`` (with a channel post's ``mentions``),
    imported when first used."""

    def render(message: Message) -> Activity:
        # Imported by name: the cards module is written alongside this port, which must import
        # (and be tested with a renderer of its own) without it.
        cards = importlib.import_module("bot.teams.cards")
        activity: Activity = cards.message_activity(message, lang=lang, mentions=mentions)
        return activity

    return render


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


class TeamsPort(Connector):
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
        super().__init__(token, http=http)
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
            raise DeliveryError(teams_reason("find", what))
        return self._known(key)

    # --- delivering -------------------------------------------------------------------------

    def _deliver(self, delivery: Delivery) -> str:
        message = delivery.message
        if delivery.file is not None:
            return self._offer(delivery, delivery.file)
        if message is None:
            raise DeliveryError(teams_reason("deliver", "nothing to deliver"), permanent=True)
        if delivery.kind in {DeliveryKind.DM, DeliveryKind.CHANNEL}:
            where = self._conversation(delivery)
            activity = self._rendered(message, delivery.lang, delivery.mentions)
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
        if delivery.kind is DeliveryKind.THREAD and not is_address(delivery.address):
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

    def _rendered(
        self, message: Message, lang: str | None = None, mentions: Sequence[Mention] = ()
    ) -> Activity:
        # A renderer given to the port (a test's) renders the message alone.
        render = self._render
        if render is None:
            render = card_renderer(language(lang if lang is not None else self.lang), mentions)
        try:
            activity = render(message)
        except ValueError as err:  # more than a card takes
            raise DeliveryError(teams_reason("render", str(err)), permanent=True) from err
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
                raise Unreachable(teams_reason("address", what))
            raise DeliveryError(teams_reason("address", what), permanent=True)
        try:
            return parse_address(stored)
        except ValueError as err:
            raise DeliveryError(teams_reason("address", str(err)), permanent=True) from err

    @staticmethod
    def _parent(delivery: Delivery) -> TeamsRef:
        if delivery.parent_ref is None:
            raise DeliveryError(
                teams_reason(delivery.kind.value, "no parent reference"), permanent=True
            )
        try:
            return parse_ref(delivery.parent_ref)
        except ValueError as err:
            raise DeliveryError(
                teams_reason(delivery.kind.value, str(err)), permanent=True
            ) from err

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
        raise MaybeDelivered(teams_reason("send", what))

    def _remember(self, key: str, outcome: _Outcome) -> None:
        with self._lock:
            self._memory[key] = outcome
            self._memory.move_to_end(key)
            while len(self._memory) > MEMORY_MAX:
                self._memory.popitem(last=False)  # long settled: the outbox has given up on it


# --- helpers --------------------------------------------------------------------------------


def _name(channel: str) -> str:
    return channel.strip().removeprefix("#").lower()


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
