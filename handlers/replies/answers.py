"""Replies that become status updates, and the commands that correct or undo them.

A person answers a ping in their own words, in the DM or the ping's thread. The answer is
recorded on the action it is about (see ``free_text`` for how that action is found); status
words set the status and a new deadline in words becomes a proposal for the theme's sponsor
(or the programme's managers) to accept or reject. Nothing here guesses between actions: when
a reply could be about several, the person picks.

Every path checks permission first and answers a refusal with its reason; whatever is not
understood gets a short answer saying what would work.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from sqlalchemy.orm import Session

from handlers.commands.lookup import deadline_text
from handlers.context import Ctx
from handlers.permissions import managers, may_decide, may_update, role_in
from handlers.replies.textparse import (
    Reading,
    Reference,
    correction_text,
    is_undo,
    read_reply,
    references,
    status_in,
    status_only,
    without_reference,
)
from storage.models import Action, DeadlineProposal, Person, Programme, StatusUpdate
from storage.people import memberships
from storage.pings import asked_in, last_ping_message
from storage.register import action_by_ref
from storage.updates import (
    AlreadyWithdrawnError,
    action_by_id,
    actions_by_ids,
    decide_proposal,
    edit_update,
    inbound_event,
    last_update_by,
    open_actions_owned,
    person_by_id,
    proposal_by_id,
    propose_deadline,
    record_update,
    set_deadline,
    update_for_event,
    withdraw_update,
)
from words.catalogue import Language, language, t
from words.chat.messages import Button, Choice, Form, Input, InputKind, Message, Style
from words.chat.outgoing import Replace, ToPerson
from words.dates import long_date, moment
from words.deadlines.error import DeadlineError
from words.deadlines.model import Deadline
from words.deadlines.parse import parse_deadline
from words.domain import ProposalState, Role, Status, fold, parse_status
from words.numbers import is_digits, row_number

UNDO_WINDOW = timedelta(minutes=10)
PING_MEMORY = timedelta(days=14)  # how far back a reply may answer the newest ping
PICK_LIMIT = 10
LABEL_LIMIT = 60
FORM_STATUSES = (Status.ON_TRACK, Status.AT_RISK, Status.DELAYED, Status.DONE)
UNCHANGED = "unchanged"

# --- Small helpers ----------------------------------------------------------------------------


def _shorten(text: str, limit: int = LABEL_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _status_name(status: Status, lang: str) -> str:
    return t(f"status.{status.value}", lang)


def _status_words(lang: str) -> str:
    return ", ".join(_status_name(status, lang) for status in Status)


def _deadline_words(due_text: str, due: date | None, lang: str) -> str:
    """A deadline as phrased plus its long date: "‘eind maart’ (woensdag 31 maart 2027)"."""
    if due is None:
        return t("replies.no_deadline", lang)
    return t("replies.deadline_phrase", lang, text=due_text or "-", date=long_date(due, lang))


def _current_deadline(action: Action, lang: str) -> str:
    return _deadline_words(action.deadline_text, action.due, lang)


def _new_deadline(deadline: Deadline | DeadlineProposal, lang: str) -> str:
    return _deadline_words(deadline.text, deadline.due, lang)


def _lang_of(person: Person, programme: Programme) -> Language:
    return language(person.language if person.language is not None else programme.language)


def _names(people: Sequence[Person], lang: str) -> str:
    names = [p.name for p in people]
    if len(names) == 1:
        return names[0]
    return t("replies.names_or", lang, first=", ".join(names[:-1]), last=names[-1])


def _ids(value: str) -> tuple[int, str] | None:
    """A button value "12:rest" as (12, "rest"); None when it is not one (or names a number
    no row can have)."""
    head, sep, rest = value.partition(":")
    number = row_number(head) if sep else None
    return None if number is None else (number, rest)


def _programme_ids(ctx: Ctx) -> list[int]:
    return [m.programme_id for m in memberships(ctx.session, ctx.person.id)]


def _matches(ctx: Ctx, ref: str, programme_ids: Sequence[int]) -> list[Action]:
    found = (action_by_ref(ctx.session, pid, ref) for pid in programme_ids)
    return [action for action in found if action is not None]


def _refused_update(ctx: Ctx, action: Action) -> bool:
    refusal = may_update(ctx.session, ctx.person, action, ctx.today)
    if refusal is not None:
        ctx.tell(refusal)
    return refusal is not None


# --- Recording ----------------------------------------------------------------------------------


def _what(status: Status | None, text: str, lang: str) -> str:
    if status is not None and text:
        return t("replies.what_status_text", lang, status=_status_name(status, lang), text=text)
    if status is not None:
        return t("replies.what_status", lang, status=_status_name(status, lang))
    return t("replies.what_text", lang, text=text)


def _recorded_line(action: Action, row: StatusUpdate, lang: str) -> str:
    params = {"number": action.number, "title": action.title, "text": row.text}
    if row.status is not None and row.text:
        return t(
            "replies.recorded_status_text", lang, status=_status_name(row.status, lang), **params
        )
    if row.status is not None:
        return t("replies.recorded_status", lang, status=_status_name(row.status, lang), **params)
    return t("replies.recorded_text", lang, status=_status_name(action.status, lang), **params)


def _record(ctx: Ctx, action: Action, reading: Reading, event_row: int) -> StatusUpdate | None:
    """Record ``reading`` on ``action`` for the event ``event_row`` and confirm it.

    Returns the new update, or None when refused or when the event already made one.
    """
    if _refused_update(ctx, action):
        return None
    earlier = update_for_event(ctx.session, event_row)
    if earlier is not None:
        ctx.tell(
            "replies.already_recorded", number=earlier.action.number, title=earlier.action.title
        )
        return None
    row = record_update(
        ctx.session,
        action,
        ctx.person,
        ctx.now,
        source=ctx.event.platform,
        status=reading.status,
        text=reading.text,
        event_row=event_row,
    )
    lines = [_recorded_line(action, row, ctx.lang)]
    buttons: tuple[Button, ...] = ()
    if reading.deadline is not None:
        proposal = propose_deadline(
            ctx.session, action, ctx.person, ctx.now, reading.deadline, update_id=row.id
        )
        line, buttons = _offer_proposal(ctx, action, proposal, row.text)
        lines.append(line)
    lines.append(t("replies.how_to_fix", ctx.lang, minutes=_minutes()))
    ctx.say(Message("\n".join(lines), buttons=buttons))
    return row


def _minutes() -> int:
    return int(UNDO_WINDOW.total_seconds() // 60)


def _record_text(ctx: Ctx, action: Action, text: str, event_row: int) -> StatusUpdate | None:
    if not text.strip():
        ctx.tell("replies.empty")
        return None
    return _record(ctx, action, read_reply(text, ctx.today, action.due), event_row)


# --- Deadline proposals -----------------------------------------------------------------------


def _decision_buttons(proposal: DeadlineProposal, lang: str) -> tuple[Button, ...]:
    return (
        Button(t("replies.accept", lang), "proposal", f"{proposal.id}:accept", Style.PRIMARY),
        Button(t("replies.reject", lang), "proposal", f"{proposal.id}:reject", Style.DANGER),
    )


def _deciders(ctx: Ctx, action: Action) -> list[Person]:
    """Who decides on the action's deadline: its theme's sponsor, else the managers."""
    sponsor = action.theme.sponsor
    # A sponsor who is a reader in the programme (old data) cannot decide: the managers do.
    if sponsor is not None and role_in(ctx.session, sponsor, action.programme_id) is Role.READER:
        sponsor = None
    people = [sponsor] if sponsor is not None else managers(ctx.session, action.programme_id)
    return [p for p in people if p.id != ctx.person.id]


def _offer_proposal(
    ctx: Ctx, action: Action, proposal: DeadlineProposal, reason: str
) -> tuple[str, tuple[Button, ...]]:
    """Put the proposal to whoever decides; the line for the proposer and any buttons.

    A sponsor or director who mentions a new deadline decides themselves, with the buttons
    on their own confirmation: a date read from free text is never applied unasked.
    """
    new = _new_deadline(proposal, ctx.lang)
    if may_decide(ctx.session, ctx.person, action) is None:
        old = _current_deadline(action, ctx.lang)
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
    lang = _lang_of(decider, action.programme)
    lines = [
        t(
            "replies.proposal_request",
            lang,
            proposer=ctx.person.name,
            number=action.number,
            title=action.title,
            old=_current_deadline(action, lang),
            new=_new_deadline(proposal, lang),
        )
    ]
    if reason:
        lines.append(t("replies.proposal_reason", lang, text=reason))
    lines.append(t("replies.proposal_question", lang))
    message = Message("\n".join(lines), buttons=_decision_buttons(proposal, lang))
    # Keyed by proposal and person, so it goes out once however often the reply is handled.
    ctx.out.send(f"proposal:{proposal.id}:{decider.id}", ToPerson(decider.id), message)


def _decide(ctx: Ctx, value: str) -> None:
    parsed = _ids(value)
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
        _tell_decided(ctx, proposal)
        return
    accept = parsed[1] == "accept"
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
    params = {"number": action.number, "title": action.title}
    answer = t(
        key,
        ctx.lang,
        new=_new_deadline(proposal, ctx.lang),
        old=_deadline_words(old_text, old_due, ctx.lang),
        **params,
    )
    if ctx.about is not None:
        # The question's buttons are answered: its new version shows the outcome instead.
        ctx.out.send(ctx.key("decided"), Replace(ctx.about), Message(answer))
    else:
        ctx.say(answer)
    _tell_proposer(ctx, proposal, accept, old_text, old_due)


def _tell_proposer(
    ctx: Ctx, proposal: DeadlineProposal, accept: bool, old_text: str, old_due: date | None
) -> None:
    if proposal.proposed_by is None or proposal.proposed_by == ctx.person.id:
        return
    proposer = person_by_id(ctx.session, proposal.proposed_by)
    if proposer is None:
        return
    action = proposal.action
    lang = _lang_of(proposer, action.programme)
    key = "replies.proposal_accepted_note" if accept else "replies.proposal_rejected_note"
    text = t(
        key,
        lang,
        decider=ctx.person.name,
        number=action.number,
        title=action.title,
        new=_new_deadline(proposal, lang),
        old=_deadline_words(old_text, old_due, lang),
    )
    ctx.out.send(f"proposal:{proposal.id}:decided", ToPerson(proposer.id), Message(text))


def _tell_decided(ctx: Ctx, proposal: DeadlineProposal) -> None:
    decider = (
        None if proposal.decided_by is None else person_by_id(ctx.session, proposal.decided_by)
    )
    accepted = proposal.state is ProposalState.ACCEPTED
    ctx.tell(
        "replies.proposal_decided",
        verdict=t("replies.verdict_accepted" if accepted else "replies.verdict_rejected", ctx.lang),
        name=decider.name if decider is not None else t("replies.someone", ctx.lang),
    )


# --- Which action a reply is about --------------------------------------------------------------


def _named(
    ctx: Ctx, text: str, programme_ids: Sequence[int]
) -> tuple[list[Reference], list[Action]]:
    """The references a reply makes and the actions they name (none: no reference made).

    A number ("#12", "12:") is always meant as a reference, even one that names nothing; a
    word that merely looks like a key ("Q2") counts only when an action has that key.
    """
    refs: list[Reference] = []
    actions: list[Action] = []
    for ref in references(text):
        found = _matches(ctx, ref.text, programme_ids)
        if found or ref.number is not None:
            refs.append(ref)
            actions.extend(a for a in found if a not in actions)
    return refs, actions


def _asked(ctx: Ctx) -> list[Action]:
    """The actions of the ping this reply answers: the thread's, else the newest one's."""
    if ctx.about is not None:
        return actions_by_ids(ctx.session, asked_in(ctx.session, ctx.about))
    newest = last_ping_message(ctx.session, ctx.person.id, ctx.now - PING_MEMORY)
    if newest is None:
        return []
    return actions_by_ids(ctx.session, asked_in(ctx.session, newest))


def _ask_pick(ctx: Ctx, text: str, actions: Sequence[Action], ref: Reference | None) -> None:
    """Ask which action the reply is about: one button per candidate, nothing stored."""
    shown = list(actions[:PICK_LIMIT])
    snippet = _shorten(text.strip())
    if ref is not None:
        keys = ", ".join(f"{a.key} ({a.programme.name})" for a in shown)
        lines = [t("replies.pick_ambiguous", ctx.lang, ref=ref.text, keys=keys)]
        buttons = tuple(
            Button(
                t(
                    "replies.pick_label_key",
                    ctx.lang,
                    key=a.key,
                    title=_shorten(a.title, 40),
                    programme=a.programme.key,
                ),
                "pick",
                f"{ctx.event_row}:{a.id}",
            )
            for a in shown
        )
    else:
        lines = [t("replies.pick", ctx.lang, text=snippet, example=shown[0].number)]
        buttons = tuple(
            Button(
                t("replies.pick_label", ctx.lang, number=a.number, title=_shorten(a.title)),
                "pick",
                f"{ctx.event_row}:{a.id}",
            )
            for a in shown
        )
    lines.extend(button.label for button in buttons)
    if len(actions) > PICK_LIMIT:
        lines.append(t("replies.pick_more", ctx.lang, shown=PICK_LIMIT))
    ctx.say(Message("\n".join(lines), buttons=buttons))


def free_text(ctx: Ctx, text: str) -> None:
    """A reply in the DM or a ping's thread that is not a command.

    The action it is about: one it names ("#12 …", "12: …", "OW-03 …") in the person's
    programmes; else the actions asked in the ping it answers (the thread's, or without a
    thread the person's newest ping of the last 14 days); else the person's own open actions.
    One candidate is recorded; several are offered to pick from; none gets a hint.
    """
    correction = correction_text(text)
    if correction is not None:
        edit_command(ctx, correction)
        return
    if is_undo(text):
        undo_command(ctx, "")
        return
    if not text.strip():
        ctx.tell("replies.empty")
        return
    programme_ids = _programme_ids(ctx)
    if not programme_ids:
        ctx.tell("perm.unknown_person")
        return
    refs, actions = _named(ctx, text, programme_ids)
    if refs:
        if not actions:
            shown = f"#{refs[0].text}" if refs[0].number is not None else refs[0].text
            ctx.tell("replies.unknown_ref", ref=shown)
        elif len(actions) == 1:
            _record_text(ctx, actions[0], without_reference(text, refs[0]), ctx.event_row)
        else:
            # One number in two programmes: say so, with keys. Several numbers: just pick.
            _ask_pick(ctx, text, actions, refs[0] if len(refs) == 1 else None)
        return
    candidates = _asked(ctx) or list(open_actions_owned(ctx.session, ctx.person.id))
    if len(candidates) == 1:
        _record_text(ctx, candidates[0], text, ctx.event_row)
    elif candidates:
        _ask_pick(ctx, text, candidates, None)
    else:
        ctx.tell("replies.no_candidates")


# --- Commands -----------------------------------------------------------------------------------


def _split(args: str) -> tuple[str, str]:
    parts = args.strip().split(maxsplit=1)
    if not parts:
        return "", ""
    return parts[0].rstrip(":,"), (parts[1].strip() if len(parts) > 1 else "")


def _command_action(ctx: Ctx, ref: str, command: str) -> Action | None:
    """The one action ``ref`` names in the person's programmes; otherwise answer why not."""
    programme_ids = _programme_ids(ctx)
    if not programme_ids:
        ctx.tell("perm.unknown_person")
        return None
    found = _matches(ctx, ref, programme_ids)
    if not found:
        ctx.tell("replies.unknown_ref", ref=ref)
        return None
    if len(found) > 1:
        keys = ", ".join(f"{a.key} ({a.programme.name})" for a in found)
        ctx.tell("replies.ambiguous_ref", ref=ref, keys=keys, command=command, example=found[0].key)
        return None
    return found[0]


def update_command(ctx: Ctx, args: str) -> None:
    """update <n> <tekst>: a report on a named action, read like a free-text reply."""
    ref, text = _split(args)
    if not ref or not text:
        ctx.tell("replies.update_usage")
        return
    action = _command_action(ctx, ref, "update")
    if action is not None:
        _record_text(ctx, action, text, ctx.event_row)


def status_command(ctx: Ctx, args: str) -> None:
    """status <n> <status>: a status-only update."""
    ref, word = _split(args)
    if not ref or not word:
        ctx.tell("replies.status_usage", words=_status_words(ctx.lang))
        return
    action = _command_action(ctx, ref, "status")
    if action is None:
        return
    status = parse_status(word)
    if status is None:
        status = status_only(word)
    if status is None:
        if not _refused_update(ctx, action):
            ctx.tell("replies.status_unknown", word=word, words=_status_words(ctx.lang))
        return
    _record(ctx, action, Reading(status, "", None), ctx.event_row)


def _deadline_target(ctx: Ctx, args: str) -> tuple[str, str] | None:
    """(reference, phrase) when ``args`` starts with an action, None when it is all a phrase.

    "deadline 15 maart" reads as a date, not as action 15: a bare number is an action only
    when the whole text is not a readable deadline. "#15 maart" is always action 15.
    """
    ref, phrase = _split(args)
    if not phrase or not any(c.isdigit() for c in ref):
        return None
    if is_digits(ref):
        try:
            parse_deadline(args, ctx.today)
        except DeadlineError:
            return ref, phrase
        return None
    if ref.startswith("#"):
        return ref, phrase
    # A word like "Q2" in "Q2 2027" is an action only when one has that key.
    return (ref, phrase) if _matches(ctx, ref, _programme_ids(ctx)) else None


def deadline_command(ctx: Ctx, args: str) -> None:
    """deadline <n> <phrase>: the sponsor or director sets it, an owner proposes it.

    Without an action, "deadline <phrase>" explains how the phrase is read.
    """
    if not args.strip():
        ctx.tell("replies.deadline_usage")
        return
    target = _deadline_target(ctx, args)
    if target is None:
        ctx.say(deadline_text(args.strip(), ctx.today, ctx.lang))
        return
    action = _command_action(ctx, target[0], "deadline")
    if action is None:
        return
    deciding = may_decide(ctx.session, ctx.person, action) is None
    if not deciding and _refused_update(ctx, action):
        return
    deadline = _read_deadline(ctx, action, target[1])
    if deadline is None:
        return
    if deciding:
        ctx.say(_move_deadline(ctx, action, deadline, ctx.event_row))
        return
    proposal = propose_deadline(ctx.session, action, ctx.person, ctx.now, deadline)
    line, buttons = _offer_proposal(ctx, action, proposal, "")
    ctx.say(Message(line, buttons=buttons))


def _read_deadline(ctx: Ctx, action: Action, phrase: str) -> Deadline | None:
    """The phrase as a new deadline for ``action``; otherwise answer why not and return None."""
    error = _deadline_error(ctx, action, phrase)
    if isinstance(error, str):
        ctx.say(error)
        return None
    return error


def read_new_deadline(action: Action, phrase: str, today: date, lang: str) -> Deadline | str:
    """A new deadline for ``action`` read from ``phrase``, or why it cannot be one."""
    try:
        deadline = parse_deadline(phrase, today)
    except DeadlineError as err:
        return err.message(lang)
    if deadline.due < today:
        return t("replies.deadline_past", lang, deadline=_new_deadline(deadline, lang))
    if deadline.due == action.due and fold(deadline.text) == fold(action.deadline_text):
        return t(
            "replies.deadline_same",
            lang,
            number=action.number,
            title=action.title,
            deadline=_current_deadline(action, lang),
        )
    return deadline


def _deadline_error(ctx: Ctx, action: Action, phrase: str) -> Deadline | str:
    return read_new_deadline(action, phrase, ctx.today, ctx.lang)


def _move_deadline(ctx: Ctx, action: Action, deadline: Deadline, event_row: int | None) -> str:
    """Set the deadline (the sponsor or director decides); the line that says so."""
    old = _current_deadline(action, ctx.lang)
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
        new=_new_deadline(deadline, ctx.lang),
        old=old,
    )


