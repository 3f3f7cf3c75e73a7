"""bot.web.public.calendar_pages: the secret calendar address made and replaced on /agenda
(signed in, CSRF-checked, audited), and the personal feed behind it."""

from __future__ import annotations

import re
from datetime import date, timedelta

from icalendar import Calendar
from sqlalchemy import select

from storage.models import AuditEntry
from tests.public_world import UNPUBLISHED, Both
from tests.web_app import csrf_of

ADDRESS = re.compile(r'value="https://testserver(/agenda/[A-Za-z0-9_-]{43}\.ics)"')


def _make_address(both: Both, who: str = "wim-schepers") -> tuple[str, str]:
    """A new address for ``who`` through the page; its path and the page's text."""
    client = both.web.signed_in(who)
    page = client.get("/agenda")
    answer = client.post("/agenda", data={"csrf": csrf_of(page.text)})
    assert answer.status_code == 200, answer.text
    found = ADDRESS.search(answer.text)
    assert found is not None, answer.text
    return found.group(1), answer.text


def test_signed_out_the_page_sends_to_sign_in(both: Both) -> None:
    answer = both.web.client().get("/agenda")
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/inloggen")


def test_the_address_is_made_shown_once_and_audited(both: Both) -> None:
    client = both.web.signed_in("wim-schepers")
    assert "U hebt nog geen agenda-adres." in client.get("/agenda").text
    path, text = _make_address(both)
    assert "Kopieer het nu" in text
    later = client.get("/agenda").text
    assert path not in later  # only its hash is kept
    assert "Uw agenda-adres is gemaakt op 22 november 2026" in later
    with both.data.register.sessions() as session:
        whats = list(session.scalars(select(AuditEntry.what)))
    assert whats == ["calendar.new_address"]


def test_a_form_without_its_csrf_field_makes_nothing(both: Both) -> None:
    client = both.web.signed_in("wim-schepers")
    answer = client.post("/agenda", data={"csrf": "nep"})
    assert answer.status_code == 403
    assert "U hebt nog geen agenda-adres." in client.get("/agenda").text


def test_the_personal_feed_has_my_deadlines_and_meetings(both: Both) -> None:
    path, _ = _make_address(both)
    answer = both.web.client().get(path)
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "text/calendar; charset=utf-8"
    assert answer.headers["cache-control"] == "private, no-cache"
    assert "set-cookie" not in answer.headers
    calendar = Calendar.from_ical(answer.content)
    assert str(calendar["X-WR-CALNAME"]) == "Voortgang: mijn agenda"
    events = calendar.walk("VEVENT")
    ow01 = next(e for e in events if str(e["SUMMARY"]).startswith("Termijn OW-01"))
    assert type(ow01.decoded("DTSTART")) is date
    assert str(ow01["URL"]).startswith("https://testserver/p/boce/acties/")
    assert any(str(e["SUMMARY"]) == "Radenbijeenkomst BOCE" for e in events)
    assert UNPUBLISHED not in answer.text


def test_a_replaced_wrong_or_expired_address_is_a_404(both: Both) -> None:
    old, _ = _make_address(both)
    new, _ = _make_address(both)
    client = both.web.client()
    assert client.get(old).status_code == 404  # replaced
    assert client.get(new).status_code == 200
    assert client.get("/agenda/" + "A" * 43 + ".ics").status_code == 404  # unknown
    assert client.get(new.removesuffix(".ics")).status_code == 404  # not a calendar's address
    both.data.clock.advance(timedelta(days=5 * 365 + 1))
    assert client.get(new).status_code == 404  # expired


def test_the_personal_feed_does_not_need_the_public_page(both: Both) -> None:
    both.data.set_public(False)
    path, _ = _make_address(both)
    assert both.web.client().get(path).status_code == 200
