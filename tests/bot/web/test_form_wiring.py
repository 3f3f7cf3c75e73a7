"""The update form in the web process: mounted when there is a public address for the links to
point at, and its tokens kept out of the access log."""

from __future__ import annotations

import logging
from pathlib import Path

from fastapi.testclient import TestClient

from bot.engine.intake import EventIntake
from bot.engine.opening import Register
from bot.run.http import create_app
from bot.run.web_process import platforms
from bot.web.app import WebApp
from bot.web.paths import FORM_PATH, form_url
from bot.web.token_logs import HideTokens, redact_token
from bot.web.update_pages import UpdateFormPages
from config.settings import Settings
from storage.db import make_engine, session_factory
from tests.web_app import both_databases  # noqa: F401 - this module runs on both databases
from words.catalogue import t
from words.clock import FixedClock

TOKEN = "A" * 43


def test_the_form_is_mounted_only_with_a_public_address(
    register: Register, clock: FixedClock, tmp_path: Path
) -> None:
    intake = EventIntake(register.engine)
    plain = Settings(database_url=f"sqlite:///{tmp_path / 'v.db'}", example_programme=None)
    public = Settings(
        database_url=f"sqlite:///{tmp_path / 'v.db'}",
        example_programme=None,
        public_url="https://voortgang.example.nl",
    )
    [web] = platforms(register, clock, plain, intake)
    assert isinstance(web, WebApp)
    [web, pages] = platforms(register, clock, public, intake)
    assert isinstance(pages, UpdateFormPages)


def test_the_link_is_the_form_path_under_the_public_address() -> None:
    assert FORM_PATH == "/bijwerken/{token}"
    assert form_url("https://v.example.nl/", TOKEN) == f"https://v.example.nl/bijwerken/{TOKEN}"


def test_the_access_log_keeps_no_token() -> None:
    assert redact_token(f'"GET /bijwerken/{TOKEN}?actie=1 HTTP/1.1"') == (
        '"GET /bijwerken/…?actie=1 HTTP/1.1"'
    )
    assert redact_token(f"POST /bijwerken/{TOKEN}/nieuw") == "POST /bijwerken/…/nieuw"
    # As uvicorn logs a request: the path is one of the record's arguments.
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", f"/bijwerken/{TOKEN}", "1.1", 200),
        None,
    )
    assert HideTokens().filter(record)
    assert TOKEN not in record.getMessage()


def test_a_database_that_is_away_gets_a_plain_answer(clock: FixedClock, settings: Settings) -> None:
    engine = make_engine(
        "postgresql+psycopg://nobody@127.0.0.1:1/none", connect_args={"connect_timeout": 1}
    )
    broken = Register(engine, session_factory(engine))
    intake = EventIntake(engine)
    app = create_app(broken, clock, [UpdateFormPages(broken, clock, settings, intake)], intake)
    with TestClient(app) as client:
        answers = [
            client.get(f"/bijwerken/{TOKEN}"),
            client.post(f"/bijwerken/{TOKEN}", data={"status-1": "done"}),
            client.post(f"/bijwerken/{TOKEN}/nieuw"),
        ]
    engine.dispose()
    for answer in answers:
        assert answer.status_code == 503
        assert t("webform.unavailable_title", "nl") in answer.text
        assert answer.headers["cache-control"] == "no-store"
