"""The voortgangsbrief's long work, done by the job runner for 'brief concept', 'brief
herinner' and 'brief definitief' (handlers.brief.chat queues it).

Each kind reads the letter's data in one snapshot, compiles and renders the letter without the
database, and then, in one short transaction, keeps the result and queues the answer: the
draft or final brief with its documents, the pings 'brief herinner' plans, and the file or
text for the person who asked. The main answer's outbox key is the job's key, so a job run
twice answers once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Final

from sqlalchemy.orm import Session

from handlers.brief.drafts import (
    MIME,
    Compiled,
    LetterSource,
    compile_source,
    differs_from_final,
    file_name_of,
    read_letter,
    rendered,
)
from handlers.brief.render_port import Render
from handlers.checkins.cycle import dispatch, route
from handlers.checkins.schedule import ProgrammeSchedule
from handlers.handoff import Origin, Steps, origin_of
from storage.jobs import Claimed
from storage.letter_asks import asks_of
from storage.letters import (
    NewDraft,
    brief_by_id,
    current_draft,
    finalize,
    lock_draft,
    save_draft,
    set_input_deadline,
    used_updates,
)
from storage.models import Brief, Programme
from storage.ping_planning import NewPing, plan_pings
from storage.summaries import programme_by_id, programme_members
from words.catalogue import Language, language, t
from words.chat.messages import File, Message
from words.chat.outgoing import Outgoing, ToPerson
from words.dates import long_date, moment, period_name
from words.domain import PingRule, Role
from words.periods.model import Period

CONCEPT: Final = "brief.concept"
REMIND: Final = "brief.remind"
FINAL: Final = "brief.final"
# What the person who asked is told when a job of these kinds was set aside.
APOLOGY: Final = "letters.job_failed"

PREVIEW_MISSING: Final = 10  # actions listed by name in the preview; the rest are counted


def _programme(session: Session, job: Claimed) -> Programme:
    programme = None if job.programme_id is None else programme_by_id(session, job.programme_id)
    if programme is None:  # removed since the job was queued (its jobs go with it)
        raise LookupError(f"job {job.id}: programme {job.programme_id} not found")
    return programme


def period_of(job: Claimed) -> Period:
    return Period(date.fromisoformat(job.payload["start"]), date.fromisoformat(job.payload["end"]))


def _file(source: LetterSource, brief: Brief, new: NewDraft, comment: str) -> File:
    name = file_name_of(
        source.programme_key, brief.period_label, brief.number, "docx", brief.language
    )
    return File(name, MIME["docx"], new.documents["docx"], comment)


# -- brief concept ---------------------------------------------------------------------------


def concept(job: Claimed, steps: Steps, render: Render) -> None:
    """Compile the draft of the job's period, keep it and hand it over as a Word file."""
    now, origin = steps.now, origin_of(job)
    source = steps.read(lambda s: read_letter(s, _programme(s, job), period_of(job), now))
    compiled = compile_source(source, draft=True, record=differs_from_final(source))
    new = rendered(source.programme_id, compiled, source.templates, job.person_id, render)

    def keep(session: Session, out: Outgoing) -> None:
        current_draft(session, source.programme_id, lock=True)
        brief = save_draft(session, new, now)
        if job.payload.get("quiet", False):
            return  # asked on the letter's page, which shows it: no file in chat as well
        comment = preview(origin.lang, source.programme_name, brief, compiled)
        out.send_file(job.key, origin.reply_to, _file(source, brief, new, comment))

    steps.write(keep)


