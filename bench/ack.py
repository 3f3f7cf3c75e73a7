"""Acknowledgement benchmark: how fast the Slack adapter answers events in HTTP mode.

    .venv/bin/python -m bench.ack [--rate 200] [--seconds 10] [--database URL]

Slack wants every event acknowledged within three seconds, and Voortgang stores each event
before it answers (``process_before_response``), handling it afterwards in a worker thread.
This measures the time from sending a signed event to receiving its answer, on two real
uvicorn servers on loopback ports, each in a thread of this process:

1. Voortgang's web app (``bot.web.create_app`` with a ``SlackRuntime`` and its intake) on a
   fresh SQLite database, or the empty one ``--database`` names. The BOCE example is
   imported, its people are found in a fake Slack workspace (the test suite's fake Web API)
   and Monday's pings are sent; the load is then status replies ("loopt goed") in the
   threads of those pings, from the people who were pinged, in turn. Each reply becomes a
   status update after its acknowledgement, as in production: the inbox worker of the clock
   process handles them meanwhile, in a process of its own. How long storing took inside the
   server is recorded too, to show what of the latency is the database's.
2. The baseline: a bare Bolt ``AsyncApp`` with the same signing secret, the same fake Web
   API and ``process_before_response``, whose only listener does nothing, mounted the same
   way (FastAPI, POST /slack/events) and sent the same replies.

The load is open-loop: requests leave at a fixed rate by the wall clock, whether or not the
earlier ones were answered, for ``--seconds`` after a warm-up of ``--warmup`` seconds that
is not counted. The two servers take turns, ``--rounds`` times, so a slow spell of this
noisy machine falls on both; the verdict is on each server's median p99 over the rounds.
Targets: Voortgang's p99 under 50 ms, and within 1.5 times the bare app's.
At the end the status updates are counted, once the work after the acknowledgements has
finished: every reply sent should have become one.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import math
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final
from zoneinfo import ZoneInfo

import httpx2 as httpx
import uvicorn
from fastapi import FastAPI, Request, Response
from slack_bolt.adapter.fastapi.async_handler import AsyncSlackRequestHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import Engine, func, select

from bot.clock import FixedClock
from bot.domain import Source
from bot.intake import EventIntake
from bot.register import Register, import_file
from bot.runner import Runner
from bot.slack.events import split_ref
from bot.slack.web import EVENTS_PATH, SlackRuntime, SlackWorkers
from bot.web import create_app
from bot.worker import InboxWorker
from config.settings import EXAMPLE_PROGRAMME, Settings, SlackSettings
from handlers.events import Event
from storage.db import make_engine, migrate, session_factory
from storage.models import OutboxMessage, Ping, Programme, StatusUpdate, Theme
from tests.fake_slack import FakeSlack
from tests.slack_world import SECRET, TOKEN, payload, workspace

TARGET_MS: Final = 50.0
TARGET_RATIO: Final = 1.5
# Sunday 22 November 2026 at noon; the first pings go out on Monday at 09:00 in Amsterdam.
SUNDAY: Final = datetime(2026, 11, 22, 12, tzinfo=UTC)
MONDAY: Final = datetime(2026, 11, 23, 8, 1, tzinfo=UTC)  # 09:01 in Amsterdam
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


# -- the Voortgang side ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PingThread:
    """A ping as posted in Slack: the direct message channel, the ping's ts, its recipient."""

    channel: str
    ts: str
    user: str


class TimedIntake(EventIntake):
    """The web process's intake, timing each store (the acknowledgement waits for it)."""

    def __init__(self, engine: Engine) -> None:
        super().__init__(engine)
        self.times: list[float] = []  # milliseconds, appended on the server's event loop

    async def store(self, event: Event) -> int | None:
        started = time.perf_counter()
        try:
            return await super().store(event)
        finally:
            self.times.append((time.perf_counter() - started) * 1000)

    def take(self) -> list[float]:
        times, self.times = self.times, []
        return times


@dataclass(slots=True)
class Voortgang:
    """The register with BOCE imported and Monday's pings sent; the web side that answers."""

    engine: Engine
    register: Register
    clock: FixedClock
    runtime: SlackRuntime
    intake: TimedIntake
    threads: list[PingThread]

    def app(self) -> FastAPI:
        return create_app(self.register, self.clock, [self.runtime], self.intake)

    def status_updates(self) -> int:
        with self.register.sessions() as session:
            found = session.scalar(select(func.count()).select_from(StatusUpdate))
        return 0 if found is None else found


