"""Finding a delivery again in a conversation's recent messages, by the outbox key it carries.

Every message the port posts carries its outbox key as message metadata (``EVENT_TYPE``); a
file cannot, so it is recognised by its name and size among the recent files instead.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any, Final

from slack_sdk import WebClient
from slack_sdk.web import SlackResponse

from bot.slack.client import next_cursor, slack_errors
from words.chat.messages import File

EVENT_TYPE: Final = "voortgang_outbox"
# find pages back through a conversation to the moment the message was queued (Slack's
# ``oldest``), a page at a time, at most this far: a fan-out that went on while the lease of a
# dead sender ran buries its message under many later ones.
HISTORY_LIMIT: Final = 200
HISTORY_PAGES: Final = 25
QUEUED_MARGIN: Final = timedelta(minutes=10)  # clocks differ; looking further back is harmless
THREAD_PAGE: Final = 200
THREAD_PAGES: Final = 5  # a thread longer than 1000 messages is searched no further


def recent(
    client: WebClient, channel: str, thread_ts: str | None, since: datetime | None
) -> list[dict[str, Any]]:
    """The conversation's messages since ``since`` (its latest, without), or the whole
    thread of a thread reply."""
    if thread_ts is None:
        return _history(client, channel, since)
    return _pages(
        "conversations.replies",
        lambda cursor: client.conversations_replies(
            channel=channel,
            ts=thread_ts,
            include_all_metadata=True,
            limit=THREAD_PAGE,
            cursor=cursor,
        ),
        THREAD_PAGES,
    )


def _history(client: WebClient, channel: str, since: datetime | None) -> list[dict[str, Any]]:
    oldest = None if since is None else f"{(since - QUEUED_MARGIN).timestamp():.6f}"
    return _pages(
        "conversations.history",
        lambda cursor: client.conversations_history(
            channel=channel,
            include_all_metadata=True,
            limit=HISTORY_LIMIT,
            oldest=oldest,
            cursor=cursor,
        ),
        HISTORY_PAGES if since is not None else 1,
    )


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
        cursor = next_cursor(response)
        if cursor is None:
            break
    return found


def _messages(response: SlackResponse) -> list[dict[str, Any]]:
    messages = response.get("messages")
    if not isinstance(messages, list):
        return []
    return [m for m in messages if isinstance(m, dict) and isinstance(m.get("ts"), str)]


def is_delivery(message: Mapping[str, Any], key: str, file: File | None) -> bool:
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
