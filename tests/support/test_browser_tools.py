"""tests.browser and tests.live_server: axe-core really runs in the page and says what is wrong
in a readable list, what the content security policy blocked counts as a fault, screenshots
hold the whole page, and a missing browser skips, except under CI."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager

import pytest
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from playwright.sync_api import Page

from tests.browser import AXE_TAGS, axe_version, check_axe, missing, screenshot
from tests.live_server import serve

CLEAN = """<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Schoon</title>
</head><body><main><h1>Schoon</h1><form><label for="naam">Naam</label>
<input id="naam" name="naam"></form></main></body></html>"""

# An input without a label, an image without a text, grey on white text: level A and AA.
FLAWED = """<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Fout</title>
</head><body><main><h1>Fout</h1><input id="los" name="los"><img src="data:image/gif;base64,
R0lGODlhAQABAAAAACw=" width="10" height="10">
<p class="grijs">Nauwelijks te lezen</p></main></body></html>"""

CSP = "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'"


@pytest.fixture(scope="module")
def strict_site() -> Iterator[str]:
    """A page under the web app's content security policy, with a style it blocks."""
    app = FastAPI()

    async def inline_style() -> HTMLResponse:
        body = CLEAN.replace("<h1>", '<h1 style="color: red">')
        return HTMLResponse(body, headers={"Content-Security-Policy": CSP})

    async def missing_sheet() -> HTMLResponse:
        body = CLEAN.replace("</head>", '<link rel="stylesheet" href="/weg.css"></head>')
        return HTMLResponse(body, headers={"Content-Security-Policy": CSP})

    app.add_api_route("/inline", inline_style)
    app.add_api_route("/sheet", missing_sheet)
    with serve(app) as url:
        yield url


def test_a_clean_page_passes(page: Page) -> None:
    page.set_content(CLEAN)
    check_axe(page)


def test_violations_fail_the_test_with_each_rule_and_element_named(page: Page) -> None:
    page.set_content(FLAWED.replace('class="grijs"', 'style="color: #bbb"'))
    with pytest.raises(pytest.fail.Exception) as failed:
        check_axe(page)
    report = str(failed.value)
    assert re.search(r": 3 accessibility violation\(s\) \(axe-core 4\.\d+\.\d+\)", report)
    for rule in ("label", "image-alt", "color-contrast"):
        assert re.search(rf"^- {rule} \((critical|serious)\S*, 1 element\(s\)\): ", report, re.M)
    assert '    "#los": <input id="los" name="los">' in report
    assert "Fix any of the following" in report  # axe's own advice, line by line


def test_only_the_wcag_2_1_a_and_aa_rules_are_applied(page: Page) -> None:
    # No <main> landmark and a heading that skips a level are best practice, not WCAG.
    page.set_content(
        '<!DOCTYPE html><html lang="nl"><head><title>t</title></head>'
        "<body><h1>a</h1><h3>b</h3></body></html>"
    )
    check_axe(page)
    assert AXE_TAGS == ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")


def test_what_the_content_security_policy_blocks_is_a_fault(strict_site: str, page: Page) -> None:
    page.goto(f"{strict_site}/inline")
    with pytest.raises(pytest.fail.Exception) as failed:
        check_axe(page)
    assert "0 accessibility violation(s)" in str(failed.value)
    assert "Content Security Policy" in str(failed.value)


def test_a_style_sheet_that_does_not_load_is_a_fault(strict_site: str, page: Page) -> None:
    page.goto(f"{strict_site}/sheet")
    with pytest.raises(pytest.fail.Exception, match=r"404 for http://127\.0\.0\.1:\d+/weg\.css"):
        check_axe(page)


def test_a_screenshot_holds_the_whole_page(page: Page, capsys: pytest.CaptureFixture[str]) -> None:
    tall = CLEAN.replace("<h1>Schoon</h1>", "<h1>Schoon</h1>" + "<p>regel</p>" * 200)
    page.set_content(tall)
    path = screenshot(page, "browser-tools-tall-page")
    png = path.read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    height = int.from_bytes(png[20:24], "big")  # the IHDR chunk's height
    assert height > 900  # taller than the window
    assert f"screenshot: {path}" in capsys.readouterr().out
    path.unlink()


def test_the_axe_core_of_the_package_is_a_recent_one() -> None:
    major, minor, _ = (int(part) for part in axe_version().split("."))
    assert (major, minor) >= (4, 10)


def test_a_missing_browser_skips_but_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"^no browser$"):
        missing("no browser")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"^CI=true but no browser$"):
        missing("no browser")


@asynccontextmanager
async def refusing(_app: FastAPI) -> AsyncIterator[None]:
    raise RuntimeError("no database")
    yield  # never reached: a lifespan is a generator


def test_a_server_whose_startup_fails_is_an_error_not_a_hang() -> None:
    with pytest.raises(RuntimeError, match="did not start"), serve(FastAPI(lifespan=refusing)):
        pass
