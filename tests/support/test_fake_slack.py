"""tests.fake_slack: the fake Web API answers a real slack_sdk WebClient the way Slack does."""

from __future__ import annotations

import asyncio
import base64
import http.client
import logging
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.authorization.async_authorize import AsyncInstallationStoreAuthorize
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.oauth.async_oauth_flow import AsyncOAuthFlow
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.oauth.installation_store import FileInstallationStore, Installation
from slack_sdk.oauth.state_store import FileOAuthStateStore
from slack_sdk.web.async_client import AsyncWebClient

from tests.fake_slack import (
    APP_ID,
    BOT_ID,
    BOT_USER,
    OAUTH_ACCESS,
    TEAM,
    UPLOAD,
    Call,
    FakeSlack,
)

DRENTHE, EMMEN = "T0DRENTHE", "T0EMMEN"
DRENTHE_TOKEN, EMMEN_TOKEN = "xoxb-drenthe", "xoxb-emmen"
CLIENT_ID, CLIENT_SECRET = "1111.2222", "oauth-client-secret"


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        fake.add_user("U1", email="Rob@Example.org", name="Rob Jansen")
        fake.add_channel("boce-omgevingswet", "C0000BOCE")
        yield fake


@pytest.fixture
def client(slack: FakeSlack) -> WebClient:
    return WebClient(token=slack.token, base_url=slack.url, retry_handlers=[])


def error_of(err: SlackApiError) -> tuple[int, str]:
    return err.response.status_code, err.response["error"]


def test_the_url_is_a_loopback_api_base(slack: FakeSlack) -> None:
    assert slack.url == f"http://127.0.0.1:{slack.port}/api/"


def test_stopping_twice_is_harmless() -> None:
    fake = FakeSlack().start()
    fake.stop()
    fake.stop()
    with pytest.raises(RuntimeError):
        _ = fake.url


def test_every_call_is_recorded_with_the_bot_token(slack: FakeSlack, client: WebClient) -> None:
    client.auth_test()
    client.conversations_open(users="U1")
    assert [c.method for c in slack.calls()] == ["auth.test", "conversations.open"]
    call = slack.calls("conversations.open")[0]
    assert call.params == {"users": "U1"}
    assert call.headers["Authorization"] == f"Bearer {slack.token}"
    assert (call.status, call.error) == (200, None)
    slack.clear()
    assert slack.calls() == []


def test_a_wrong_token_is_refused(slack: FakeSlack) -> None:
    not_ours = "xoxb-not-ours"  # a wrong token on purpose
    wrong = WebClient(token=not_ours, base_url=slack.url, retry_handlers=[])
    with pytest.raises(SlackApiError) as raised:
        wrong.auth_test()
    assert error_of(raised.value) == (200, "invalid_auth")
    assert slack.calls("auth.test")[0].error == "invalid_auth"


def test_no_token_is_not_authed(slack: FakeSlack) -> None:
    with pytest.raises(SlackApiError) as raised:
        WebClient(base_url=slack.url, retry_handlers=[]).auth_test()
    assert error_of(raised.value) == (200, "not_authed")


def test_an_unknown_method(client: WebClient) -> None:
    with pytest.raises(SlackApiError) as raised:
        client.api_call("chat.teleport")
    assert error_of(raised.value) == (200, "unknown_method")


def test_posting_keeps_the_message_with_its_metadata(slack: FakeSlack, client: WebClient) -> None:
    dm = client.conversations_open(users="U1")["channel"]["id"]
    assert dm == "DU1"
    metadata = {"event_type": "voortgang_outbox", "event_payload": {"key": "k1"}}
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "Hoi"}}]
    first = client.chat_postMessage(channel=dm, text="Hoi", blocks=blocks, metadata=metadata)
    second = client.chat_postMessage(channel=dm, text="Nog eens")
    assert first["ts"] == "1700000000.000100"
    assert float(second["ts"]) > float(first["ts"])
    assert first["channel"] == dm
    sent = slack.calls("chat.postMessage")[0].params
    assert sent["blocks"] == blocks
    assert sent["metadata"] == metadata
    [kept, _] = slack.posted(dm)
    assert (kept["text"], kept["metadata"], kept["user"]) == ("Hoi", metadata, BOT_USER)


