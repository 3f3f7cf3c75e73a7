"""What arrives from a chat platform, as Voortgang's own types.

Each adapter (console, Slack, Teams) turns its raw payloads into one of these; handlers never
see platform JSON. ``event_id`` is the platform's own id for the delivery (Slack event_id,
Teams activity id), so a retried delivery is recognised and handled once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from typing import Any

from words.cleantext import clean_mapping, clean_text
from words.domain import Source


@dataclass(frozen=True, slots=True, kw_only=True)
class Inbound:
    platform: Source
    event_id: str
    user_id: str  # the person's id on the platform (console: the person's database id)
    received_at: datetime
    # Where the user is, on a platform with several (a Slack workspace's team id).
    workspace: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class MessageIn(Inbound):
    """A message a person typed: in a DM (channel None) or a channel, maybe in a thread."""

    text: str
    channel: str | None = None
    # The platform's reference of the bot message this one replies to in a thread.
    thread: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ButtonIn(Inbound):
    """A button pressed on one of the bot's messages."""

    action: str  # what the button does, e.g. "status"
    value: str  # the button's payload, e.g. "12:done"
    message: str | None = None  # reference of the message holding the button


@dataclass(frozen=True, slots=True, kw_only=True)
class FormIn(Inbound):
    """A submitted form (Slack modal, Teams Adaptive Card)."""

    form: str  # the form's id, e.g. "update"
    context: str = ""  # what the form was opened for, e.g. an action number
    values: Mapping[str, str] = field(default_factory=dict)
    message: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class CommandIn(Inbound):
    """A command given explicitly (Slack's /voortgang), its words after the command name."""

    text: str


Event = MessageIn | ButtonIn | FormIn | CommandIn


def clean_event(event: Event) -> Event:
    """``event`` with every text in it cleaned (``words.cleantext``): what was typed, the
    values of a form and the ids the platform gave. The same event when nothing changed."""
    changed: dict[str, Any] = {}
    for item in fields(event):
        value = getattr(event, item.name)
        if isinstance(value, str):
            cleaned: object = clean_text(value)
        elif isinstance(value, Mapping):
            cleaned = clean_mapping(value)
        else:
            continue
        if cleaned != value:
            changed[item.name] = cleaned
    return replace(event, **changed) if changed else event
