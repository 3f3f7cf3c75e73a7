"""Work a handler hands to the job runner instead of doing it in the event's transaction.

A chat event is handled in one transaction (``bot.engine.handle``); compiling and rendering a letter
in it would hold that transaction, and with it every writer on SQLite, for seconds. So the
handler checks what it can answer at once (permissions, arguments) and queues a job with
``queue_job``; the runner (``bot.engine.jobrunner``) does the work in three steps it offers through
``Steps``: read a snapshot, work outside any transaction, write the result and its answers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from handlers.context import Ctx
from storage.jobs import Claimed, NewJob, queue
from words.catalogue import Language, language
from words.chat.outgoing import Destination, Outgoing, destination_from_json, destination_to_json

T = TypeVar("T")


class Steps(Protocol):
    """What a job's work may do with the database, given by the runner."""

    @property
    def now(self) -> datetime:
        """The moment the job started: one moment for all it reads and writes."""
        ...

    def read(self, work: Callable[[Session], T]) -> T:
        """Run ``work`` in one short read-only transaction that sees one snapshot."""
        ...

    def write(self, work: Callable[[Session, Outgoing], T]) -> T:
        """Run ``work`` in one short transaction that also marks the job done; at most once.

        What ``work`` sends goes through the outbox in that transaction, so the answers are
        stored with the result or not at all.
        """
        ...


Work = Callable[[Claimed, Steps], None]


@dataclass(frozen=True, slots=True)
class Origin:
    """Who asked for a job, and where and how to answer them: kept in the job's payload."""

    reply_to: Destination
    lang: Language
    zone: ZoneInfo

    def to_json(self) -> dict[str, Any]:
        return {
            "reply_to": destination_to_json(self.reply_to),
            "lang": self.lang,
            "zone": self.zone.key,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Origin:
        return cls(
            destination_from_json(data["reply_to"]), language(data["lang"]), ZoneInfo(data["zone"])
        )


def origin_of(job: Claimed) -> Origin:
    return Origin.from_json(job.payload["origin"])


def queue_job(
    ctx: Ctx, kind: str, programme_id: int, params: Mapping[str, Any], *, what: str = "job"
) -> str:
    """Queue ``kind`` for the person of ``ctx``; returns the job's key.

    The key is the event's next outbox key (``Ctx.key(what)``), so handling the event again
    queues nothing new, and the job's answers take keys derived from it: its main answer the
    very key, as if the handler had sent it.
    """
    key = ctx.key(what)
    origin = Origin(ctx.reply_to, ctx.lang, ctx.zone)
    payload = {"origin": origin.to_json(), **params}
    queue(ctx.session, NewJob(key, kind, programme_id, ctx.person.id, payload), ctx.now)
    return key
