"""Adaptive Cards for Microsoft Teams: the neutral message model as one card per message.

Pure functions: a ``words.chat.messages`` model in, the JSON the Bot Framework takes out (an
Adaptive Card 1.5 with Universal Actions, the message activity carrying it, the responses to an
``adaptiveCard/action`` invoke), and back from an invoke's ``value.action`` to neutral values.
No network; the adapter around them talks to Teams.

The card. Each section becomes a Container: its heading in a bold TextBlock, its text in a
TextBlock, its fields in a FactSet and its buttons in ActionSets of Action.Execute (verb
``vg.<action>``, data ``{"action", "value"}``, read back by ``action_of``). A message's form is
put on the card itself, its inputs followed by an Action.Execute submit (verb ``vg.form``, data
``{"form", "context"}`` with the inputs merged in by Teams, read back by ``submitted``); an
input's refused value is shown in red right under it, so a card refreshed after a failed
submit says why. A section's "form" button is an ordinary button: its handler answers with a
message that has the form, which the adapter returns with ``card_response`` so that the inputs
appear in the card in place. That button and the submit share the verb ``vg.form``; their data
tells them apart (``is_submission``).

Escaping. The model's text is never escaped; here it is, for the places Teams parses:
TextBlock text and a Fact's title and value take a subset of Markdown (bold, italic, lists,
links). Every Markdown punctuation character is escaped with a backslash, which CommonMark
allows for any ASCII punctuation, and so is the "." of a leading "1." list marker; leading
indentation becomes no-break spaces (four spaces would start a code block), and line breaks
become blank lines, because a TextBlock joins single line breaks, as Markdown does. "{" and
"}" are escaped too, so that "{{DATE(...)}}" is not turned into a date. Cards render no HTML,
but Teams' Markdown processors produce HTML and Teams turns ``<at>…</at>`` into a mention
when the card names one, and the ``text`` of a message activity does render HTML: "<" and ">"
are therefore written as the entities "&lt;" and "&gt;", which no renderer can mistake for
markup, and "&" as "&amp;" where it would start an entity itself. A CommonMark processor
turns the entities back into the characters, so a person reads exactly what was typed; a
renderer that does not would show "&lt;" legibly, never markup. Text that Teams never parses
stays raw: button titles, input labels (drawn as plain text runs), choice titles and input
values.

Mentions. A channel post's mentions follow its sections as a line of their own, always
kept like the form; their tags and entities are ``bot.teams.mentioning``'s.

The activity. Teams shows an activity's ``text`` as a message of its own above the card, so a
card message carries no ``text``, which would repeat the card: its first line goes in
``summary`` and the card's ``fallbackText``, for notifications and chat previews.

Limits. Teams documents 40 KB for a bot's message and 28 KB for a card sent through a
webhook; cards are kept under the lower figure, measured as JSON with every non-ASCII
character escaped and spaces after separators (the largest way a client may send it). A
message too large keeps its leading sections whole, with their buttons, and shows the rest as
text under a note; the form and the message's own buttons are always kept. Teams shows six
actions of a set and hides the others in a menu, so buttons go six to a set. What the handlers
ask for that cannot be a card (two inputs with one name, an input named like the submit's
data) raises ``CardError``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

from bot.teams.mentioning import entities, mention_blocks
from words.catalogue import language, t
from words.chat.delivery import Mention
from words.chat.messages import Button, Form, Input, InputKind, Message, Section, Style
from words.errors import FormPayloadError, NotOursError, VoortgangError

Element = dict[str, Any]

SCHEMA: Final = "http://adaptivecards.io/schemas/adaptive-card.json"
VERSION: Final = "1.5"
CARD_CONTENT_TYPE: Final = "application/vnd.microsoft.card.adaptive"
MESSAGE_CONTENT_TYPE: Final = "application/vnd.microsoft.activity.message"

# Teams' limits as documented, and our own where Teams has none.
CARD_BYTES: Final = 28_000  # "about 28 KB": kept under 28 * 1000 for the activity around it
ACTIONS_PER_SET: Final = 6  # what Teams mobile shows of an ActionSet
INPUT_VALUE: Final = 3000  # characters of an initial input value shown again (ours)
SUMMARY: Final = 200  # characters of the preview line (ours)
# Room kept for the text of the sections that do not fit, before more sections are dropped.
MIN_REST: Final = 2000

VERB_PREFIX: Final = "vg."
SUBMIT_VERB: Final = "vg.form"
ELLIPSIS: Final = "…"
# Shown before an input's refused value, in red under the input.
ERROR_MARK: Final = "⚠ "
# Keys of an action's data: an input of the same name would overwrite them when Teams merges
# the inputs into the submit's data. "msteams" is Teams' own.
RESERVED: Final = frozenset({"action", "value", "form", "context", "verb", "msteams"})

_SPECIALS: Final = re.compile(r"([\\`*_{}\[\]()#+\-!|~])")
_ENTITY_START: Final = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_LIST_NUMBER: Final = re.compile(r"^([ \t]*\d+)\.")
_INDENT: Final = re.compile(r"^[ \t]+")
_NO_BREAK_SPACE: Final = "\u00a0"
# A line break in a TextBlock: Markdown joins the lines of a paragraph.
_BREAK: Final = "\n\n"
_BREAK_SIZE: Final = 4  # the JSON of "\n\n"


class CardError(VoortgangError, ValueError):
    """A message that cannot be a card: a bug in the handler that built it, not user text."""


# --- text -----------------------------------------------------------------------------------


def _escape_line(line: str) -> str:
    # Entities first, so that the ones written here are not escaped again.
    line = _ENTITY_START.sub("&amp;", line)
    line = line.replace("<", "&lt;").replace(">", "&gt;")
    line = _SPECIALS.sub(r"\\\1", line)
    line = _LIST_NUMBER.sub(r"\1\\.", line)
    return _INDENT.sub(lambda m: _NO_BREAK_SPACE * len(m[0].expandtabs(4)), line)


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def escape_text(text: str) -> str:
    """``text`` for a TextBlock, a Fact or a message's ``text``: shown literally, never as markup.

    See the module's docstring for what is escaped and why. Line breaks become blank lines.
    """
    return _BREAK.join(_escape_line(line) for line in _lines(text))


def _size(value: object) -> int:
    """Bytes of ``value`` as JSON with non-ASCII escaped: the most any client sends."""
    return len(json.dumps(value))


def _text_size(text: str) -> int:
    # Without the quotes. JSON escapes character by character, so the sizes of pieces add up.
    return _size(text) - 2


def _clipped(text: str, room: int) -> str:
    """``escape_text(text)``, or of the longest start of it with "…", whose JSON fits ``room``."""
    lines = _lines(text)
    shown = [_escape_line(line) for line in lines]
    whole = _BREAK.join(shown)
    if _text_size(whole) <= room:
        return whole
    # Whole lines while they leave room for a line break and "…", then as much of the next
    # as fits with "…". Escaping is per line, so only that line is escaped again, and the
    # raw text is cut, never its escapes.
    reserve = _BREAK_SIZE + _text_size(ELLIPSIS)
    used, count = 0, 0
    while count < len(shown):
        cost = _text_size(shown[count]) + (_BREAK_SIZE if count else 0)
        if used + cost + reserve > room:
            break
        used, count = used + cost, count + 1
    room -= used + (_BREAK_SIZE if count else 0)
    line = lines[count]
    low, high = 0, len(line)
    while low < high:
        middle = (low + high + 1) // 2
        if _text_size(_escape_line(line[:middle] + ELLIPSIS)) <= room:
            low = middle
        else:
            high = middle - 1
    return _BREAK.join([*shown[:count], _escape_line(line[:low] + ELLIPSIS)])


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + ELLIPSIS


def _label(text: str) -> str:
    # A blank title leaves a button no one can read; it is a handler's slip, not worth a crash.
    return text if text.strip() else ELLIPSIS


def _lead(message: Message) -> str:
    lines = (line.strip() for line in message.text.splitlines())
    return _cut(next((line for line in lines if line), ""), SUMMARY)


def _text_block(text: str, **style: Any) -> Element:
    return {"type": "TextBlock", "text": escape_text(text), "wrap": True, **style}


# --- buttons --------------------------------------------------------------------------------


def _action(button: Button, *, beside_inputs: bool) -> Element:
    if not button.action:
        raise CardError(f"a button without an action: {button.label!r}")
    action: Element = {
        "type": "Action.Execute",
        "title": _label(button.label),
        "verb": VERB_PREFIX + button.action,
        "data": {"action": button.action, "value": button.value},
    }
    if button.style is Style.PRIMARY:
        action["style"] = "positive"
    elif button.style is Style.DANGER:
        action["style"] = "destructive"
    if beside_inputs:
        # A button is no submit: it neither sends nor validates the form's inputs.
        action["associatedInputs"] = "none"
    return action


def _action_sets(buttons: Sequence[Button], *, beside_inputs: bool) -> list[Element]:
    actions = [_action(button, beside_inputs=beside_inputs) for button in buttons]
    return [
        {"type": "ActionSet", "actions": actions[start : start + ACTIONS_PER_SET]}
        for start in range(0, len(actions), ACTIONS_PER_SET)
    ]


def is_submission(action: Mapping[str, Any]) -> bool:
    """Whether an invoke's ``value.action`` submits a form (else it may be a button)."""
    data = action.get("data")
    return (
        action.get("verb") == SUBMIT_VERB
        and isinstance(data, Mapping)
        and isinstance(data.get("form"), str)
    )