def edit_command(ctx: Ctx, args: str) -> None:
    """wijzig/correctie/edit <tekst>: reword one's own last update, keeping the old wording.

    Status words in the new text change the status; a correction that is only a status word
    keeps the text and changes the status.
    """
    text = args.strip()
    if not text:
        ctx.tell("replies.edit_usage")
        return
    last = last_update_by(ctx.session, ctx.person.id)
    if last is None:
        ctx.tell("replies.edit_nothing")
        return
    action = last.action
    if _refused_update(ctx, action):
        return
    only = status_only(text)
    new_text, status = (last.text, only) if only is not None else (text, status_in(text))
    if not edit_update(ctx.session, last, ctx.now, text=new_text, status=status):
        ctx.tell("replies.edit_unchanged", number=action.number, title=action.title)
        return
    what = _what(last.status, last.text, ctx.lang)
    ctx.tell("replies.edited", number=action.number, title=action.title, what=what)


def undo_command(ctx: Ctx, args: str) -> None:
    """ongedaan/undo: withdraw one's own last update if it was recorded at most UNDO_WINDOW
    ago. It stays in the action's history as withdrawn, and leaves every current view."""
    last = last_update_by(ctx.session, ctx.person.id)
    if last is None:
        ctx.tell("replies.undo_nothing")
        return
    action = last.action
    # Measured from when it was recorded, by this event's clock; an update from a clock
    # that stood later (a simulated one) is not undone "before" it was made either.
    age = ctx.now - last.created_at
    if age > UNDO_WINDOW or age < -UNDO_WINDOW:
        ctx.tell(
            "replies.undo_too_late",
            number=action.number,
            when=moment(last.created_at, ctx.zone, ctx.lang),
            minutes=_minutes(),
        )
        return
    if _refused_update(ctx, action):
        return
    try:
        restored = withdraw_update(ctx.session, last, ctx.person, ctx.now)
    except AlreadyWithdrawnError:
        ctx.tell("replies.undo_already", number=action.number, title=action.title)
        return
    lines = [t("replies.undone", ctx.lang, number=action.number, title=action.title)]
    if restored is not None:
        lines.append(t("replies.undone_status", ctx.lang, status=_status_name(restored, ctx.lang)))
    ctx.say("\n".join(lines))


