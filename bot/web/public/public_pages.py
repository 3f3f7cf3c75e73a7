"""The public page of a programme for the councils, its letters' downloads, and its Atom and
iCal feeds: ``/openbaar/{key}`` and below.

No sign-in and no cookie: these pages never look at who asks, so every visitor gets the same
answer and a cache may keep it. A programme without a public page answers exactly as a key
that does not exist (the same 404 page), so the address tells nobody which programmes there
are. What the pages show is decided in handlers.public, which reads nothing unpublished.
"""

from __future__ import annotations

import re
from typing import Final

from fastapi import FastAPI, Request, Response

from bot.web.core.site import Site
from bot.web.public.atom_feed import atom_bytes, letter_anchor
from bot.web.public.feed_answers import PUBLIC_CACHE, attachment, base_url, host_of, kept_answer
from bot.web.public.ical_feed import ical_bytes
from handlers.public.calendar_events import programme_calendar
from handlers.public.council import council_feed, council_page, letter_file
from words.catalogue import language, t

PREFIX: Final = "/openbaar"
LETTER_FILE: Final = re.compile(r"^(\d{1,9})\.([a-z]{2,4})$")
ATOM_TYPE: Final = "application/atom+xml; charset=utf-8"
ICAL_TYPE: Final = "text/calendar; charset=utf-8"
# Text documents say their encoding; the letter's HTML and Markdown are UTF-8.
CHARSET: Final = {"html": "; charset=utf-8", "md": "; charset=utf-8"}
PUBLIC: Final = {"Cache-Control": PUBLIC_CACHE}


class PublicPages:
    def __init__(self, site: Site) -> None:
        self.site = site

    def mount(self, app: FastAPI) -> None:
        app.add_api_route(PREFIX + "/{key}", self.page, methods=["GET", "HEAD"])
        app.add_api_route(PREFIX + "/{key}/brieven.atom", self.atom, methods=["GET", "HEAD"])
        app.add_api_route(PREFIX + "/{key}/agenda.ics", self.calendar, methods=["GET", "HEAD"])
        app.add_api_route(PREFIX + "/{key}/brieven/{name}", self.download, methods=["GET", "HEAD"])

    def _missing(self, request: Request) -> Response:
        # Never the viewer: the same page for everyone, signed in or not.
        return self.site.missing(request, None)

    async def page(self, request: Request, key: str) -> Response:
        now = self.site.clock.now()
        page = await self.site.read(lambda session: council_page(session, key, now))
        if page is None:
            return self._missing(request)
        lang = language(page.lang)
        context = {
            "title": t("web.public.title", lang, name=page.name),
            "page": page,
            "anchor": letter_anchor,
            "atom": f"{PREFIX}/{page.key}/brieven.atom",
            "ical": f"{PREFIX}/{page.key}/agenda.ics",
        }
        return self.site.page(request, None, "public/page.html", context, lang=lang, headers=PUBLIC)

    async def atom(self, request: Request, key: str) -> Response:
        feed = await self.site.read(lambda session: council_feed(session, key))
        if feed is None:
            return self._missing(request)
        body = atom_bytes(feed, base_url=base_url(request, self.site.settings))
        return kept_answer(request, body, ATOM_TYPE, PUBLIC)

    async def calendar(self, request: Request, key: str) -> Response:
        now = self.site.clock.now()
        feed = await self.site.read(lambda session: programme_calendar(session, key, now))
        if feed is None:
            return self._missing(request)
        base = base_url(request, self.site.settings)
        # The stamp is the day's start, so the feed's bytes (and ETag) stay the same all day.
        stamp = now.replace(hour=0, minute=0, second=0, microsecond=0)
        body = ical_bytes(feed, base_url=base, host=host_of(base), now=stamp)
        return kept_answer(request, body, ICAL_TYPE, PUBLIC)

    async def download(self, request: Request, key: str, name: str) -> Response:
        asked = LETTER_FILE.match(name)
        if asked is None:
            return self._missing(request)
        number, fmt = int(asked.group(1)), asked.group(2)
        found = await self.site.read(lambda session: letter_file(session, key, number, fmt))
        if found is None:
            return self._missing(request)
        headers = {
            **PUBLIC,
            "Content-Disposition": attachment(found.file_name),
            # A letter's HTML is opened as a file, never as a page of this site: even if it
            # were shown, it could run nothing and load nothing.
            "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
        }
        media = found.media_type + CHARSET.get(fmt, "")
        return kept_answer(request, found.content, media, headers, etag=f'"{found.sha256}"')
