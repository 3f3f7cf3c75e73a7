"""``voortgang set-aside``: what failed too often to be handled, and putting it back in line.

An event whose handling kept failing (bot.inbox) is set aside so the events behind it go on;
it is kept whole, with its attempts and last error. An operator lists them here, fixes what
made them fail (or finds it was the database, now back), and retries them: the clock
process's inbox worker takes them up within seconds, as if they had just come in.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from typing import IO, Final

from sqlalchemy.orm import Session

from bot.catalogue import t
from bot.register import Register
from bot.table import render_table
from config.settings import Settings
from storage.db import transaction
from storage.events import SetAside, retry_events, set_aside_events
from storage.people import person_by_identity

EVENT_ID: Final = re.compile(r"^e?([0-9]{1,18})$", re.IGNORECASE)
LISTED: Final = 1000  # set-aside events listed at most; there are never nearly so many


class OperateError(Exception):
    """A problem the operator can fix, already worded in their language."""


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    parser = sub.add_parser(
        "set-aside",
        help="list chat events set aside after failing, or put them back in line (--retry)",
    )
    parser.add_argument(
        "--retry",
        nargs="+",
        metavar="ID",
        help="put these set-aside events back in line (ids as listed: e12, or 12)",
    )
    parser.add_argument(
        "--retry-all", action="store_true", help="put every set-aside event back in line"
    )
    return parser


def event_ids(values: Sequence[str], lang: str) -> list[int]:
    ids = []
    for value in values:
        found = EVENT_ID.match(value.strip())
        if found is None:
            raise OperateError(t("operate.bad_id", lang, value=value))
        ids.append(int(found[1]))
    return ids


def set_aside(
    args: argparse.Namespace, settings: Settings, register: Register, out: IO[str]
) -> int:
    lang = settings.language
    if args.retry_all or args.retry:
        ids = None if args.retry_all else event_ids(args.retry, lang)
        with transaction(register.sessions) as session:
            waiting = None if ids is None else {e.id for e in set_aside_events(session, LISTED)}
            count = retry_events(session, ids)
        key = "operate.retried_one" if count == 1 else "operate.retried"
        print(t(key, lang, count=count), file=out)
        missing = [] if ids is None or waiting is None else sorted(set(ids) - waiting)
        if missing:
            listed = ", ".join(f"e{i}" for i in missing)
            print(t("operate.not_all_retried", lang, ids=listed), file=out)
        return 0
    with register.sessions() as session:
        events = set_aside_events(session, LISTED)
        names = {e.id: _who(session, e) for e in events}
    if not events:
        print(t("operate.none", lang), file=out)
        return 0
    columns = ("id", "from", "received", "tries", "what", "error")
    headers = [t(f"operate.col.{c}", lang) for c in columns]
    rows = [
        [
            f"e{e.id}",
            names[e.id],
            e.received_at.astimezone(settings.zone).strftime("%Y-%m-%d %H:%M"),
            str(e.attempts),
            e.what,
            _last_line(e.last_error),
        ]
        for e in events
    ]
    print(t("operate.listed", lang), file=out)
    print(render_table(headers, rows, [8, 36, 16, 6, 40, 80]), file=out)
    print(t("operate.how_to_retry", lang, example=f"e{events[0].id}"), file=out)
    return 0


def _last_line(error: str) -> str:
    # The exception's own line ("ValueError: ...") closes what was kept of it.
    lines = [line for line in error.strip().splitlines() if line.strip()]
    return lines[-1] if lines else "-"


def _who(session: Session, event: SetAside) -> str:
    person = person_by_identity(session, event.platform, event.user_id)
    where = f"{event.platform.value} {event.user_id}"
    return where if person is None else f"{person.name} ({where})"
