"""The web app for tests: the BOCE example on a scratch register, the app with every page group
mounted (as the web process mounts it), and clients signed in as a given person.

``WebWorld.client()`` talks https to the in-process app (the session cookie is Secure); a
client signs in either through the real link flow (``sign_in_by_link``: the form, the queued
message, the link the sender makes, the button) or at once (``sign_in``: a session started in
storage, for tests about something else).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from bot.engine.opening import Register, import_file
from bot.engine.routing import Planner
from bot.run.http import create_app
from bot.web.app import WebApp
from bot.web.core.site import Site
from config.settings import Settings
from storage import web_sessions
from storage.db import transaction
from storage.models import Membership, OutboxMessage, Person, Programme
from storage.outbox import message_of
from tests.brief_chat import report
from tests.conftest import BOTH, database_url
from words.chat.delivery import Delivery
from words.clock import FixedClock
from words.domain import Source

BASE_URL = "https://testserver"
PUBLIC_URL = "https://voortgang.test"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@pytest.fixture(name="db_url", params=BOTH)
def both_databases(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> str:
    """For a test module that must run on both databases where its folder's pages run on
    SQLite alone (the browser flows): ``from tests.web_app import both_databases``."""
    return database_url(request, tmp_path, sqlite_template)


def csrf_of(html: str) -> str:
    found = CSRF.search(html)
    assert found is not None, "no CSRF field on the page"
    return found.group(1)


@dataclass
class WebWorld:
    register: Register
    clock: FixedClock
    settings: Settings
    site: Site
    app: FastAPI
    people: dict[str, int] = field(default_factory=dict)  # membership key → person id

    def client(self) -> TestClient:
        return TestClient(self.app, base_url=BASE_URL, follow_redirects=False)

    def person_id(self, who: str) -> int:
        return self.people[who]

    def sign_in(self, client: TestClient, who: str) -> TestClient:
        """``client`` signed in as ``who`` (a membership key such as "wim-bos")."""
        with transaction(self.register.sessions) as session:
            token = web_sessions.start(session, self.people[who], "link", self.clock.now())
        client.cookies.set(self.site.session_cookie, self.site.signer.sign(token))
        return client

    def signed_in(self, who: str) -> TestClient:
        return self.sign_in(self.client(), who)

    def sign_in_link(self, email: str) -> str | None:
        """The link the newest sign-in message to ``email``'s person carries, as the sender
        makes it when delivering (the token is minted then, not when queued)."""
        with transaction(self.register.sessions) as session:
            person = session.scalar(select(Person).where(Person.email == email.lower()))
            if person is None:
                return None
            rows = session.scalars(
                select(OutboxMessage)
                .where(OutboxMessage.person_id == person.id)
                .order_by(OutboxMessage.id.desc())
            ).all()
            row = next((r for r in rows if (m := message_of(r)) and m.signs_in), None)
            if row is None:
                return None
            planner = Planner((Source.EMAIL,), PUBLIC_URL)
            plan = planner.plan(session, [row])[0]
            assert isinstance(plan, Delivery), plan
            made = planner.mint(session, row, plan, self.clock.now())
            return made.form_url

    def report(self, key: str, text: str, owner: str = "rob-jansen") -> None:
        """An update with words on action ``key`` by ``owner``, two days ago, as from chat."""
        with self.register.sessions.begin() as session:
            report(session, self.clock, key, owner, text)

    def sign_in_by_link(self, client: TestClient, email: str) -> TestClient:
        """The whole flow: ask for a link, open it, press the button."""
        page = client.get("/inloggen")
        client.post("/inloggen", data={"email": email, "csrf": csrf_of(page.text)})
        link = self.sign_in_link(email)
        assert link is not None, f"no sign-in link went to {email}"
        path = link.removeprefix(PUBLIC_URL)
        confirm = client.get(path)
        answer = client.post(path, data={"csrf": csrf_of(confirm.text)})
        assert answer.status_code == 303, answer.text
        return client


def make_web_world(
    register: Register,
    clock: FixedClock,
    settings: Settings,
    programme: Path | None,
    *,
    local: bool = False,
) -> WebWorld:
    if programme is not None:
        import_file(register, programme, settings, clock)
    site = Site(register, clock, settings, local=local)
    app = create_app(register, clock, [WebApp(site)])
    with register.sessions() as session:
        rows = session.execute(select(Membership.key, Membership.person_id).join(Programme))
        people = {str(key): int(person) for key, person in rows.all()}
    return WebWorld(register, clock, settings, site, app, people)
