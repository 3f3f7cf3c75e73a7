"""The kept letters' documents to download: a final brief's (``/p/{key}/brief/definitief/3.pdf``)
for everyone in the programme, readers too, as ``brief 3`` in chat; the draft's
(``/p/{key}/brief/concept.docx``) for the director and programme support.

The bytes are the ones kept when the letter was made, never made again here. Each goes as an
attachment with its own content type and a file name of safe characters only.
"""

from __future__ import annotations

import re
from typing import Final
from urllib.parse import quote

from fastapi import FastAPI, Request, Response

from bot.web.brief_pages.letter_access import let_in
from bot.web.core.site import Site
from handlers.brief.drafts import MIME, file_name_of
from storage.letter_asks import KeptFile, kept_file
from words.numbers import row_number

FORMATS: Final = ("docx", "pdf", "html", "md")
TEXT_FORMATS: Final = ("html", "md")
UNSAFE: Final = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(name: str) -> str:
    """A file name of letters, digits, dots, hyphens and underscores only: nothing a browser or
    a header could read as a path, a quote or a second header."""
    cleaned = UNSAFE.sub("-", name).strip(".-")
    return cleaned if cleaned else "voortgangsbrief"


class LetterFiles:
    def __init__(self, site: Site) -> None:
        self.site = site

    def mount(self, app: FastAPI) -> None:
        app.add_api_route("/p/{key}/brief/definitief/{name}", self.final, methods=["GET", "HEAD"])
        app.add_api_route("/p/{key}/brief/concept.{fmt}", self.draft, methods=["GET", "HEAD"])

    async def final(self, request: Request, key: str, name: str) -> Response:
        member = await let_in(self.site, request, key)
        if isinstance(member, Response):
            return member
        viewer, programme = member.viewer, member.programme
        stem, _, fmt = name.rpartition(".")
        number = row_number(stem)
        if number is None or fmt not in FORMATS:
            return self.site.missing(request, viewer)
        programme_id = programme.id
        found = await self.site.read(lambda s: kept_file(s, programme_id, fmt, number))
        if found is None:
            return self.site.missing(request, viewer)
        return _attachment(programme.key, found, fmt)

    async def draft(self, request: Request, key: str, fmt: str) -> Response:
        member = await let_in(self.site, request, key, manage=True)
        if isinstance(member, Response):
            return member
        viewer, programme = member.viewer, member.programme
        if fmt not in FORMATS:
            return self.site.missing(request, viewer)
        programme_id = programme.id
        found = await self.site.read(lambda s: kept_file(s, programme_id, fmt))
        if found is None:
            return self.site.missing(request, viewer)
        return _attachment(programme.key, found, fmt)


def _attachment(programme_key: str, kept: KeptFile, fmt: str) -> Response:
    name = safe_name(
        file_name_of(programme_key, kept.period_label, kept.number, fmt, kept.language)
    )
    media = MIME[fmt] + ("; charset=utf-8" if fmt in TEXT_FORMATS else "")
    return Response(
        kept.content,
        media_type=media,
        headers={
            "Content-Disposition": (
                f"attachment; filename=\"{name}\"; filename*=UTF-8''{quote(name)}"
            ),
            "Cache-Control": "private, no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )
