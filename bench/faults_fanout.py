"""The fault bench's rows about sending: a fan-out of direct messages queued in the outbox and
sent by ``voortgang clock`` to the fake Slack, which answers each after a few milliseconds,
while the clock process is stopped (SIGTERM), killed (SIGKILL) or rate-limited (a 429 storm).

Every message carries its outbox key in its metadata, so the fake's record says which arrived
and how often: each exactly once is the goal.
"""

from __future__ import annotations

import signal
import subprocess
import threading
import time
from collections import Counter
from datetime import UTC, datetime
from typing import Final

from sqlalchemy import func, select

from bench.faults_count import key_of, posted, posts
from bench.faults_table import Row
from bench.faults_world import Databases, Sizes, World, deployment, wait_for
from storage.db import transaction
from storage.models import Identity, OutboxMessage
from storage.outbox import OutboxWriter
from tests.fake_slack import Call
from words.chat.messages import Message
from words.chat.outgoing import ToPerson
from words.domain import OutboxState

FAN: Final = "fan:"
LATENCY: Final = 0.005  # seconds the fake takes to post a message
SIGNAL_AT: Final = 0.15  # share of the fan-out sent when the fault comes
IN_BATCH: Final = 7  # messages into a claimed batch when the sender is killed
STOP_WITHIN: Final = 10.0  # seconds a clock process is given to stop on SIGTERM
DONE_WITHIN: Final = 120.0  # seconds, beyond any lease, for the whole fan-out to arrive


def queue(world: World, count: int, people: int | None = None) -> int:
    """``count`` direct messages to the people with a Slack identity (the first ``people`` of
    them), in turn; how many people that is."""
    with transaction(world.register.sessions) as session:
        found = sorted(
            session.scalars(select(Identity.person_id).where(Identity.platform == "slack")).all()
        )
        people_ = found if people is None else found[:people]
        out = OutboxWriter(session, datetime.now(UTC))
        for n in range(count):
            to = ToPerson(people_[n % len(people_)])
            out.send(f"{FAN}{n}", to, Message(f"bericht {n}"))
    return len(people_)


def _people(count: int) -> str:
    return "1 person" if count == 1 else f"{count} people"


def arrived(world: World) -> Counter[str]:
    return posted(world.fake, FAN)


def first_post_after(world: World, moment: float) -> float | None:
    """Seconds from ``moment`` (wall clock) until a message of the fan-out arrived."""
    times = [call.at for call in posts(world.fake, FAN) if call.at > moment]
    return None if not times else min(times) - moment


def unsettled(world: World) -> int:
    """Messages of the fan-out still to be sent, or claimed and not known to be sent."""
    with world.register.sessions() as session:
        found = session.scalar(
            select(func.count())
            .select_from(OutboxMessage)
            .where(
                OutboxMessage.key.like(f"{FAN}%"),
                OutboxMessage.state.in_((OutboxState.PENDING, OutboxState.SENDING)),
            )
        )
    return 0 if found is None else int(found)


def all_arrived(world: World, count: int) -> bool:
    """Every message reached the fake and the outbox knows it: none waits out a lease."""
    return len(arrived(world)) >= count and unsettled(world) == 0


def counted(fault: str, world: World, count: int, resumed: float | None, note: str) -> Row:
    found = arrived(world)
    return Row(
        fault,
        sent=count,
        handled=len(found),
        lost=count - len(found),
        doubled=sum(n - 1 for n in found.values()),
        resumed=resumed,
        note=note,
    )


def _ended_by(process: subprocess.Popen[bytes], how: signal.Signals) -> tuple[int, float]:
    """Signal ``process``; its exit status and when it ended (wall clock)."""
    process.send_signal(how)
    code = process.wait(timeout=STOP_WITHIN * 3)
    return code, time.time()


