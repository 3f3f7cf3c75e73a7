"""Acknowledgement benchmark: how fast the Slack and Teams adapters answer in HTTP mode.

    .venv/bin/python -m bench.ack [--platform both] [--rate 200] [--seconds 10] [--database URL]
                                  [--brief ACTIONS]

Slack wants every event acknowledged within three seconds, Teams every activity within
fifteen, and Voortgang stores each one before it answers (``bot.engine.intake``), handling it later
in the clock process's inbox worker. This measures the time from sending a request to
receiving its answer, per platform, on two real uvicorn servers on loopback ports, each in a
thread of this process:

1. Voortgang's web app (``bot.run.web_process.create_app`` with the platform's runtime and its
intake)
   on a fresh SQLite database, or the empty one ``--database`` names. The BOCE example is
   imported, its people are found on the platform and Monday's pings are sent; the load is
   then status replies ("loopt goed") to those pings, from the people who were pinged, in
   turn. Each reply becomes a status update after its acknowledgement, as in production: the
   inbox worker of the clock process handles them meanwhile, in a process of its own
   (``bench.ack_worker``). How long storing took inside the server is recorded too, to show
   what of the latency is the database's.

   - Slack: the people are found by email in a fake Slack workspace (the test suite's fake
     Web API); a reply is a signed event, a message in the thread of the ping.
   - Teams: the people install the app (an ``installationUpdate`` to the web app) and are
     found by email through a fake Bot Framework connector (``tests.fake_teams``), which
     also publishes the key Voortgang checks every request's token against; a reply is a
     message activity in their 1:1 chat answering the ping's card (``replyToId``), carrying
     a token signed with that key. One token serves a whole turn, as Teams reuses its tokens
     for an hour; the server checks it on every request all the same.

2. The baseline: a bare app of the platform's own SDK that only acknowledges, checking what
   the platform signs, mounted on FastAPI the same way and sent the same replies.

   - Slack: a Bolt ``AsyncApp`` with the same signing secret, the same fake Web API and
     ``process_before_response``, whose only listener does nothing (POST /slack/events).
   - Teams: a Teams SDK ``App`` with the same app id, checking tokens against the same
     published key (its ``FastAPIAdapter`` mounts POST /api/messages), whose only message
     handler does nothing.

The load is open-loop: requests leave at a fixed rate by the wall clock, whether or not the
earlier ones were answered, for ``--seconds`` after a warm-up of ``--warmup`` seconds that
is not counted; it comes from a process of its own (``bench.ack_load``). The two servers of
a platform take turns, ``--rounds`` times, so a slow spell of this noisy machine falls on
both; the verdict is on each server's median p99 over the rounds. Targets, per platform:
Voortgang's p99 under 50 ms, and within 1.5 times the bare app's. At the end the status
updates are counted, once the work after the acknowledgements has finished: every reply sent
should have become one.

On SQLite, the embedded default, the targets are the ones a one-machine deployment needs:
p99 under 100 ms up to 50 requests a second, under 500 ms beyond, with no 5xx (the web process
stores events in the intake file, storage.intake_file, so the worker's writes never hold up an
acknowledgement). ``--brief ACTIONS`` adds a Voortgang turn to each round during which the
director of a programme of that many actions asks for 'brief concept' (bench.ack_brief): the
job runner makes the letter in the worker's process, and the p99 should stay within 1.5 times
that of the turn without it. Each platform's report also gives the bare durable commit on the
same database (bench.ack_commit): the floor under storing an event.

One deployment serves one platform, so each platform has a database of its own: a SQLite
file each, or ``--database`` for one platform after the other, emptied in between.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

import uvicorn
from alembic import command
from fastapi import FastAPI, Request, Response
from fastapi.testclient import TestClient
from slack_bolt.adapter.fastapi.async_handler import AsyncSlackRequestHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import Engine, func, select

from bench import ack_brief
from bench.ack_commit import bare_commits
from bench.ack_commit import line as bare_commit_line
from bench.ack_load import (
    SLACK,
    SLACK_WAITS_MS,
    TEAMS,
    TEAMS_WAITS_MS,
    Load,
    LoadSpec,
    PingThread,
    PlatformName,
    Sample,
    percentile,
)
from bench.ack_worker import MONDAY
from bot.engine.intake import EventIntake
from bot.engine.opening import Register, import_file
from bot.engine.runner import Runner
from bot.run.http import Mounted, create_app
from bot.slack.events import split_ref
from bot.slack.wiring import EVENTS_PATH, SlackRuntime, SlackWorkers
from bot.teams.refs import parse_ref
from bot.teams.sdk import (
    PUBLIC,
    ActivityContext,
    App,
    FastAPIAdapter,
    MessageActivity,
    with_overrides,
)
from bot.teams.wiring import MESSAGES_PATH, TeamsRuntime, TeamsWorkers
from config.settings import EXAMPLE_PROGRAMME, Settings, SlackSettings, TeamsSettings
from storage.db import alembic_config, make_engine, migrate, session_factory
from storage.encryption import Secrets, new_key
from storage.models import OutboxMessage, Ping, Programme, StatusUpdate, Theme
from tests.fake_slack import FakeSlack
from tests.fake_teams import FakeConnector
from tests.slack_world import SECRET, TOKEN, fill_workspace, slack_settings
from tests.slack_world import payload as slack_payload
from tests.teams_world import payload as teams_payload
from tests.teams_world import teams_settings, tenant
from words.chat.inbound import Event
from words.clock import FixedClock
from words.domain import Source

TARGET_MS: Final = 50.0
TARGET_RATIO: Final = 1.5
SQLITE_TARGET_MS: Final = 100.0
SQLITE_BUSY_TARGET_MS: Final = 500.0
SQLITE_BUSY_RATE: Final = 50.0  # requests a second up to which SQLite's 100 ms holds
# Sunday 22 November 2026 at noon; the first pings go out on Monday at 09:00 in Amsterdam.
SUNDAY: Final = datetime(2026, 11, 22, 12, tzinfo=UTC)
PLATFORMS: Final[tuple[PlatformName, ...]] = (SLACK, TEAMS)


@dataclass(frozen=True, slots=True)
class Platform:
    """What the report says of a platform, and what it waits for."""

    name: str  # as printed: "Slack"
    bare: str  # the baseline's name
    requests: str  # what is sent, in a few words
    waits_ms: float  # how long the platform waits for an answer before it delivers again


PLATFORM: Final[Mapping[PlatformName, Platform]] = {
    SLACK: Platform("Slack", "bare Bolt app", "signed status replies", SLACK_WAITS_MS),
    TEAMS: Platform(
        "Teams", "bare Teams SDK app", "status replies with signed tokens", TEAMS_WAITS_MS
    ),
}


# -- the Voortgang side ---------------------------------------------------------------------


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
    runtime: Mounted
    intake: TimedIntake
    threads: list[PingThread]

    def app(self) -> FastAPI:
        return create_app(self.register, self.clock, [self.runtime], self.intake)

    def status_updates(self) -> int:
        with self.register.sessions() as session:
            found = session.scalar(select(func.count()).select_from(StatusUpdate))
        return 0 if found is None else found


def _empty_register(database_url: str) -> tuple[Engine, Register]:
    engine = make_engine(database_url)
    migrate(engine)
    # Teams stores upload URLs encrypted: a key of this run's own, as nothing outlives it.
    register = Register(engine, session_factory(engine), Secrets([new_key()]))
    with register.sessions() as session:
        if session.scalar(select(func.count()).select_from(Programme)):
            raise SystemExit("bench.ack needs an empty database: this one has programmes")
    return engine, register


def empty(database_url: str) -> None:
    """Take every table out of a database, as the migrations' way down does: the world of the
    platform before makes way for the next one's."""
    engine = make_engine(database_url)
    command.downgrade(alembic_config(engine), "base")
    engine.dispose()


