"""What a member's own pages show, as plain values for the templates: their open actions (and
those of absent owners they answer for as the deputy), as chat's 'mijn acties' lists them, and
the history of their own updates, newest first, with corrections and withdrawals.

No ORM object leaves this module: the pages get frozen values, so a template never touches
the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from handlers.editing.page_editor import Editor
from handlers.permissions import may_update
from handlers.replies.corrections import too_late
from handlers.wording import dated_phrase, deadline_phrase, is_overdue, status_word
from storage.models import Action, StatusUpdate
from storage.own_history import HISTORY_PAGE, updates_written_by
from storage.people import memberships
from storage.register import last_updates
from storage.summaries import deputised_absences, open_actions_of
from words.catalogue import t
from words.dates import long_date, moment, short_date
from words.domain import Role, Status, UpdateKind
from words.numbers import format_number


@dataclass(frozen=True, slots=True)
class MyAction:
    programme_key: str
    programme_name: str
    theme: str
    number: int
    key: str
    title: str
    deadline: str
    overdue: bool
    status: Status
    status_word: str
    last_update: str  # the day of the newest update that stands, or that there is none
    deputy_for: str  # the absent owner's name when the person answers as their deputy
    may_edit: bool


@dataclass(frozen=True, slots=True)
class Revision:
    """An earlier wording of an update, kept when it was corrected."""

    replaced_at: str
    status: str
    text: str
    kpi: str


@dataclass(frozen=True, slots=True)
class MyUpdate:
    id: int
    programme_key: str
    programme_name: str
    number: int
    title: str
    at: str  # when it was recorded, in the person's zone and language
    at_iso: str  # the same moment for <time datetime>
    source: str  # through which channel
    deadline: bool  # a deadline moved (by a sponsor or director), not a report
    status: str
    text: str
    kpi: str
    new_deadline: str
    edited: str  # when it was last corrected, or ""
    revisions: tuple[Revision, ...]
    withdrawn: str  # "ingetrokken op … door …", or "" when it stands
    may_correct: bool
    may_withdraw: bool


@dataclass(frozen=True, slots=True)
class MyHistory:
    updates: tuple[MyUpdate, ...]
    older: int | None  # the id to page on from (``before``), when there are older ones


def my_actions(session: Session, editor: Editor, now: datetime) -> tuple[MyAction, ...]:
    """The person's open actions and those they answer for as a deputy today, by programme,
    theme and number: chat's 'mijn acties' (``handlers.commands.lists.my_actions``)."""
    lang, today = editor.lang, editor.today(now)
    me = editor.person.id
    roles = {m.programme_id: m.role for m in memberships(session, me)}
    cover = {a.person_id: a.person.name for a in deputised_absences(session, me, today)}
    actions = [a for a in open_actions_of(session, [me, *cover]) if a.programme_id in roles]
    last = last_updates(session, [a.id for a in actions])
    return tuple(
        MyAction(
            programme_key=a.programme.key,
            programme_name=a.programme.name,
            theme=a.theme.name,
            number=a.number,
            key=a.key,
            title=a.title,
            deadline=deadline_phrase(a, lang),
            overdue=is_overdue(a, today),
            status=a.status,
            status_word=status_word(a.status, lang),
            last_update=_last(last.get(a.id), editor),
            deputy_for=_deputy_for(a, me, cover),
            may_edit=roles[a.programme_id] is not Role.READER,
        )
        for a in actions
    )


def _deputy_for(action: Action, me: int, cover: dict[int, str]) -> str:
    owners = [link.person_id for link in action.owner_links]
    if me in owners:
        return ""
    return next((cover[o] for o in owners if o in cover), "")


def _last(update: StatusUpdate | None, editor: Editor) -> str:
    if update is None:
        return t("commands.no_update_yet", editor.lang)
    return short_date(update.created_at.astimezone(editor.zone).date(), editor.lang)


def my_history(
    session: Session, editor: Editor, now: datetime, *, before: int | None = None
) -> MyHistory:
    """The person's own updates, newest first, a page at a time; withdrawn ones too, marked,
    with the earlier wordings of corrected ones, and what they may still do with each."""
    rows = updates_written_by(session, editor.person.id, before=before, limit=HISTORY_PAGE + 1)
    shown = rows[:HISTORY_PAGE]
    # Whether the person may still update an action: asked once per action on the page.
    allowed: dict[int, bool] = {}
    today = editor.today(now)
    views: list[MyUpdate] = []
    for row in shown:
        if row.action_id not in allowed:
            refusal = may_update(session, editor.person, row.action, today)
            allowed[row.action_id] = refusal is None
        # As correction_refusal and withdrawal_refusal (handlers.editing.own_updates) decide.
        may = allowed[row.action_id] and row.kind is UpdateKind.STATUS
        may = may and row.withdrawn_at is None
        views.append(
            _view(row, editor, may_correct=may, may_withdraw=may and not too_late(row, now))
        )
    older = shown[-1].id if len(rows) > HISTORY_PAGE else None
    return MyHistory(tuple(views), older)


def _view(row: StatusUpdate, editor: Editor, *, may_correct: bool, may_withdraw: bool) -> MyUpdate:
    lang, zone = editor.lang, editor.zone
    action = row.action
    new_deadline = ""
    if row.kind is UpdateKind.DEADLINE and row.new_due is not None:
        phrase = dated_phrase(row.new_deadline_text or "", row.new_due, row.new_precision, lang)
        new_deadline = t(
            "replies.deadline_phrase", lang, text=phrase or "-", date=long_date(row.new_due, lang)
        )
    withdrawn = ""
    if row.withdrawn_at is not None:
        who = row.withdrawn_by.name if row.withdrawn_by is not None else t("replies.someone", lang)
        withdrawn = t(
            "web.editing.withdrawn_on", lang, moment=moment(row.withdrawn_at, zone, lang), name=who
        )
    return MyUpdate(
        id=row.id,
        programme_key=action.programme.key,
        programme_name=action.programme.name,
        number=action.number,
        title=action.title,
        at=moment(row.created_at, zone, lang),
        at_iso=row.created_at.isoformat(),
        source=t(f"web.editing.source.{row.source.value}", lang),
        deadline=row.kind is UpdateKind.DEADLINE,
        status="" if row.status is None else status_word(row.status, lang),
        text=row.text,
        kpi=_number(row.progress, lang),
        new_deadline=new_deadline,
        edited="" if row.edited_at is None else moment(row.edited_at, zone, lang),
        revisions=tuple(
            Revision(
                replaced_at=moment(r.replaced_at, zone, lang),
                status="" if r.status is None else status_word(r.status, lang),
                text=r.text,
                kpi=_number(r.progress, lang),
            )
            for r in row.revisions
        ),
        withdrawn=withdrawn,
        may_correct=may_correct,
        may_withdraw=may_withdraw,
    )


def _number(value: float | None, lang: str) -> str:
    return "" if value is None else format_number(value, lang)


def programmes_shown(actions: Sequence[MyAction]) -> list[tuple[str, str]]:
    """The programmes of ``actions`` in their order, once each: (key, name)."""
    seen: dict[str, str] = {}
    for a in actions:
        seen.setdefault(a.programme_key, a.programme_name)
    return list(seen.items())
