"""Installs through OAuth, end to end: workspaces add the app with "Add to Slack" (the install
page, Slack's approval faked by a redirect with a code, the exchange at the fake Web API's
oauth.v2.access), their tokens are stored, signed requests from each workspace are answered
with that workspace's token, and an uninstalled workspace is written to no more. On both
databases."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from bot.engine.opening import Register, import_file
from bot.engine.runner import Runner
from bot.run.http import create_app
from bot.slack.app import INSTALL_PATH, REDIRECT_PATH, bot_scopes
from bot.slack.wiring import SlackRuntime, SlackWorkers
from config.settings import Settings, SlackSettings
from storage.db import transaction
from storage.models import (
    SLACK_BOTS,
    SLACK_INSTALLATIONS,
    Identity,
    Person,
    PersonUnreachable,
    Programme,
)
from storage.outbox import OutboxWriter
from tests.conftest import BOCE
from tests.fake_slack import FakeSlack
from tests.secret_keys import SECRETS
from tests.slack_oauth_app import AUTHORIZE_URL, CLIENT_ID, CLIENT_SECRET, authorize_link
from tests.slack_world import FIRST_PINGS, SECRET, SlackWorld, payload, workspace
from words.chat.messages import Message
from words.chat.outgoing import ToPerson
from words.clock import FixedClock

EMMEN, DRENTHE = "T0EMMEN", "T0DRENTHE"
TOKENS = {EMMEN: "xoxb-emmen", DRENTHE: "xoxb-drenthe"}
NOT_YET = "xoxb-never-used"  # the fake needs a token of its own; nobody installed with it


@pytest.fixture
def world(db_url: str, clock: FixedClock, tmp_path: Path) -> Iterator[SlackWorld]:
    """BOCE, and a Slack app that no workspace has installed yet; its people are users of
    Emmen's workspace, except Rob Jansen, who is in Drenthe's."""
    from storage.db import make_engine, session_factory

    engine = make_engine(db_url)
    register = Register(engine, session_factory(engine), SECRETS)
    try:
        with FakeSlack(NOT_YET) as fake:
            fake.oauth_app(CLIENT_ID, CLIENT_SECRET)
            slack = SlackSettings(
                signing_secret=SECRET,
                client_id=CLIENT_ID,
                client_secret=CLIENT_SECRET,
                api_url=fake.url,
                authorize_url=AUTHORIZE_URL,
            )
            settings = Settings(
                database_url=db_url,
                example_programme=None,
                files_dir=tmp_path / "files",
                slack=slack,
            )
            import_file(register, BOCE, settings, clock)
            with register.sessions() as session:
                users = workspace(session)
                channels = [
                    t.channel
                    for p in session.scalars(
                        select(Programme).options(selectinload(Programme.themes))
                    )
                    for t in p.themes
                ]
            for user_id, email, name in users:
                team = DRENTHE if name == "Rob Jansen" else EMMEN
                fake.add_user(user_id, email=email, name=name, team=team)
            for channel in channels:
                if channel:
                    fake.add_channel(channel, team=EMMEN)
            runtime = SlackRuntime(register, clock, settings)
            workers = SlackWorkers(register, clock, settings)
            # https, as in production: the install page's state cookie is a Secure one.
            app = create_app(register, clock, [runtime])
            with TestClient(app, base_url="https://testserver") as http:
                yield SlackWorld(fake, runtime, workers, http, register, clock)
    finally:
        engine.dispose()


def install(world: SlackWorld, team: str, code: str) -> None:
    """An admin of ``team`` opens the install page, approves, and Slack sends them back."""
    world.fake.grant(code, team, TOKENS[team], installer=f"UADMIN{team}")
    page = world.http.get(INSTALL_PATH, follow_redirects=False)
    assert page.status_code == 200
    state = authorize_link(page.text)["state"][0]
    answer = world.http.get(REDIRECT_PATH, params={"code": code, "state": state})
    assert answer.status_code == 200, answer.text


def tokens_of(world: SlackWorld) -> dict[str, str]:
    """The stored bot tokens by workspace, decrypted."""
    with world.register.engine.connect() as connection:
        rows = connection.execute(select(SLACK_BOTS.c.team_id, SLACK_BOTS.c.bot_token))
        return {str(team): SECRETS.decrypt(str(token)) for team, token in rows}


def direct_message(world: SlackWorld, user: str, team: str, text: str) -> dict[str, object]:
    body = payload("message_im")
    body["team_id"] = team
    body["event"].update(user=user, text=text, channel=world.dm_channel(user), ts=f"{time.time()}")
    body["event_id"] = f"Ev{team}{time.time_ns()}"
    body.pop("authorizations", None)
    return body


# -- installing ------------------------------------------------------------------------------


def test_the_install_page_asks_slack_for_the_manifests_scopes(world: SlackWorld) -> None:
    page = world.http.get(INSTALL_PATH)
    assert page.status_code == 200
    query = authorize_link(page.text)
    assert query["client_id"] == [CLIENT_ID]
    assert query["scope"][0].split(",") == bot_scopes()
    assert "chat:write" in bot_scopes()
    assert query["state"][0]


def test_an_approved_install_stores_the_workspaces_bot_token(world: SlackWorld) -> None:
    install(world, EMMEN, "code-emmen")
    [exchange] = world.fake.calls("oauth.v2.access")
    assert exchange.params["code"] == "code-emmen"
    assert tokens_of(world) == {EMMEN: TOKENS[EMMEN]}
    install(world, DRENTHE, "code-drenthe")
    assert tokens_of(world) == TOKENS


def test_an_installed_workspaces_token_is_stored_encrypted(world: SlackWorld) -> None:
    install(world, EMMEN, "code-emmen")
    with world.register.engine.connect() as connection:
        stored = [
            str(value)
            for table in (SLACK_BOTS, SLACK_INSTALLATIONS)
            for row in connection.execute(select(table))
            for value in row
            if value is not None
        ]
    assert not any(TOKENS[EMMEN] in value for value in stored)
    assert tokens_of(world) == {EMMEN: TOKENS[EMMEN]}


def test_a_forged_or_reused_state_installs_nothing(world: SlackWorld) -> None:
    world.fake.grant("code-1", EMMEN, TOKENS[EMMEN], installer="UADMIN")
    forged = world.http.get(REDIRECT_PATH, params={"code": "code-1", "state": "made-up"})
    assert forged.status_code >= 400
    page = world.http.get(INSTALL_PATH)
    state = authorize_link(page.text)["state"][0]
    assert world.http.get(REDIRECT_PATH, params={"code": "code-1", "state": state}).is_success
    world.fake.grant("code-2", EMMEN, "xoxb-second", installer="UADMIN")
    again = world.http.get(REDIRECT_PATH, params={"code": "code-2", "state": state})
    assert again.status_code >= 400
    assert tokens_of(world) == {EMMEN: TOKENS[EMMEN]}


# -- working in several workspaces --------------------------------------------------------


def test_each_workspace_is_answered_with_its_own_token(world: SlackWorld) -> None:
    install(world, EMMEN, "code-emmen")
    install(world, DRENTHE, "code-drenthe")
    world.runtime.adapter.link_everyone()
    rob, fatima = world.user("Rob Jansen"), world.user("Fatima El Amrani")
    for user, team in ((rob, DRENTHE), (fatima, EMMEN)):
        assert world.event(direct_message(world, user, team, "mijn acties")).status_code == 200
    world.deliver()
    answers = {c.params["channel"]: c.team for c in world.fake.calls("chat.postMessage")}
    assert answers == {world.dm_channel(rob): DRENTHE, world.dm_channel(fatima): EMMEN}
    with world.register.sessions() as session:
        found = dict(
            session.execute(select(Person.name, Identity.workspace).join(Identity.person)).all()
        )
    assert found["Rob Jansen"] == DRENTHE
    assert found["Fatima El Amrani"] == EMMEN


def test_pings_go_out_through_each_persons_workspace(world: SlackWorld) -> None:
    install(world, EMMEN, "code-emmen")
    install(world, DRENTHE, "code-drenthe")
    with world.register.sessions() as session, session.begin():
        session.scalars(select(Programme)).one().slack_workspace = EMMEN
    world.workers.chore()  # the clock process finds the new workspaces' people
    Runner(world.register, world.clock, world.sender).advance_to(FIRST_PINGS)
    teams = {c.params["channel"]: c.team for c in world.fake.calls("chat.postMessage")}
    assert teams, "no pings went out"
    rob = world.dm_channel(world.user("Rob Jansen"))
    assert teams.pop(rob) == DRENTHE
    assert set(teams.values()) == {EMMEN}


def test_an_uninstalled_workspace_is_written_to_no_more(world: SlackWorld) -> None:
    install(world, EMMEN, "code-emmen")
    install(world, DRENTHE, "code-drenthe")
    world.runtime.adapter.link_everyone()
    uninstalled = payload("message_im")
    uninstalled.update(
        team_id=DRENTHE,
        event_id="EvUninstalled",
        event={"type": "app_uninstalled", "event_ts": f"{time.time()}"},
    )
    uninstalled.pop("authorizations", None)
    assert world.event(uninstalled).status_code == 200
    assert tokens_of(world) == {EMMEN: TOKENS[EMMEN]}
    # A message for Rob has nowhere to go: he is listed as unreachable, not retried for ever.
    with transaction(world.register.sessions) as session:
        programme = session.scalars(select(Programme)).one()
        rob = session.scalars(select(Person).where(Person.name == "Rob Jansen")).one()
        OutboxWriter(session, world.clock.now(), programme.id).send(
            "to-rob", ToPerson(rob.id), Message("Hoe staat het?")
        )
    world.fake.clear()
    report = world.sender.drain()
    assert report.failed == 1
    assert world.fake.calls("chat.postMessage") == []
    with world.register.sessions() as session:
        [mark] = session.scalars(select(PersonUnreachable))
        assert mark.person_id == rob.id
        assert "not installed in workspace T0DRENTHE" in mark.reason
