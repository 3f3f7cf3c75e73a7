"""Status updates: recording, correcting and withdrawing them, and deadlines proposed or set.

Every change to an action that a person makes in chat passes through here, so the action's
status and deadline and the history of updates always move together. One chat event makes at
most one update (``StatusUpdate.event_id`` is unique): recording again for the same event
returns the first update and changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload, selectinload

from storage.models import (
    STANDING,
    Action,
    ActionOwner,
    DeadlineProposal,
    InboundEvent,
    Membership,
    Person,
    Ping,
    Programme,
    StatusUpdate,
    UpdateRevision,
)
from storage.pings import mark_answered
from words.deadlines.absolute import absolute
from words.deadlines.model import Deadline
from words.domain import PingState, ProposalState, Source, Status, UpdateKind
from words.errors import VoortgangError

CLOSED = (Status.DONE, Status.DROPPED)


def update_for_event(session: Session, event_row: int) -> StatusUpdate | None:
    """The update a chat event already made, if any."""
    return session.scalar(select(StatusUpdate).where(StatusUpdate.event_id == event_row))


def inbound_event(session: Session, event_row: int) -> InboundEvent | None:
    return session.get(InboundEvent, event_row)


def record_update(
    session: Session,
    action: Action,
    author: Person,
    now: datetime,
    *,
    source: Source,
    status: Status | None,
    text: str,
    event_row: int | None,
    progress: float | None = None,
) -> StatusUpdate:
    """Record an owner's report and apply its status to the action; once per event.

    ``progress`` is a KPI value: it becomes the action's ``kpi_current``, and the value from
    before is kept on the update so that withdrawing it can put that back. The pings about
    the action count as answered. When two deliveries of one event race, the unique event id
    lets one insert win and the other gets the winner's update back.
    """
    if event_row is not None:
        earlier = update_for_event(session, event_row)
        if earlier is not None:
            return earlier
    row = StatusUpdate(
        action_id=action.id,
        author_id=author.id,
        created_at=now,
        kind=UpdateKind.STATUS,
        source=source,
        status=status,
        text=text,
        progress=progress,
        previous_status=action.status,
        previous_kpi=None if progress is None else action.kpi_current,
        event_id=event_row,
    )
    winner = _insert_once(session, row)
    if winner is not row:
        return winner
    if status is not None:
        action.status = status
    if progress is not None:
        action.kpi_current = progress
    mark_answered(session, action.id, now)
    return row


def _insert_once(session: Session, row: StatusUpdate) -> StatusUpdate:
    """Insert ``row``; if a concurrent handler of the same event was first, return its update.

    Only PostgreSQL runs two writers at once. SQLite serialises writers, and pysqlite would turn
    an outermost SAVEPOINT into a commit of its own, so there the plain insert is used.
    """
    if row.event_id is None or session.get_bind().dialect.name != "postgresql":
        session.add(row)
        session.flush()
        return row
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError:
        winner = update_for_event(session, row.event_id)
        if winner is None:
            raise
        return winner
    return row


def last_update_by(session: Session, person_id: int) -> StatusUpdate | None:
    """The person's last recorded report (not a deadline change) that stands, action loaded.

    Last in the order of recording (the row id), not of ``created_at``: a simulated clock
    can put that in the future or the past.
    """
    return session.scalar(
        select(StatusUpdate)
        .where(
            StatusUpdate.author_id == person_id,
            StatusUpdate.kind == UpdateKind.STATUS,
            STANDING,
        )
        .options(joinedload(StatusUpdate.action))
        .order_by(StatusUpdate.id.desc())
        .limit(1)
    )


def edit_update(
    session: Session,
    row: StatusUpdate,
    now: datetime,
    *,
    text: str,
    status: Status | None,
    progress: float | None = None,
) -> bool:
    """Reword an update, keeping the old wording as a revision; False when nothing changed.

    ``status`` None keeps the update's status, ``progress`` None its KPI value. A new status
    or value reaches the action only while the action still has the one this update gave it:
    a later change by someone else stands.
    """
    new_status = row.status if status is None else status
    new_progress = row.progress if progress is None else progress
    if row.text == text and row.status == new_status and row.progress == new_progress:
        return False
    session.add(
        UpdateRevision(
            update_id=row.id,
            replaced_at=now,
            status=row.status,
            text=row.text,
            progress=row.progress,
        )
    )
    # By its id: the update's action is not loaded with it, and is usually in the session.
    action = session.get_one(Action, row.action_id)
    # Without a status of its own, the update set nothing, so its new status simply applies.
    follows = row.status is None or action.status == row.status
    if new_status is not None and new_status != row.status and follows:
        action.status = new_status
    if new_progress != row.progress and _kpi_follows(session, row, action):
        if row.progress is None:
            row.previous_kpi = action.kpi_current
        action.kpi_current = new_progress
    row.text = text
    row.status = new_status
    row.progress = new_progress
    row.edited_at = now
    session.flush()
    return True


def _kpi_follows(session: Session, row: StatusUpdate, action: Action) -> bool:
    """Whether a new KPI value on ``row`` may reach its action: the action still has the value
    ``row`` gave it, or ``row`` gave none and no later update that stands has given one."""
    if row.progress is not None:
        return action.kpi_current == row.progress
    later = session.scalar(
        select(StatusUpdate.id)
        .where(
            StatusUpdate.action_id == row.action_id,
            StatusUpdate.id > row.id,
            StatusUpdate.progress.is_not(None),
            STANDING,
        )
        .limit(1)
    )
    return later is None


class AlreadyWithdrawnError(VoortgangError):
    """The update was withdrawn before (by another event handled at the same time)."""

    def __init__(self, row: StatusUpdate) -> None:
        super().__init__(f"status update {row.id} is already withdrawn")
        self.row = row


def withdraw_update(
    session: Session, row: StatusUpdate, by: Person, now: datetime
) -> Status | None:
    """Withdraw an update: it stays in the action's history, with who withdrew it and when,
    and leaves every current view. Return the status put back on the action, or None.

    The action gets its previous status back only while it still has the status this update
    set, and its previous KPI value only while it still has the value this update gave. An
    open deadline proposal the update made is withdrawn with it; a decided one stays.
    Pings this update answered wait for an answer again, unless another update that stands
    answers them too. Raises AlreadyWithdrawnError when it no longer stands.
    """
    # Claimed with a condition, so two undo events handled at once withdraw it once.
    claimed = session.execute(
        update(StatusUpdate)
        .where(StatusUpdate.id == row.id, STANDING)
        .values(withdrawn_at=now, withdrawn_by_id=by.id)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        session.refresh(row)
        raise AlreadyWithdrawnError(row)
    # By its id: the update's action is not loaded with it, and is usually in the session.
    action = session.get_one(Action, row.action_id)
    restored: Status | None = None
    if (
        row.status is not None
        and row.previous_status is not None
        and action.status == row.status
        and row.previous_status != row.status
    ):
        action.status = row.previous_status
        restored = row.previous_status
    if row.progress is not None and action.kpi_current == row.progress:
        action.kpi_current = row.previous_kpi
    for proposal in session.scalars(
        select(DeadlineProposal).where(
            DeadlineProposal.update_id == row.id, DeadlineProposal.state == ProposalState.OPEN
        )
    ):
        session.delete(proposal)
    session.flush()
    _reopen_pings(session, row)
    return restored


def _reopen_pings(session: Session, row: StatusUpdate) -> None:
    """The pings ``row`` answered (at its moment) are unanswered again, unless another
    standing report on the action came in after they were sent."""
    other_answer = (
        select(StatusUpdate.id)
        .where(
            StatusUpdate.action_id == row.action_id,
            StatusUpdate.kind == UpdateKind.STATUS,
            STANDING,
            StatusUpdate.created_at >= Ping.sent_at,
        )
        .exists()
    )
    session.execute(
        update(Ping)
        .where(
            Ping.action_id == row.action_id,
            Ping.state == PingState.ANSWERED,
            Ping.answered_at == row.created_at,
            ~other_answer,
        )
        .values(state=PingState.SENT, answered_at=None)
        .execution_options(synchronize_session="fetch")
    )


def registered(session: Session, programme_id: int, deadline: Deadline) -> Deadline:
    """The deadline as the register keeps it: a phrase with its year, in the programme's
    language ("eind maart" typed in 2026 is kept as "eind maart 2027")."""
    programme_language = session.scalar(
        select(Programme.language).where(Programme.id == programme_id)
    )
    return absolute(deadline, programme_language if programme_language is not None else "nl")


def set_deadline(
    session: Session,
    action: Action,
    author: Person | None,
    now: datetime,
    deadline: Deadline,
    *,
    source: Source,
    event_row: int | None,
) -> StatusUpdate:
    """Move the action's deadline and record the move (a DEADLINE update); once per event.

    The register keeps the deadline with its year (``registered``) and the words it was given
    in beside it, so the deadline never moves when it is read again later.
    """
    if event_row is not None:
        earlier = update_for_event(session, event_row)
        if earlier is not None:
            return earlier
    stored = registered(session, action.programme_id, deadline)
    row = StatusUpdate(
        action_id=action.id,
        author_id=None if author is None else author.id,
        created_at=now,
        kind=UpdateKind.DEADLINE,
        source=source,
        previous_status=action.status,
        previous_due=action.due,
        previous_deadline_text=action.deadline_text,
        new_due=stored.due,
        new_deadline_text=stored.text,
        new_precision=stored.precision,
        event_id=event_row,
    )
    winner = _insert_once(session, row)
    if winner is not row:
        return winner
    action.due = stored.due
    action.deadline_text = stored.text
    action.deadline_typed = deadline.text
    action.deadline_precision = stored.precision
    session.flush()
    return row


def propose_deadline(
    session: Session,
    action: Action,
    proposer: Person,
    now: datetime,
    deadline: Deadline,
    *,
    update_id: int | None = None,
) -> DeadlineProposal:
    """A new deadline waiting for a decision; the same open proposal again is not repeated."""
    same = session.scalar(
        select(DeadlineProposal).where(
            DeadlineProposal.action_id == action.id,
            DeadlineProposal.proposed_by == proposer.id,
            DeadlineProposal.state == ProposalState.OPEN,
            DeadlineProposal.due == deadline.due,
            DeadlineProposal.text == deadline.text,
        )
    )
    if same is not None:
        return same
    proposal = DeadlineProposal(
        action_id=action.id,
        update_id=update_id,
        proposed_by=proposer.id,
        text=deadline.text,
        due=deadline.due,
        precision=deadline.precision,
        created_at=now,
    )
    session.add(proposal)
    session.flush()
    return proposal


def proposal_by_id(session: Session, proposal_id: int) -> DeadlineProposal | None:
    """A deadline proposal with its action, which whoever decides on it reads."""
    # A query, not a look-up in the session: one already there may not have its action loaded.
    query = select(DeadlineProposal).where(DeadlineProposal.id == proposal_id)
    return session.scalar(query.options(joinedload(DeadlineProposal.action)))


def proposal_for_update(session: Session, update_id: int) -> DeadlineProposal | None:
    return session.scalar(
        select(DeadlineProposal).where(DeadlineProposal.update_id == update_id).limit(1)
    )


def decide_proposal(
    session: Session,
    proposal: DeadlineProposal,
    decider: Person,
    now: datetime,
    *,
    accept: bool,
    source: Source,
    event_row: int | None,
) -> StatusUpdate | None:
    """Accept (the deadline moves, recorded as a DEADLINE update) or reject an open proposal."""
    if proposal.state is not ProposalState.OPEN:
        raise ValueError(f"proposal {proposal.id} is already {proposal.state.value}")
    proposal.state = ProposalState.ACCEPTED if accept else ProposalState.REJECTED
    proposal.decided_by = decider.id
    proposal.decided_at = now
    if not accept:
        session.flush()
        return None
    deadline = Deadline(due=proposal.due, precision=proposal.precision, text=proposal.text)
    return set_deadline(
        session, proposal.action, decider, now, deadline, source=source, event_row=event_row
    )


def updates_since(session: Session, programme_id: int, since: datetime) -> Sequence[StatusUpdate]:
    """Updates of a programme's actions from ``since`` on that stand, oldest first."""
    return (
        session.scalars(
            select(StatusUpdate)
            .join(Action, Action.id == StatusUpdate.action_id)
            .where(Action.programme_id == programme_id, StatusUpdate.created_at >= since, STANDING)
            .options(joinedload(StatusUpdate.action), joinedload(StatusUpdate.author))
            .order_by(StatusUpdate.created_at, StatusUpdate.id)
        )
        .unique()
        .all()
    )


