"""bot.slack.port and bot.slack.directory against the fake Slack, through a real WebClient."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from slack_sdk import WebClient
from slack_sdk.http_retry import RateLimitErrorRetryHandler

from bot.engine.opening import Register
from bot.engine.sender import Sender
from bot.slack.client import DEFAULT_RETRY_AFTER, slack_client
from bot.slack.directory import SlackDirectory
from bot.slack.events import message_ref, split_ref
from bot.slack.history import EVENT_TYPE
from bot.slack.port import CHANNEL_RELIST, Rendered, SlackPort
from bot.slack.refs import SlackRef, parse_ref
from storage.db import transaction
from storage.outbox import OutboxWriter
from storage.outbox_addressing import get
from tests.fake_slack import UPLOAD, FakeSlack
from tests.fakes import add_person
from words.chat.delivery import Delivery, DeliveryKind
from words.chat.messages import File, Message
from words.chat.outgoing import InThread, Replace, ToPerson
from words.clock import FixedClock
from words.errors import DeliveryError, RetryAfter, Unreachable

BOCE = "C0000BOCE"


def plain(message: Message) -> Rendered:
    """A renderer that keeps the test independent of Block Kit details."""
    return message.text, [{"type": "section", "text": {"type": "mrkdwn", "text": message.text}}]


class Ticks:
    """A monotonic clock that moves only when told."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        fake.add_user("U1", email="rob@example.org", name="Rob Jansen")
        fake.add_channel("boce-omgevingswet", BOCE)
        yield fake


@pytest.fixture
def client(slack: FakeSlack) -> WebClient:
    return slack_client(slack.token, slack.url)


@pytest.fixture
def ticks() -> Ticks:
    return Ticks()


@pytest.fixture
def port(client: WebClient, ticks: Ticks) -> SlackPort:
    return SlackPort(client, render=plain, monotonic=ticks)


def dm(key: str, text: str = "Hoi Rob", user: str = "U1") -> Delivery:
    return Delivery(key, DeliveryKind.DM, user, "Rob Jansen", message=Message(text))


def post(key: str, channel: str = "boce-omgevingswet", text: str = "Stand van zaken") -> Delivery:
    return Delivery(key, DeliveryKind.CHANNEL, channel, channel, message=Message(text))


def reply(key: str, parent: str, text: str = "Dank je") -> Delivery:
    return Delivery(key, DeliveryKind.THREAD, "U1", "Rob Jansen", parent, message=Message(text))


def update(key: str, parent: str, text: str = "Bijgewerkt") -> Delivery:
    return Delivery(key, DeliveryKind.UPDATE, "U1", "Rob Jansen", parent, message=Message(text))


def brief(key: str, kind: DeliveryKind = DeliveryKind.DM, **where: Any) -> Delivery:
    document = File("brief.docx", "application/vnd.openxmlformats", b"PK\x03\x04 brief", "A < B")
    address = where.pop("address", "U1")
    return Delivery(key, kind, address, "Rob Jansen", file=document, **where)


def postings(slack: FakeSlack) -> int:
    return len(slack.calls("chat.postMessage"))


# --- references -----------------------------------------------------------------------------


def test_references_read_back_and_match_the_events() -> None:
    ref = str(SlackRef("D024BE91L", ts="1700000000.000100"))
    assert ref == message_ref("D024BE91L", "1700000000.000100") == "D024BE91L:1700000000.000100"
    assert split_ref(ref) == ("D024BE91L", "1700000000.000100")
    assert parse_ref(ref) == SlackRef("D024BE91L", ts="1700000000.000100")
    assert parse_ref("C1:file:F123") == SlackRef("C1", file="F123")
    assert str(parse_ref("C1:file:F123")) == "C1:file:F123"
    for wrong in ("", "C1", "C1:", ":1.2", "C1:soon", "C1:file:", "7"):
        with pytest.raises(ValueError, match="not a Slack"):
            parse_ref(wrong)


# --- delivering -----------------------------------------------------------------------------


