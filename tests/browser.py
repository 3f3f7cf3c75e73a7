"""The browser tests' tools: Debian's Chromium driven by Playwright, axe-core in the page, and
full-page screenshots kept as test artefacts. A pytest plugin (tests/conftest.py loads it), so
every test module may ask for ``browser`` and ``page``.

No browser is ever downloaded: Playwright drives the chromium package of the machine
(``.ci/run`` installs it), and axe-core's script is the one the ``axe-playwright-python``
package ships, injected into the page under test. Without either, the tests that need them
skip with the reason; under CI (CI=true) they fail instead, as PostgreSQL's do.

The pages are served for real (tests/live_server.py): uvicorn on a loopback port, the browser
talking HTTP to it, the pages' own headers (the content security policy among them) in force.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, Mapping, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Final, NoReturn

import pytest
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Page,
    Request,
    Response,
    ViewportSize,
    sync_playwright,
)
from playwright.sync_api import Error as PlaywrightError

from config.settings import load_settings

ROOT: Final = Path(__file__).resolve().parents[1]
CHROMIUM: Final = Path("/usr/bin/chromium")
# No sandbox: CI runs as root, where Chromium's sandbox refuses to start. The rest keeps the
# browser off the network except for the page under test: no updates, no sync, no QUIC
# probes, nothing in the background.
CHROMIUM_ARGS: Final = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
AXE_PACKAGE: Final = "axe_playwright_python"
# WCAG 2.1 level AA, the bar: the rules of levels A and AA of 2.0 and of 2.1.
AXE_TAGS: Final = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
SCREENSHOTS: Final = ROOT / "test-artefacts" / "screenshots"
VIEWPORT: Final[ViewportSize] = {"width": 1280, "height": 900}
TIMEOUT_MS: Final = 15_000  # one step in the browser; a page of ours answers in milliseconds


def missing(reason: str) -> NoReturn:
    """Skip the test for ``reason``; under CI, where the browser must be tested, fail it."""
    if load_settings().ci:
        pytest.fail(f"CI=true but {reason}")
    pytest.skip(reason)


@cache
def _axe_source() -> str | None:
    try:
        return (resources.files(AXE_PACKAGE) / "axe.min.js").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return None


def axe_script() -> str:
    """axe-core's script as the package ships it."""
    source = _axe_source()
    if source is None:
        missing(f"axe-core is missing: install the {AXE_PACKAGE.replace('_', '-')} package")
    return source


def axe_version() -> str:
    """The version of axe-core in the package, from the script's first line."""
    first = axe_script().split("\n", 1)[0]  # "/*! axe v4.12.1"
    return first.removeprefix("/*! axe v").strip()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One Chromium for the whole test module: starting it costs more than a test."""
    if not CHROMIUM.is_file():
        missing(f"Chromium is missing at {CHROMIUM}: install Debian's chromium package")
    with sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(
                executable_path=CHROMIUM, args=list(CHROMIUM_ARGS), headless=True
            )
        except PlaywrightError as err:
            missing(f"Chromium at {CHROMIUM} does not start: {err.message.splitlines()[0]}")
        try:
            yield launched
        finally:
            launched.close()


# What Chromium logs of any answer of 400 or more, the page's own (a 404 or 422 page that
# is meant to be one) included: a style sheet or image that failed is caught by its response.
_STATUS_LOGGED: Final = "Failed to load resource: the server responded with a status of"


class Complaints:
    """What the browser said went wrong on a page: console errors (a content security policy
    that blocked something says so there), uncaught errors, and anything the page loaded
    besides itself that failed or was answered with an error."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def console(self, message: ConsoleMessage) -> None:
        if message.type == "error" and not message.text.startswith(_STATUS_LOGGED):
            self.seen.append(f"console: {message.text}")

    def error(self, error: PlaywrightError) -> None:
        self.seen.append(f"page error: {error.message}")

    def response(self, response: Response) -> None:
        if response.request.resource_type != "document" and response.status >= 400:
            self.seen.append(f"{response.status} for {response.url}")

    def failed(self, request: Request) -> None:
        self.seen.append(f"failed: {request.url} ({request.failure})")