def slack_settings(fake: FakeSlack) -> SlackSettings:
    return SlackSettings(signing_secret=SECRET, bot_token=TOKEN, api_url=fake.url)


def _fill_workspace(register: Register, fake: FakeSlack) -> None:
    # The fake knows BOCE's people by email, as Slack would, so the adapter can link them.
    fake.add_user("U0BOT", name="voortgang", is_bot=True)
    with register.sessions() as session:
        for user_id, email, name in workspace(session):
            fake.add_user(user_id, email=email, name=name)
        for channel in session.scalars(select(Theme.channel).where(Theme.channel != "")):
            fake.add_channel(channel)


def _ping_threads(register: Register) -> list[PingThread]:
    """Every ping message delivered to a person, where a reply in its thread is a status.

    Monday's pings each ask about one action, so a reply is that action's update; a ping
    asking about several would get "which one?" instead, and the final count would show it.
    """
    with register.sessions() as session:
        rows = session.execute(
            select(OutboxMessage.external_ref, OutboxMessage.address)
            .where(
                OutboxMessage.id.in_(select(Ping.outbox_id).where(Ping.outbox_id.is_not(None))),
                OutboxMessage.platform == Source.SLACK.value,
                OutboxMessage.external_ref.is_not(None),
                OutboxMessage.address.is_not(None),
            )
            .order_by(OutboxMessage.id)
        ).all()
    threads = []
    for ref, user in rows:
        channel, ts = split_ref(str(ref))
        threads.append(PingThread(channel=channel, ts=ts, user=str(user)))
    return threads


def prepare(database_url: str, fake: FakeSlack, files_dir: Path) -> Voortgang:
    """Migrate an empty database, import BOCE, link its people and send Monday's pings."""
    engine = make_engine(database_url)
    migrate(engine)
    register = Register(engine, session_factory(engine))
    with register.sessions() as session:
        if session.scalar(select(func.count()).select_from(Programme)):
            raise SystemExit("bench.ack needs an empty database: this one has programmes")
    clock = FixedClock(SUNDAY)
    settings = Settings(
        database_url=database_url,
        example_programme=None,
        files_dir=files_dir,
        slack=slack_settings(fake),
    )
    import_file(register, EXAMPLE_PROGRAMME, settings, clock)
    _fill_workspace(register, fake)
    intake = TimedIntake(engine)
    runtime = SlackRuntime(register, clock, settings, intake)
    runtime.adapter.link_everyone()
    Runner(register, clock, SlackWorkers(register, clock, settings).sender).advance_to(MONDAY)
    threads = _ping_threads(register)
    if not threads:
        raise SystemExit("no ping reached Slack on Monday: nothing to reply to")
    return Voortgang(engine, register, clock, runtime, intake, threads)


# -- the baseline ---------------------------------------------------------------------------


def bare_app(slack: SlackSettings) -> FastAPI:
    """A Bolt app that only acknowledges, mounted as Voortgang mounts its own."""
    bolt = AsyncApp(
        client=AsyncWebClient(token=slack.bot_token, base_url=slack.api_url),
        signing_secret=slack.signing_secret,
        process_before_response=True,
        request_verification_enabled=True,
    )

    async def nothing() -> None:
        return None  # Bolt acknowledges events itself once the listener returns

    bolt.event("message")(nothing)
    handler = AsyncSlackRequestHandler(bolt)
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)

    async def slack_events(request: Request) -> Response:
        return await handler.handle(request)

    app.add_api_route(EVENTS_PATH, slack_events, methods=["POST"])
    return app


# -- serving --------------------------------------------------------------------------------


@contextmanager
def serve(app: FastAPI) -> Iterator[str]:
    """Run ``app`` under uvicorn in a thread on an ephemeral loopback port; yield its URL.

    The socket listens before the server starts, so requests sent early wait in its backlog
    instead of being refused. Leaving the block stops the server, which runs the app's
    shutdown: Voortgang's waits there for the work begun after acknowledgements.
    """
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on")
    sock.listen(config.backlog)
    server = uvicorn.Server(config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name="bench-uvicorn", daemon=True
    )
    thread.start()
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join()
        sock.close()


# -- the load -------------------------------------------------------------------------------


def status_reply(template: Mapping[str, Any], thread: PingThread, event_id: str, text: str) -> str:
    """A reply in the thread of a ping, as Slack delivers it, with a fresh ts."""
    ts = f"{time.time():.6f}"
    event = {
        **template["event"],
        "user": thread.user,
        "text": text,
        "channel": thread.channel,
        "thread_ts": thread.ts,
        "ts": ts,
        "event_ts": ts,
        "client_msg_id": event_id,
    }
    body = {**template, "event": event, "event_id": event_id, "event_time": int(float(ts))}
    return json.dumps(body)


