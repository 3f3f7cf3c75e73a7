"""The load of bench.ack: the status replies sent, sending them on schedule, what came back.

    .venv/bin/python -m bench.ack_load URL --rate 200 --seconds 10 --warmup 1 < spec.json

``bench.ack`` runs this as a process of its own for each server's turn, with the turn's
``LoadSpec`` on stdin, and reads the samples it prints. It imports little (no web framework,
no chat SDK, no database), so it starts in a moment and leaves the cores to the server.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import sys
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any, Final, Literal
from zoneinfo import ZoneInfo

import httpx2 as httpx
from slack_sdk.signature import SignatureVerifier

TEXTS: Final = (
    "loopt goed",
    "loopt goed, de stukken liggen bij de jurist",
    "loopt goed, overleg met de gemeenten gepland",
)
# Enough for 200 requests a second answered within 300 ms. Not more: the client's pool looks
# at every open connection for each request, and with hundreds open (as a stalled server
# makes it open) the load generator, not the server, became the bottleneck.
CONNECTIONS: Final = 64
TIMEOUT: Final = 30.0  # seconds: a slow answer is a measurement, not an error
NO_ANSWER: Final = 0  # the status recorded when the request got no HTTP answer at all
SLACK_WAITS_MS: Final = 3000.0  # Slack retries an event not acknowledged within 3 seconds
TEAMS_WAITS_MS: Final = 15000.0  # Teams gives up on a bot that has not answered in 15 seconds
AMSTERDAM: Final = ZoneInfo("Europe/Amsterdam")

PlatformName = Literal["slack", "teams"]
SLACK: Final[PlatformName] = "slack"
TEAMS: Final[PlatformName] = "teams"

# What one request is: the path, the body, the headers.
Outgoing = tuple[str, bytes, dict[str, str]]


@dataclass(frozen=True, slots=True)
class PingThread:
    """A ping as delivered to a person, which a reply answers: the conversation it is in (the
    Slack direct message channel, the Teams 1:1 chat), the message's id (the Slack ts, the
    Teams activity id) and the person's id on the platform (the Teams Entra object id)."""

    conversation: str
    message: str
    user: str


# -- Slack ----------------------------------------------------------------------------------


def status_reply(template: Mapping[str, Any], thread: PingThread, event_id: str, text: str) -> str:
    """A reply in the thread of a Slack ping, as Slack delivers it, with a fresh ts."""
    ts = f"{time.time():.6f}"
    event = {
        **template["event"],
        "user": thread.user,
        "text": text,
        "channel": thread.conversation,
        "thread_ts": thread.message,
        "ts": ts,
        "event_ts": ts,
        "client_msg_id": event_id,
    }
    body = {**template, "event": event, "event_id": event_id, "event_time": int(float(ts))}
    return json.dumps(body)


def replies(
    template: Mapping[str, Any], threads: Sequence[PingThread], prefix: str
) -> Callable[[int], str]:
    """The ``number``-th Slack reply: the pinged people in turn, each reply a new event."""

    def reply(number: int) -> str:
        thread = threads[number % len(threads)]
        text = TEXTS[number % len(TEXTS)]
        return status_reply(template, thread, f"Ev{prefix}{number:08d}", text)

    return reply


def slack_signed(path: str, body: Callable[[int], str], secret: str) -> Callable[[int], Outgoing]:
    """Each body signed with the signing secret when it is sent, as Slack signs its events."""
    verifier = SignatureVerifier(secret)

    def outgoing(number: int) -> Outgoing:
        content = body(number)
        stamp = str(int(time.time()))
        headers = {
            "Content-Type": "application/json",
            "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": str(verifier.generate_signature(timestamp=stamp, body=content)),
        }
        return path, content.encode(), headers

    return outgoing


# -- Teams ----------------------------------------------------------------------------------


def card_reply(
    template: Mapping[str, Any], thread: PingThread, activity_id: str, text: str, service_url: str
) -> str:
    """A reply to a Teams ping's card in the person's 1:1 chat, as Teams delivers it: the
    text as Teams writes it (HTML), a fresh activity id, and the time it was sent."""
    now = datetime.now(UTC)
    html = f"<p>{text}</p>"
    activity = {
        **template,
        "id": activity_id,
        "text": html,
        "attachments": [{"contentType": "text/html", "content": html}],
        "timestamp": now.isoformat(),
        "localTimestamp": now.astimezone(AMSTERDAM).isoformat(),
        "serviceUrl": service_url,
        "from": {"id": f"29:{thread.user}", "aadObjectId": thread.user},
        "conversation": {**template["conversation"], "id": thread.conversation},
        "replyToId": thread.message,
    }
    return json.dumps(activity)


def card_replies(
    template: Mapping[str, Any], threads: Sequence[PingThread], prefix: str, service_url: str
) -> Callable[[int], str]:
    """The ``number``-th Teams reply: the pinged people in turn, each reply a new activity."""

    def reply(number: int) -> str:
        thread = threads[number % len(threads)]
        text = TEXTS[number % len(TEXTS)]
        return card_reply(template, thread, f"{prefix}{number:08d}", text, service_url)

    return reply


def teams_signed(path: str, body: Callable[[int], str], token: str) -> Callable[[int], Outgoing]:
    """Each body with the Bot Framework's token, as Teams sends its activities: one token for
    many, since Teams reuses a token until it nears its end."""
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}

    def outgoing(number: int) -> Outgoing:
        return path, body(number).encode(), headers

    return outgoing