def action_of(action: Mapping[str, Any]) -> tuple[str, str]:
    """The neutral (action, value) of a pressed button, from the invoke's ``value.action``.

    Raises ``NotOursError`` for a verb or data this module did not produce (another app's
    card, or a form's submit: see ``is_submission``).
    """
    verb, data = action.get("verb"), action.get("data")
    if not (isinstance(verb, str) and verb.startswith(VERB_PREFIX) and isinstance(data, Mapping)):
        raise NotOursError(f"not a Voortgang button: {str(verb)[:40]!r}")
    name, value = data.get("action"), data.get("value")
    if not (isinstance(name, str) and name and verb == VERB_PREFIX + name):
        raise NotOursError(f"not a Voortgang button: {verb[:40]!r}")
    if not isinstance(value, str):
        raise NotOursError(f"a Voortgang button without its value: {verb[:40]!r}")
    return name, value


# --- forms ----------------------------------------------------------------------------------


def _check_names(form: Form) -> None:
    names = [field.name for field in form.inputs]
    if len(set(names)) != len(names) or not all(names):
        raise CardError(f"the inputs of a card need distinct names: {form.id} {names}")
    clashing = RESERVED.intersection(names)
    if clashing:
        raise CardError(f"input names {sorted(clashing)} are the submit's own: {form.id}")