def sigterm(databases: Databases, sizes: Sizes) -> Row:
    fault = "SIGTERM during a fan-out"
    count = sizes.fan_out
    with deployment(databases, "sigterm", databases.folder, sizes) as world:
        world.fake.latency("chat.postMessage", LATENCY)
        recipients = queue(world, count)
        first = world.clock()
        wait_for(lambda: len(arrived(world)) >= count * SIGNAL_AT, 120, "the fan-out to start")
        before = len(arrived(world))
        signalled = time.time()
        code, ended = _ended_by(first, signal.SIGTERM)
        took = ended - signalled
        world.clock()
        wait_for(lambda: all_arrived(world, count), DONE_WITHIN, "", every=0.1)
        time.sleep(sizes.quiet)
        resumed = first_post_after(world, ended)
        row = counted(fault, world, count, resumed, "")
    row.note = (
        f"{count} messages to {_people(recipients)}; SIGTERM after {before}, exit {code} "
        f"{took:.1f} s later; the next clock process started then, its start-up counted in "
        "'resumed after'"
    )
    if code != 0:
        row.problems.append(f"the clock process exited {code} on SIGTERM")
    if took > STOP_WITHIN:
        row.problems.append(f"the clock process took {took:.0f} s to stop")
    return row


def sigkill(databases: Databases, sizes: Sizes, *, people: int | None = None) -> Row:
    """The fan-out to everyone, or to the first ``people`` only (more messages each)."""
    fault = "kill -9 during a fan-out"
    count = sizes.fan_out
    with deployment(databases, "sigkill", databases.folder, sizes) as world:
        world.fake.latency("chat.postMessage", LATENCY)
        recipients = queue(world, count, people)
        first = world.clock()
        killed = threading.Event()
        killed_at: list[float] = []
        seen = Counter[str]()

        def kill_in_flight(call: Call) -> None:
            # Slack has posted the message; the process dies before it hears so, let alone
            # records it: the worst moment for exactly once.
            key = key_of(call)
            if key is None or not key.startswith(FAN) or call.error is not None:
                return
            seen[key] += 1
            # Mid-batch (a sender claims 50 at a time), so the rest of its claim waits too.
            if not killed.is_set() and len(seen) >= count * SIGNAL_AT + IN_BATCH:
                first.send_signal(signal.SIGKILL)
                first.wait()
                killed_at.append(time.time())
                killed.set()

        world.fake.on_call("chat.postMessage", kill_in_flight)
        killed.wait(120)
        world.fake.on_call("chat.postMessage", None)
        if not killed_at:
            return Row(fault, problems=["the fan-out never got far enough to kill the sender"])
        ended = killed_at[0]
        before = len(arrived(world))
        world.clock()
        lease = sizes.lease_seconds if sizes.lease_seconds is not None else 120.0
        wait_for(lambda: all_arrived(world, count), lease + DONE_WITHIN, "", every=0.25)
        everything = time.time() - ended
        time.sleep(sizes.quiet)
        resumed = first_post_after(world, ended)
        looked = len(world.fake.calls("conversations.history"))
        row = counted(fault, world, count, resumed, "")
    row.note = (
        f"{count} messages to {_people(recipients)}; killed after {before}, one in flight at "
        f"Slack; the next clock process started then; everything sent {everything:.0f} s after "
        f"the kill (the rest of the claim waited out the lease of {lease:g} s; {looked} "
        "conversations looked up at Slack before sending again)"
    )
    return row


def storm(databases: Databases, sizes: Sizes) -> Row:
    seconds = sizes.storm_seconds
    fault = f"a 429 storm of {seconds:g} s"
    count = sizes.storm_fan_out
    with deployment(databases, "storm", databases.folder, sizes) as world:
        world.fake.latency("chat.postMessage", LATENCY)
        recipients = queue(world, count)
        world.clock()
        wait_for(lambda: len(arrived(world)) >= count * SIGNAL_AT, 120, "the fan-out to start")
        before = len(arrived(world))
        world.fake.storm(seconds=seconds, retry_after=1)
        calm = time.time() + seconds
        wait_for(lambda: all_arrived(world, count), seconds + DONE_WITHIN, "", every=0.1)
        time.sleep(sizes.quiet)
        refused = sum(1 for call in world.fake.calls() if call.status == 429)
        resumed = first_post_after(world, calm)
        row = counted(fault, world, count, resumed, "")
    row.note = (
        f"{count} messages to {_people(recipients)}; every call answered 429 with Retry-After: "
        f"1 after {before} were sent; {refused} calls refused"
    )
    return row