def replies(threads: Sequence[PingThread], prefix: str) -> Callable[[int], str]:
    """The ``number``-th reply: the pinged people in turn, each reply a new event."""
    template = payload("message_thread_reply")

    def reply(number: int) -> str:
        thread = threads[number % len(threads)]
        text = TEXTS[number % len(TEXTS)]
        return status_reply(template, thread, f"Ev{prefix}{number:08d}", text)

    return reply


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

    @property
    def sent(self) -> int:
        return len(self.warmup) + len(self.samples)

    @property
    def statuses(self) -> Counter[int]:
        return Counter(s.status for s in [*self.warmup, *self.samples])

    @property
    def failures(self) -> int:
        """Requests, warm-up included, not answered 200: Slack would deliver them again."""
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
        """Measured requests Slack would have given up on and delivered again."""
        return sum(
            1 for s in self.samples if s.status == NO_ANSWER or s.latency_ms > SLACK_WAITS_MS
        )

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


async def _post(client: httpx.AsyncClient, due: float, body: str, secret: str) -> Sample:
    stamp = str(int(time.time()))
    signature = SignatureVerifier(secret).generate_signature(timestamp=stamp, body=body)
    headers = {
        "Content-Type": "application/json",
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": str(signature),
    }
    started = time.perf_counter()
    try:
        response = await client.post(EVENTS_PATH, content=body.encode(), headers=headers)
    except httpx.TransportError:
        return Sample(due, started, time.perf_counter(), NO_ANSWER)
    return Sample(due, started, time.perf_counter(), response.status_code)


async def drive(
    url: str,
    body: Callable[[int], str],
    *,
    rate: float,
    seconds: float,
    warmup: float,
    secret: str = SECRET,
    name: str = "",
) -> Load:
    """Send ``body(n)`` for n = 0, 1, ... at ``rate`` a second by the wall clock, open-loop."""
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
            tasks.append(asyncio.create_task(_post(client, due, body(number), secret)))
        samples = await asyncio.gather(*tasks)
    return Load(name=name, samples=samples[warm:], warmup=samples[:warm], gc_pauses=[])


class FullCollections:
    """Times the garbage collector's full (generation 2) collections while installed.

    They stop every thread of the process, the server's and the load generator's alike; a
    tail that lines up with one is the process pausing, not the code under test.
    """

    def __init__(self) -> None:
        self.pauses: list[float] = []
        self._started = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        elif info["generation"] == 2:
            self.pauses.append(time.perf_counter() - self._started)

    def __enter__(self) -> FullCollections:
        gc.callbacks.append(self)
        return self

    def __exit__(self, *_exc: object) -> None:
        gc.callbacks.remove(self)


def measure(
    url: str, threads: Sequence[PingThread], prefix: str, args: argparse.Namespace, name: str
) -> Load:
    """The load against ``url``, generated by a process of its own: a client in the server's
    process would take its turns on the server's interpreter lock and slow both down."""
    # Set-up (migrations, the import, the pings) leaves a large heap. A long-running server
    # scans its heap in a full collection only now and then; in a run of seconds one scan of
    # all that stalled the server for ~200 ms and decided the p99 alone. Frozen, it is not
    # scanned; the pauses that remain are printed.
    gc.collect()
    gc.freeze()
    command = [
        sys.executable, "-m", "bench.ack", "--drive", url, "--prefix", prefix,
        "--threads", json.dumps([[t.channel, t.ts, t.user] for t in threads]),
        "--rate", str(args.rate), "--seconds", str(args.seconds), "--warmup", str(args.warmup),
    ]  # fmt: skip
    try:
        with FullCollections() as collections:
            done = subprocess.run(command, capture_output=True, check=True, text=True)  # noqa: S603
    finally:
        gc.unfreeze()
    measured, warm = json.loads(done.stdout)
    return Load(
        name=name,
        samples=[Sample(*row) for row in measured],
        warmup=[Sample(*row) for row in warm],
        gc_pauses=collections.pauses,
    )


def drive_here(args: argparse.Namespace) -> None:
    """``--drive``: send the load and print the samples as JSON, for ``measure``."""
    threads = [PingThread(*row) for row in json.loads(args.threads)]
    load = asyncio.run(
        drive(
            args.drive,
            replies(threads, args.prefix),
            rate=args.rate,
            seconds=args.seconds,
            warmup=args.warmup,
        )
    )
    rows = [
        [[s.due, s.started, s.answered, s.status] for s in part]
        for part in (load.samples, load.warmup)
    ]
    print(json.dumps(rows))


