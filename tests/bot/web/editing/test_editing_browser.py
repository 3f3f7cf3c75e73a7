"""Editing in a real browser (Chromium, the app served by uvicorn on the BOCE example, on
SQLite and PostgreSQL): an owner finds an action on "my actions", sends the update form with a
mistake and then right, corrects and withdraws the update from "my updates"; axe-core checks
every page on the way (WCAG 2.1 AA) and the main ones are kept as screenshots."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from tests.browser import check_axe, screenshot, sign_in_browser
from tests.live_server import serve
from tests.register_rows import action
from tests.web_app import (
    WebWorld,
    both_databases,  # noqa: F401 - this module runs on both databases
)
from words.catalogue import t


@pytest.fixture
def site(web: WebWorld) -> Iterator[str]:
    with serve(web.app) as url:
        yield url


def test_an_owner_updates_corrects_and_withdraws(web: WebWorld, site: str, page: Page) -> None:
    sign_in_browser(page, web, "lotte-venema")
    page.goto(f"{site}/mijn")
    expect(page.locator("h1")).to_have_text(t("web.editing.mine_title", "nl"))
    check_axe(page)
    screenshot(page, "my-actions")

    page.get_by_role("link", name="#8 bijwerken").click()
    expect(page).to_have_url(f"{site}/p/boce/acties/8/bewerken")
    check_axe(page)
    screenshot(page, "edit-action")

    form = page.locator("main form")
    form.get_by_label("vertraagd").check()
    form.get_by_label(t("replies.form_text", "nl")).fill("Docent <b>ziek</b>")
    form.get_by_label(t("replies.form_deadline", "nl")).fill("binnenkort")
    form.get_by_role("button", name=t("web.editing.submit", "nl")).click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(form.get_by_label(t("replies.form_text", "nl"))).to_have_value("Docent <b>ziek</b>")
    check_axe(page)
    screenshot(page, "edit-action-errors")

    form.get_by_label(t("replies.form_deadline", "nl")).fill("")
    form.get_by_role("button", name=t("web.editing.submit", "nl")).click()
    expect(page).to_have_url(f"{site}/p/boce/acties/8")
    expect(page.locator("main")).to_contain_text("Docent <b>ziek</b>")

    page.goto(f"{site}/mijn/geschiedenis")
    check_axe(page)
    page.get_by_role("link", name="Update van").first.click()  # "… aanpassen"
    expect(page.locator("h1")).to_have_text(t("web.editing.correct_title", "nl", number=8))
    check_axe(page)
    page.get_by_label(t("web.editing.field_text", "nl")).fill("Docent weer beter")
    page.get_by_role("button", name=t("web.editing.correct_submit", "nl")).click()
    expect(page).to_have_url(f"{site}/mijn/geschiedenis")
    expect(page.locator(".notice-box")).to_contain_text("Aangepast: je update bij #8")
    check_axe(page)
    screenshot(page, "my-updates")

    page.get_by_role("link", name=t("web.editing.withdraw", "nl")).first.click()
    expect(page.locator("h1")).to_have_text(t("web.editing.withdraw_title", "nl", number=8))
    check_axe(page)
    page.get_by_role("button", name=t("web.editing.withdraw_submit", "nl")).click()
    expect(page.locator(".notice-box")).to_contain_text("Ongedaan gemaakt")
    expect(page.locator(".my-update.withdrawn")).to_have_count(1)
    check_axe(page)


def test_the_sponsor_decides_on_a_proposal(web: WebWorld, site: str, page: Page) -> None:
    sign_in_browser(page, web, "lotte-venema")
    page.goto(f"{site}/p/boce/acties/8/bewerken")
    page.locator("main form").get_by_label(t("replies.form_deadline", "nl")).fill("eind maart 2027")
    page.get_by_role("button", name=t("web.editing.submit", "nl")).click()
    expect(page).to_have_url(f"{site}/p/boce/acties/8")

    page.context.clear_cookies()
    sign_in_browser(page, web, "hendrik-kuiper")
    page.goto(f"{site}/p/boce/acties/8/bewerken")
    expect(page.locator(".proposals")).to_contain_text("Lotte Venema")
    check_axe(page)
    screenshot(page, "edit-action-proposal")
    page.get_by_role("button", name=t("replies.accept", "nl")).click()
    expect(page).to_have_url(f"{site}/p/boce/acties/8")
    with web.register.sessions() as session:
        assert action(session, "OW-08").due == date(2027, 3, 31)
