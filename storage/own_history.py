"""What the member pages and the edit pages read: an action by its programme and number, one
update with its action, and a person's own updates with everything their history shows.

Each function runs a fixed number of queries, with the related rows loaded explicitly.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from storage.models import Action, ActionOwner, Membership, Programme, StatusUpdate

# Enough for a year of fortnightly check-ins on a dozen actions; older ones are a page further.
HISTORY_PAGE = 50


def action_numbered(session: Session, programme_key: str, number: int) -> Action | None:
    """The action ``number`` of the programme ``programme_key``, with its programme, theme
    and owners loaded."""
    return session.scalar(
        select(Action)
        .join(Programme, Programme.id == Action.programme_id)
        .where(Programme.key == programme_key, Action.number == number)
        .options(
            joinedload(Action.programme),
            joinedload(Action.theme),
            selectinload(Action.owner_links).joinedload(ActionOwner.person),
        )
    )


def update_with_action(session: Session, update_id: int) -> StatusUpdate | None:
    """One update with its action and the action's programme; its earlier wordings too."""
    # A query, not a look-up in the session: one already there may not have these loaded.
    return session.scalar(
        select(StatusUpdate)
        .where(StatusUpdate.id == update_id)
        .options(
            joinedload(StatusUpdate.action).joinedload(Action.programme),
            selectinload(StatusUpdate.revisions),
        )
    )


def updates_written_by(
    session: Session, person_id: int, *, before: int | None = None, limit: int = HISTORY_PAGE
) -> Sequence[StatusUpdate]:
    """The person's updates in the programmes they are still in, newest first (by row id, the
    order of recording), withdrawn ones too; ``before`` an update id to page on from.

    Loaded with them: the action and its programme, who withdrew it, and its earlier wordings.
    """
    query = (
        select(StatusUpdate)
        .join(Action, Action.id == StatusUpdate.action_id)
        .join(
            Membership,
            (Membership.programme_id == Action.programme_id) & (Membership.person_id == person_id),
        )
        .where(StatusUpdate.author_id == person_id)
        .options(
            joinedload(StatusUpdate.action).joinedload(Action.programme),
            joinedload(StatusUpdate.withdrawn_by),
            selectinload(StatusUpdate.revisions),
        )
        .order_by(StatusUpdate.id.desc())
        .limit(limit)
    )
    if before is not None:
        query = query.where(StatusUpdate.id < before)
    return session.scalars(query).unique().all()
