"""Slack payloads as Voortgang's own events, through one dispatch table.

Each kind of payload Voortgang listens to (a DM, a reply in a thread of one of the bot's
messages, a mention, a button, a submitted modal, the /voortgang command) has one function
that turns it into a ``words.chat.inbound`` type; everything else (edits, deletions, other bots,
the bot's own messages, chatter in channels) is ignored. Handlers never see Slack JSON.

Text as typed. Slack sends what people type with "&", "<" and ">" as "&amp;", "&lt;" and
"&gt;", so that a "<" always starts its own markup: mentions (``<@U123>``), channels
(``<#C123|boce>``), broadcasts (``<!here>``) and links (``<https://…|label>``). The text of a
message or a command is decoded here, after the markup is set apart: the markup stays as
Slack wrote it (``words.chat.mentions`` shows it as names and links), everything else becomes what
the person typed, so "Kosten &gt; begroting &amp; planning" is stored as "Kosten > begroting &
planning", and a typed "<@U123>" (sent as "&lt;@U123&gt;") is text, not a mention. What is
typed in a form's input comes as typed, and is left alone. Every event's texts are cleaned
(``words.chat.inbound.clean_event``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Final

from bot.slack.render import button_of, submitted
from words.chat.inbound import ButtonIn, CommandIn, Event, FormIn, MessageIn, clean_event
from words.chat.mentions import slack_unescaped
from words.cleantext import clean_text
from words.domain import Source
from words.errors import FormPayloadError, NotOursError

# Message subtypes that are not somebody typing: edits, deletions, joins, bots.
IGNORED_SUBTYPES: Final = frozenset(
    {
        "bot_message",
        "message_changed",
        "message_deleted",
        "message_replied",
        "channel_join",
        "channel_leave",
        "channel_topic",
        "channel_purpose",
        "channel_name",
        "thread_broadcast",
        "ekm_access_denied",
    }
)
MENTION: Final = re.compile(r"^\s*<@[A-Z0-9]+>[\s:,]*")
# Slack's markup in text it sends; a "<" typed by a person comes as "&lt;".
MARKUP: Final = re.compile(r"<[^<>]*>")


def typed(text: str) -> str:
    """Slack's text as the person typed it: entities decoded outside Slack's own markup, the
    markup itself kept as Slack wrote it. One pass, so a typed "&lt;" stays "&lt;"."""
    if "&" not in text:
        return text  # nothing was escaped: most messages
    parts: list[str] = []
    done = 0
    for markup in MARKUP.finditer(text):
        parts += [slack_unescaped(text[done : markup.start()]), markup.group()]
        done = markup.end()
    parts.append(slack_unescaped(text[done:]))
    return "".join(parts)


def message_ref(channel: str, ts: str) -> str:
    """A Slack message as the outbox and events refer to it: "D024BE91L:1700000000.000100"."""
    return f"{channel}:{ts}"


def split_ref(ref: str) -> tuple[str, str]:
    channel, _, ts = ref.partition(":")
    return channel, ts


@dataclass(frozen=True, slots=True)
class Home:
    """Someone opened the bot's App Home tab: show their page (not an event to store)."""

    user_id: str
    workspace: str | None = None


Parsed = Event | Home | None
Reader = Callable[[Mapping[str, Any], datetime, str | None], Parsed]


def _message(body: Mapping[str, Any], now: datetime, bot_user: str | None) -> Parsed:
    event = body["event"]
    if event.get("subtype") in IGNORED_SUBTYPES or event.get("bot_id") or "user" not in event:
        return None
    if bot_user is not None and event["user"] == bot_user:
        return None
    channel = str(event.get("channel", ""))
    thread_ts = event.get("thread_ts")
    in_dm = event.get("channel_type") == "im"
    if not in_dm and thread_ts is None:
        return None  # channel chatter: only replies in a thread of ours are for the bot
    return MessageIn(
        platform=Source.SLACK,
        event_id=str(body.get("event_id") or message_ref(channel, str(event["ts"]))),
        user_id=str(event["user"]),
        received_at=now,
        text=typed(str(event.get("text", ""))),
        channel=None if in_dm else channel,
        thread=None if thread_ts is None else message_ref(channel, str(thread_ts)),
    )


def _mention(body: Mapping[str, Any], now: datetime, bot_user: str | None) -> Parsed:
    event = body["event"]
    if event.get("bot_id") or "user" not in event:
        return None
    channel = str(event.get("channel", ""))
    thread_ts = event.get("thread_ts")
    return MessageIn(
        platform=Source.SLACK,
        event_id=str(body.get("event_id") or message_ref(channel, str(event["ts"]))),
        user_id=str(event["user"]),
        received_at=now,
        text=typed(MENTION.sub("", str(event.get("text", "")))),
        channel=channel,
        thread=None if thread_ts is None else message_ref(channel, str(thread_ts)),
    )


