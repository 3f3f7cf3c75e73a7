"""Teams activities as Voortgang's own events, through one dispatch table.

Each kind of Bot Framework activity Voortgang listens to has one function that turns it into a
``words.chat.inbound`` type, into ``Install``/``Uninstall`` for the adapter's store of
conversations, or into ``FileConsent`` for the files offered in a 1:1 chat (``bot.teams.files``);
everything else (typing, reactions, edits, deletions, other invokes, the bot's own messages,
shapes we do not know) is None. Handlers never see Teams JSON.

Messages. Teams sends mentions as ``<at>Name</at>``. The bot's own mention is removed (it only
says who is addressed); other mentions keep the name. The rest becomes plain text
(``bot.teams.text``). A channel message is for the bot only when it mentions the bot or replies
in a thread; a message without text carrying a ``value`` is a legacy card submit, which no card
of ours sends.

References. The bot's messages are known as "<conversation id>|<activity id>"
(``bot.teams.refs.TeamsRef``), with the channel's own conversation id (``bot.teams.activity``),
so that a reply's ``thread`` and a card's ``message`` match what the port delivered.

Identity. ``user_id`` is the person's Microsoft Entra object id (``bot.teams.activity.user_of``).
``event_id`` is the activity id: Teams retries a delivery with the same id.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from bot.teams.activity import (
    Activity,
    Reference,
    bot_of,
    conversation_of,
    from_a_bot,
    is_personal,
    mapping,
    nonempty,
    reference,
    thread_root_of,
    user_of,
)
from bot.teams.cards import action_of, is_submission, submitted
from bot.teams.port import CONSENT_CONTEXT
from bot.teams.refs import TeamsRef, parse_ref
from bot.teams.text import plain_text
from words.chat.inbound import ButtonIn, Event, FormIn, MessageIn
from words.domain import Source
from words.errors import NotOursError

CARD_ACTION: Final = "adaptiveCard/action"
FILE_CONSENT: Final = "fileConsent/invoke"
# installationUpdate actions: an upgrade re-installs, so the reference is stored again.
INSTALL_ACTIONS: Final = frozenset({"add", "add-upgrade"})
UNINSTALL_ACTIONS: Final = frozenset({"remove"})


# --- what the adapter is told ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Install:
    """The app was added: to a person's 1:1 chat, or to a team or group chat."""

    user_id: str  # who added it
    conversation: Reference


@dataclass(frozen=True, slots=True)
class Uninstall:
    """A person removed the app from their 1:1 chat: the bot cannot write to them any more."""

    user_id: str


@dataclass(frozen=True, slots=True, kw_only=True)
class UploadInfo:
    """Where Teams lets the bot put an allowed file (a OneDrive upload session), and how the
    file will be known there."""

    upload_url: str
    content_url: str
    unique_id: str
    file_type: str
    name: str  # as Teams named it in OneDrive: "brief (1).docx" when the name was taken


@dataclass(frozen=True, slots=True, kw_only=True)
class FileConsent:
    """A person's answer to a file consent card: allowed (``upload`` says where) or declined."""

    event_id: str
    user_id: str
    outbox_key: str  # the file's outbox row, from the card's context
    conversation: Reference
    card_id: str | None  # the consent card's activity (``replyToId``), as Teams says it
    upload: UploadInfo | None

    @property
    def accepted(self) -> bool:
        return self.upload is not None


Parsed = Event | Install | Uninstall | FileConsent | None
Reader = Callable[[Activity, datetime], Parsed]


# --- messages and their threads -----------------------------------------------------------


def message_ref(conversation_id: str | None, activity_id: str | None) -> str | None:
    """An activity as the port refers to it, "<conversation id>|<activity id>"; None if none."""
    if conversation_id is None or activity_id is None:
        return None
    ref = str(TeamsRef(conversation_id, activity_id))
    try:
        parse_ref(ref)
    except ValueError:
        return None  # an id holding the separator: no reference the port could read back
    return ref


def _without_bot_mentions(text: str, activity: Activity) -> str:
    """``text`` without the ``<at>..</at>`` of mentions of the bot (which only address it)."""
    bot = bot_of(activity)
    for entity in _mentions(activity):
        written = nonempty(entity.get("text"))
        if written is not None and mapping(entity.get("mentioned")).get("id") == bot:
            text = text.replace(written, " ")
    return text


def _mentions(activity: Activity) -> list[Mapping[str, Any]]:
    entities = activity.get("entities")
    if not isinstance(entities, list):
        return []
    found = [mapping(entity) for entity in entities]
    return [entity for entity in found if entity.get("type") == "mention"]


def _mentions_bot(activity: Activity) -> bool:
    bot = bot_of(activity)
    return any(mapping(entity.get("mentioned")).get("id") == bot for entity in _mentions(activity))


def _quoted_entity(activity: Activity) -> str | None:
    """The message a quoted reply answers, from Teams' newer "quotedReply" entity."""
    entities = activity.get("entities")
    for entity in entities if isinstance(entities, list) else []:
        if mapping(entity).get("type") == "quotedReply":
            return nonempty(mapping(mapping(entity).get("quotedReply")).get("messageId"))
    return None


def _thread(activity: Activity, quoted: list[str]) -> str | None:
    """The reference of the message this one answers: a reply, a quote, or a channel thread."""
    answered = nonempty(activity.get("replyToId"))
    if answered is None:
        answered = _quoted_entity(activity)
    if answered is None and quoted:
        answered = quoted[0]
    if answered is None:
        root = thread_root_of(activity)
        # A new post in a channel is its own thread's root: it answers nothing.
        answered = None if root == activity.get("id") else root
    return message_ref(conversation_of(activity), answered)


