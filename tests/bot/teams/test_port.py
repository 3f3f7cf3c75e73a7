"""bot.teams.port against the fake connector, through a real HTTP client."""

from __future__ import annotations

import json
import ssl
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import timedelta
from types import ModuleType

import httpx
import pytest

import bot.teams.port as teams_port
from bot.engine.opening import Register
from bot.engine.sender import Sender
from bot.teams.client import Activity, MaybeDelivered, teams_client
from bot.teams.credentials import ClientCredentialsToken
from bot.teams.port import TeamsPort, card_renderer
from bot.teams.refs import Conversation, TeamsRef, conversation_address, parse_address, parse_ref
from storage.db import transaction
from storage.outbox import OutboxWriter
from storage.outbox_addressing import get
from tests.fake_teams import APP_ID, APP_PASSWORD, REPLY, SEND, TENANT, UPDATE, FakeConnector
from tests.fakes import add_person
from words.catalogue import Language
from words.chat.delivery import Delivery, DeliveryKind
from words.chat.messages import File, Form, Input, InputKind, Message
from words.chat.outgoing import InThread, Replace, ToChannel, ToPerson
from words.clock import FixedClock
from words.errors import DeliveryError, RetryAfter, Unreachable

LOGIN = "https://login.example/oauth2/v2.0/token"  # answered by a mock transport, never called
TLS = ssl.create_default_context()  # shared: building one per client takes a tenth of a second


def plain(message: Message) -> Activity:
    """A renderer that keeps the tests independent of the Adaptive Card details."""
    return {"type": "message", "text": message.text}


class Ticks:
    """A monotonic clock that moves only when told."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def teams() -> Iterator[FakeConnector]:
    with FakeConnector() as fake:
        fake.add_user("aad-rob", name="Rob Jansen")
        yield fake


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    with teams_client(tls=TLS) as client:
        yield client


@pytest.fixture
def chat(teams: FakeConnector) -> str:
    """Rob's 1:1 with the bot, as the adapter stored it when he installed the app."""
    return teams.open_chat("aad-rob")


@pytest.fixture
def boce(teams: FakeConnector) -> str:
    return teams.add_channel("boce-omgevingswet")


@pytest.fixture
def port(teams: FakeConnector, http: httpx.Client, chat: str, boce: str) -> TeamsPort:
    return TeamsPort(
        lambda: teams.token,
        http=http,
        render=plain,
        channels={"#BOCE-omgevingswet": address(teams, boce)},
        conversations={"aad-rob": address(teams, chat)}.get,
    )


def address(teams: FakeConnector, conversation: str) -> str:
    return conversation_address(teams.service_url, conversation)


def dm(key: str, to: str, text: str = "Hoi Rob") -> Delivery:
    return Delivery(key, DeliveryKind.DM, to, "Rob Jansen", message=Message(text))


def post(key: str, to: str = "boce-omgevingswet", text: str = "Stand van zaken") -> Delivery:
    return Delivery(key, DeliveryKind.CHANNEL, to, to, message=Message(text))


def reply(key: str, to: str, parent: str, text: str = "Dank je") -> Delivery:
    return Delivery(key, DeliveryKind.THREAD, to, "Rob Jansen", parent, message=Message(text))


def update(key: str, to: str, parent: str, text: str = "Bijgewerkt") -> Delivery:
    return Delivery(key, DeliveryKind.UPDATE, to, "Rob Jansen", parent, message=Message(text))


def sends(teams: FakeConnector) -> int:
    return len(teams.calls(SEND))


def texts(teams: FakeConnector, conversation: str) -> list[str]:
    return [a["text"] for a in teams.activities(conversation)]


# --- addresses and references ---------------------------------------------------------------