def _ping_threads(register: Register, platform: Source) -> list[PingThread]:
    """Every ping message delivered to a person on ``platform``, where a reply is a status.

    Monday's pings each ask about one action, so a reply is that action's update; a ping
    asking about several would get "which one?" instead, and the final count would show it.
    """
    with register.sessions() as session:
        rows = session.execute(
            select(OutboxMessage.external_ref, OutboxMessage.address)
            .where(
                OutboxMessage.id.in_(select(Ping.outbox_id).where(Ping.outbox_id.is_not(None))),
                OutboxMessage.platform == platform.value,
                OutboxMessage.external_ref.is_not(None),
                OutboxMessage.address.is_not(None),
            )
            .order_by(OutboxMessage.id)
        ).all()
    threads = []
    for ref, user in rows:
        if platform is Source.SLACK:
            conversation, message = split_ref(str(ref))
        else:
            where = parse_ref(str(ref))
            conversation, message = where.conversation_id, where.activity_id
        threads.append(PingThread(conversation=conversation, message=message, user=str(user)))
    if not threads:
        raise SystemExit(f"no ping reached {platform.value} on Monday: nothing to reply to")
    return threads


# Slack


def prepare_slack(database_url: str, fake: FakeSlack, files_dir: Path) -> Voortgang:
    """Migrate an empty database, import BOCE, link its people and send Monday's pings."""
    engine, register = _empty_register(database_url)
    clock = FixedClock(SUNDAY)
    settings = Settings(
        database_url=database_url,
        example_programme=None,
        files_dir=files_dir,
        slack=slack_settings(fake),
    )
    import_file(register, EXAMPLE_PROGRAMME, settings, clock)
    fill_workspace(fake, register)
    intake = TimedIntake(engine)
    runtime = SlackRuntime(register, clock, settings, intake)
    runtime.adapter.link_everyone()
    Runner(register, clock, SlackWorkers(register, clock, settings).sender).advance_to(MONDAY)
    threads = _ping_threads(register, Source.SLACK)
    return Voortgang(engine, register, clock, runtime, intake, threads)