# --- Buttons ------------------------------------------------------------------------------------


def on_button(ctx: Ctx, action: str, value: str) -> None:
    """A button on one of the bot's messages: status, pick, form or proposal."""
    if action == "status":
        _status_button(ctx, value)
    elif action == "pick":
        _pick(ctx, value)
    elif action == "form":
        _form_button(ctx, value)
    elif action == "proposal":
        _decide(ctx, value)
    else:
        ctx.tell("replies.button_unknown")


def _action_by_id(ctx: Ctx, text: str) -> Action | None:
    """The action a button or form names by id; answers when it is gone or garbled."""
    number = row_number(text)
    found = None if number is None else action_by_id(ctx.session, number)
    if found is None:
        ctx.tell("replies.action_gone" if is_digits(text) else "replies.button_unknown")
    return found


def _status_button(ctx: Ctx, value: str) -> None:
    parsed = _ids(value)
    status = None if parsed is None else _status_value(parsed[1])
    if parsed is None or status is None:
        ctx.tell("replies.button_unknown")
        return
    action = _action_by_id(ctx, str(parsed[0]))
    if action is not None:
        _record(ctx, action, Reading(status, "", None), ctx.event_row)


def _status_value(value: str) -> Status | None:
    try:
        return Status(value)
    except ValueError:
        return None


