"""Teams activities as Voortgang's own events, through one dispatch table.

Each kind of Bot Framework activity Voortgang listens to has one function that turns it into a
``words.chat.inbound`` type, into ``Install``/``Uninstall`` for the adapter's store of
conversations, or into ``FileConsent`` for the files offered in a 1:1 chat (``bot.teams.files``);
everything else (typing, reactions, edits, deletions, other invokes, the bot's own messages,
shapes we do not know) is None. Handlers never see Teams JSON.

Messages. Teams sends a message's ``text`` with some HTML in it (``<p>``, ``<br>``, entities
such as ``&nbsp;``) and mentions as ``<at>Name</at>``. The bot's own mention is removed (it
only says who is addressed); other mentions keep the name. The rest becomes plain text: tags
dropped, entities decoded, script and style contents and quoted messages left out; a "<"
of broken markup that could still start a tag is dropped, one typed ("&lt;") is kept. A channel
message is for the bot only when it mentions the bot or replies in a thread; a message
without text carrying a ``value`` is a legacy card submit, which no card of ours sends.

References. The bot's messages are known as "<conversation id>|<activity id>"
(``bot.teams.port.TeamsRef``), with the channel's own conversation id: Teams adds
";messageid=<thread root>" to a channel conversation's id in its activities, which is cut off
here, so that a reply's ``thread`` and a card's ``message`` match what the port delivered.

Identity. ``user_id`` is the person's Microsoft Entra object id (``from.aadObjectId``), the
same in every conversation and what the port creates a 1:1 chat with; ``from.id`` ("29:...")
only when the object id is missing. ``event_id`` is the activity id: Teams retries a delivery
with the same id.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from html.parser import HTMLParser
from typing import Any, Final

from bot.teams.cards import action_of, is_submission, submitted
from bot.teams.port import (
    BOT_PREFIX,
    CONSENT_CONTEXT,
    Conversation,
    TeamsRef,
    parse_address,
    parse_ref,
)
from words.chat.inbound import ButtonIn, Event, FormIn, MessageIn
from words.domain import Source
from words.errors import NotOursError

CARD_ACTION: Final = "adaptiveCard/action"
FILE_CONSENT: Final = "fileConsent/invoke"
PERSONAL: Final = "personal"
THREAD_MARK: Final = ";messageid="
# The itemtype of the blockquote Teams puts before a quoted reply's own text.
QUOTE_SCHEMA: Final = "http://schema.skype.com/Reply"
# installationUpdate actions: an upgrade re-installs, so the reference is stored again.
INSTALL_ACTIONS: Final = frozenset({"add", "add-upgrade"})
UNINSTALL_ACTIONS: Final = frozenset({"remove"})

# Tags whose start or end breaks a line; the others (b, i, span, at, a...) run inline.
_BLOCK_TAGS: Final = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "tr", "table", "pre", "h1", "h2", "h3", "h4", "h5", "h6"}
)
_SKIPPED_TAGS: Final = frozenset({"script", "style", "head", "title"})
_SPACES: Final = re.compile(r"[ \t\f\v\u00a0\u200b]+")
_BLANK_LINES: Final = re.compile(r"\n{3,}")
# A tag cut off at the end ("<a href=..."), which the parser would hand back as text.
_CUT_TAG: Final = re.compile(r"<[A-Za-z/!?][^<>]*\Z")
# "<" as an entity is text the person typed; kept apart from stray markup while parsing.
_LESS_THAN_ENTITY: Final = re.compile(r"&(?:lt;?|LT;?|#0*60;|#[xX]0*3[cC];)")
_KEPT_LESS_THAN: Final = "\ue000"  # a private-use character: never in the text shown
# A "<" the parser left in the text that could still start a tag somewhere downstream.
_STRAY_TAG_START: Final = re.compile(r"<+(?=[A-Za-z/!?])")


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
Activity = Mapping[str, Any]
Reader = Callable[[Activity, datetime], Parsed]


# --- small readers --------------------------------------------------------------------------


def _map(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _str(value: object) -> str | None:
    """A non-empty string, else None: Teams leaves fields out, or sends them empty."""
    return value if isinstance(value, str) and value else None


def _conversation_id(activity: Activity) -> str | None:
    """The conversation's id without the thread Teams appends in channels."""
    found = _str(_map(activity.get("conversation")).get("id"))
    return None if found is None else found.partition(THREAD_MARK)[0]


