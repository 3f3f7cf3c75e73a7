"""bot.teams.events: captured Teams activities (tests/teams_payloads) into Voortgang's events.

The fixtures are Bot Framework activities in the shapes Teams sends, with fictional ids. The
bot's Microsoft app id and the tenant are the fake connector's, so that adapter tests can use
the same payloads against it.
"""

from __future__ import annotations

import copy
import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.teams.activity import Reference, reference
from bot.teams.cards import message_card
from bot.teams.events import Install, Uninstall, message_ref, parse
from bot.teams.refs import parse_address, parse_ref
from bot.teams.text import plain_text
from tests.fake_teams import APP_ID, TENANT
from words.chat.inbound import ButtonIn, FormIn, MessageIn
from words.chat.messages import Button, Form, Input, Message
from words.domain import Source

PAYLOADS = Path(__file__).resolve().parents[2] / "teams_payloads"
NOW = datetime(2026, 11, 23, 8, 5, 13, tzinfo=UTC)
SERVICE_URL = "https://smba.trafficmanager.net/emea/"
BOT = f"28:{APP_ID}"
FATIMA = "00000000-0000-4000-8000-0000000000f1"
ROB = "00000000-0000-4000-8000-0000000000e0"
CHAT = "a:1VoOrTgAnGfAtImAcHaT0123456789abcdefGhIjKlMnOpQrStUvWxYz"
CHANNEL = "19:b0ceomgevingswet0123456789abcdef@thread.tacv2"
TEAM = "19:b0ceteam0123456789abcdef0123456@thread.tacv2"
PING = "1795420800000"  # the id of the bot's ping card in Fatima's chat


def payload(name: str) -> dict[str, Any]:
    """A captured activity from tests/teams_payloads, to change per test."""
    data: dict[str, Any] = json.loads((PAYLOADS / f"{name}.json").read_text(encoding="utf-8"))
    return copy.deepcopy(data)


def message(text: str, **changes: Any) -> dict[str, Any]:
    activity = payload("message_personal")
    activity["text"] = text
    activity.update(changes)
    return activity


def parsed_text(text: str) -> str:
    event = parse(message(text), NOW)
    assert isinstance(event, MessageIn)
    return event.text


# -- the fixtures ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(PAYLOADS.glob("*.json")), ids=lambda p: p.stem)
def test_every_fixture_is_an_activity_of_the_bots_tenant(path: Path) -> None:
    activity = payload(path.stem)
    assert activity["channelId"] == "msteams"
    assert activity["recipient"]["id"] == BOT
    assert activity["channelData"]["tenant"]["id"] == TENANT
    assert activity["serviceUrl"] == SERVICE_URL
    assert activity["id"]


def test_a_message_in_the_personal_chat() -> None:
    event = parse(payload("message_personal"), NOW)
    assert event == MessageIn(
        platform=Source.TEAMS,
        event_id="1795421112345",
        user_id=FATIMA,
        received_at=NOW,
        text="Loket draait, 40 aanvragen behandeld",
        channel=None,
        thread=None,
    )


def test_a_reply_to_a_card_refers_to_the_card_as_the_port_does() -> None:
    event = parse(payload("message_reply_to_card"), NOW)
    assert isinstance(event, MessageIn)
    assert event.text == "Inbreng is verstuurd, klaar in maart"  # <p> and &nbsp; gone
    assert event.thread == f"{CHAT}|{PING}"
    ref = parse_ref(event.thread)
    assert (ref.conversation_id, ref.activity_id) == (CHAT, PING)
    assert event.channel is None
    assert event.event_id == "1795421560123"


def test_a_mention_in_a_channel_loses_the_bots_name_and_the_thread_mark() -> None:
    event = parse(payload("message_channel_mention"), NOW)
    assert isinstance(event, MessageIn)
    assert event.text == "overzicht"
    assert event.channel == CHANNEL  # without ";messageid=..."
    assert event.thread is None  # a new post is the root of its own thread
    assert event.user_id == ROB


def test_a_reply_in_a_channel_thread_refers_to_the_threads_root() -> None:
    activity = payload("message_channel_mention")
    activity["conversation"]["id"] = f"{CHANNEL};messageid=1795429000000"
    activity["text"] = "<at>Voortgang</at> loopt"
    event = parse(activity, NOW)
    assert isinstance(event, MessageIn)
    assert event.thread == f"{CHANNEL}|1795429000000"
    assert event.text == "loopt"


def test_channel_chatter_that_does_not_mention_the_bot_is_ignored() -> None:
    activity = payload("message_channel_mention")
    activity["entities"] = [e for e in activity["entities"] if e["type"] != "mention"]
    activity["text"] = "koffie iemand?"
    assert parse(activity, NOW) is None


