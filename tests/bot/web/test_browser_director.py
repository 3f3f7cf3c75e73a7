"""The director's work in a real browser (Chromium on the app served by uvicorn, the BOCE
example, SQLite and PostgreSQL): the dashboard, the register and an action; writing the
letter's opening and an update's wording; publishing the letter; the councils' public page;
subscribing to one's own calendar. Every page passed is checked with axe-core and the main
ones kept as screenshots (the README shows them)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from icalendar import Calendar
from playwright.sync_api import Page, expect

from tests.browser import check_axe, screenshot, sign_in_browser
from tests.conftest import run_queued_jobs
from tests.live_server import serve
from tests.web_app import (
    WebWorld,
    both_databases,  # noqa: F401 - this module runs on both databases
)
from words.catalogue import t

DIRECTOR_KEY = "marieke-hoekstra"
OPENING = "De raden krijgen dit kwartaal <b>één</b> brief: alle thema's liggen op koers & meer."
OWNERS_WORDS = "tafel draait, verder niks"
WORDING = "De omgevingstafel draait <i>wekelijks</i>."


@pytest.fixture
def site(web: WebWorld) -> Iterator[str]:
    with serve(web.app) as url:
        yield url


def test_the_dashboard_the_register_and_an_action(web: WebWorld, site: str, page: Page) -> None:
    sign_in_browser(page, web, DIRECTOR_KEY).goto(f"{site}/")
    page.get_by_role("link", name="BOCE beleidsagenda").click()
    expect(page).to_have_url(f"{site}/p/boce")
    expect(page.locator("h1")).to_contain_text("BOCE")
    check_axe(page)
    screenshot(page, "dashboard")

    nav = page.get_by_role("navigation", name="Programma: BOCE beleidsagenda")
    nav.get_by_role("link", name=t("web.register", "nl")).click()
    expect(page).to_have_url(f"{site}/p/boce/acties")
    check_axe(page)
    # Filtered on a theme with the form, sorted by a column's link.
    page.get_by_label(t("web.overview.filter_theme", "nl")).select_option("omgevingswet")
    page.get_by_role("button", name=t("web.overview.filter_submit", "nl")).click()
    expect(page).to_have_url(re.compile(r"/p/boce/acties\?(.*&)?thema=omgevingswet"))
    check_axe(page)
    screenshot(page, "register")

    page.locator("table a[href^='/p/boce/acties/']").first.click()
    expect(page.locator("h1")).to_contain_text("#")
    check_axe(page)
    screenshot(page, "action")


def reword(page: Page, site: str) -> None:
    """The owner's update on OW-01 reworded for the letter in place, then its form on a page
    of its own; back on the letter."""
    # The owner's update, reworded for the letter in place: the form under the update.
    page.get_by_text(t("web.brief.reword", "nl", action="OW-01")).click()
    form = page.locator("#schrijf-actie-OW-01")
    expect(form.locator("blockquote.original")).to_have_text(OWNERS_WORDS)
    form.get_by_label(t("web.brief.wording_label", "nl", action="OW-01")).fill(WORDING)
    form.get_by_role("button", name=t("web.brief.save", "nl")).click()
    expect(page.locator("#actie-OW-01 > p").get_by_text(WORDING)).to_be_visible()
    # The same form on a page of its own, where a long letter links to it.
    page.goto(f"{site}/p/boce/brief/formulering/OW-01?periode=2026-Q4")
    expect(page.locator("blockquote.original")).to_have_text(OWNERS_WORDS)
    expect(page.get_by_label(t("web.brief.wording_label", "nl", action="OW-01"))).to_have_value(
        WORDING
    )
    check_axe(page)
    screenshot(page, "wording")
    page.get_by_role("link", name=t("web.brief.back_to_letter", "nl")).click()


def test_writing_the_letters_opening_and_publishing_it(
    web: WebWorld, site: str, page: Page
) -> None:
    web.report("OW-01", OWNERS_WORDS)
    sign_in_browser(page, web, DIRECTOR_KEY).goto(f"{site}/p/boce/brief")
    check_axe(page)
    reword(page, site)
    page.get_by_text(t("web.brief.write_opening", "nl")).click()
    page.get_by_label(t("web.brief.opening_label", "nl")).fill(OPENING)
    page.locator("#schrijf-opening").get_by_role("button", name=t("web.brief.save", "nl")).click()
    # The opening is in the letter as the documents will hold it, as text, not markup.
    expect(page.locator(".letter p").get_by_text(OPENING)).to_be_visible()
    check_axe(page)
    screenshot(page, "letter")

    page.get_by_role("button", name=t("web.brief.draft_button", "nl")).click()
    # The page says the job is queued before the job runner is asked to run it (a click
    # does not wait for the answer).
    expect(page.locator(".notice")).to_have_text(t("web.brief.done.drafting", "nl"))
    run_queued_jobs(web.register, web.clock)  # the clock process's job runner
    page.reload()
    page.get_by_role("link", name=t("web.brief.publish_button", "nl")).click()
    expect(page.locator("h1")).to_have_text(t("web.brief.publish_title", "nl"))
    check_axe(page)
    screenshot(page, "publish")
    page.get_by_role("button", name=t("web.brief.publish_confirm", "nl", number=1)).click()
    expect(page.locator(".notice")).to_have_text(t("web.brief.done.publishing", "nl"))
    run_queued_jobs(web.register, web.clock)
    page.reload()
    finals = page.locator("table.finals")
    expect(finals).to_contain_text("1")
    with page.expect_download() as download:
        finals.get_by_role(
            "link", name=t("web.brief.download_final", "nl", number=1, fmt="MD")
        ).click()
    path = download.value.path()
    final = path.read_text(encoding="utf-8")
    assert "De raden krijgen dit kwartaal" in final
    assert "<b>" not in final  # the director's words, escaped for Markdown
    assert "De omgevingstafel draait" in final
    assert OWNERS_WORDS not in final  # the letter's wording, not the owner's

    # The councils' page, signed out: the letter is there, no official is named.
    page.context.clear_cookies()
    page.goto(f"{site}/openbaar/boce")
    expect(page.locator("h1")).to_contain_text("BOCE")
    title = t("web.public.letter_title", "nl", number=1, period="vierde kwartaal 2026")
    expect(page.get_by_text(title)).to_be_visible()
    assert "Marieke Hoekstra" not in page.content()
    check_axe(page)
    screenshot(page, "public")


def test_subscribing_to_ones_own_calendar(web: WebWorld, site: str, page: Page) -> None:
    sign_in_browser(page, web, "lotte-venema").goto(f"{site}/agenda")
    check_axe(page)
    page.get_by_role("button", name=t("web.public.calendar.make", "nl")).click()
    address = page.get_by_label(t("web.public.calendar.address", "nl")).input_value()
    check_axe(page)
    screenshot(page, "calendar")
    # What a calendar program does with the address: fetch it, without any cookie.
    page.context.clear_cookies()
    answer = page.request.get(site + urlsplit(address).path)
    assert answer.status == 200
    assert answer.headers["content-type"].startswith("text/calendar")
    calendar = Calendar.from_ical(answer.body())
    events = list(calendar.walk("VEVENT"))
    assert events
    assert all(str(event["UID"]).startswith("voortgang-") for event in events)
