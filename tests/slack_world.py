"""A Slack workspace for tests: the real web app with the real Bolt app, signed requests of real
payload shapes in, and a fake Web API on a loopback port recording what goes out.

The BOCE example is loaded; its people are in the fake workspace with their emails, so the
adapter links them the way it links real users (users.info, users.lookupByEmail).
"""

from __future__ import annotations

import copy
import json
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx2 as httpx
from fastapi.testclient import TestClient
from slack_sdk.signature import SignatureVerifier
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.engine.opening import Register, import_file
from bot.engine.runner import Runner
from bot.engine.sender import Sender, SendReport
from bot.run.http import create_app
from bot.slack.render import button_of
from bot.slack.wiring import EVENTS_PATH, SlackRuntime, SlackWorkers
from config.settings import Settings, SlackSettings
from storage.models import Person, Theme
from tests.conftest import BOCE, run_queued_jobs
from tests.fake_slack import Call, FakeSlack
from tests.fake_socket_mode import FakeSocketMode
from tests.fakes import platform_users
from words.clock import FixedClock
from words.domain import Source

SECRET = "test-signing-secret"
TOKEN = "xoxb-test-token"
APP_TOKEN = "xapp-1-A0VOORTGANG-test"  # Socket Mode's app-level token
FIRST_PINGS = datetime(2026, 11, 23, 8, 1, tzinfo=UTC)  # Monday 09:01 in Amsterdam
PAYLOADS = Path(__file__).parent / "slack_payloads"


def payload(name: str) -> dict[str, Any]:
    """A captured payload from tests/slack_payloads, to change per test."""
    data: dict[str, Any] = json.loads((PAYLOADS / f"{name}.json").read_text(encoding="utf-8"))
    return copy.deepcopy(data)


def slack_id(person_key: str) -> str:
    """The fake workspace's user id of a BOCE person: 'U' and the key in capitals."""
    return "U" + person_key.replace("-", "").upper()[:18]


@dataclass
class SlackWorld:
    fake: FakeSlack
    runtime: SlackRuntime
    workers: SlackWorkers  # the clock process's side, driven step by step by the tests
    http: TestClient
    register: Register
    clock: FixedClock

    # -- requests in ------------------------------------------------------------------------

    def send(
        self,
        body: str,
        content_type: str,
        *,
        timestamp: int | None = None,
        secret: str = SECRET,
        headers: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        moment = int(time.time()) if timestamp is None else timestamp
        signature = SignatureVerifier(secret).generate_signature(timestamp=str(moment), body=body)
        assert signature is not None
        sent: dict[str, str] = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": str(moment),
            "X-Slack-Signature": signature,
            **(headers or {}),
        }
        return self.http.post(EVENTS_PATH, content=body.encode(), headers=sent)

    def event(self, body: Mapping[str, Any], **options: Any) -> httpx.Response:
        return self.send(json.dumps(body), "application/json", **options)

    def interaction(self, body: Mapping[str, Any], **options: Any) -> httpx.Response:
        form = urlencode({"payload": json.dumps(body)})
        return self.send(form, "application/x-www-form-urlencoded", **options)

    def command(self, body: Mapping[str, str], **options: Any) -> httpx.Response:
        return self.send(urlencode(body), "application/x-www-form-urlencoded", **options)

    # -- work after the acknowledgement -------------------------------------------------------

    def settle(self) -> None:
        """Wait until the handling started after acknowledgements has finished."""
        portal = self.http.portal
        assert portal is not None
        portal.call(self.runtime.adapter.settle)

    def handle(self) -> int:
        """What the clock process does with stored events: handle them (the inbox worker)."""
        self.settle()
        handled = self.workers.worker.run_once()
        run_queued_jobs(self.register, self.clock)  # the letters the events asked for
        return handled

    def deliver(self) -> SendReport:
        """Handle what was stored and hand everything due in the outbox to the fake Web API."""
        self.handle()
        return self.workers.sender.drain()

    @property
    def sender(self) -> Sender:
        return self.workers.sender

    def posts(self, channel: str | None = None) -> list[dict[str, Any]]:
        calls = self.fake.calls("chat.postMessage")
        return [c.params for c in calls if channel is None or c.params.get("channel") == channel]

    def dm_channel(self, user_id: str) -> str:
        return f"D{user_id}"  # as the fake opens direct messages

    def user(self, name: str) -> str:
        """The Slack user id of the person called ``name``."""
        with self.register.sessions() as session:
            person = session.scalars(select(Person).where(Person.name == name)).one()
            for user_id, _email, found in workspace(session):
                if found == person.name:
                    return user_id
        raise LookupError(name)


def workspace(session: Session) -> list[tuple[str, str | None, str]]:
    """Every BOCE person as a Slack user: their id from the programme file, or one made of
    their key; with their email, which is how the adapter finds the others."""
    return [
        (user, email, name)
        for user, email, name, _ in platform_users(session, Source.SLACK, slack_id)
    ]


