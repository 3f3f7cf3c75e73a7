"""The chat commands' world on BOCE: people and actions by key, a command run as one of them,
and updates and pings written into the history at given moments."""

from __future__ import annotations

from datetime import UTC, date, datetime
from itertools import count
from types import SimpleNamespace

from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers.commands import absence, creating, details, guide, lists, reports
from storage.models import Action, Membership, Person, Ping, StatusUpdate
from tests.register_rows import ACTION_READ
from tests.stubs import RecordingOutgoing, make_ctx
from words.clock import FixedClock
from words.domain import PingRule, PingState, Source, Status, UpdateKind

# The command handlers by the names the tests call them, from the modules they live in.
commands = SimpleNamespace(
    help_command=guide.help_command,
    my_actions=lists.my_actions,
    action_details=details.action_details,
    new_action=creating.new_action,
    new_action_form=creating.new_action_form,
    overview=reports.overview,
    summary=reports.summary,
    absent=absence.absent,
)

# Numbers for the pings' keys, unique in a test run.
_pings = count(1)


def person(session: Session, key: str) -> Person:
    found = session.scalar(select(Person).join(Membership).where(Membership.key == key).limit(1))
    assert found is not None, key
    return found


def action(session: Session, key: str) -> Action:
    found = session.scalar(select(Action).where(Action.key == key).options(*ACTION_READ))
    assert found is not None, key
    return found


def run(
    session: Session, clock: FixedClock, who: str, command: str, args: str = ""
) -> RecordingOutgoing:
    out = RecordingOutgoing()
    ctx = make_ctx(session, clock, person(session, who), out)
    getattr(commands, command)(ctx, args)
    return out


def answer(session: Session, clock: FixedClock, who: str, command: str, args: str = "") -> str:
    out = run(session, clock, who, command, args)
    assert len(out.sent) == 1, out.texts()
    return out.last().text


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def add_update(
    session: Session,
    key: str,
    author: str | None,
    when: str,
    *,
    status: Status | None = None,
    text: str = "",
    kind: UpdateKind = UpdateKind.STATUS,
    edited: bool = False,
    withdrawn: tuple[str, str] | None = None,  # by whom, when
) -> StatusUpdate:
    target = action(session, key)
    update = StatusUpdate(
        action_id=target.id,
        author_id=person(session, author).id if author else None,
        created_at=at(when),
        kind=kind,
        source=Source.SLACK if author else Source.IMPORT,
        status=status,
        text=text,
        edited_at=at(when) if edited else None,
    )
    if withdrawn is not None:
        update.withdrawn_by_id = person(session, withdrawn[0]).id
        update.withdrawn_at = at(withdrawn[1])
        session.add(update)
        session.flush()
        return update  # it changed nothing that stands
    if kind is UpdateKind.DEADLINE:
        update.previous_deadline_text = target.deadline_text
        update.new_deadline_text = "Q3 2027"
        update.previous_due = target.due
        update.new_due = date(2027, 9, 30)
        target.deadline_text, target.due = "Q3 2027", date(2027, 9, 30)
    if status is not None:
        target.status = status
    session.add(update)
    session.flush()
    return update


def add_ping(
    session: Session, key: str, recipient: str, sent: str, *, escalated: str | None = None
) -> Ping:
    target = action(session, key)
    who = person(session, recipient)
    ping = Ping(
        key=f"test:{next(_pings)}",
        programme_id=target.programme_id,
        action_id=target.id,
        owner_id=target.owners[0].id,
        recipient_id=who.id,
        rule=PingRule.CHECKIN,
        occurrence=at(sent),
        due_at=at(sent),
        state=PingState.SENT,
        sent_at=at(sent),
        escalated_at=at(escalated) if escalated else None,
        created_at=at(sent),
    )
    session.add(ping)
    session.flush()
    return ping