def _input(field: Input, lang: str) -> Element:
    element: Element = {
        "type": "Input.Text",
        "id": field.name,
        "label": field.label if field.label.strip() else field.name,
        "isRequired": field.required,
    }
    if field.required:
        element["errorMessage"] = escape_text(t("teams.required", lang))
    if field.kind is InputKind.CHOICE and field.choices:
        element["type"] = "Input.ChoiceSet"
        element["style"] = "compact"
        element["wrap"] = True
        element["choices"] = [{"title": _label(c.label), "value": c.value} for c in field.choices]
        if any(choice.value == field.initial for choice in field.choices):
            element["value"] = field.initial
        return element
    # A choice without choices can still be answered in words.
    if field.kind is InputKind.LONG_TEXT:
        element["isMultiline"] = True
    if field.initial:
        # Text the person typed before, shown again; past our cap the card could not hold it.
        element["value"] = _cut(field.initial, INPUT_VALUE)
    return element


def _form_items(field: Input, lang: str) -> list[Element]:
    items = [_input(field, lang)]
    if field.error.strip():
        items.append(_text_block(ERROR_MARK + field.error, color="Attention", spacing="None"))
    if field.hint.strip():
        items.append(_text_block(field.hint, isSubtle=True, size="Small", spacing="None"))
    return items


