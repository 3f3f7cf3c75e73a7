"""The voortgangsbrief's page: ``/p/{key}/brief``, the draft of a reporting period as the
documents hold it, with the forms to write it in place, the owners without news, the draft's
documents and the final briefs; and ``/p/{key}/brief/publiceren``, the confirmation before a
draft becomes final.

The letter on the page is the ``Letter`` the documents are rendered from, compiled by the same
code (handlers.brief.letter_desk), laid out by the page's own template because the letter's HTML
document is a whole document with a style sheet of its own. The forms post to
bot.web.brief_pages.letter_forms; the downloads are bot.web.brief_pages.letter_files'.
"""

from __future__ import annotations

import base64
from datetime import datetime
from typing import Final
from urllib.parse import quote

from fastapi import FastAPI, Request, Response
from sqlalchemy.orm import Session

from bot.letter.chart import chart_svg, chart_title
from bot.web.brief_pages.letter_access import let_in, letter_address
from bot.web.brief_pages.letter_files import LetterFiles
from bot.web.brief_pages.letter_forms import LetterForms
from bot.web.core.auth import Viewer
from bot.web.core.site import Site
from handlers.brief.content import Letter
from handlers.brief.drafts import period_label
from handlers.brief.letter_desk import (
    Desk,
    Rewording,
    chosen_period,
    read_desk,
    read_publishing,
    read_rewording,
)
from storage.people import person_by_id
from words.catalogue import t
from words.dates import moment, period_name
from words.domain import Status
from words.periods.model import Period

# The notices a form's answer may ask the page to show (?klaar=...): nothing else is shown.
NOTICES: Final = frozenset(
    {"written", "reset", "unchanged", "asking", "drafting", "publishing", "not_draft"}
)
# Up to this many updates the viewer may reword, each one's form is folded in under it, to be
# written in place; beyond, each links to its own wording page. A programme of 10,000 actions
# quoting 5,900 updates made a page of 9.6 MB with the forms, 5.7 MB with the links.
INLINE_WORDINGS: Final = 100


class BriefPages:
    def __init__(self, site: Site) -> None:
        self.site = site
        self.forms = LetterForms(site)
        self.files = LetterFiles(site)

    def mount(self, app: FastAPI) -> None:
        app.add_api_route("/p/{key}/brief", self.letter, methods=["GET", "HEAD"])
        app.add_api_route("/p/{key}/brief/publiceren", self.confirm, methods=["GET", "HEAD"])
        # GET: the form; its POST is LetterForms.wording's.
        app.add_api_route(
            "/p/{key}/brief/formulering/{action}", self.rewording, methods=["GET", "HEAD"]
        )
        self.forms.mount(app)
        self.files.mount(app)

    async def letter(self, request: Request, key: str) -> Response:
        member = await let_in(self.site, request, key)
        if isinstance(member, Response):
            return member
        viewer, programme, rights = member.viewer, member.programme, member.rights
        words = request.query_params.get("periode", "")
        now = self.site.clock.now()
        today = now.astimezone(viewer.zone).date()

        def look(session: Session) -> Desk | None:
            chosen = chosen_period(session, programme, words, today)
            if chosen is None:
                return None
            period, periods = chosen
            return read_desk(session, programme, rights, period, periods, now)

        desk = await self.site.read(look)
        if desk is None:
            return self.site.missing(request, viewer)
        notice = request.query_params.get("klaar", "")
        lang = viewer.lang
        title = t("web.brief.title", lang, period=_words(desk.period, viewer))
        context = {
            "title": title,
            "desk": desk,
            "notice": notice if notice in NOTICES else "",
            "when": lambda at: _when(at, viewer),
            "period_words": lambda p: _words(p, viewer),
            "chart": _chart(desk.letter),
            "address": lambda label="", anchor="": letter_address(key, label, "", anchor),
            "base": f"/p/{quote(key)}/brief",
            "working_kinds": sorted({w.kind for w in desk.working}),
            "inline_wordings": len(desk.wordings) <= INLINE_WORDINGS,
        }
        return self.site.page(request, viewer, "brief/letter.html", context, programme=programme)

    async def rewording(self, request: Request, key: str, action: str) -> Response:
        """The form to reword one update for the letter on a page of its own: where the letter
        quotes more updates than ``INLINE_WORDINGS``, its page links here rather than carry a
        form per update (megabytes of forms nobody opens)."""
        member = await let_in(self.site, request, key)
        if isinstance(member, Response):
            return member
        viewer, programme = member.viewer, member.programme
        words = request.query_params.get("periode", "")
        now = self.site.clock.now()
        today = now.astimezone(viewer.zone).date()

        def look(session: Session) -> tuple[Period, Rewording | str] | None:
            chosen = chosen_period(session, programme, words, today)
            person = person_by_id(session, viewer.person_id)
            if chosen is None or person is None:
                return None
            return chosen[0], read_rewording(session, person, programme, chosen[0], action)

        found = await self.site.read(look)
        if found is None or found[1] == "web.brief.no_such_update":
            return self.site.missing(request, viewer)
        period, page = found
        if isinstance(page, str):
            return self.site.refused(request, viewer, page)
        label = period_label(period)
        context = {
            "title": t("web.brief.reword", viewer.lang, action=page.key),
            "page": page,
            "period": _words(period, viewer),
            "label": label,
            "when": lambda at: _when(at, viewer),
            "action": f"/p/{quote(key)}/brief/formulering/{quote(page.key)}",
            "back": letter_address(key, label, "", f"actie-{page.key}"),
        }
        return self.site.page(request, viewer, "brief/wording.html", context, programme=programme)

    async def confirm(self, request: Request, key: str) -> Response:
        """The confirmation before publishing: what becomes final and who receives it."""
        member = await let_in(self.site, request, key, manage=True)
        if isinstance(member, Response):
            return member
        viewer, programme = member.viewer, member.programme
        now = self.site.clock.now()
        publishing = await self.site.read(lambda s: read_publishing(s, programme, now))
        lang = viewer.lang
        period = None if publishing is None else _words(publishing.draft.period, viewer)
        context = {
            "title": t("web.brief.publish_title", lang),
            "publishing": publishing,
            "period": period,
            "when": lambda at: _when(at, viewer),
            "base": f"/p/{quote(key)}/brief",
            "back": letter_address(key, "" if publishing is None else publishing.draft.label),
        }
        return self.site.page(request, viewer, "brief/publish.html", context, programme=programme)


def _words(period: Period, viewer: Viewer) -> str:
    """'vierde kwartaal 2026': the period as the letter's heading names it."""
    return period_name(period.start, period.end, viewer.lang, bare=True)


def _when(at: datetime, viewer: Viewer) -> str:
    return moment(at, viewer.zone, viewer.lang)


def _chart(letter: Letter | None) -> dict[str, object] | None:
    """The letter's chart as an image the page may show (its policy allows data: images,
    not inline style), with the chart's title as its text alternative, and the words of its
    columns for the same numbers as a table (as the Markdown document gives them)."""
    if letter is None:
        return None
    svg = str(chart_svg(letter)).encode("utf-8")
    data = base64.b64encode(svg).decode("ascii")
    return {
        "src": f"data:image/svg+xml;base64,{data}",  # base64: nothing to escape
        "alt": chart_title(letter),
        "status_words": tuple(t(f"brief.status.{s.value}", letter.lang) for s in Status),
    }