def test_other_mentions_keep_the_name() -> None:
    activity = payload("message_channel_mention")
    activity["text"] = "<at>Voortgang</at> actie 12 is voor <at>Rob Jansen</at>"
    activity["entities"].append(
        {
            "mentioned": {"id": "29:1RoB", "name": "Rob Jansen"},
            "text": "<at>Rob Jansen</at>",
            "type": "mention",
        }
    )
    event = parse(activity, NOW)
    assert isinstance(event, MessageIn)
    assert event.text == "actie 12 is voor Rob Jansen"


def test_the_bots_own_messages_and_other_bots_are_ignored() -> None:
    own = message("echo", **{"from": {"id": BOT, "name": "Voortgang"}})
    other = message("hallo", **{"from": {"id": "28:another-app", "name": "Polly"}})
    assert parse(own, NOW) is None
    assert parse(other, NOW) is None


def test_without_an_entra_object_id_the_teams_user_id_is_used() -> None:
    activity = payload("message_personal")
    del activity["from"]["aadObjectId"]
    event = parse(activity, NOW)
    assert isinstance(event, MessageIn)
    assert event.user_id == activity["from"]["id"]
    assert event.user_id.startswith("29:")


def test_a_quoted_reply_refers_to_the_quoted_message_and_leaves_its_text_out() -> None:
    quote = (
        f'<blockquote itemscope="" itemtype="http://schema.skype.com/Reply" itemid="{PING}">'
        '<strong itemprop="mri" itemid="28:x">Voortgang</strong>'
        '<p itemprop="preview">Hoe staat actie 12 ervoor?</p></blockquote>'
        "<p>Bijna klaar</p>"
    )
    event = parse(message(quote), NOW)
    assert isinstance(event, MessageIn)
    assert event.text == "Bijna klaar"
    assert event.thread == f"{CHAT}|{PING}"


def test_a_quoted_reply_entity_names_the_thread() -> None:
    entity = {"type": "quotedReply", "quotedReply": {"messageId": PING, "senderName": "V"}}
    event = parse(message("klaar", entities=[entity]), NOW)
    assert isinstance(event, MessageIn)
    assert event.thread == f"{CHAT}|{PING}"


# -- HTML to plain text ----------------------------------------------------------------------


def test_hostile_html_becomes_plain_text() -> None:
    hostile = (
        '<p>Klaar <b>bijna</b><img src="x" onerror="alert(1)"></p>'
        "<script>alert('x')</script><style>p{color:red}</style>"
        '<a href="javascript:alert(1)">link</a><iframe src="https://evil.example"></iframe>'
    )
    text = parsed_text(hostile)
    assert text == "Klaar bijna\nlink"
    assert "<" not in text
    assert "alert" not in text


def test_entities_are_decoded_and_line_breaks_kept() -> None:
    text = parsed_text("R&amp;D&nbsp;loopt<br>5 &lt; 6 &amp; &quot;klaar&quot;<br/>&#233;&#x00e9;")
    assert text == 'R&D loopt\n5 < 6 & "klaar"\néé'


def test_plain_text_stays_as_typed() -> None:
    assert parsed_text("eerste regel\ntweede  regel\n\n\n\nderde") == (
        "eerste regel\ntweede regel\n\nderde"
    )
    assert parsed_text("R&D ligt op schema") == "R&D ligt op schema"


def test_nested_quotes_are_left_out_whole() -> None:
    text, quoted = plain_text(
        '<blockquote itemtype="http://schema.skype.com/Reply" itemid="1">a<blockquote>b'
        "</blockquote>c</blockquote>d"
    )
    assert (text, quoted) == ("d", ["1"])


def test_a_tag_cut_off_at_the_end_is_dropped() -> None:
    assert parsed_text('klaar <a href="javascript:x') == "klaar"
    assert parsed_text("5<6 en 7 > 3") == "5<6 en 7 > 3"
    assert parsed_text("<a<b") == "a"  # no tag for anything downstream to find
    assert parsed_text("<<a< b") == "a< b"


def test_a_typed_less_than_sign_survives_as_text() -> None:
    assert parsed_text("&lt;script&gt; &#60;b&#x3C;i&LT;") == "<script> <b<i<"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/!-;#apbrscit =\"'x1\n\u00a0\ue000"))))
