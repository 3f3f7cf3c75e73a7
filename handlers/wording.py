"""How actions, deadlines, statuses and updates are worded wherever the bot lists them: the
commands, the digest and a person's own page say them alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import lru_cache

from storage.models import Action, Person, StatusUpdate
from words.catalogue import t
from words.chat.messages import Message, Section
from words.dates import long_date
from words.deadlines.absolute import absolute_phrase
from words.deadlines.model import Deadline, Precision
from words.domain import Source, Status, UpdateKind


def action_ref(action: Action, lang: str) -> str:
    """'#12 OW-03 Werkwijze vergunningverlening met de RUD gelijktrekken'."""
    return t("commands.action_ref", lang, number=action.number, key=action.key, title=action.title)


@lru_cache(maxsize=4096)
def _long_date(day: date, lang: str) -> str:
    # Formatting with babel dominates long listings, where the same deadlines recur.
    return long_date(day, lang)


@lru_cache(maxsize=4096)
def dated_phrase(text: str, due: date | None, precision: Precision | None, lang: str) -> str:
    """A deadline's phrase with its year, in the reader's language: the register keeps
    "uiterlijk 15 maart 2027", an English reader reads "15 March 2027", and a relative
    phrase ("volgende maand") never reaches anyone as such."""
    if due is None or precision is None or not text:
        return text
    return absolute_phrase(Deadline(due=due, precision=precision, text=text), lang)


def deadline_phrase(action: Action, lang: str) -> str:
    """The deadline as phrased with its date: 'eind 2026 (donderdag 31 december 2026)'."""
    if action.due is None:
        return t("commands.no_deadline", lang)
    if not action.deadline_text or action.deadline_precision is Precision.DAY:
        # A day says it all with its weekday: "maandag 15 maart 2027", not that date twice.
        return _long_date(action.due, lang)
    text = dated_phrase(action.deadline_text, action.due, action.deadline_precision, lang)
    return t("commands.deadline", lang, text=text, date=_long_date(action.due, lang))


def status_word(status: Status, lang: str) -> str:
    return t(f"status.{status.value}", lang)


def overdue(status: Status, due: date | None, today: date) -> bool:
    """Open with a deadline before ``today``: the one notion of overdue of chat, the letter's
    pages, the councils' page and the API (storage.action_criteria.overdue_on says it in
    SQL)."""
    return due is not None and due < today and not status.closed


def is_overdue(action: Action, today: date) -> bool:
    return overdue(action.status, action.due, today)


def sectioned(title: str, parts: Sequence[tuple[str, Sequence[str]]]) -> Message:
    """A message of headed parts: sections for the platforms, the same as plain text. The
    title leads as a section of its own, so a card or a channel post says what it is."""
    headed = [Section(heading=title)] if title.strip() else []
    headed += [Section(text="\n".join(lines), heading=head) for head, lines in parts]
    sections = tuple(headed)
    blocks = [title] + [
        "\n".join([head, *lines]) if head else "\n".join(lines) for head, lines in parts
    ]
    return Message("\n\n".join(block for block in blocks if block), sections=sections)


def author_name(update: StatusUpdate, lang: str) -> str:
    if update.author is not None:
        return update.author.name
    if update.source is Source.IMPORT:
        return t("commands.author.import", lang)
    return t("commands.author.unknown", lang)


def update_summary(update: StatusUpdate, lang: str) -> str:
    """What an update said: "vertraagd – ‘wacht op de provincie’", or the moved deadline."""
    if update.kind is UpdateKind.DEADLINE:
        return t(
            "commands.history.deadline",
            lang,
            old=update.previous_deadline_text or t("commands.no_deadline", lang),
            new=update.new_deadline_text or t("commands.no_deadline", lang),
        )
    parts = [status_word(update.status, lang)] if update.status is not None else []
    if update.text:
        parts.append(t("commands.quoted", lang, text=update.text))
    return " – ".join(parts) if parts else "-"


def bullet(text: str) -> str:
    return f"• {text}"


def name_list(people: Sequence[Person]) -> str:
    return ", ".join(p.name for p in people)