def preview(lang: Language, programme_name: str, brief: Brief, compiled: Compiled) -> str:
    letter, data = compiled.letter, compiled.data
    reported = len({u.action_id for u in data.updates})
    lines = [
        t(
            "letters.draft_heading",
            lang,
            programme=programme_name,
            period=period_name(brief.period_start, brief.period_end, lang),
            revision=brief.revision,
        ),
        t(
            "letters.draft_counts_one" if len(data.updates) == 1 else "letters.draft_counts",
            lang,
            updates=len(data.updates),
            reported=reported,
            total=len(data.actions),
        ),
    ]
    lines += [
        t(
            "letters.theme_written" if s.written else "letters.theme_unwritten",
            lang,
            number=s.number,
            name=s.name,
        )
        for s in letter.sections
    ]
    lines += _missing_lines(lang, compiled)
    lines.append(t("letters.draft_next", lang))
    return "\n".join(lines)


def _missing_lines(lang: Language, compiled: Compiled) -> list[str]:
    missing = compiled.missing
    if not missing:
        return [t("letters.none_missing", lang)]
    lines = [t("letters.missing", lang, n=len(missing))]
    for action in missing[:PREVIEW_MISSING]:
        owners = ", ".join(action.owners) if action.owners else t("brief.no_owner", lang)
        lines.append(f"• {action.key} {action.title} ({owners})")
    if len(missing) > PREVIEW_MISSING:
        lines.append(t("letters.missing_more", lang, count=len(missing) - PREVIEW_MISSING))
    return lines


# -- brief herinner --------------------------------------------------------------------------


def remind(job: Claimed, steps: Steps, render: Render) -> None:
    """Ask exactly the owners whose update for the draft's period is missing; without a
    draft, make one of the job's period first."""
    now, origin = steps.now, origin_of(job)
    answer_by = date.fromisoformat(job.payload["answer_by"])

    def read(session: Session) -> tuple[int | None, LetterSource]:
        programme = _programme(session, job)
        draft = current_draft(session, programme.id)
        if draft is None:
            return None, read_letter(session, programme, period_of(job), now)
        period = Period(draft.period_start, draft.period_end)
        return draft.id, read_letter(session, programme, period, now)

    draft_id, source = steps.read(read)
    compiled = compile_source(source, draft=True)
    new = None
    if draft_id is None:
        new = rendered(source.programme_id, compiled, source.templates, job.person_id, render)

    def ask(session: Session, out: Outgoing) -> None:
        if new is None:
            brief = None if draft_id is None else brief_by_id(session, draft_id)
            if brief is None:  # briefs go only with their programme
                raise LookupError(f"job {job.id}: brief {draft_id} not found")
        else:
            current_draft(session, source.programme_id, lock=True)
            brief = save_draft(session, new, now)
        if not compiled.missing:
            set_input_deadline(session, brief, answer_by)
            out.send(job.key, origin.reply_to, Message(t("letters.none_missing", origin.lang)))
            return
        programme = _programme(session, job)
        pings = _brief_pings(session, programme, compiled, brief=brief, now=now, origin=origin)
        if job.payload.get("once", False):
            pings = _not_asked_before(session, brief, pings)
            if not pings:
                set_input_deadline(session, brief, answer_by)
                text = t("web.brief.asked_before", origin.lang)
                out.send(job.key, origin.reply_to, Message(text))
                return
        by = _after_sending(programme, pings, answer_by, origin)
        set_input_deadline(session, brief, by)  # before the questions go, which name it
        planned = plan_pings(session, pings, now)
        dispatch(session, now, out)  # now, not at the clock's next tick
        text = _remind_answer(origin, compiled, pings, planned, by, now)
        out.send(job.key, origin.reply_to, Message(text))

    steps.write(ask)


def _not_asked_before(session: Session, brief: Brief, pings: Sequence[NewPing]) -> list[NewPing]:
    """The letter's page asks each owner about each missing update once per period: the pings
    of owners asked before (in chat or on the page) go, and the rest are keyed per period, not
    per day, so a second press, or two at once, plans none of them again."""
    asked = {(a.action_id, a.owner_id) for a in asks_of(session, brief)}
    period = f"{brief.period_start.isoformat()}..{brief.period_end.isoformat()}"
    return [
        replace(p, key=f"brief:{brief.id}:{period}:{p.action_id}:{p.owner_id}")
        for p in pings
        if (p.action_id, p.owner_id) not in asked
    ]