def test_markup_without_entities_never_leaves_a_tag(text: str) -> None:
    parsed, _quoted = plain_text(text)
    # Only an entity ("&lt;") can give a "<" before a letter; there is none in this alphabet.
    assert re.search(r"<[A-Za-z/!?]", parsed) is None
    assert parsed == parsed.strip()
    assert "\ue000" not in parsed  # the parser's own placeholder never shows


# -- card actions ---------------------------------------------------------------------------


def test_a_status_button_is_a_button_press_on_the_card() -> None:
    event = parse(payload("invoke_card_action_status"), NOW)
    assert event == ButtonIn(
        platform=Source.TEAMS,
        event_id="f:0b9a8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d",
        user_id=FATIMA,
        received_at=NOW,
        action="status",
        value="12:done",
        message=f"{CHAT}|{PING}",
    )


def test_a_submitted_form_carries_its_inputs() -> None:
    event = parse(payload("invoke_card_action_form"), NOW)
    assert isinstance(event, FormIn)
    assert (event.form, event.context) == ("update", "12")
    assert dict(event.values) == {
        "status": "at_risk",
        "text": "Wacht op de jurist, verwacht eind december",
        "deadline": "",
    }
    assert event.message == f"{CHAT}|{PING}"
    assert event.user_id == FATIMA
    assert event.event_id == "f:2c1d0e9f-8a7b-4c6d-8e5f-4a3b2c1d0e9f"


def _executes(element: Any) -> list[dict[str, Any]]:
    """Every Action.Execute in a card, wherever it sits."""
    if isinstance(element, list):
        return [a for item in element for a in _executes(item)]
    if not isinstance(element, dict):
        return []
    found = [element] if element.get("type") == "Action.Execute" else []
    return found + [a for value in element.values() for a in _executes(value)]


def test_the_actions_of_a_real_card_come_back_as_they_were_made() -> None:
    form = Form(
        id="update",
        title="Actie 12",
        submit="Opslaan",
        context="12",
        inputs=(Input("text", "Wat is er gebeurd?"),),
    )
    card = message_card(
        Message(
            text="Hoe staat actie 12 ervoor?",
            buttons=(Button("Klaar", "status", "12:done"), Button("Schrijf", "form", "12")),
            form=form,
        ),
        lang="nl",
    )
    events = []
    for action in _executes(card):
        activity = payload("invoke_card_action_status")
        pressed = copy.deepcopy(action)
        if pressed["verb"] == "vg.form" and "form" in pressed["data"]:
            pressed["data"]["text"] = "ingevuld"  # Teams merges the inputs into the data
        activity["value"]["action"] = pressed
        events.append(parse(activity, NOW))
    buttons = [(e.action, e.value) for e in events if isinstance(e, ButtonIn)]
    forms = [(e.form, e.context, dict(e.values)) for e in events if isinstance(e, FormIn)]
    assert buttons == [("status", "12:done"), ("form", "12")]
    assert forms == [("update", "12", {"text": "ingevuld"})]


@pytest.mark.parametrize(
    "action",
    [
        {"type": "Action.Execute", "verb": "other.app", "data": {"action": "x", "value": "1"}},
        {"type": "Action.Execute", "verb": "vg.status", "data": {"action": "pick", "value": "1"}},
        {"type": "Action.Execute", "verb": "vg.status", "data": {"action": "status"}},
        {"type": "Action.Execute", "verb": "vg.form", "data": {"context": "12"}},
        {"type": "Action.Execute", "verb": "vg.status", "data": "12:done"},
        {},
    ],
    ids=["other-verb", "verb-not-action", "no-value", "form-without-id", "data-string", "empty"],
)
def test_invokes_of_other_verbs_or_data_are_ignored(action: dict[str, Any]) -> None:
    activity = payload("invoke_card_action_status")
    activity["value"]["action"] = action
    assert parse(activity, NOW) is None


def test_other_invokes_and_refreshes_are_ignored() -> None:
    refresh = payload("invoke_card_action_status")
    refresh["value"]["trigger"] = "automatic"
    other = payload("invoke_card_action_status")
    other["name"] = "composeExtension/query"
    assert parse(refresh, NOW) is None
    assert parse(other, NOW) is None


def test_a_press_without_the_cards_id_has_no_message() -> None:
    activity = payload("invoke_card_action_status")
    del activity["replyToId"]
    event = parse(activity, NOW)
    assert isinstance(event, ButtonIn)
    assert event.message is None


# -- installs -------------------------------------------------------------------------------


PERSONAL_REFERENCE = Reference(
    service_url=SERVICE_URL,
    conversation_id=CHAT,
    tenant_id=TENANT,
    bot_id=BOT,
    conversation_type="personal",
)


