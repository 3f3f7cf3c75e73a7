"""The message that asks a person how their actions stand: one message for all due pings.

Each action gets a section with its theme, deadline as phrased and last status, and quick
status buttons; the person may also answer in their own words. The same content is in
``Message.text``, so platforms without buttons (the console, notifications) show it whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from words.catalogue import Language, t
from words.chat.messages import Button, Field, Message, Section
from words.dates import long_date
from words.domain import PingRule, Status

# The statuses a ping offers as buttons, in the order people read them.
QUICK_STATUSES = (Status.ON_TRACK, Status.AT_RISK, Status.DELAYED, Status.DONE)


@dataclass(frozen=True, slots=True)
class Asked:
    """One action in a ping message, with why and for whom it is asked."""

    action_id: int
    number: int
    title: str
    theme: str
    deadline_text: str
    due: date | None
    status: Status
    last_update: date | None  # the day of the last status update, if any
    rule: PingRule = PingRule.CHECKIN
    on_behalf_of: str | None = None  # the absent owner's name, when a deputy is asked
    first_asked: date | None = None  # for a reminder: when the question was first sent
    # For "brief herinner": the letter's period in words and the date to answer by.
    brief_period: str | None = None
    brief_deadline: date | None = None


@lru_cache(maxsize=1024)
def _long_date(day: date, lang: Language) -> str:
    # Formatting dates with babel is slow next to everything else a ping does.
    return long_date(day, lang)


def _greeting(name: str, items: Sequence[Asked], lang: Language) -> str:
    first_name = name.split(maxsplit=1)[0] if name.strip() else name
    reminder = all(item.rule is PingRule.REMINDER for item in items)
    brief = all(item.brief_period is not None for item in items)
    kind = "brief" if brief else "reminder" if reminder else "greeting"
    if len(items) == 1:
        return t(f"pings.{kind}_one", lang, name=first_name)
    return t(f"pings.{kind}_many", lang, name=first_name, count=len(items))


def _deadline_note(item: Asked, today: date, lang: Language) -> str | None:
    if item.due is None:
        return None
    if item.rule is PingRule.AFTER:
        return t("pings.deadline_passed", lang)
    if item.rule is not PingRule.BEFORE or item.due < today:
        return None
    days = (item.due - today).days
    if days == 0:
        return t("pings.deadline_today", lang)
    if days == 1:
        return t("pings.deadline_tomorrow", lang)
    return t("pings.deadline_in_days", lang, days=days)


def _notes(item: Asked, today: date, lang: Language) -> list[str]:
    notes = []
    if item.on_behalf_of is not None:
        notes.append(t("pings.on_behalf", lang, name=item.on_behalf_of))
    if item.rule is PingRule.REMINDER and item.first_asked is not None:
        notes.append(t("pings.asked_before", lang, date=_long_date(item.first_asked, lang)))
    deadline = _deadline_note(item, today, lang)
    if deadline is not None:
        notes.append(deadline)
    if item.brief_period is not None:
        notes.append(_brief_note(item.brief_period, item.brief_deadline, lang))
    return notes


def _brief_note(period: str, answer_by: date | None, lang: Language) -> str:
    if answer_by is None:
        return t("pings.brief_note", lang, period=period)
    return t("pings.brief_note_by", lang, period=period, date=_long_date(answer_by, lang))


# A round of pings repeats the same few deadlines, statuses and labels thousands of times:
# each is put into words once.


@lru_cache(maxsize=4096)
def _deadline(text: str, due: date | None, lang: Language) -> str:
    if due is None:
        return text if text else t("pings.no_deadline", lang)
    when = _long_date(due, lang)
    if not text:
        return when
    return t("pings.deadline_with_date", lang, text=text, date=when)


@lru_cache(maxsize=4096)
def _status(status: Status, last_update: date | None, lang: Language) -> str:
    word = t(f"status.{status.value}", lang)
    if last_update is None:
        return t("pings.status_no_update", lang, status=word)
    return t("pings.status_updated", lang, status=word, date=_long_date(last_update, lang))


@lru_cache(maxsize=8)
def _labels(lang: Language) -> dict[str, str]:
    keys = ["field_theme", "field_deadline", "field_status", "button_write"]
    keys += [f"button_{s.value}" for s in QUICK_STATUSES]
    return {key: t(f"pings.{key}", lang) for key in keys}


def _buttons(item: Asked, labels: dict[str, str]) -> tuple[Button, ...]:
    quick = tuple(
        Button(labels[f"button_{s.value}"], "status", f"{item.action_id}:{s.value}")
        for s in QUICK_STATUSES
    )
    return (*quick, Button(labels["button_write"], "form", str(item.action_id)))


def _section(item: Asked, notes: Sequence[str], lang: Language) -> Section:
    labels = _labels(lang)
    return Section(
        text="\n".join(notes),
        heading=f"#{item.number} {item.title}",
        fields=(
            Field(labels["field_theme"], item.theme),
            Field(labels["field_deadline"], _deadline(item.deadline_text, item.due, lang)),
            Field(labels["field_status"], _status(item.status, item.last_update, lang)),
        ),
        buttons=_buttons(item, labels),
    )


def _plain(section: Section, several: bool) -> str:
    fields = [f"{field.label}: {field.value}" for field in section.fields]
    # Of several actions, each one's facts go on its own numbered line: two actions of one
    # theme, or with one deadline, would otherwise repeat "Thema: ..." line for line.
    lines = [" – ".join([section.heading, " · ".join(fields)])] if several else [section.heading]
    if section.text:
        lines.append(section.text)
    if not several:
        lines += fields
    return "\n".join(lines)


def _said_once(
    items: Sequence[Asked], today: date, lang: Language
) -> tuple[list[str], list[list[str]]]:
    """What to say above the actions and what with each: a note that several of them share
    ("I'm asking you on behalf of Rob", "I first asked on 23 November") is said once, with
    the numbers it is about unless it is about all of them."""
    notes = [_notes(item, today, lang) for item in items]
    about: dict[str, list[int]] = {}
    for item, own in zip(items, notes, strict=True):
        for note in own:
            about.setdefault(note, []).append(item.number)
    shared = {note for note, numbers in about.items() if len(numbers) > 1}
    above = []
    for note in (n for n in about if n in shared):
        numbers = about[note]
        if len(numbers) == len(items):
            above.append(note)
        else:
            refs = ", ".join(f"#{n}" for n in numbers)
            above.append(t("pings.shared_note", lang, refs=refs, note=note))
    return above, [[n for n in own if n not in shared] for own in notes]


def ping_message(
    recipient_name: str, items: Sequence[Asked], lang: Language, today: date
) -> Message:
    """One message asking ``recipient_name`` about every action in ``items``, in order.

    ``today`` is the recipient's local date: deadline notes count days from it.
    """
    if not items:
        raise ValueError("a ping message needs at least one action")
    above, own = _said_once(items, today, lang)
    actions = [_section(item, notes, lang) for item, notes in zip(items, own, strict=True)]
    if len(items) == 1:
        closing = t("pings.closing_one", lang)
    else:
        closing = t("pings.closing_many", lang, number=items[0].number)
    greeting = "\n".join([_greeting(recipient_name, items, lang), *above])
    several = len(items) > 1
    text = "\n\n".join([greeting, *(_plain(s, several) for s in actions), closing])
    # Greeting and closing are sections too: platforms that draw sections show only those.
    sections = (Section(text=greeting), *actions, Section(text=closing))
    # The personal link to the update form asks about the same actions (the sender makes it).
    asks = tuple(dict.fromkeys(item.action_id for item in items))
    return Message(text=text, sections=sections, asks=asks)
