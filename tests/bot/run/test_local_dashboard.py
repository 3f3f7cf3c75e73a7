"""The console's dashboard: its address signs in as the director on this computer only, and
production settings refuse it."""

from __future__ import annotations

import io
import os
import re
import threading
from pathlib import Path

import httpx
import pytest

from bot.run.console_process import run
from bot.web.core.site import Site
from bot.web.signin.local_sign_in import LocalSignIn
from config.settings import Settings, SettingsError
from tests.conftest import BOCE
from tests.web_app import WebWorld, make_web_world
from words.clock import FixedClock


def _settings(tmp_path: Path, **more: object) -> Settings:
    return Settings(
        database_url=f"sqlite:///{tmp_path / 'v.db'}",
        example_programme=BOCE,
        port=0,
        **more,  # type: ignore[arg-type]
    )


def test_production_settings_refuse_the_local_sign_in(tmp_path: Path, web: WebWorld) -> None:
    public = _settings(tmp_path, public_url="https://voortgang.example.nl")
    with pytest.raises(SettingsError, match="PUBLIC_URL"):
        LocalSignIn(Site(web.register, web.clock, public, local=True), "127.0.0.1")
    with pytest.raises(SettingsError, match="non-loopback"):
        LocalSignIn(Site(web.register, web.clock, _settings(tmp_path), local=True), "0.0.0.0")  # noqa: S104


def test_the_local_link_refuses_another_computer(web: WebWorld) -> None:
    local = LocalSignIn(web.site, "127.0.0.1")
    world = make_web_world(web.register, web.clock, web.settings, None, local=True)
    local.mount(world.app)
    # The test client's address is "testclient", not this computer's loopback.
    answer = world.client().get(local.path)
    assert answer.status_code == 403
    assert "set-cookie" not in answer.headers


def test_make_run_prints_an_address_that_signs_in_as_the_director(
    tmp_path: Path, clock: FixedClock
) -> None:
    out = io.StringIO()
    pages: list[str] = []
    read, write = os.pipe()

    def browse() -> None:
        """Open the printed address once the console shows it, then end the console."""
        try:
            for _ in range(500):
                url = re.search(r"http://\S+", out.getvalue())
                if url is not None:
                    with httpx.Client(follow_redirects=True) as browser:
                        pages.append(browser.get(url.group(0)).text)
                    break
                threading.Event().wait(0.02)  # the console starting up in the main thread
        finally:
            os.write(write, b"stop\n")
            os.close(write)

    helper = threading.Thread(target=browse)
    helper.start()
    with os.fdopen(read, encoding="utf-8") as stdin:
        code = run(_settings(tmp_path), stdin, out, clock, resume=False, dashboard=True)
    helper.join()
    assert code == 0
    assert "Dashboard (alleen op deze computer" in out.getvalue()
    assert "Ingelogd als Marieke Hoekstra" in pages[0]
    assert "Lokale modus" in pages[0]