def test_a_dm_opens_the_conversation_and_posts_with_the_key(
    slack: FakeSlack, port: SlackPort
) -> None:
    ref = port.deliver(dm("k1"))
    [opened] = slack.calls("conversations.open")
    assert opened.params == {"users": "U1"}
    [call] = slack.calls("chat.postMessage")
    assert call.params["channel"] == "DU1"
    assert call.params["text"] == "Hoi Rob"
    assert call.params["blocks"] == plain(Message("Hoi Rob"))[1]
    assert call.params["metadata"] == {"event_type": EVENT_TYPE, "event_payload": {"key": "k1"}}
    assert call.headers["Authorization"] == f"Bearer {slack.token}"
    assert ref == f"DU1:{slack.posted('DU1')[0]['ts']}"


def test_the_dm_conversation_is_opened_once(slack: FakeSlack, port: SlackPort) -> None:
    port.deliver(dm("k1"))
    port.deliver(dm("k2"))
    assert len(slack.calls("conversations.open")) == 1
    assert [m["text"] for m in slack.posted("DU1")] == ["Hoi Rob", "Hoi Rob"]


def test_the_default_renderer_escapes_and_builds_blocks(
    slack: FakeSlack, client: WebClient
) -> None:
    SlackPort(client).deliver(dm("k1", text="<!channel> & co"))
    [call] = slack.calls("chat.postMessage")
    assert call.params["text"] == "&lt;!channel&gt; &amp; co"
    assert call.params["blocks"]


def test_a_channel_is_found_by_its_name(slack: FakeSlack, port: SlackPort) -> None:
    for name in ("boce-omgevingswet", "#boce-omgevingswet", " #BOCE-Omgevingswet "):
        ref = port.deliver(post(f"k-{name}", channel=name))
        assert parse_ref(ref).channel == BOCE
    [listing] = slack.calls("conversations.list")  # listed once, then known
    assert listing.params["types"] == "public_channel,private_channel"
    assert len(slack.posted(BOCE)) == 3


def test_channel_names_are_listed_page_by_page(slack: FakeSlack, port: SlackPort) -> None:
    for n in range(250):
        slack.add_channel(f"thema-{n:03d}")
    wanted = next(c.id for c in slack.channels.values() if c.name == "thema-249")
    ref = port.deliver(post("k1", channel="thema-249"))
    assert parse_ref(ref).channel == wanted
    assert len(slack.calls("conversations.list")) == 2  # 251 channels, 200 a page
    assert slack.posted(wanted)[0]["text"] == "Stand van zaken"


def test_configured_channels_and_channel_ids_need_no_listing(
    slack: FakeSlack, client: WebClient
) -> None:
    slack.add_channel("geheim", "G0000HUSH", private=True)
    port = SlackPort(client, {"#Geheim": "G0000HUSH"}, render=plain)
    assert parse_ref(port.deliver(post("k1", channel="geheim"))).channel == "G0000HUSH"
    assert parse_ref(port.deliver(post("k2", channel=BOCE))).channel == BOCE
    assert slack.calls("conversations.list") == []


def test_an_unknown_channel_fails_for_good_and_is_listed_again_later(
    slack: FakeSlack, port: SlackPort, ticks: Ticks
) -> None:
    for key in ("k1", "k2"):
        with pytest.raises(DeliveryError, match="#nieuw-thema") as raised:
            port.deliver(post(key, channel="#nieuw-thema"))
        assert raised.value.permanent
    assert len(slack.calls("conversations.list")) == 1  # not relisted for every message
    slack.add_channel("nieuw-thema")
    ticks.now += CHANNEL_RELIST
    port.deliver(post("k3", channel="nieuw-thema"))
    assert len(slack.calls("conversations.list")) == 2
    assert postings(slack) == 1


