"""Slack Block Kit for the neutral message model: messages, modals and the App Home.

Pure functions: a ``words.chat.messages`` model in, the JSON Slack's Web API takes out, and back
from Slack's interaction payloads (block_actions, view_submission) to neutral values. No
network, no database; the adapter around them talks to Slack.

Escaping. The model's text is never escaped, so every piece of it that lands in mrkdwn gets
Slack's three escapes (& < >): that is what keeps "<!channel>", "<@U123>" or
"<https://evil|bank>" in someone's words from pinging a channel or disguising a link. mrkdwn
objects are also sent ``verbatim``, so Slack does not go looking for bare "@channel" or URLs
itself (the price: a URL someone typed is not made clickable). Slack has no escape for the
formatting characters * _ ~ `, so a person's *words* may come out bold: that changes no
meaning, and it is how the same words look when they type them in Slack. Only where we add
markup ourselves (a bold heading or field label) are * and ` swapped for look-alikes and line
breaks for spaces, so a title cannot end the bold early or open a code block. plain_text
objects (button labels, everything in a modal) are never parsed by Slack and stay raw.

Mentions. A channel post's mentions (``Delivery.mentions``) are a section of their own after
its sections, "<@U123>, <@U456>", and a line at the end of the notification text: Slack shows
each as the person's name and notifies them. The user id is escaped like text, so an id that
is not one cannot end the markup early.

Limits. Slack refuses a whole message over any Block Kit limit, so they are kept here: user
text is cut with "…" (or, for long section text, continued in the next section block), and
what cannot be cut without changing its meaning (a button's value, an action name, a modal's
metadata) raises ``TooLongError``. Lengths are counted in UTF-16 code units, never more than
Slack's characters, and escaped text is never cut inside an entity such as "&amp;".
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Final

from words.catalogue import t
from words.chat.delivery import Mention
from words.chat.messages import Button, Form, Input, InputKind, Message, Section, Style
from words.errors import FormPayloadError, NotOursError, VoortgangError

Block = dict[str, Any]

# Block Kit's limits, as Slack documents them.
MESSAGE_BLOCKS: Final = 50
VIEW_BLOCKS: Final = 100  # modals and the App Home
SECTION_TEXT: Final = 3000
SECTION_FIELDS: Final = 10
FIELD_TEXT: Final = 2000
CONTEXT_ELEMENTS: Final = 10
ACTIONS_ELEMENTS: Final = 25
BUTTON_TEXT: Final = 75
BUTTON_VALUE: Final = 2000
ACTION_ID: Final = 255
VIEW_TITLE: Final = 24  # also the submit and close buttons of a modal
LABEL_TEXT: Final = 2000  # an input's label and hint
OPTIONS: Final = 100
OPTION_TEXT: Final = 75
OPTION_VALUE: Final = 150
INPUT_VALUE: Final = 3000  # the most a plain_text_input holds
PRIVATE_METADATA: Final = 3000
# chat.postMessage takes far more, but Slack advises short notification text.
FALLBACK_TEXT: Final = 3000
# Mentions to a section block: each has 30 of its 3000 characters for "<@", ">, " and the id.
MENTIONS: Final = 100

ELLIPSIS: Final = "…"
PREFIX: Final = "vg:"
# The action of the button that opens a message's form as a modal.
OPEN_FORM: Final = "open_form"
# Shown with an input whose submitted value was refused, before its hint.
ERROR_MARK: Final = "⚠ "

# JSON in a button value or private_metadata: its limits count characters, so no padding.
_COMPACT: Final[dict[str, Any]] = {"ensure_ascii": False, "separators": (",", ":")}
_ESCAPES: Final = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# Inside markup we add, these would end it early or start a code block that swallows its end.
_MARKUP_SAFE: Final = str.maketrans({"*": "∗", "`": "ˋ", "\n": " ", "\r": " "})


class TooLongError(VoortgangError, ValueError):
    """Something that cannot be shortened without breaking it exceeds a Block Kit limit.

    Values, action names and metadata come from the handlers and the adapter, never from what
    a person typed: this is a bug to fix, not a message to cut.
    """


# --- text -----------------------------------------------------------------------------------


def escape(text: str) -> str:
    """Slack's mrkdwn escaping of user text: &, < and > (and only those, as Slack asks)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _cost(char: str, *, escaped: bool) -> int:
    if escaped and char in _ESCAPES:
        return len(_ESCAPES[char])
    return 2 if ord(char) > 0xFFFF else 1


