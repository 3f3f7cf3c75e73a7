"""The web app's flows in a real browser (Chromium, the app served by uvicorn on the BOCE
example, on SQLite and PostgreSQL): each flow is one test, each page it passes is checked with
axe-core (WCAG 2.1 AA) and the pages people see most are kept as screenshots.

Pages join ``SIGNED_IN_PAGES`` or ``SIGNED_OUT_PAGES`` as they land; a flow that does more
than open a page (a form sent, a button pressed) is a test of its own.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.browser import check_axe, screenshot, sign_in_browser
from tests.live_server import serve
from tests.web_app import (
    PUBLIC_URL,
    WebWorld,
    both_databases,  # noqa: F401 - this module runs on both databases
)
from words.catalogue import t

DIRECTOR = "m.hoekstra@emmen.example"
DIRECTOR_KEY = "marieke-hoekstra"

# Every page there is to see, by address, and its heading where one text names it (""
# where the heading names the programme or the person: each page has one h1).
SIGNED_OUT_PAGES: list[tuple[str, str]] = [
    ("/inloggen", t("web.signin.title", "nl")),
    ("/openbaar/boce", ""),
]
SIGNED_IN_PAGES: list[tuple[str, str]] = [
    ("/", t("web.home_title", "nl")),
    ("/p/boce/mensen", ""),
    ("/p/boce/bestanden", ""),
    ("/p/boce/acties?status=late&voor=eind+maart&sorteer=deadline", ""),
    ("/p/boce/acties/1/bewerken", ""),
    ("/mijn", ""),
    ("/mijn/geschiedenis", ""),
    ("/agenda", ""),
    ("/beheer", ""),  # the director is no operator: the refusal page
]


def _ids(pages: list[tuple[str, str]]) -> list[str]:
    return [path for path, _ in pages]


@pytest.fixture
def site(web: WebWorld) -> Iterator[str]:
    """The web app with every page group on the BOCE example, served on a loopback port."""
    with serve(web.app) as url:
        yield url


def test_sign_in_by_link_then_read_the_home_page(web: WebWorld, site: str, page: Page) -> None:
    # Signed out, the app sends the director to sign in, and back after.
    page.goto(f"{site}/")
    expect(page).to_have_url(f"{site}/inloggen?terug=/")
    expect(page.locator("h1")).to_have_text(t("web.signin.title", "nl"))
    check_axe(page)
    screenshot(page, "sign-in")

    page.get_by_label(t("web.signin.email", "nl")).fill(DIRECTOR)
    page.get_by_role("button", name=t("web.signin.send", "nl")).click()
    expect(page.locator("h1")).to_have_text(t("web.signin.sent_title", "nl"))
    check_axe(page)

    # The link as the mail carries it (the sender mints it when delivering), on this server.
    link = web.sign_in_link(DIRECTOR)
    assert link is not None, "no sign-in message was queued"
    page.goto(site + link.removeprefix(PUBLIC_URL))
    check_axe(page)
    screenshot(page, "sign-in-confirm")
    page.get_by_role("button").click()

    expect(page).to_have_url(f"{site}/")
    expect(page.locator("h1")).to_have_text(t("web.home_title", "nl"))
    expect(page.get_by_text("Marieke Hoekstra")).to_be_visible()
    expect(page.get_by_role("link", name="BOCE")).to_have_attribute("href", "/p/boce")
    check_axe(page)
    screenshot(page, "home")


def test_a_used_sign_in_link_says_so(web: WebWorld, site: str, page: Page) -> None:
    page.goto(f"{site}/inloggen")
    page.get_by_label(t("web.signin.email", "nl")).fill(DIRECTOR)
    page.get_by_role("button", name=t("web.signin.send", "nl")).click()
    # The answer is in before the link is looked for: a click does not wait for it, and a
    # navigation begun while the form was still being sent aborted it.
    expect(page.locator("h1")).to_have_text(t("web.signin.sent_title", "nl"))
    link = web.sign_in_link(DIRECTOR)
    assert link is not None
    address = site + link.removeprefix(PUBLIC_URL)
    page.goto(address)
    page.get_by_role("button").click()
    expect(page).to_have_url(f"{site}/")

    # Opened again (by someone else, or forwarded): it signs no one in.
    page.context.clear_cookies()
    answer = page.goto(address)
    assert answer is not None
    assert answer.status == 410
    expect(page.locator("h1")).to_have_text(t("web.signin.link_gone_title", "nl"))
    check_axe(page)
    screenshot(page, "sign-in-link-used")
    page.get_by_role("link", name=t("web.signin.ask_again", "nl")).click()
    expect(page).to_have_url(f"{site}/inloggen")


def test_signing_out(web: WebWorld, site: str, page: Page) -> None:
    sign_in_browser(page, web, DIRECTOR_KEY).goto(f"{site}/")
    page.get_by_role("button", name=t("web.sign_out", "nl")).click()
    expect(page.locator("h1")).to_have_text(t("web.signout.title", "nl"))
    check_axe(page)
    page.goto(f"{site}/")
    expect(page).to_have_url(f"{site}/inloggen?terug=/")


def test_the_skip_link_is_the_first_stop_and_leads_to_the_content(
    web: WebWorld, site: str, page: Page
) -> None:
    sign_in_browser(page, web, DIRECTOR_KEY).goto(f"{site}/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name=t("web.skip", "nl"))
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()  # shown when focused, for people who see the screen
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


# A page's markup is the same on either database: the list is checked on SQLite (the flows
# above run on both).
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize(
    ("path", "heading"), SIGNED_OUT_PAGES, ids=[p for p, _ in SIGNED_OUT_PAGES]
)
def test_each_signed_out_page_passes_axe(site: str, page: Page, path: str, heading: str) -> None:
    page.goto(site + path)
    expect(page.locator("h1")).to_have_count(1)
    if heading:
        expect(page.locator("h1")).to_have_text(heading)
    check_axe(page)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize(("path", "heading"), SIGNED_IN_PAGES, ids=_ids(SIGNED_IN_PAGES))
def test_each_signed_in_page_passes_axe(
    web: WebWorld, site: str, page: Page, path: str, heading: str
) -> None:
    sign_in_browser(page, web, DIRECTOR_KEY).goto(site + path)
    expect(page.locator("h1")).to_have_count(1)
    if heading:
        expect(page.locator("h1")).to_have_text(heading)
    check_axe(page)


def test_a_page_that_is_not_there_passes_axe(web: WebWorld, site: str, page: Page) -> None:
    answer = sign_in_browser(page, web, DIRECTOR_KEY).goto(f"{site}/p/bestaat-niet/niets")
    assert answer is not None
    assert answer.status == 404
    check_axe(page)
