"""Which bot token speaks where: one workspace's, or each OAuth-installed workspace's from the
installation store; the sender names each delivery's workspace and the clock process's port
writes with that workspace's token. On both databases."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pytest
from slack_sdk import WebClient
from slack_sdk.oauth.installation_store import Installation

from bot.engine.opening import Register
from bot.engine.sender import Sender
from bot.slack.events import parse, team_of
from bot.slack.workspaces import WorkspacePort, Workspaces
from config.settings import SlackSettings
from storage.db import transaction
from storage.models import Identity, Programme
from storage.outbox import OutboxWriter
from storage.slack_installs import installation_store
from tests.fakes import add_person
from tests.secret_keys import SECRETS
from words.chat.delivery import Delivery, DeliveryKind
from words.chat.messages import Message
from words.chat.outgoing import ToChannel, ToPerson
from words.clock import FixedClock
from words.domain import Source
from words.errors import DeliveryError, Unreachable

CLIENT = "1234.5678"
SINGLE = SlackSettings(signing_secret="s", bot_token="xoxb-single")
OAUTH = SlackSettings(signing_secret="s", client_id=CLIENT, client_secret="c")


def install(register: Register, team: str, token: str, when: int = 0) -> None:
    """``team`` installs the app, as Bolt's OAuth flow saves it."""
    installation_store(register.engine, CLIENT, SECRETS).save(
        Installation(
            app_id="A0VOORTGANG",
            team_id=team,
            team_name=f"Werkruimte {team}",
            bot_token=token,
            bot_id=f"B{team}",
            bot_user_id=f"UBOT{team}",
            bot_scopes="chat:write,im:write",
            user_id=f"UADMIN{team}",
            installed_at=float(1_700_000_000 + when),
        )
    )


# -- tokens ----------------------------------------------------------------------------------


def test_one_workspace_has_one_token_whatever_is_named(register: Register) -> None:
    workspaces = Workspaces(SINGLE, register.engine)
    assert not workspaces.oauth
    assert workspaces.token(None) == workspaces.token("T0ANY") == "xoxb-single"
    assert workspaces.teams() == [None]


def test_installed_workspaces_each_have_their_own_newest_token(register: Register) -> None:
    workspaces = Workspaces(OAUTH, register.engine, SECRETS)
    assert workspaces.token(None) is None  # installed nowhere yet
    assert workspaces.teams() == []
    install(register, "T0EMMEN", "xoxb-emmen-1")
    assert workspaces.token(None) == "xoxb-emmen-1"  # the only one, when none is named
    install(register, "T0DRENTHE", "xoxb-drenthe", when=10)
    assert workspaces.token(None) is None  # two: a programme has to say which
    assert workspaces.token("T0DRENTHE") == "xoxb-drenthe"
    assert workspaces.token("T0ELDERS") is None
    install(register, "T0EMMEN", "xoxb-emmen-2", when=20)  # installed again: a new token
    assert workspaces.token("T0EMMEN") == "xoxb-emmen-2"
    assert workspaces.teams() == ["T0EMMEN", "T0DRENTHE"]  # first installed first


# -- the port --------------------------------------------------------------------------------


@dataclass
class TokenPort:
    """A SlackPort stand-in that says which token delivered what."""

    client: WebClient
    delivered: list[str] = field(default_factory=list)

    def deliver(self, delivery: Delivery) -> str:
        self.delivered.append(delivery.key)
        return f"{self.client.token}:{delivery.key}"

    def find(self, key: str, delivery: Delivery) -> str | None:
        return f"found-by:{self.client.token}"


def port_of(register: Register) -> tuple[WorkspacePort, list[TokenPort]]:
    made: list[TokenPort] = []

    def make(client: WebClient) -> Any:
        made.append(TokenPort(client))
        return made[-1]

    return WorkspacePort(Workspaces(OAUTH, register.engine, SECRETS), 5, make), made


def dm(key: str, workspace: str | None) -> Delivery:
    return Delivery(key, DeliveryKind.DM, "U1", "Rob", message=Message("x"), workspace=workspace)