def test_addresses_and_references_read_back() -> None:
    where = conversation_address("https://smba.trafficmanager.net/emea/", "a:1xyz")
    assert where == "https://smba.trafficmanager.net/emea/|a:1xyz"
    assert parse_address(where) == Conversation("https://smba.trafficmanager.net/emea/", "a:1xyz")
    ref = "19:boce@thread.tacv2|1700000000001"
    assert parse_ref(ref) == TeamsRef("19:boce@thread.tacv2", "1700000000001")
    assert str(parse_ref(ref)) == ref
    for wrong in ("", "a:1xyz", "ftp://x|a:1", "https://x|", "https://x|a|b"):
        with pytest.raises(ValueError, match="not a Teams conversation"):
            parse_address(wrong)
    for bad in ("", "a:1", "a:1|", "|5", "a|b|c"):
        with pytest.raises(ValueError, match="not a Teams activity"):
            parse_ref(bad)
    with pytest.raises(ValueError, match="not a Teams conversation"):
        conversation_address("https://x/", "a|b")


# --- delivering -----------------------------------------------------------------------------


def test_a_dm_goes_to_the_stored_conversation_with_the_token(
    teams: FakeConnector, port: TeamsPort, chat: str
) -> None:
    ref = port.deliver(dm("k1", address(teams, chat)))
    [sent] = teams.activities(chat)
    assert ref == f"{chat}|{sent['id']}"
    assert (sent["type"], sent["text"]) == ("message", "Hoi Rob")
    [call] = teams.calls(SEND)
    assert call.headers["Authorization"] == f"Bearer {teams.token}"
    assert call.path == f"/v3/conversations/{chat}/activities"


def test_a_dm_to_a_user_id_goes_to_their_stored_chat(
    teams: FakeConnector, port: TeamsPort, chat: str
) -> None:
    ref = port.deliver(dm("k1", "aad-rob"))
    assert parse_ref(ref).conversation_id == chat
    assert texts(teams, chat) == ["Hoi Rob"]


def test_a_person_without_a_known_chat_is_unreachable(
    teams: FakeConnector, port: TeamsPort
) -> None:
    with pytest.raises(Unreachable, match="aad-els"):
        port.deliver(dm("k1", "aad-els"))
    bare = TeamsPort(lambda: teams.token, render=plain, http=port.http)
    with pytest.raises(Unreachable):
        bare.deliver(dm("k1", "aad-rob"))  # no store of conversations at all
    assert teams.calls() == []


def test_a_1_on_1_is_created_then_used(teams: FakeConnector, http: httpx.Client) -> None:
    teams.add_user("aad-els", name="Els de Vries")
    port = TeamsPort(lambda: teams.token, http=http, render=plain)
    created = port.create_conversation(teams.service_url, TENANT, "aad-els", APP_ID)
    assert created.startswith("a:1")
    [call] = teams.calls()
    assert call.body == {
        "bot": {"id": f"28:{APP_ID}"},
        "members": [{"id": "aad-els"}],
        "tenantId": TENANT,
        "isGroup": False,
        "channelData": {"tenant": {"id": TENANT}},
    }
    assert port.create_conversation(teams.service_url, TENANT, "aad-els", f"28:{APP_ID}") == created
    ref = port.deliver(dm("k1", conversation_address(teams.service_url, created), "Hoi Els"))
    assert texts(teams, created) == ["Hoi Els"]
    assert parse_ref(ref).conversation_id == created


def test_a_1_on_1_with_someone_without_the_app_is_unreachable(
    teams: FakeConnector, port: TeamsPort
) -> None:
    teams.add_user("aad-els", installed=False)
    with pytest.raises(Unreachable, match="403"):
        port.create_conversation(teams.service_url, TENANT, "aad-els", APP_ID)
    with pytest.raises(DeliveryError, match="404") as unknown:
        port.create_conversation(teams.service_url, TENANT, "aad-nobody", APP_ID)
    assert unknown.value.permanent
    teams.fail_next("create_conversation", status=502)
    with pytest.raises(DeliveryError) as broken:
        port.create_conversation(teams.service_url, TENANT, "aad-rob", APP_ID)
    assert not isinstance(broken.value, MaybeDelivered)  # asking again answers the same chat


def test_a_channel_post_by_name_or_address(
    teams: FakeConnector, port: TeamsPort, boce: str
) -> None:
    by_name = port.deliver(post("k1"))
    by_address = port.deliver(post("k2", to=address(teams, boce), text="Tweede"))
    assert parse_ref(by_name).conversation_id == boce == parse_ref(by_address).conversation_id
    assert texts(teams, boce) == ["Stand van zaken", "Tweede"]
    with pytest.raises(DeliveryError, match="elders") as unknown:
        port.deliver(post("k3", to="elders"))
    assert unknown.value.permanent
    assert not isinstance(unknown.value, Unreachable)