def _pick(ctx: Ctx, value: str) -> None:
    """The person chose the action for an earlier reply: record that reply, once."""
    parsed = _ids(value)
    if parsed is None or not is_digits(parsed[1]):
        ctx.tell("replies.button_unknown")
        return
    original = inbound_event(ctx.session, parsed[0])
    if original is None or original.person_id != ctx.person.id:
        ctx.tell("replies.pick_stale")
        return
    action = _action_by_id(ctx, parsed[1])
    if action is None:
        return
    text = str(original.payload.get("text", ""))
    refs = references(text)
    if refs and _matches(ctx, refs[0].text, [action.programme_id]) == [action]:
        text = without_reference(text, refs[0])
    row = _record_text(ctx, action, text, original.id)
    if row is not None and ctx.about is not None:
        picked = t("replies.picked", ctx.lang, number=action.number, title=action.title)
        ctx.out.send(ctx.key("picked"), Replace(ctx.about), Message(picked))


# --- The update form ----------------------------------------------------------------------------


def _update_form(
    action: Action, lang: str, values: dict[str, str] | None = None, *, errors: dict[str, str]
) -> Form:
    given = {} if values is None else values
    choices = (
        *(Choice(s.value, _status_name(s, lang)) for s in FORM_STATUSES),
        Choice(UNCHANGED, t("replies.form_unchanged", lang)),
    )
    return Form(
        id="update",
        title=t("replies.form_title", lang, number=action.number),
        submit=t("replies.form_submit", lang),
        context=str(action.id),
        inputs=(
            Input(
                "status",
                t("replies.form_status", lang),
                InputKind.CHOICE,
                initial=given.get("status", UNCHANGED),
                choices=choices,
                error=errors.get("status", ""),
            ),
            Input(
                "text",
                t("replies.form_text", lang),
                InputKind.LONG_TEXT,
                initial=given.get("text", ""),
                error=errors.get("text", ""),
            ),
            Input(
                "deadline",
                t("replies.form_deadline", lang),
                InputKind.TEXT,
                initial=given.get("deadline", ""),
                hint=t("replies.form_deadline_hint", lang),
                error=errors.get("deadline", ""),
            ),
        ),
    )