# Teams


def _installed_by(fake: FakeConnector, user: str, number: int) -> dict[str, Any]:
    """The app added by ``user`` to their 1:1 chat with the bot, as Teams tells the bot."""
    activity = teams_payload("installation_update_add")
    activity["id"] = f"f:bench-installed-{number}"
    activity["serviceUrl"] = fake.service_url
    activity["from"] = {"id": f"29:{user}", "aadObjectId": user}
    activity["conversation"]["id"] = fake.open_chat(user)
    activity["recipient"] = {"id": fake.bot_id, "name": "Voortgang"}
    return activity


def _added_to_team(fake: FakeConnector, team: str, user: str) -> dict[str, Any]:
    """The app added to the BOCE team by ``user``: its channels can be listed after."""
    activity = teams_payload("conversation_update_added_team")
    activity["id"] = "f:bench-added-to-team"
    activity["serviceUrl"] = fake.service_url
    activity["from"] = {"id": f"29:{user}", "aadObjectId": user}
    activity["conversation"]["id"] = team
    activity["channelData"]["team"]["id"] = team
    activity["recipient"] = {"id": fake.bot_id, "name": "Voortgang"}
    activity["membersAdded"] = [{"id": fake.bot_id}]
    return activity


def _install_everywhere(
    register: Register, clock: FixedClock, settings: Settings, fake: FakeConnector
) -> None:
    """Everyone of BOCE adds the app, and one of them adds it to the BOCE team too.

    Signed activities, through a web app of their own: a Teams runtime's thread pool is shut
    when its app stops, so the runtime measured is made afterwards.
    """
    with register.sessions() as session:
        users = [user for user, _email, _name, _key in tenant(session)]
        themes = session.scalars(select(Theme.name).order_by(Theme.position)).all()
    team = fake.add_team("BOCE", tuple(themes))
    activities = [_installed_by(fake, user, number) for number, user in enumerate(users)]
    activities.append(_added_to_team(fake, team, users[0]))
    runtime = TeamsRuntime(register, clock, settings)
    with TestClient(create_app(register, clock, [runtime])) as http:
        for activity in activities:
            body = json.dumps(activity).encode()
            answer = http.post(MESSAGES_PATH, content=body, headers=fake.sign(activity))
            if answer.status_code != 200:
                raise SystemExit(f"installing the app for bench.ack: {answer.status_code}")