def test_a_reply_goes_under_its_parent(teams: FakeConnector, port: TeamsPort, boce: str) -> None:
    parent = port.deliver(post("k1"))
    answer = port.deliver(reply("k2", "boce-omgevingswet", parent))
    [top, threaded] = teams.activities(boce)
    assert threaded["replyToId"] == top["id"] == parse_ref(parent).activity_id
    assert answer == f"{boce}|{threaded['id']}"
    [call] = teams.calls(REPLY)
    assert call.path == f"/v3/conversations/{boce}/activities/{top['id']}"


def test_an_update_replaces_the_activity_and_keeps_its_reference(
    teams: FakeConnector, port: TeamsPort, chat: str
) -> None:
    first = port.deliver(dm("k1", "aad-rob", "Wat is de stand?"))
    assert port.deliver(update("k2", "aad-rob", first, "Beantwoord: op schema")) == first
    [kept] = teams.activities(chat)
    assert (kept["text"], kept["edited"]) == ("Beantwoord: op schema", True)
    [call] = teams.calls(UPDATE)
    assert call.method == "PUT"
    assert call.body["id"] == parse_ref(first).activity_id


def test_an_update_after_a_gateway_error_is_simply_made_again(
    teams: FakeConnector, port: TeamsPort, chat: str
) -> None:
    first = port.deliver(dm("k1", "aad-rob"))
    teams.fail_next(UPDATE, status=504, handled=True)
    with pytest.raises(DeliveryError) as raised:
        port.deliver(update("k2", "aad-rob", first))
    assert not raised.value.permanent
    assert not isinstance(raised.value, MaybeDelivered)
    assert port.find("k2", update("k2", "aad-rob", first)) is None
    assert port.deliver(update("k2", "aad-rob", first, "Opnieuw")) == first
    assert texts(teams, chat) == ["Opnieuw"]


@pytest.mark.parametrize(
    "delivery",
    [
        Delivery("k", DeliveryKind.DM, "aad-rob", "Rob"),
        Delivery("k", DeliveryKind.DM, "aad-rob", "Rob", file=File("a.docx", "b", b"")),
        Delivery("k", DeliveryKind.CHANNEL, "boce", "BOCE", file=File("a.docx", "b", b"x")),
        Delivery("k", DeliveryKind.UPDATE, "aad-rob", "Rob", "a:1|2", file=File("a", "b", b"x")),
        Delivery("k", DeliveryKind.THREAD, "aad-rob", "Rob", None, message=Message("x")),
        Delivery("k", DeliveryKind.THREAD, "aad-rob", "Rob", "no-ref", message=Message("x")),
        Delivery("k", DeliveryKind.DM, "http://example.org/|a:1", "Rob", message=Message("x")),
        Delivery("k", DeliveryKind.DM, "https://bad host/|a:1", "Rob", message=Message("x")),
        Delivery("k", DeliveryKind.DM, "https://ex:port/|a:1", "Rob", message=Message("x")),
        Delivery("k", DeliveryKind.DM, "https:///|a:1", "Rob", message=Message("x")),
    ],
    ids=[
        "nothing",
        "empty-file",
        "file-to-channel",
        "file-as-update",
        "no-parent",
        "bad-parent",
        "plain-http",
        "space",
        "port",
        "no-host",
    ],
)
def test_undeliverable_rows_fail_for_good_without_a_call(
    teams: FakeConnector, port: TeamsPort, delivery: Delivery
) -> None:
    with pytest.raises(DeliveryError) as raised:
        port.deliver(delivery)
    assert raised.value.permanent
    assert teams.calls() == []


def test_a_message_too_long_for_a_card_fails_for_good(
    teams: FakeConnector, http: httpx.Client
) -> None:
    def refuse(message: Message) -> Activity:
        raise ValueError("more than one card takes")

    port = TeamsPort(lambda: teams.token, http=http, render=refuse)
    with pytest.raises(DeliveryError, match="one card") as raised:
        port.deliver(dm("k1", address(teams, teams.open_chat("aad-rob"))))
    assert raised.value.permanent
    assert sends(teams) == 0


