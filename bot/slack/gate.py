"""What reaches the Bolt app: signed requests whose body has the shape of a Slack payload.

Bolt reads a request's body before it checks the signature, and reads into it expecting the
shapes Slack sends. So an unsigned body that is not JSON, a timestamp header that is not a
number, or a signed body whose ``event`` is a string raised inside Bolt or the server: a 500
and a traceback in the log. Each request to /slack/events is checked here first, in the
order Slack's signature rules imply:

- no timestamp or signature, a timestamp that is not a number or more than five minutes off,
  or a signature that does not match: 401, as Bolt answers a forged request;
- signed, but a body that is neither JSON nor a form (the two content types Slack sends), not
  UTF-8, not JSON (or a form whose ``payload`` is not), not an object, an object of no kind
  (no ``type``, no ``command``), or one Bolt or the adapter would trip over: 400.

Either way with one line in the log (the web process logs it), no traceback and nothing
stored. A body that passes is read again by Bolt, which checks the signature once more.

Socket Mode has no signatures (the connection is authenticated) but its envelopes carry the
same payloads: ``payload_problem`` is the shape check for both.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import parse_qsl

from bot.slack.render import submitted
from words.errors import FormPayloadError
from words.numbers import DIGITS

SIGNATURE_VERSION: Final = "v0"
MAX_AGE: Final = 60 * 5  # seconds: Slack's rule, and Bolt's
_MAX_TIMESTAMP_DIGITS: Final = 12  # seconds since 1970 have ten digits until the year 2286

# Where Bolt (building a request's context, matching listeners) and the adapter read into a
# payload. An id is a string or an object with a string "id"; an object is a JSON object;
# a list is a list of objects; a text is a string. Each where present: Slack leaves many out.
_IDS: Final = ("enterprise", "team", "user", "channel")
_OBJECTS: Final = (
    "event",
    "view",
    "message",
    "previous_message",
    "container",
    "state",
    "item",
    "assistant_thread",
    "function_data",
    "workflow_step",
)
_LISTS: Final = ("actions", "authorizations", "response_urls")
_TEXTS: Final = (
    "type",
    "subtype",
    "command",
    "callback_id",
    "private_metadata",
    "action_id",
    "block_id",
    "value",
    "user_id",
    "team_id",
    "channel_id",
    "enterprise_id",
    "trigger_id",
    "event_id",
    "ts",
    "thread_ts",
    "action_ts",
    "message_ts",
    "bot_id",
    "channel_type",
    "tab",
    "user_team",
    "response_url",
    "hash",
    "challenge",
)
# The objects Bolt looks into for ids, with the same rules: an event, the message an edit
# changed, a reaction's item, an authorization.
_NESTED: Final = ("event", "message", "previous_message", "item", "assistant_thread")
# Which kinds of payload need which parts, for Bolt's listener matching and our listeners.
_REQUIRED: Final[dict[str, tuple[str, ...]]] = {
    "event_callback": ("event",),
    "block_actions": ("actions", "user"),
    "view_submission": ("view", "user"),
    "view_closed": ("view", "user"),
}
# Our modal (bot.slack.app.FORM_CALLBACK): its private metadata is always ours.
OUR_FORM: Final = "vg_form"
JSON: Final = "application/json"
FORM: Final = "application/x-www-form-urlencoded"


@dataclass(frozen=True, slots=True)
class Refusal:
    """The answer to a request that does not reach Bolt, and why, for the log."""

    status: int
    reason: str


def refusal(
    secret: str, headers: Mapping[str, str], body: bytes, content_type: str | None, now: float
) -> Refusal | None:
    """Why this request to /slack/events is refused, or None to hand it to Bolt.

    ``headers`` are looked up in lower case; ``now`` is the time in seconds since 1970.
    """
    unsigned = _unsigned(secret, headers, body, now)
    if unsigned is not None:
        return Refusal(401, unsigned)
    problem = body_problem(body, content_type)
    return None if problem is None else Refusal(400, problem)


def _unsigned(secret: str, headers: Mapping[str, str], body: bytes, now: float) -> str | None:
    timestamp = headers.get("x-slack-request-timestamp")
    signature = headers.get("x-slack-signature")
    if timestamp is None or signature is None:
        return "no timestamp or signature"
    if len(timestamp) > _MAX_TIMESTAMP_DIGITS or DIGITS.fullmatch(timestamp) is None:
        return "the timestamp is not a number"
    if abs(now - int(timestamp)) > MAX_AGE:
        return "the timestamp is more than five minutes off"
    # The signature is over the bytes as they came: no decoding can fail before it is checked.
    base = f"{SIGNATURE_VERSION}:{timestamp}:".encode() + body
    digest = hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    expected = f"{SIGNATURE_VERSION}={digest}".encode()
    if not hmac.compare_digest(expected, signature.encode("utf-8", "surrogateescape")):
        return "the signature does not match"
    return None


def body_problem(body: bytes, content_type: str | None) -> str | None:
    """What is wrong with a signed body, read as Bolt reads it; None when Bolt may have it."""
    kind = None if content_type is None else content_type.split(";")[0].strip().lower()
    if kind not in (JSON, FORM):
        return f"the content type is {kind}, neither JSON nor a form"
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return "the body is not UTF-8"
    try:
        payload = _parsed(text, kind)
    except (ValueError, RecursionError):  # RecursionError: JSON nested beyond reading
        return "the body is not JSON, nor a form with a JSON payload"
    return payload_problem(payload)


def _parsed(text: str, kind: str) -> object:
    """The body as Bolt parses it (slack_bolt.request.internals.parse_body): JSON when it says
    so or looks like it, else a form, whose "payload" field holds the JSON."""
    if not text:
        return {}
    if kind == JSON or text.startswith("{"):
        return json.loads(text)
    form = dict(parse_qsl(text, keep_blank_values=True))
    if "payload" in text:  # Bolt's own test: the word anywhere in the body
        payload = form.get("payload")
        return {} if payload is None else json.loads(payload)
    return form


def payload_problem(payload: object) -> str | None:
    """What makes ``payload`` no Slack payload Bolt and the adapter can read, or None."""
    if not isinstance(payload, Mapping):
        return f"the payload is {type(payload).__name__}, not an object"
    if "event" in payload and not isinstance(payload["event"], Mapping):
        return "payload.event is not an object"  # Bolt reads body.get("event", {}) everywhere
    problem = _shape(payload, "payload")
    if problem is not None:
        return problem
    if not any(key in payload for key in ("type", "command", "ssl_check")):
        return "a payload of no kind: no type, command or ssl_check"
    kind = payload.get("type")
    for part in _REQUIRED.get(kind if isinstance(kind, str) else "", ()):
        if payload.get(part) in (None, [], {}):
            return f"{kind} without {part}"
    return _kind_problem(payload)


def _shape(found: Mapping[str, Any], where: str) -> str | None:
    return next(_shape_problems(found, where), None)


def _shape_problems(found: Mapping[str, Any], where: str) -> Iterator[str]:
    for key, value in found.items():
        problem = None if value is None else _field_problem(key, value, f"{where}.{key}")
        if problem is not None:
            yield problem
    for key in _NESTED:
        inner = found.get(key)
        if isinstance(inner, Mapping):
            yield from _shape_problems(inner, f"{where}.{key}")


def _field_problem(key: str, value: object, where: str) -> str | None:
    if key in _TEXTS:
        return None if isinstance(value, str) else f"{where} is not a string"
    if key in _IDS:
        return _id_problem(value, where)
    if key in _OBJECTS:
        return None if isinstance(value, Mapping) else f"{where} is not an object"
    if key in _LISTS:
        return _list_problem(value, where)
    return None


def _id_problem(value: object, where: str) -> str | None:
    if isinstance(value, str):
        return None
    if not isinstance(value, Mapping):
        return f"{where} is neither a string nor an object"
    found = value.get("id")
    return None if found is None or isinstance(found, str) else f"{where}.id is not a string"


def _list_problem(value: object, where: str) -> str | None:
    if not isinstance(value, list) or not all(isinstance(item, Mapping) for item in value):
        return f"{where} is not a list of objects"
    inner = (_shape(item, f"{where}[{number}]") for number, item in enumerate(value))
    return next((problem for problem in inner if problem is not None), None)


def _kind_problem(payload: Mapping[str, Any]) -> str | None:
    """What the listener of this kind of payload (Bolt's matching, then ours) would trip on."""
    checks = (_event_problem, _actions_problem, _view_problem, _user_problem, _command_problem)
    return next((p for check in checks if (p := check(payload)) is not None), None)


def _event_problem(payload: Mapping[str, Any]) -> str | None:
    event = payload.get("event")
    if payload.get("type") != "event_callback" or not isinstance(event, Mapping):
        return None
    if "type" not in event:
        return "an event without a type"
    text = event.get("text")
    return None if text is None or isinstance(text, str) else "an event's text is not a string"


def _actions_problem(payload: Mapping[str, Any]) -> str | None:
    if payload.get("type") != "block_actions":
        return None
    unnamed = any("action_id" not in action for action in payload["actions"])
    return "an action without an action_id" if unnamed else None


def _view_problem(payload: Mapping[str, Any]) -> str | None:
    kind, view = payload.get("type"), payload.get("view")
    if kind not in ("view_submission", "view_closed") or not isinstance(view, Mapping):
        return None
    if not isinstance(view.get("type"), str) or not isinstance(view.get("callback_id"), str):
        return "a view without its type or callback_id"
    if kind == "view_submission" and view["callback_id"] == OUR_FORM:
        try:
            submitted(view)
        except (FormPayloadError, RecursionError) as err:
            return f"a submitted form that is not ours: {err}"
    return None


def _user_problem(payload: Mapping[str, Any]) -> str | None:
    kind, user = payload.get("type"), payload.get("user")
    if kind not in ("block_actions", "view_submission", "view_closed"):
        return None
    found = user.get("id") if isinstance(user, Mapping) else user
    return None if isinstance(found, str) else f"a {kind} without the user's id"


def _command_problem(payload: Mapping[str, Any]) -> str | None:
    if "command" not in payload:
        return None
    user, text = payload.get("user_id"), payload.get("text", "")
    if isinstance(user, str) and isinstance(text, str):
        return None
    return "a command without the user's id or its text"