def test_a_thread_reply_hangs_under_its_parent(slack: FakeSlack, port: SlackPort) -> None:
    parent = port.deliver(post("k1"))
    ref = port.deliver(reply("k2", parent))
    ts = parse_ref(parent).ts
    assert slack.calls("chat.postMessage")[1].params["thread_ts"] == ts
    assert slack.posted(BOCE)[1]["thread_ts"] == ts
    assert parse_ref(ref).channel == BOCE
    assert ref != parent


def test_an_update_replaces_the_message_in_place(slack: FakeSlack, port: SlackPort) -> None:
    first = port.deliver(dm("k1", text="Wat is de stand?"))
    assert port.deliver(update("k2", first, text="Beantwoord: op schema")) == first
    [call] = slack.calls("chat.update")
    assert (call.params["channel"], call.params["ts"]) == tuple(first.split(":"))
    [message] = slack.posted("DU1")
    assert message["text"] == "Beantwoord: op schema"
    assert message["metadata"]["event_payload"] == {"key": "k1"}  # still findable


def test_a_file_goes_through_the_upload_flow_into_the_dm(
    slack: FakeSlack, client: WebClient
) -> None:
    port = SlackPort(client)  # the real renderer escapes the comment
    ref = port.deliver(brief("k1"))
    [message] = slack.posted("DU1")
    assert ref == f"DU1:{message['ts']}"
    assert message["text"] == "A &lt; B"
    assert message["files"][0]["name"] == "brief.docx"
    [file_id] = slack.uploads
    assert slack.uploads[file_id] == b"PK\x03\x04 brief"
    [complete] = slack.calls("files.completeUploadExternal")
    assert complete.params["channel_id"] == "DU1"
    assert complete.params["files"] == [{"id": file_id, "title": "brief.docx"}]


def test_a_file_can_go_to_a_channel_thread(slack: FakeSlack, port: SlackPort) -> None:
    parent = port.deliver(post("k1"))
    port.deliver(brief("k2", DeliveryKind.THREAD, parent_ref=parent))
    shared = slack.posted(BOCE)[1]
    assert shared["thread_ts"] == parse_ref(parent).ts
    assert shared["files"][0]["name"] == "brief.docx"


def test_a_file_slack_shares_later_is_known_by_its_id(slack: FakeSlack, port: SlackPort) -> None:
    slack.share_in_response = False
    ref = port.deliver(brief("k1"))
    [file_id] = slack.uploads
    assert ref == f"DU1:file:{file_id}"
    with pytest.raises(DeliveryError, match="no thread") as raised:
        port.deliver(reply("k2", ref))
    assert raised.value.permanent


@pytest.mark.parametrize(
    "delivery",
    [
        Delivery("k", DeliveryKind.DM, "U1", "Rob"),
        Delivery("k", DeliveryKind.DM, "U1", "Rob", message=Message("x"), file=File("a", "b", b"")),
        Delivery("k", DeliveryKind.THREAD, "U1", "Rob", None, message=Message("x")),
        Delivery("k", DeliveryKind.THREAD, "U1", "Rob", "not-a-ref", message=Message("x")),
        Delivery("k", DeliveryKind.UPDATE, "U1", "Rob", "DU1:1.000001", file=File("a", "b", b"")),
    ],
    ids=["nothing", "both", "no-parent", "bad-parent", "update-to-file"],
)
def test_undeliverable_rows_fail_for_good_without_a_post(
    slack: FakeSlack, port: SlackPort, delivery: Delivery
) -> None:
    with pytest.raises(DeliveryError) as raised:
        port.deliver(delivery)
    assert raised.value.permanent
    assert postings(slack) == 0


def test_a_message_too_long_to_render_fails_for_good(slack: FakeSlack, client: WebClient) -> None:
    def refuse(message: Message) -> Rendered:
        raise ValueError("button value longer than Slack's 2000 characters")

    with pytest.raises(DeliveryError, match="2000") as raised:
        SlackPort(client, render=refuse).deliver(dm("k1"))
    assert raised.value.permanent
    assert postings(slack) == 0


# --- errors ---------------------------------------------------------------------------------