# --- the readers ----------------------------------------------------------------------------


def _message(activity: Activity, now: datetime) -> Parsed:
    event_id, user = nonempty(activity.get("id")), user_of(activity)
    if event_id is None or user is None or from_a_bot(activity):
        return None
    raw = activity.get("text")
    raw_text = raw if isinstance(raw, str) else ""
    if not raw_text.strip() and activity.get("value") is not None:
        return None  # a legacy Action.Submit: no card of ours sends one
    text, quoted = plain_text(_without_bot_mentions(raw_text, activity))
    thread = _thread(activity, quoted)
    personal = is_personal(activity)
    if not personal and thread is None and not _mentions_bot(activity):
        return None  # chatter in a channel or group chat, not addressed to the bot
    return MessageIn(
        platform=Source.TEAMS,
        event_id=event_id,
        user_id=user,
        received_at=now,
        text=text,
        channel=None if personal else conversation_of(activity),
        thread=thread,
    )


def _card_action(activity: Activity, now: datetime) -> Parsed:
    event_id, user = nonempty(activity.get("id")), user_of(activity)
    value = mapping(activity.get("value"))
    action = mapping(value.get("action"))
    # "automatic" is a card's refresh, which no card of ours asks for.
    if event_id is None or user is None or value.get("trigger") == "automatic":
        return None
    card = message_ref(conversation_of(activity), nonempty(activity.get("replyToId")))
    common: dict[str, Any] = {
        "platform": Source.TEAMS,
        "event_id": event_id,
        "user_id": user,
        "received_at": now,
        "message": card,
    }
    try:
        if is_submission(action):
            form, context, values = submitted(action)
            return FormIn(form=form, context=context, values=values, **common)
        name, payload = action_of(action)
    except NotOursError:  # another app's card, or data our cards never send
        return None
    return ButtonIn(action=name, value=payload, **common)


def _installed(activity: Activity) -> Parsed:
    user, where = user_of(activity), reference(activity)
    return None if user is None or where is None else Install(user, where)


def _uninstalled(activity: Activity) -> Parsed:
    """Only a 1:1 chat's removal: the app leaving a team leaves its members' chats alone."""
    user = user_of(activity)
    return Uninstall(user) if user is not None and is_personal(activity) else None


def _has_bot(activity: Activity, key: str) -> bool:
    members = activity.get(key)
    bot = bot_of(activity)
    return isinstance(members, list) and any(mapping(m).get("id") == bot for m in members)


def _conversation_update(activity: Activity, _now: datetime) -> Parsed:
    if _has_bot(activity, "membersAdded"):
        return _installed(activity)
    if _has_bot(activity, "membersRemoved"):
        return _uninstalled(activity)
    return None  # people joining or leaving a team, renames: not the bot's business


def _installation_update(activity: Activity, _now: datetime) -> Parsed:
    action = activity.get("action")
    if action in INSTALL_ACTIONS:
        return _installed(activity)
    if action in UNINSTALL_ACTIONS:
        return _uninstalled(activity)
    return None


def _upload_info(value: Mapping[str, Any]) -> UploadInfo | None:
    info = mapping(value.get("uploadInfo"))
    fields = {
        "upload_url": nonempty(info.get("uploadUrl")),
        "content_url": nonempty(info.get("contentUrl")),
        "unique_id": nonempty(info.get("uniqueId")),
        "file_type": nonempty(info.get("fileType")),
        "name": nonempty(info.get("name")),
    }
    found = {k: v for k, v in fields.items() if v is not None}
    return UploadInfo(**found) if len(found) == len(fields) else None


def _file_consent(activity: Activity, _now: datetime) -> Parsed:
    """An Allow or Decline on a consent card of ours, in a 1:1 chat; else None.

    An Allow without the whole of ``uploadInfo`` cannot be carried out: it is ignored.
    """
    event_id, user = nonempty(activity.get("id")), user_of(activity)
    value = mapping(activity.get("value"))
    action = value.get("action")
    key = nonempty(mapping(value.get("context")).get(CONSENT_CONTEXT))
    where, card = reference(activity), nonempty(activity.get("replyToId"))
    if None in (event_id, user, key, where) or value.get("type") != "fileUpload":
        return None
    if where is None or not where.personal or action not in {"accept", "decline"}:
        return None
    upload = _upload_info(value) if action == "accept" else None
    if action == "accept" and upload is None:
        return None
    return FileConsent(
        event_id=str(event_id),
        user_id=str(user),
        outbox_key=str(key),
        conversation=where,
        card_id=card,
        upload=upload,
    )


INVOKE_READERS: Final[dict[str, Reader]] = {
    CARD_ACTION: _card_action,
    FILE_CONSENT: _file_consent,
}


def _invoke(activity: Activity, now: datetime) -> Parsed:
    reader = INVOKE_READERS.get(str(activity.get("name", "")))
    return None if reader is None else reader(activity, now)


READERS: Final[dict[str, Reader]] = {
    "message": _message,
    "invoke": _invoke,
    "conversationUpdate": _conversation_update,
    "installationUpdate": _installation_update,
}


def parse(activity: Mapping[str, Any], now: datetime) -> Parsed:
    """The neutral event in a Teams activity, ``Install``/``Uninstall``/``FileConsent``, or
    None to ignore.

    ``now`` is when it arrived. Never raises: a shape we do not know is ignored.
    """
    if not isinstance(activity, Mapping):
        return None
    reader = READERS.get(str(activity.get("type", "")))
    if reader is None:
        return None
    try:
        return reader(activity, now)
    except (KeyError, TypeError, AttributeError, ValueError):
        return None  # a payload shape we do not know: ignored, never a crash