def prepare_teams(database_url: str, fake: FakeConnector, files_dir: Path) -> Voortgang:
    """Migrate an empty database, import BOCE, have its people install the app and link them
    by email, and send Monday's pings through the connector."""
    engine, register = _empty_register(database_url)
    clock = FixedClock(SUNDAY)
    settings = Settings(
        database_url=database_url,
        example_programme=None,
        files_dir=files_dir,
        teams=teams_settings(fake),
    )
    import_file(register, EXAMPLE_PROGRAMME, settings, clock)
    with register.sessions() as session:
        for user, email, name, _key in tenant(session):
            fake.add_user(user, name, email=email)
    _install_everywhere(register, clock, settings, fake)
    # The clock process's side, one step at a time: people by email, theme channels by name,
    # then the pings through the connector.
    workers = TeamsWorkers(register, clock, settings)
    workers.directory.link_new_chats()
    workers.directory.list_channels()
    Runner(register, clock, workers.sender).advance_to(MONDAY)
    workers.port.http.close()
    threads = _ping_threads(register, Source.TEAMS)
    intake = TimedIntake(engine)
    runtime = TeamsRuntime(register, clock, settings, intake)
    return Voortgang(engine, register, clock, runtime, intake, threads)


# -- the baselines --------------------------------------------------------------------------


def bare_slack_app(slack: SlackSettings) -> FastAPI:
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


def bare_teams_app(teams: TeamsSettings) -> FastAPI:
    """A Teams SDK app that only acknowledges, checking every token as Voortgang does.

    Everything is passed, none left to the SDK's defaults from the environment (CLIENT_ID,
    CLOUD, SERVICE_URL, DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS; it loads a .env file
    too): with an app id and no switch to skip them, the SDK checks tokens against the keys
    its cloud's OpenID document names, here the fake connector's.
    """
    api = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    cloud = with_overrides(
        PUBLIC, openid_metadata_url=teams.openid_url, login_endpoint=teams.login_url
    )
    sdk = App(
        client_id=teams.client_id,
        client_secret=teams.client_secret,
        tenant_id=teams.tenant_id,
        cloud=cloud,
        service_url=teams.service_url,
        http_server_adapter=FastAPIAdapter(app=api),
        messaging_endpoint=MESSAGES_PATH,
        dangerously_allow_unauthenticated_requests=False,
        fetch_user_token=False,
    )

    async def nothing(_context: ActivityContext[MessageActivity]) -> None:
        return None  # the SDK answers 200 once the handler returns

    sdk.on_message(nothing)
    # Mounts POST /api/messages on ``api`` and turns the token checks on; serving is ours.
    asyncio.run(sdk.initialize())
    return api


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


# -- measuring ------------------------------------------------------------------------------


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


def measure(url: str, spec: LoadSpec, args: argparse.Namespace, name: str) -> Load:
    """The load against ``url``, generated by a process of its own: a client in the server's
    process would take its turns on the server's interpreter lock and slow both down."""
    # Set-up (migrations, the import, the pings) leaves a large heap. A long-running server
    # scans its heap in a full collection only now and then; in a run of seconds one scan of
    # all that stalled the server for ~200 ms and decided the p99 alone. Frozen, it is not
    # scanned; the pauses that remain are printed.
    gc.collect()
    gc.freeze()
    command = [
        sys.executable, "-m", "bench.ack_load", url,
        "--rate", str(args.rate), "--seconds", str(args.seconds), "--warmup", str(args.warmup),
    ]  # fmt: skip
    try:
        with FullCollections() as collections:
            done = subprocess.run(  # noqa: S603 - bench.ack_load, with a fixed argument list
                command, input=spec.dumps(), capture_output=True, check=False, text=True
            )
    finally:
        gc.unfreeze()
    if done.returncode != 0:
        raise SystemExit(f"the load generator failed ({done.returncode}):\n{done.stderr}")
    measured, warm = json.loads(done.stdout)
    return Load(
        name=name,
        samples=[Sample(*row) for row in measured],
        warmup=[Sample(*row) for row in warm],
        gc_pauses=collections.pauses,
        waits_ms=PLATFORM[spec.platform].waits_ms,
    )


# -- the run --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Round:
    """One turn of each server under the same load, one after the other; with ``--brief``
    also a turn of Voortgang while a large voortgangsbrief is being made."""

    voortgang: Load
    bare: Load
    with_brief: Load | None = None

    @property
    def ratio(self) -> float:
        return _ratio(self.voortgang.percentile(0.99), self.bare.percentile(0.99))