def test_history_is_newest_first_with_metadata_only_when_asked(
    slack: FakeSlack, client: WebClient
) -> None:
    channel = "C0000BOCE"
    metadata = {"event_type": "t", "event_payload": {"key": "k"}}
    for n in range(3):
        client.chat_postMessage(channel=channel, text=f"m{n}", metadata=metadata)
    plain = client.conversations_history(channel=channel, limit=2)
    assert [m["text"] for m in plain["messages"]] == ["m2", "m1"]
    assert all("metadata" not in m for m in plain["messages"])
    assert plain["has_more"] is True
    rest = client.conversations_history(
        channel=channel, cursor=plain["response_metadata"]["next_cursor"]
    )
    assert [m["text"] for m in rest["messages"]] == ["m0"]
    full = client.conversations_history(channel=channel, include_all_metadata=True)
    assert all(m["metadata"] == metadata for m in full["messages"])


def test_channels_by_name_and_their_refusals(slack: FakeSlack, client: WebClient) -> None:
    posted = client.chat_postMessage(channel="#boce-omgevingswet", text="Hoi")
    assert posted["channel"] == "C0000BOCE"
    slack.add_channel("elders", "C0000ELSE", member=False)
    slack.add_channel("oud", "C00000OLD", archived=True)
    slack.add_channel("geheim", "G0000HUSH", private=True, member=False)
    expected = {
        "C0000ELSE": "not_in_channel",
        "oud": "is_archived",
        "G0000HUSH": "channel_not_found",
    }
    for channel, error in expected.items():
        with pytest.raises(SlackApiError) as raised:
            client.chat_postMessage(channel=channel, text="Hoi")
        assert error_of(raised.value) == (200, error)
    with pytest.raises(SlackApiError) as raised:
        client.chat_postMessage(channel="DU1", text="Hoi")  # a DM that was never opened
    assert error_of(raised.value) == (200, "channel_not_found")


def test_threads_hang_under_their_parent(slack: FakeSlack, client: WebClient) -> None:
    parent = client.chat_postMessage(channel="C0000BOCE", text="Vraag")["ts"]
    client.chat_postMessage(channel="C0000BOCE", text="Antwoord", thread_ts=parent)
    history = client.conversations_history(channel="C0000BOCE")["messages"]
    assert [m["text"] for m in history] == ["Vraag"]
    assert history[0]["reply_count"] == 1
    thread = client.conversations_replies(channel="C0000BOCE", ts=parent)["messages"]
    assert [(m["text"], m["thread_ts"]) for m in thread] == [
        ("Vraag", parent),
        ("Antwoord", parent),
    ]
    with pytest.raises(SlackApiError) as raised:
        client.chat_postMessage(channel="C0000BOCE", text="x", thread_ts="1.000001")
    assert error_of(raised.value) == (200, "thread_not_found")


def test_update_replaces_the_text_of_the_bots_message(slack: FakeSlack, client: WebClient) -> None:
    ts = client.chat_postMessage(channel="C0000BOCE", text="Oud")["ts"]
    updated = client.chat_update(channel="C0000BOCE", ts=ts, text="Nieuw")
    assert (updated["ts"], updated["text"]) == (ts, "Nieuw")
    assert slack.posted("C0000BOCE")[0]["text"] == "Nieuw"
    with pytest.raises(SlackApiError) as raised:
        client.chat_update(channel="C0000BOCE", ts="1.000001", text="x")
    assert error_of(raised.value) == (200, "message_not_found")
    link = client.chat_getPermalink(channel="C0000BOCE", message_ts=ts)["permalink"]
    assert link.endswith(ts.replace(".", ""))


