"""A calendar feed as iCalendar (RFC 5545) text, laid out by the icalendar package, which
escapes every text value (commas, semicolons, backslashes, new lines) and folds long lines.

Every event is a whole day: DTSTART and DTEND are dates, DTEND the day after (exclusive).
Deadlines are TRANSPARENT (they take no time in the day); meetings are busy. The UID carries
the site's host, so two deployments never share one.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Final

from icalendar import Calendar, Event, vText

from handlers.public.calendar_events import CalendarFeed

PRODID: Final = "-//Voortgang//Voortgang agenda//NL"
# How often a calendar app should read the feed again: deadlines move within days, not hours.
REFRESH: Final = timedelta(hours=6)


def ical_bytes(feed: CalendarFeed, *, base_url: str, host: str, now: datetime) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", vText(feed.name))
    calendar.add("x-wr-caldesc", vText(feed.description))
    calendar.add("x-wr-timezone", feed.zone)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", REFRESH)
    for item in feed.events:
        event = Event()
        event.add("uid", f"{item.uid}@{host}")
        event.add("dtstamp", now)
        event.add("dtstart", item.day)
        event.add("dtend", item.day + timedelta(days=1))
        event.add("summary", item.summary)
        if item.description:
            event.add("description", item.description)
        if item.path:
            event.add("url", base_url + item.path)
        event.add("transp", "TRANSPARENT" if item.kind == "deadline" else "OPAQUE")
        event.add("categories", [item.kind])
        calendar.add_component(event)
    body: bytes = calendar.to_ical()
    return body