def _ratio(ours: float, bare: float) -> float:
    return ours / bare if bare > 0 else float("inf")


@dataclass(frozen=True, slots=True)
class Result:
    """One platform's rounds, and what became of the replies sent to Voortgang."""

    platform: PlatformName
    rounds: list[Round]
    updates: int  # status updates made during the Voortgang turns
    threads: int  # pings replied to
    sqlite: bool = False  # the register is a SQLite file: its own targets
    rate: float = 200.0
    commits: tuple[float, ...] = ()  # the bare durable commit, milliseconds, sorted
    letters: tuple[int, int] = (0, 0)  # with --brief: letters made, letters asked for

    @property
    def name(self) -> str:
        return PLATFORM[self.platform].name

    @property
    def bare(self) -> str:
        return PLATFORM[self.platform].bare

    def loads(self, server: str) -> list[Load]:
        """``server``'s turns: "voortgang", "bare" or "with_brief"."""
        found = [getattr(r, server) for r in self.rounds]
        return [load for load in found if load is not None]

    @property
    def target_ms(self) -> float:
        """The p99 to stay under: on SQLite 100 ms up to 50 requests a second and 500 ms
        beyond (issue 13); on PostgreSQL 50 ms."""
        if not self.sqlite:
            return TARGET_MS
        return SQLITE_TARGET_MS if self.rate <= SQLITE_BUSY_RATE else SQLITE_BUSY_TARGET_MS

    @property
    def brief_ratio(self) -> float | None:
        """With --brief: Voortgang's median p99 while the letter is made over without."""
        if not self.loads("with_brief"):
            return None
        return _ratio(self.median_p99("with_brief"), self.median_p99("voortgang"))

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
        return sum(load.sent for load in [*self.loads("voortgang"), *self.loads("with_brief")])

    @property
    def failures(self) -> int:
        turns = [*self.loads("voortgang"), *self.loads("bare"), *self.loads("with_brief")]
        return sum(load.failures for load in turns)

    @property
    def stores(self) -> list[float]:
        return sorted(t for r in self.rounds for t in r.voortgang.stores)

    @property
    def under_target(self) -> bool:
        p99s = [self.median_p99("voortgang")]
        if self.loads("with_brief"):
            p99s.append(self.median_p99("with_brief"))
        return max(p99s) < self.target_ms

    @property
    def near_bare(self) -> bool:
        return self.ratio <= TARGET_RATIO

    @property
    def complete(self) -> bool:
        """Every request answered 200, every reply to Voortgang an update, and every letter
        asked for made."""
        made, asked = self.letters
        return self.failures == 0 and self.updates == self.sent and made == asked


def platforms(args: argparse.Namespace) -> tuple[PlatformName, ...]:
    return PLATFORMS if args.platform == "both" else (args.platform,)


def run(args: argparse.Namespace, each: Callable[[Result], None] | None = None) -> list[Result]:
    """Every platform asked for, one after the other; ``each`` is given each one's result as
    soon as it is there."""
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for number, platform in enumerate(platforms(args)):
            database = args.database
            if database is None:
                database = f"sqlite:///{Path(folder) / f'ack-{platform}.db'}"
            elif number > 0:
                empty(database)  # the platform before filled it
            files = Path(folder) / f"files-{platform}"
            if platform == SLACK:
                result = _run_slack(database, files, args)
            else:
                result = _run_teams(database, files, args)
            results.append(result)
            if each is not None:
                each(result)
    return results


def _run_slack(database: str, files: Path, args: argparse.Namespace) -> Result:
    with FakeSlack(TOKEN) as fake:
        world = prepare_slack(database, fake, files)
        bare = bare_slack_app(slack_settings(fake))

        def spec(prefix: str) -> LoadSpec:
            template = slack_payload("message_thread_reply")
            return LoadSpec(SLACK, EVENTS_PATH, template, world.threads, prefix, secret=SECRET)

        return _rounds(world, bare, platform=SLACK, database=database, spec=spec, args=args)