def test_conversations_list_pages_and_filters(slack: FakeSlack, client: WebClient) -> None:
    slack.add_channel("prive", private=True)
    slack.add_channel("verborgen", private=True, member=False)
    slack.add_channel("oud", archived=True)
    public = client.conversations_list()["channels"]
    assert {c["name"] for c in public} == {"boce-omgevingswet", "oud"}
    first = client.conversations_list(
        types="public_channel,private_channel", exclude_archived=True, limit=1
    )
    cursor = first["response_metadata"]["next_cursor"]
    second = client.conversations_list(
        types="public_channel,private_channel", exclude_archived=True, limit=1, cursor=cursor
    )
    names = [c["name"] for c in [*first["channels"], *second["channels"]]]
    assert names == ["boce-omgevingswet", "prive"]
    assert second["response_metadata"]["next_cursor"] == ""


def test_users_by_id_and_email(slack: FakeSlack, client: WebClient) -> None:
    slack.add_user("U2")
    assert client.users_info(user="U1")["user"]["profile"]["email"] == "Rob@Example.org"
    assert "email" not in client.users_info(user="U2")["user"]["profile"]
    assert client.users_lookupByEmail(email="rob@example.ORG")["user"]["id"] == "U1"
    with pytest.raises(SlackApiError) as raised:
        client.users_lookupByEmail(email="nobody@example.org")
    assert error_of(raised.value) == (200, "users_not_found")
    with pytest.raises(SlackApiError) as raised:
        client.users_info(user="U404")
    assert error_of(raised.value) == (200, "user_not_found")


def test_dms_to_bots_and_deactivated_users_are_refused(slack: FakeSlack, client: WebClient) -> None:
    slack.add_user("UBOT2", is_bot=True)
    slack.add_user("UGONE", deleted=True)
    for user, error in {"UBOT2": "cannot_dm_bot", "UGONE": "user_disabled"}.items():
        with pytest.raises(SlackApiError) as raised:
            client.conversations_open(users=user)
        assert error_of(raised.value) == (200, error)


def test_views_open_publish_and_update(slack: FakeSlack, client: WebClient) -> None:
    modal = {"type": "modal", "title": {"type": "plain_text", "text": "Update"}, "blocks": []}
    opened = client.views_open(trigger_id="t1", view=modal)["view"]
    client.views_update(view_id=opened["id"], view={**modal, "blocks": [{"type": "divider"}]})
    assert slack.views[opened["id"]]["blocks"] == [{"type": "divider"}]
    client.views_publish(user_id="U1", view={"type": "home", "blocks": []})
    assert len(slack.views) == 2
    with pytest.raises(SlackApiError):
        client.views_update(view_id="V404", view=modal)


def test_the_external_upload_flow_shares_the_file(slack: FakeSlack, client: WebClient) -> None:
    answer = client.files_upload_v2(
        channel="C0000BOCE",
        content=b"%PDF-1.7 brief",
        filename="brief.pdf",
        title="Voortgangsbrief",
        initial_comment="De brief",
    )
    shared = answer["file"]
    assert slack.uploads[shared["id"]] == b"%PDF-1.7 brief"
    [message] = slack.posted("C0000BOCE")
    assert message["text"] == "De brief"
    assert message["files"][0]["name"] == "brief.pdf"
    assert shared["shares"]["public"]["C0000BOCE"][0]["ts"] == message["ts"]
    methods = [c.method for c in slack.calls()]
    assert methods == ["files.getUploadURLExternal", UPLOAD, "files.completeUploadExternal"]
    assert slack.calls(UPLOAD)[0].files == {"file": b"%PDF-1.7 brief"}


def test_an_upload_may_be_answered_without_its_share(slack: FakeSlack, client: WebClient) -> None:
    slack.share_in_response = False
    answer = client.files_upload_v2(channel="C0000BOCE", content=b"x", filename="a.txt")
    assert answer["file"]["shares"] == {}
    assert len(slack.posted("C0000BOCE")) == 1


