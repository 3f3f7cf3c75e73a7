"""The fake's workspaces and OAuth exchange answer as Slack does, to a real slack_sdk client."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from tests.fake_slack import TEAM, TOKEN
from tests.fake_slack_oauth import FakeWorkspaces


@pytest.fixture
def fake() -> Iterator[FakeWorkspaces]:
    with FakeWorkspaces() as server:
        server.oauth_app("1.2", "secret")
        yield server


def error_of(call: Callable[[], object]) -> str:
    """The Slack error ``call`` is answered with."""
    with pytest.raises(SlackApiError) as caught:
        call()
    return str(caught.value.response["error"])


def test_a_code_is_exchanged_once_for_its_workspaces_bot_token(fake: FakeWorkspaces) -> None:
    fake.grant("c1", "T0DRENTHE", "xoxb-drenthe", installer="UADMIN")
    client = WebClient(base_url=fake.url)
    answer = client.oauth_v2_access(client_id="1.2", client_secret="secret", code="c1")
    assert answer["access_token"] == "xoxb-drenthe"
    assert answer["team"] == {"id": "T0DRENTHE", "name": "T0DRENTHE"}
    assert answer["authed_user"]["id"] == "UADMIN"
    assert WebClient("xoxb-drenthe", base_url=fake.url).auth_test()["team_id"] == "T0DRENTHE"
    again = error_of(
        lambda: client.oauth_v2_access(client_id="1.2", client_secret="secret", code="c1")
    )
    assert again == "invalid_code"


def test_wrong_client_credentials_are_refused(fake: FakeWorkspaces) -> None:
    fake.grant("c1", "T0DRENTHE", "xoxb-drenthe", installer="UADMIN")
    client = WebClient(base_url=fake.url)
    assert (
        error_of(lambda: client.oauth_v2_access(client_id="9.9", client_secret="secret", code="c1"))
        == "invalid_client_id"
    )
    assert (
        error_of(lambda: client.oauth_v2_access(client_id="1.2", client_secret="nope", code="c1"))
        == "bad_client_secret"
    )
    assert (
        error_of(lambda: WebClient("xoxb-drenthe", base_url=fake.url).auth_test()) == "invalid_auth"
    )


def test_each_token_sees_its_own_workspace(fake: FakeWorkspaces) -> None:
    fake.grant("c1", "T0DRENTHE", "xoxb-drenthe", installer="UADMIN")
    WebClient(base_url=fake.url).oauth_v2_access(client_id="1.2", client_secret="secret", code="c1")
    fake.add_member("U0ROB", "T0DRENTHE", email="rob@example.org")
    fake.add_user("U0WIM", email="wim@example.org")  # the default workspace
    drenthe, home = (
        WebClient("xoxb-drenthe", base_url=fake.url),
        WebClient(TOKEN, base_url=fake.url),
    )
    assert drenthe.users_lookupByEmail(email="rob@example.org")["user"]["id"] == "U0ROB"
    assert error_of(lambda: home.users_lookupByEmail(email="rob@example.org")) == "users_not_found"
    assert error_of(lambda: drenthe.users_info(user="U0WIM")) == "user_not_found"
    assert error_of(lambda: drenthe.conversations_open(users="U0WIM")) == "user_not_found"
    fake.add_team_channel("drenthe-wonen", "T0DRENTHE")
    fake.add_channel("boce-wonen")
    assert [c["name"] for c in drenthe.conversations_list()["channels"]] == ["drenthe-wonen"]
    assert [c["name"] for c in home.conversations_list()["channels"]] == ["boce-wonen"]
    calls = fake.calls("conversations.list")
    assert [fake.team_of(c) for c in calls] == ["T0DRENTHE", TEAM]
