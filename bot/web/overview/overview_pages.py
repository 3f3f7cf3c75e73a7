"""The overview pages: ``/p/{key}`` the dashboard, ``/p/{key}/acties`` the register with its
filter form and sortable columns, ``/p/{key}/acties/{number}`` an action with its history.

Any member of the programme may read them, readers included (``handlers.permissions.may_read``,
checked on every request, server side); nothing here changes anything. A programme that does
not exist is a 404, one the viewer is not in a 403 that says why.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from fastapi import FastAPI, Request, Response
from sqlalchemy.orm import Session

from bot.web.core.auth import Viewer
from bot.web.core.notices import forget_notice, read_notice
from bot.web.core.site import Site
from bot.web.overview.register_view import ask_of, page_link, register_link, sort_links
from bot.web.overview.status_chart import chart_bars
from handlers.overview.dashboard_model import OPEN, dashboard
from handlers.overview.history_model import action_page
from handlers.overview.programme_access import Opened, open_programme
from handlers.overview.register_model import RegisterAsk, register
from storage.models import Person, Programme
from words.catalogue import t
from words.dates import long_date
from words.numbers import row_number

T = TypeVar("T")


class OverviewPages:
    def __init__(self, site: Site) -> None:
        self.site = site

    def mount(self, app: FastAPI) -> None:
        app.add_api_route("/p/{key}", self.dashboard, methods=["GET", "HEAD"])
        app.add_api_route("/p/{key}/acties", self.register, methods=["GET", "HEAD"])
        app.add_api_route("/p/{key}/acties/{number}", self.action, methods=["GET", "HEAD"])

    async def _opened(
        self,
        viewer: Viewer,
        key: str,
        build: Callable[[Session, Programme, Person, datetime], T],
    ) -> tuple[Opened, T | None]:
        """The programme opened for ``viewer`` and, when they may read it, what ``build``
        makes of it: one session, one worker thread."""
        now = self.site.clock.now()

        def work(session: Session) -> tuple[Opened, T | None]:
            opened = open_programme(session, viewer.person_id, key)
            if opened.programme is None or opened.person is None or opened.refusal is not None:
                return opened, None
            return opened, build(session, opened.programme, opened.person, now)

        return await self.site.read(work)

    def _not_shown(self, request: Request, viewer: Viewer, opened: Opened) -> Response | None:
        if opened.programme is None:
            return self.site.missing(request, viewer)
        if opened.refusal is not None:
            return self.site.refused(request, viewer, opened.refusal)
        return None

    async def dashboard(self, request: Request, key: str) -> Response:
        viewer = await self.site.require(request)
        opened, board = await self._opened(
            viewer,
            key,
            lambda session, programme, _person, now: self.site.recent.get(
                (
                    "dashboard",
                    programme.id,
                    now.astimezone(viewer.zone).date(),
                    viewer.zone.key,
                    viewer.lang,
                ),
                lambda: dashboard(session, programme, now, viewer.zone, viewer.lang),
            ),
        )
        refusal = self._not_shown(request, viewer, opened)
        if refusal is not None or board is None:
            return refusal if refusal is not None else self.site.missing(request, viewer)
        base = f"/p/{board.programme_key}/acties"
        until = board.upcoming_until
        context = {
            "title": t("web.overview.dashboard_title", viewer.lang, programme=board.programme_name),
            "board": board,
            "bars": chart_bars(board.themes),
            "register_href": base,
            "theme_links": {
                theme.key: register_link(base, theme=theme.key) for theme in board.themes
            },
            "overdue_href": register_link(base, overdue=True, sort="deadline"),
            "upcoming_href": register_link(
                base,
                due_before=until.isoformat(),
                statuses=[s.value for s in OPEN],
                sort="deadline",
            ),
            "upcoming_day": long_date(until, viewer.lang),
            "action_base": base,
        }
        return self.site.page(
            request, viewer, "overview/dashboard.html", context, programme=opened.programme
        )

    async def register(self, request: Request, key: str) -> Response:
        viewer = await self.site.require(request)
        ask: RegisterAsk = ask_of(request.query_params.multi_items())
        opened, view = await self._opened(
            viewer,
            key,
            lambda session, programme, _person, now: self.site.recent.get(
                (
                    "register",
                    programme.id,
                    ask,
                    now.astimezone(viewer.zone).date(),
                    viewer.zone.key,
                    viewer.lang,
                ),
                lambda: register(
                    session,
                    programme,
                    ask,
                    today=now.astimezone(viewer.zone).date(),
                    zone=viewer.zone,
                    lang=viewer.lang,
                ),
            ),
        )
        refusal = self._not_shown(request, viewer, opened)
        if refusal is not None or view is None:
            return refusal if refusal is not None else self.site.missing(request, viewer)
        base = f"/p/{view.programme_key}/acties"
        context = {
            "title": t("web.overview.register_title", viewer.lang, programme=view.programme_name),
            "view": view,
            "base": base,
            "sorts": sort_links(base, view.applied),
            "previous_href": page_link(base, view.applied, view.page - 1) if view.page > 1 else "",
            "next_href": page_link(base, view.applied, view.page + 1)
            if view.page < view.pages
            else "",
        }
        return self.site.page(
            request, viewer, "overview/register.html", context, programme=opened.programme
        )

    async def action(self, request: Request, key: str, number: str) -> Response:
        viewer = await self.site.require(request)
        wanted = row_number(number.removeprefix("#"))
        opened, page = await self._opened(
            viewer,
            key,
            lambda session, programme, person, now: (
                None
                if wanted is None
                else action_page(
                    session,
                    programme,
                    wanted,
                    person,
                    today=now.astimezone(viewer.zone).date(),
                    zone=viewer.zone,
                    lang=viewer.lang,
                )
            ),
        )
        refusal = self._not_shown(request, viewer, opened)
        if refusal is not None:
            return refusal
        if page is None:
            return self.site.missing(request, viewer)
        base = f"/p/{page.programme_key}/acties"
        context = {
            "title": t(
                "web.overview.action_title",
                viewer.lang,
                number=page.number,
                key=page.key,
                title=page.title,
            ),
            "page": page,
            "register_href": base,
            "edit_href": f"{base}/{page.number}/bewerken",
            # What an edit that led back here did (bot.web.core.notices), shown once.
            "notice": read_notice(request, self.site),
        }
        return forget_notice(
            request,
            self.site,
            self.site.page(
                request, viewer, "overview/action.html", context, programme=opened.programme
            ),
        )
