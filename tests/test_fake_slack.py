"""tests.fake_slack: the fake Web API answers a real slack_sdk WebClient the way Slack does."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from tests.fake_slack import BOT_USER, UPLOAD, FakeSlack


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


def test_the_fake_answers_quickly(slack: FakeSlack, client: WebClient) -> None:
    started = time.perf_counter()
    for _ in range(20):
        client.auth_test()
    assert time.perf_counter() - started < 1.0
