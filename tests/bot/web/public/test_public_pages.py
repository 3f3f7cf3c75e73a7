"""bot.web.public.public_pages: the councils' page, its downloads, the Atom and iCal feeds:
no sign-in, no cookie, nothing unpublished, and the same 404 for off and unknown."""

from __future__ import annotations

from datetime import date

from icalendar import Calendar
from lxml import etree

from tests.public_world import (
    DRAFT_OPENING,
    HOSTILE_TITLE,
    PUBLISHED,
    UNPUBLISHED,
    Both,
)

ATOM = "{http://www.w3.org/2005/Atom}"
PAGES = (
    "/openbaar/boce",
    "/openbaar/boce/brieven.atom",
    "/openbaar/boce/agenda.ics",
    "/openbaar/boce/brieven/1.md",
    "/openbaar/boce/brieven/1.html",
)


def _never_public(body: str, both: Both) -> None:
    assert UNPUBLISHED not in body
    assert DRAFT_OPENING not in body
    assert [name for name in both.data.names if name in body] == []


def test_the_page_shows_the_letter_and_the_overview_without_sign_in(both: Both) -> None:
    answer = both.web.client().get("/openbaar/boce")
    assert answer.status_code == 200
    assert answer.headers["cache-control"] == "public, max-age=300"
    assert "set-cookie" not in answer.headers
    assert "x-robots-tag" not in answer.headers  # a search engine may index it
    body = answer.text
    assert "Voortgangsbrief 1: vierde kwartaal 2026" in body
    assert 'href="/openbaar/boce/brieven/1.docx"' in body
    assert "Omgevingstafel Zuidoost-Drenthe inrichten" in body
    assert "groen: op schema" in body  # the light in words, not by colour alone
    assert 'rel="alternate" type="application/atom+xml"' in body
    _never_public(body, both)
    assert PUBLISHED not in body  # an update's words are in the letter, not on the page


def test_a_title_is_escaped_everywhere(both: Both) -> None:
    client = both.web.client()
    page = client.get("/openbaar/boce").text
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Loket &amp; balie ]]&gt;" in page
    ics = Calendar.from_ical(client.get("/openbaar/boce/agenda.ics").content)
    summaries = [str(e["SUMMARY"]) for e in ics.walk("VEVENT")]
    assert any(HOSTILE_TITLE in s for s in summaries)


def test_a_signed_in_viewer_gets_the_same_public_page(both: Both) -> None:
    client = both.web.signed_in("wim-schepers")
    answer = client.get("/openbaar/boce")
    assert answer.status_code == 200
    assert "Wim Schepers" not in answer.text
    assert "set-cookie" not in answer.headers


def test_off_is_the_same_404_as_an_unknown_programme(both: Both) -> None:
    # One world for every address: setting it up renders a letter, which takes a while.
    client = both.web.client()
    assert [client.get(path).status_code for path in PAGES] == [200] * len(PAGES)
    both.data.set_public(False)
    for path in PAGES:
        off = client.get(path)
        unknown = client.get(path.replace("/boce", "/bestaat-niet"))
        assert (off.status_code, unknown.status_code) == (404, 404), path
        assert off.text == unknown.text


def test_nothing_unpublished_anywhere(both: Both) -> None:
    client = both.web.client()
    for path in PAGES:
        _never_public(client.get(path).text, both)


def test_a_download_is_the_final_with_its_type_and_a_safe_name(both: Both) -> None:
    client = both.web.client()
    answer = client.get("/openbaar/boce/brieven/1.docx")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert answer.headers["content-disposition"] == (
        'attachment; filename="voortgangsbrief-boce-2026-Q4-nr1.docx"; '
        "filename*=UTF-8''voortgangsbrief-boce-2026-Q4-nr1.docx"
    )
    assert answer.content[:2] == b"PK"
    md = client.get("/openbaar/boce/brieven/1.md")
    assert md.headers["content-type"] == "text/markdown; charset=utf-8"
    assert PUBLISHED in md.text
    html = client.get("/openbaar/boce/brieven/1.html")
    assert "sandbox" in html.headers["content-security-policy"]
    again = client.get("/openbaar/boce/brieven/1.md", headers={"If-None-Match": md.headers["etag"]})
    assert again.status_code == 304


def test_no_draft_and_nothing_but_a_kept_final_downloads(both: Both) -> None:
    # Letter 2 is the draft of the next quarter; no PDF was kept (no LibreOffice here).
    client = both.web.client()
    names = ["2.md", "1.pdf", "1.exe", "0.md", "1.md.md", "x.md", "1", "..%2F1.md", "1.MD"]
    assert {name: client.get(f"/openbaar/boce/brieven/{name}").status_code for name in names} == (
        dict.fromkeys(names, 404)
    )


def test_the_atom_feed_is_valid_and_has_the_finals(both: Both) -> None:
    answer = both.web.client().get("/openbaar/boce/brieven.atom")
    assert answer.headers["content-type"] == "application/atom+xml; charset=utf-8"
    feed = etree.fromstring(answer.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}id") == "https://testserver/openbaar/boce"
    assert feed.findtext(f"{ATOM}title") == "BOCE beleidsagenda: voortgangsbrieven"
    assert feed.find(f"{ATOM}author/{ATOM}name") is not None
    assert feed.findtext(f"{ATOM}updated", "").endswith("Z")
    (entry,) = feed.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}id") == "https://testserver/openbaar/boce#brief-1"
    assert entry.findtext(f"{ATOM}title") == "Voortgangsbrief 1: vierde kwartaal 2026"
    assert entry.findtext(f"{ATOM}updated") == "2026-11-22T12:01:00Z"
    enclosures = {
        link.get("href"): link.get("type")
        for link in entry.findall(f"{ATOM}link")
        if link.get("rel") == "enclosure"
    }
    assert enclosures["https://testserver/openbaar/boce/brieven/1.md"] == "text/markdown"
    assert set(enclosures) == {
        f"https://testserver/openbaar/boce/brieven/1.{fmt}" for fmt in ("docx", "html", "md")
    }


def test_the_programme_calendar_parses_with_all_day_events_and_stable_uids(both: Both) -> None:
    client = both.web.client()
    answer = client.get("/openbaar/boce/agenda.ics")
    assert answer.headers["content-type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(answer.content)
    assert str(calendar["X-WR-CALNAME"]) == "BOCE beleidsagenda"
    events = calendar.walk("VEVENT")
    assert events
    for event in events:
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is date
        assert (end - start).days == 1
        assert "DTSTAMP" in event
        assert str(event["UID"]).endswith("@testserver")
    meeting = next(e for e in events if str(e["SUMMARY"]) == "Radenbijeenkomst BOCE")
    assert meeting.decoded("DTSTART") == date(2026, 11, 25)
    again = Calendar.from_ical(client.get("/openbaar/boce/agenda.ics").content)
    assert [str(e["UID"]) for e in again.walk("VEVENT")] == [str(e["UID"]) for e in events]