def test_a_rate_limit_is_retry_after_without_sleeping(slack: FakeSlack, client: WebClient) -> None:
    # The client as the web process builds it, with slack_sdk's default retry handlers.
    port = SlackPort(WebClient(token=slack.token, base_url=slack.url), render=plain)
    slack.fail_next("chat.postMessage", status=429, retry_after=3)
    started = time.perf_counter()
    with pytest.raises(RetryAfter) as raised:
        port.deliver(dm("k1"))
    elapsed = time.perf_counter() - started
    assert raised.value.seconds == 3
    assert elapsed < 0.5
    assert postings(slack) == 1
    assert slack.posted("DU1") == []


@pytest.mark.parametrize("header", [None, "soon", "-4", "nan"])
def test_an_unreadable_retry_after_waits_the_default(
    slack: FakeSlack, port: SlackPort, header: str | None
) -> None:
    slack.fail_next("chat.postMessage", status=429, retry_after=header)
    with pytest.raises(RetryAfter) as raised:
        port.deliver(dm("k1"))
    assert raised.value.seconds == DEFAULT_RETRY_AFTER


def test_a_storm_while_resolving_is_retry_after_too(slack: FakeSlack, port: SlackPort) -> None:
    slack.storm(calls=1, retry_after=12)
    with pytest.raises(RetryAfter) as raised:
        port.deliver(post("k1"))
    assert raised.value.seconds == 12
    assert [c.method for c in slack.calls()] == ["conversations.list"]


def test_a_server_error_is_worth_another_try(slack: FakeSlack, port: SlackPort) -> None:
    slack.fail_next("chat.postMessage", status=500)
    with pytest.raises(DeliveryError, match=r"chat\.postMessage") as raised:
        port.deliver(dm("k1"))
    assert not raised.value.permanent
    assert not isinstance(raised.value, RetryAfter)


@pytest.mark.parametrize("error", ["invalid_auth", "token_revoked", "missing_scope"])
def test_a_broken_installation_fails_for_good(
    slack: FakeSlack, port: SlackPort, error: str
) -> None:
    slack.fail_next("chat.postMessage", error=error)
    with pytest.raises(DeliveryError, match=error) as raised:
        port.deliver(dm("k1"))
    assert raised.value.permanent
    assert not isinstance(raised.value, Unreachable)


def test_a_wrong_token_fails_for_good(slack: FakeSlack) -> None:
    port = SlackPort(slack_client("xoxb-revoked", slack.url), render=plain)
    with pytest.raises(DeliveryError, match="invalid_auth") as raised:
        port.deliver(post("k1"))
    assert raised.value.permanent


def test_people_slack_cannot_reach_are_unreachable(slack: FakeSlack, port: SlackPort) -> None:
    slack.add_user("UGONE", deleted=True)
    for user, error in {"U404": "user_not_found", "UGONE": "user_disabled"}.items():
        with pytest.raises(Unreachable, match=error):
            port.deliver(dm("k1", user=user))
    assert postings(slack) == 0


def test_a_channel_without_the_bot_fails_for_good(slack: FakeSlack, port: SlackPort) -> None:
    slack.add_channel("elders", member=False)
    with pytest.raises(DeliveryError, match="not_in_channel") as raised:
        port.deliver(post("k1", channel="elders"))
    assert raised.value.permanent


def test_an_unknown_slack_error_is_tried_again(slack: FakeSlack, port: SlackPort) -> None:
    slack.fail_next("chat.postMessage", error="something_new")
    with pytest.raises(DeliveryError, match="something_new") as raised:
        port.deliver(dm("k1"))
    assert not raised.value.permanent


def test_no_connection_is_worth_another_try() -> None:
    fake = FakeSlack().start()
    url = fake.url
    fake.stop()
    port = SlackPort(slack_client(fake.token, url), render=plain)
    started = time.perf_counter()
    with pytest.raises(DeliveryError, match=r"conversations\.open") as raised:
        port.deliver(dm("k1"))
    assert not raised.value.permanent
    assert time.perf_counter() - started < 0.5