_COMPLAINTS: Final[dict[int, Complaints]] = {}
_STARTED: Final = pytest.StashKey[float]()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page in a context of its own (no cookies from another test), in Dutch."""
    context = browser.new_context(locale="nl-NL", viewport=VIEWPORT)
    context.set_default_timeout(TIMEOUT_MS)
    opened = context.new_page()
    complaints = Complaints()
    opened.on("console", complaints.console)
    opened.on("pageerror", complaints.error)
    opened.on("response", complaints.response)
    opened.on("requestfailed", complaints.failed)
    _COMPLAINTS[id(opened)] = complaints
    try:
        yield opened
    finally:
        del _COMPLAINTS[id(opened)]
        context.close()


def complaints(page: Page) -> list[str]:
    """What the browser complained of on ``page`` so far."""
    found = _COMPLAINTS.get(id(page))
    return [] if found is None else list(found.seen)


def check_axe(page: Page, *, exclude: Sequence[str] = ()) -> None:
    """Fail with a readable list when axe-core finds any WCAG 2.1 A or AA violation on the
    page as it is now, or when the browser complained of anything on it (a style or script
    the content security policy blocked).

    ``exclude`` names CSS selectors axe should leave alone; every use needs a reason.
    """
    # Half a megabyte of script: sent once a document, not for every check of it.
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_script())
    options = {"runOnly": {"type": "tag", "values": list(AXE_TAGS)}, "resultTypes": ["violations"]}
    context: Mapping[str, Any] = {"exclude": [[s] for s in exclude]} if exclude else {}
    results: dict[str, Any] = page.evaluate(
        "([context, options]) => axe.run(Object.keys(context).length ? context : document,"
        " options)",
        [context, options],
    )
    violations: list[dict[str, Any]] = results["violations"]
    said = complaints(page)
    if violations or said:
        pytest.fail(axe_report(page.url, violations, said), pytrace=False)


def axe_report(url: str, violations: Sequence[Mapping[str, Any]], said: Sequence[str]) -> str:
    """One line per rule broken, then each element that breaks it and what axe said of it."""
    lines = [f"{url}: {len(violations)} accessibility violation(s) (axe-core {axe_version()})"]
    for violation in violations:
        nodes = violation["nodes"]
        lines.append(
            f"- {violation['id']} ({violation['impact']}, {len(nodes)} element(s)): "
            f"{violation['help']} [{violation['helpUrl']}]"
        )
        for node in nodes:
            lines.append(f"    {', '.join(map(json.dumps, node['target']))}: {node['html']}")
            summary = str(node.get("failureSummary", ""))
            lines.extend(f"      {line.strip()}" for line in summary.splitlines() if line.strip())
    if said:
        lines.append(f"{url}: the browser complained {len(said)} time(s)")
        lines.extend(f"- {line}" for line in said)
    return "\n".join(lines)


def screenshot(page: Page, name: str) -> Path:
    """Save the whole page (not only what fits the window) as ``name``.png among the test
    artefacts, and say where."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=path, full_page=True)
    print(f"screenshot: {path}")  # where to look, in the test's captured output
    return path


def pytest_sessionstart(session: pytest.Session) -> None:
    session.config.stash[_STARTED] = time.time()


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    """Where this run's screenshots are, once at the end, so they are looked at."""
    started = config.stash.get(_STARTED, None)
    if started is None or not SCREENSHOTS.is_dir():
        return
    made = [p for p in SCREENSHOTS.glob("*.png") if p.stat().st_mtime >= started]
    if made:
        terminalreporter.write_line(f"screenshots of this run: {len(made)} in {SCREENSHOTS}")
