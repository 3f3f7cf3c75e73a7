"""bench.ack: both platforms' servers under a tiny load, the replies' shape, the figures and
the verdict."""

from __future__ import annotations

import argparse
import asyncio
import json
import re
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from bench import ack, ack_load, ack_worker
from bot.slack.events import message_ref, parse
from bot.slack.wiring import EVENTS_PATH
from bot.teams import events as teams_events
from bot.teams.wiring import MESSAGES_PATH
from tests.fake_slack import FakeSlack
from tests.fake_teams import FakeConnector
from tests.slack_world import SECRET, TOKEN, slack_settings
from tests.slack_world import payload as slack_payload
from tests.teams_world import payload as teams_payload
from tests.teams_world import teams_settings
from words.chat.inbound import MessageIn
from words.clock import FixedClock

# Two rounds of 10 measured requests and 5 of warm-up to each server, on each platform.
TINY = ["--rate", "20", "--seconds", "0.5", "--warmup", "0.25", "--rounds", "2"]
NAMES = {"slack": ("Slack", "bare Bolt app"), "teams": ("Teams", "bare Teams SDK app")}


@pytest.fixture(scope="module")
def args() -> argparse.Namespace:
    return ack.parse_args(TINY)


@pytest.fixture(scope="module")
def results(args: argparse.Namespace) -> list[ack.Result]:
    return ack.run(args)


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    with FakeSlack(TOKEN) as slack:
        yield slack


@pytest.fixture
def connector() -> Iterator[FakeConnector]:
    with FakeConnector() as teams:
        yield teams


def loads(result: ack.Result) -> list[ack_load.Load]:
    return [load for one in result.rounds for load in (one.voortgang, one.bare)]


def test_one_run_measures_slack_then_teams(results: list[ack.Result]) -> None:
    assert [r.platform for r in results] == ["slack", "teams"]
    for result in results:
        assert [load.name for load in loads(result)] == [
            "voortgang",
            NAMES[result.platform][1],
        ] * 2


def test_every_request_to_every_server_is_answered_200_in_every_round(
    results: list[ack.Result],
) -> None:
    for result in results:
        assert len(result.rounds) == 2
        for load in loads(result):
            assert len(load.samples) == 10
            assert len(load.warmup) == 5
            assert load.statuses == {200: 15}
            assert load.failures == 0
            assert load.too_late == 0


def test_every_reply_to_voortgang_became_a_status_update(results: list[ack.Result]) -> None:
    for result in results:
        assert result.threads >= 1
        assert result.updates == result.sent == 30
        assert result.complete
    assert ack.exit_code(results) == 0


def test_a_missing_update_or_answer_on_either_platform_fails_the_run(
    results: list[ack.Result],
) -> None:
    slack, teams = results
    lost = ack.Result(teams.platform, teams.rounds, teams.updates - 1, teams.threads)
    assert ack.exit_code([slack, lost]) == 1
    refused = ack_load.Sample(0.0, 0.0, 0.001, 401)
    first = slack.rounds[0]
    bare = ack_load.Load(first.bare.name, [refused], [], [])
    unanswered = ack.Result(slack.platform, [ack.Round(first.voortgang, bare)], 15, 1)
    assert ack.exit_code([unanswered, teams]) == 1


def test_the_servers_time_of_storing_is_recorded_for_voortgang_only(
    results: list[ack.Result],
) -> None:
    for result in results:
        for one in result.rounds:
            assert len(one.voortgang.stores) == 10
            assert all(t > 0 for t in one.voortgang.stores)
            assert one.bare.stores == []
            # Storing is part of what the request waited for.
            assert max(one.voortgang.stores) < one.voortgang.percentile(1.0)


def test_the_verdict_is_on_the_median_of_the_rounds(results: list[ack.Result]) -> None:
    for result in results:
        p99s = [one.voortgang.percentile(0.99) for one in result.rounds]
        assert result.median_p99("voortgang") == pytest.approx(sum(p99s) / 2)
        bare = result.median_p99("bare")
        assert result.ratio == pytest.approx(result.median_p99("voortgang") / bare)
        assert result.under_target == (result.median_p99("voortgang") < 50)
        assert result.near_bare == (result.ratio <= 1.5)


def test_latencies_are_measured_per_request_in_order(results: list[ack.Result]) -> None:
    for result in results:
        for load in loads(result):
            assert all(s.answered > s.started >= s.due for s in load.samples)
            assert 0 < load.percentile(0.5) <= load.percentile(0.99) <= load.percentile(1.0)
            assert load.percentile(1.0) == max(s.latency_ms for s in load.samples)


