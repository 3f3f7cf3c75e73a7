"""A Teams tenant for tests: the real web app, activities of captured shapes in, signed as the
Bot Framework signs them, and a fake connector on a loopback port recording what goes out.

The BOCE example is loaded; its people are users of the fake tenant with their emails (those
with a ``teams:`` id in the programme file under that id, the others under one made of their
key), so the adapter links them the way it links real users. A team "BOCE" has a channel per
theme, named like the theme.
"""

from __future__ import annotations

import copy
import html
import json
import re
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx2 as httpx
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.engine.opening import Register, import_file
from bot.engine.sender import Sender, SendReport
from bot.run.http import create_app
from bot.teams.wiring import MESSAGES_PATH, TeamsRuntime, TeamsWorkers
from config.settings import Settings, TeamsSettings
from storage.db import make_engine, session_factory
from storage.models import Theme
from tests.conftest import BOCE, run_queued_jobs
from tests.fake_teams import APP_ID, APP_PASSWORD, TENANT, FakeConnector
from tests.fakes import platform_users
from tests.secret_keys import SECRETS
from words.clock import FixedClock
from words.domain import Source

PAYLOADS = Path(__file__).parent / "teams_payloads"
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")  # a backslash before ASCII punctuation


def payload(name: str) -> dict[str, Any]:
    """A captured activity from tests/teams_payloads, to change per test."""
    data: dict[str, Any] = json.loads((PAYLOADS / f"{name}.json").read_text(encoding="utf-8"))
    return copy.deepcopy(data)


def aad_id(person_key: str) -> str:
    """The fake tenant's object id of a BOCE person without a ``teams:`` id."""
    return f"aad-{person_key}"


def teams_settings(fake: FakeConnector) -> TeamsSettings:
    return TeamsSettings(
        client_id=APP_ID,
        client_secret=APP_PASSWORD,
        tenant_id=TENANT,
        service_url=fake.service_url,
        openid_url=fake.openid_url,
        login_url=fake.login_url,
    )