def test_the_default_renderer_is_the_cards_module_in_the_port_language(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[tuple[str, Language]] = []

    def message_activity(message: Message, *, lang: Language, mentions: object = ()) -> Activity:
        asked.append((message.text, lang))
        return {"type": "message", "attachments": []}

    cards = ModuleType("bot.teams.cards")
    cards.message_activity = message_activity  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "bot.teams.cards", cards)
    assert card_renderer("en")(Message("Hi")) == {"type": "message", "attachments": []}
    assert asked == [("Hi", "en")]


# --- errors ---------------------------------------------------------------------------------


def test_a_rate_limit_is_retry_after_without_sleeping_or_a_second_post(
    teams: FakeConnector, port: TeamsPort, chat: str
) -> None:
    teams.fail_next(SEND, status=429, retry_after=3)
    started = time.perf_counter()
    with pytest.raises(RetryAfter) as raised:
        port.deliver(dm("k1", "aad-rob"))
    elapsed = time.perf_counter() - started
    assert raised.value.seconds == 3
    assert elapsed < 1.0
    assert sends(teams) == 1
    assert teams.activities(chat) == []
    assert port.find("k1", dm("k1", "aad-rob")) is None  # refused: certainly not there


@pytest.mark.parametrize("header", [None, "soon", "-4", "nan"])
def test_a_rate_limit_without_a_readable_wait_is_a_retryable_error(
    teams: FakeConnector, port: TeamsPort, header: str | None
) -> None:
    teams.fail_next(SEND, status=429, retry_after=header)
    with pytest.raises(DeliveryError, match="429") as raised:
        port.deliver(dm("k1", "aad-rob"))
    assert not isinstance(raised.value, RetryAfter)
    assert not raised.value.permanent


def test_a_storm_is_retry_after_too(teams: FakeConnector, port: TeamsPort) -> None:
    teams.storm(calls=1, retry_after=12)
    with pytest.raises(RetryAfter) as raised:
        port.deliver(post("k1"))
    assert raised.value.seconds == 12


def test_a_precondition_failure_is_tried_again(
    teams: FakeConnector, port: TeamsPort, chat: str
) -> None:
    teams.fail_next(SEND, status=412)
    with pytest.raises(DeliveryError, match="412") as raised:
        port.deliver(dm("k1", "aad-rob"))
    assert not raised.value.permanent
    assert not isinstance(raised.value, MaybeDelivered)
    port.deliver(dm("k1", "aad-rob"))
    assert (sends(teams), texts(teams, chat)) == (2, ["Hoi Rob"])


@pytest.mark.parametrize("status", [502, 503, 504])
def test_a_gateway_error_is_tried_again(
    teams: FakeConnector, port: TeamsPort, chat: str, status: int
) -> None:
    teams.fail_next(SEND, status=status)
    with pytest.raises(DeliveryError, match=str(status)) as raised:
        port.deliver(dm("k1", "aad-rob"))
    assert not raised.value.permanent
    assert not isinstance(raised.value, MaybeDelivered)
    assert port.find("k1", dm("k1", "aad-rob")) is None  # certainly not posted
    port.deliver(dm("k1", "aad-rob"))
    assert (sends(teams), texts(teams, chat)) == (2, ["Hoi Rob"])


@pytest.mark.parametrize("status", [500, 408])
def test_an_error_after_the_connector_may_have_posted_is_never_posted_blindly_again(
    teams: FakeConnector, port: TeamsPort, chat: str, status: int
) -> None:
    teams.fail_next(SEND, status=status, handled=True)  # posted, but the answer is lost
    with pytest.raises(MaybeDelivered, match=str(status)) as raised:
        port.deliver(dm("k1", "aad-rob"))
    assert not raised.value.permanent
    with pytest.raises(MaybeDelivered, match="may have arrived") as again:
        port.deliver(dm("k1", "aad-rob"))
    assert not again.value.permanent
    with pytest.raises(DeliveryError, match="may have arrived") as looked:
        port.find("k1", dm("k1", "aad-rob"))
    assert not looked.value.permanent
    assert (sends(teams), texts(teams, chat)) == (1, ["Hoi Rob"])
    port.deliver(dm("k2", "aad-rob", "Iets anders"))  # other keys go out as usual
    assert sends(teams) == 2


