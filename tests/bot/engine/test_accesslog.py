"""OAuth codes are never logged: the web process's access log (uvicorn's, as ``voortgang web``
runs it) shows the OAuth redirect with its query values replaced by "…", and nothing else
logs the code or the state. Tested with a real install through a running server."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from bot.engine.accesslog import redact, redact_logs
from bot.engine.opening import Register
from bot.run.http import create_app
from bot.run.web_process import server
from bot.slack.app import INSTALL_PATH, REDIRECT_PATH
from bot.slack.wiring import SlackRuntime
from config.settings import Settings, SlackSettings
from storage.db import make_engine, session_factory
from tests.conftest import TODAY, noon
from tests.fake_slack import FakeSlack
from tests.secret_keys import SECRETS
from tests.slack_oauth_app import AUTHORIZE_URL, CLIENT_ID, CLIENT_SECRET, authorize_link
from tests.slack_world import SECRET
from words.clock import FixedClock

CODE = "7271827.oauth-code-that-must-not-show"
TEAM = "T0EMMEN"


@pytest.mark.parametrize(
    ("line", "redacted"),
    [
        (
            '127.0.0.1:5 - "GET /slack/oauth_redirect?code=abc.123&state=xyz HTTP/1.1" 200',
            '127.0.0.1:5 - "GET /slack/oauth_redirect?code=…&state=… HTTP/1.1" 200',
        ),
        ('1.2.3.4:9 - "GET /healthz HTTP/1.1" 200', '1.2.3.4:9 - "GET /healthz HTTP/1.1" 200'),
        (
            'x - "GET /a?error=access_denied&state= HTTP/1.1" 200',
            'x - "GET /a?error=…&state=… HTTP/1.1" 200',
        ),
        ('x - "GET /a?flag&code=1 HTTP/1.1" 302', 'x - "GET /a?flag&code=… HTTP/1.1" 302'),
    ],
)
def test_query_values_are_replaced_and_the_rest_kept(line: str, redacted: str) -> None:
    assert redact(line) == redacted


def test_the_urls_httpx_logs_keep_no_query_values(caplog: pytest.LogCaptureFixture) -> None:
    """The Teams port calls OneDrive's upload URL, whose query is its credential."""
    redact_logs()
    answer = httpx.Response(201)
    transport = httpx.MockTransport(lambda _request: answer)
    with httpx.Client(transport=transport) as http, caplog.at_level(logging.INFO, logger="httpx"):
        http.put("https://emmen-my.sharepoint.com/upload?guid=1&tempauth=eyJ.secret")
    [record] = caplog.records
    assert record.getMessage() == (
        "HTTP Request: PUT https://emmen-my.sharepoint.com/upload?guid=…&tempauth=… "
        '"HTTP/1.1 201 Created"'
    )


@pytest.fixture
def running(db_url: str, tmp_path: Path) -> Iterator[tuple[str, FakeSlack, Register]]:
    """The web process's app for installs through OAuth, served by uvicorn on a free port."""
    engine = make_engine(db_url)
    register = Register(engine, session_factory(engine), SECRETS)
    with FakeSlack("xoxb-never-used") as fake:
        fake.oauth_app(CLIENT_ID, CLIENT_SECRET)
        slack = SlackSettings(
            signing_secret=SECRET,
            client_id=CLIENT_ID,
            client_secret=CLIENT_SECRET,
            api_url=fake.url,
            authorize_url=AUTHORIZE_URL,
        )
        settings = Settings(database_url=db_url, example_programme=None, slack=slack)
        clock = FixedClock(noon(TODAY))
        app: FastAPI = create_app(register, clock, [SlackRuntime(register, clock, settings)])
        web = server(app, "127.0.0.1", 0)
        thread = threading.Thread(target=web.run, daemon=True)
        thread.start()
        try:
            while not web.started:
                if not thread.is_alive():
                    raise AssertionError("the server did not start")
                threading.Event().wait(0.01)
            port = web.servers[0].sockets[0].getsockname()[1]
            yield f"http://127.0.0.1:{port}", fake, register
        finally:
            web.should_exit = True
            thread.join(timeout=30)
            engine.dispose()


def test_the_oauth_redirect_is_logged_without_its_code_or_state(
    running: tuple[str, FakeSlack, Register], caplog: pytest.LogCaptureFixture
) -> None:
    base, fake, _register = running
    access = logging.getLogger("uvicorn.access")  # uvicorn's: it does not reach the root
    access.addHandler(caplog.handler)
    caplog.set_level(logging.INFO)  # what `voortgang web` logs at
    try:
        with httpx.Client(base_url=base, timeout=30) as http:
            page = http.get(INSTALL_PATH)
            state = authorize_link(page.text)["state"][0]
            fake.grant(CODE, TEAM, "xoxb-emmen", installer="UADMIN")
            # The state cookie is a Secure one: set by hand on this plain-http loopback test.
            answer = http.get(
                REDIRECT_PATH,
                params={"code": CODE, "state": state},
                headers={"Cookie": f"slack-app-oauth-state={state}"},
            )
    finally:
        access.removeHandler(caplog.handler)
    assert answer.status_code == 200, answer.text
    messages = [caplog.handler.format(record) for record in caplog.records]
    assert any(f"installed in workspace {TEAM}" in m for m in messages)  # the install ran
    assert any(f"GET {REDIRECT_PATH}?code=…&state=… HTTP/1.1" in m for m in messages)
    for secret in (CODE, state, "xoxb-emmen"):
        assert not any(secret in m for m in messages), secret