def _home(body: Mapping[str, Any], _now: datetime, _bot_user: str | None) -> Parsed:
    event = body["event"]
    home = event.get("tab", "home") == "home"
    return Home(clean_text(str(event["user"]))) if home else None


EVENT_READERS: Final[dict[str, Reader]] = {
    "message": _message,
    "app_mention": _mention,
    "app_home_opened": _home,
}


def _event_callback(body: Mapping[str, Any], now: datetime, bot_user: str | None) -> Parsed:
    reader = EVENT_READERS.get(str(body.get("event", {}).get("type", "")))
    return None if reader is None else reader(body, now, bot_user)


def _container_ref(body: Mapping[str, Any]) -> str | None:
    container = body.get("container") or {}
    channel = container.get("channel_id") or (body.get("channel") or {}).get("id")
    ts = container.get("message_ts") or (body.get("message") or {}).get("ts")
    return None if channel is None or ts is None else message_ref(str(channel), str(ts))


def _block_actions(body: Mapping[str, Any], now: datetime, _bot_user: str | None) -> Parsed:
    actions = body.get("actions") or []
    if not actions:
        return None
    pressed = actions[0]
    try:
        action, value = button_of(str(pressed.get("action_id", "")), str(pressed.get("value", "")))
    except NotOursError:
        return None
    user = str(body["user"]["id"])
    # Interactions carry no event id; the moment of the press identifies it, per person.
    event_id = f"action:{user}:{pressed.get('action_ts', body.get('trigger_id', ''))}"
    return ButtonIn(
        platform=Source.SLACK,
        event_id=event_id,
        user_id=user,
        received_at=now,
        action=action,
        value=value,
        message=_container_ref(body),
    )


def _view_submission(body: Mapping[str, Any], now: datetime, _bot_user: str | None) -> Parsed:
    view = body.get("view") or {}
    try:
        form, context, values = submitted(view)
    except FormPayloadError:
        return None
    user = str(body["user"]["id"])
    return FormIn(
        platform=Source.SLACK,
        event_id=f"view:{view.get('id', '')}:{view.get('hash', '')}",
        user_id=user,
        received_at=now,
        form=form,
        context=context,
        values=values,
    )


def _command(body: Mapping[str, Any], now: datetime, _bot_user: str | None) -> Parsed:
    return CommandIn(
        platform=Source.SLACK,
        event_id=f"command:{body.get('trigger_id', '')}",
        user_id=str(body["user_id"]),
        received_at=now,
        text=typed(str(body.get("text", ""))),
    )


READERS: Final[dict[str, Reader]] = {
    "event_callback": _event_callback,
    "block_actions": _block_actions,
    "view_submission": _view_submission,
    "command": _command,
}


def kind_of(body: Mapping[str, Any]) -> str:
    """The payload's kind: its ``type``, or "command" for a slash command."""
    if "command" in body and "type" not in body:
        return "command"
    return str(body.get("type", ""))


def parse(body: Mapping[str, Any], now: datetime, bot_user: str | None = None) -> Parsed:
    """The neutral event in a Slack payload, ``Home`` for the App Home tab, or None to ignore.

    ``bot_user`` is the bot's own user id, whose messages are never answered. The event names
    the workspace it came from, so the clock process answers with that workspace's token.
    Its texts are cleaned: a NUL in one event never fails the others stored with it.
    """
    reader = READERS.get(kind_of(body))
    if reader is None:
        return None
    try:
        found = reader(body, now, bot_user)
    except (KeyError, TypeError, AttributeError):
        return None  # a payload shape we do not know: ignored, never a crash
    if found is None:
        return None
    placed = replace(found, workspace=team_of(body))
    return placed if isinstance(placed, Home) else clean_event(placed)


def team_of(body: Mapping[str, Any]) -> str | None:
    """The workspace (team id) a payload came from: events and commands name it at the top,
    interactions in ``team`` (or their user's ``team_id``)."""
    team = body.get("team_id")
    if not isinstance(team, str):
        block = body.get("team")
        team = block.get("id") if isinstance(block, dict) else None
    if not isinstance(team, str):
        user = body.get("user")
        team = user.get("team_id") if isinstance(user, dict) else None
    return team if isinstance(team, str) and team else None