def _after_sending(
    programme: Programme, pings: Sequence[NewPing], answer_by: date, origin: Origin
) -> date:
    """The day to answer by, on a working day after the questions go out: asked on a Sunday,
    they wait for Monday (the scheduler's own rule), and a Sunday is no day to answer by."""
    if not pings:
        return answer_by
    calendar = ProgrammeSchedule(programme).calendar
    sent = min(p.due_at for p in pings).astimezone(origin.zone).date()
    return calendar.next_working_day(max(answer_by, sent + timedelta(days=1)))


def _brief_pings(
    session: Session,
    programme: Programme,
    compiled: Compiled,
    *,
    brief: Brief,
    now: datetime,
    origin: Origin,
) -> list[NewPing]:
    # Deputies answer for absent owners, and nobody is asked at the weekend or on a holiday,
    # as with every ping. Keyed per brief, action, owner and day: asking twice asks once.
    today = now.astimezone(origin.zone).date()
    owners = {owner for action in compiled.missing for owner in action.owner_ids}
    routes = route(session, programme, owners, now)
    return [
        NewPing(
            key=f"brief:{brief.id}:{action.id}:{owner_id}:{today.isoformat()}",
            programme_id=brief.programme_id,
            action_id=action.id,
            owner_id=owner_id,
            recipient_id=routes[owner_id][0],
            rule=PingRule.BRIEF,
            occurrence=now,
            due_at=routes[owner_id][1],
            brief_id=brief.id,
        )
        for action in compiled.missing
        for owner_id in action.owner_ids
    ]


def _remind_answer(  # noqa: PLR0917 - the parts of one sentence
    origin: Origin,
    compiled: Compiled,
    pings: Sequence[NewPing],
    planned: int,
    answer_by: date,
    now: datetime,
) -> str:
    lang = origin.lang
    names = {
        owner: name
        for action in compiled.missing
        for owner, name in zip(action.owner_ids, action.owners, strict=True)
    }
    asked = sorted({names[p.owner_id] for p in pings})
    later = sorted({p.due_at for p in pings if p.due_at > now})
    # When none could go out now (a weekend, a holiday), say so and when they do go out.
    waiting = bool(pings) and len([p for p in pings if p.due_at > now]) == len(pings)
    extra = {"moment": moment(later[0], origin.zone, lang)} if waiting else {}
    # "3 trekkers … over 5 acties" as a sentence; "trekkers: 3; acties: 5" as a list.
    counts = (
        {"people": len(asked), "actions": len(compiled.missing)}
        if waiting
        else {
            "people": t("letters.owners_n", lang, n=len(asked)),
            "actions": t("letters.actions_n", lang, n=len(compiled.missing)),
        }
    )
    lines = [
        t(
            "letters.reminding_later" if waiting else "letters.reminded",
            lang,
            **extra,
            **counts,
            date=long_date(answer_by, lang),
            names=", ".join(asked) if asked else "-",
        )
    ]
    orphans = [a for a in compiled.missing if not a.owner_ids]
    if orphans:
        keys = ", ".join(a.key for a in orphans)
        lines.append(t("letters.no_owner", lang, actions=keys))
    if planned < len(pings):
        lines.append(t("letters.asked_today", lang, n=len(pings) - planned))
    if later and not waiting:
        first = moment(later[0], origin.zone, lang)
        count = sum(1 for p in pings if p.due_at > now)
        lines.append(t("letters.asked_later", lang, n=count, moment=first))
    return "\n".join(lines)


# -- brief definitief ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Draft:
    source: LetterSource
    reviewed: frozenset[int]  # the updates of the draft the director saw
    created_by_id: int | None


