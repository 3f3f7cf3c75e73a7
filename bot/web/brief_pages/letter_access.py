"""What every request about a programme's letter starts with: the programme the address names
and the viewer's rights on its letter; and the letter page's own address."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from fastapi import Request, Response
from sqlalchemy.orm import Session

from bot.web.core.auth import Viewer
from bot.web.core.site import Site
from handlers.brief.letter_desk import Rights, programme_of, rights_of
from storage.models import Programme
from storage.people import person_by_id


def letter_address(key: str, label: str = "", notice: str = "", anchor: str = "") -> str:
    """The page's address for a period (its label, "2026-Q4"), with a notice to show."""
    query = {k: v for k, v in (("periode", label), ("klaar", notice)) if v}
    tail = f"?{urlencode(query, quote_via=quote)}" if query else ""
    return f"/p/{quote(key)}/brief{tail}{'#' + anchor if anchor else ''}"


@dataclass(frozen=True, slots=True)
class Opened:
    """A request about one programme's letter: the programme, and the viewer's rights on its
    letter (None: not in the programme)."""

    programme: Programme
    rights: Rights | None


async def open_programme(site: Site, key: str, viewer: Viewer) -> Opened | None:
    """The programme ``key`` names and the viewer's rights on its letter; None when there is
    no such programme."""

    def look(session: Session) -> Opened | None:
        programme = programme_of(session, key)
        if programme is None:
            return None
        person = person_by_id(session, viewer.person_id)
        rights = None if person is None else rights_of(session, person, programme)
        return Opened(programme, rights)

    return await site.read(look)


@dataclass(frozen=True, slots=True)
class Member:
    """Someone of the programme asking about its letter: who, which programme, what they
    may do with its letter."""

    viewer: Viewer
    programme: Programme
    rights: Rights


async def let_in(
    site: Site, request: Request, key: str, *, manage: bool = False
) -> Member | Response:
    """The signed-in viewer with their rights on programme ``key``'s letter; or the answer
    that stops them: 404 for no such programme, 403 for someone not in it (with ``manage``,
    also for someone who is not its director or programme support)."""
    viewer = await site.require(request)
    opened = await open_programme(site, key, viewer)
    if opened is None:
        return site.missing(request, viewer)
    if opened.rights is None:
        return site.refused(request, viewer, "perm.not_member")
    if manage and not opened.rights.manage:
        return site.refused(request, viewer, "perm.director_only")
    return Member(viewer, opened.programme, opened.rights)
