"""What the console's slash commands point at: a numbered message, one of its buttons, the
fields of its form. Each says exactly what is wrong when the words point at nothing, so
'/knop 999 1' is answered with "bericht 999 bestaat niet", not only with the usage line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from words.chat.messages import Button, Form, Input, Message
from words.domain import fold
from words.errors import VoortgangError

# The names people type for a form's inputs, in Dutch and English, besides the input's own
# name and the label they read: "tekst=..." fills the input called "text".
FIELD_WORDS: dict[str, tuple[str, ...]] = {
    "status": ("status", "toestand"),
    "text": ("text", "tekst", "update", "toelichting", "wat"),
    "deadline": ("deadline", "nieuwe deadline", "new deadline", "termijn", "datum", "date"),
    "title": ("title", "titel", "naam", "name"),
    "owners": ("owners", "owner", "eigenaar", "eigenaren", "eigenaars"),
    "theme": ("theme", "thema", "pijler", "pillar"),
    "track": ("track", "spoor"),
}
# "Eigenaar(s)", "Nieuwe deadline (optioneel)": a label without what is between brackets.
BRACKETS = re.compile(r"\([^)]*\)")


class WrongError(VoortgangError):
    """Typed words that point at nothing: the catalogue key that says why, and its values."""

    def __init__(self, key: str, params: Mapping[str, object] | None = None) -> None:
        super().__init__(key)
        self.key = key
        self.params = dict(params) if params is not None else {}


def buttons_of(message: Message) -> list[tuple[str, Button]]:
    """Every button of a message, numbered in reading order (sections first)."""
    found = [(s.heading, b) for s in message.sections for b in s.buttons]
    return found + [("", b) for b in message.buttons]


def numbered(buttons: list[tuple[str, Button]]) -> str:
    return ", ".join(f"({i}) {b.label}" for i, (_, b) in enumerate(buttons, 1))


def message_named(ref: str, messages: Mapping[str, Message], last: int) -> Message:
    """The message ``ref`` numbers, or why there is none."""
    if not ref:
        raise WrongError("chat.wrong_no_number")
    if not (ref.isascii() and ref.isdigit()):
        raise WrongError("chat.wrong_not_a_number", {"ref": ref})
    found = messages.get(str(int(ref)))
    if found is not None:
        return found
    if last == 0:
        raise WrongError("chat.wrong_no_messages", {"ref": ref})
    if 1 <= int(ref) <= last:
        # Printed, but not something one can answer: a file or a message that replaced it.
        raise WrongError("chat.wrong_not_answerable", {"ref": ref})
    raise WrongError("chat.wrong_no_message", {"ref": ref, "last": last})


def button_named(ref: str, message: Message, which: str) -> Button:
    """The button ``which`` (its number or label) of ``message``, or why there is none."""
    buttons = buttons_of(message)
    if not buttons:
        raise WrongError("chat.wrong_no_buttons", {"ref": ref})
    choices = numbered(buttons)
    if not which:
        raise WrongError("chat.wrong_which_button", {"ref": ref, "buttons": choices})
    if which.isdigit():
        number = int(which)
        if 1 <= number <= len(buttons):
            return buttons[number - 1][1]
    else:
        picked = [b for _, b in buttons if fold(b.label) == fold(which)]
        if len(picked) == 1:
            return picked[0]
    raise WrongError("chat.wrong_button", {"ref": ref, "which": which, "buttons": choices})


def form_of(ref: str, message: Message) -> Form:
    if message.form is None:
        raise WrongError("chat.wrong_no_form", {"ref": ref})
    return message.form


def _names_of(item: Input) -> set[str]:
    label = fold(item.label.rstrip("?:"))
    return {
        fold(item.name),
        label,
        fold(BRACKETS.sub("", item.label).rstrip("?:")),
        *(fold(word) for word in FIELD_WORDS.get(item.name, ())),
    }


def form_values(ref: str, form: Form, typed: str) -> dict[str, str]:
    """'status=afgerond; tekst=...' as the form's own input names and choice values.

    People type the names or labels they see, in Dutch or English (tekst, Afgerond); a
    platform sends the input names and choice values (text, done), so the console translates.
    """
    fields = ", ".join(item.name for item in form.inputs)
    parts = [part.strip() for part in typed.split(";") if part.strip()]
    if not parts:
        raise WrongError("chat.wrong_no_fields", {"ref": ref, "fields": fields})
    values: dict[str, str] = {}
    for part in parts:
        name, sep, value = part.partition("=")
        if not sep or not name.strip():
            raise WrongError("chat.wrong_field_part", {"part": part, "fields": fields})
        wanted = fold(name)
        item = next((i for i in form.inputs if wanted in _names_of(i)), None)
        if item is None:
            raise WrongError(
                "chat.wrong_field", {"ref": ref, "name": name.strip(), "fields": fields}
            )
        values[item.name] = _choice(item, value.strip())
    return values


def _choice(item: Input, value: str) -> str:
    # A value that is no choice's label goes on as typed: the form's handler says which
    # values it takes (and reads synonyms such as "klaar" for a status).
    for choice in item.choices:
        if fold(value) in {fold(choice.label), fold(choice.value)}:
            return choice.value
    return value
