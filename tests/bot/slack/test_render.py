"""Slack Block Kit rendering: escaping, Block Kit's shapes and limits, and the way back.

Every rendered block and view is checked against Block Kit's documented shapes (``check_*``
below: known types and keys, required keys, lengths) and parsed by slack_sdk's own models.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

import pytest
from slack_sdk.models.blocks import Block as SdkBlock
from slack_sdk.models.views import View as SdkView

from bot.slack.render import (
    ELLIPSIS,
    OPEN_FORM,
    TooLongError,
    button_of,
    escape,
    fallback_text,
    form_errors,
    home_view,
    message_blocks,
    modal_view,
    opened_form,
    submitted,
    view_metadata,
)
from handlers.checkins.ping_message import Asked, ping_message
from handlers.replies.form import _update_form
from storage.models import Action
from words.chat.messages import (
    Button,
    Choice,
    Field,
    Form,
    Input,
    InputKind,
    Message,
    Section,
    Style,
)
from words.domain import Status
from words.errors import FormPayloadError, NotOursError

HOSTILE = "<!channel> <@U1> <https://evil.example|bank> & *bold*"
HOSTILE_ESCAPED = "&lt;!channel&gt; &lt;@U1&gt; &lt;https://evil.example|bank&gt; &amp; *bold*"
TODAY = date(2026, 11, 23)

Json = dict[str, Any]


# --- Block Kit's documented shapes ----------------------------------------------------------


def units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def check_text(obj: Json, limit: int, kind: str | None = None) -> None:
    keys = {"plain_text": {"type", "text", "emoji"}, "mrkdwn": {"type", "text", "verbatim"}}
    assert obj["type"] in keys
    assert kind is None or obj["type"] == kind
    assert set(obj) <= keys[obj["type"]]
    assert isinstance(obj["text"], str)
    assert 1 <= units(obj["text"]) <= limit
    if obj["type"] == "mrkdwn":
        # Slack must not look for bare mentions or links in user text itself.
        assert obj["verbatim"] is True


def check_button(element: Json) -> None:
    assert element["type"] == "button"
    assert set(element) <= {"type", "text", "action_id", "value", "style", "url", "confirm"}
    check_text(element["text"], 75, "plain_text")
    assert 1 <= len(element["action_id"]) <= 255
    assert "value" not in element or 1 <= len(element["value"]) <= 2000
    assert element.get("style", "primary") in ("primary", "danger")


def check_block(block: Json) -> None:
    kind = block["type"]
    if kind == "section":
        assert set(block) <= {"type", "text", "fields", "block_id", "accessory"}
        assert "text" in block or "fields" in block
        if "text" in block:
            check_text(block["text"], 3000)
        for field in block.get("fields", []):
            check_text(field, 2000)
        assert len(block.get("fields", [])) <= 10
    elif kind == "actions":
        assert set(block) <= {"type", "elements", "block_id"}
        assert 1 <= len(block["elements"]) <= 25
        for element in block["elements"]:
            check_button(element)
    elif kind == "context":
        assert set(block) <= {"type", "elements", "block_id"}
        assert 1 <= len(block["elements"]) <= 10
        for element in block["elements"]:
            check_text(element, 3000)
    else:
        pytest.fail(f"unexpected block type {kind}")
    # slack_sdk's model knows every key (it drops the ones it does not) and its own limits.
    parsed = SdkBlock.parse(block)
    assert parsed is not None
    parsed.validate_json()
    assert parsed.to_dict() == block


def action_ids(blocks: list[Json]) -> list[str]:
    return [e["action_id"] for b in blocks if b["type"] == "actions" for e in b["elements"]]


def check_blocks(blocks: list[Json], limit: int = 50) -> None:
    assert len(blocks) <= limit
    for block in blocks:
        check_block(block)
    ids = action_ids(blocks)
    assert len(ids) == len(set(ids)), "action_ids must be unique within a message"
    json.dumps(blocks)


def check_option(option: Json) -> None:
    assert set(option) <= {"text", "value", "description"}
    check_text(option["text"], 75, "plain_text")
    assert 1 <= len(option["value"]) <= 150


def check_input(block: Json) -> None:
    assert block["type"] == "input"
    assert set(block) <= {"type", "block_id", "label", "element", "hint", "optional"}
    check_text(block["label"], 2000, "plain_text")
    if "hint" in block:
        check_text(block["hint"], 2000, "plain_text")
    element = block["element"]
    assert 1 <= len(element["action_id"]) <= 255
    if element["type"] == "plain_text_input":
        assert set(element) <= {"type", "action_id", "multiline", "initial_value", "placeholder"}
        assert len(element.get("initial_value", "")) <= 3000
    else:
        assert element["type"] == "static_select"
        assert set(element) <= {"type", "action_id", "options", "initial_option", "placeholder"}
        assert 1 <= len(element["options"]) <= 100
        for option in element["options"]:
            check_option(option)
        assert element.get("initial_option", element["options"][0]) in element["options"]


def check_view(view: Json) -> None:
    if view["type"] == "modal":
        keys = {"type", "title", "blocks", "close", "submit", "private_metadata", "callback_id"}
        assert set(view) <= keys
        for name in ("title", "submit", "close"):
            check_text(view[name], 24, "plain_text")
        assert len(view["private_metadata"]) <= 3000
        assert len(view["callback_id"]) <= 255
        for block in view["blocks"]:
            check_input(block)
    else:
        assert view["type"] == "home"
        assert set(view) <= {"type", "blocks", "private_metadata", "callback_id"}
        check_blocks(view["blocks"], 100)
    assert len(view["blocks"]) <= 100
    parsed = SdkView(**view)
    parsed.validate_json()
    assert parsed.to_dict() == view
    json.dumps(view)


# --- helpers --------------------------------------------------------------------------------


def asked(number: int, title: str = "") -> Asked:
    return Asked(
        action_id=100 + number,
        number=number,
        title=title if title else f"Actie {number}",
        theme="Omgevingswet",
        deadline_text="H1 2027",
        due=date(2027, 6, 30),
        status=Status.ON_TRACK,
        last_update=date(2026, 11, 12),
    )


def ping(count: int) -> Message:
    return ping_message("Lotte Venema", [asked(n) for n in range(1, count + 1)], "nl", TODAY)


def mrkdwn_texts(blocks: list[Json]) -> Iterator[str]:
    for block in blocks:
        if "text" in block:
            yield block["text"]["text"]
        for item in block.get("fields", []) + block.get("elements", []):
            if item.get("type") == "mrkdwn":
                yield item["text"]


def button_elements(blocks: list[Json]) -> list[Json]:
    return [e for b in blocks if b["type"] == "actions" for e in b["elements"]]


def update_form(values: dict[str, str] | None = None, **errors: str) -> Form:
    action = Action(id=42, number=3, title="Regionale woonvisie")
    return _update_form(action, "nl", values, errors=errors)


def submission(view: Json, answers: Mapping[str, str | None]) -> Json:
    """The ``view`` of a view_submission payload as Slack sends it for ``view``."""
    values: dict[str, dict[str, Json]] = {}
    for block in view["blocks"]:
        element = block["element"]
        answer = answers.get(block["block_id"])
        if element["type"] == "static_select":
            chosen = [o for o in element["options"] if o["value"] == answer]
            state = {"type": "static_select", "selected_option": chosen[0] if chosen else None}
        else:
            state = {"type": "plain_text_input", "value": answer}
        values[block["block_id"]] = {element["action_id"]: state}
    return {
        "id": "V123",
        "type": "modal",
        "callback_id": view["callback_id"],
        "private_metadata": view["private_metadata"],
        "state": {"values": values},
    }


# --- escaping -------------------------------------------------------------------------------


def test_escape_replaces_only_ampersand_and_angle_brackets() -> None:
    assert escape(HOSTILE) == HOSTILE_ESCAPED
    assert escape("&amp; is already an entity") == "&amp;amp; is already an entity"
    assert escape("_~`*: geen escape in Slack") == "_~`*: geen escape in Slack"


def test_hostile_text_is_escaped_wherever_it_lands() -> None:
    section = Section(
        text=HOSTILE,
        heading=HOSTILE,
        fields=(Field(HOSTILE, HOSTILE),),
        buttons=(Button(HOSTILE, "status", "7:done"),),
    )
    message = Message(text=HOSTILE, sections=(section,), buttons=(Button(HOSTILE, "pick", "1"),))
    blocks = message_blocks(message)
    check_blocks(blocks)
    texts = list(mrkdwn_texts(blocks))
    assert len(texts) == 2  # the section's heading and text, and its field
    for text in texts:
        assert "<" not in text
        assert ">" not in text
        assert "&lt;!channel&gt; &lt;@U1&gt; &lt;https://evil.example|bank&gt; &amp;" in text
    assert texts[0] == f"*{HOSTILE_ESCAPED.replace('*', '∗')}*\n{HOSTILE_ESCAPED}"
    assert texts[1] == f"*{HOSTILE_ESCAPED.replace('*', '∗')}*\n{HOSTILE_ESCAPED}"
    # plain_text is never parsed by Slack: labels stay as they are.
    assert [e["text"]["text"] for e in button_elements(blocks)] == [HOSTILE, HOSTILE]
    assert fallback_text(message) == HOSTILE_ESCAPED


def test_hostile_text_is_escaped_in_a_message_without_sections_and_in_the_overflow() -> None:
    plain = message_blocks(Message(text=HOSTILE))
    assert plain == [{"type": "section", "text": mrkdwn(HOSTILE_ESCAPED)}]
    many = Message(text=HOSTILE, sections=tuple(Section(heading=HOSTILE) for _ in range(80)))
    blocks = message_blocks(many)
    check_blocks(blocks)
    assert blocks[-1]["type"] == "context"
    for text in mrkdwn_texts(blocks):
        assert "<" not in text
        assert ">" not in text


def mrkdwn(text: str) -> Json:
    return {"type": "mrkdwn", "text": text, "verbatim": True}


@pytest.mark.parametrize(
    ("heading", "shown"),
    [
        ("Actie *3* loopt", "*Actie ∗3∗ loopt*"),
        ("a* b", "*a∗ b*"),
        ("```code", "*ˋˋˋcode*"),
        ("twee\nregels ", "*twee regels*"),
        ("  ", None),
    ],
)
def test_a_heading_cannot_break_out_of_its_bold(heading: str, shown: str | None) -> None:
    blocks = message_blocks(Message("x", sections=(Section(text="```", heading=heading),)))
    lines = blocks[0]["text"]["text"].split("\n")
    if shown is None:
        assert lines == ["```"]
    else:
        assert lines == [shown, "```"]
        assert shown.count("*") == 2


def test_a_field_label_cannot_break_out_of_its_bold() -> None:
    field = Field("Thema *en* `x`", "waarde *vet*")
    blocks = message_blocks(Message("x", sections=(Section(fields=(field,)),)))
    check_blocks(blocks)
    assert blocks == [{"type": "section", "fields": [mrkdwn("*Thema ∗en∗ ˋxˋ*\nwaarde *vet*")]}]


# --- the ping message -----------------------------------------------------------------------


def test_the_ping_message_has_an_actions_block_per_action_and_round_trips_its_buttons() -> None:
    message = ping(3)
    blocks = message_blocks(message)
    check_blocks(blocks)
    assert [b["type"] for b in blocks] == ["section", *(["section", "actions"] * 3), "section"]
    assert blocks[0]["text"]["text"] == "Hoi Lotte, hoe staat het met deze 3 acties?"
    assert blocks[1]["text"]["text"] == "*#1 Actie 1*"
    assert [f["text"] for f in blocks[1]["fields"]] == [
        "*Thema*\nOmgevingswet",
        "*Deadline*\nH1 2027 (woensdag 30 juni 2027)",
        "*Laatste status*\nop schema, bijgewerkt op donderdag 12 november 2026",
    ]
    sections = [s for s in message.sections if s.buttons]
    for section, block in zip(sections, blocks[2::2], strict=False):
        labels = [e["text"]["text"] for e in block["elements"]]
        assert labels == [b.label for b in section.buttons]
        assert labels[:4] == ["Op schema", "Risico", "Vertraagd", "Afgerond"]
    neutral = [(b.action, b.value) for s in message.sections for b in s.buttons]
    pressed = [button_of(e["action_id"], e.get("value", "")) for e in button_elements(blocks)]
    assert pressed == neutral
    assert len(pressed) == 15
    assert fallback_text(message) == message.text


def test_a_ping_of_sixty_actions_keeps_whole_actions_and_the_rest_as_text() -> None:
    message = ping(60)
    blocks = message_blocks(message)
    check_blocks(blocks)
    assert len(blocks) == 50
    # The greeting and 24 whole actions (section and buttons), then the rest as text.
    assert [b["type"] for b in blocks[:49]] == ["section", *(["section", "actions"] * 24)]
    assert blocks[47]["text"]["text"] == "*#24 Actie 24*"
    rest = blocks[49]
    assert rest["type"] == "context"
    texts = [e["text"] for e in rest["elements"]]
    assert texts[0] == "Niet alles past in één Slack-bericht. De rest, zonder knoppen:"
    joined = "\n".join(texts[1:])
    assert joined.startswith("#25 Actie 25\nThema: Omgevingswet\n")
    assert "Vertraagd" not in joined  # the buttons did not fit
    assert "\n\n#60 Actie 60\n" in joined
    assert joined.endswith(f"\n\n{message.sections[-1].text}")
    english = message_blocks(message, lang="en")[-1]["elements"][0]["text"]
    assert english == "Not everything fits in one Slack message. The rest, without buttons:"


def test_the_overflow_keeps_the_message_buttons_and_cuts_a_rest_too_long_for_context() -> None:
    long_section = Section(text="woord " * 600)  # 3600 characters: two section blocks
    sections = tuple(long_section for _ in range(60))
    message = Message("x", sections=sections, buttons=(Button("Klaar", "done", "1"),))
    blocks = message_blocks(message)
    check_blocks(blocks)
    assert len(blocks) == 50
    assert blocks[-1]["type"] == "actions"
    assert blocks[-2]["type"] == "context"
    assert len(blocks[-2]["elements"]) == 10
    assert blocks[-2]["elements"][-1]["text"] == ELLIPSIS
    assert button_of(blocks[-1]["elements"][0]["action_id"], "1") == ("done", "1")


# --- limits ---------------------------------------------------------------------------------


def test_a_long_text_is_continued_in_the_next_section_block_not_lost() -> None:
    text = "\n".join(f"regel {n} " + "x" * 90 + " & <b>" for n in range(50))  # about 5000
    assert len(text) > 5000
    blocks = message_blocks(Message(text))
    check_blocks(blocks)
    assert len(blocks) == 2
    assert "\n".join(b["text"]["text"] for b in blocks) == escape(text)
    with_heading = message_blocks(Message(text, sections=(Section(text, heading="Kop"),)))
    check_blocks(with_heading)
    assert with_heading[0]["text"]["text"].startswith("*Kop*\nregel 0 ")
    assert "\n".join(b["text"]["text"] for b in with_heading) == "*Kop*\n" + escape(text)


def test_a_line_longer_than_a_section_is_split_without_cutting_an_entity() -> None:
    text = "&" * 5000  # 25000 characters once escaped
    blocks = message_blocks(Message(text))
    check_blocks(blocks)
    assert "".join(b["text"]["text"] for b in blocks) == "&amp;" * 5000
    assert all(b["text"]["text"].endswith("&amp;") for b in blocks)


def test_fallback_text_is_escaped_and_cut_with_an_ellipsis_between_entities() -> None:
    shown = fallback_text(Message("a" + "<" * 5000))
    assert len(shown) <= 3000
    assert shown.endswith(ELLIPSIS)
    assert shown[:-1] == "a" + "&lt;" * ((len(shown) - 2) // 4)
    assert fallback_text(Message("kort")) == "kort"


def test_emoji_count_twice_towards_the_limits() -> None:
    shown = fallback_text(Message("🙂" * 2000))  # 4000 UTF-16 code units
    assert units(shown) <= 3000
    assert shown == "🙂" * 1499 + ELLIPSIS


def test_twelve_fields_are_split_over_two_section_blocks() -> None:
    fields = tuple(Field(f"Veld {n}", "x" * 3000 if n == 1 else f"waarde {n}") for n in range(12))
    blocks = message_blocks(Message("x", sections=(Section(heading="Kop", fields=fields),)))
    check_blocks(blocks)
    assert [len(b.get("fields", [])) for b in blocks] == [10, 2]
    assert blocks[0]["text"]["text"] == "*Kop*"
    assert "text" not in blocks[1]
    long_field = blocks[0]["fields"][1]["text"]
    assert len(long_field) == 2000
    assert long_field.startswith("*Veld 1*\nxxx")
    assert long_field.endswith("x" + ELLIPSIS)
    assert blocks[1]["fields"][1]["text"] == "*Veld 11*\nwaarde 11"


def test_thirty_buttons_fill_two_actions_blocks_with_unique_ids() -> None:
    buttons = tuple(Button(f"Knop {n} " + "l" * 100, "pick", str(n)) for n in range(30))
    blocks = message_blocks(Message("Kies", buttons=buttons))
    check_blocks(blocks)
    assert [b["type"] for b in blocks] == ["section", "actions", "actions"]
    assert [len(b["elements"]) for b in blocks[1:]] == [25, 5]
    label = blocks[1]["elements"][0]["text"]["text"]
    assert len(label) == 75
    assert label.endswith(ELLIPSIS)
    pressed = [button_of(e["action_id"], e["value"]) for e in button_elements(blocks)]
    assert pressed == [("pick", str(n)) for n in range(30)]


def test_button_styles_and_an_empty_value() -> None:
    buttons = (
        Button("Ja", "yes", "1", Style.PRIMARY),
        Button("Nee", "no", "2", Style.DANGER),
        Button("Later", "later", ""),
    )
    elements = button_elements(message_blocks(Message("?", buttons=buttons)))
    assert [e.get("style") for e in elements] == ["primary", "danger", None]
    assert "value" not in elements[2]
    assert button_of(elements[2]["action_id"], "") == ("later", "")


def test_what_cannot_be_cut_raises() -> None:
    with pytest.raises(TooLongError):
        message_blocks(Message("x", buttons=(Button("b", "pick", "v" * 2001),)))
    with pytest.raises(TooLongError):
        message_blocks(Message("x", buttons=(Button("b", "a" * 251, "v"),)))
    # Exactly at the limits is fine: "vg:" + 250 + ":1" is 255 characters.
    fits = (Button("b", "p", "v" * 2000), Button("b", "a" * 250, "v"))
    elements = button_elements(message_blocks(Message("x", buttons=fits)))
    assert [len(e["value"]) for e in elements] == [2000, 1]
    assert len(elements[1]["action_id"]) == 255


# --- buttons back ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "action_id", ["other_app", "vg:status", "vg::3", "vg:status:x", "vg:status:", "xvg:a:1", ""]
)
def test_button_of_refuses_ids_that_are_not_ours(action_id: str) -> None:
    with pytest.raises(NotOursError):
        button_of(action_id, "1")
    assert issubclass(NotOursError, ValueError)


def test_an_action_with_a_colon_round_trips() -> None:
    elements = button_elements(message_blocks(Message("x", buttons=(Button("b", "a:b", "c:d"),))))
    assert elements[0]["action_id"] == "vg:a:b:1"
    assert button_of(elements[0]["action_id"], elements[0]["value"]) == ("a:b", "c:d")


def test_a_message_with_a_form_gets_a_button_that_opens_it() -> None:
    form = update_form()
    message = Message("Vul het formulier in.", buttons=(Button("Later", "later", "1"),), form=form)
    blocks = message_blocks(message)
    check_blocks(blocks)
    opener = blocks[-1]["elements"][-1]
    assert opener["action_id"] == "vg:open_form:2"
    assert opener["style"] == "primary"
    assert opener["text"]["text"] == "Update #3"
    action, value = button_of(opener["action_id"], opener["value"])
    assert action == OPEN_FORM
    assert json.loads(value) == {"form": "update", "context": "42"}
    assert opened_form(value) == ("update", "42")
    with pytest.raises(NotOursError):
        opened_form('{"form": 1}')
    with pytest.raises(NotOursError):
        opened_form("42")


# --- modals ---------------------------------------------------------------------------------


def test_the_update_form_as_a_modal_round_trips() -> None:
    form = update_form({"status": "at_risk", "text": "Eerste <b>versie</b> & meer"})
    view = modal_view(form, lang="nl", metadata="D123:1700000000.000100")
    check_view(view)
    assert view["title"]["text"] == "Update #3"
    assert view["submit"]["text"] == "Versturen"
    assert view["close"]["text"] == "Annuleren"
    assert modal_view(form, lang="en")["close"]["text"] == "Cancel"
    assert view["callback_id"] == "vg_form"
    status, text, deadline = view["blocks"]
    assert [b["block_id"] for b in view["blocks"]] == ["status", "text", "deadline"]
    assert [b["element"]["action_id"] for b in view["blocks"]] == ["status", "text", "deadline"]
    assert all(b["optional"] is True for b in view["blocks"])
    assert status["element"]["type"] == "static_select"
    options = [(o["value"], o["text"]["text"]) for o in status["element"]["options"]]
    assert options == [(c.value, c.label) for c in form.inputs[0].choices]
    assert status["element"]["initial_option"]["value"] == "at_risk"
    assert text["element"] == {
        "type": "plain_text_input",
        "action_id": "text",
        "multiline": True,
        "initial_value": "Eerste <b>versie</b> & meer",  # plain text: never escaped
    }
    assert deadline["element"]["multiline"] is False
    assert "initial_value" not in deadline["element"]
    assert deadline["hint"]["text"] == form.inputs[2].hint
    answers = {"status": "done", "text": "Klaar & <af>", "deadline": "eind maart"}
    found = submitted(submission(view, answers))
    assert found == ("update", "42", answers)
    assert view_metadata(submission(view, answers)) == "D123:1700000000.000100"


def test_empty_answers_come_back_as_empty_strings() -> None:
    view = modal_view(update_form(), lang="nl")
    assert view["blocks"][0]["element"]["initial_option"]["value"] == "unchanged"
    found = submitted(submission(view, {"status": None, "text": None}))
    assert found == ("update", "42", {"status": "", "text": "", "deadline": ""})


def test_a_refused_value_shows_at_its_input_and_as_ack_errors() -> None:
    form = update_form({"deadline": "ooit"}, deadline="Die deadline kan ik niet lezen.")
    assert form_errors(form) == {"deadline": "Die deadline kan ik niet lezen."}
    assert form_errors(update_form()) == {}
    view = modal_view(form, lang="nl")
    check_view(view)
    hint = view["blocks"][2]["hint"]["text"]
    assert hint == f"⚠ Die deadline kan ik niet lezen.\n{form.inputs[2].hint}"
    assert view["blocks"][2]["element"]["initial_value"] == "ooit"


def test_modal_texts_are_cut_to_slack_limits() -> None:
    inputs = (
        Input(
            "keuze",
            "K" * 3000,
            InputKind.CHOICE,
            required=True,
            initial="b",
            choices=(
                Choice("a", "A" * 100),
                Choice("b", "B"),
            ),
        ),
        Input("vrij", "Vrij", InputKind.CHOICE, initial="tekst"),  # a choice without choices
        Input("lang", "Lang", InputKind.LONG_TEXT, initial="y" * 5000),
    )
    form = Form(
        "f", "Een titel die veel te lang is voor Slack", "Versturen maar, nu meteen", inputs
    )
    view = modal_view(form, lang="en", callback_id="cb")
    check_view(view)
    assert view["title"]["text"] == "Een titel die veel te l…"
    assert view["submit"]["text"] == "Versturen maar, nu mete…"
    keuze, vrij, lang = view["blocks"]
    assert keuze["optional"] is False
    assert keuze["element"]["initial_option"]["value"] == "b"
    assert len(keuze["label"]["text"]) == 2000
    assert vrij["element"]["type"] == "plain_text_input"
    assert vrij["element"]["initial_value"] == "tekst"
    assert lang["element"]["initial_value"] == "y" * 3000


def test_metadata_that_does_not_fit_raises() -> None:
    with pytest.raises(TooLongError):
        modal_view(update_form(), lang="nl", metadata="m" * 3000)


@pytest.mark.parametrize(
    "view",
    [
        {},
        {"private_metadata": ""},
        {"private_metadata": "D123:1700000000.000100"},
        {"private_metadata": '{"form": "update"}'},
        {"private_metadata": '["update", "42", ""]'},
        {"private_metadata": '{"form": "update", "context": "42", "meta": ""}'},  # no state
    ],
)
def test_a_view_that_is_not_ours_is_refused(view: Json) -> None:
    with pytest.raises(FormPayloadError):
        submitted(view)
    assert issubclass(FormPayloadError, ValueError)


# --- the App Home ---------------------------------------------------------------------------


def test_home_view_holds_up_to_a_hundred_blocks() -> None:
    view = home_view(ping(40))
    check_view(view)
    assert view["type"] == "home"
    assert len(view["blocks"]) == 82
    assert all(b["type"] != "context" for b in view["blocks"])
    crowded = home_view(ping(60), lang="en")
    check_view(crowded)
    assert len(crowded["blocks"]) == 100
    assert crowded["blocks"][-1]["type"] == "context"


def test_the_kpi_value_is_a_text_input_with_its_error_in_place() -> None:
    action = Action(
        id=42,
        number=3,
        title="Digitalisering",
        kpi_target=200,
        kpi_current=85,
        kpi_unit="bedrijven",
    )
    form = _update_form(
        action, "nl", {"kpi": "-5"}, errors={"kpi": "Een stand kan niet negatief zijn."}
    )
    assert form_errors(form) == {"kpi": "Een stand kan niet negatief zijn."}
    view = modal_view(form, lang="nl")
    check_view(view)
    assert [b["block_id"] for b in view["blocks"]] == ["status", "text", "kpi", "deadline"]
    kpi = view["blocks"][2]
    assert kpi["label"]["text"] == "Stand (bedrijven; doel 200)"
    assert kpi["element"] == {
        "type": "plain_text_input",
        "action_id": "kpi",
        "multiline": False,
        "initial_value": "-5",
    }
    assert kpi["hint"]["text"] == (
        "⚠ Een stand kan niet negatief zijn.\neen getal, bijv. 1.250 of 12,5 (optioneel)"
    )
    answers = {"status": "", "text": "", "kpi": "1.250", "deadline": ""}
    assert submitted(submission(view, answers)) == ("update", "42", answers)
