"""Adaptive Cards for Teams: escaping, the card's shapes and limits, and the way back.

Every card is checked against the Adaptive Cards 1.5 schema's shapes for the elements used
(``check_*`` below: known types and keys, required keys, enum values, Teams' limits), and,
where the Teams SDK is installed, parsed by its own card models.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.teams.cards import (
    ACTIONS_PER_SET,
    CARD_BYTES,
    ELLIPSIS,
    INPUT_VALUE,
    SCHEMA,
    SUBMIT_VERB,
    CardError,
    _clipped,
    action_of,
    attachment,
    card_response,
    escape_text,
    is_submission,
    message_activity,
    message_card,
    message_response,
    submitted,
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

HOSTILE = "<at>Rob</at> **bold** [x](javascript:alert(1)) <script>"
HOSTILE_ESCAPED = (
    r"&lt;at&gt;Rob&lt;/at&gt; \*\*bold\*\* \[x\]\(javascript:alert\(1\)\) &lt;script&gt;"
)
TODAY = date(2026, 11, 23)
NBSP = "\u00a0"

Json = dict[str, Any]


# --- the Adaptive Cards 1.5 schema's shapes -------------------------------------------------

# The properties each type may have, from the 1.5 schema (additionalProperties is false).
ELEMENT_KEYS: dict[str, set[str]] = {
    "TextBlock": {
        "type", "text", "color", "fontType", "horizontalAlignment", "isSubtle", "maxLines",
        "size", "weight", "wrap", "style", "fallback", "height", "id", "isVisible", "requires",
        "separator", "spacing",
    },
    "FactSet": {"type", "facts", "fallback", "height", "id", "isVisible", "requires",
                "separator", "spacing"},
    "Container": {"type", "items", "backgroundImage", "bleed", "minHeight", "selectAction",
                  "style", "verticalContentAlignment", "fallback", "height", "id", "isVisible",
                  "requires", "separator", "spacing"},
    "ActionSet": {"type", "actions", "fallback", "height", "id", "isVisible", "requires",
                  "separator", "spacing"},
    "Input.Text": {"type", "id", "label", "isRequired", "errorMessage", "isMultiline",
                   "maxLength", "placeholder", "regex", "style", "inlineAction", "value",
                   "fallback", "height", "isVisible", "requires", "separator", "spacing"},
    "Input.ChoiceSet": {"type", "id", "label", "isRequired", "errorMessage", "choices",
                        "isMultiSelect", "style", "value", "placeholder", "wrap", "fallback",
                        "height", "isVisible", "requires", "separator", "spacing"},
}  # fmt: skip
CARD_KEYS = {
    "type", "$schema", "version", "body", "actions", "fallbackText", "lang", "speak",
    "selectAction", "minHeight", "backgroundImage", "verticalContentAlignment", "rtl",
    "refresh", "authentication",
}  # fmt: skip
EXECUTE_KEYS = {
    "type", "verb", "data", "associatedInputs", "title", "iconUrl", "id", "style", "fallback",
    "tooltip", "isEnabled", "mode", "requires",
}  # fmt: skip
# Enum values as the Teams SDK spells them (the schema takes any case).
ENUMS: dict[str, set[str]] = {
    "weight": {"Default", "Lighter", "Bolder"},
    "color": {"Default", "Dark", "Light", "Accent", "Good", "Warning", "Attention"},
    "size": {"Small", "Default", "Medium", "Large", "ExtraLarge"},
    "spacing": {"None", "Small", "Default", "Medium", "Large", "ExtraLarge", "Padding"},
}


def check_action(action: Json) -> None:
    assert action["type"] == "Action.Execute"
    assert set(action) <= EXECUTE_KEYS
    assert isinstance(action["title"], str)
    assert action["title"].strip()
    assert action["verb"].startswith("vg.")
    assert isinstance(action["data"], dict)
    assert action.get("style", "positive") in ("positive", "destructive")
    assert action.get("associatedInputs", "auto") in ("auto", "none")


def check_input(element: Json) -> None:
    assert isinstance(element["id"], str)
    assert element["id"]
    assert isinstance(element["label"], str)
    assert element["label"].strip()
    assert isinstance(element["isRequired"], bool)
    assert "errorMessage" not in element or element["isRequired"]
    if element["type"] == "Input.ChoiceSet":
        assert element["choices"]
        for choice in element["choices"]:
            assert set(choice) == {"title", "value"}
            assert isinstance(choice["title"], str)
            assert isinstance(choice["value"], str)
        values = [choice["value"] for choice in element["choices"]]
        assert element.get("value", values[0]) in values
        assert element["style"] == "compact"
    else:
        assert isinstance(element.get("value", ""), str)
        assert isinstance(element.get("isMultiline", False), bool)


def check_element(element: Json) -> None:
    kind = element["type"]
    assert kind in ELEMENT_KEYS
    assert set(element) <= ELEMENT_KEYS[kind]
    for key, allowed in ENUMS.items():
        assert element.get(key, "Default") in allowed
    if kind == "TextBlock":
        assert isinstance(element["text"], str)
        assert element["wrap"] is True
    elif kind == "FactSet":
        assert element["facts"]
        for fact in element["facts"]:
            assert set(fact) == {"title", "value"}
            assert isinstance(fact["title"], str)
            assert isinstance(fact["value"], str)
    elif kind == "Container":
        assert element["items"]
        for item in element["items"]:
            check_element(item)
    elif kind == "ActionSet":
        assert 1 <= len(element["actions"]) <= ACTIONS_PER_SET
        for action in element["actions"]:
            check_action(action)
    else:
        check_input(element)


def check_card(card: Json) -> None:
    assert card["type"] == "AdaptiveCard"
    assert card["version"] == "1.5"
    assert card["$schema"] == SCHEMA
    assert set(card) <= CARD_KEYS
    assert card["lang"] in ("nl", "en")
    assert isinstance(card["body"], list)
    for element in card["body"]:
        check_element(element)
    ids = [e["id"] for e in elements(card) if e["type"].startswith("Input.")]
    assert len(ids) == len(set(ids)), "input ids must be unique within a card"
    # The limit, measured the largest way: non-ASCII escaped, spaces after separators.
    assert len(json.dumps(card)) <= CARD_BYTES
    assert json.loads(json.dumps(card)) == card


# --- helpers --------------------------------------------------------------------------------


def elements(card: Json) -> Iterator[Json]:
    stack = list(reversed(card["body"]))
    while stack:
        element = stack.pop()
        yield element
        stack += reversed(element.get("items", []))


def actions(card: Json) -> list[Json]:
    return [a for e in elements(card) if e["type"] == "ActionSet" for a in e["actions"]]


def markdown_texts(card: Json) -> list[str]:
    """Every text of the card that Teams parses as Markdown."""
    texts: list[str] = []
    for element in elements(card):
        if element["type"] == "TextBlock":
            texts.append(element["text"])
        for fact in element.get("facts", []):
            texts += [fact["title"], fact["value"]]
    return texts


def invoke(action: Json, **inputs: str) -> Json:
    """The ``value.action`` of an adaptiveCard/action invoke as Teams sends it for ``action``."""
    data = dict(action["data"])
    if action.get("associatedInputs", "auto") == "auto":
        data.update(inputs)  # Teams merges the inputs into the data
    return {"type": "Action.Execute", "verb": action["verb"], "data": data}


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


def ping(count: int, lang: str = "nl") -> Message:
    items = [asked(n) for n in range(1, count + 1)]
    return ping_message("Lotte Venema", items, "en" if lang == "en" else "nl", TODAY)


def update_form(values: dict[str, str] | None = None, **errors: str) -> Form:
    action = Action(id=42, number=3, title="Regionale woonvisie")
    return _update_form(action, "nl", values, errors=errors)


def inputs_of(card: Json) -> list[Json]:
    return [e for e in elements(card) if e["type"].startswith("Input.")]


def after(card: Json, element: Json) -> list[Json]:
    """The elements that follow ``element`` in its container."""
    for container in elements(card):
        items = container.get("items", [])
        if any(item is element for item in items):
            index = next(i for i, item in enumerate(items) if item is element)
            return list(items[index + 1 :])
    return []


# --- escaping -------------------------------------------------------------------------------


def test_hostile_text_is_escaped() -> None:
    assert escape_text(HOSTILE) == HOSTILE_ESCAPED


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Hoi Lotte, hoe staat het met deze actie?", "Hoi Lotte, hoe staat het met deze actie?"),
        ("1. eerste", r"1\. eerste"),
        ("  12. derde", f"{NBSP * 2}12\\. derde"),
        ("in 2027. Klaar", "in 2027. Klaar"),
        ("- punt\n+ plus\n* ster", "\\- punt\n\n\\+ plus\n\n\\* ster"),
        ("# kop", r"\# kop"),
        ("> citaat", "&gt; citaat"),
        ("    code", f"{NBSP * 4}code"),
        ("\tcode", f"{NBSP * 4}code"),
        ("a\r\nb\rc", "a\n\nb\n\nc"),
        ("a\n\nb", "a\n\n\n\nb"),
        ("R&D & Q&A", "R&D & Q&A"),
        ("&amp; &#60; &lt;", r"&amp;amp; &amp;\#60; &amp;lt;"),
        ("{{DATE(2026-01-01T00:00:00Z)}}", r"\{\{DATE\(2026\-01\-01T00:00:00Z\)\}\}"),
        ("a|b~c`d!e_f\\g", r"a\|b\~c\`d\!e\_f\\g"),
        ("e-mail: https://x.example/a_b", r"e\-mail: https://x.example/a\_b"),
    ],
)
def test_escape_text(text: str, shown: str) -> None:
    assert escape_text(text) == shown


_DECODE = re.compile(r"\\([!-/:-@\[-`{-~])|&(lt|gt|amp);|(.)", re.DOTALL)
_ENTITIES = {"lt": "<", "gt": ">", "amp": "&"}


def commonmark_text(shown: str) -> str:
    """What a CommonMark renderer shows for escape_text's output: escapes and entities undone,
    a blank line read as a line break, leading no-break spaces as indentation."""
    lines = []
    for line in shown.split("\n\n"):
        assert "\n" not in line
        plain = "".join(m[1] or (_ENTITIES[m[2]] if m[2] else m[3]) for m in _DECODE.finditer(line))
        indent = len(plain) - len(plain.lstrip(NBSP))
        lines.append(" " * indent + plain[indent:])
    return "\n".join(lines)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\r\t\u00a0")))
def test_any_text_reads_back_as_typed_and_never_as_markup(text: str) -> None:
    shown = escape_text(text)
    assert commonmark_text(shown) == text
    assert "<" not in shown
    assert ">" not in shown
    # Every Markdown punctuation character left is escaped (or part of an entity we wrote).
    bare = re.sub(r"\\.|&(lt|gt|amp);", "", shown)
    assert not re.search(r"[\\`*_{}\[\]()#+\-!|~<>]", bare)
    assert not re.search(r"&#?[0-9A-Za-z]+;", bare)
    assert not re.search(r"(^|\n)[ \t]*\d+\.", shown)


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\r\t\u00a0")),
    st.integers(min_value=6, max_value=400),
)
def test_clipped_text_fits_its_room_and_is_the_start_of_the_text(text: str, room: int) -> None:
    shown = _clipped(text, room)
    assert len(json.dumps(shown)) - 2 <= room
    read = commonmark_text(shown)
    if read != text:
        assert read.endswith(ELLIPSIS)
        assert text.startswith(read.removesuffix(ELLIPSIS))


def test_hostile_text_is_literal_in_every_place_of_a_card() -> None:
    section = Section(
        text=HOSTILE,
        heading=HOSTILE,
        fields=(Field(HOSTILE, HOSTILE),),
        buttons=(Button(HOSTILE, "status", HOSTILE),),
    )
    field = Input(
        "keuze",
        HOSTILE,
        InputKind.CHOICE,
        initial=HOSTILE,
        choices=(Choice(HOSTILE, HOSTILE), Choice("b", "B")),
        hint=HOSTILE,
        error=HOSTILE,
    )
    form = Form("f", HOSTILE, HOSTILE, (field, Input("vrij", HOSTILE, initial=HOSTILE)), HOSTILE)
    message = Message(
        text=HOSTILE,
        sections=(section,),
        buttons=(Button(HOSTILE, "pick", "1"),),
        form=form,
    )
    activity = message_activity(message, lang="nl")
    card = activity["attachments"][0]["content"]
    check_card(card)
    # Markdown: heading, text, the fact's title and value, the form's title, error and hint.
    texts = markdown_texts(card)
    assert texts == [HOSTILE_ESCAPED] * 5 + [f"⚠ {HOSTILE_ESCAPED}", HOSTILE_ESCAPED]
    assert card["fallbackText"] == HOSTILE_ESCAPED
    assert "<" not in activity["summary"]
    assert activity["summary"].startswith("&lt;at&gt;Rob&lt;/at&gt; **bold**")
    assert "text" not in activity
    # Never parsed by Teams, so as typed: titles, labels, choices, values and data.
    assert [a["title"] for a in actions(card)] == [HOSTILE] * 3
    assert [e["label"] for e in inputs_of(card)] == [HOSTILE, HOSTILE]
    assert inputs_of(card)[0]["choices"][0] == {"title": HOSTILE, "value": HOSTILE}
    assert [e["value"] for e in inputs_of(card)] == [HOSTILE, HOSTILE]
    assert action_of(invoke(actions(card)[0])) == ("status", HOSTILE)
    submit = actions(card)[1]
    assert submitted(invoke(submit, keuze=HOSTILE)) == ("f", HOSTILE, {"keuze": HOSTILE})


def test_hostile_text_is_escaped_in_plain_messages_and_in_the_overflow() -> None:
    plain = message_activity(Message(text=f"{HOSTILE}\n{HOSTILE}"), lang="nl")
    assert plain == {
        "type": "message",
        "text": f"{HOSTILE_ESCAPED}\n\n{HOSTILE_ESCAPED}",
        "textFormat": "markdown",
    }
    many = Message(HOSTILE, sections=tuple(Section(HOSTILE * 20, HOSTILE) for _ in range(40)))
    card = message_card(many, lang="nl")
    check_card(card)
    rest = card["body"][-1]["text"]
    assert rest.startswith(f"{HOSTILE_ESCAPED}\n\n{HOSTILE_ESCAPED * 20}")
    for text in markdown_texts(card):
        assert "<" not in text
        assert ">" not in text


# --- the ping -------------------------------------------------------------------------------


def test_the_ping_has_a_container_per_action_with_status_buttons_that_round_trip() -> None:
    message = ping(3)
    card = message_card(message, lang="nl")
    check_card(card)
    body = card["body"]
    assert [e["type"] for e in body] == ["Container"] * 5
    assert [e.get("separator", False) for e in body] == [False, True, True, True, True]
    assert body[0]["items"] == [
        {"type": "TextBlock", "text": "Hoi Lotte, hoe staat het met deze 3 acties?", "wrap": True}
    ]
    heading, facts, buttons = body[1]["items"]
    assert heading == {
        "type": "TextBlock",
        "text": r"\#1 Actie 1",
        "wrap": True,
        "weight": "Bolder",
    }
    assert facts["facts"] == [
        {"title": "Thema", "value": "Omgevingswet"},
        {"title": "Deadline", "value": r"H1 2027 \(woensdag 30 juni 2027\)"},
        {"title": "Laatste status", "value": "op schema, bijgewerkt op donderdag 12 november 2026"},
    ]
    assert [a["title"] for a in buttons["actions"]] == [
        "Op schema", "Risico", "Vertraagd", "Afgerond", "Schrijf update",
    ]  # fmt: skip
    assert [a["verb"] for a in buttons["actions"]] == ["vg.status"] * 4 + ["vg.form"]
    assert all("associatedInputs" not in a for a in actions(card))  # no form on the card
    neutral = [(b.action, b.value) for s in message.sections for b in s.buttons]
    assert [action_of(invoke(a)) for a in actions(card)] == neutral
    assert len(neutral) == 15
    assert not any(is_submission(invoke(a)) for a in actions(card))


def test_the_ping_activity_is_one_card_with_its_first_line_as_summary() -> None:
    message = ping(2, "en")
    activity = message_activity(message, lang="en")
    card = message_card(message, lang="en")
    assert activity == {
        "type": "message",
        "summary": "Hi Lotte, how are these 2 actions coming along?",
        "textFormat": "markdown",
        "attachments": [attachment(card)],
    }
    assert attachment(card) == {
        "contentType": "application/vnd.microsoft.card.adaptive",
        "content": card,
    }
    assert card["lang"] == "en"
    assert card["fallbackText"] == "Hi Lotte, how are these 2 actions coming along?"
    json.dumps(activity)


def test_a_message_without_sections_shows_its_text_and_buttons() -> None:
    buttons = tuple(Button(f"#{n}", "pick", f"9:{n}") for n in range(1, 8))
    buttons += (Button("Ja", "yes", "1", Style.PRIMARY), Button("Nee", "no", "", Style.DANGER))
    card = message_card(Message("Welke actie bedoel je?", buttons=buttons), lang="nl")
    check_card(card)
    assert [e["type"] for e in card["body"]] == ["TextBlock", "ActionSet", "ActionSet"]
    assert card["body"][0]["text"] == "Welke actie bedoel je?"
    assert [len(e["actions"]) for e in card["body"][1:]] == [6, 3]
    assert [a.get("style") for a in actions(card)[-3:]] == [None, "positive", "destructive"]
    pressed = [action_of(invoke(a)) for a in actions(card)]
    assert pressed == [(b.action, b.value) for b in buttons]


@pytest.mark.parametrize(
    "action",
    [
        {},
        {"verb": "other.app", "data": {"action": "x", "value": "1"}},
        {"verb": "vg.status", "data": {"action": "pick", "value": "1"}},
        {"verb": "vg.", "data": {"action": "", "value": ""}},
        {"verb": "vg.status", "data": {"action": "status"}},
        {"verb": "vg.status", "data": "vg.status"},
        {"verb": "vg.status", "data": {"action": "status", "value": 3}},
        {"verb": SUBMIT_VERB, "data": {"form": "update", "context": "42", "status": "done"}},
    ],
)
def test_action_of_refuses_what_is_not_our_button(action: Json) -> None:
    with pytest.raises(NotOursError):
        action_of(action)
    assert issubclass(NotOursError, ValueError)


def test_a_button_without_an_action_cannot_be_a_card() -> None:
    with pytest.raises(CardError):
        message_card(Message("x", buttons=(Button("b", "", "1"),)), lang="nl")


# --- forms ----------------------------------------------------------------------------------


def test_the_update_form_is_on_the_card_and_round_trips() -> None:
    form = update_form({"status": "at_risk", "text": "Eerste <b>versie</b> & meer"})
    message = Message("Update voor #3 Regionale woonvisie.", form=form)
    card = message_card(message, lang="nl")
    check_card(card)
    intro, container = card["body"]
    assert intro["text"] == r"Update voor \#3 Regionale woonvisie."
    assert container["items"][0] == {
        "type": "TextBlock", "text": r"Update \#3", "wrap": True, "weight": "Bolder",
    }  # fmt: skip
    status, text, deadline = inputs_of(card)
    assert [e["id"] for e in (status, text, deadline)] == ["status", "text", "deadline"]
    assert status["type"] == "Input.ChoiceSet"
    assert status["choices"] == [
        {"title": c.label, "value": c.value} for c in form.inputs[0].choices
    ]
    assert status["value"] == "at_risk"
    assert status["label"] == "Status"
    assert text == {
        "type": "Input.Text",
        "id": "text",
        "label": "Wat is er gebeurd?",
        "isRequired": False,
        "isMultiline": True,
        "value": "Eerste <b>versie</b> & meer",  # an input's value is never parsed
    }
    assert "isMultiline" not in deadline
    assert "value" not in deadline
    hint = after(card, deadline)[0]
    assert hint["text"] == escape_text(form.inputs[2].hint)
    assert hint["isSubtle"] is True
    (submit,) = actions(card)
    assert submit["verb"] == SUBMIT_VERB
    assert submit["data"] == {"form": "update", "context": "42"}
    assert submit["title"] == "Versturen"
    assert submit["associatedInputs"] == "auto"
    answers = {"status": "done", "text": "Klaar & <af>", "deadline": "eind maart"}
    action = invoke(submit, **answers)
    assert is_submission(action)
    assert submitted(action) == ("update", "42", answers)
    assert submitted(action["data"]) == ("update", "42", answers)  # the data alone will do
    with pytest.raises(NotOursError):
        action_of(action)


def test_a_refused_value_shows_in_red_right_under_its_input() -> None:
    error = "Die deadline kan ik niet lezen."
    form = update_form({"deadline": "ooit"}, deadline=error)
    card = message_card(Message("Update voor #3", form=form), lang="nl")
    check_card(card)
    status, text, deadline = inputs_of(card)
    assert deadline["value"] == "ooit"
    shown, hint = after(card, deadline)[:2]
    assert shown == {
        "type": "TextBlock",
        "text": f"⚠ {error}",
        "wrap": True,
        "color": "Attention",
        "spacing": "None",
    }
    assert hint["isSubtle"] is True
    assert after(card, status)[0] is text  # no error, nothing between
    assert [e.get("color") for e in elements(card)].count("Attention") == 1
    clean = message_card(Message("x", form=update_form()), lang="nl")
    assert all(e.get("color") != "Attention" for e in elements(clean))


def test_buttons_beside_a_form_neither_send_nor_check_its_inputs() -> None:
    required = Input("reden", "Reden", required=True)
    form = Form("f", "Titel", "Stuur", (required,), "7")
    message = Message("x", buttons=(Button("Later", "later", "7"),), form=form)
    card = message_card(message, lang="en")
    check_card(card)
    assert inputs_of(card)[0]["isRequired"] is True
    assert inputs_of(card)[0]["errorMessage"] == "Please fill this in."
    assert message_card(message, lang="nl")["body"][1]["items"][1]["errorMessage"] == "Vul dit in."
    submit, later = actions(card)
    assert submit["associatedInputs"] == "auto"
    assert later["associatedInputs"] == "none"
    assert action_of(invoke(later, reden="x")) == ("later", "7")
    assert invoke(later, reden="x")["data"] == {"action": "later", "value": "7"}


@pytest.mark.parametrize("name", ["form", "context", "action", "value", "msteams"])
def test_an_input_named_like_the_submit_data_cannot_be_a_card(name: str) -> None:
    form = Form("f", "T", "S", (Input(name, "Veld"),))
    with pytest.raises(CardError):
        message_card(Message("x", form=form), lang="nl")


def test_inputs_with_one_name_cannot_be_a_card() -> None:
    form = Form("f", "T", "S", (Input("a", "A"), Input("a", "B")))
    with pytest.raises(CardError):
        message_card(Message("x", form=form), lang="nl")


def test_odd_inputs_still_make_a_valid_card() -> None:
    inputs = (
        Input("vrij", "", InputKind.CHOICE, initial="tekst"),  # a choice without choices
        Input("keuze", "Keuze", InputKind.CHOICE, initial="weg", choices=(Choice("a", " "),)),
        Input("lang", "Lang", InputKind.LONG_TEXT, initial="y" * 5000),
    )
    card = message_card(Message("x", form=Form("f", " ", " ", inputs)), lang="nl")
    check_card(card)
    vrij, keuze, lang = inputs_of(card)
    assert vrij == {
        "type": "Input.Text",
        "id": "vrij",
        "label": "vrij",  # its name stands in for a blank label
        "isRequired": False,
        "value": "tekst",
    }
    assert keuze["choices"] == [{"title": ELLIPSIS, "value": "a"}]
    assert "value" not in keuze  # "weg" is not one of the choices
    assert lang["value"] == "y" * (INPUT_VALUE - 1) + ELLIPSIS
    assert actions(card)[0]["title"] == ELLIPSIS


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"form": "update"},
        {"form": "", "context": "42"},
        {"form": 3, "context": "42"},
        {"verb": "vg.status", "data": {"form": "update", "context": "42"}},
        {"verb": SUBMIT_VERB, "data": "update"},
    ],
)
def test_submitted_refuses_what_is_not_our_form(data: Json) -> None:
    with pytest.raises(FormPayloadError):
        submitted(data)
    assert not is_submission(data)


def test_submitted_keeps_only_the_inputs() -> None:
    data = {"form": "f", "context": "", "a": "1", "b": "", "msteams": {"x": 1}, "n": 3}
    assert submitted(data) == ("f", "", {"a": "1", "b": ""})


# --- limits ---------------------------------------------------------------------------------


def test_a_ping_of_twenty_five_actions_fits_whole() -> None:
    card = message_card(ping(25), lang="nl")
    check_card(card)
    assert len(card["body"]) == 27
    assert len(actions(card)) == 125


def test_a_ping_of_sixty_actions_keeps_leading_actions_whole_and_the_rest_as_text() -> None:
    message = ping(60)
    card = message_card(message, lang="nl")
    check_card(card)
    *containers, note, rest = card["body"]
    assert all(c["type"] == "Container" for c in containers)
    kept = len(containers) - 1  # after the greeting
    assert kept == 20
    assert containers[-1]["items"][0]["text"] == rf"\#{kept} Actie {kept}"
    assert note["text"] == "Niet alles past op één Teams\\-kaart. De rest, zonder knoppen:"
    assert note["isSubtle"] is True
    # Every other action is in the text, whole, without buttons, and so is the closing.
    assert rest["text"].startswith(rf"\#{kept + 1} Actie {kept + 1}" + "\n\nThema: Omgevingswet")
    for number in range(kept + 1, 61):
        assert rf"\#{number} Actie {number}" + "\n\n" in rest["text"]
    assert rest["text"].endswith(escape_text(message.sections[-1].text))
    assert "Vertraagd" not in rest["text"]
    assert len(actions(card)) == kept * 5
    values = {a["data"]["value"] for a in actions(card)}
    assert f"{100 + kept}:done" in values
    assert f"{101 + kept}:done" not in values
    english = message_card(ping(60, "en"), lang="en")["body"][-2]["text"]
    assert english == "Not everything fits on one Teams card. The rest, without buttons:"


def test_non_ascii_counts_as_escaped_json_towards_the_limit() -> None:
    items = [asked(n, "Één 🙂 woonvisie " * 8) for n in range(1, 31)]
    card = message_card(ping_message("Zoë", items, "nl", TODAY), lang="nl")
    check_card(card)  # measured with every non-ASCII character as \\uXXXX
    assert card["body"][-2]["type"] == "TextBlock"
    assert len(json.dumps(card, ensure_ascii=False).encode()) < len(json.dumps(card))


def test_a_rest_too_long_for_the_card_is_cut_and_the_buttons_stay() -> None:
    sections = tuple(Section(text=f"deel {n} " + "woord " * 1700) for n in range(8))
    message = Message("x", sections=sections, buttons=(Button("Klaar", "done", "1"),))
    card = message_card(message, lang="nl")
    check_card(card)
    *containers, note, rest, buttons = card["body"]
    assert len(containers) == 2
    assert note["text"].startswith("Niet alles past")
    assert rest["text"].startswith("deel 2 woord")
    assert rest["text"].endswith(ELLIPSIS)
    assert CARD_BYTES - 100 < len(json.dumps(card)) <= CARD_BYTES
    assert action_of(invoke(buttons["actions"][0])) == ("done", "1")


def test_a_text_too_long_for_one_card_is_cut() -> None:
    text = "regel & <b>\n" * 4000
    card = message_card(Message(text, buttons=(Button("Ok", "ok", "1"),)), lang="nl")
    check_card(card)
    assert card["body"][-2]["text"].startswith(escape_text("regel & <b>\nregel"))
    assert card["body"][-2]["text"].endswith(ELLIPSIS)
    plain = message_activity(Message(text), lang="nl")
    assert len(json.dumps(plain["text"])) <= CARD_BYTES + 2
    assert plain["text"].endswith(ELLIPSIS)
    assert plain["text"].startswith("regel & &lt;b&gt;\n\nregel")


def test_a_form_too_large_for_a_card_raises() -> None:
    inputs = tuple(Input(f"veld{n}", "label " * 200) for n in range(30))
    with pytest.raises(CardError):
        message_card(Message("x", form=Form("f", "T", "S", inputs)), lang="nl")


# --- responses and the SDK ------------------------------------------------------------------


def test_invoke_responses() -> None:
    card = message_card(ping(1), lang="nl")
    assert card_response(card) == {
        "statusCode": 200,
        "type": "application/vnd.microsoft.card.adaptive",
        "value": card,
    }
    assert message_response("Genoteerd: #3 afgerond.") == {
        "statusCode": 200,
        "type": "application/vnd.microsoft.activity.message",
        "value": "Genoteerd: #3 afgerond.",
    }
    json.dumps(card_response(card))


def test_cards_parse_as_the_teams_sdk_card_models() -> None:
    cards = pytest.importorskip("microsoft_teams.cards")
    models = {
        "TextBlock": cards.TextBlock,
        "FactSet": cards.FactSet,
        "Container": cards.Container,
        "ActionSet": cards.ActionSet,
        "Input.Text": cards.TextInput,
        "Input.ChoiceSet": cards.ChoiceSetInput,
    }
    required = Input("reden", "Reden", required=True, error="Nee.", hint="Kort.")
    form = Form("f", "T", "S", (*update_form().inputs, required), "1")
    for message in (
        ping(3),
        Message("x", buttons=(Button("Ja", "y", "1", Style.DANGER),), form=form),
    ):
        card = message_card(message, lang="nl")
        cards.AdaptiveCard.model_validate(card)
        for element in elements(card):
            models[element["type"]].model_validate(element)
        for action in actions(card):
            cards.ExecuteAction.model_validate(action)


def test_the_kpi_value_is_a_text_input_with_its_error_below_it() -> None:
    action = Action(
        id=42,
        number=3,
        title="Digitalisering",
        kpi_target=200,
        kpi_current=85,
        kpi_unit="bedrijven",
    )
    form = _update_form(action, "en", {"kpi": "lots"}, errors={"kpi": "Fill in a number only."})
    card = message_card(Message("Update for #3", form=form), lang="en")
    check_card(card)
    kpi = [e for e in inputs_of(card) if e["id"] == "kpi"]
    assert kpi == [
        {
            "type": "Input.Text",
            "id": "kpi",
            "label": "Progress (bedrijven; target 200)",
            "isRequired": False,
            "value": "lots",
        }
    ]
    error, hint = after(card, kpi[0])[:2]
    assert error["text"].endswith("Fill in a number only.")
    assert error["color"] == "Attention"
    assert hint["text"] == escape_text("a number, e.g. 1,250 or 12.5 (optional)")