def _form(form: Form, lang: str) -> Element:
    _check_names(form)
    items = [_text_block(form.title, weight="Bolder")] if form.title.strip() else []
    for field in form.inputs:
        items += _form_items(field, lang)
    submit: Element = {
        "type": "Action.Execute",
        "title": _label(form.submit),
        "verb": SUBMIT_VERB,
        "data": {"form": form.id, "context": form.context},
        "style": "positive",
        "associatedInputs": "auto",
    }
    items.append({"type": "ActionSet", "actions": [submit]})
    return {"type": "Container", "separator": True, "items": items}


def _submit_data(action: Mapping[str, Any]) -> Mapping[str, Any]:
    """The data of a submit, given the invoke's ``value.action`` or that action's data."""
    if "verb" not in action:
        return action
    data = action.get("data")
    if action.get("verb") != SUBMIT_VERB or not isinstance(data, Mapping):
        raise FormPayloadError(f"not a Voortgang form: {str(action.get('verb'))[:40]!r}")
    return data


def submitted(action: Mapping[str, Any]) -> tuple[str, str, dict[str, str]]:
    """(form id, context, {input name: value}) of a submitted form.

    Takes the invoke's ``value.action`` (its verb is checked) or that action's ``data``, in
    which Teams merges the inputs' values next to "form" and "context". An input Teams leaves
    out is absent. Raises ``FormPayloadError`` for data a card of ours did not send.
    """
    data = _submit_data(action)
    form, context = data.get("form"), data.get("context")
    if not (isinstance(form, str) and form and isinstance(context, str)):
        raise FormPayloadError("action data without Voortgang's form and context")
    values = {
        name: value
        for name, value in data.items()
        if name not in RESERVED and isinstance(value, str)
    }
    return form, context, values


# --- messages -------------------------------------------------------------------------------


def _section(section: Section, *, first: bool, beside_inputs: bool) -> Element | None:
    items = [_text_block(section.heading, weight="Bolder")] if section.heading.strip() else []
    if section.text.strip():
        items.append(_text_block(section.text))
    facts = [
        {"title": escape_text(field.label), "value": escape_text(field.value)}
        for field in section.fields
        if field.label.strip() or field.value.strip()
    ]
    if facts:
        items.append({"type": "FactSet", "facts": facts})
    items += _action_sets(section.buttons, beside_inputs=beside_inputs)
    if not items:
        return None
    container: Element = {"type": "Container", "items": items}
    if not first:
        container["separator"] = True
    return container


def _plain(section: Section) -> str:
    """A section as plain text: how it reads when it does not fit on the card."""
    lines = [section.heading] if section.heading.strip() else []
    lines += [section.text] if section.text.strip() else []
    lines += [f"{field.label}: {field.value}" for field in section.fields]
    return "\n".join(lines)


# A part of a card: its element, and its plain text for when it does not fit.
Part = tuple[Element, str]


def _parts(message: Message, *, beside_inputs: bool) -> list[Part]:
    if not message.sections:
        text = message.text
        return [(_text_block(text), text)] if text.strip() else []
    parts: list[Part] = []
    for section in message.sections:
        element = _section(section, first=not parts, beside_inputs=beside_inputs)
        if element is not None:
            parts.append((element, _plain(section)))
    return parts


def _card(
    body: list[Element], message: Message, lang: str, mentions: Sequence[Mention] = ()
) -> Element:
    card: Element = {"type": "AdaptiveCard", "$schema": SCHEMA, "version": VERSION}
    card["lang"] = language(lang)
    lead = _lead(message)
    if lead:
        card["fallbackText"] = escape_text(lead)
    card["body"] = body
    if mentions:
        card["msteams"] = entities(mentions)
    return card


def _body_size(sizes: Iterable[int]) -> int:
    """The bytes elements of these sizes add to a card: each, and ", " between them."""
    counted = list(sizes)
    return sum(counted) + 2 * max(len(counted) - 1, 0)


