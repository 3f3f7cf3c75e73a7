"""Chat events and jobs set aside after failing too often, made as the inbox worker and the
job runner set them aside, for the tests of what lists and retries them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.engine.opening import Register
from storage.db import transaction
from storage.inbox import MAX_EVENT_ATTEMPTS, record_failure, store_event
from storage.jobs import NewJob, claim, queue
from storage.jobs import set_aside as set_aside_job
from words.chat.inbound import MessageIn
from words.domain import Source

AT = datetime(2026, 11, 21, 9, tzinfo=UTC)


def set_aside_event(
    register: Register, text: str, user: str = "U05BOCE0011", at: datetime = AT
) -> int:
    """A Slack message (from Rob Jansen by default) whose handling failed every time."""
    with transaction(register.sessions) as session:
        event = MessageIn(
            platform=Source.SLACK, event_id=f"Ev-{text}", user_id=user, received_at=at, text=text
        )
        row_id, _ = store_event(session, event)
        for _ in range(MAX_EVENT_ATTEMPTS):
            record_failure(session, row_id, "Traceback ...\nValueError: a handler's bug", at)
    return row_id


def set_aside_a_job(
    register: Register, person_id: int | None, key: str = "Ev9", at: datetime = AT
) -> int:
    """A letter being made that failed three times."""
    with transaction(register.sessions) as session:
        queue(session, NewJob(f"in:slack:{key}:1:brief", "brief.draft", None, person_id, {}), at)
        [claimed] = claim(session, at, "runner", timedelta(minutes=15))
        set_aside_job(session, claimed.id, "runner", at, "RuntimeError: LibreOffice crashed")
    return claimed.id
