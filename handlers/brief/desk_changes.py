"""The changes the letter's page makes: write a passage, ask the owners without news, make the
draft's documents, publish. Each checks the same rights as its chat command, changes through
the same code (handlers.brief.writing, the letter's jobs in handlers.brief.work), and writes
one audit row in the same transaction. A refusal changes nothing.

The long work (compiling and rendering, asking, freezing) is the job runner's, as in chat; the
job answers the person on their channel, and the page says it is being done until it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from handlers.brief import work as brief_jobs
from handlers.brief.asking import dates
from handlers.brief.chat import ANSWER_WITHIN
from handlers.brief.drafts import period_label
from handlers.brief.letter_desk import wording_target
from handlers.brief.writing import Recorded, record_passage
from handlers.handoff import Origin
from handlers.permissions import may_create, may_manage
from storage import audit
from storage.jobs import NewJob, queue
from storage.letter_passages import Place
from storage.letters import current_draft
from storage.models import PassageKind, Person, Programme, Theme
from words.catalogue import Language
from words.chat.outgoing import ToPerson
from words.periods.model import Period

# The longest text a passage takes: a programme file's letter paragraphs are held to the same.
LONGEST: Final = 20_000


@dataclass(frozen=True, slots=True)
class Who:
    """Who changes something, from where: for the permissions, the audit row, and the job's
    answer (on their own channel, in their language)."""

    person: Person
    lang: Language
    zone: ZoneInfo
    origin: audit.Origin
    via: str = "web"


@dataclass(frozen=True, slots=True)
class Outcome:
    """What came of a request: ``refused`` a catalogue key (nothing changed), else ``done``
    a short code the page turns into its notice ("opening", "asked", ...)."""

    done: str = ""
    refused: str = ""


def _audit(  # noqa: PLR0917 - the parts of one row
    session: Session,
    who: Who,
    programme: Programme,
    what: str,
    subject: str,
    detail: Mapping[str, Any],
    now: datetime,
) -> int:
    row = audit.record(
        session,
        at=now,
        origin=who.origin,
        person_id=who.person.id,
        actor=who.person.name,
        programme_id=programme.id,
        what=what,
        subject=subject,
        detail=detail,
        via=who.via,
    )
    return row.id


def _queue(  # noqa: PLR0917 - the job and who asked for it
    session: Session,
    who: Who,
    programme: Programme,
    kind: str,
    key: str,
    params: Mapping[str, Any],
    now: datetime,
) -> bool:
    """Queue the letter's job ``kind`` under ``key``, answered to ``who`` directly; False when
    that key was queued before (the same request again)."""
    origin = Origin(ToPerson(who.person.id), who.lang, who.zone)
    payload = {"origin": origin.to_json(), **params}
    job = NewJob(key, kind, programme.id, who.person.id, payload)
    return queue(session, job, now) is not None


def _detail(text: str, done: Recorded) -> dict[str, Any]:
    detail: dict[str, Any] = {"text": text}
    if done.before is not None:
        detail["replaces"] = {
            "text": done.before.text,
            "author": done.before.author,
            "written_at": done.before.written_at.isoformat(),
        }
    return detail


def _write(  # noqa: PLR0917 - where, what, who and when
    session: Session,
    who: Who,
    programme: Programme,
    period: Period,
    place: Place,
    text: str,
    subject: str,
    now: datetime,
) -> Outcome:
    text = text.strip()
    if len(text) > LONGEST:
        return Outcome(refused="web.brief.too_long")
    done = record_passage(session, programme.id, period, place, text, who.person.id, now)
    code = "written" if text else "reset"
    if done is None:
        return Outcome(done="unchanged")
    what = f"letter.{place.kind.value}"
    row = _audit(session, who, programme, what, subject, _detail(text, done), now)
    if done.refresh:  # the kept draft of this period is made again, quietly: the page shows it
        key = f"web:audit:{row}:{brief_jobs.CONCEPT}"
        _queue(
            session, who, programme, brief_jobs.CONCEPT, key, {**dates(period), "quiet": True}, now
        )
    return Outcome(done=code)


def _place(
    programme: Programme, period: Period, kind: PassageKind, theme_id: int | None = None
) -> Place:
    return Place(programme.id, kind, period.start, period.end, theme_id=theme_id)


def write_period_passage(  # noqa: PLR0917 - as _write
    session: Session,
    who: Who,
    programme: Programme,
    period: Period,
    kind: PassageKind,
    text: str,
    now: datetime,
) -> Outcome:
    """The period's opening or coordination paragraph ('brief opening', 'brief regie'):
    the director and programme support."""
    refused = may_manage(session, who.person, programme.id)
    if refused is not None:
        return Outcome(refused=refused)
    place = _place(programme, period, kind)
    return _write(session, who, programme, period, place, text, period_label(period), now)


def write_theme(  # noqa: PLR0917 - as _write
    session: Session,
    who: Who,
    programme: Programme,
    period: Period,
    theme: Theme,
    text: str,
    now: datetime,
) -> Outcome:
    """A theme's paragraph for the period ('brief thema'): its sponsor and the managers."""
    refused = may_create(session, who.person, theme)
    if refused is not None:
        return Outcome(refused=refused)
    place = _place(programme, period, PassageKind.THEME, theme.id)
    subject = f"{period_label(period)} {theme.key}"
    return _write(session, who, programme, period, place, text, subject, now)