def _fits(text: str, limit: int, *, escaped: bool) -> bool:
    shown = escape(text) if escaped else text
    return _units(shown) <= limit


def _cut(text: str, limit: int, *, escaped: bool) -> int:
    """How many characters of ``text`` fit in ``limit`` units (once escaped, if so)."""
    used = 0
    for index, char in enumerate(text):
        used += _cost(char, escaped=escaped)
        if used > limit:
            return index
    return len(text)


def _clip(text: str, limit: int, *, escaped: bool = True) -> str:
    """``text`` within ``limit`` units, cut with "…"; escaped for mrkdwn unless told not to."""
    # Cut before escaping, so that an entity such as "&amp;" is never cut in half.
    if not _fits(text, limit, escaped=escaped):
        text = text[: _cut(text, limit - 1, escaped=escaped)] + ELLIPSIS
    return escape(text) if escaped else text


def _lines(text: str, limit: int) -> list[str]:
    """The escaped lines of ``text``, a line longer than ``limit`` split (at a space if any)."""
    lines: list[str] = []
    for line in text.split("\n"):
        rest = line
        while not _fits(rest, limit, escaped=True):
            end = max(_cut(rest, limit, escaped=True), 1)
            space = rest.rfind(" ", 0, end)
            if space > end // 2:
                end = space + 1
            lines.append(escape(rest[:end]))
            rest = rest[end:]
        lines.append(escape(rest))
    return lines


def _pack(lines: Sequence[str], limit: int) -> list[str]:
    """Escaped lines joined into as few texts of at most ``limit`` units as fit, in order."""
    texts: list[str] = []
    current: list[str] = []
    size = 0
    for line in lines:
        width = _units(line)
        if current and size + 1 + width > limit:
            texts.append("\n".join(current))
            current, size = [], 0
        size += width + (1 if current else 0)
        current.append(line)
    texts.append("\n".join(current))
    # A block's text may not be empty, and blank lines at a cut show as nothing anyway.
    return [text.strip("\n") for text in texts if text.strip()]


def _bold(text: str, limit: int) -> str:
    """``text`` in bold, escaped, that nothing inside it can end early; "" for blank text."""
    words = text.translate(_MARKUP_SAFE).strip()
    return f"*{_clip(words, limit - 2)}*" if words else ""


def _mrkdwn(text: str) -> Block:
    return {"type": "mrkdwn", "text": text, "verbatim": True}


def _plain(text: str, limit: int) -> Block:
    # Slack refuses an empty text object; a blank label is a handler's slip, not worth a crash.
    shown = _clip(text, limit, escaped=False) if text.strip() else ELLIPSIS
    return {"type": "plain_text", "text": shown, "emoji": True}


def mention_line(mentions: Sequence[Mention]) -> str:
    """``<@U123>, <@U456>``: the mentions as Slack writes them ("" for none)."""
    return ", ".join(f"<@{escape(m.user_id)}>" for m in mentions)


def fallback_text(message: Message, mentions: Sequence[Mention] = ()) -> str:
    """The notification text of a message (chat.postMessage ``text``), escaped and short,
    with its mentions on a line of their own."""
    line = mention_line(mentions)
    if not line:
        return _clip(message.text, FALLBACK_TEXT)
    return f"{_clip(message.text, FALLBACK_TEXT - _units(line) - 1)}\n{line}"


# --- buttons --------------------------------------------------------------------------------


def _limited(text: str, limit: int, what: str) -> str:
    if not _fits(text, limit, escaped=False):
        raise TooLongError(f"{what} longer than Slack's {limit} characters: {text[:40]!r}…")
    return text