def test_a_rate_limit_fault_then_normal_service(slack: FakeSlack, client: WebClient) -> None:
    slack.fail_next("chat.postMessage", status=429, retry_after=3)
    with pytest.raises(SlackApiError) as raised:
        client.chat_postMessage(channel="C0000BOCE", text="Hoi")
    assert error_of(raised.value) == (429, "ratelimited")
    assert raised.value.response.headers["Retry-After"] == "3"
    client.chat_postMessage(channel="C0000BOCE", text="Hoi")
    assert [c.status for c in slack.calls("chat.postMessage")] == [429, 200]
    assert len(slack.posted("C0000BOCE")) == 1


def test_faults_count_down_and_touch_only_their_method(slack: FakeSlack, client: WebClient) -> None:
    slack.fail_next("auth.test", status=500, times=2)
    slack.fail_next("auth.test", error="invalid_auth")
    client.conversations_open(users="U1")
    outcomes: list[tuple[int, str]] = []
    for _ in range(4):
        try:
            client.auth_test()
            outcomes.append((200, "ok"))
        except SlackApiError as err:
            outcomes.append(error_of(err))
    assert outcomes == [(500, "internal_error")] * 2 + [(200, "invalid_auth"), (200, "ok")]


def test_a_handled_fault_does_the_work_but_loses_the_answer(
    slack: FakeSlack, client: WebClient
) -> None:
    slack.fail_next("chat.postMessage", status=500, handled=True)
    with pytest.raises(SlackApiError):
        client.chat_postMessage(channel="C0000BOCE", text="Hoi")
    assert [m["text"] for m in slack.posted("C0000BOCE")] == ["Hoi"]


def test_a_storm_of_some_calls(slack: FakeSlack, client: WebClient) -> None:
    slack.storm(calls=2, retry_after=7)
    for method in (client.auth_test, client.conversations_list):
        with pytest.raises(SlackApiError) as raised:
            method()
        assert error_of(raised.value) == (429, "ratelimited")
        assert raised.value.response.headers["Retry-After"] == "7"
    client.auth_test()


def test_a_storm_for_a_while(slack: FakeSlack, client: WebClient) -> None:
    slack.storm(seconds=60)
    for _ in range(3):
        with pytest.raises(SlackApiError):
            client.auth_test()
    slack.calm()
    client.auth_test()
    slack.storm(seconds=0)  # over before it starts
    client.auth_test()
    assert [c.status for c in slack.calls("auth.test")] == [429, 429, 429, 200, 200]


def test_a_hook_sees_a_call_that_took_effect_before_its_answer(
    slack: FakeSlack, client: WebClient
) -> None:
    seen: list[tuple[str, int]] = []

    def hook(call: Call) -> None:
        seen.append((str(call.params["text"]), len(slack.posted("C0000BOCE"))))

    slack.on_call("chat.postMessage", hook)
    client.auth_test()
    before = time.time()
    client.chat_postMessage(channel="C0000BOCE", text="eerste")
    slack.on_call("chat.postMessage", None)
    client.chat_postMessage(channel="C0000BOCE", text="tweede")
    assert seen == [("eerste", 1)]  # posted when the hook ran, and only while it was set
    first, second = slack.calls("chat.postMessage")
    assert before <= first.at <= second.at <= time.time()


def test_the_fake_answers_quickly(slack: FakeSlack, client: WebClient) -> None:
    started = time.perf_counter()
    for _ in range(20):
        client.auth_test()
    assert time.perf_counter() - started < 1.0


# --- several workspaces -----------------------------------------------------------------------


@pytest.fixture
def drenthe(slack: FakeSlack) -> WebClient:
    """The bot of a second workspace, with a user, a channel of the same name as the first
    workspace's, and one of its own."""
    slack.add_workspace(DRENTHE, DRENTHE_TOKEN, name="Drenthe")
    slack.add_user("U7", email="anna@example.org", name="Anna de Vries", team=DRENTHE)
    slack.add_channel("boce-omgevingswet", "C0000DREN", team=DRENTHE)
    slack.add_channel("thema-7", "C0000007", team=DRENTHE)
    return WebClient(token=DRENTHE_TOKEN, base_url=slack.url, retry_handlers=[])