def final(job: Claimed, steps: Steps, render: Render) -> None:
    """Freeze the job's draft as the programme's next numbered brief, compiled from the
    updates now; a draft made final meanwhile (asked twice) is frozen once."""
    now, origin = steps.now, origin_of(job)
    draft_id = int(job.payload["draft"])

    def read(session: Session) -> _Draft | None:
        draft = brief_by_id(session, draft_id)
        if draft is None or draft.number is not None:
            return None
        period = Period(draft.period_start, draft.period_end)
        source = read_letter(session, _programme(session, job), period, now)
        return _Draft(source, frozenset(used_updates(session, draft_id)), draft.created_by_id)

    found = steps.read(read)
    if found is None:
        steps.write(lambda session, out: _already_final(session, out, job, origin, draft_id))
        return
    compiled = compile_source(found.source, draft=False, numbered=True)
    new = rendered(
        found.source.programme_id, compiled, found.source.templates, found.created_by_id, render
    )

    def freeze(session: Session, out: Outgoing) -> None:
        # The check that counts: in this transaction, with the draft locked. Two requests
        # may both have read a draft; only the first to get here freezes it.
        if lock_draft(session, draft_id) is None:
            _already_final(session, out, job, origin, draft_id)
            return
        brief = finalize(session, save_draft(session, new, now), now)
        comment = _final_answer(origin.lang, brief, compiled, found.reviewed)
        out.send_file(job.key, origin.reply_to, _file(found.source, brief, new, comment))
        _to_readers(session, out, key=job.key, source=found.source, brief=brief, new=new)

    steps.write(freeze)


def _to_readers(
    session: Session,
    out: Outgoing,
    *,
    key: str,
    source: LetterSource,
    brief: Brief,
    new: NewDraft,
) -> None:
    """The published letter to the programme's readers (griffiers, council members), on
    their channel: by mail for most of them, the document attached (a tagged PDF where
    LibreOffice made one)."""
    fmt = "pdf" if "pdf" in new.documents else "docx"
    name = file_name_of(source.programme_key, brief.period_label, brief.number, fmt, brief.language)
    for member in programme_members(session, source.programme_id):
        if member.role is not Role.READER:
            continue
        lang = language(member.person.language) if member.person.language else brief.language
        period = period_name(brief.period_start, brief.period_end, lang)
        note = t(
            "letters.published",
            language(lang),
            number=brief.number,
            period=period,
            programme=source.programme_name,
        )
        document = File(name, MIME[fmt], new.documents[fmt], note)
        out.send_file(f"{key}:reader:{member.person_id}", ToPerson(member.person_id), document)


def _already_final(
    session: Session, out: Outgoing, job: Claimed, origin: Origin, draft_id: int
) -> None:
    brief = brief_by_id(session, draft_id)
    if brief is None or brief.number is None:
        text = t("letters.no_draft", origin.lang)
    else:
        text = t("letters.already_final", origin.lang, number=brief.number)
    out.send(job.key, origin.reply_to, Message(text))


def _final_answer(
    lang: Language, brief: Brief, compiled: Compiled, reviewed: frozenset[int]
) -> str:
    newer = len(set(compiled.letter.update_ids) - reviewed)
    lines = [
        t(
            "letters.final",
            lang,
            number=brief.number,
            period=period_name(brief.period_start, brief.period_end, lang),
            updates=_updates(len(compiled.letter.update_ids), lang),
        )
    ]
    if newer:
        lines.append(t("letters.final_newer", lang, count=_updates(newer, lang)))
    if compiled.missing:
        lines.append(t("letters.final_missing", lang, n=len(compiled.missing)))
    lines.append(t("letters.final_fetch", lang, number=brief.number))
    return "\n".join(lines)


def _updates(count: int, lang: Language) -> str:
    """'1 update' or '3 updates'."""
    key = "letters.updates_one" if count == 1 else "letters.updates_many"
    return t(key, lang, count=count)
