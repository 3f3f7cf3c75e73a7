"""Deciding on a proposed deadline from an action's edit page: what the buttons under chat's
proposal message do (``handlers.replies.proposals.decide``), for whoever may decide there
(``may_decide``: the theme's sponsor, the director, programme support; never a reader).

The decision is kept as chat keeps it: an event from the web, stored and handled in the same
transaction, one per person and proposal, so pressing twice decides once; the deadline moves
(a DEADLINE update, source web) or stays, and the proposer is told in chat, through the outbox.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from handlers.editing.page_editor import Editor, Refused, audit_change, page_event
from handlers.editing.page_report import Reported
from handlers.permissions import may_decide
from handlers.replies.proposals import decided_line, new_deadline, settle_proposal
from storage.models import Action, DeadlineProposal
from storage.people import people_by_id
from storage.summaries import open_proposals
from storage.updates import proposal_by_id
from words.chat.inbound import ButtonIn
from words.clock import Clock
from words.dates import moment
from words.domain import ProposalState, Source

DECISIONS = ("accept", "reject")


@dataclass(frozen=True, slots=True)
class OpenProposal:
    """An open proposal as the edit page shows it to whoever decides."""

    id: int
    proposer: str
    proposed_at: str
    deadline: str


def proposals_to_decide(
    session: Session, editor: Editor, action: Action
) -> tuple[OpenProposal, ...]:
    """The action's open proposal, when ``editor`` may decide on it: chat keeps one open
    proposal per action in view (the newest), and so does the page."""
    if may_decide(session, editor.person, action) is not None:
        return ()
    found = open_proposals(session, [action.id]).get(action.id)
    if found is None:
        return ()
    return _shown([found], session, editor)


def _shown(
    proposals: Sequence[DeadlineProposal], session: Session, editor: Editor
) -> tuple[OpenProposal, ...]:
    names = people_by_id(session, [p.proposed_by for p in proposals if p.proposed_by is not None])
    lang = editor.lang
    return tuple(
        OpenProposal(
            id=p.id,
            proposer=names[p.proposed_by].name if p.proposed_by in names else "",
            proposed_at=moment(p.created_at, editor.zone, lang),
            deadline=new_deadline(p, lang),
        )
        for p in proposals
    )


def decide_on_page(
    session: Session,
    clock: Clock,
    editor: Editor,
    action: Action,
    *,
    proposal_id: int,
    decision: str,
) -> Refused | Reported:
    """Accept or reject the proposal ``proposal_id`` on ``action``; nothing is written when
    refused or when it was decided before (then the page says by whom)."""
    now = clock.now()
    refusal = may_decide(session, editor.person, action)
    if refusal is not None:
        return Refused(refusal)
    proposal = proposal_by_id(session, proposal_id)
    if proposal is None or proposal.action_id != action.id or decision not in DECISIONS:
        return Refused("web.editing.proposal_gone")
    if proposal.state is not ProposalState.OPEN:
        return Reported((decided_line(session, proposal, editor.lang),), again=True)
    event = ButtonIn(
        platform=Source.WEB,
        event_id=f"page:{editor.person.id}:proposal:{proposal.id}",
        user_id=str(editor.person.id),
        received_at=now,
        action="proposal",
        value=f"{proposal.id}:{decision}",
    )
    ctx = page_event(session, clock, editor, event, action)
    if ctx is None:  # cannot be: the proposal would no longer be open; said as decided anyway
        return Reported((decided_line(session, proposal, editor.lang),), again=True)
    accept = decision == "accept"
    line = settle_proposal(ctx, proposal, accept=accept)
    audit_change(
        session,
        editor,
        now,
        action,
        what=f"proposal.{decision}",
        detail={
            "proposal": proposal.id,
            "deadline": proposal.text,
            "due": proposal.due.isoformat(),
        },
    )
    return Reported((line,), proposal_id=proposal.id, deadline_set=accept)