def _button(button: Button, number: int) -> Block:
    # The action in the id, the value verbatim: button_of reads both back.
    action_id = _limited(f"{PREFIX}{button.action}:{number}", ACTION_ID, "action_id")
    element: Block = {
        "type": "button",
        "text": _plain(button.label, BUTTON_TEXT),
        "action_id": action_id,
    }
    # Slack refuses an empty value; an absent one arrives as no value, which reads back as "".
    if button.value:
        element["value"] = _limited(button.value, BUTTON_VALUE, "button value")
    if button.style is not Style.DEFAULT:
        element["style"] = button.style.value  # "primary" and "danger", as Slack names them
    return element


def _actions(buttons: Sequence[Button], numbers: Iterator[int]) -> list[Block]:
    elements = [_button(button, next(numbers)) for button in buttons]
    return [
        {"type": "actions", "elements": elements[start : start + ACTIONS_ELEMENTS]}
        for start in range(0, len(elements), ACTIONS_ELEMENTS)
    ]


def _form_button(form: Form) -> Button:
    value = json.dumps({"form": form.id, "context": form.context}, **_COMPACT)
    return Button(form.title, OPEN_FORM, value, Style.PRIMARY)


def button_of(action_id: str, value: str) -> tuple[str, str]:
    """The neutral (action, value) of a pressed button, from block_actions' action_id/value.

    Pass "" for a value the payload lacks. Raises ``NotOursError`` for another app's ids.
    """
    head, colon, number = action_id.rpartition(":")
    action = head.removeprefix(PREFIX)
    if not (colon and head.startswith(PREFIX) and action and number.isdigit()):
        raise NotOursError(f"not a Voortgang button: {action_id!r}")
    return action, value


def opened_form(value: str) -> tuple[str, str]:
    """The (form id, context) an ``OPEN_FORM`` button's value asks to open as a modal."""
    found = _json_object(value, ("form", "context"))
    return found["form"], found["context"]


def _json_object(text: str, keys: Sequence[str]) -> dict[str, str]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise NotOursError(f"not Voortgang's JSON: {text[:40]!r}") from err
    if not isinstance(data, dict) or not all(isinstance(data.get(k), str) for k in keys):
        raise NotOursError(f"not Voortgang's JSON: {text[:40]!r}")
    return {key: data[key] for key in keys}


# --- messages -------------------------------------------------------------------------------