def _form_message(
    ctx: Ctx, action: Action, values: dict[str, str] | None = None, **errors: str
) -> None:
    intro = t("replies.form_intro", ctx.lang, number=action.number, title=action.title)
    lines = [intro, *errors.values()]
    form = _update_form(action, ctx.lang, values, errors=errors)
    ctx.say(Message("\n".join(lines), form=form))


def _form_button(ctx: Ctx, value: str) -> None:
    action = _action_by_id(ctx, value)
    if action is not None and not _refused_update(ctx, action):
        _form_message(ctx, action)


def on_form(ctx: Ctx, form: str, context: str, values: dict[str, str]) -> None:
    """The update form submitted: status, text and an optional new deadline.

    An unreadable deadline sends the form back with the reason at that input, recording
    nothing. The sponsor or director sets a deadline given here; an owner proposes it.
    """
    if form != "update":
        ctx.tell("replies.form_unknown")
        return
    action = _action_by_id(ctx, context)
    if action is None or _refused_update(ctx, action):
        return
    problems = form_problems(action, values, ctx.today, ctx.lang)
    if problems:
        _form_message(ctx, action, values, **problems)
        return
    choice = values.get("status", UNCHANGED).strip()
    status = None if choice in ("", UNCHANGED) else _status_value(choice)
    phrase = values.get("deadline", "").strip()
    read = _deadline_error(ctx, action, phrase) if phrase else None
    deadline = read if isinstance(read, Deadline) else None
    _record_form(ctx, action, status, values.get("text", "").strip(), deadline)


