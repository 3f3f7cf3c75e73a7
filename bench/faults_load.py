"""Chat events for the fault bench, sent the way Slack sends them.

Each event is a signed direct message from a person who owns an open action: a status update
("update OW-03 loopt goed"), which the bot records and confirms. Events leave at a fixed rate
from an event loop in a thread of their own. Like Slack, the generator waits three seconds for
an answer, and sends a request not answered 200 again, with ``X-Slack-Retry-Num`` and
``X-Slack-Retry-Reason``; it does so every second until it is answered or given up. (Slack
itself retries three times, over minutes; faults here are shorter, so the retries come
sooner. How many events needed more than Slack's three retries is counted.)
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

import httpx2 as httpx
from slack_sdk.signature import SignatureVerifier

from bench.ack_load import TEXTS
from bot.slack.wiring import EVENTS_PATH
from tests.fake_slack import TEAM
from tests.slack_world import SECRET, payload

SLACK_WAITS: Final = 3.0  # seconds Slack waits for the acknowledgement
SLACK_RETRIES: Final = 3
RETRY_EVERY: Final = 1.0
GIVE_UP_AFTER: Final = 120.0  # seconds after the load stops: an event still unanswered then
NO_ANSWER: Final = 0


@dataclass(slots=True)
class Sent:
    """One event as the generator saw it: its deliveries and whether one was acknowledged."""

    event_id: str
    first_at: float  # wall clock
    statuses: list[int] = field(default_factory=list)  # of each delivery; 0: no answer
    acked_at: float | None = None

    @property
    def acked(self) -> bool:
        return self.acked_at is not None

    @property
    def retries(self) -> int:
        return max(0, len(self.statuses) - 1)


def dm_body(user: str, text: str, event_id: str) -> str:
    """A direct message to the bot as Slack's Events API delivers it."""
    template = payload("message_im")
    ts = f"{time.time():.6f}"
    event = {
        **template["event"],
        "user": user,
        "text": text,
        "channel": f"D{user}",
        "ts": ts,
        "event_ts": ts,
        "team": TEAM,
        "client_msg_id": event_id,
        "blocks": [],
    }
    body = {**template, "team_id": TEAM, "event": event, "event_id": event_id}
    body["event_time"] = int(float(ts))
    return json.dumps(body)


def signed(body: str, retry: int, reason: str) -> dict[str, str]:
    """Headers of one delivery: signed afresh, as Slack signs each one; a retry says so."""
    stamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": str(
            SignatureVerifier(SECRET).generate_signature(timestamp=stamp, body=body)
        ),
    }
    if retry:
        headers |= {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": reason}
    return headers


async def deliver(client: httpx.AsyncClient, body: str, retry: int, reason: str) -> int:
    """One delivery; the answer's status, 0 when there was none within Slack's wait."""
    try:
        answer = await client.post(
            EVENTS_PATH, content=body.encode(), headers=signed(body, retry, reason)
        )
    except httpx.TransportError:
        return NO_ANSWER
    return answer.status_code


class SlackLoad:
    """Status updates by DM at ``rate`` a second from ``owners`` (user id, action key), in
    turn, from ``start`` until ``stop``; ``sent`` has every event by its id."""

    def __init__(
        self, url: str, owners: Sequence[tuple[str, str]], *, rate: float, prefix: str
    ) -> None:
        self.url = url
        self.owners = list(owners)
        self.rate = rate
        self.prefix = prefix
        self.sent: dict[str, Sent] = {}
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="bench-load", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Send no new events; wait until every one sent was answered 200 or given up."""
        self._stopping.set()
        self._thread.join()

    def snapshot(self) -> list[Sent]:
        return list(self.sent.values())

    def _run(self) -> None:
        asyncio.run(self._send_all())

    async def _send_all(self) -> None:
        limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
        client = httpx.AsyncClient(base_url=self.url, limits=limits, timeout=SLACK_WAITS)
        async with client:
            tasks = []
            begin = time.monotonic()
            number = 0
            while not self._stopping.is_set():
                due = begin + number / self.rate
                ahead = due - time.monotonic()
                if ahead > 0:
                    await asyncio.sleep(min(ahead, 0.1))
                    continue
                tasks.append(asyncio.create_task(self._event(client, number)))
                number += 1
            give_up = time.monotonic() + GIVE_UP_AFTER
            await asyncio.gather(*(self._until(task, give_up) for task in tasks))

    async def _until(self, task: asyncio.Task[None], deadline: float) -> None:
        # Never acknowledged when it times out: the row counts it so.
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(task, max(0.0, deadline - time.monotonic()))

    async def _event(self, client: httpx.AsyncClient, number: int) -> None:
        user, action = self.owners[number % len(self.owners)]
        event_id = f"Ev{self.prefix}{number:06d}"
        text = f"update {action} {TEXTS[number % len(TEXTS)]}"
        body = dm_body(user, text, event_id)
        sent = Sent(event_id, time.time())
        self.sent[event_id] = sent
        reason = ""
        while True:
            status = await deliver(client, body, len(sent.statuses), reason)
            sent.statuses.append(status)
            if status == 200:
                sent.acked_at = time.time()
                return
            reason = "http_timeout" if status == NO_ANSWER else "http_error"
            await asyncio.sleep(RETRY_EVERY)


def deliver_times(url: str, body: str, times: int, *, together: bool) -> list[int]:
    """Deliver ``body`` ``times`` times, the later ones as Slack's retries 1, 2, 3...: all at
    the same moment, or one after the other."""

    async def run() -> list[int]:
        async with httpx.AsyncClient(base_url=url, timeout=SLACK_WAITS) as client:
            if together:
                sends = [deliver(client, body, n, "http_timeout") for n in range(times)]
                return list(await asyncio.gather(*sends))
            return [await deliver(client, body, n, "http_timeout") for n in range(times)]

    return asyncio.run(run())


def statuses_of(sent: Sequence[Sent]) -> Mapping[int, int]:
    """How often each answer came, over every delivery."""
    found: dict[int, int] = {}
    for one in sent:
        for status in one.statuses:
            found[status] = found.get(status, 0) + 1
    return found


def describe(sent: Sequence[Sent]) -> dict[str, Any]:
    """What the load generator saw, for the row's note."""
    return {
        "unacknowledged": sum(1 for s in sent if not s.acked),
        "retried": sum(1 for s in sent if s.retries),
        "beyond_slack": sum(1 for s in sent if s.retries > SLACK_RETRIES),
        "statuses": dict(sorted(statuses_of(sent).items())),
    }
