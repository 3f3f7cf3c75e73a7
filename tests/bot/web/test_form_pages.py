"""The personal update form as a browser and a link scanner see it: what opening a link shows
and (not) changes, the quick-status links, the language, escaping, headers and structure."""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping

from tests.bot.web.form_world import SCRIPT_TITLE, FormWorld, element, shown, structure
from tests.web_app import both_databases  # noqa: F401 - this module runs on both databases
from words.catalogue import t

SECURITY_HEADERS = {
    "cache-control": "no-store",
    "referrer-policy": "no-referrer",
    "content-security-policy": (
        "default-src 'none'; style-src 'self'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "x-content-type-options": "nosniff",
}


def assert_secure(headers: Mapping[str, str]) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert headers.get(name) == value, name


def test_opening_the_link_changes_nothing_and_the_person_can_still_send(
    world: FormWorld,
) -> None:
    token = world.mint()
    before = world.rows()
    with world.client() as client:
        # A link scanner (Safe Links) opens the link twice before the person does.
        for _ in range(2):
            assert client.get(f"/bijwerken/{token}").status_code == 200
        assert client.head(f"/bijwerken/{token}").status_code == 200
        assert client.get(f"/bijwerken/{token}?actie=1&status=done").status_code == 200
        assert world.rows() == before
        a12 = world.actions[12]
        sent = client.post(
            f"/bijwerken/{token}", data={f"status-{a12}": "on_track", f"text-{a12}": "Loopt."}
        )
    assert sent.status_code == 200, sent.text
    assert t("webform.thanks_title", "nl") in sent.text


def test_the_form_shows_each_action_with_its_inputs(world: FormWorld) -> None:
    token = world.mint()
    a12, a13 = world.actions[12], world.actions[13]
    with world.client() as client:
        page = client.get(f"/bijwerken/{token}").text
    assert 'id="actie-' + str(a12) + '"' in page
    assert "#12 Zaaksysteem koppelen" in page
    assert shown("Dienstverlening & loket") in page
    assert "maart 2027" in page  # the deadline as phrased
    assert t("status.open", "nl") in page
    # The KPI input only where there is a target.
    assert f'name="kpi-{a12}"' in page
    assert f'name="kpi-{a13}"' not in page
    for name in ("text", "deadline"):
        assert f'name="{name}-{a12}"' in page
        assert f'name="{name}-{a13}"' in page
    # "Unchanged" is chosen until the person picks a status.
    assert "checked" in element(page, f"status-{a12}-unchanged")
    assert "checked" not in element(page, f"status-{a12}-done")
    assert page.count('type="submit"') == 1


def test_a_quick_status_link_preselects_that_status_for_that_action(world: FormWorld) -> None:
    token = world.mint()
    a12, a13 = world.actions[12], world.actions[13]
    with world.client() as client:
        page = client.get(f"/bijwerken/{token}?actie={a12}&status=done").text
        bogus = client.get(f"/bijwerken/{token}?actie={a12}&status=bogus").text
        foreign = client.get(f"/bijwerken/{token}?actie={world.actions[14]}&status=done").text
        odd = client.get(f"/bijwerken/{token}?actie=x&status=done&more=1").text
    assert "checked" in element(page, f"status-{a12}-done")
    assert "checked" not in element(page, f"status-{a12}-unchanged")
    assert "checked" in element(page, f"status-{a13}-unchanged")
    for other in (bogus, foreign, odd):
        assert "checked" in element(other, f"status-{a12}-unchanged")
        assert "checked" not in element(other, f"status-{a12}-done")


def test_titles_are_escaped(world: FormWorld) -> None:
    token = world.mint()
    with world.client() as client:
        page = client.get(f"/bijwerken/{token}").text
    assert "<script" not in page
    assert shown(f"#13 {SCRIPT_TITLE}") in page


def test_an_english_person_reads_english(world: FormWorld) -> None:
    token = world.mint("kim", (14,))
    with world.client() as client:
        page = client.get(f"/bijwerken/{token}").text
    assert '<html lang="en">' in page
    assert "<h1>Update your progress</h1>" in page
    assert "Kim Bakker" in page
    assert "on track" in page
    assert "unchanged" in page
    assert "March 2027" in page


def test_a_dutch_person_without_a_language_reads_the_programmes(world: FormWorld) -> None:
    token = world.mint()
    with world.client() as client:
        page = client.get(f"/bijwerken/{token}").text
    assert '<html lang="nl">' in page
    assert f"<h1>{t('webform.title', 'nl')}</h1>" in page


def test_unknown_and_malformed_links_are_simply_not_valid(world: FormWorld) -> None:
    before = world.rows()
    unknown = secrets.token_urlsafe(32)
    with world.client() as client:
        pages = [
            client.get(f"/bijwerken/{unknown}"),
            client.get("/bijwerken/abc"),
            client.get("/bijwerken/" + "%3Cscript%3E" * 4),
            client.post(f"/bijwerken/{unknown}", data={"status-1": "done"}),
            client.post(f"/bijwerken/{unknown}/nieuw"),
            client.post("/bijwerken/abc/nieuw"),
        ]
    for page in pages:
        assert page.status_code == 404
        assert t("webform.invalid_title", "nl") in page.text
        assert t("webform.invalid_title", "en") in page.text
        assert "<script" not in page.text
        assert_secure(page.headers)
    # The same page for all: nothing tells a token that exists from one that never did.
    assert len({page.text for page in pages}) == 1
    assert world.rows() == before


def test_every_answer_carries_the_security_headers(world: FormWorld) -> None:
    token = world.mint()
    a12 = world.actions[12]
    with world.client() as client:
        answers = [
            client.get(f"/bijwerken/{token}"),
            client.get("/static/voortgang.css"),
            client.post(f"/bijwerken/{token}", data={f"deadline-{a12}": "ooit"}),
            client.post(f"/bijwerken/{token}", data={f"status-{a12}": "done"}),
            client.get(f"/bijwerken/{token}"),  # used now
            client.post(f"/bijwerken/{token}/nieuw"),
        ]
    assert [a.status_code for a in answers] == [200, 200, 422, 200, 410, 202]
    for answer in answers:
        assert_secure(answer.headers)
    assert answers[1].headers["content-type"].startswith("text/css")


def test_the_pages_are_structurally_accessible(world: FormWorld) -> None:
    token = world.mint()
    a12 = world.actions[12]
    with world.client() as client:
        pages = {
            "form": client.get(f"/bijwerken/{token}").text,
            "refused": client.post(
                f"/bijwerken/{token}",
                data={f"kpi-{a12}": "-3", f"deadline-{a12}": "volgende blauwe maan"},
            ).text,
            "thanks": client.post(f"/bijwerken/{token}", data={f"status-{a12}": "done"}).text,
            "used": client.get(f"/bijwerken/{token}").text,
            "fresh": client.post(f"/bijwerken/{token}/nieuw").text,
            "unknown": client.get("/bijwerken/abc").text,
        }
    for name, page in pages.items():
        found = structure(page)
        assert found.lang in ("nl", "en"), name
        assert found.h1 == 1, name
        assert (found.scripts, found.styles, found.tables) == (0, 0, 0), name
        assert found.unnamed == [], name
        assert set(found.controls) <= found.labelled, name
        assert found.fieldsets == found.legends, name
        assert 'rel="stylesheet" href="/static/voortgang.css"' in page
    form = structure(pages["form"])
    # Two actions: a fieldset each, and one for each status group.
    assert form.fieldsets == 4
    assert len(form.controls) == 2 * 5 + 3 + 2  # radios, text and deadline; one KPI input


def test_the_style_sheet_has_a_focus_style_and_fits_a_small_screen(world: FormWorld) -> None:
    with world.client() as client:
        sheet = client.get("/static/voortgang.css").text
    assert ":focus" in sheet
    assert "@media (max-width" in sheet
    assert "display: table" not in sheet


def _luminance(colour: str) -> float:
    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_every_text_colour_has_enough_contrast(world: FormWorld) -> None:
    with world.client() as client:
        sheet = client.get("/static/voortgang.css").text
    # Per rule: its text colour (else the body's) on its background (else the white page).
    # A ::before or ::after with a background is a coloured dot beside its words, not text.
    pairs: set[tuple[str, str]] = set()
    for selector, block in re.findall(r"([^{}]*)\{([^{}]*)\}", sheet):
        if "::before" in selector or "::after" in selector:
            continue
        fg = re.search(r"(?<![-\w])color: (#[0-9a-f]{6})", block)
        bg = re.search(r"background(?:-color)?: (#[0-9a-f]{6})", block)
        if fg is None and bg is None:
            continue
        pair = (fg.group(1) if fg else "#1b1b1b", bg.group(1) if bg else "#ffffff")
        if pair[0] != pair[1]:
            pairs.add(pair)
    assert len(pairs) >= 5
    low = {pair: round(contrast(*pair), 2) for pair in pairs if contrast(*pair) < 4.5}
    assert low == {}