@dataclass
class TeamsWorld:
    fake: FakeConnector
    runtime: TeamsRuntime
    workers: TeamsWorkers  # the clock process's side, driven step by step by the tests
    http: TestClient
    register: Register
    clock: FixedClock
    team: str  # the BOCE team's id
    _counter: list[int] = field(default_factory=lambda: [0])

    # -- activities in ------------------------------------------------------------------------

    def post(
        self,
        activity: Mapping[str, Any],
        *,
        headers: Mapping[str, str] | None = None,
        **signing: Any,
    ) -> httpx.Response:
        """``activity`` as Teams sends it: JSON with a signed token (``signing``: see
        ``FakeConnector.mint``; ``headers`` replace the signed ones)."""
        sent = dict(self.fake.sign(dict(activity), **signing)) if headers is None else dict(headers)
        return self.http.post(MESSAGES_PATH, content=json.dumps(activity).encode(), headers=sent)

    def next_id(self) -> str:
        self._counter[0] += 1
        return f"{int(time.time() * 1000)}{self._counter[0]:04d}"

    def user(self, name: str) -> str:
        """The object id of the person called ``name`` (or with that person key)."""
        with self.register.sessions() as session:
            for user_id, _email, found, key in tenant(session):
                if name in (found, key):
                    return user_id
        raise LookupError(name)

    def chat(self, name: str) -> str:
        """The person's 1:1 conversation with the bot."""
        return self.fake.open_chat(self.user(name))

    def _personal(self, template: str, name: str, **changes: Any) -> dict[str, Any]:
        user = self.user(name)
        activity = payload(template)
        activity["id"] = self.next_id()
        activity["serviceUrl"] = self.fake.service_url
        activity["from"] = {"id": f"29:{user}", "name": name, "aadObjectId": user}
        activity["conversation"]["id"] = self.chat(name)
        activity["recipient"] = {"id": self.fake.bot_id, "name": "Voortgang"}
        activity.update(changes)
        return activity

    def message(self, name: str, text: str, *, reply_to: str | None = None) -> dict[str, Any]:
        """A message ``name`` typed in their chat with the bot, maybe replying to a card."""
        template = "message_personal" if reply_to is None else "message_reply_to_card"
        activity = self._personal(template, name, text=text)
        activity.pop("attachments", None)
        if reply_to is not None:
            activity["replyToId"] = reply_to
        return activity

    def card_action(self, name: str, card: str, data: Mapping[str, Any]) -> dict[str, Any]:
        """``name`` pressing a button (or submitting the form) of the card ``card``."""
        activity = self._personal("invoke_card_action_status", name, replyToId=card)
        verb = "vg.form" if "form" in data else f"vg.{data['action']}"
        activity["value"] = {
            "action": {"type": "Action.Execute", "verb": verb, "data": dict(data)},
            "trigger": "manual",
        }
        return activity

    def install(self, name: str) -> dict[str, Any]:
        return self._personal("installation_update_add", name)

    def uninstall(self, name: str) -> dict[str, Any]:
        return self._personal("installation_update_remove", name)

    def added_to_team(self, by: str) -> dict[str, Any]:
        """The app added to the BOCE team, by ``by``."""
        user = self.user(by)
        activity = payload("conversation_update_added_team")
        activity["id"] = self.next_id()
        activity["serviceUrl"] = self.fake.service_url
        activity["from"] = {"id": f"29:{user}", "aadObjectId": user}
        activity["conversation"]["id"] = self.team
        activity["channelData"]["team"]["id"] = self.team
        activity["recipient"] = {"id": self.fake.bot_id, "name": "Voortgang"}
        activity["membersAdded"] = [{"id": self.fake.bot_id}]
        return activity

    # -- the clock process --------------------------------------------------------------------

    def handle(self) -> int:
        handled = self.workers.worker.run_once()
        run_queued_jobs(self.register, self.clock)  # the letters the events asked for
        return handled

    def deliver(self) -> SendReport:
        """Handle what was stored and hand everything due in the outbox to the connector."""
        self.handle()
        return self.workers.sender.drain()

    @property
    def sender(self) -> Sender:
        return self.workers.sender

    def sent_to(self, name: str) -> list[dict[str, Any]]:
        """The bot's activities in ``name``'s chat, oldest first."""
        return [
            a for a in self.fake.activities(self.chat(name)) if a["from"]["id"] == self.fake.bot_id
        ]

    def in_channel(self, channel: str) -> list[dict[str, Any]]:
        return self.fake.activities(self.fake.channel_id(channel))

    # -- files ----------------------------------------------------------------------------------

    def file_consent(self, name: str, card: Mapping[str, Any], *, allow: bool) -> dict[str, Any]:
        """``name`` choosing Allow (or Decline) on the consent card in ``card``, the bot's
        activity in their chat; an Allow comes with an upload session on the fake."""
        consent = next(a for a in card["attachments"] if a["contentType"].endswith(".consent"))
        template = "invoke_file_consent_accept" if allow else "invoke_file_consent_decline"
        activity = self._personal(template, name, replyToId=card["id"])
        answer = "acceptContext" if allow else "declineContext"
        activity["value"]["context"] = dict(consent["content"][answer])
        if allow:
            activity["value"]["uploadInfo"] = self.fake.offer_upload(consent["name"])
        return activity

    def upload(self) -> int:
        """The clock process carries out the answers to consent cards that are due."""
        return self.workers.files.run_once()


def tenant(session: Session) -> list[tuple[str, str | None, str, str]]:
    """Every BOCE person as a user of the fake tenant: (object id, email, name, key)."""
    return platform_users(session, Source.TEAMS, aad_id)


def card_text(activity: Mapping[str, Any]) -> str:
    """Everything a person reads in an activity: its text and its card's text blocks, with
    the Markdown escapes and entities taken out as Teams shows them."""
    parts = [str(activity.get("text", ""))]

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for name in ("text", "title", "value"):
                value = node.get(name)
                if isinstance(value, str):
                    parts.append(value)
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(activity.get("attachments", []))
    text = "\n".join(p for p in parts if p)
    return html.unescape(_ESCAPED.sub(r"\1", text))


def open_world(db_url: str, clock: FixedClock, tmp_path: Path) -> Iterator[TeamsWorld]:
    """The world as a generator fixture body: import BOCE, start the fake and the app."""
    engine = make_engine(db_url)
    register = Register(engine, session_factory(engine), SECRETS)
    with FakeConnector() as fake:
        settings = Settings(
            database_url=db_url,
            example_programme=None,
            files_dir=tmp_path / "files",
            teams=teams_settings(fake),
        )
        import_file(register, BOCE, settings, clock)
        with register.sessions() as session:
            for user_id, email, name, _key in tenant(session):
                fake.add_user(user_id, name, email=email)
            themes = session.scalars(select(Theme.name).order_by(Theme.position)).all()
        team = fake.add_team("BOCE", tuple(themes))
        runtime = TeamsRuntime(register, clock, settings)
        workers = TeamsWorkers(register, clock, settings)
        app = create_app(register, clock, [runtime])
        with TestClient(app) as http:
            yield TeamsWorld(fake, runtime, workers, http, register, clock, team)
        workers.port.http.close()
    engine.dispose()