def refused(call: Callable[..., object], *args: object, **kwargs: object) -> str:
    """The Slack error a call is answered with (the test fails if it is answered ok)."""
    with pytest.raises(SlackApiError) as raised:
        call(*args, **kwargs)
    status, error = error_of(raised.value)
    assert status == 200
    return error


def test_a_second_workspace_sees_only_its_own_users(
    slack: FakeSlack, client: WebClient, drenthe: WebClient
) -> None:
    found = drenthe.users_lookupByEmail(email="ANNA@example.org")["user"]
    assert (found["id"], found["team_id"]) == ("U7", DRENTHE)
    assert drenthe.users_info(user="U7")["user"]["team_id"] == DRENTHE
    assert refused(drenthe.users_lookupByEmail, email="rob@example.org") == "users_not_found"
    assert refused(drenthe.users_info, user="U1") == "user_not_found"
    assert refused(drenthe.conversations_open, users="U1") == "user_not_found"
    assert refused(drenthe.views_publish, user_id="U1", view={"type": "home"}) == ("user_not_found")
    # ... and the first workspace does not see the second's.
    assert refused(client.users_lookupByEmail, email="anna@example.org") == "users_not_found"
    assert refused(client.users_info, user="U7") == "user_not_found"
    assert refused(client.conversations_open, users="U7") == "user_not_found"
    assert client.users_info(user="U1")["user"]["team_id"] == TEAM


def test_a_second_workspace_sees_only_its_own_channels(
    slack: FakeSlack, client: WebClient, drenthe: WebClient
) -> None:
    listed = drenthe.conversations_list()["channels"]
    assert {c["id"] for c in listed} == {"C0000DREN", "C0000007"}
    assert [c["id"] for c in client.conversations_list()["channels"]] == ["C0000BOCE"]
    # A channel name is looked up in the calling workspace only.
    assert drenthe.chat_postMessage(channel="#boce-omgevingswet", text="Hoi")["channel"] == (
        "C0000DREN"
    )
    assert client.chat_postMessage(channel="#boce-omgevingswet", text="Hoi")["channel"] == (
        "C0000BOCE"
    )
    slack.add_channel("alleen-hier", "C0000HIER")  # a name only the first workspace has
    ts = client.chat_postMessage(channel="C0000BOCE", text="Vraag")["ts"]
    dm = client.conversations_open(users="U1")["channel"]["id"]
    for channel in ("C0000BOCE", dm, "#alleen-hier", "C0000HIER"):
        assert refused(drenthe.chat_postMessage, channel=channel, text="x") == ("channel_not_found")
    assert refused(drenthe.chat_update, channel="C0000BOCE", ts=ts, text="x") == (
        "channel_not_found"
    )
    assert refused(drenthe.conversations_history, channel="C0000BOCE") == "channel_not_found"
    assert refused(drenthe.conversations_replies, channel="C0000BOCE", ts=ts) == (
        "channel_not_found"
    )
    assert refused(client.conversations_history, channel="C0000007") == "channel_not_found"
    with pytest.raises(SlackApiError) as raised:
        drenthe.files_upload_v2(channel="C0000BOCE", content=b"x", filename="a.txt")
    assert error_of(raised.value) == (200, "channel_not_found")
    assert [m["text"] for m in slack.posted("C0000BOCE")] == ["Hoi", "Vraag"]


def test_a_workspaces_bot_posts_under_its_own_name(slack: FakeSlack, drenthe: WebClient) -> None:
    posted = drenthe.chat_postMessage(channel="C0000007", text="Hoi")
    assert (posted["message"]["user"], posted["message"]["bot_id"]) == (
        f"UBOT{DRENTHE}",
        f"B{DRENTHE}",
    )
    assert drenthe.chat_update(channel="C0000007", ts=posted["ts"], text="Hallo")["ok"]
    dm = drenthe.conversations_open(users="U7")["channel"]["id"]
    drenthe.chat_postMessage(channel=dm, text="Hoe staat het?")
    assert [m["text"] for m in slack.posted(dm)] == ["Hoe staat het?"]