def open_actions_owned(session: Session, person_id: int) -> Sequence[Action]:
    """The person's own open actions in all their programmes, by programme and number."""
    return session.scalars(
        select(Action)
        .join(ActionOwner, ActionOwner.action_id == Action.id)
        .join(
            Membership,
            (Membership.programme_id == Action.programme_id) & (Membership.person_id == person_id),
        )
        .where(ActionOwner.person_id == person_id, Action.status.not_in(CLOSED))
        .options(selectinload(Action.owner_links))
        .order_by(Action.programme_id, Action.number)
    ).all()


def action_by_id(session: Session, action_id: int) -> Action | None:
    return session.get(Action, action_id)


def programme_of(session: Session, action: Action) -> Programme:
    """The action's programme, by its id: usually in the session already, never lazily loaded."""
    return session.get_one(Programme, action.programme_id)


def actions_by_ids(session: Session, ids: Sequence[int]) -> list[Action]:
    """Actions in the order of ``ids``; ids of actions that no longer exist are left out."""
    if not ids:
        return []
    # With their programmes: a reply that could be about several names each one's programme.
    query = select(Action).where(Action.id.in_(ids)).options(joinedload(Action.programme))
    found = {a.id: a for a in session.scalars(query)}
    return [found[i] for i in ids if i in found]
