"""bench.web: both servers under a tiny load on every page, the figures, the report and the
verdict; the world it builds; the bare page's rows are the page's own."""

from __future__ import annotations

import argparse
import asyncio
import re
import time
from pathlib import Path

import httpx2 as httpx
import pytest
from fastapi import FastAPI, Request
from fastapi.responses import PlainTextResponse

from bench import web, web_load, web_world
from bot.web.core.auth import SESSION_COOKIE
from storage import web_sessions
from tests.live_server import serve

# 60 actions for 3 users (about 20 each); 12 measured requests after 3 of warm-up a turn, the
# users looking at each page for a few milliseconds.
TINY = ["--actions", "60", "--updates", "150", "--users", "3", "--requests", "12"]
TINY += ["--warmup", "3", "--rounds", "2", "--think", "0.005"]
# One signed-in page and the link's page: each page costs two servers a round (the others are
# opened in test_the_signed_in_pages_are_opened_as_the_director_...).
TINY += ["--page", "dashboard", "--page", "form"]


@pytest.fixture(scope="module")
def args() -> argparse.Namespace:
    return web.parse_args(TINY)


@pytest.fixture(scope="module")
def done(args: argparse.Namespace) -> web.Run:
    return web.run(args)


def test_every_page_is_measured_on_both_servers_in_every_round(done: web.Run) -> None:
    assert [result.page for result in done.pages] == ["dashboard", "form"]
    for result in done.pages:
        assert [turn.server for turn in result.turns] == ["voortgang", "bare"] * 2
        for turn in result.turns:
            assert turn.statuses == {200: 12}
            # The server timed exactly the measured requests, not the warm-up.
            assert len(turn.server_ms) == 12
            assert all(ms > 0 for ms in turn.server_ms)
    assert web.exit_code(done) == 0


def test_the_server_time_is_inside_what_the_clients_waited(done: web.Run) -> None:
    for result in done.pages:
        for turn in result.turns:
            clients = [s.latency_ms for s in turn.samples]
            assert turn.p(1.0) <= max(clients)
            assert 0 < turn.p(0.5) <= turn.p(0.99) <= turn.p(1.0)


def test_the_verdict_is_on_the_median_of_the_rounds(done: web.Run) -> None:
    for result in done.pages:
        p99s = [turn.p(0.99) for turn in result.of("voortgang")]
        assert result.median_p99("voortgang") == pytest.approx(sum(p99s) / 2)
        assert result.ratio == pytest.approx(
            result.median_p99("voortgang") / result.median_p99("bare")
        )
        assert result.under_target == (result.median_p99("voortgang") < 100)
        assert result.near_bare == (result.ratio <= 2)


def test_the_report_prints_both_p99s_the_ratio_and_the_targets(
    done: web.Run, args: argparse.Namespace, capsys: pytest.CaptureFixture[str]
) -> None:
    web.report(done, args)
    out = capsys.readouterr().out
    for page in ("dashboard", "form"):
        name = re.escape(page)
        assert re.search(
            rf"^{name}: 2 round\(s\); in each, 3 users at once looking 0.005 s at a page, 12 ",
            out,
            re.M,
        )
        for server in ("voortgang", "bare"):
            found = re.findall(
                rf"^    {name} {server} +server p50 +[\d.]+ ms +p99 +[\d.]+ ms +max +[\d.]+ ms"
                r" +\(clients p99 +[\d.]+ ms, +[\d.]+/s; non-200: 0\)$",
                out,
                re.M,
            )
            assert len(found) == 2
        assert re.search(
            rf"^{name}: median of the rounds: server p99 voortgang [\d.]+ ms, bare [\d.]+ ms; "
            r"voortgang / bare: [\d.]+x$",
            out,
            re.M,
        )
        assert re.search(rf"^{name}: target: p99 under 100 ms \(sqlite\): (PASS|FAIL)$", out, re.M)
        assert re.search(rf"^{name}: target: p99 within 2x the bare page: (PASS|FAIL)$", out, re.M)


def test_an_answer_other_than_200_fails_the_run(done: web.Run) -> None:
    first = done.pages[0]
    refused = web.Turn("voortgang", [1.0], [web_load.Sample(0.0, 1.0, 404)])
    broken = web.Run(done.world, [web.PageResult(first.page, first.rows, [refused])])
    assert web.exit_code(broken) == 1


def test_the_world_gives_each_user_their_own_actions_and_link(done: web.Run) -> None:
    world = done.world
    assert len(world.users) == 3
    assert len({user.person_id for user in world.users}) == 3
    for user in world.users:
        assert 15 <= len(user.actions) <= 25
        assert list(user.actions) == sorted(user.actions)  # in the register's order
    # Each their own (a fourth of the actions have a second owner, so some are shared).
    assert len({frozenset(user.actions) for user in world.users}) == 3