def test_a_file_uploaded_in_one_workspace_is_unknown_in_another(
    slack: FakeSlack, client: WebClient, drenthe: WebClient
) -> None:
    asked = drenthe.files_getUploadURLExternal(filename="a.txt", length=1)
    upload = http.client.HTTPConnection("127.0.0.1", slack.port, timeout=5)
    upload.request("POST", urlsplit(asked["upload_url"]).path, body=b"x")
    assert upload.getresponse().status == 200
    upload.close()
    files = [{"id": asked["file_id"]}]
    assert refused(client.files_completeUploadExternal, files=files) == "file_not_found"
    completed = drenthe.files_completeUploadExternal(files=files, channel_id="C0000007")
    assert completed["files"][0]["user"] == f"UBOT{DRENTHE}"


def test_auth_test_answers_each_tokens_workspace_and_bot(
    slack: FakeSlack, client: WebClient, drenthe: WebClient
) -> None:
    slack.add_workspace(EMMEN, EMMEN_TOKEN, bot_user="UEMMENBOT")
    emmen = WebClient(token=EMMEN_TOKEN, base_url=slack.url, retry_handlers=[])
    answers = [c.auth_test() for c in (client, drenthe, emmen)]
    seen = [(a["team_id"], a["team"], a["user_id"], a["bot_id"]) for a in answers]
    assert seen == [
        (TEAM, "Voortgang", BOT_USER, BOT_ID),
        (DRENTHE, "Drenthe", f"UBOT{DRENTHE}", f"B{DRENTHE}"),
        (EMMEN, EMMEN, "UEMMENBOT", f"B{EMMEN}"),
    ]
    assert answers[0]["url"] == "https://voortgang.slack.test/"
    assert answers[1]["url"] == "https://drenthe.slack.test/"


def test_a_token_belongs_to_one_workspace(slack: FakeSlack, drenthe: WebClient) -> None:
    for token in (slack.token, DRENTHE_TOKEN):
        with pytest.raises(ValueError, match="another workspace"):
            slack.add_workspace(EMMEN, token)
    slack.add_workspace(DRENTHE, "xoxb-drenthe-2")  # a second token of the same workspace
    again = WebClient(token="xoxb-drenthe-2", base_url=slack.url, retry_handlers=[])
    assert again.auth_test()["team_id"] == DRENTHE


def test_the_app_token_rule_holds_for_every_bot_token(slack: FakeSlack, drenthe: WebClient) -> None:
    slack.socket_mode("xapp-1-fake", lambda: "ws://127.0.0.1:1/socket")
    assert refused(drenthe.apps_connections_open, app_token=DRENTHE_TOKEN) == (
        "not_allowed_token_type"
    )
    app = WebClient(token="xapp-1-fake", base_url=slack.url, retry_handlers=[])
    assert refused(app.auth_test) == "not_allowed_token_type"
    assert app.apps_connections_open(app_token="xapp-1-fake")["url"].startswith("ws://")


def test_calls_record_the_team_of_their_token(
    slack: FakeSlack, client: WebClient, drenthe: WebClient
) -> None:
    client.auth_test()
    drenthe.auth_test()
    slack.fail_next("users.info", status=500)
    with pytest.raises(SlackApiError):
        drenthe.users_info(user="U7")
    with pytest.raises(SlackApiError):
        WebClient(base_url=slack.url, retry_handlers=[]).auth_test()
    with pytest.raises(SlackApiError):
        WebClient(token="xoxb-not-ours", base_url=slack.url, retry_handlers=[]).auth_test()
    teams = [(c.method, c.status, c.team) for c in slack.calls()]
    assert teams == [
        ("auth.test", 200, TEAM),
        ("auth.test", 200, DRENTHE),
        ("users.info", 500, DRENTHE),
        ("auth.test", 200, None),
        ("auth.test", 200, None),
    ]