def write_wording(  # noqa: PLR0917 - as _write
    session: Session,
    who: Who,
    programme: Programme,
    period: Period,
    action_key: str,
    text: str,
    now: datetime,
) -> Outcome:
    """How the action's newest update in the period reads in the letter ('brief
    formulering'): the theme's sponsor and the managers; the owner's words stay."""
    found = wording_target(session, who.person, programme, period, action_key)
    if isinstance(found, str):
        return Outcome(refused=found)
    action, update = found
    place = Place(programme.id, PassageKind.UPDATE, update_id=update.id)
    return _write(session, who, programme, period, place, text, action.key, now)


# -- the managers' buttons -------------------------------------------------------------------


def ask_owners(
    session: Session, who: Who, programme: Programme, period: Period, now: datetime
) -> Outcome:
    """Ask the owners whose update for the period is missing ('brief herinner', answer within
    a week): each owner once per period about each action, however often it is pressed."""
    refused = may_manage(session, who.person, programme.id)
    if refused is not None:
        return Outcome(refused=refused)
    today = now.astimezone(who.zone).date()
    label = period_label(period)
    params = {**dates(period), "answer_by": (today + ANSWER_WITHIN).isoformat(), "once": True}
    # Pressed twice on one day: one job. On another day the job asks only who was not asked.
    key = f"web:brief.remind:{programme.id}:{label}:{today.isoformat()}"
    if not _queue(session, who, programme, brief_jobs.REMIND, key, params, now):
        return Outcome(done="asking")
    _audit(session, who, programme, "letter.remind", label, {}, now)
    return Outcome(done="asking")


def make_draft(
    session: Session, who: Who, programme: Programme, period: Period, now: datetime
) -> Outcome:
    """Make (again) the draft of the period with its documents ('brief concept')."""
    refused = may_manage(session, who.person, programme.id)
    if refused is not None:
        return Outcome(refused=refused)
    label = period_label(period)
    row = _audit(session, who, programme, "letter.draft", label, {}, now)
    key = f"web:audit:{row}:{brief_jobs.CONCEPT}"
    _queue(session, who, programme, brief_jobs.CONCEPT, key, {**dates(period), "quiet": True}, now)
    return Outcome(done="drafting")


def publish(
    session: Session, who: Who, programme: Programme, draft_id: int, now: datetime
) -> Outcome:
    """Make draft ``draft_id`` the programme's next final brief ('brief definitief'); only
    while it is the programme's draft, and once however often it is asked."""
    refused = may_manage(session, who.person, programme.id)
    if refused is not None:
        return Outcome(refused=refused)
    draft = current_draft(session, programme.id)
    if draft is None or draft.id != draft_id:
        return Outcome(done="not_draft")
    key = f"web:brief.final:{draft.id}"
    if _queue(session, who, programme, brief_jobs.FINAL, key, {"draft": draft.id}, now):
        period = Period(draft.period_start, draft.period_end)
        detail = {"draft": draft.id, "revision": draft.revision}
        _audit(session, who, programme, "letter.publish", period_label(period), detail, now)
    return Outcome(done="publishing")
