"""``voortgang set-aside``: what failed too often to be handled, and putting it back in line.

An event whose handling kept failing (bot.engine.handle) is set aside so the events behind it go on;
it is kept whole, with its attempts and last error. So is a job (a letter being made,
bot.engine.jobrunner) that failed three times. An operator lists them here, fixes what
made them fail (or finds it was the database, now back), and retries them: the clock
process's inbox worker takes them up within seconds, as if they had just come in.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import IO, Final

from sqlalchemy.orm import Session

from bot.cli.database import open_checked
from bot.cli.table import render_table
from bot.engine.opening import Register
from config.settings import Settings
from storage.db import transaction
from storage.inbox import SetAside, retry_events, set_aside_events
from storage.jobs import retry as retry_job
from storage.jobs import set_aside_jobs
from storage.models import Job
from storage.people import person_by_id, person_by_identity
from words.catalogue import t
from words.errors import VoortgangError

ID: Final = re.compile(r"^([ej]?)([0-9]{1,18})$", re.IGNORECASE)
LISTED: Final = 1000  # set-aside events listed at most; there are never nearly so many


class OperateError(VoortgangError):
    """A problem the operator can fix, already worded in their language."""


def cmd_set_aside(args: argparse.Namespace, settings: Settings, out: IO[str]) -> int:
    return set_aside(args, settings, open_checked(settings), out)


def parse_ids(values: Sequence[str], lang: str) -> tuple[list[int], list[int]]:
    """The event ids (e12, or 12) and job ids (j3) an operator named."""
    events: list[int] = []
    jobs: list[int] = []
    for value in values:
        found = ID.match(value.strip())
        if found is None:
            raise OperateError(t("operate.bad_id", lang, value=value))
        (jobs if found[1].lower() == "j" else events).append(int(found[2]))
    return events, jobs


def set_aside(
    args: argparse.Namespace, settings: Settings, register: Register, out: IO[str]
) -> int:
    lang = settings.language
    if args.retry_all or args.retry:
        return _retry(args, settings, register, out)
    with register.sessions() as session:
        events = set_aside_events(session, LISTED)
        jobs = set_aside_jobs(session)
        rows = [_event_row(session, e, settings) for e in events]
        rows += [_job_row(session, j, settings) for j in jobs]
    if not rows:
        print(t("operate.none", lang), file=out)
        return 0
    columns = ("id", "from", "received", "tries", "what", "error")
    headers = [t(f"operate.col.{c}", lang) for c in columns]
    print(t("operate.listed", lang), file=out)
    print(render_table(headers, rows, [8, 36, 16, 6, 40, 80]), file=out)
    print(t("operate.how_to_retry", lang, example=rows[0][0]), file=out)
    return 0


def _retry(args: argparse.Namespace, settings: Settings, register: Register, out: IO[str]) -> int:
    lang = settings.language
    named = None if args.retry_all else parse_ids(args.retry, lang)
    now = datetime.now(UTC)
    with transaction(register.sessions) as session:
        waiting_jobs = [j.id for j in set_aside_jobs(session)]
        if named is None:
            count = retry_events(session, None)
            missing: list[str] = []
            job_ids = waiting_jobs
        else:
            event_ids, job_ids = named
            waiting = {e.id for e in set_aside_events(session, LISTED)}
            count = retry_events(session, event_ids)
            missing = [f"e{i}" for i in sorted(set(event_ids) - waiting)]
            missing += [f"j{i}" for i in sorted(set(job_ids) - set(waiting_jobs))]
        count += sum(retry_job(session, job_id, now) for job_id in set(job_ids))
    print(t("operate.retried", lang, n=count), file=out)
    if missing:
        print(t("operate.not_all_retried", lang, ids=", ".join(missing)), file=out)
    return 0


def _event_row(session: Session, event: SetAside, settings: Settings) -> list[str]:
    return [
        f"e{event.id}",
        _who(session, event),
        event.received_at.astimezone(settings.zone).strftime("%Y-%m-%d %H:%M"),
        str(event.attempts),
        event.what,
        _last_line(event.last_error),
    ]


def _job_row(session: Session, job: Job, settings: Settings) -> list[str]:
    person = None if job.person_id is None else person_by_id(session, job.person_id)
    return [
        f"j{job.id}",
        "-" if person is None else person.name,
        job.created_at.astimezone(settings.zone).strftime("%Y-%m-%d %H:%M"),
        str(job.attempts),
        t("operate.job", settings.language, kind=job.kind),
        _last_line(job.error),
    ]


def _last_line(error: str) -> str:
    # The exception's own line ("ValueError: ...") closes what was kept of it.
    lines = [line for line in error.strip().splitlines() if line.strip()]
    return lines[-1] if lines else "-"


def _who(session: Session, event: SetAside) -> str:
    person = person_by_identity(session, event.platform, event.user_id)
    where = f"{event.platform.value} {event.user_id}"
    return where if person is None else f"{person.name} ({where})"
