"""bot.web.public.ical_feed: texts escaped by the library, whole days, the site's host in UIDs."""

from __future__ import annotations

from datetime import UTC, date, datetime

from icalendar import Calendar

from bot.web.public.ical_feed import ical_bytes
from handlers.public.calendar_events import CalendarEvent, CalendarFeed

EVIL = "Overleg; agenda, stukken \\ en\nmeer <b>"


def test_texts_come_back_as_written_and_days_are_whole() -> None:
    event = CalendarEvent(
        "voortgang-boce-actie-3-deadline",
        date(2027, 3, 31),
        EVIL,
        EVIL,
        "deadline",
        "/openbaar/boce",
    )
    feed = CalendarFeed(EVIL, "Beschrijving", "nl", "Europe/Amsterdam", (event,))
    now = datetime(2027, 1, 1, tzinfo=UTC)
    body = ical_bytes(feed, base_url="https://voortgang.test", host="voortgang.test", now=now)
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))  # folded
    calendar = Calendar.from_ical(body)
    # Escaped as TEXT (RFC 5545 3.3.11); a reader keeps an X- property's value as it stands.
    assert str(calendar["X-WR-CALNAME"]) == "Overleg\\; agenda\\, stukken \\\\ en\\nmeer <b>"
    (parsed,) = calendar.walk("VEVENT")
    assert str(parsed["SUMMARY"]) == EVIL
    assert str(parsed["DESCRIPTION"]) == EVIL
    assert str(parsed["UID"]) == "voortgang-boce-actie-3-deadline@voortgang.test"
    assert parsed.decoded("DTSTART") == date(2027, 3, 31)
    assert parsed.decoded("DTEND") == date(2027, 4, 1)
    assert parsed.decoded("DTSTAMP") == now
    assert str(parsed["TRANSP"]) == "TRANSPARENT"
    assert str(parsed["URL"]) == "https://voortgang.test/openbaar/boce"
