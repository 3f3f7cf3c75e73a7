"""The neutral message model survives the outbox: JSON out and back, unchanged."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

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

FULL = Message(
    text="Hoi Lotte, hoe staat het met deze actie?",
    sections=(
        Section(text="Hoi Lotte"),
        Section(
            heading="#8 Leergangen Omgevingswet",
            text="De deadline is over 7 dagen.",
            fields=(Field("Thema", "Omgevingswet"), Field("Deadline", "Q3 2026")),
            buttons=(
                Button("Op schema", "status", "8:on_track", Style.PRIMARY),
                Button("Vertraagd", "status", "8:delayed", Style.DANGER),
            ),
        ),
    ),
    buttons=(Button("Schrijf update", "form", "8"),),
    form=Form(
        id="update",
        title="Update #8",
        submit="Opslaan",
        context="8",
        inputs=(
            Input(
                "status",
                "Status",
                InputKind.CHOICE,
                required=True,
                choices=(Choice("done", "Afgerond"), Choice("at_risk", "Risico")),
            ),
            Input("text", "Toelichting", InputKind.LONG_TEXT, initial="<b>&", hint="kort"),
            Input("deadline", "Deadline", error="‘als het uitkomt’ kan ik niet lezen"),
        ),
    ),
)


def test_a_full_message_round_trips_through_json_text() -> None:
    stored = json.loads(json.dumps(FULL.to_json()))
    assert Message.from_json(stored) == FULL


def test_a_plain_message_has_empty_structure() -> None:
    assert Message("hallo").to_json() == {
        "text": "hallo",
        "sections": [],
        "buttons": [],
        "form": None,
    }


@given(
    text=st.text(),
    heading=st.text(max_size=30),
    labels=st.lists(st.text(max_size=10), max_size=4),
    style=st.sampled_from(list(Style)),
)
def test_any_text_round_trips(text: str, heading: str, labels: list[str], style: Style) -> None:
    message = Message(
        text,
        sections=(
            Section(
                text=text,
                heading=heading,
                fields=tuple(Field(label, text) for label in labels),
                buttons=tuple(Button(label, "status", label, style) for label in labels),
            ),
        ),
    )
    assert Message.from_json(json.loads(json.dumps(message.to_json()))) == message