# -- the run --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Round:
    """One turn of each server under the same load, one after the other."""

    voortgang: Load
    bare: Load

    @property
    def ratio(self) -> float:
        return _ratio(self.voortgang.percentile(0.99), self.bare.percentile(0.99))


def _ratio(ours: float, bare: float) -> float:
    return ours / bare if bare > 0 else float("inf")


@dataclass(frozen=True, slots=True)
class Result:
    rounds: list[Round]
    updates: int  # status updates made during the Voortgang turns
    threads: int  # pings replied to

    def loads(self, server: str) -> list[Load]:
        """``server``'s turns: "voortgang" or "bare"."""
        return [r.voortgang if server == "voortgang" else r.bare for r in self.rounds]

    def median_p99(self, server: str) -> float:
        return statistics.median(load.percentile(0.99) for load in self.loads(server))

    def median_p50(self, server: str) -> float:
        return statistics.median(load.percentile(0.5) for load in self.loads(server))

    @property
    def ratio(self) -> float:
        """Voortgang's median p99 over the bare app's."""
        return _ratio(self.median_p99("voortgang"), self.median_p99("bare"))

    @property
    def sent(self) -> int:
        """Replies sent to Voortgang, warm-ups included: each should become an update."""
        return sum(r.voortgang.sent for r in self.rounds)

    @property
    def failures(self) -> int:
        return sum(r.voortgang.failures + r.bare.failures for r in self.rounds)

    @property
    def stores(self) -> list[float]:
        return sorted(t for r in self.rounds for t in r.voortgang.stores)

    @property
    def under_target(self) -> bool:
        return self.median_p99("voortgang") < TARGET_MS

    @property
    def near_bare(self) -> bool:
        return self.ratio <= TARGET_RATIO


def run(args: argparse.Namespace) -> Result:
    with tempfile.TemporaryDirectory() as folder, FakeSlack(TOKEN) as fake:
        database = args.database
        if database is None:
            database = f"sqlite:///{Path(folder) / 'ack.db'}"
        world = prepare(database, fake, Path(folder) / "files")
        before = world.status_updates()
        rounds = []
        with serve(world.app()) as ours_url, serve(bare_app(slack_settings(fake))) as bare_url:
            for number in range(args.rounds):
                rounds.append(
                    _round(
                        world,
                        database,
                        ours_url=ours_url,
                        bare_url=bare_url,
                        number=number,
                        args=args,
                    )
                )
        # Each turn's worker handled everything stored before it stopped.
        updates = world.status_updates() - before
        world.engine.dispose()
    return Result(rounds=rounds, updates=updates, threads=len(world.threads))


def _round(
    world: Voortgang,
    database: str,
    *,
    ours_url: str,
    bare_url: str,
    number: int,
    args: argparse.Namespace,
) -> Round:
    # As in production: the web process stores and acknowledges, the clock process's inbox
    # worker handles, in a process of its own, during the load. The bare app's turn comes
    # after that worker has finished: it has nothing to handle.
    world.intake.take()
    with handling_elsewhere(database):
        ours = measure(ours_url, world.threads, f"Vg{number}-", args, "voortgang")
    ours = replace(ours, stores=world.intake.take()[-len(ours.samples) :])
    bare = measure(bare_url, world.threads, f"Bare{number}-", args, "bare Bolt app")
    return Round(voortgang=ours, bare=bare)


@contextmanager
def handling_elsewhere(database: str) -> Iterator[None]:
    """The inbox worker in a process of its own (``--worker``), stopped and drained after."""
    worker = subprocess.Popen(  # noqa: S603 - this very program, with a fixed argument list
        [sys.executable, "-m", "bench.ack", "--worker", database],
        stdin=subprocess.PIPE,
    )
    try:
        yield
    finally:
        assert worker.stdin is not None
        worker.stdin.close()  # its signal to handle what is left and stop
        worker.wait(timeout=600)


def work(database: str) -> None:
    """``--worker``: handle stored events as the clock process does, until stdin closes.

    At a lower CPU priority: at 200 replies a second the handling (3 to 6 ms of CPU each, and
    the database's share) takes most of a core of this 2-core machine, and acknowledging in
    time matters more than handling at once; a backlog is handled when the load is over, and
    the count of updates shows it was.
    """
    os.nice(10)
    engine = make_engine(database)
    register = Register(engine, session_factory(engine))
    worker = InboxWorker(register, FixedClock(MONDAY), ZoneInfo("Europe/Amsterdam"))
    stop = threading.Event()

    def until_closed() -> None:
        sys.stdin.read()
        stop.set()

    threading.Thread(target=until_closed, daemon=True).start()
    worker.run_forever(stop)
    worker.run_once()  # what came in while it was told to stop
    engine.dispose()