# --- OAuth v2 ---------------------------------------------------------------------------------


@pytest.fixture
def oauth(slack: FakeSlack) -> WebClient:
    """An app Slack approved in Emmen's workspace, and a client without a token."""
    slack.oauth_app(CLIENT_ID, CLIENT_SECRET)
    slack.add_user("U9", email="piet@example.org", team=EMMEN)  # Emmen has no token yet
    slack.grant("code-1", EMMEN, EMMEN_TOKEN, installer="UADMIN", team_name="Emmen")
    return WebClient(base_url=slack.url, retry_handlers=[])


def exchange(client: WebClient, code: str, secret: str = CLIENT_SECRET) -> str:
    """Exchange ``code``: the bot token answered, or the error."""
    try:
        answer = client.oauth_v2_access(client_id=CLIENT_ID, client_secret=secret, code=code)
    except SlackApiError as err:
        return str(err.response["error"])
    return str(answer["access_token"])


def test_a_good_code_is_exchanged_for_the_workspaces_bot_token(
    slack: FakeSlack, oauth: WebClient
) -> None:
    emmen = WebClient(token=EMMEN_TOKEN, base_url=slack.url, retry_handlers=[])
    assert refused(emmen.auth_test) == "invalid_auth"  # not before the exchange
    answer = oauth.oauth_v2_access(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, code="code-1")
    assert answer.data == {
        "ok": True,
        "app_id": APP_ID,
        "authed_user": {"id": "UADMIN"},
        "scope": "chat:write,im:write,users:read,users:read.email",
        "token_type": "bot",
        "access_token": EMMEN_TOKEN,
        "bot_user_id": f"UBOT{EMMEN}",
        "team": {"id": EMMEN, "name": "Emmen"},
        "enterprise": None,
        "is_enterprise_install": False,
    }
    assert emmen.auth_test()["team_id"] == EMMEN
    assert emmen.users_lookupByEmail(email="piet@example.org")["user"]["id"] == "U9"
    [call] = slack.calls(OAUTH_ACCESS)
    basic = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
    assert call.headers["Authorization"] == f"Basic {basic}"  # slack_sdk's way
    assert (call.params["code"], call.status, call.error, call.team) == ("code-1", 200, None, None)


def test_a_code_is_good_for_one_exchange_only(slack: FakeSlack, oauth: WebClient) -> None:
    assert exchange(oauth, "code-1") == EMMEN_TOKEN
    assert exchange(oauth, "code-1") == "invalid_code"
    assert exchange(oauth, "code-never-granted") == "invalid_code"
    errors = [c.error for c in slack.calls(OAUTH_ACCESS)]
    assert errors == [None, "invalid_code", "invalid_code"]


def test_wrong_client_credentials_are_refused_and_spare_the_code(
    slack: FakeSlack, oauth: WebClient
) -> None:
    assert exchange(oauth, "code-1", secret="not-the-secret") == "bad_client_secret"
    wrong_id = "9999.9999"
    with pytest.raises(SlackApiError) as raised:
        oauth.oauth_v2_access(client_id=wrong_id, client_secret=CLIENT_SECRET, code="code-1")
    assert raised.value.response["error"] == "invalid_client_id"
    emmen = WebClient(token=EMMEN_TOKEN, base_url=slack.url, retry_handlers=[])
    assert refused(emmen.auth_test) == "invalid_auth"
    assert exchange(oauth, "code-1") == EMMEN_TOKEN


def test_client_credentials_may_come_as_form_fields(slack: FakeSlack, oauth: WebClient) -> None:
    fields = {"client_id": CLIENT_ID, "client_secret": "not-the-secret", "code": "code-1"}
    with pytest.raises(SlackApiError) as raised:
        oauth.api_call(OAUTH_ACCESS, data=fields)
    assert raised.value.response["error"] == "bad_client_secret"
    answer = oauth.api_call(OAUTH_ACCESS, data={**fields, "client_secret": CLIENT_SECRET})
    assert answer["team"] == {"id": EMMEN, "name": "Emmen"}
    assert "Authorization" not in slack.calls(OAUTH_ACCESS)[-1].headers