def _field(label: str, value: str) -> Block | None:
    heading = _bold(label, FIELD_TEXT // 2)
    room = FIELD_TEXT - _units(heading) - (1 if heading else 0)
    text = "\n".join(part for part in (heading, _clip(value, room)) if part)
    return _mrkdwn(text) if text.strip() else None


def _section_lines(section: Section) -> list[str]:
    heading = _bold(section.heading, SECTION_TEXT)
    body = _lines(section.text, SECTION_TEXT) if section.text else []
    return [heading, *body] if heading else body


def _section_blocks(section: Section, numbers: Iterator[int]) -> list[Block]:
    # Long text goes on in the next section block rather than being cut; the fields come
    # after all of it, ten to a block.
    blocks: list[Block] = [
        {"type": "section", "text": _mrkdwn(text)}
        for text in _pack(_section_lines(section), SECTION_TEXT)
    ]
    fields = [f for f in (_field(x.label, x.value) for x in section.fields) if f is not None]
    batches = [fields[i : i + SECTION_FIELDS] for i in range(0, len(fields), SECTION_FIELDS)]
    if batches and blocks:
        blocks[-1]["fields"] = batches.pop(0)
    blocks += [{"type": "section", "fields": batch} for batch in batches]
    return blocks + _actions(section.buttons, numbers)


def _plain_lines(section: Section) -> list[str]:
    """A section as escaped lines of text: how it reads when it does not fit as blocks."""
    lines = [section.heading] if section.heading else []
    lines += [section.text] if section.text else []
    lines += [f"{field.label}: {field.value}" for field in section.fields]
    return _lines("\n".join(lines), SECTION_TEXT) if lines else []


# A part of a message: its blocks, and its escaped lines for when the blocks do not fit.
Part = tuple[list[Block], list[str]]


def _parts(message: Message, numbers: Iterator[int]) -> list[Part]:
    if message.sections:
        return [(_section_blocks(s, numbers), _plain_lines(s)) for s in message.sections]
    texts = _pack(_lines(message.text, SECTION_TEXT), SECTION_TEXT)
    return [([{"type": "section", "text": _mrkdwn(text)}], [text]) for text in texts]


def _rest(lines: Sequence[str], lang: str | None) -> Block:
    """A context block with what did not fit: a note, then the rest as plain lines."""
    note = _mrkdwn(escape(t("slack.more_in_text", lang)))
    texts = _pack(lines, SECTION_TEXT)
    room = CONTEXT_ELEMENTS - 1
    if len(texts) > room:
        texts = [*texts[: room - 1], ELLIPSIS]
    return {"type": "context", "elements": [note, *(_mrkdwn(text) for text in texts)]}


def _blocks(
    message: Message, limit: int, lang: str | None, mentions: Sequence[Mention] = ()
) -> list[Block]:
    numbers = itertools.count(1)  # makes every action_id of the message unique
    parts = _parts(message, numbers)
    buttons = list(message.buttons)
    if message.form is not None:
        buttons.append(_form_button(message.form))
    # The mentions are kept whatever else does not fit, like the message's own buttons.
    tail = [
        {"type": "section", "text": _mrkdwn(mention_line(mentions[start : start + MENTIONS]))}
        for start in range(0, len(mentions), MENTIONS)
    ]
    tail += _actions(buttons, numbers)
    if sum(len(blocks) for blocks, _ in parts) + len(tail) <= limit:
        return [block for blocks, _ in parts for block in blocks] + tail
    # Too many: whole parts while they fit, the message's own buttons last, and the rest of
    # the parts as text in one context block between them.
    tail = tail[: limit - 1]
    kept: list[Block] = []
    dropped: list[str] = []
    for blocks, lines in parts:
        if not dropped and len(kept) + len(blocks) <= limit - 1 - len(tail):
            kept += blocks
        else:
            # A blank line between parts, as in the message's text.
            dropped += [*([""] if dropped else []), *lines]
    return [*kept, _rest(dropped, lang), *tail]


def message_blocks(
    message: Message, *, lang: str | None = None, mentions: Sequence[Mention] = ()
) -> list[Block]:
    """The Block Kit blocks of a message (chat.postMessage ``blocks``), at most 50.

    Each section becomes a section block (its heading in bold on its own line, then its
    text; its fields ten to a block) and an actions block with its buttons; the message's
    buttons, and one that opens its form, come last, after the ``mentions`` of a channel post.
    ``lang`` is the recipient's (Dutch when None, as in ``t``), for the note when not
    everything fits.
    """
    return _blocks(message, MESSAGE_BLOCKS, lang, mentions)


def home_view(message: Message, *, lang: str | None = None) -> Block:
    """An App Home tab (views.publish) showing ``message``, at most 100 blocks."""
    # Same rendering as a message, only with Slack's larger allowance for views.
    return {"type": "home", "blocks": _blocks(message, VIEW_BLOCKS, lang)}


# --- forms ----------------------------------------------------------------------------------


def _option(value: str, label: str) -> Block:
    return {
        "text": _plain(label, OPTION_TEXT),
        "value": _limited(value, OPTION_VALUE, "choice value"),
    }


def _element(field: Input) -> Block:
    name = _limited(field.name, ACTION_ID, "input name")
    if field.kind is InputKind.CHOICE and field.choices:
        options = [_option(c.value, c.label) for c in field.choices[:OPTIONS]]
        element: Block = {"type": "static_select", "action_id": name, "options": options}
        chosen = [o for o in options if o["value"] == field.initial]
        if chosen:
            element["initial_option"] = chosen[0]
        return element
    # A choice without choices can still be answered in words.
    element = {
        "type": "plain_text_input",
        "action_id": name,
        "multiline": field.kind is InputKind.LONG_TEXT,
    }
    if field.initial:
        # Slack refuses an initial value longer than the input can hold; it is text the
        # person typed earlier, in which they could not have typed more.
        element["initial_value"] = field.initial[: _cut(field.initial, INPUT_VALUE, escaped=False)]
    return element


def _hint(field: Input) -> str:
    # Shown under the input, where Slack shows its own errors: a modal opened again after a
    # refused value says why right there.
    error = f"{ERROR_MARK}{field.error}" if field.error else ""
    return "\n".join(part for part in (error, field.hint) if part)


def _input_block(field: Input) -> Block:
    block: Block = {
        "type": "input",
        "block_id": _limited(field.name, ACTION_ID, "input name"),
        "label": _plain(field.label if field.label.strip() else field.name, LABEL_TEXT),
        "element": _element(field),
        "optional": not field.required,
    }
    hint = _hint(field)
    if hint:
        block["hint"] = _plain(hint, LABEL_TEXT)
    return block


def modal_view(form: Form, *, lang: str, callback_id: str = "vg_form", metadata: str = "") -> Block:
    """A modal (views.open) for ``form``; ``metadata`` is the adapter's, handed back.

    ``lang`` is the person's, for the close button. Raises ``TooLongError`` when the
    form's id, context and ``metadata`` do not fit Slack's private_metadata.
    """
    if len(form.inputs) > VIEW_BLOCKS:
        raise TooLongError(f"a modal holds at most {VIEW_BLOCKS} inputs: {form.id}")
    private = json.dumps({"form": form.id, "context": form.context, "meta": metadata}, **_COMPACT)
    return {
        "type": "modal",
        "callback_id": _limited(callback_id, ACTION_ID, "callback_id"),
        "title": _plain(form.title, VIEW_TITLE),
        "submit": _plain(form.submit, VIEW_TITLE),
        "close": _plain(t("slack.cancel", lang), VIEW_TITLE),
        "private_metadata": _limited(private, PRIVATE_METADATA, "private_metadata"),
        "blocks": [_input_block(field) for field in form.inputs],
    }


def form_errors(form: Form) -> dict[str, str]:
    """{block_id: error} of the refused inputs, for ack(response_action="errors", ...)."""
    return {field.name: field.error for field in form.inputs if field.error}


def _metadata(view: Mapping[str, Any]) -> dict[str, str]:
    metadata = view.get("private_metadata")
    if not isinstance(metadata, str):
        raise FormPayloadError("a view without private_metadata")
    try:
        return _json_object(metadata, ("form", "context", "meta"))
    except NotOursError as err:
        raise FormPayloadError(str(err)) from err


def view_metadata(view: Mapping[str, Any]) -> str:
    """The ``metadata`` the adapter gave ``modal_view``, from a submitted view."""
    return _metadata(view)["meta"]


def _state_value(state: Mapping[str, Any]) -> str:
    if state.get("type") == "static_select":
        selected = state.get("selected_option")
        return str(selected["value"]) if isinstance(selected, Mapping) else ""
    value = state.get("value")
    return value if isinstance(value, str) else ""


def submitted(view: Mapping[str, Any]) -> tuple[str, str, dict[str, str]]:
    """(form id, context, {input name: value}) from a view_submission payload's ``view``.

    An input left empty gives "". Raises ``FormPayloadError`` for a view ``modal_view`` did
    not make.
    """
    metadata = _metadata(view)
    state = view.get("state")
    found = state.get("values") if isinstance(state, Mapping) else None
    if not isinstance(found, Mapping):
        raise FormPayloadError("a submitted view without state.values")
    # One element per input block, named like the block (see ``_input_block``).
    values = {
        str(block_id): _state_value(element)
        for block_id, elements in found.items()
        if isinstance(elements, Mapping)
        for element in elements.values()
        if isinstance(element, Mapping)
    }
    return metadata["form"], metadata["context"], values
