"""Deadline proposals: a new deadline read from a reply goes to whoever decides, who accepts
or rejects it with a button; the sponsor or director sets one at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy.orm import Session

from handlers.context import Ctx
from handlers.permissions import managers, may_decide, role_in
from handlers.replies.finding import split_ids
from handlers.wording import dated_phrase
from storage.models import Action, DeadlineProposal, Person, Programme
from storage.people import person_by_id
from storage.rights import theme_sponsor
from storage.updates import (
    decide_proposal,
    programme_of,
    proposal_by_id,
    set_deadline,
)
from words.catalogue import Language, language, t
from words.chat.messages import Button, Message, Style
from words.chat.outgoing import Replace, ToPerson
from words.dates import long_date
from words.deadlines.absolute import absolute
from words.deadlines.error import DeadlineError
from words.deadlines.model import Deadline
from words.deadlines.parse import parse_deadline
from words.domain import ProposalState, Role


def _deadline_words(due_text: str, due: date | None, lang: str) -> str:
    """A deadline as phrased plus its long date: "‘eind maart’ (woensdag 31 maart 2027)"."""
    if due is None:
        return t("replies.no_deadline", lang)
    return t("replies.deadline_phrase", lang, text=due_text or "-", date=long_date(due, lang))


def current_deadline(action: Action, lang: str) -> str:
    text = dated_phrase(action.deadline_text, action.due, action.deadline_precision, lang)
    return _deadline_words(text, action.due, lang)


def new_deadline(deadline: Deadline | DeadlineProposal, lang: str) -> str:
    text = dated_phrase(deadline.text, deadline.due, deadline.precision, lang)
    return _deadline_words(text, deadline.due, lang)


def _lang_of(person: Person, programme: Programme) -> Language:
    return language(person.language if person.language is not None else programme.language)


def _names(people: Sequence[Person], lang: str) -> str:
    names = [p.name for p in people]
    if len(names) == 1:
        return names[0]
    return t("replies.names_or", lang, first=", ".join(names[:-1]), last=names[-1])


def _decision_buttons(proposal: DeadlineProposal, lang: str) -> tuple[Button, ...]:
    return (
        Button(t("replies.accept", lang), "proposal", f"{proposal.id}:accept", Style.PRIMARY),
        Button(t("replies.reject", lang), "proposal", f"{proposal.id}:reject", Style.DANGER),
    )


def _deciders(ctx: Ctx, action: Action) -> list[Person]:
    """Who decides on the action's deadline: its theme's sponsor, else the managers."""
    sponsor_id = theme_sponsor(ctx.session, action.theme_id)
    sponsor = None if sponsor_id is None else person_by_id(ctx.session, sponsor_id)
    # A sponsor who is a reader in the programme (old data) cannot decide: the managers do.
    if sponsor is not None and role_in(ctx.session, sponsor, action.programme_id) is Role.READER:
        sponsor = None
    people = [sponsor] if sponsor is not None else managers(ctx.session, action.programme_id)
    return [p for p in people if p.id != ctx.person.id]


def offer_proposal(
    ctx: Ctx, action: Action, proposal: DeadlineProposal, reason: str
) -> tuple[str, tuple[Button, ...]]:
    """Put the proposal to whoever decides; the line for the proposer and any buttons.

    A sponsor or director who mentions a new deadline decides themselves, with the buttons
    on their own confirmation: a date read from free text is never applied unasked.
    """
    new = new_deadline(proposal, ctx.lang)
    if may_decide(ctx.session, ctx.person, action) is None:
        old = current_deadline(action, ctx.lang)
        line = t("replies.proposal_self", ctx.lang, deadline=new, old=old)
        return line, _decision_buttons(proposal, ctx.lang)
    deciders = _deciders(ctx, action)
    if not deciders:
        return t("replies.proposal_nobody", ctx.lang, deadline=new), ()
    for decider in deciders:
        _ask_decider(ctx, action, proposal, decider, reason)
    return t("replies.proposal_sent", ctx.lang, deadline=new, names=_names(deciders, ctx.lang)), ()


def _ask_decider(
    ctx: Ctx, action: Action, proposal: DeadlineProposal, decider: Person, reason: str
) -> None:
    lang = _lang_of(decider, programme_of(ctx.session, action))
    lines = [
        t(
            "replies.proposal_request",
            lang,
            proposer=ctx.person.name,
            number=action.number,
            title=action.title,
            old=current_deadline(action, lang),
            new=new_deadline(proposal, lang),
        )
    ]
    if reason:
        lines.append(t("replies.proposal_reason", lang, text=reason))
    lines.append(t("replies.proposal_question", lang))
    message = Message("\n".join(lines), buttons=_decision_buttons(proposal, lang))
    # Keyed by proposal and person, so it goes out once however often the reply is handled.
    ctx.out.send(f"proposal:{proposal.id}:{decider.id}", ToPerson(decider.id), message)


def decide(ctx: Ctx, value: str) -> None:
    parsed = split_ids(value)
    if parsed is None or parsed[1] not in ("accept", "reject"):
        ctx.tell("replies.button_unknown")
        return
    proposal = proposal_by_id(ctx.session, parsed[0])
    if proposal is None:
        ctx.tell("replies.proposal_gone")
        return
    action = proposal.action
    refusal = may_decide(ctx.session, ctx.person, action)
    if refusal is not None:
        ctx.tell(refusal)
        return
    if proposal.state is not ProposalState.OPEN:
        ctx.say(decided_line(ctx.session, proposal, ctx.lang))
        return
    answer = settle_proposal(ctx, proposal, accept=parsed[1] == "accept")
    if ctx.about is not None:
        # The question's buttons are answered: its new version shows the outcome instead.
        ctx.out.send(ctx.key("decided"), Replace(ctx.about), Message(answer))
    else:
        ctx.say(answer)


def settle_proposal(ctx: Ctx, proposal: DeadlineProposal, *, accept: bool) -> str:
    """Accept or reject an open proposal for ``ctx``'s event and tell its proposer; the line
    that says so to the decider, which the caller shows where it answers.

    Written once for every channel a decision comes through (a chat button, a web page); the
    caller has checked ``may_decide`` and that the proposal is still open.
    """
    action = proposal.action
    old_text, old_due = action.deadline_text, action.due
    decide_proposal(
        ctx.session,
        proposal,
        ctx.person,
        ctx.now,
        accept=accept,
        source=ctx.event.platform,
        event_row=ctx.event_row,
    )
    key = "replies.proposal_accepted" if accept else "replies.proposal_rejected"
    answer = t(
        key,
        ctx.lang,
        new=new_deadline(proposal, ctx.lang),
        old=_deadline_words(old_text, old_due, ctx.lang),
        number=action.number,
        title=action.title,
    )
    _tell_proposer(ctx, proposal, accept, old_text, old_due)
    return answer


def _tell_proposer(
    ctx: Ctx, proposal: DeadlineProposal, accept: bool, old_text: str, old_due: date | None
) -> None:
    if proposal.proposed_by is None or proposal.proposed_by == ctx.person.id:
        return
    proposer = person_by_id(ctx.session, proposal.proposed_by)
    if proposer is None:
        return
    action = proposal.action
    lang = _lang_of(proposer, programme_of(ctx.session, action))
    key = "replies.proposal_accepted_note" if accept else "replies.proposal_rejected_note"
    text = t(
        key,
        lang,
        decider=ctx.person.name,
        number=action.number,
        title=action.title,
        new=new_deadline(proposal, lang),
        old=_deadline_words(old_text, old_due, lang),
    )
    ctx.out.send(f"proposal:{proposal.id}:decided", ToPerson(proposer.id), Message(text))


def decided_line(session: Session, proposal: DeadlineProposal, lang: str) -> str:
    """That a proposal was decided already, by whom and how."""
    decider = None if proposal.decided_by is None else person_by_id(session, proposal.decided_by)
    accepted = proposal.state is ProposalState.ACCEPTED
    return t(
        "replies.proposal_decided",
        lang,
        verdict=t("replies.verdict_accepted" if accepted else "replies.verdict_rejected", lang),
        name=decider.name if decider is not None else t("replies.someone", lang),
    )


def read_new_deadline(action: Action, phrase: str, today: date, lang: str) -> Deadline | str:
    """A new deadline for ``action`` read from ``phrase``, or why it cannot be one."""
    try:
        deadline = parse_deadline(phrase, today, lang)
    except DeadlineError as err:
        return err.message(lang)
    if deadline.due < today:
        return t("replies.deadline_past", lang, deadline=new_deadline(deadline, lang))
    # The register keeps the deadline with its year ("eind maart 2027"): the same deadline in
    # other words ("eind maart", "end of March") names the same day with the same precision.
    stored = absolute(deadline, lang)
    if (stored.due, stored.precision) == (action.due, action.deadline_precision):
        return t(
            "replies.deadline_same",
            lang,
            number=action.number,
            title=action.title,
            deadline=current_deadline(action, lang),
        )
    return deadline


def move_deadline(ctx: Ctx, action: Action, deadline: Deadline, event_row: int | None) -> str:
    """Set the deadline (the sponsor or director decides); the line that says so."""
    old = current_deadline(action, ctx.lang)
    set_deadline(
        ctx.session,
        action,
        ctx.person,
        ctx.now,
        deadline,
        source=ctx.event.platform,
        event_row=event_row,
    )
    return t(
        "replies.deadline_set",
        ctx.lang,
        number=action.number,
        title=action.title,
        new=new_deadline(deadline, ctx.lang),
        old=old,
    )
