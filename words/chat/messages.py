"""What the bot sends, as a neutral model each adapter renders its own way.

A ``Message`` is plain text with optional structure: sections with fields, buttons and a form.
Text here is never escaped or marked up: each adapter escapes user text for its platform
(mrkdwn, Adaptive Cards, the terminal). Messages are stored in the outbox as JSON, so
``to_json``/``from_json`` round-trip exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Style(StrEnum):
    DEFAULT = "default"
    PRIMARY = "primary"
    DANGER = "danger"


class InputKind(StrEnum):
    TEXT = "text"
    LONG_TEXT = "long_text"
    CHOICE = "choice"


@dataclass(frozen=True, slots=True)
class Field:
    label: str
    value: str


@dataclass(frozen=True, slots=True)
class Button:
    label: str
    action: str  # handler of the press, e.g. "status", "pick", "form"
    value: str  # its payload, e.g. "12:done"
    style: Style = Style.DEFAULT


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True, slots=True)
class Input:
    name: str
    label: str
    kind: InputKind = InputKind.TEXT
    required: bool = False
    initial: str = ""
    choices: tuple[Choice, ...] = ()
    hint: str = ""
    # Shown with the input when a submitted value was refused (an unreadable deadline).
    error: str = ""


@dataclass(frozen=True, slots=True)
class Form:
    id: str  # e.g. "update": names the handler of the submission
    title: str
    submit: str
    inputs: tuple[Input, ...]
    context: str = ""  # handed back on submission, e.g. the action number


@dataclass(frozen=True, slots=True)
class Section:
    text: str = ""
    heading: str = ""
    fields: tuple[Field, ...] = ()
    buttons: tuple[Button, ...] = ()


@dataclass(frozen=True, slots=True)
class Message:
    # The whole message as plain text: notifications, screen readers and the console use it.
    text: str
    sections: tuple[Section, ...] = ()
    buttons: tuple[Button, ...] = ()
    # A form offered with the message (a button that opens it, or the card inputs).
    form: Form | None = None
    # The actions a personal link to the update form asks about (a ping's): the sender makes
    # the link when it delivers the message, so no usable token is ever stored in the outbox.
    asks: tuple[int, ...] = ()
    # The people (by id) a channel post names to draw their attention: the sender turns them
    # into mentions on the channel's platform, which notify people of other organisations
    # who cannot be written to directly but read the shared channel.
    mentions: tuple[int, ...] = ()
    # A one-time link that signs the person in to the web app: made by the sender as it
    # delivers (like ``asks``), sent by email where the deployment mails and they have an
    # address, else on their chat channel.
    signs_in: bool = False

    def to_json(self) -> dict[str, Any]:
        # Written out per type rather than by reflection: a ping listing fifty actions is
        # serialised on every tick, and this is several times faster.
        data: dict[str, Any] = {
            "text": self.text,
            "sections": [_section_json(s) for s in self.sections],
            "buttons": [_button_json(b) for b in self.buttons],
            "form": None if self.form is None else _form_json(self.form),
        }
        if self.asks:  # most messages ask nothing: their JSON stays as it was
            data["asks"] = list(self.asks)
        if self.mentions:  # likewise: only a theme's post names anyone
            data["mentions"] = list(self.mentions)
        if self.signs_in:
            data["signs_in"] = True
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Message:
        return Message(
            text=data["text"],
            sections=tuple(_section(s) for s in data.get("sections", ())),
            buttons=tuple(_button(b) for b in data.get("buttons", ())),
            form=_form(data["form"]) if data.get("form") else None,
            asks=tuple(int(a) for a in data.get("asks", ())),
            mentions=tuple(int(m) for m in data.get("mentions", ())),
            signs_in=bool(data.get("signs_in", False)),
        )


@dataclass(frozen=True, slots=True)
class File:
    """A document to hand over, such as a draft voortgangsbrief."""

    name: str
    mime: str
    content: bytes
    comment: str = ""


def _button_json(button: Button) -> dict[str, Any]:
    return {
        "label": button.label,
        "action": button.action,
        "value": button.value,
        "style": button.style.value,
    }


def _section_json(section: Section) -> dict[str, Any]:
    return {
        "text": section.text,
        "heading": section.heading,
        "fields": [{"label": f.label, "value": f.value} for f in section.fields],
        "buttons": [_button_json(b) for b in section.buttons],
    }


def _input_json(field: Input) -> dict[str, Any]:
    return {
        "name": field.name,
        "label": field.label,
        "kind": field.kind.value,
        "required": field.required,
        "initial": field.initial,
        "choices": [{"value": c.value, "label": c.label} for c in field.choices],
        "hint": field.hint,
        "error": field.error,
    }


def _form_json(form: Form) -> dict[str, Any]:
    return {
        "id": form.id,
        "title": form.title,
        "submit": form.submit,
        "inputs": [_input_json(i) for i in form.inputs],
        "context": form.context,
    }


def _button(data: dict[str, Any]) -> Button:
    return Button(data["label"], data["action"], data["value"], Style(data["style"]))


def _section(data: dict[str, Any]) -> Section:
    return Section(
        text=data["text"],
        heading=data["heading"],
        fields=tuple(Field(f["label"], f["value"]) for f in data["fields"]),
        buttons=tuple(_button(b) for b in data["buttons"]),
    )


def _input(data: dict[str, Any]) -> Input:
    return Input(
        name=data["name"],
        label=data["label"],
        kind=InputKind(data["kind"]),
        required=data["required"],
        initial=data["initial"],
        choices=tuple(Choice(c["value"], c["label"]) for c in data["choices"]),
        hint=data["hint"],
        error=data["error"],
    )


def _form(data: dict[str, Any]) -> Form:
    return Form(
        id=data["id"],
        title=data["title"],
        submit=data["submit"],
        inputs=tuple(_input(i) for i in data["inputs"]),
        context=data["context"],
    )