def test_the_bot_added_to_a_personal_chat_is_an_install() -> None:
    assert parse(payload("conversation_update_added"), NOW) == Install(FATIMA, PERSONAL_REFERENCE)


def test_the_bot_added_to_a_team_is_an_install_in_its_channel() -> None:
    event = parse(payload("conversation_update_added_team"), NOW)
    assert isinstance(event, Install)
    assert event.user_id == ROB
    assert event.conversation.conversation_type == "channel"
    assert event.conversation.conversation_id == TEAM
    assert not event.conversation.personal


def test_installation_updates() -> None:
    assert parse(payload("installation_update_add"), NOW) == Install(FATIMA, PERSONAL_REFERENCE)
    assert parse(payload("installation_update_remove"), NOW) == Uninstall(FATIMA)
    upgrade = payload("installation_update_add")
    upgrade["action"] = "add-upgrade"
    assert parse(upgrade, NOW) == Install(FATIMA, PERSONAL_REFERENCE)


def test_the_app_leaving_a_team_is_no_uninstall_of_the_person() -> None:
    activity = payload("conversation_update_added_team")
    activity["membersRemoved"] = activity.pop("membersAdded")
    assert parse(activity, NOW) is None
    personal = payload("conversation_update_added")
    personal["membersRemoved"] = personal.pop("membersAdded")
    assert parse(personal, NOW) == Uninstall(FATIMA)


def test_people_joining_a_team_are_no_install() -> None:
    activity = payload("conversation_update_added_team")
    activity["membersAdded"] = [{"id": "29:1NiEuW", "aadObjectId": "new-person"}]
    assert parse(activity, NOW) is None


# -- references ---------------------------------------------------------------------------


def test_every_fixture_has_a_reference_the_port_can_address() -> None:
    for path in sorted(PAYLOADS.glob("*.json")):
        found = reference(payload(path.stem))
        assert found is not None, path.stem
        where = parse_address(found.address)
        assert where.service_url == SERVICE_URL
        assert ";messageid=" not in where.conversation_id
        assert found.bot_id == BOT
        assert found.tenant_id == TENANT


def test_a_channel_messages_reference_is_the_channel() -> None:
    found = reference(payload("message_channel_mention"))
    assert found is not None
    assert (found.conversation_id, found.conversation_type) == (CHANNEL, "channel")


def test_a_reference_needs_an_http_service_url_and_a_tenant() -> None:
    ftp = payload("message_personal")
    ftp["serviceUrl"] = "ftp://smba.example/"
    no_tenant = payload("message_personal")
    del no_tenant["channelData"]["tenant"]
    del no_tenant["conversation"]["tenantId"]
    only_conversation_tenant = payload("message_personal")
    del only_conversation_tenant["channelData"]
    assert reference(ftp) is None
    assert reference(no_tenant) is None
    found = reference(only_conversation_tenant)
    assert found is not None
    assert found.tenant_id == TENANT


def test_message_ref_refuses_ids_the_port_could_not_read_back() -> None:
    assert message_ref(CHAT, PING) == f"{CHAT}|{PING}"
    assert message_ref("a|b", PING) is None
    assert message_ref(CHAT, None) is None


# -- everything else ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kind", ["typing", "messageReaction", "messageUpdate", "messageDelete", "event", "", None]
)
def test_other_activity_types_are_ignored(kind: str | None) -> None:
    activity = payload("message_personal")
    activity["type"] = kind
    assert parse(activity, NOW) is None


def test_a_legacy_card_submit_is_ignored() -> None:
    activity = message("", value={"action": "status", "value": "12:done"})
    assert parse(activity, NOW) is None


@pytest.mark.parametrize(
    "broken",
    [
        {},
        {"type": "message"},
        {"type": "message", "text": 12, "id": "1", "from": "Fatima"},
        {"type": "message", "id": ["1"], "from": {"id": "29:1"}, "conversation": []},
        {"type": "invoke", "name": "adaptiveCard/action", "value": "klaar"},
        {"type": "invoke", "name": "adaptiveCard/action", "id": "f:1", "from": {"id": "29:1"}},
        {"type": "conversationUpdate", "membersAdded": "everyone"},
        {"type": "installationUpdate", "action": "add", "from": {"id": "29:1"}},
        {"type": "message", "id": "1", "from": {"id": "29:1"}, "entities": "x", "text": None},
    ],
)
def test_unknown_shapes_are_ignored_never_raised(broken: dict[str, Any]) -> None:
    assert parse(broken, NOW) is None


def test_a_message_without_an_id_is_ignored() -> None:
    activity = payload("message_personal")
    del activity["id"]
    assert parse(activity, NOW) is None