def test_the_upload_url_refusing_is_retry_after_or_transient(
    slack: FakeSlack, port: SlackPort
) -> None:
    slack.fail_next(UPLOAD, status=429, retry_after=8)
    with pytest.raises(RetryAfter) as limited:
        port.deliver(brief("k1"))
    assert limited.value.seconds == 8
    slack.fail_next(UPLOAD, status=503)
    with pytest.raises(DeliveryError, match="503") as broken:
        port.deliver(brief("k2"))
    assert not broken.value.permanent
    assert slack.posted("DU1") == []


def test_a_client_that_sleeps_on_rate_limits_is_refused(slack: FakeSlack) -> None:
    sleepy = WebClient(
        token=slack.token, base_url=slack.url, retry_handlers=[RateLimitErrorRetryHandler()]
    )
    with pytest.raises(ValueError, match="rate limits"):
        SlackPort(sleepy)


# --- finding earlier deliveries -------------------------------------------------------------


def test_find_knows_a_delivered_dm_and_not_an_unknown_key(
    slack: FakeSlack, port: SlackPort
) -> None:
    ref = port.deliver(dm("k1"))
    port.deliver(dm("k2"))
    assert port.find("k1", dm("k1")) == ref
    assert port.find("k9", dm("k9")) is None
    history = slack.calls("conversations.history")
    assert history[0].params == {"channel": "DU1", "include_all_metadata": "1", "limit": "200"}


def test_find_in_a_channel_and_in_a_thread(slack: FakeSlack, port: SlackPort) -> None:
    parent = port.deliver(post("k1"))
    answer = port.deliver(reply("k2", parent))
    assert port.find("k1", post("k1")) == parent
    assert port.find("k2", reply("k2", parent)) == answer
    assert port.find("k2", post("k2")) is None  # replies are not in the channel's history
    assert slack.calls("conversations.replies")[0].params["ts"] == parse_ref(parent).ts


def test_find_a_file_by_its_name_and_size(slack: FakeSlack, port: SlackPort) -> None:
    slack.share_in_response = False
    port.deliver(brief("k1"))
    found = port.find("k1", brief("k1"))
    assert found == f"DU1:{slack.posted('DU1')[0]['ts']}"
    other = Delivery("k2", DeliveryKind.DM, "U1", "Rob", file=File("brief.docx", "x", b"other"))
    assert port.find("k2", other) is None


def test_find_says_none_where_nothing_can_have_arrived(slack: FakeSlack, port: SlackPort) -> None:
    assert port.find("k1", post("k1", channel="bestaat-niet")) is None
    assert port.find("k1", dm("k1", user="U404")) is None
    slack.clear()
    assert port.find("k1", update("k1", "DU1:1700000000.000100")) is None
    assert slack.calls() == []  # an update is simply made again


def test_find_that_cannot_look_is_tried_again_later(slack: FakeSlack, port: SlackPort) -> None:
    port.deliver(dm("k1"))
    slack.fail_next("conversations.history", status=500)
    with pytest.raises(DeliveryError, match="k1") as raised:
        port.find("k1", dm("k1"))
    assert not raised.value.permanent
    slack.fail_next("conversations.history", error="missing_scope")
    with pytest.raises(DeliveryError, match="missing_scope") as scoped:
        port.find("k1", dm("k1"))
    assert not scoped.value.permanent  # not knowing must not become "never arrived"
    slack.fail_next("conversations.history", status=429, retry_after=4)
    with pytest.raises(RetryAfter):
        port.find("k1", dm("k1"))


def test_a_post_that_arrived_despite_an_error_is_not_posted_again(
    slack: FakeSlack, port: SlackPort
) -> None:
    slack.fail_next("chat.postMessage", status=500, handled=True)
    with pytest.raises(DeliveryError):
        port.deliver(dm("k1"))
    ref = port.deliver(dm("k1"))
    assert postings(slack) == 1
    assert [m["text"] for m in slack.posted("DU1")] == ["Hoi Rob"]
    assert ref == f"DU1:{slack.posted('DU1')[0]['ts']}"
    port.deliver(dm("k1"))  # once settled, the key is posted without looking first
    assert postings(slack) == 2