def test_requests_leave_on_schedule_not_after_answers(results: list[ack.Result]) -> None:
    # Open-loop: 1/20 s apart by the schedule, whatever the answers took.
    for result in results:
        for load in loads(result):
            dues = [s.due for s in [*load.warmup, *load.samples]]
            gaps = [later - earlier for earlier, later in pairwise(dues)]
            assert gaps == pytest.approx([0.05] * 14)
            assert 10 < load.rate < 40


def test_the_report_prints_each_platforms_figures_and_targets(
    results: list[ack.Result], args: argparse.Namespace, capsys: pytest.CaptureFixture[str]
) -> None:
    for result in results:
        ack.report(result, args)
    out = capsys.readouterr().out
    assert out.count("non-200: 0") == 8
    for name, bare in NAMES.values():
        assert re.search(rf"^{name}: 2 round\(s\); in each, 10 ", out, re.MULTILINE)
        for server in ("voortgang", bare):
            found = re.findall(
                rf"^    {name} {server} +p50 +[\d.]+ ms +p99 +[\d.]+ ms +max +[\d.]+ ms",
                out,
                re.MULTILINE,
            )
            assert len(found) == 2  # one line per round
        assert len(re.findall(rf"^    {name} p99 voortgang / bare: [\d.]+x$", out, re.M)) == 2
        assert re.search(
            rf"^{name}: median of the rounds: voortgang p50 [\d.]+ ms, p99 [\d.]+ ms; {bare} "
            r"p50 [\d.]+ ms, p99 [\d.]+ ms; p99 voortgang / bare: [\d.]+x$",
            out,
            re.MULTILINE,
        )
        assert re.search(
            rf"^{name}: storing the event before the acknowledgement, all rounds: "
            r"p50 [\d.]+ ms, p99 [\d.]+ ms$",
            out,
            re.MULTILINE,
        )
        assert f"{name}: status updates made: 30 of the 30 replies sent" in out
        # A SQLite register: 100 ms at this rate, and no comparison with the bare app.
        assert re.search(rf"^{name}: target: p99 under 100 ms \(SQLite\): (PASS|FAIL)$", out, re.M)
        assert f"{name}: target: p99 within" not in out
        assert re.search(
            rf"^{name}: bare durable commit \(one row, INSERT \+ COMMIT, 300 in a row\): "
            r"p50 [\d.]+ ms, p99 [\d.]+ ms$",
            out,
            re.M,
        )
    assert len(re.findall(r"storing in the server p50 [\d.]+ ms, p99 [\d.]+ ms", out)) == 4


def test_a_slack_reply_is_a_status_in_the_pings_thread() -> None:
    thread = ack_load.PingThread(conversation="DUFATIMA", message="1700000000.000200", user="U1")
    reply = ack_load.replies(slack_payload("message_thread_reply"), [thread], "T")
    first, second = json.loads(reply(0)), json.loads(reply(1))
    assert first["event_id"] != second["event_id"]
    event = parse(first, FixedClock(ack_worker.MONDAY).now(), None)
    assert isinstance(event, MessageIn)
    assert event.user_id == "U1"
    assert event.thread == message_ref("DUFATIMA", "1700000000.000200")
    assert event.text in ack_load.TEXTS


def test_a_teams_reply_answers_the_pings_card_in_the_persons_chat() -> None:
    thread = ack_load.PingThread(conversation="a:1000010", message="1700000000023", user="aad-f")
    service_url = "http://127.0.0.1:9/"
    reply = ack_load.card_replies(
        teams_payload("message_reply_to_card"), [thread], "T", service_url
    )
    first, second = json.loads(reply(0)), json.loads(reply(1))
    assert first["id"] != second["id"]
    assert first["serviceUrl"] == service_url
    assert first["conversation"]["conversationType"] == "personal"
    event = teams_events.parse(first, FixedClock(ack_worker.MONDAY).now())
    assert isinstance(event, MessageIn)
    assert event.user_id == "aad-f"
    assert event.channel is None
    assert event.thread == teams_events.message_ref("a:1000010", "1700000000023")
    assert event.text in ack_load.TEXTS


def test_the_load_spec_reaches_the_load_generator_whole() -> None:
    thread = ack_load.PingThread(conversation="a:1", message="17", user="aad-f")
    spec = ack_load.LoadSpec(
        "teams", MESSAGES_PATH, {"type": "message"}, [thread], "Vg0-", token="t", service_url="u"
    )
    assert ack_load.LoadSpec.loads(spec.dumps()) == spec