def _run_teams(database: str, files: Path, args: argparse.Namespace) -> Result:
    with FakeConnector() as fake:
        world = prepare_teams(database, fake, files)
        bare = bare_teams_app(teams_settings(fake))

        def spec(prefix: str) -> LoadSpec:
            # A token of its own for each turn, valid for an hour, as Teams hands them out.
            return LoadSpec(
                TEAMS,
                MESSAGES_PATH,
                teams_payload("message_reply_to_card"),
                world.threads,
                prefix,
                token=fake.mint(fake.service_url),
                service_url=fake.service_url,
            )

        return _rounds(world, bare, platform=TEAMS, database=database, spec=spec, args=args)


def _rounds(
    world: Voortgang,
    bare: FastAPI,
    *,
    platform: PlatformName,
    database: str,
    spec: Callable[[str], LoadSpec],
    args: argparse.Namespace,
) -> Result:
    director = ack_brief.prepare(world.engine, args.brief) if args.brief else None
    before = world.status_updates()
    rounds = []
    with serve(world.app()) as ours_url, serve(bare) as bare_url:
        for number in range(args.rounds):
            # As in production: the web process stores and acknowledges, the clock process's
            # inbox worker handles, in a process of its own, during the load. The bare app's
            # turn comes after that worker has finished: it has nothing to handle.
            world.intake.take()
            with handling_elsewhere(database):
                ours = measure(ours_url, spec(f"Vg{number}-"), args, "voortgang")
            ours = replace(ours, stores=world.intake.take()[-len(ours.samples) :])
            briefed = None
            if director is not None:
                # The same load while the director's 'brief concept' is being made.
                with handling_elsewhere(database):
                    ack_brief.ask(world.register, director)
                    briefed = measure(ours_url, spec(f"Br{number}-"), args, "voortgang+brief")
                world.intake.take()
            theirs = measure(bare_url, spec(f"Bare{number}-"), args, PLATFORM[platform].bare)
            rounds.append(Round(voortgang=ours, bare=theirs, with_brief=briefed))
    # Each turn's worker handled everything stored before it stopped.
    updates = world.status_updates() - before
    letters = ack_brief.letters_made(world.register)
    world.engine.dispose()
    return Result(
        platform=platform,
        rounds=rounds,
        updates=updates,
        threads=len(world.threads),
        sqlite=database.startswith("sqlite"),
        rate=args.rate,
        commits=tuple(bare_commits(database)),
        letters=letters,
    )


@contextmanager
def handling_elsewhere(database: str) -> Iterator[None]:
    """The inbox worker in a process of its own (``bench.ack_worker``), stopped and drained
    after."""
    worker = subprocess.Popen(  # noqa: S603 - bench.ack_worker, with a fixed argument list
        [sys.executable, "-m", "bench.ack_worker", database],
        stdin=subprocess.PIPE,
    )
    try:
        yield
    finally:
        assert worker.stdin is not None
        worker.stdin.close()  # its signal to handle what is left and stop
        worker.wait(timeout=600)


# -- the report -----------------------------------------------------------------------------


def _line(platform: str, load: Load) -> str:
    return (
        f"    {platform} {load.name:<18} p50 {load.percentile(0.5):7.1f} ms   "
        f"p99 {load.percentile(0.99):7.1f} ms   max {load.percentile(1.0):7.1f} ms   "
        f"{load.rate:6.1f} req/s   non-200: {load.failures}"
    )


def _notes(platform: str, load: Load) -> list[str]:
    notes = [f"load generator at most {load.late_ms:.1f} ms behind its schedule"]
    if load.stores:
        ordered = sorted(load.stores)
        notes.append(
            f"storing in the server p50 {percentile(ordered, 0.5):.1f} ms, "
            f"p99 {percentile(ordered, 0.99):.1f} ms"
        )
    if load.too_late:
        notes.append(f"{load.too_late} not answered within {platform}'s {load.waits_ms / 1000:g} s")
    if load.gc_pauses:
        notes.append(
            f"{len(load.gc_pauses)} full garbage collection(s), "
            f"the longest {max(load.gc_pauses) * 1000:.0f} ms"
        )
    if load.failures:
        notes.append(f"statuses {dict(sorted(load.statuses.items()))} (0: no answer)")
    return notes