def test_a_dropped_connection_after_sending_is_not_sent_again(
    teams: FakeConnector, port: TeamsPort, chat: str
) -> None:
    teams.fail_next(SEND, drop=True, handled=True)
    with pytest.raises(MaybeDelivered, match="RemoteProtocolError"):
        port.deliver(dm("k1", "aad-rob"))
    with pytest.raises(MaybeDelivered):
        port.deliver(dm("k1", "aad-rob"))
    assert (sends(teams), texts(teams, chat)) == (1, ["Hoi Rob"])


def test_a_user_who_removed_the_app_is_unreachable(
    teams: FakeConnector, port: TeamsPort, chat: str
) -> None:
    teams.install("aad-rob", installed=False)
    with pytest.raises(Unreachable, match="403"):
        port.deliver(dm("k1", "aad-rob"))
    teams.install("aad-rob")
    port.deliver(dm("k1", "aad-rob"))  # refused before: nothing arrived, so it may go now
    assert texts(teams, chat) == ["Hoi Rob"]


def test_an_unknown_conversation_fails_for_good(teams: FakeConnector, port: TeamsPort) -> None:
    with pytest.raises(DeliveryError, match="ConversationNotFound") as raised:
        port.deliver(dm("k1", address(teams, "a:1gone")))
    assert raised.value.permanent
    assert not isinstance(raised.value, Unreachable)


def test_an_activity_the_connector_rejects_fails_for_good(
    teams: FakeConnector, http: httpx.Client, chat: str
) -> None:
    port = TeamsPort(lambda: teams.token, http=http, render=lambda m: {"type": "typing"})
    with pytest.raises(DeliveryError, match="400") as raised:
        port.deliver(dm("k1", address(teams, chat)))
    assert raised.value.permanent


def test_a_refused_token_is_tried_again(
    teams: FakeConnector, http: httpx.Client, chat: str
) -> None:
    port = TeamsPort(lambda: "expired", http=http, render=plain)
    with pytest.raises(DeliveryError, match="401") as raised:
        port.deliver(dm("k1", address(teams, chat)))
    assert not raised.value.permanent
    assert not isinstance(raised.value, MaybeDelivered)


def test_no_connection_is_worth_another_try_and_certainly_did_not_arrive(
    http: httpx.Client,
) -> None:
    fake = FakeConnector().start()
    where = conversation_address(fake.service_url, "a:1000001")
    fake.stop()
    port = TeamsPort(lambda: "token", http=http, render=plain)
    started = time.perf_counter()
    with pytest.raises(DeliveryError, match="ConnectError") as raised:
        port.deliver(dm("k1", where))
    assert time.perf_counter() - started < 0.5
    assert not raised.value.permanent
    assert not isinstance(raised.value, MaybeDelivered)
    assert port.find("k1", dm("k1", where)) is None


def transport_failing(error: Callable[[httpx.Request], Exception]) -> httpx.Client:
    def fail(request: httpx.Request) -> httpx.Response:
        raise error(request)

    return httpx.Client(transport=httpx.MockTransport(fail))


@pytest.mark.parametrize(
    ("error", "ambiguous"),
    [
        (lambda r: httpx.ConnectTimeout("connect timed out", request=r), False),
        (lambda r: httpx.PoolTimeout("no connection free", request=r), False),
        (lambda r: httpx.ReadTimeout("read timed out", request=r), True),
        (lambda r: httpx.WriteError("broken pipe", request=r), True),
    ],
    ids=["connect-timeout", "pool-timeout", "read-timeout", "write-error"],
)
def test_transport_failures_are_ambiguous_once_the_request_left(
    error: Callable[[httpx.Request], Exception], ambiguous: bool
) -> None:
    port = TeamsPort(lambda: "token", http=transport_failing(error), render=plain)
    delivery = dm("k1", "https://smba.example/emea/|a:1xyz")
    with pytest.raises(DeliveryError) as raised:
        port.deliver(delivery)
    assert not raised.value.permanent
    assert isinstance(raised.value, MaybeDelivered) is ambiguous
    if ambiguous:
        with pytest.raises(DeliveryError):
            port.find("k1", delivery)
    else:
        assert port.find("k1", delivery) is None