def form_problems(
    action: Action, values: Mapping[str, str], today: date, lang: str
) -> dict[str, str]:
    """What is wrong with a submitted update form, per input: an unknown status, an unreadable
    deadline, or nothing filled in. Platforms that check a form before closing it (a Slack
    modal) show these at the inputs; otherwise the form comes back with them."""
    problems: dict[str, str] = {}
    choice = values.get("status", UNCHANGED).strip()
    if choice not in ("", UNCHANGED) and _status_value(choice) is None:
        problems["status"] = t("replies.form_bad_status", lang)
    phrase = values.get("deadline", "").strip()
    if phrase:
        read = read_new_deadline(action, phrase, today, lang)
        if isinstance(read, str):
            problems["deadline"] = read
    empty = choice in ("", UNCHANGED) and not values.get("text", "").strip() and not phrase
    if empty:
        problems["text"] = t("replies.form_empty", lang)
    return problems


def update_form(
    session: Session, person: Person, action_id: str, today: date, lang: str
) -> Form | None:
    """The update form for the action ``action_id`` names, when ``person`` may report on it.

    For platforms that open a form at once (a Slack modal); None when there is none to open,
    and the button then goes the usual way, which answers why.
    """
    number = row_number(action_id)
    action = None if number is None else action_by_id(session, number)
    if action is None or may_update(session, person, action, today) is not None:
        return None
    return _update_form(action, lang, errors={})