def _thread_root(activity: Activity) -> str | None:
    """The thread a channel activity is in, from ";messageid=" in the conversation's id."""
    found = _str(_map(activity.get("conversation")).get("id"))
    return None if found is None else _str(found.partition(THREAD_MARK)[2])


def _user_id(activity: Activity) -> str | None:
    sender = _map(activity.get("from"))
    aad = _str(sender.get("aadObjectId"))
    return aad if aad is not None else _str(sender.get("id"))


def user_of(activity: Activity) -> str | None:
    """Who sent an activity: their Entra object id, as events carry it."""
    return _user_id(activity)


def _bot_id(activity: Activity) -> str | None:
    return _str(_map(activity.get("recipient")).get("id"))


def _from_a_bot(activity: Activity) -> bool:
    """The bot's own activity, or another bot's: never answered."""
    sender = _str(_map(activity.get("from")).get("id"))
    return sender is None or sender == _bot_id(activity) or sender.startswith(BOT_PREFIX)


def _personal(activity: Activity) -> bool:
    return _map(activity.get("conversation")).get("conversationType") == PERSONAL


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


def reference(activity: Activity) -> Reference | None:
    """Where any activity came from, as the adapter stores it; None if the activity lacks it."""
    conversation = _map(activity.get("conversation"))
    tenant = _str(_map(_map(activity.get("channelData")).get("tenant")).get("id"))
    if tenant is None:
        tenant = _str(conversation.get("tenantId"))
    service_url = _str(activity.get("serviceUrl"))
    conversation_id = _conversation_id(activity)
    bot_id = _bot_id(activity)
    kind = _str(conversation.get("conversationType"))
    if None in (tenant, service_url, conversation_id, bot_id, kind):
        return None
    try:
        parse_address(str(Conversation(str(service_url), str(conversation_id))))
    except ValueError:
        return None  # not an http(s) URL, or an id the port could not address
    data = _map(activity.get("channelData"))
    return Reference(
        service_url=str(service_url),
        conversation_id=str(conversation_id),
        tenant_id=str(tenant),
        bot_id=str(bot_id),
        conversation_type=str(kind),
        team_id=_str(_map(data.get("team")).get("id")),
        name=_str(_map(data.get("channel")).get("name")),
    )


# --- text -----------------------------------------------------------------------------------


