"""The personal update form in a real browser (Chromium, served by uvicorn): each of its pages
passes axe-core's WCAG 2.1 AA rules with nothing blocked by the content security policy; a
person fills it in and sends it with the mouse and with the keyboard alone, and what they sent
becomes a status update."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from bot.engine.intake import EventIntake
from bot.run.http import create_app
from bot.web.update_pages import UpdateFormPages
from storage.models import StatusUpdate
from tests.bot.web.form_world import FormWorld
from tests.browser import check_axe, screenshot
from tests.live_server import serve
from tests.web_app import both_databases  # noqa: F401 - this module runs on both databases
from words.catalogue import t
from words.domain import Source, Status


@pytest.fixture
def site(world: FormWorld) -> Iterator[str]:
    """The web process's app with the form's pages, served on a loopback port."""
    intake = EventIntake(world.register.engine)
    pages = UpdateFormPages(world.register, world.clock, world.settings, intake)
    with serve(create_app(world.register, world.clock, [pages], intake)) as url:
        yield url


def updates(world: FormWorld) -> list[StatusUpdate]:
    with world.register.sessions() as session:
        return list(session.scalars(select(StatusUpdate).order_by(StatusUpdate.id)))


def test_the_form_is_filled_in_and_sent_and_becomes_an_update(
    world: FormWorld, site: str, page: Page
) -> None:
    token = world.mint()
    a12 = world.actions[12]
    page.goto(f"{site}/bijwerken/{token}")
    expect(page.locator("h1")).to_have_text(t("webform.title", "nl"))
    assert page.locator("html").get_attribute("lang") == "nl"
    check_axe(page)
    screenshot(page, "update-form")

    page.get_by_role("radio", name=t("status.on_track", "nl")).first.check()
    page.locator(f"#text-{a12}").fill("Koppeling getest met Emmen; livegang in maart.")
    page.get_by_role("button", name=t("webform.submit", "nl")).click()

    expect(page.locator("h1")).to_have_text(t("webform.thanks_title", "nl"))
    check_axe(page)
    screenshot(page, "update-form-thanks")
    assert world.work_inbox() == 1
    [update] = updates(world)
    assert (update.action_id, update.status, update.source) == (a12, Status.ON_TRACK, Source.WEB)
    assert update.text == "Koppeling getest met Emmen; livegang in maart."


def test_a_form_with_errors_names_them_at_their_fields_accessibly(
    world: FormWorld, site: str, page: Page
) -> None:
    token = world.mint()
    a12 = world.actions[12]
    page.goto(f"{site}/bijwerken/{token}")
    page.locator(f"#kpi-{a12}").fill("-5")
    page.locator(f"#deadline-{a12}").fill("volgende blauwe maan")
    page.get_by_role("button", name=t("webform.submit", "nl")).click()

    summary = page.get_by_role("alert")
    expect(summary).to_be_visible()
    expect(page.locator(f"#kpi-{a12}")).to_have_attribute("aria-invalid", "true")
    # The summary's links lead to the fields themselves.
    summary.get_by_role("link").first.click()
    assert page.url.endswith(f"#kpi-{a12}")
    check_axe(page)
    screenshot(page, "update-form-errors")
    assert updates(world) == []


def test_the_form_is_sent_with_the_keyboard_alone(world: FormWorld, site: str, page: Page) -> None:
    token = world.mint("kim", (14,))
    a14 = world.actions[14]
    page.goto(f"{site}/bijwerken/{token}")
    assert page.locator("html").get_attribute("lang") == "en"  # Kim reads English
    check_axe(page)
    # Tab to the status choices (on the one checked: "unchanged"); an arrow key picks the next.
    group = f"status-{a14}"
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.name") == group:
            break
    else:
        pytest.fail("the status choices are not reached with the Tab key")
    page.keyboard.press("ArrowDown")
    expect(page.locator(f"#{group}-on_track")).to_be_checked()
    page.keyboard.press("Tab")
    page.keyboard.type("Channel steering agreed with the three municipalities.")
    page.get_by_role("button", name=t("webform.submit", "en")).focus()
    page.keyboard.press("Enter")

    expect(page.locator("h1")).to_have_text(t("webform.thanks_title", "en"))
    check_axe(page)
    assert world.work_inbox() == 1
    [update] = updates(world)
    assert (update.action_id, update.status) == (a14, Status.ON_TRACK)
    assert update.text == "Channel steering agreed with the three municipalities."


def test_a_spent_link_says_so_and_offers_a_fresh_one_accessibly(
    world: FormWorld, site: str, page: Page
) -> None:
    token = world.mint()
    a12 = world.actions[12]
    page.goto(f"{site}/bijwerken/{token}")
    page.locator(f"#text-{a12}").fill("Loopt.")
    page.get_by_role("button", name=t("webform.submit", "nl")).click()
    expect(page.locator("h1")).to_have_text(t("webform.thanks_title", "nl"))

    page.goto(f"{site}/bijwerken/{token}")
    expect(page.locator("h1")).to_have_text(t("webform.spent_title", "nl"))
    check_axe(page)
    screenshot(page, "update-form-spent")
    page.get_by_role("button", name=t("webform.fresh_button", "nl")).click()
    expect(page.locator("h1")).to_have_text(t("webform.fresh_title", "nl"))
    check_axe(page)


def test_an_unknown_link_is_a_page_in_both_languages_that_passes_axe(site: str, page: Page) -> None:
    answer = page.goto(f"{site}/bijwerken/{'x' * 43}")
    assert answer is not None
    assert answer.status == 404
    expect(page.locator("h1")).to_have_text(t("webform.invalid_title", "nl"))
    check_axe(page)
