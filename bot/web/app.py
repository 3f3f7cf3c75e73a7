"""The web app on the web process: every page group on one FastAPI app, with the checks and
headers they share (bot.web.core).

``WebApp`` is one of the web process's ``Mounted`` parts (bot.run.http): it adds the pages'
routes, the answers to what a page handler raises (signed out, a form not from our page, the
database away) and the security headers. Each feature's pages are one class taking the
``Site``; PAGE_GROUPS lists them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final, Protocol

from fastapi import FastAPI, Request, Response
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import PlainTextResponse
from starlette.exceptions import HTTPException

from bot.web.api.api_routes import ApiPages
from bot.web.brief_pages.letter_page import BriefPages
from bot.web.core.headers import SecurityHeaders
from bot.web.core.rendering import STYLE_PATH
from bot.web.core.site import FormRefused, SignInNeeded, Site, TooLarge, Unavailable
from bot.web.editing.editing_pages import EditingPages
from bot.web.html_pages import style_sheet
from bot.web.oidc.oidc_pages import OidcPages
from bot.web.overview.overview_pages import OverviewPages
from bot.web.people_pages.files_page import FilesPages
from bot.web.people_pages.people_page import PeoplePages
from bot.web.public.calendar_pages import CalendarPages
from bot.web.public.public_pages import PublicPages
from bot.web.signin.signin_pages import SignInPages
from bot.web.token_logs import hide_tokens
from words.catalogue import t

API_PREFIX: Final = "/api/"


class PageGroup(Protocol):
    def mount(self, app: FastAPI) -> None: ...


PAGE_GROUPS: Final[tuple[Callable[[Site], PageGroup], ...]] = (
    SignInPages,
    OidcPages,
    PublicPages,
    CalendarPages,
    PeoplePages,
    FilesPages,
    OverviewPages,
    BriefPages,
    EditingPages,
    ApiPages,
)


class WebApp:
    """The web app's pages, mounted on the web process's app."""

    def __init__(self, site: Site, extra: Sequence[PageGroup] = ()) -> None:
        self.site = site
        self.groups: list[PageGroup] = [make(site) for make in PAGE_GROUPS]
        self.groups.extend(extra)

    def mount(self, app: FastAPI) -> None:
        app.add_middleware(SecurityHeaders, https=self.site.secure)
        app.add_exception_handler(SignInNeeded, self._sign_in)
        app.add_exception_handler(FormRefused, self._form_refused)
        app.add_exception_handler(TooLarge, self._too_large)
        app.add_exception_handler(Unavailable, self._unavailable)
        app.add_exception_handler(HTTPException, self._http_error)
        app.add_api_route(STYLE_PATH, self._style, methods=["GET", "HEAD"])
        for group in self.groups:
            group.mount(app)

    async def start(self) -> None:
        hide_tokens()

    async def stop(self) -> None:
        return None

    async def _style(self) -> Response:
        return Response(
            style_sheet(),
            media_type="text/css; charset=utf-8",
            headers={"Cache-Control": "public, max-age=3600"},
        )

    async def _sign_in(self, _request: Request, exc: Exception) -> Response:
        assert isinstance(exc, SignInNeeded)  # noqa: S101 - registered for it
        return self.site.redirect(self.site.sign_in_address(exc.back_to))

    async def _form_refused(self, request: Request, _exc: Exception) -> Response:
        viewer = request.state.viewer if "viewer" in request.state._state else None
        return self.site.page(
            request,
            viewer,
            "core/message.html",
            {"title_key": "web.csrf_title", "text_key": "web.csrf"},
            status=403,
        )

    async def _too_large(self, request: Request, _exc: Exception) -> Response:
        viewer = request.state.viewer if "viewer" in request.state._state else None
        return self.site.page(
            request,
            viewer,
            "core/message.html",
            {"title_key": "web.too_large_title", "text_key": "web.too_large"},
            status=413,
        )

    async def _http_error(self, request: Request, exc: Exception) -> Response:
        """What the router answers itself: an address it does not know is a page in the
        frame for people (in their language, with a way home), FastAPI's JSON for the API."""
        assert isinstance(exc, HTTPException)  # noqa: S101 - registered for it
        if request.url.path.startswith(API_PREFIX) or exc.status_code != 404:
            return await http_exception_handler(request, exc)
        return self.site.missing(request, await self.site.viewer(request))

    async def _unavailable(self, request: Request, _exc: Exception) -> Response:
        # No page from the templates' frame: it may want the database again. Plain and short.
        lang = self.site.lang_of(None)
        return PlainTextResponse(
            t("web.unavailable", lang),
            status_code=503,
            headers={"Retry-After": "60", "Cache-Control": "no-store"},
        )
