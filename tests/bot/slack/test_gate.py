"""bot.slack.gate: what reaches the Bolt app on /slack/events, and what is refused before it.

Real requests into the web app and the real Bolt app, signed with the app's signing secret
over the exact bytes sent, on both databases: a timestamp that is no number is refused 401, a
signed but malformed body 400, each with one line in the log, no traceback, nothing stored.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx2 as httpx
import pytest

from bot.slack.gate import body_problem, payload_problem, refusal
from bot.slack.wiring import EVENTS_PATH
from tests.fakes import events_stored
from tests.slack_world import PAYLOADS, SECRET, SlackWorld, open_world, payload
from words.clock import FixedClock

JSON = "application/json"
FORM = "application/x-www-form-urlencoded"


@pytest.fixture
def world(db_url: str, clock: FixedClock, tmp_path: Path) -> Iterator[SlackWorld]:
    yield from open_world(db_url, clock, tmp_path)


def signature(body: bytes, timestamp: str, secret: str = SECRET) -> str:
    """Slack's signature: over the request's bytes as they are, whatever they hold."""
    base = f"v0:{timestamp}:".encode() + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def post(world: SlackWorld, body: bytes, content_type: str, **headers: str) -> httpx.Response:
    moment = str(int(time.time()))
    sent = {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": moment,
        "X-Slack-Signature": signature(body, moment),
    }
    sent.update({name.replace("_", "-"): value for name, value in headers.items()})
    return world.http.post(EVENTS_PATH, content=body, headers=sent)


def stored(world: SlackWorld) -> int:
    return events_stored(world.register)


def logged(caplog: pytest.LogCaptureFixture) -> list[str]:
    """What was logged at warning or above; fails on any traceback."""
    assert [r for r in caplog.records if r.exc_info] == [], "a traceback was logged"
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


def form(body: Any) -> bytes:
    return urlencode({"payload": body if isinstance(body, str) else json.dumps(body)}).encode()


def submission(metadata: str) -> dict[str, Any]:
    body = payload("view_submission")
    body["view"]["private_metadata"] = metadata
    return body


def event_callback(event: object) -> dict[str, Any]:
    body = payload("message_im")
    body["event"] = event
    return body


def actions(value: object) -> dict[str, Any]:
    body = payload("block_actions")
    body["actions"] = value
    return body


# -- the timestamp and the signature ---------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {"X-Slack-Request-Timestamp": "abc"},  # no signature either
        {"X-Slack-Request-Timestamp": "abc", "X-Slack-Signature": "v0=00"},
        {"X-Slack-Request-Timestamp": "1e9", "X-Slack-Signature": "v0=00"},
        {"X-Slack-Request-Timestamp": "-1", "X-Slack-Signature": "v0=00"},
        {"X-Slack-Request-Timestamp": "9" * 5000, "X-Slack-Signature": "v0=00"},
        {"X-Slack-Signature": "v0=00"},
        {},
    ],
)
def test_a_timestamp_that_is_no_number_or_none_is_refused_without_a_traceback(
    world: SlackWorld, caplog: pytest.LogCaptureFixture, headers: dict[str, str]
) -> None:
    caplog.set_level(logging.INFO)
    response = world.http.post(
        EVENTS_PATH, content=b"\xff{junk", headers={"Content-Type": JSON, **headers}
    )
    assert response.status_code == 401
    assert stored(world) == 0
    [line] = logged(caplog)
    assert line.startswith("slack: request refused (401): ")


def test_unsigned_junk_is_refused_401_before_it_is_read(
    world: SlackWorld, caplog: pytest.LogCaptureFixture
) -> None:
    moment = str(int(time.time()))
    for body in (b"\xff\xfe", b"{not json", b"[1, 2]", b"null"):
        headers = {
            "Content-Type": JSON,
            "X-Slack-Request-Timestamp": moment,
            "X-Slack-Signature": signature(body, moment, secret="not-the-secret"),
        }
        response = world.http.post(EVENTS_PATH, content=body, headers=headers)
        assert response.status_code == 401
    assert stored(world) == 0
    assert logged(caplog) == ["slack: request refused (401): the signature does not match"] * 4


# -- signed, but not a Slack payload ---------------------------------------------------------


MALFORMED: list[tuple[str, bytes, str]] = [
    ("bad JSON", b"{not json", JSON),
    ("a JSON array", b"[1, 2]", JSON),
    ("JSON null", b"null", JSON),
    ("a JSON string", b'"event_callback"', JSON),
    ("not UTF-8", b'{"type": "event_callback", "x": "\xff"}', JSON),
    ("JSON nested beyond reading", b"[" * 100_000, JSON),
    ("an empty object", b"{}", JSON),
    ("a form whose payload is not JSON", form("{nope"), FORM),
    ("a form whose payload is an array", form("[1]"), FORM),
    ("a form whose payload is null", form("null"), FORM),
    ("an empty form", b"", FORM),
    ("octet-stream", b"\x00\x01\x02", "application/octet-stream"),
    (
        "JSON as octet-stream",
        json.dumps(payload("message_im")).encode(),
        "application/octet-stream",
    ),
    ("JSON as text", json.dumps(payload("message_im")).encode(), "text/plain"),
    ("event as a string", json.dumps(event_callback("message")).encode(), JSON),
    ("event as a list", json.dumps(event_callback(["message"])).encode(), JSON),
    ("event null", json.dumps(event_callback(None)).encode(), JSON),
    ("an event without a type", json.dumps(event_callback({"text": "x"})).encode(), JSON),
    (
        "an event's user a number",
        json.dumps(event_callback({**payload("message_im")["event"], "user": 5})).encode(),
        JSON,
    ),
    (
        "an event's text a number",
        json.dumps(event_callback({**payload("message_im")["event"], "text": 5})).encode(),
        JSON,
    ),
    ("actions a string", form(actions("status")), FORM),
    ("actions of strings", form(actions(["status"])), FORM),
    ("an action without its id", form(actions([{"value": "1:done"}])), FORM),
    ("a modal's metadata not JSON", form(submission("not json")), FORM),
    ("a modal's metadata not ours", form(submission('{"form": 1}')), FORM),
    ("a modal's metadata an array", form(submission("[1, 2]")), FORM),
    ("a modal without a user", form({**submission("{}"), "user": None}), FORM),
    ("a command without a user", urlencode({"command": "/voortgang", "text": "x"}).encode(), FORM),
]


@pytest.mark.parametrize(
    ("body", "content_type"), [case[1:] for case in MALFORMED], ids=[case[0] for case in MALFORMED]
)
def test_a_signed_malformed_body_is_a_bad_request_that_stores_nothing(
    world: SlackWorld, caplog: pytest.LogCaptureFixture, body: bytes, content_type: str
) -> None:
    caplog.set_level(logging.INFO)
    response = post(world, body, content_type)
    assert response.status_code == 400
    assert stored(world) == 0
    [line] = logged(caplog)
    assert line.startswith("slack: request refused (400): ")
    world.deliver()
    assert world.posts() == []


def test_after_a_bad_request_the_next_good_one_is_stored(world: SlackWorld) -> None:
    assert post(world, b"[1, 2]", JSON).status_code == 400
    rob = world.user("Rob Jansen")
    body = payload("message_im")
    body["event"].update(user=rob, channel=world.dm_channel(rob), text="mijn acties")
    assert post(world, json.dumps(body).encode(), JSON).status_code == 200
    assert stored(world) == 1


def test_the_url_verification_still_gets_its_challenge(world: SlackWorld) -> None:
    body = json.dumps({"type": "url_verification", "challenge": "c0ffee", "token": "t"}).encode()
    response = post(world, body, "application/json; charset=utf-8")
    assert response.status_code == 200
    assert response.json() == {"challenge": "c0ffee"}


# -- the checks themselves -------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(PAYLOADS.glob("*.json")), ids=lambda p: p.stem)
def test_every_captured_payload_passes(path: Path) -> None:
    body = json.loads(path.read_text(encoding="utf-8"))
    if body.get("type") == "view_submission":
        body["view"]["private_metadata"] = '{"form": "update", "context": "14", "meta": ""}'
    assert payload_problem(body) is None
    if "command" in body:
        assert body_problem(urlencode(body).encode(), FORM) is None
    elif body.get("type") == "event_callback":
        assert body_problem(json.dumps(body).encode(), JSON) is None
    else:
        assert body_problem(form(body), f"{FORM}; charset=utf-8") is None


def test_a_request_with_the_right_signature_within_five_minutes_passes() -> None:
    body = json.dumps(payload("message_im")).encode()
    now = time.time()
    moment = str(int(now) - 299)
    headers = {"x-slack-request-timestamp": moment, "x-slack-signature": signature(body, moment)}
    assert refusal(SECRET, headers, body, JSON, now) is None
    stale = str(int(now) - 301)
    headers = {"x-slack-request-timestamp": stale, "x-slack-signature": signature(body, stale)}
    refused = refusal(SECRET, headers, body, JSON, now)
    assert refused is not None
    assert refused.status == 401