def slack_settings(fake: FakeSlack) -> SlackSettings:
    return SlackSettings(signing_secret=SECRET, bot_token=TOKEN, api_url=fake.url)


def open_world(db_url: str, clock: FixedClock, tmp_path: Path) -> Iterator[SlackWorld]:
    """The world as a generator fixture body: import BOCE, start the fake and the app."""
    with started_world(db_url, clock, tmp_path) as world:
        yield world


@contextmanager
def started_world(
    db_url: str,
    clock: FixedClock,
    tmp_path: Path,
    *,
    slack: Callable[[FakeSlack], SlackSettings] = slack_settings,
    prepare: Callable[[FakeSlack], None] | None = None,
) -> Iterator[SlackWorld]:
    """BOCE imported, the fake Web API filled with its people and channels (``prepare`` may
    script more), and the web app started with the settings ``slack`` makes for the fake.
    Leaving the block stops the app, as a shutdown of the web process does."""
    from storage.db import make_engine, session_factory

    engine = make_engine(db_url)
    register = Register(engine, session_factory(engine))
    try:
        with FakeSlack(TOKEN) as fake:
            if prepare is not None:
                prepare(fake)
            settings = Settings(
                database_url=db_url,
                example_programme=None,
                files_dir=tmp_path / "files",
                slack=slack(fake),
            )
            import_file(register, BOCE, settings, clock)
            fill_workspace(fake, register)
            runtime = SlackRuntime(register, clock, settings)
            workers = SlackWorkers(register, clock, settings)
            app = create_app(register, clock, [runtime])
            with TestClient(app) as http:
                yield SlackWorld(fake, runtime, workers, http, register, clock)
    finally:
        engine.dispose()


def socket_world(
    db_url: str,
    clock: FixedClock,
    tmp_path: Path,
    socket: FakeSocketMode,
    *,
    app_token: str = APP_TOKEN,
) -> AbstractContextManager[SlackWorld]:
    """The world in Socket Mode: the web app holds a connection to ``socket`` (the fake Web
    API hands its URL out for APP_TOKEN; the app presents ``app_token``) and serves no Slack
    endpoint."""
    return started_world(
        db_url,
        clock,
        tmp_path,
        slack=lambda fake: replace(slack_settings(fake), app_token=app_token),
        prepare=lambda fake: fake.socket_mode(APP_TOKEN, socket.issue),
    )


def fill_workspace(fake: FakeSlack, register: Register) -> None:
    """The register's people as users of the fake workspace (known by email, as Slack would,
    so the adapter can link them), its theme channels as channels."""
    fake.add_user("U0BOT", name="voortgang", is_bot=True)
    with register.sessions() as session:
        for user_id, email, name in workspace(session):
            fake.add_user(user_id, email=email, name=name)
        for channel in session.scalars(select(Theme.channel).where(Theme.channel != "")):
            fake.add_channel(channel)


def first_ping(world: SlackWorld, name: str) -> dict[str, Any]:
    """Let Monday's pings go out through Slack; the ping to ``name`` as posted (with its
    status buttons)."""
    world.runtime.adapter.link_everyone()
    Runner(world.register, world.clock, world.sender).advance_to(FIRST_PINGS)
    channel = world.dm_channel(world.user(name))
    pings = [m for m in world.fake.posted(channel) if "vg:status" in json.dumps(m.get("blocks"))]
    assert pings, f"no ping reached {name}"
    return pings[-1]


def button_in(message: Mapping[str, Any], action: str) -> tuple[str, str]:
    """The action id and value of the first ``action`` button ("status", "form") in a posted
    message."""
    blocks = message["blocks"]
    for block in json.loads(blocks) if isinstance(blocks, str) else blocks:
        for element in block.get("elements", []):
            if (
                element.get("type") == "button"
                and button_of(element["action_id"], element["value"])[0] == action
            ):
                return str(element["action_id"]), str(element["value"])
    raise AssertionError(f"no {action} button")


def form_submission(opened: Call, user: str, text: str, deadline: str) -> dict[str, Any]:
    """The captured view_submission payload: ``user`` submits the update form the bot opened
    (``opened``, its views.open call) with no status, ``text`` and ``deadline``."""
    view = opened.params["view"]
    view = json.loads(view) if isinstance(view, str) else view
    assert view["type"] == "modal"
    body = payload("view_submission")
    body["user"]["id"] = user
    body["view"]["private_metadata"] = view["private_metadata"]
    body["view"]["state"] = {
        "values": {
            "status": {"status": {"type": "static_select", "selected_option": None}},
            "text": {"text": {"type": "plain_text_input", "value": text}},
            "deadline": {"deadline": {"type": "plain_text_input", "value": deadline}},
        }
    }
    return body
