"""Who changes something from a page, and what the editing functions answer: refused (with the
catalogue key of the reason), sent back with problems per input, or done.

Shared by the edit form and the corrections of one's own updates; the pages turn these into
a 403 page, the form again (422), or a redirect with a confirmation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Final
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from storage import audit
from storage.audit import Origin
from storage.models import Action, Person
from words.catalogue import Language, t
from words.cleantext import clean_text

# As the personal update form (bot.web.form_views): a long paragraph, not a letter; and the
# 200 characters the register keeps of a deadline phrase, for any one-line input.
MAX_TEXT: Final = 4000
MAX_LINE: Final = 200


@dataclass(frozen=True, slots=True)
class Editor:
    """The signed-in person making a change, in their language and time zone, and where the
    request came from (for the audit trail)."""

    person: Person
    lang: Language
    zone: ZoneInfo
    origin: Origin = field(default_factory=Origin)

    def today(self, now: datetime) -> date:
        """The day it is where the person is: the day permissions (a deputy's) are read on."""
        return now.astimezone(self.zone).date()


@dataclass(frozen=True, slots=True)
class Refused:
    """Not allowed: ``reason`` is the catalogue key of why (a ``perm.*`` key or one of ours)."""

    reason: str


@dataclass(frozen=True, slots=True)
class Problems:
    """Sent back: per input (by the chat form's input names), what is wrong with it."""

    errors: Mapping[str, str]


def cleaned(values: Mapping[str, str], names: tuple[str, ...]) -> dict[str, str]:
    """The inputs ``names`` of a submitted form, cleaned as chat cleans what people type (no
    control characters) and stripped; every other field is ignored."""
    return {name: clean_text(values.get(name, "")).strip() for name in names}


def too_long(values: Mapping[str, str], lang: str) -> dict[str, str]:
    """Inputs longer than they may be, with the reason: refused before anything reads them."""
    problems: dict[str, str] = {}
    for name, value in values.items():
        limit = MAX_TEXT if name == "text" else MAX_LINE
        if len(value) > limit:
            problems[name] = t("webform.too_long", lang, limit=limit)
    return problems


def audit_change(
    session: Session,
    editor: Editor,
    now: datetime,
    action: Action,
    *,
    what: str,
    detail: Mapping[str, Any],
) -> None:
    """The audit row of a change to ``action``, in the change's own transaction."""
    audit.record(
        session,
        at=now,
        origin=editor.origin,
        person_id=editor.person.id,
        actor=editor.person.name,
        programme_id=action.programme_id,
        what=what,
        subject=f"#{action.number}",
        detail=detail,
        via="web",
    )
