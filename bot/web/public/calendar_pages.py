"""A person's own calendar feed and the page that hands out its secret address.

``/agenda`` (signed in) says whether the person has an address and offers to make a new one;
making it (a POST, CSRF-checked) revokes every earlier address at once and shows the new one
on the answer, once: only its hash is stored, so it cannot be shown again later. The feed
itself is ``/agenda/{token}.ics``: the token is the credential, so a wrong, replaced or expired
one is a plain 404 that says nothing more, and the feed is kept by no shared cache.
"""

from __future__ import annotations

from typing import Final

from fastapi import FastAPI, Request, Response
from sqlalchemy.orm import Session

from bot.web.core.auth import Viewer
from bot.web.core.site import Site
from bot.web.public.feed_answers import PRIVATE, base_url, host_of, kept_answer
from bot.web.public.ical_feed import ical_bytes
from handlers.public.calendar_events import (
    CalendarAddress,
    calendar_address,
    new_calendar_address,
    person_calendar,
)
from storage import audit
from words.catalogue import t
from words.deadlines.letter_form import plain_date

PAGE: Final = "/agenda"
SUFFIX: Final = ".ics"
ICAL_TYPE: Final = "text/calendar; charset=utf-8"


class CalendarPages:
    def __init__(self, site: Site) -> None:
        self.site = site

    def mount(self, app: FastAPI) -> None:
        app.add_api_route(PAGE, self.show, methods=["GET", "HEAD"])
        app.add_api_route(PAGE, self.renew, methods=["POST"])
        app.add_api_route(PAGE + "/{name}", self.feed, methods=["GET", "HEAD"])

    def _page(
        self, request: Request, viewer: Viewer, address: CalendarAddress, url: str | None
    ) -> Response:
        made = (
            None
            if address.made_at is None
            else plain_date(address.made_at.astimezone(viewer.zone).date(), viewer.lang)
        )
        context = {
            "title": t("web.public.calendar.title", viewer.lang),
            "made": made,
            "url": url,
        }
        return self.site.page(request, viewer, "public/calendar.html", context)

    async def show(self, request: Request) -> Response:
        viewer = await self.site.require(request)
        now = self.site.clock.now()
        address = await self.site.read(
            lambda session: calendar_address(session, viewer.person_id, now)
        )
        return self._page(request, viewer, address, None)

    async def renew(self, request: Request) -> Response:
        viewer = await self.site.require(request)
        await self.site.form(request, viewer)
        now = self.site.clock.now()
        origin = self.site.origin(request)

        def make(session: Session) -> CalendarAddress:
            made = new_calendar_address(session, viewer.person_id, now)
            audit.record(
                session,
                at=now,
                origin=origin,
                person_id=viewer.person_id,
                actor=viewer.name,
                programme_id=None,
                what="calendar.new_address",
            )
            return made

        address = await self.site.write(make)
        url = f"{base_url(request, self.site.settings)}{PAGE}/{address.token}{SUFFIX}"
        return self._page(request, viewer, address, url)

    async def feed(self, request: Request, name: str) -> Response:
        token = name.removesuffix(SUFFIX)
        if token == name:  # not a calendar's address
            return self.site.missing(request, None)
        now = self.site.clock.now()
        found = await self.site.read(lambda session: person_calendar(session, token, now))
        if found is None:
            return self.site.missing(request, None)
        base = base_url(request, self.site.settings)
        stamp = now.replace(hour=0, minute=0, second=0, microsecond=0)
        body = ical_bytes(found, base_url=base, host=host_of(base), now=stamp)
        return kept_answer(request, body, ICAL_TYPE, PRIVATE)
