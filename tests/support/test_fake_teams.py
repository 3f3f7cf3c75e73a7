"""tests.fake_teams: the fake connector answers a plain HTTP client as Teams' connector would."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from tests.fake_teams import (
    APP_ID,
    APP_PASSWORD,
    CREATE,
    FIRST_ACTIVITY,
    MEMBERS,
    REPLY,
    SEND,
    TENANT,
    TOKEN_CALL,
    TOKEN_LIFETIME,
    UNKNOWN,
    UPDATE,
    UPLOAD,
    FakeConnector,
)

TLS = ssl.create_default_context()  # shared: building one per client takes a tenth of a second


@pytest.fixture
def teams() -> Iterator[FakeConnector]:
    with FakeConnector() as fake:
        fake.add_user("aad-rob", name="Rob Jansen")
        yield fake


@pytest.fixture
def bare(teams: FakeConnector) -> Iterator[httpx.Client]:
    """A client that sends no token of its own."""
    with httpx.Client(base_url=teams.service_url, trust_env=False, verify=TLS) as client:
        yield client


@pytest.fixture
def http(teams: FakeConnector, bare: httpx.Client) -> httpx.Client:
    bare.headers["Authorization"] = f"Bearer {teams.token}"
    return bare


def create_body(member: str = "aad-rob", **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "bot": {"id": f"28:{APP_ID}"},
        "members": [{"id": member}],
        "tenantId": TENANT,
        "isGroup": False,
        "channelData": {"tenant": {"id": TENANT}},
    }
    return body | changes


def message(text: str = "Hoi Rob") -> dict[str, Any]:
    return {"type": "message", "text": text}


def activities(conversation: str) -> str:
    return f"v3/conversations/{quote(conversation, safe='')}/activities"


def error_of(response: httpx.Response) -> tuple[int, str]:
    return response.status_code, response.json()["error"]["code"]


# --- running --------------------------------------------------------------------------------


def test_the_service_url_is_loopback_with_a_trailing_slash(teams: FakeConnector) -> None:
    assert teams.service_url == f"http://127.0.0.1:{teams.port}/"
    assert teams.token_url == f"http://127.0.0.1:{teams.port}/token"
    assert teams.bot_id == f"28:{APP_ID}"


def test_stopping_twice_is_harmless() -> None:
    fake = FakeConnector().start()
    fake.stop()
    fake.stop()
    with pytest.raises(RuntimeError):
        _ = fake.service_url


# --- authentication -------------------------------------------------------------------------


def test_the_token_endpoint_hands_out_tokens_the_connector_takes(
    teams: FakeConnector, bare: httpx.Client
) -> None:
    form = {
        "grant_type": "client_credentials",
        "client_id": APP_ID,
        "client_secret": APP_PASSWORD,
        "scope": "https://api.botframework.com/.default",
    }
    answer = bare.post(teams.token_url, data=form)
    assert answer.status_code == 200
    issued = answer.json()
    assert (issued["token_type"], issued["expires_in"]) == ("Bearer", TOKEN_LIFETIME)
    assert issued["access_token"] != teams.token
    [call] = teams.calls(TOKEN_CALL)
    assert call.body == form
    headers = {"Authorization": f"Bearer {issued['access_token']}"}
    created = bare.post("v3/conversations", json=create_body(), headers=headers)
    assert created.status_code == 201


def test_the_token_endpoint_refuses_a_wrong_password_or_grant(
    teams: FakeConnector, bare: httpx.Client
) -> None:
    form = {"grant_type": "client_credentials", "client_id": APP_ID, "client_secret": "nope"}
    wrong = bare.post(teams.token_url, data=form)
    assert (wrong.status_code, wrong.json()["error"]) == (401, "invalid_client")
    grant = bare.post(teams.token_url, data={"grant_type": "password"})
    assert (grant.status_code, grant.json()["error"]) == (400, "unsupported_grant_type")


@pytest.mark.parametrize("header", [None, "Bearer not-a-token", "Basic abc"])
def test_the_connector_wants_a_valid_bearer_token(
    teams: FakeConnector, bare: httpx.Client, header: str | None
) -> None:
    headers = {} if header is None else {"Authorization": header}
    answer = bare.post("v3/conversations", json=create_body(), headers=headers)
    assert answer.status_code == 401
    assert "denied" in answer.json()["message"]
    assert teams.calls(CREATE)[0].status == 401
    assert teams.conversations == {}


# --- conversations --------------------------------------------------------------------------


def test_a_1_on_1_is_created_once_per_user(teams: FakeConnector, http: httpx.Client) -> None:
    first = http.post("v3/conversations", json=create_body())
    assert first.status_code == 201
    conversation = first.json()["id"]
    assert conversation.startswith("a:1")
    again = http.post("v3/conversations", json=create_body(member="29:aad-rob"))
    assert again.json()["id"] == conversation
    assert teams.open_chat("aad-rob") == conversation
    [call, _] = teams.calls(CREATE)
    assert call.body == create_body()
    assert call.headers["Authorization"] == f"Bearer {teams.token}"


def test_a_user_without_the_app_cannot_be_reached(teams: FakeConnector, http: httpx.Client) -> None:
    teams.add_user("aad-els", installed=False)
    answer = http.post("v3/conversations", json=create_body(member="aad-els"))
    assert error_of(answer) == (403, "Forbidden")
    assert answer.json()["error"]["message"]
    teams.install("aad-els")
    assert http.post("v3/conversations", json=create_body(member="aad-els")).status_code == 201


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (create_body(member="aad-nobody"), (404, "NotFound")),
        (create_body(bot={"id": "28:another-app"}), (400, "BadArgument")),
        (create_body(isGroup=True), (400, "BadArgument")),
        (create_body(tenantId="other", channelData={}), (400, "BadArgument")),
        (create_body(members=[]), (400, "BadArgument")),
    ],
    ids=["unknown-user", "other-bot", "group", "other-tenant", "no-member"],
)
def test_creating_a_conversation_checks_its_request(
    http: httpx.Client, body: dict[str, Any], expected: tuple[int, str]
) -> None:
    assert error_of(http.post("v3/conversations", json=body)) == expected


def test_members_of_a_chat_and_a_channel(teams: FakeConnector, http: httpx.Client) -> None:
    teams.add_user("aad-els", name="Els de Vries")
    chat = teams.open_chat("aad-rob")
    channel = teams.add_channel("boce", members=("aad-rob", "aad-els"))
    [rob] = http.get(f"v3/conversations/{chat}/members").json()
    assert rob == {"id": "29:aad-rob", "aadObjectId": "aad-rob", "name": "Rob Jansen"}
    both = http.get(f"v3/conversations/{quote(channel, safe='')}/members").json()
    assert [m["name"] for m in both] == ["Rob Jansen", "Els de Vries"]
    assert [c.path for c in teams.calls(MEMBERS)][1] == f"/v3/conversations/{channel}/members"


# --- activities -----------------------------------------------------------------------------


def test_sending_keeps_the_activity_with_an_increasing_id(
    teams: FakeConnector, http: httpx.Client
) -> None:
    chat = teams.open_chat("aad-rob")
    first = http.post(activities(chat), json=message("Hoi"))
    second = http.post(activities(chat), json=message("Nog eens"))
    assert first.status_code == 201
    assert first.json()["id"] == str(FIRST_ACTIVITY + 2)  # 1 went to the chat's id
    assert int(second.json()["id"]) > int(first.json()["id"])
    kept = teams.activities(chat)
    assert [a["text"] for a in kept] == ["Hoi", "Nog eens"]
    assert kept[0]["conversation"] == {"id": chat}
    assert kept[0]["from"] == {"id": teams.bot_id}
    assert teams.calls(SEND)[0].path == f"/v3/conversations/{chat}/activities"


def test_a_reply_hangs_under_its_parent(teams: FakeConnector, http: httpx.Client) -> None:
    channel = teams.add_channel("boce")
    parent = http.post(activities(channel), json=message("Stand")).json()["id"]
    reply = http.post(f"{activities(channel)}/{parent}", json=message("Dank je"))
    assert reply.status_code == 201
    assert teams.activities(channel)[1]["replyToId"] == parent
    missing = http.post(f"{activities(channel)}/999", json=message())
    assert error_of(missing) == (404, "ActivityNotFound")
    assert [c.status for c in teams.calls(REPLY)] == [201, 404]


def test_an_update_replaces_the_activity_in_place(teams: FakeConnector, http: httpx.Client) -> None:
    chat = teams.open_chat("aad-rob")
    sent = http.post(activities(chat), json=message("Wat is de stand?")).json()["id"]
    updated = http.put(f"{activities(chat)}/{sent}", json=message("Beantwoord") | {"id": sent})
    assert (updated.status_code, updated.json()) == (200, {"id": sent})
    [kept] = teams.activities(chat)
    assert (kept["id"], kept["text"], kept["edited"]) == (sent, "Beantwoord", True)
    assert kept["from"] == {"id": teams.bot_id}
    gone = http.put(f"{activities(chat)}/404", json=message())
    assert error_of(gone) == (404, "ActivityNotFound")
    assert len(teams.calls(UPDATE)) == 2


def test_what_the_connector_refuses(teams: FakeConnector, http: httpx.Client) -> None:
    chat = teams.open_chat("aad-rob")
    assert error_of(http.post(activities("a:1nope"), json=message())) == (
        404,
        "ConversationNotFound",
    )
    assert error_of(http.post(activities(chat), json={"type": "typing"})) == (400, "BadArgument")
    assert error_of(http.post(activities(chat), content=b"[1]")) == (400, "BadArgument")
    teams.install("aad-rob", installed=False)  # removed or blocked the app
    assert error_of(http.post(activities(chat), json=message())) == (403, "Forbidden")
    elders = teams.add_channel("elders", bot_member=False)
    assert error_of(http.post(activities(elders), json=message())) == (403, "Forbidden")
    assert http.get("v3/nothing").status_code == 404
    assert teams.calls(UNKNOWN)[0].path == "/v3/nothing"
    assert teams.activities(chat) == []


# --- faults ---------------------------------------------------------------------------------


def test_a_rate_limit_says_when_to_come_back(teams: FakeConnector, http: httpx.Client) -> None:
    chat = teams.open_chat("aad-rob")
    teams.fail_next(SEND, retry_after=7)
    limited = http.post(activities(chat), json=message())
    assert error_of(limited) == (429, "TooManyRequests")
    assert limited.headers["Retry-After"] == "7"
    assert http.post(activities(chat), json=message()).status_code == 201
    assert len(teams.activities(chat)) == 1
    assert [c.status for c in teams.calls(SEND)] == [429, 201]


@pytest.mark.parametrize(
    ("status", "code"),
    [(412, "PreconditionFailed"), (502, "BadGateway"), (504, "GatewayTimeout"), (403, "Forbidden")],
)
def test_scripted_faults_answer_the_connector_codes(
    teams: FakeConnector, http: httpx.Client, status: int, code: str
) -> None:
    chat = teams.open_chat("aad-rob")
    teams.fail_next(SEND, status=status, times=2)
    for _ in range(2):
        answer = http.post(activities(chat), json=message())
        assert error_of(answer) == (status, code)
        assert "Retry-After" not in answer.headers
    assert http.post(activities(chat), json=message()).status_code == 201
    assert len(teams.activities(chat)) == 1


def test_a_handled_fault_takes_effect_all_the_same(
    teams: FakeConnector, http: httpx.Client
) -> None:
    chat = teams.open_chat("aad-rob")
    teams.fail_next(SEND, status=502, handled=True)
    assert http.post(activities(chat), json=message()).status_code == 502
    assert len(teams.activities(chat)) == 1


@pytest.mark.parametrize("handled", [True, False])
def test_a_dropped_connection_gets_no_answer(
    teams: FakeConnector, http: httpx.Client, handled: bool
) -> None:
    chat = teams.open_chat("aad-rob")
    teams.fail_next(SEND, drop=True, handled=handled)
    with pytest.raises(httpx.RemoteProtocolError):
        http.post(activities(chat), json=message())
    assert len(teams.activities(chat)) == int(handled)
    assert teams.calls(SEND)[0].status == 0


def test_a_storm_limits_the_connector_but_not_the_token_endpoint(
    teams: FakeConnector, http: httpx.Client
) -> None:
    chat = teams.open_chat("aad-rob")
    teams.storm(calls=2, retry_after=12)
    for _ in range(2):
        limited = http.post(activities(chat), json=message())
        assert (limited.status_code, limited.headers["Retry-After"]) == (429, "12")
    assert http.post(activities(chat), json=message()).status_code == 201
    teams.storm(seconds=60)
    form = {"grant_type": "client_credentials", "client_id": APP_ID, "client_secret": APP_PASSWORD}
    assert http.post(teams.token_url, data=form).status_code == 200
    assert http.post(activities(chat), json=message()).status_code == 429
    teams.calm()
    assert http.post(activities(chat), json=message()).status_code == 201


def test_clearing_forgets_the_calls_only(teams: FakeConnector, http: httpx.Client) -> None:
    chat = teams.open_chat("aad-rob")
    http.post(activities(chat), json=message())
    teams.clear()
    assert teams.calls() == []
    assert len(teams.activities(chat)) == 1


# --- files ----------------------------------------------------------------------------------


def test_an_upload_session_takes_a_whole_file_as_onedrive_does(
    teams: FakeConnector, bare: httpx.Client
) -> None:
    offered = teams.offer_upload("concept.docx")
    assert offered["name"] == "concept.docx"
    assert offered["fileType"] == "docx"
    assert offered["uploadUrl"].startswith(teams.upload_url)
    url, body = offered["uploadUrl"], b"\x00word\xff"
    whole = {"Content-Range": f"bytes 0-{len(body) - 1}/{len(body)}"}
    assert (
        bare.put(url, content=body, headers=whole | {"Authorization": "Bearer x"}).status_code
        == 401
    )
    assert error_of(bare.put(url, content=body, headers={"Content-Range": "bytes 0-1/7"})) == (
        400,
        "invalidRange",
    )
    assert error_of(bare.put(f"{teams.upload_url}nope", content=body, headers=whole)) == (
        404,
        "itemNotFound",
    )
    assert teams.uploads == {}
    teams.storm(calls=5)  # the connector's storm: OneDrive is not the connector
    answer = bare.put(url, content=body, headers=whole)
    assert answer.status_code == 201
    assert answer.json()["id"] == offered["uniqueId"]
    assert list(teams.uploads.values()) == [body]
    assert [c.status for c in teams.calls(UPLOAD)] == [401, 400, 404, 201]
    assert teams.calls(UPLOAD)[-1].body == body