def test_a_grant_with_user_scopes_answers_the_installers_token(
    slack: FakeSlack, oauth: WebClient
) -> None:
    slack.grant(
        "code-2",
        DRENTHE,
        DRENTHE_TOKEN,
        installer="UANNA",
        bot_user="UDRBOT",
        user_scope="search:read",
    )
    answer = oauth.oauth_v2_access(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, code="code-2")
    user_token = f"xoxp-{DRENTHE}-UANNA"
    assert answer["authed_user"] == {
        "id": "UANNA",
        "scope": "search:read",
        "access_token": user_token,
        "token_type": "user",
    }
    assert (answer["bot_user_id"], answer["team"]) == ("UDRBOT", {"id": DRENTHE, "name": DRENTHE})
    person = WebClient(token=user_token, base_url=slack.url, retry_handlers=[])
    tested = person.auth_test()
    assert (tested["team_id"], tested["user_id"], tested.get("bot_id")) == (DRENTHE, "UANNA", None)
    assert refused(person.chat_postMessage, channel="C0000BOCE", text="x") == (
        "not_allowed_token_type"
    )


def test_a_token_granted_to_one_workspace_is_no_other_workspaces(
    slack: FakeSlack, oauth: WebClient
) -> None:
    with pytest.raises(ValueError, match="another workspace"):
        slack.add_workspace(DRENTHE, EMMEN_TOKEN)  # promised to Emmen by code-1
    with pytest.raises(ValueError, match="another workspace"):
        slack.grant("code-2", DRENTHE, slack.token, installer="UADMIN")


def test_bolts_oauth_flow_installs_and_authorizes_against_the_fake(
    slack: FakeSlack, oauth: WebClient, tmp_path: Path
) -> None:
    slack.grant("code-2", DRENTHE, DRENTHE_TOKEN, installer="UANNA", user_scope="search:read")
    installs = FileInstallationStore(base_dir=str(tmp_path / "installs"), client_id=CLIENT_ID)
    settings = AsyncOAuthSettings(
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        scopes=["chat:write"],
        installation_store=installs,
        state_store=FileOAuthStateStore(expiration_seconds=60, base_dir=str(tmp_path / "states")),
    )
    client = AsyncWebClient(base_url=slack.url)

    async def install_and_authorize() -> tuple[Installation | None, AuthorizeResult | None]:
        flow = AsyncOAuthFlow(client=client, settings=settings)
        installation = await flow.run_installation("code-2")
        if installation is None:
            return None, None
        await installs.async_save(installation)
        authorize = AsyncInstallationStoreAuthorize(
            logger=logging.getLogger(__name__), installation_store=installs
        )
        context = AsyncBoltContext()
        context["client"] = client
        result = await authorize(
            context=context, enterprise_id=None, team_id=DRENTHE, user_id="UANNA"
        )
        return installation, result

    installation, result = asyncio.run(install_and_authorize())
    assert installation is not None
    assert (installation.team_id, installation.bot_token, installation.bot_id) == (
        DRENTHE,
        DRENTHE_TOKEN,
        f"B{DRENTHE}",
    )
    assert (installation.app_id, installation.user_id) == (APP_ID, "UANNA")
    assert installation.user_token == f"xoxp-{DRENTHE}-UANNA"
    assert result is not None
    assert (result.team_id, result.bot_user_id, result.user_id) == (
        DRENTHE,
        f"UBOT{DRENTHE}",
        "UANNA",
    )
    methods = [(c.method, c.team, c.error) for c in slack.calls()]
    assert methods == [
        (OAUTH_ACCESS, None, None),
        ("auth.test", DRENTHE, None),  # the flow learns the bot id
        ("auth.test", DRENTHE, None),  # authorize: the bot token
        ("auth.test", DRENTHE, None),  # authorize: the installer's user token
    ]
