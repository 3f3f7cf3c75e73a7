"""Who changes something from a page, and what the editing functions answer: refused (with the
catalogue key of the reason), sent back with problems per input, or done.

Shared by the edit form and the corrections of one's own updates; the pages turn these into
a 403 page, the form again (422), or a redirect with a confirmation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from handlers.context import Ctx
from storage import audit
from storage.audit import Origin
from storage.inbox import mark_handled, store_event
from storage.models import Action, Person
from storage.outbox import OutboxWriter
from words.catalogue import Language
from words.chat.inbound import Event
from words.chat.outgoing import ToPerson
from words.cleantext import clean_text
from words.clock import Clock


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


def page_event(
    session: Session, clock: Clock, editor: Editor, event: Event, action: Action
) -> Ctx | None:
    """Keep ``event`` (a form or button from a page) as chat keeps its events, handled at
    once, and the context to record it in as chat would; None when this very event was kept
    before (sent twice), and nothing more is to be done.

    The context's answers to its sender go nowhere: the shared cores return them and the page
    shows them. What they send to others (a decider asked, a proposer told) goes out through
    the outbox as from chat, with the action's programme (its Slack workspace, its language).
    """
    now = clock.now()
    row_id, new = store_event(session, event)
    if not new:
        return None
    # Handled in this transaction: the inbox worker never sees it waiting.
    mark_handled(session, row_id, editor.person.id, now)
    return Ctx(
        session=session,
        clock=clock,
        out=OutboxWriter(session, now, action.programme_id),
        event=event,
        event_row=row_id,
        person=editor.person,
        lang=editor.lang,
        zone=editor.zone,
        reply_to=ToPerson(editor.person.id),
    )