class _PlainText(HTMLParser):
    """The text of Teams' HTML: tags dropped, entities decoded, quotes and scripts left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.quoted: list[str] = []  # ids of the messages quoted (a reply in a 1:1 chat)
        self._skipping: str | None = None
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skipping is not None:
            if tag == self._skipping:
                self._depth += 1  # the same tag nested inside: its end is not ours
            return
        found = dict(attrs)
        if tag == "blockquote" and found.get("itemtype") == QUOTE_SCHEMA:
            quoted = _str(found.get("itemid"))
            if quoted is not None:
                self.quoted.append(quoted)
            self._skip(tag)
        elif tag in _SKIPPED_TAGS:
            self._skip(tag)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # "<br/>" and friends: a line break, never the start of a skipped part.
        if self._skipping is None and tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self._skipping is not None:
            if tag == self._skipping:
                self._depth -= 1
                if self._depth == 0:
                    self._skipping = None
            return
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._skipping is None:
            self.parts.append(data)

    def _skip(self, tag: str) -> None:
        self._skipping, self._depth = tag, 1

    def text(self) -> str:
        lines = "".join(self.parts).replace("\r\n", "\n").replace("\r", "\n").split("\n")
        joined = "\n".join(_SPACES.sub(" ", line).strip() for line in lines)
        joined = _STRAY_TAG_START.sub("", joined).replace(_KEPT_LESS_THAN, "<")
        return _BLANK_LINES.sub("\n\n", joined).strip()


def _without_bot_mentions(text: str, activity: Activity) -> str:
    """``text`` without the ``<at>..</at>`` of mentions of the bot (which only address it)."""
    bot = _bot_id(activity)
    for entity in _mentions(activity):
        written = _str(entity.get("text"))
        if written is not None and _map(entity.get("mentioned")).get("id") == bot:
            text = text.replace(written, " ")
    return text


def _mentions(activity: Activity) -> list[Mapping[str, Any]]:
    entities = activity.get("entities")
    if not isinstance(entities, list):
        return []
    found = [_map(entity) for entity in entities]
    return [entity for entity in found if entity.get("type") == "mention"]


def _mentions_bot(activity: Activity) -> bool:
    bot = _bot_id(activity)
    return any(_map(entity.get("mentioned")).get("id") == bot for entity in _mentions(activity))


def plain_text(html: str) -> tuple[str, list[str]]:
    """(the plain text of Teams' message HTML, the ids of the messages it quotes)."""
    parser = _PlainText()
    html = _CUT_TAG.sub("", html.replace(_KEPT_LESS_THAN, ""))
    parser.feed(_LESS_THAN_ENTITY.sub(_KEPT_LESS_THAN, html))
    parser.close()
    return parser.text(), parser.quoted


def _quoted_entity(activity: Activity) -> str | None:
    """The message a quoted reply answers, from Teams' newer "quotedReply" entity."""
    entities = activity.get("entities")
    for entity in entities if isinstance(entities, list) else []:
        if _map(entity).get("type") == "quotedReply":
            return _str(_map(_map(entity).get("quotedReply")).get("messageId"))
    return None


def _thread(activity: Activity, quoted: list[str]) -> str | None:
    """The reference of the message this one answers: a reply, a quote, or a channel thread."""
    answered = _str(activity.get("replyToId"))
    if answered is None:
        answered = _quoted_entity(activity)
    if answered is None and quoted:
        answered = quoted[0]
    if answered is None:
        root = _thread_root(activity)
        # A new post in a channel is its own thread's root: it answers nothing.
        answered = None if root == activity.get("id") else root
    return message_ref(_conversation_id(activity), answered)


# --- the readers ----------------------------------------------------------------------------


def _message(activity: Activity, now: datetime) -> Parsed:
    event_id, user = _str(activity.get("id")), _user_id(activity)
    if event_id is None or user is None or _from_a_bot(activity):
        return None
    raw = activity.get("text")
    raw_text = raw if isinstance(raw, str) else ""
    if not raw_text.strip() and activity.get("value") is not None:
        return None  # a legacy Action.Submit: no card of ours sends one
    text, quoted = plain_text(_without_bot_mentions(raw_text, activity))
    thread = _thread(activity, quoted)
    personal = _personal(activity)
    if not personal and thread is None and not _mentions_bot(activity):
        return None  # chatter in a channel or group chat, not addressed to the bot
    return MessageIn(
        platform=Source.TEAMS,
        event_id=event_id,
        user_id=user,
        received_at=now,
        text=text,
        channel=None if personal else _conversation_id(activity),
        thread=thread,
    )


def _card_action(activity: Activity, now: datetime) -> Parsed:
    event_id, user = _str(activity.get("id")), _user_id(activity)
    value = _map(activity.get("value"))
    action = _map(value.get("action"))
    # "automatic" is a card's refresh, which no card of ours asks for.
    if event_id is None or user is None or value.get("trigger") == "automatic":
        return None
    card = message_ref(_conversation_id(activity), _str(activity.get("replyToId")))
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
    user, where = _user_id(activity), reference(activity)
    return None if user is None or where is None else Install(user, where)


def _uninstalled(activity: Activity) -> Parsed:
    """Only a 1:1 chat's removal: the app leaving a team leaves its members' chats alone."""
    user = _user_id(activity)
    return Uninstall(user) if user is not None and _personal(activity) else None


def _has_bot(activity: Activity, key: str) -> bool:
    members = activity.get(key)
    bot = _bot_id(activity)
    return isinstance(members, list) and any(_map(m).get("id") == bot for m in members)


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
    info = _map(value.get("uploadInfo"))
    fields = {
        "upload_url": _str(info.get("uploadUrl")),
        "content_url": _str(info.get("contentUrl")),
        "unique_id": _str(info.get("uniqueId")),
        "file_type": _str(info.get("fileType")),
        "name": _str(info.get("name")),
    }
    found = {k: v for k, v in fields.items() if v is not None}
    return UploadInfo(**found) if len(found) == len(fields) else None


def _file_consent(activity: Activity, _now: datetime) -> Parsed:
    """An Allow or Decline on a consent card of ours, in a 1:1 chat; else None.

    An Allow without the whole of ``uploadInfo`` cannot be carried out: it is ignored.
    """
    event_id, user = _str(activity.get("id")), _user_id(activity)
    value = _map(activity.get("value"))
    action = value.get("action")
    key = _str(_map(value.get("context")).get(CONSENT_CONTEXT))
    where, card = reference(activity), _str(activity.get("replyToId"))
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
