"""What the Teams adapter reads of an activity, checked before it is read.

``bot.teams.events`` reads activities defensively: a field of the wrong type counts as absent.
So an authenticated activity whose ``text`` was a number became a message without text, and
one whose ``from`` was a string was acknowledged and dropped. Here such an activity is named
for what it is: a bad request (400), logged in one line, with nothing stored.

A body that is not JSON, or not an object, cannot name the ``serviceUrl`` its token must have
been issued for; its token is still checked (``TeamsAuth.check_sender``), so that without a
valid one the answer stays 401 and says nothing about the body.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Final

from bot.teams.events import CARD_ACTION

# Where the adapter reads: a text is a string, an object a JSON object, a list a list of
# objects; each where present (Teams leaves fields out). "type" is the one always needed.
_TEXTS: Final = ("type", "id", "serviceUrl", "text", "replyToId", "name", "action")
_OBJECTS: Final = ("from", "recipient", "conversation", "channelData")
_LISTS: Final = ("entities", "membersAdded", "membersRemoved", "attachments")
# The strings inside those objects that the adapter reads.
_INNER_TEXTS: Final[dict[str, tuple[str, ...]]] = {
    "from": ("id", "aadObjectId", "name"),
    "recipient": ("id", "name"),
    "conversation": ("id", "conversationType", "tenantId"),
}
_CHANNEL_DATA: Final = ("tenant", "team", "channel")
INVOKE: Final = "invoke"


def read(body: bytes) -> tuple[Mapping[str, Any] | None, str | None]:
    """(the activity, None), or (None, why the body is none)."""
    try:
        found = json.loads(body)
    except (ValueError, RecursionError):  # RecursionError: JSON nested beyond reading
        return None, "the body is not JSON"
    if not isinstance(found, Mapping):
        return None, f"the body is {type(found).__name__}, not an object"
    return found, None


def activity_problem(activity: Mapping[str, Any]) -> str | None:
    """What the adapter could not read in ``activity`` as Teams sends it, or None."""
    if not isinstance(activity.get("type"), str):
        return "an activity without a type"
    checks = (_texts, _objects, _lists, _value)
    return next((p for check in checks if (p := check(activity)) is not None), None)


def _texts(activity: Mapping[str, Any]) -> str | None:
    wrong = [key for key in _TEXTS if not _text_or_absent(activity.get(key))]
    return f"{wrong[0]} is not a string" if wrong else None


def _text_or_absent(value: object) -> bool:
    return value is None or isinstance(value, str)


def _objects(activity: Mapping[str, Any]) -> str | None:
    for key in _OBJECTS:
        found = activity.get(key)
        if found is None:
            continue
        if not isinstance(found, Mapping):
            return f"{key} is not an object"
        wrong = [
            inner for inner in _INNER_TEXTS.get(key, ()) if not _text_or_absent(found.get(inner))
        ]
        if wrong:
            return f"{key}.{wrong[0]} is not a string"
    data = activity.get("channelData")
    if isinstance(data, Mapping):
        for key in _CHANNEL_DATA:
            part = data.get(key)
            if part is not None and not isinstance(part, Mapping):
                return f"channelData.{key} is not an object"
    return None


def _lists(activity: Mapping[str, Any]) -> str | None:
    for key in _LISTS:
        found = activity.get(key)
        if found is None:
            continue
        if not isinstance(found, list) or not all(isinstance(item, Mapping) for item in found):
            return f"{key} is not a list of objects"
    return None


def _value(activity: Mapping[str, Any]) -> str | None:
    """An invoke carries its data in ``value``: an object, and for a card's button or form
    an object ``action`` in it."""
    if activity.get("type") != INVOKE:
        return None
    value = activity.get("value")
    if not isinstance(value, Mapping):
        return "an invoke whose value is not an object"
    if activity.get("name") == CARD_ACTION and not isinstance(value.get("action"), Mapping):
        return "a card's action whose value.action is not an object"
    return None