# -- one turn's load ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LoadSpec:
    """What the load generator sends in one turn: replies to ``threads``, made from
    ``template`` (a captured event or activity), posted to ``path``."""

    platform: PlatformName
    path: str
    template: dict[str, Any]
    threads: list[PingThread]
    prefix: str  # of the event or activity ids, so every turn's are new
    secret: str = ""  # Slack: the signing secret
    token: str = ""  # Teams: the Bot Framework's signed token
    service_url: str = ""  # Teams: where the activities come from, as the token says

    def outgoing(self) -> Callable[[int], Outgoing]:
        if self.platform == SLACK:
            body = replies(self.template, self.threads, self.prefix)
            return slack_signed(self.path, body, self.secret)
        body = card_replies(self.template, self.threads, self.prefix, self.service_url)
        return teams_signed(self.path, body, self.token)

    def dumps(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def loads(cls, text: str) -> LoadSpec:
        found = json.loads(text)
        threads = [PingThread(**thread) for thread in found.pop("threads")]
        return cls(threads=threads, **found)


@dataclass(frozen=True, slots=True)
class Sample:
    """One request: when it was due, when it left, when its answer came, and the status."""

    due: float
    started: float
    answered: float
    status: int

    @property
    def latency_ms(self) -> float:
        return (self.answered - self.started) * 1000


@dataclass(frozen=True, slots=True)
class Load:
    """What one server did: the measured requests, and the warm-up's only for their status."""

    name: str
    samples: list[Sample]
    warmup: list[Sample]
    gc_pauses: list[float]  # seconds, the full collections during the run
    stores: list[float] = field(default_factory=list)  # ms storing each event, in the server
    waits_ms: float = SLACK_WAITS_MS  # how long the platform waits for the answer

    @property
    def sent(self) -> int:
        return len(self.warmup) + len(self.samples)

    @property
    def statuses(self) -> Counter[int]:
        return Counter(s.status for s in [*self.warmup, *self.samples])

    @property
    def failures(self) -> int:
        """Requests, warm-up included, not answered 200: the platform would send them again."""
        return sum(n for status, n in self.statuses.items() if status != 200)

    @property
    def latencies(self) -> list[float]:
        return sorted(s.latency_ms for s in self.samples if s.status != NO_ANSWER)

    def percentile(self, share: float) -> float:
        return percentile(self.latencies, share)

    @property
    def rate(self) -> float:
        """Requests per second achieved: from the first send to the last answer."""
        if not self.samples:
            return 0.0
        span = max(s.answered for s in self.samples) - min(s.started for s in self.samples)
        return len(self.samples) / span if span > 0 else float(len(self.samples))

    @property
    def too_late(self) -> int:
        """Measured requests the platform would have given up on and sent again."""
        return sum(1 for s in self.samples if s.status == NO_ANSWER or s.latency_ms > self.waits_ms)

    @property
    def late_ms(self) -> float:
        """How far behind its schedule the worst request left: the load generator's own lag."""
        return max(((s.started - s.due) * 1000 for s in self.samples), default=0.0)


def percentile(ordered: Sequence[float], share: float) -> float:
    """The nearest-rank percentile of sorted values; ``share`` 0.99 for p99."""
    if not ordered:
        return 0.0
    rank = max(1, min(len(ordered), math.ceil(share * len(ordered))))
    return ordered[rank - 1]


async def _post(
    client: httpx.AsyncClient, due: float, outgoing: Callable[[int], Outgoing], number: int
) -> Sample:
    path, body, headers = outgoing(number)
    started = time.perf_counter()
    try:
        response = await client.post(path, content=body, headers=headers)
    except httpx.TransportError:
        return Sample(due, started, time.perf_counter(), NO_ANSWER)
    return Sample(due, started, time.perf_counter(), response.status_code)


async def drive(
    url: str,
    outgoing: Callable[[int], Outgoing],
    *,
    rate: float,
    seconds: float,
    warmup: float,
    name: str = "",
) -> Load:
    """Send ``outgoing(n)`` for n = 0, 1, ... at ``rate`` a second by the wall clock, open-loop."""
    warm = round(warmup * rate)
    total = warm + round(seconds * rate)
    limits = httpx.Limits(max_connections=CONNECTIONS, max_keepalive_connections=CONNECTIONS)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=TIMEOUT) as client:
        tasks = []
        begin = time.perf_counter()
        for number in range(total):
            due = begin + number / rate
            ahead = due - time.perf_counter()
            if ahead > 0:
                await asyncio.sleep(ahead)  # the schedule, not the answers, sets the pace
            tasks.append(asyncio.create_task(_post(client, due, outgoing, number)))
        samples = await asyncio.gather(*tasks)
    return Load(name=name, samples=samples[warm:], warmup=samples[:warm], gc_pauses=[])


def main(argv: list[str] | None = None) -> int:
    """Send the load described on stdin to the URL and print the samples as JSON."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--rate", type=float, required=True)
    parser.add_argument("--seconds", type=float, required=True)
    parser.add_argument("--warmup", type=float, required=True)
    args = parser.parse_args(argv)
    spec = LoadSpec.loads(sys.stdin.read())
    load = asyncio.run(
        drive(args.url, spec.outgoing(), rate=args.rate, seconds=args.seconds, warmup=args.warmup)
    )
    rows = [
        [[s.due, s.started, s.answered, s.status] for s in part]
        for part in (load.samples, load.warmup)
    ]
    print(json.dumps(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