def test_the_port_writes_with_the_token_of_the_deliverys_workspace(register: Register) -> None:
    install(register, "T0EMMEN", "xoxb-emmen")
    install(register, "T0DRENTHE", "xoxb-drenthe", when=1)
    port, made = port_of(register)
    assert port.deliver(dm("a", "T0EMMEN")) == "xoxb-emmen:a"
    assert port.deliver(dm("b", "T0DRENTHE")) == "xoxb-drenthe:b"
    assert port.deliver(dm("c", "T0EMMEN")) == "xoxb-emmen:c"
    assert port.find("c", dm("c", "T0DRENTHE")) == "found-by:xoxb-drenthe"
    assert [p.delivered for p in made] == [["a", "c"], ["b"]]  # one port per token, kept
    install(register, "T0EMMEN", "xoxb-emmen-new", when=2)
    assert port.deliver(dm("d", "T0EMMEN")) == "xoxb-emmen-new:d"


def test_where_the_app_is_not_installed_a_person_is_unreachable(register: Register) -> None:
    install(register, "T0EMMEN", "xoxb-emmen")
    install(register, "T0DRENTHE", "xoxb-drenthe", when=1)
    port, made = port_of(register)
    with pytest.raises(Unreachable, match="not installed in workspace T0ELDERS"):
        port.deliver(dm("a", "T0ELDERS"))
    with pytest.raises(Unreachable, match="names none"):
        port.deliver(dm("b", None))  # two workspaces and the programme names neither
    post = Delivery("c", DeliveryKind.CHANNEL, "boce", "boce", message=Message("x"))
    with pytest.raises(DeliveryError, match="names none") as caught:
        port.deliver(post)
    assert caught.value.permanent
    assert not isinstance(caught.value, Unreachable)  # a channel is no person to list
    assert made == []


# -- the sender names the workspace -----------------------------------------------------------


@dataclass
class Recording:
    platform: Source = Source.SLACK
    delivered: list[Delivery] = field(default_factory=list)

    def deliver(self, delivery: Delivery) -> str:
        self.delivered.append(delivery)
        return f"D1:{len(self.delivered)}.0"

    def find(self, key: str, delivery: Delivery) -> str | None:
        return None


def test_a_delivery_goes_to_the_recipients_workspace_else_the_programmes(
    register: Register, clock: FixedClock
) -> None:
    with transaction(register.sessions) as session:
        programme = Programme(key="boce", name="BOCE", slack_workspace="T0BOCE")
        session.add(programme)
        session.flush()
        seen = add_person(session, "Rob Jansen", slack="U0ROB")
        from_file = add_person(session, "Wim Schepers", slack="U0WIM")
        identity = session.query(Identity).filter_by(external_id="U0ROB").one()
        identity.workspace = "T0ELDERS"  # learnt from an event of Rob's
        out = OutboxWriter(session, clock.now(), programme.id)
        out.send("rob", ToPerson(seen), Message("x"))
        out.send("wim", ToPerson(from_file), Message("x"))
        out.send("post", ToChannel("boce-wonen"), Message("x"))
        OutboxWriter(session, clock.now()).send("loose", ToPerson(from_file), Message("x"))
    port = Recording()
    Sender(register, port, clock, "test").run_once()
    assert {d.key: d.workspace for d in port.delivered} == {
        "rob": "T0ELDERS",
        "wim": "T0BOCE",
        "post": "T0BOCE",
        "loose": None,
    }


# -- events say where they came from ---------------------------------------------------------


NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


def test_every_kind_of_payload_names_its_workspace() -> None:
    message = {
        "type": "event_callback",
        "team_id": "T0EMMEN",
        "event_id": "Ev1",
        "event": {
            "type": "message",
            "channel_type": "im",
            "user": "U1",
            "text": "hoi",
            "ts": "1.0",
        },
    }
    found = parse(message, NOW)
    assert found is not None
    assert found.workspace == "T0EMMEN"
    assert team_of({"team": {"id": "T0DRENTHE"}, "user": {"id": "U1"}}) == "T0DRENTHE"
    assert team_of({"user": {"id": "U1", "team_id": "T0COEVORDEN"}}) == "T0COEVORDEN"
    assert team_of({"command": "/voortgang", "team_id": "T0BO"}) == "T0BO"
    assert team_of({"team_id": ""}) is None