def report(result: Result, args: argparse.Namespace) -> None:
    """One platform's figures; every line that stands alone names the platform."""
    name, bare = result.name, result.bare
    first = result.rounds[0].voortgang
    print(
        f"{name}: {len(result.rounds)} round(s); in each, {len(first.samples)} "
        f"{PLATFORM[result.platform].requests} to each server in turn at {args.rate:g}/s for "
        f"{args.seconds:g} s, after a {args.warmup:g} s warm-up of {len(first.warmup)} more"
    )
    for number, one in enumerate(result.rounds, start=1):
        print(f"  {name} round {number}:")
        for load in (one.voortgang, one.with_brief, one.bare):
            if load is None:
                continue
            print(_line(name, load))
            print(f"      ({'; '.join(_notes(name, load))})")
        print(f"    {name} p99 voortgang / bare: {one.ratio:.2f}x")
    stores = result.stores
    print(
        f"{name}: median of the rounds: voortgang p50 {result.median_p50('voortgang'):.1f} ms, "
        f"p99 {result.median_p99('voortgang'):.1f} ms; {bare} p50 "
        f"{result.median_p50('bare'):.1f} ms, p99 {result.median_p99('bare'):.1f} ms; "
        f"p99 voortgang / bare: {result.ratio:.2f}x"
    )
    print(
        f"{name}: storing the event before the acknowledgement, all rounds: p50 "
        f"{percentile(stores, 0.5):.1f} ms, p99 {percentile(stores, 0.99):.1f} ms"
    )
    print(
        f"{name}: status updates made: {result.updates} of the {result.sent} replies sent "
        f"(to {result.threads} pings)"
    )
    print(f"{name}: {bare_commit_line(list(result.commits))}")
    print(
        f"{name}: target: p99 under {result.target_ms:.0f} ms"
        f"{' (SQLite)' if result.sqlite else ''}: {'PASS' if result.under_target else 'FAIL'}"
    )
    if not result.sqlite:
        print(
            f"{name}: target: p99 within {TARGET_RATIO:g}x the bare app: "
            f"{'PASS' if result.near_bare else 'FAIL'}"
        )
    brief = result.brief_ratio
    if brief is not None:
        made, asked = result.letters
        print(
            f"{name}: while a letter of {args.brief:,} actions was made ({made} of {asked} "
            f"made): median p99 {result.median_p99('with_brief'):.1f} ms, "
            f"{brief:.2f}x the turns without"
        )
        print(
            f"{name}: target: p99 while the letter is made within {TARGET_RATIO:g}x: "
            f"{'PASS' if brief <= TARGET_RATIO else 'FAIL'}"
        )


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--platform",
        choices=[*PLATFORMS, "both"],
        default="both",
        help="the platform(s) to measure, one after the other (default: both)",
    )
    parser.add_argument("--rate", type=float, default=200.0, help="requests a second")
    parser.add_argument("--seconds", type=float, default=10.0, help="measured seconds")
    parser.add_argument("--warmup", type=float, default=1.0, help="seconds sent, not counted")
    parser.add_argument("--rounds", type=int, default=3, help="turns of each server")
    parser.add_argument(
        "--brief",
        type=int,
        default=0,
        metavar="ACTIONS",
        help=(
            "also measure Voortgang while 'brief concept' makes the letter of a programme of "
            "this many actions (e.g. 10000), in each round"
        ),
    )
    parser.add_argument(
        "--database",
        default=None,
        help=(
            "an empty database, for each platform in turn and emptied in between "
            "(default: a temporary SQLite file each)"
        ),
    )
    args = parser.parse_args(argv)
    if args.brief < 0:
        parser.error("--brief must not be negative")
    if args.rate <= 0 or args.seconds <= 0 or args.warmup < 0 or args.rounds < 1:
        parser.error("--rate, --seconds and --rounds must be positive, --warmup not negative")
    return args


def exit_code(results: Sequence[Result]) -> int:
    """1 when a request was not answered 200 or a reply did not become an update, on any
    platform; the targets are reported, not enforced: a slower machine is not a broken build."""
    return 0 if all(result.complete for result in results) else 1


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)

    def reported(result: Result) -> None:
        report(result, args)
        sys.stdout.flush()  # the next platform takes a while: show this one's figures now

    return exit_code(run(args, reported))


if __name__ == "__main__":
    raise SystemExit(main())
