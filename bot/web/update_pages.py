"""The personal update form on the web process (issue 17): ``GET /bijwerken/{token}`` shows
it, ``POST`` the same address sends it in, ``POST …/nieuw`` asks for a fresh link.

No CSRF cookie or hidden field: the credential is the token in the address itself, 256 random
bits that only the person's message carries, so another site cannot make a browser post a form
it does not know the address of; and a cookie would add nothing the token does not already
prove. Opening the page writes nothing, so a link scanner that opens it spends nothing.

A submission's events are stored through the intake, as chat events are, before the person is
thanked; the token is spent after that, so a failure in between leaves a link that still works
(sending again stores nothing twice: each event's id is the token's and the action's). The
clock process's inbox worker records them through ``handlers.replies.form.on_form``, as any
chat form, with source WEB.

This package imports nothing of ``bot.engine``: the sender there takes the form's path from
``bot.web.paths``, and the floors' siblings may not import each other both ways.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Final, Protocol, TypeVar
from zoneinfo import ZoneInfo

from fastapi import FastAPI, Request, Response
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from bot.web.core.site import read_fields
from bot.web.form_flow import Accepted, Page, check, fresh, gone_context, message_page, show
from bot.web.form_flow import settle as spend_token
from bot.web.html_pages import css, html, redirect
from bot.web.paths import FORM_PATH, FRESH_PATH, STYLE_PATH
from bot.web.token_logs import hide_tokens
from config.settings import Settings
from storage.db import transaction
from words import logtext
from words.chat.inbound import Event
from words.clock import Clock
from words.errors import VoortgangError

# A form of a handful of actions with 4,000 characters each, percent-encoded (up to nine bytes
# a character), fits many times over; past this the body is not read any further.
MAX_BODY: Final = 512 * 1024
MAX_FIELDS: Final = 400  # four inputs an action: a hundred actions
T = TypeVar("T")
log = logging.getLogger(__name__)


class Sessions(Protocol):
    """What the pages need of the register (bot.engine.opening.Register)."""

    @property
    def sessions(self) -> sessionmaker[Session]: ...


class Intake(Protocol):
    """Where events are stored before they are acknowledged (bot.engine.intake.EventIntake)."""

    async def store(self, event: Event) -> int | None: ...


class UpdateFormPages:
    """The update form's routes, mounted on the web process's app (bot.run.http)."""

    def __init__(self, register: Sessions, clock: Clock, settings: Settings, intake: Intake):
        self.register = register
        self.clock = clock
        self.zone: ZoneInfo = settings.zone
        self.intake = intake

    def mount(self, app: FastAPI) -> None:
        # HEAD too: link scanners ask it before (or instead of) a GET; it reads like a GET.
        app.add_api_route(FORM_PATH, self.form, methods=["GET", "HEAD"])
        app.add_api_route(FORM_PATH, self.submit, methods=["POST"])
        app.add_api_route(FRESH_PATH, self.fresh_link, methods=["POST"])
        app.add_api_route(STYLE_PATH, self.style, methods=["GET", "HEAD"])

    async def start(self) -> None:
        hide_tokens()

    async def stop(self) -> None:
        return None

    async def style(self) -> Response:
        return css()

    async def form(self, request: Request, token: str) -> Response:
        query: dict[str, str] = {}
        for name, value in request.query_params.multi_items():
            query.setdefault(name, value)  # the first of a repeated parameter counts
        now = self.clock.now()
        page = await self._reading(lambda s: show(s, token, query, now, self.zone))
        return _message("unavailable", 503) if page is None else _answer(page, token)

    async def submit(self, request: Request, token: str) -> Response:
        now = self.clock.now()
        fields = await _fields(request)
        if fields is None:
            return _message("too_large", 413)
        result = await self._reading(lambda s: check(s, token, fields, now, self.zone))
        if result is None:
            return _message("unavailable", 503)
        if not isinstance(result, Accepted):
            return _answer(result, token)
        try:
            # Stored before anything is acknowledged: the person is thanked only for what the
            # inbox worker will find.
            await asyncio.gather(*(self.intake.store(event) for event in result.events))
        except VoortgangError:  # the intake's IntakeError, which the intake has logged
            return _message("unavailable", 503)
        spent = await self._writing(lambda s: spend_token(s, result.token_id, now))
        if spent is None:
            # Stored but not spent: sending again stores nothing twice and then spends it.
            return _message("unavailable", 503)
        return _answer(result.thanks if spent else result.gone, token)

    async def fresh_link(self, token: str) -> Response:
        now = self.clock.now()
        page = await self._writing(lambda s: fresh(s, token, now, self.zone))
        return _message("unavailable", 503) if page is None else _answer(page, token)

    async def _reading(self, work: Callable[[Session], T]) -> T | None:
        """``work`` in a session of its own, in a thread; None when the database is away."""
        return await self._in_thread(work, self.register.sessions)

    async def _writing(self, work: Callable[[Session], T]) -> T | None:
        """``work`` in a transaction of its own, in a thread; None when it was not committed."""
        return await self._in_thread(work, lambda: transaction(self.register.sessions))

    async def _in_thread(
        self, work: Callable[[Session], T], opened: Callable[[], AbstractContextManager[Session]]
    ) -> T | None:
        def run() -> T:
            with opened() as session:
                return work(session)

        try:
            return await run_in_threadpool(run)
        except SQLAlchemyError as err:
            log.warning(logtext.WEBFORM_DATABASE, type(err).__name__)
            return None


async def _fields(request: Request) -> dict[str, str] | None:
    """The form's fields, the first of a repeated name counting; None when it is too large."""
    return await read_fields(request, MAX_BODY, MAX_FIELDS)


def _answer(page: Page, token: str) -> Response:
    if page.location is not None:
        return redirect(page.location)
    context = gone_context(page, token) if page.template == "gone.html" else page.context
    return html(page.template, page.status, context)


def _message(name: str, status: int) -> Response:
    page = message_page(name, status)
    return html(page.template, page.status, page.context)