def _kept(sizes: Sequence[int], rest_sizes: Sequence[int], room: int) -> int:
    """How many leading parts stay whole, in ``room`` bytes shared with the others as text.

    Most parts such that all the others fit as text; when none do, as many as leave
    ``MIN_REST`` for the text, which is then cut.
    """
    blank_line = _text_size("\n\n\n\n")
    for count in range(len(sizes) - 1, -1, -1):
        rest = rest_sizes[count:]
        text = sum(rest) + blank_line * (len(rest) - 1)
        if _body_size(sizes[:count]) + 2 * (count > 0) + text <= room:
            return count
    count = 0
    while count < len(sizes) - 1 and _body_size(sizes[: count + 1]) + 2 + MIN_REST <= room:
        count += 1
    return count


def _overflowing(
    parts: list[Part], tail: list[Element], message: Message, lang: str, mentions: Sequence[Mention]
) -> Element:
    """The card of a message too large for one: leading parts, a note, the rest as text."""
    note = _text_block(t("teams.more_in_text", lang), isSubtle=True, separator=True)
    empty = _text_block("")
    fixed = _size(_card([note, empty, *tail], message, lang, mentions))
    room = CARD_BYTES - fixed
    if room < MIN_REST:
        raise CardError(f"the form and buttons leave no room on a card: {message.text[:40]!r}")
    sizes = [_size(element) for element, _ in parts]
    count = _kept(sizes, [_text_size(escape_text(plain)) for _, plain in parts], room)
    room -= _body_size(sizes[:count]) + 2 * (count > 0)
    # A blank line between parts, as in the message's text; whole when it fits, else cut.
    rest = "\n\n".join(plain for _, plain in parts[count:] if plain.strip())
    kept = [element for element, _ in parts[:count]]
    body = [*kept, note, {**empty, "text": _clipped(rest, room)}, *tail]
    return _card(body, message, lang, mentions)


def message_card(message: Message, *, lang: str, mentions: Sequence[Mention] = ()) -> Element:
    """The Adaptive Card (version 1.5) of a message, within Teams' 28 KB.

    Its sections (or, without sections, its text), then its form and its own buttons. ``lang``
    is the recipient's, for the card's language and the texts this module adds. ``mentions``
    follow the sections, always kept like the form.
    """
    beside_inputs = message.form is not None
    parts = _parts(message, beside_inputs=beside_inputs)
    tail = mention_blocks(mentions)
    tail += [_form(message.form, lang)] if message.form is not None else []
    tail += _action_sets(message.buttons, beside_inputs=beside_inputs)
    card = _card([*(element for element, _ in parts), *tail], message, lang, mentions)
    if _size(card) <= CARD_BYTES:
        return card
    return _overflowing(parts, tail, message, lang, mentions)


def attachment(card: Element) -> Element:
    """A card as a Bot Framework attachment."""
    return {"contentType": CARD_CONTENT_TYPE, "content": card}


def _inert(text: str) -> str:
    # A preview is plain text, but nothing in it may pass for markup where it is not.
    return text.replace("<", "&lt;").replace(">", "&gt;")


def message_activity(message: Message, *, lang: str, mentions: Sequence[Mention] = ()) -> Element:
    """The Bot Framework message activity that sends ``message`` to Teams.

    A message without sections, buttons, form or mentions is plain text (escaped Markdown);
    any other is one Adaptive Card, with its first line as ``summary`` for previews and no ``text``
    (Teams would show it as a message of its own, repeating the card).
    """
    if not (message.sections or message.buttons or message.form is not None or mentions):
        return {
            "type": "message",
            "text": _clipped(message.text, CARD_BYTES),
            "textFormat": "markdown",
        }
    activity: Element = {"type": "message"}
    lead = _lead(message)
    if lead:
        activity["summary"] = _inert(lead)
    activity["textFormat"] = "markdown"
    activity["attachments"] = [attachment(message_card(message, lang=lang, mentions=mentions))]
    return activity


# --- invoke responses -----------------------------------------------------------------------


def card_response(card: Element) -> Element:
    """The body of an ``adaptiveCard/action`` invoke response that replaces the card."""
    return {"statusCode": 200, "type": CARD_CONTENT_TYPE, "value": card}


def message_response(text: str) -> Element:
    """The body of an ``adaptiveCard/action`` invoke response that shows ``text`` (plain)."""
    return {"statusCode": 200, "type": MESSAGE_CONTENT_TYPE, "value": text}