def _line(load: Load) -> str:
    return (
        f"    {load.name:<14} p50 {load.percentile(0.5):7.1f} ms   "
        f"p99 {load.percentile(0.99):7.1f} ms   max {load.percentile(1.0):7.1f} ms   "
        f"{load.rate:6.1f} req/s   non-200: {load.failures}"
    )


def _notes(load: Load) -> list[str]:
    notes = [f"load generator at most {load.late_ms:.1f} ms behind its schedule"]
    if load.stores:
        ordered = sorted(load.stores)
        notes.append(
            f"storing in the server p50 {percentile(ordered, 0.5):.1f} ms, "
            f"p99 {percentile(ordered, 0.99):.1f} ms"
        )
    if load.too_late:
        notes.append(f"{load.too_late} not answered within Slack's 3 s")
    if load.gc_pauses:
        notes.append(
            f"{len(load.gc_pauses)} full garbage collection(s), "
            f"the longest {max(load.gc_pauses) * 1000:.0f} ms"
        )
    if load.failures:
        notes.append(f"statuses {dict(sorted(load.statuses.items()))} (0: no answer)")
    return notes


def report(result: Result, args: argparse.Namespace) -> None:
    first = result.rounds[0].voortgang
    print(
        f"{len(result.rounds)} round(s); in each, {len(first.samples)} signed status replies "
        f"to each server in turn at {args.rate:g}/s for {args.seconds:g} s, after a "
        f"{args.warmup:g} s warm-up of {len(first.warmup)} more"
    )
    for number, one in enumerate(result.rounds, start=1):
        print(f"  round {number}:")
        for load in (one.voortgang, one.bare):
            print(_line(load))
            print(f"      ({'; '.join(_notes(load))})")
        print(f"    p99 voortgang / bare: {one.ratio:.2f}x")
    stores = result.stores
    print(
        f"median of the rounds: voortgang p50 {result.median_p50('voortgang'):.1f} ms, "
        f"p99 {result.median_p99('voortgang'):.1f} ms; bare Bolt app p50 "
        f"{result.median_p50('bare'):.1f} ms, p99 {result.median_p99('bare'):.1f} ms; "
        f"p99 voortgang / bare: {result.ratio:.2f}x"
    )
    print(
        f"storing the event before the acknowledgement, all rounds: p50 "
        f"{percentile(stores, 0.5):.1f} ms, p99 {percentile(stores, 0.99):.1f} ms"
    )
    print(
        f"status updates made: {result.updates} of the {result.sent} replies sent "
        f"(in the threads of {result.threads} pings)"
    )
    print(f"target: p99 under {TARGET_MS:.0f} ms: {'PASS' if result.under_target else 'FAIL'}")
    print(
        f"target: p99 within {TARGET_RATIO:g}x the bare app: "
        f"{'PASS' if result.near_bare else 'FAIL'}"
    )


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rate", type=float, default=200.0, help="requests a second")
    parser.add_argument("--seconds", type=float, default=10.0, help="measured seconds")
    parser.add_argument("--warmup", type=float, default=1.0, help="seconds sent, not counted")
    parser.add_argument("--rounds", type=int, default=3, help="turns of each server")
    parser.add_argument(
        "--database", default=None, help="an empty database (default: a temporary SQLite file)"
    )
    parser.add_argument("--worker", metavar="URL", help=argparse.SUPPRESS)
    parser.add_argument("--drive", metavar="URL", help=argparse.SUPPRESS)
    parser.add_argument("--threads", help=argparse.SUPPRESS)
    parser.add_argument("--prefix", default="Vg", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.rate <= 0 or args.seconds <= 0 or args.warmup < 0 or args.rounds < 1:
        parser.error("--rate, --seconds and --rounds must be positive, --warmup not negative")
    return args


def exit_code(result: Result) -> int:
    """1 when a request was not answered 200 or a reply did not become an update; the
    targets are reported, not enforced: a slower machine is not a broken build."""
    return 0 if result.failures == 0 and result.updates == result.sent else 1


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.worker is not None:
        work(args.worker)
        return 0
    if args.drive is not None:
        drive_here(args)
        return 0
    result = run(args)
    report(result, args)
    return exit_code(result)


if __name__ == "__main__":
    raise SystemExit(main())
