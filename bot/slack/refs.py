"""Where delivered Slack messages are: the references the port hands out and reads back.

A delivered message is known as "<conversation id>:<ts>" (``message_ref``), the form Slack's
events name a message by too, so a reply in a thread finds its outbox row. A file whose message
Slack did not report yet (it shares uploads asynchronously) is known as
"<conversation id>:file:<file id>"; nothing can be threaded under or update such a file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from bot.slack.events import message_ref

TS: Final = re.compile(r"\d+\.\d+")
FILE_MARK: Final = "file"


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