def refused_form(
    action: Action, values: Mapping[str, str], errors: Mapping[str, str], lang: str
) -> Form:
    """The update form again, with what was filled in and why it was refused, per input: for
    platforms that show a form's errors in place (a Teams card)."""
    return _update_form(action, lang, dict(values), errors=dict(errors))


def _record_form(
    ctx: Ctx, action: Action, status: Status | None, text: str, deadline: Deadline | None
) -> None:
    earlier = update_for_event(ctx.session, ctx.event_row)
    if earlier is not None:
        ctx.tell(
            "replies.already_recorded", number=earlier.action.number, title=earlier.action.title
        )
        return
    lines: list[str] = []
    row: StatusUpdate | None = None
    if status is not None or text:
        row = record_update(
            ctx.session,
            action,
            ctx.person,
            ctx.now,
            source=ctx.event.platform,
            status=status,
            text=text,
            event_row=ctx.event_row,
        )
        lines.append(_recorded_line(action, row, ctx.lang))
    buttons: tuple[Button, ...] = ()
    if deadline is not None:
        if may_decide(ctx.session, ctx.person, action) is None:
            # One event, one update: the status update holds this event, the move none.
            event_row = None if row is not None else ctx.event_row
            lines.append(_move_deadline(ctx, action, deadline, event_row))
        else:
            proposal = propose_deadline(
                ctx.session,
                action,
                ctx.person,
                ctx.now,
                deadline,
                update_id=None if row is None else row.id,
            )
            line, buttons = _offer_proposal(ctx, action, proposal, text)
            lines.append(line)
    if row is not None:
        lines.append(t("replies.how_to_fix", ctx.lang, minutes=_minutes()))
    ctx.say(Message("\n".join(lines), buttons=buttons))