def test_a_post_that_did_not_arrive_is_posted_after_looking(
    slack: FakeSlack, port: SlackPort
) -> None:
    slack.fail_next("chat.postMessage", status=502)
    with pytest.raises(DeliveryError):
        port.deliver(dm("k1"))
    port.deliver(dm("k1"))
    assert len(slack.calls("conversations.history")) == 1
    assert len(slack.posted("DU1")) == 1


# --- the directory --------------------------------------------------------------------------


def test_the_directory_finds_users_by_email_and_emails_by_user(
    slack: FakeSlack, client: WebClient
) -> None:
    slack.add_user("U2")
    directory = SlackDirectory(client)
    assert directory.user_by_email("ROB@example.org") == "U1"
    assert directory.user_by_email("niemand@example.org") is None
    assert directory.email_of("U1") == "rob@example.org"
    assert directory.email_of("U2") is None  # no email Slack shows
    assert directory.email_of("U404") is None


def test_the_directory_reports_failures(slack: FakeSlack, client: WebClient) -> None:
    directory = SlackDirectory(client)
    slack.fail_next("users.lookupByEmail", status=500)
    with pytest.raises(DeliveryError) as broken:
        directory.user_by_email("rob@example.org")
    assert not broken.value.permanent
    slack.fail_next("users.info", status=429, retry_after=9)
    with pytest.raises(RetryAfter) as limited:
        directory.email_of("U1")
    assert limited.value.seconds == 9
    slack.fail_next("users.info", error="missing_scope")
    with pytest.raises(DeliveryError, match="missing_scope"):
        directory.email_of("U1")


# --- with the sender ------------------------------------------------------------------------


def test_the_sender_delivers_the_outbox_through_slack(
    slack: FakeSlack, client: WebClient, register: Register, clock: FixedClock
) -> None:
    with transaction(register.sessions) as session:
        rob = add_person(session, "Rob Jansen", slack="U1")
        out = OutboxWriter(session, clock.now())
        question = out.send("q", ToPerson(rob), Message("Hoe staat actie 12 ervoor?"))
        answer = out.send("a", InThread(question), Message("Dank je"))
        out.send("u", Replace(question), Message("Actie 12: op schema"))
    sender = Sender(register, SlackPort(client, render=plain), clock, "test")
    slack.fail_next("chat.postMessage", status=429, retry_after=2)
    first = sender.run_once()
    assert (first.rescheduled, first.sent) == (1, 0)
    clock.advance(timedelta(seconds=2))
    report = sender.drain()
    assert report.sent == 3
    with register.sessions() as session:
        sent_question, sent_answer = get(session, question), get(session, answer)
        assert sent_question is not None
        assert sent_answer is not None
        assert sent_question.external_ref == f"DU1:{slack.posted('DU1')[0]['ts']}"
    [top, threaded] = slack.posted("DU1")
    assert top["text"] == "Actie 12: op schema"
    assert threaded["thread_ts"] == top["ts"]
    assert sent_answer.external_ref == f"DU1:{threaded['ts']}"


def test_find_pages_back_to_when_the_message_was_queued(slack: FakeSlack, port: SlackPort) -> None:
    # A sender died with k0 in flight; while its lease ran, 450 more messages went to the same
    # person: k0 is three pages back, and still found rather than sent again.
    queued = datetime(2026, 11, 23, 8, tzinfo=UTC)
    first = port.deliver(dm("k0"))
    for n in range(1, 451):
        port.deliver(dm(f"k{n}"))
    assert port.find("k0", replace(dm("k0"), queued_at=queued)) == first
    history = slack.calls("conversations.history")
    assert len(history) == 3
    assert history[0].params["oldest"] == f"{(queued - timedelta(minutes=10)).timestamp():.6f}"
