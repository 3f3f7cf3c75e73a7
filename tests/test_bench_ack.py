"""bench.ack: both servers under a tiny load, the replies' shape, the figures and the verdict."""

from __future__ import annotations

import argparse
import asyncio
import json
import re
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest

from bench import ack
from bot.clock import FixedClock
from bot.slack.events import message_ref, parse
from handlers.events import MessageIn
from tests.fake_slack import FakeSlack
from tests.slack_world import TOKEN

# Two rounds of 10 measured requests and 5 of warm-up to each server.
TINY = ["--rate", "20", "--seconds", "0.5", "--warmup", "0.25", "--rounds", "2"]


@pytest.fixture(scope="module")
def args() -> argparse.Namespace:
    return ack.parse_args(TINY)


@pytest.fixture(scope="module")
def result(args: argparse.Namespace) -> ack.Result:
    return ack.run(args)


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    with FakeSlack(TOKEN) as slack:
        yield slack


def loads(result: ack.Result) -> list[ack.Load]:
    return [load for one in result.rounds for load in (one.voortgang, one.bare)]


def test_every_request_to_both_servers_is_answered_200_in_every_round(
    result: ack.Result,
) -> None:
    assert len(result.rounds) == 2
    for load in loads(result):
        assert len(load.samples) == 10
        assert len(load.warmup) == 5
        assert load.statuses == {200: 15}
        assert load.failures == 0
        assert load.too_late == 0


def test_every_reply_to_voortgang_became_a_status_update(result: ack.Result) -> None:
    assert result.threads >= 1
    assert result.updates == result.sent == 30
    assert ack.exit_code(result) == 0


def test_the_servers_time_of_storing_is_recorded_for_voortgang_only(result: ack.Result) -> None:
    for one in result.rounds:
        assert len(one.voortgang.stores) == 10
        assert all(t > 0 for t in one.voortgang.stores)
        assert one.bare.stores == []
        # Storing is part of what the request waited for.
        assert max(one.voortgang.stores) < one.voortgang.percentile(1.0)


def test_the_verdict_is_on_the_median_of_the_rounds(result: ack.Result) -> None:
    p99s = [one.voortgang.percentile(0.99) for one in result.rounds]
    assert result.median_p99("voortgang") == pytest.approx(sum(p99s) / 2)
    bare = result.median_p99("bare")
    assert result.ratio == pytest.approx(result.median_p99("voortgang") / bare)
    assert result.under_target == (result.median_p99("voortgang") < 50)
    assert result.near_bare == (result.ratio <= 1.5)


def test_latencies_are_measured_per_request_in_order(result: ack.Result) -> None:
    for load in loads(result):
        assert all(s.answered > s.started >= s.due for s in load.samples)
        assert 0 < load.percentile(0.5) <= load.percentile(0.99) <= load.percentile(1.0)
        assert load.percentile(1.0) == max(s.latency_ms for s in load.samples)


def test_requests_leave_on_schedule_not_after_answers(result: ack.Result) -> None:
    # Open-loop: 1/20 s apart by the schedule, whatever the answers took.
    for load in loads(result):
        dues = [s.due for s in [*load.warmup, *load.samples]]
        gaps = [later - earlier for earlier, later in pairwise(dues)]
        assert gaps == pytest.approx([0.05] * 14)
        assert 10 < load.rate < 40


def test_the_report_prints_figures_and_both_targets(
    result: ack.Result, args: argparse.Namespace, capsys: pytest.CaptureFixture[str]
) -> None:
    ack.report(result, args)
    out = capsys.readouterr().out
    for name in ("voortgang", "bare Bolt app"):
        found = re.findall(rf"{name} +p50 +[\d.]+ ms +p99 +[\d.]+ ms +max +[\d.]+ ms", out)
        assert len(found) == 2  # one line per round
    assert out.count("non-200: 0") == 4
    assert re.search(r"storing in the server p50 [\d.]+ ms, p99 [\d.]+ ms", out)
    assert re.search(
        r"^median of the rounds: voortgang p50 [\d.]+ ms, p99 [\d.]+ ms; bare Bolt app p50 "
        r"[\d.]+ ms, p99 [\d.]+ ms; p99 voortgang / bare: [\d.]+x$",
        out,
        re.MULTILINE,
    )
    assert "status updates made: 30 of the 30 replies sent" in out
    assert re.search(r"^target: p99 under 50 ms: (PASS|FAIL)$", out, re.MULTILINE)
    assert re.search(r"^target: p99 within 1\.5x the bare app: (PASS|FAIL)$", out, re.MULTILINE)


def test_a_reply_is_a_status_in_the_pings_thread() -> None:
    thread = ack.PingThread(channel="DUFATIMA", ts="1700000000.000200", user="UFATIMA")
    reply = ack.replies([thread], "T")
    first, second = json.loads(reply(0)), json.loads(reply(1))
    assert first["event_id"] != second["event_id"]
    event = parse(first, FixedClock(ack.MONDAY).now(), None)
    assert isinstance(event, MessageIn)
    assert event.user_id == "UFATIMA"
    assert event.thread == message_ref("DUFATIMA", "1700000000.000200")
    assert event.text in ack.TEXTS


def test_the_baseline_checks_signatures_too(fake: FakeSlack) -> None:
    thread = ack.PingThread(channel="DU1", ts="1700000000.000100", user="U1")
    with ack.serve(ack.bare_app(ack.slack_settings(fake))) as url:
        forged = asyncio.run(
            ack.drive(
                url, ack.replies([thread], "F"), rate=50, seconds=0.1, warmup=0, secret="forged"
            )
        )
    assert forged.statuses == {401: 5}
    assert forged.failures == 5


def test_prepare_refuses_a_database_with_programmes(tmp_path: Path, fake: FakeSlack) -> None:
    url = f"sqlite:///{tmp_path / 'used.db'}"
    world = ack.prepare(url, fake, tmp_path / "files")
    world.engine.dispose()
    with pytest.raises(SystemExit, match="empty database"):
        ack.prepare(url, fake, tmp_path / "files")


@pytest.mark.parametrize(
    "db_url", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)
def test_voortgang_on_postgresql(db_url: str) -> None:
    args = ack.parse_args([*TINY, "--rounds", "1", "--database", db_url])
    result = ack.run(args)
    assert result.failures == 0
    assert result.updates == result.sent == 15


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert ack.percentile(values, 0.5) == 50.0
    assert ack.percentile(values, 0.99) == 99.0
    assert ack.percentile(values, 1.0) == 100.0
    assert ack.percentile([7.0], 0.99) == 7.0
    assert ack.percentile([], 0.99) == 0.0


@pytest.mark.parametrize("wrong", [["--rate", "0"], ["--rounds", "0"]])
def test_a_rate_or_rounds_of_zero_is_refused(wrong: list[str]) -> None:
    with pytest.raises(SystemExit):
        ack.parse_args(wrong)