def test_the_slack_baseline_checks_signatures_too(fake: FakeSlack) -> None:
    thread = ack_load.PingThread(conversation="DU1", message="1700000000.000100", user="U1")
    body = ack_load.replies(slack_payload("message_thread_reply"), [thread], "F")

    def sent(secret: str) -> ack_load.Load:
        outgoing = ack_load.slack_signed(EVENTS_PATH, body, secret)
        return asyncio.run(ack_load.drive(url, outgoing, rate=50, seconds=0.1, warmup=0))

    with ack.serve(ack.bare_slack_app(slack_settings(fake))) as url:
        forged, signed = sent("forged"), sent(SECRET)
    assert forged.statuses == {401: 5}
    assert forged.failures == 5
    assert signed.statuses == {200: 5}


def test_the_teams_baseline_checks_tokens_too(connector: FakeConnector) -> None:
    thread = ack_load.PingThread(conversation="a:1", message="1700000000001", user="aad-f")
    service_url = connector.service_url
    body = ack_load.card_replies(teams_payload("message_reply_to_card"), [thread], "F", service_url)
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)

    def sent(token: str) -> ack_load.Load:
        outgoing = ack_load.teams_signed(MESSAGES_PATH, body, token)
        return asyncio.run(ack_load.drive(url, outgoing, rate=50, seconds=0.1, warmup=0))

    with ack.serve(ack.bare_teams_app(teams_settings(connector))) as url:
        forged = sent(connector.mint(service_url, key=other_key))
        elsewhere = sent(connector.mint("https://elsewhere.example.org/"))
        signed = sent(connector.mint(service_url))
    assert forged.statuses == {401: 5}
    assert forged.failures == 5
    assert elsewhere.statuses == {401: 5}  # the token is for another serviceUrl
    assert signed.statuses == {200: 5}
    # It checked against the fake's published keys, and called nothing else.
    assert {call.operation for call in connector.calls()} == {"keys"}


def test_prepare_refuses_a_database_with_programmes(tmp_path: Path, fake: FakeSlack) -> None:
    url = f"sqlite:///{tmp_path / 'used.db'}"
    world = ack.prepare_slack(url, fake, tmp_path / "files")
    world.engine.dispose()
    with pytest.raises(SystemExit, match="empty database"):
        ack.prepare_slack(url, fake, tmp_path / "files")


@pytest.mark.parametrize(
    "db_url", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)
def test_both_platforms_on_one_postgresql_database(db_url: str) -> None:
    # The same database for Slack, then (emptied) for Teams.
    args = ack.parse_args([*TINY, "--rounds", "1", "--database", db_url])
    results = ack.run(args)
    assert [r.platform for r in results] == ["slack", "teams"]
    for result in results:
        assert result.failures == 0
        assert result.updates == result.sent == 15
    assert ack.exit_code(results) == 0


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert ack_load.percentile(values, 0.5) == 50.0
    assert ack_load.percentile(values, 0.99) == 99.0
    assert ack_load.percentile(values, 1.0) == 100.0
    assert ack_load.percentile([7.0], 0.99) == 7.0
    assert ack_load.percentile([], 0.99) == 0.0


@pytest.mark.parametrize(
    ("given", "measured"),
    [([], ("slack", "teams")), (["--platform", "teams"], ("teams",))],
)
def test_both_platforms_unless_one_is_asked_for(given: list[str], measured: tuple[str]) -> None:
    assert ack.platforms(ack.parse_args(given)) == measured


@pytest.mark.parametrize("wrong", [["--rate", "0"], ["--rounds", "0"], ["--platform", "irc"]])
def test_a_rate_or_rounds_of_zero_or_another_platform_is_refused(wrong: list[str]) -> None:
    with pytest.raises(SystemExit):
        ack.parse_args(wrong)


def test_a_turn_while_a_letter_is_made_is_measured_and_the_letter_made(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ack.parse_args([*TINY, "--rounds", "1", "--platform", "slack", "--brief", "40"])
    [result] = ack.run(args)
    assert result.letters == (1, 1)  # the director's 'brief concept' became a letter
    assert result.complete
    [turn] = result.loads("with_brief")
    assert turn.name == "voortgang+brief"
    ack.report(result, args)
    out = capsys.readouterr().out
    assert re.search(
        r"^Slack: while a letter of 40 actions was made \(1 of 1 made\): median p99 [\d.]+ ms, "
        r"[\d.]+x the turns without$",
        out,
        re.M,
    )
    assert re.search(r"^Slack: target: p99 while the letter is made within 1\.5x: ", out, re.M)
