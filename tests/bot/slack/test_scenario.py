"""The check-in cycle through Slack: a week of pings, replies, reminders, digests, refusals,
edits and the voortgangsbrief as a file, a 429 storm, and a workspace that refuses the bot.

Signed requests of real payload shapes go into the web app; what Voortgang sends is asserted
on the Web API calls a fake Slack on a loopback port recorded. The clock is injected.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.engine.runner import Runner
from storage.models import OutboxMessage, StatusUpdate, UpdateRevision
from tests.slack_world import SlackWorld, open_world, payload
from words.catalogue import t
from words.clock import FixedClock
from words.domain import OutboxState

MONDAY = datetime(2026, 11, 23, 8, 1, tzinfo=UTC)  # 09:01 in Amsterdam
WEDNESDAY = datetime(2026, 11, 25, 8, 5, tzinfo=UTC)


@pytest.fixture
def world(db_url: str, clock: FixedClock, tmp_path: Path) -> Iterator[SlackWorld]:
    yield from open_world(db_url, clock, tmp_path)


def run_until(world: SlackWorld, moment: datetime) -> None:
    Runner(world.register, world.clock, world.sender).advance_to(moment)


def say(world: SlackWorld, name: str, text: str, thread: str | None = None) -> None:
    user = world.user(name)
    body = payload("message_thread_reply" if thread else "message_im")
    body["event"].update(user=user, text=text, channel=world.dm_channel(user))
    body["event"]["ts"] = f"{time.time():.6f}"
    if thread is None:
        body["event"].pop("thread_ts", None)
    else:
        body["event"]["thread_ts"] = thread
    body["event_id"] = f"Ev{time.perf_counter_ns()}"
    assert world.event(body).status_code == 200
    world.deliver()


def texts(world: SlackWorld, name: str) -> list[str]:
    return [str(m.get("text", "")) for m in world.fake.posted(world.dm_channel(world.user(name)))]


def ping_ts(world: SlackWorld, name: str) -> str:
    posted = world.fake.posted(world.dm_channel(world.user(name)))
    pings = [m for m in posted if "vg:status" in json.dumps(m.get("blocks"))]
    assert pings, f"no ping to {name}"
    return str(pings[-1]["ts"])


def channel_id(world: SlackWorld, name: str) -> str:
    return next(c.id for c in world.fake.channels.values() if c.name == name)


def test_a_week_through_slack(world: SlackWorld) -> None:
    world.runtime.adapter.link_everyone()
    run_until(world, MONDAY)
    # The weekly digest of each theme in its channel; pings to owners in their DMs.
    omgevingswet = channel_id(world, "boce-omgevingswet")
    assert world.fake.posted(omgevingswet)
    assert ping_ts(world, "Fatima El Amrani")

    # Fatima answers in the thread, corrects herself, and the update keeps both wordings.
    say(world, "Fatima El Amrani", "inbreng bijna klaar", ping_ts(world, "Fatima El Amrani"))
    say(world, "Fatima El Amrani", "wijzig inbreng verstuurd naar de provincie")
    with world.register.sessions() as session:
        [update] = session.scalars(select(StatusUpdate)).all()
        assert update.text == "inbreng verstuurd naar de provincie"
        assert session.scalars(select(UpdateRevision.text)).all() == ["inbreng bijna klaar"]

    # A reader may not set a status; the refusal says why, in her DM.
    say(world, "Gerda Boelens", "status 2 afgerond")
    assert texts(world, "Gerda Boelens")[-1] == t("perm.reader", "nl")
    with world.register.sessions() as session:
        assert len(session.scalars(select(StatusUpdate)).all()) == 1

    # Nobody else answered: on Wednesday the unanswered get one reminder, in their DM.
    fatima = world.dm_channel(world.user("Fatima El Amrani"))
    asked = {
        dm: len(world.fake.posted(dm))
        for dm in (c.params["channel"] for c in world.fake.calls("chat.postMessage"))
        if str(dm).startswith("D") and dm != fatima and _pings(world, str(dm))
    }
    assert asked
    run_until(world, WEDNESDAY)
    reminded = [dm for dm, count in asked.items() if _pings(world, dm, after=count)]
    assert sorted(reminded) == sorted(asked)
    assert not _pings(world, fatima, after=len(world.fake.posted(fatima)) - 1)


def _pings(world: SlackWorld, channel: str, after: int = 0) -> list[dict[str, object]]:
    posted = world.fake.posted(channel)[after:]
    return [m for m in posted if "vg:status" in json.dumps(m.get("blocks"))]


def test_the_director_gets_the_draft_brief_as_a_file(world: SlackWorld) -> None:
    world.runtime.adapter.link_everyone()
    say(world, "Marieke Hoekstra", "brief concept")
    [upload] = world.fake.calls("files.completeUploadExternal")
    marieke = world.dm_channel(world.user("Marieke Hoekstra"))
    assert upload.params["channel_id"] == marieke
    assert "Concept voortgangsbrief" in str(upload.params.get("initial_comment", ""))
    [bytes_sent] = [c.files for c in world.fake.calls("upload")]
    content = next(iter(bytes_sent.values()))
    assert content.startswith(b"PK")  # a Word document (a zip)


def test_a_429_storm_delays_pings_but_loses_and_doubles_none(world: SlackWorld) -> None:
    world.runtime.adapter.link_everyone()
    world.fake.storm(calls=25, retry_after=2)
    run_until(world, MONDAY)
    for _ in range(60):  # the sender waits for Slack's Retry-After, on the injected clock
        with world.register.sessions() as session:
            pending = session.scalars(
                select(OutboxMessage.id).where(OutboxMessage.state != OutboxState.SENT)
            ).all()
        if not pending:
            break
        world.clock.advance(timedelta(seconds=3))
        world.sender.drain()
    assert not pending
    posted = [c.params for c in world.fake.calls("chat.postMessage") if c.status == 200]
    keys = Counter(_key(p["metadata"]) for p in posted)
    assert keys
    assert max(keys.values()) == 1  # nothing doubled
    with world.register.sessions() as session:
        sent = session.scalars(
            select(OutboxMessage.key).where(OutboxMessage.is_file.is_(False))
        ).all()
    assert set(sent) == set(keys)  # nothing lost
    assert any(c.status == 429 for c in world.fake.calls())


def _key(metadata: object) -> str:
    data = json.loads(metadata) if isinstance(metadata, str) else metadata
    assert isinstance(data, dict)
    return str(data["event_payload"]["key"])


def test_a_workspace_that_refuses_the_bot_is_no_crash_loop(world: SlackWorld) -> None:
    world.runtime.adapter.link_everyone()
    world.fake.fail_next("chat.postMessage", error="account_inactive", times=1000)
    run_until(world, MONDAY)
    with world.register.sessions() as session:
        states = Counter(session.scalars(select(OutboxMessage.state)).all())
        errors = session.scalars(select(OutboxMessage.error).limit(1)).all()
    assert set(states) == {OutboxState.FAILED}
    assert "account_inactive" in errors[0]
    attempts = len(world.fake.calls("chat.postMessage"))
    world.sender.drain()
    assert len(world.fake.calls("chat.postMessage")) == attempts  # given up: not tried again