def test_the_bare_page_shows_the_rows_the_form_shows(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'web.db'}"
    world = web_world.prepare(url, 40, 80, 2)
    form = web_world.page_named("form")
    try:
        with (
            serve(web.ServerTimer(web_world.our_app(world))) as ours,
            serve(web_world.bare_app(world)) as bare,
        ):
            user = world.users[1]
            page = httpx.get(ours + form.path(user)).text
            plain = httpx.get(bare + web_world.bare_path(form, 1)).text
        with world.register.sessions() as session:
            rows = form.rows(session, world, user)
    finally:
        world.engine.dispose()
    assert len(rows) == len(user.actions) >= 1
    for number, title, *_ in rows:
        assert f"{number} {title}" in page  # the form's legend of the action
        assert f"<td>{title}</td>" in plain


def test_prepare_refuses_a_database_with_programmes(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'used.db'}"
    web_world.prepare(url, 20, 0, 1).engine.dispose()
    with pytest.raises(SystemExit, match="empty database"):
        web_world.prepare(url, 20, 0, 1)


def test_more_users_than_owners_is_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'few.db'}"
    with pytest.raises(SystemExit, match="users asked for"):
        web_world.prepare(url, 20, 0, 5)


@pytest.mark.parametrize(
    "db_url", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)
def test_on_postgresql(db_url: str) -> None:
    # db_url is a migrated database, emptied.
    args = web.parse_args([*TINY, "--rounds", "1", "--database", db_url])
    done = web.run(args)
    assert done.world.engine.dialect.name == "postgresql"
    assert all(turn.statuses == {200: 12} for result in done.pages for turn in result.turns)
    assert web.exit_code(done) == 0


@pytest.mark.parametrize(
    "wrong",
    [["--users", "0"], ["--requests", "0"], ["--warmup", "-1"], ["--think", "-1"], ["--page", "x"]],
)
def test_nonsense_arguments_are_refused(wrong: list[str]) -> None:
    with pytest.raises(SystemExit):
        web.parse_args(wrong)


def test_the_signed_in_pages_are_opened_as_the_director_each_user_in_a_session_of_their_own(
    tmp_path: Path,
) -> None:
    world = web_world.prepare(f"sqlite:///{tmp_path / 'web.db'}", 40, 0, 2)
    home, form = web_world.page_named("home"), web_world.page_named("form")
    try:
        jars = [web_world.cookies(world, home, user) for user in world.users]
        assert web_world.cookies(world, form, world.users[0]) == {}  # the link lets them in
        with serve(web_world.our_app(world)) as ours:
            pages = [httpx.get(ours + "/", cookies=jar) for jar in jars]
            signed_out = httpx.get(ours + "/")
        with world.register.sessions() as session:
            found = [web_sessions.find(session, u.director, web_world.NOW) for u in world.users]
    finally:
        world.engine.dispose()
    assert len({jar[SESSION_COOKIE] for jar in jars}) == 2
    assert [signed.person_id for signed in found if signed is not None] == [world.director_id] * 2
    assert all(page.status_code == 200 and "Marieke Hoekstra" in page.text for page in pages)
    assert signed_out.status_code == 303  # to sign in: the cookies are what let them in


def test_users_look_at_a_page_before_the_next_unless_told_not_to() -> None:
    app = FastAPI()

    async def hello(request: Request) -> PlainTextResponse:
        return PlainTextResponse(request.cookies.get("who", "nobody"))

    app.add_api_route("/", hello)
    with serve(app) as url:

        def spent(think: float) -> float:
            spec = web_load.Spec(url, [["/"], ["/"]], [{"who": "a"}, {}], 8, 2, think)
            started = time.perf_counter()
            samples = asyncio.run(web_load.drive(spec))
            assert [s.status for s in samples] == [200] * 8
            return time.perf_counter() - started

        fast, looking = spent(0.0), spent(0.25)
    # Five pages each, a quarter of a second's look after each on average.
    assert looking > fast + 0.5


def test_the_rate_is_over_the_time_from_first_sent_to_last_answered() -> None:
    samples = [web_load.Sample(10.0, 500.0, 200), web_load.Sample(11.0, 1000.0, 200)]
    assert web_load.rate(samples) == pytest.approx(2 / 2.0)
    assert web_load.rate([]) == 0.0


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert web_load.percentile(values, 0.99) == 99.0
    assert web_load.percentile(values, 1.0) == 100.0
    assert web_load.percentile([], 0.99) == 0.0


def test_a_connection_closed_as_idle_is_tried_once_more_then_counted_unanswered() -> None:
    calls: list[str] = []

    def closing_first(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.path)
        if len(calls) == 1 or request.url.path == "/weg":
            raise httpx.RemoteProtocolError("Server disconnected without sending a response.")
        return httpx.Response(200)

    async def both() -> tuple[int, int]:
        transport = httpx.MockTransport(closing_first)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            return (
                await web_load._get(client, "/", {}),
                await web_load._get(client, "/weg", {}),
            )

    assert asyncio.run(both()) == (200, web_load.NO_ANSWER)
    assert calls == ["/", "/", "/weg", "/weg"]