def test_a_success_without_an_id_may_have_arrived() -> None:
    answer = httpx.MockTransport(lambda request: httpx.Response(201, json={}))
    port = TeamsPort(lambda: "token", http=httpx.Client(transport=answer), render=plain)
    with pytest.raises(MaybeDelivered, match="without an id"):
        port.deliver(dm("k1", "https://smba.example/emea/|a:1xyz"))


# --- finding earlier deliveries -------------------------------------------------------------


def test_find_knows_what_this_port_delivered_and_not_what_it_never_saw(
    teams: FakeConnector, port: TeamsPort
) -> None:
    ref = port.deliver(dm("k1", "aad-rob"))
    teams.clear()
    assert port.find("k1", dm("k1", "aad-rob")) == ref
    assert port.deliver(dm("k1", "aad-rob")) == ref  # delivered before: not posted again
    with pytest.raises(DeliveryError, match="no record of k9") as unknown:
        port.find("k9", dm("k9", "aad-rob"))
    assert not unknown.value.permanent  # not knowing must not become "never arrived"
    assert teams.calls() == []


def test_the_memory_forgets_the_oldest_keys_first(
    port: TeamsPort, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(teams_port, "MEMORY_MAX", 2)
    refs = [port.deliver(dm(f"k{n}", "aad-rob")) for n in range(3)]
    with pytest.raises(DeliveryError, match="no record"):
        port.find("k0", dm("k0", "aad-rob"))
    assert port.find("k2", dm("k2", "aad-rob")) == refs[2]


# --- the token ------------------------------------------------------------------------------


def test_the_token_comes_from_the_token_endpoint_and_is_kept(
    teams: FakeConnector, http: httpx.Client, chat: str
) -> None:
    ticks = Ticks()
    token = ClientCredentialsToken(
        APP_ID, APP_PASSWORD, token_url=teams.token_url, http=http, monotonic=ticks
    )
    port = TeamsPort(token, http=http, render=plain)
    port.deliver(dm("k1", address(teams, chat)))
    port.deliver(dm("k2", address(teams, chat)))
    [fetched] = teams.calls("token")
    assert fetched.body["scope"] == "https://api.botframework.com/.default"
    issued = {c.headers["Authorization"] for c in teams.calls(SEND)}
    assert len(issued) == 1
    assert issued != {f"Bearer {teams.token}"}  # the endpoint's, not the fake's fixed one
    ticks.now += 3600 - 300  # renewed five minutes before it expires
    port.deliver(dm("k3", address(teams, chat)))
    assert len(teams.calls("token")) == 2


def test_a_refused_app_password_fails_for_good_before_any_post(
    teams: FakeConnector, http: httpx.Client, chat: str
) -> None:
    token = ClientCredentialsToken(APP_ID, "wrong", token_url=teams.token_url, http=http)
    port = TeamsPort(token, http=http, render=plain)
    with pytest.raises(DeliveryError, match="invalid_client") as raised:
        port.deliver(dm("k1", address(teams, chat)))
    assert raised.value.permanent
    assert sends(teams) == 0


@pytest.mark.parametrize(
    ("status", "expected"), [(429, RetryAfter), (503, DeliveryError), (403, Unreachable)]
)
def test_the_token_endpoint_failing(status: int, expected: type[DeliveryError]) -> None:
    headers = {"Retry-After": "5"} if status == 429 else {}
    answer = httpx.MockTransport(lambda request: httpx.Response(status, headers=headers))
    http = httpx.Client(transport=answer)
    token = ClientCredentialsToken(
        APP_ID, APP_PASSWORD, token_url="https://login.test/t", http=http
    )
    with pytest.raises(expected) as raised:
        token()
    assert type(raised.value) is expected


def test_an_unreadable_token_answer_is_tried_again() -> None:
    answer = httpx.MockTransport(lambda request: httpx.Response(200, json={"token": "x"}))
    http = httpx.Client(transport=answer)
    token = ClientCredentialsToken(
        APP_ID, APP_PASSWORD, token_url="https://login.test/t", http=http
    )
    with pytest.raises(DeliveryError, match="unexpected answer") as raised:
        token()
    assert not raised.value.permanent


# --- with the sender ------------------------------------------------------------------------


def test_the_sender_delivers_the_outbox_through_teams(
    teams: FakeConnector, port: TeamsPort, register: Register, clock: FixedClock
) -> None:
    chat, boce = teams.open_chat("aad-rob"), teams.add_channel("boce-omgevingswet")
    with transaction(register.sessions) as session:
        rob = add_person(session, "Rob Jansen", teams="aad-rob")
        out = OutboxWriter(session, clock.now())
        question = out.send("q", ToPerson(rob), Message("Hoe staat actie 12 ervoor?"))
        answer = out.send("a", InThread(question), Message("Dank je"))
        out.send("u", Replace(question), Message("Actie 12: op schema"))
        out.send("c", ToChannel("boce-omgevingswet"), Message("Stand van zaken"))
    sender = Sender(register, port, clock, "test")
    teams.fail_next(SEND, status=429, retry_after=2)
    first = sender.run_once()
    assert (first.rescheduled, first.sent) == (1, 0)
    clock.advance(timedelta(seconds=2))
    assert sender.drain().sent == 4
    [top, threaded] = teams.activities(chat)
    assert (top["text"], top["edited"]) == ("Actie 12: op schema", True)
    assert threaded["replyToId"] == top["id"]
    assert texts(teams, boce) == ["Stand van zaken"]
    with register.sessions() as session:
        sent_question, sent_answer = get(session, question), get(session, answer)
        assert sent_question is not None
        assert sent_answer is not None
        assert sent_question.external_ref == f"{chat}|{top['id']}"
        assert sent_answer.external_ref == f"{chat}|{threaded['id']}"


def test_the_sender_never_repeats_a_send_that_may_have_arrived(
    teams: FakeConnector, port: TeamsPort, register: Register, clock: FixedClock
) -> None:
    chat = teams.open_chat("aad-rob")
    with transaction(register.sessions) as session:
        rob = add_person(session, "Rob Jansen", teams="aad-rob")
        question = OutboxWriter(session, clock.now()).send("q", ToPerson(rob), Message("Hoi"))
    sender = Sender(register, port, clock, "test", max_attempts=3)
    teams.fail_next(SEND, status=500, handled=True)
    results = []
    for _ in range(3):
        results.append(sender.run_once())
        clock.advance(timedelta(hours=2))  # past any backoff
    assert [r.retrying for r in results] == [1, 1, 0]
    assert results[-1].failed == 1
    assert (sends(teams), texts(teams, chat)) == (1, ["Hoi"])
    with register.sessions() as session:
        failed = get(session, question)
        assert failed is not None
        assert "may have arrived" in failed.error


def test_what_the_port_adds_is_in_the_recipients_language(
    teams: FakeConnector, http: httpx.Client, chat: str
) -> None:
    # Cards of its own (no renderer given): a required input's note and a file's description.
    cards = TeamsPort(
        lambda: teams.token, http=http, conversations={"aad-rob": address(teams, chat)}.get
    )
    form = Form(
        id="update",
        title="Update",
        submit="Opslaan",
        context="1",
        inputs=(Input("text", "Tekst", InputKind.TEXT, required=True),),
    )
    for key, lang, note in (("nl", "nl", "Vul dit in."), ("en", "en", "Please fill this in.")):
        message = Message("Hoe staat het?", form=form)
        cards.deliver(replace(dm(key, "aad-rob"), message=message, lang=lang))
        assert note in json.dumps(teams.activities(chat)[-1], ensure_ascii=False)
    brief = File("concept.docx", "application/octet-stream", b"PK\x03\x04 brief", "Concept")
    cards.deliver(replace(dm("file", "aad-rob"), message=None, file=brief, lang="en"))
    assert "Choose Allow" in json.dumps(teams.activities(chat)[-1])
