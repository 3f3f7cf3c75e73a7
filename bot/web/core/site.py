"""What every page group of the web app works with: the register in a worker thread, the
viewer of a request, the checks a form passes, and pages rendered in the viewer's language.

A page handler reads or writes through ``read``/``write`` (a session in a thread, so the event
loop never waits on the database), asks ``require`` for the viewer (signed out: off to the
sign-in page), checks what the viewer may do with ``handlers.permissions`` and answers with
``page``, ``redirect``, ``refused`` or ``missing``. What goes wrong on the way (the database
away, a form not from our page) is raised as an exception the app turns into a page, so no
handler can forget it.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from datetime import datetime
from io import BytesIO
from typing import Any, Final, Protocol, TypeVar
from urllib.parse import parse_qsl, quote

from fastapi import Request, Response
from fastapi.responses import HTMLResponse
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from bot.web.core.auth import (
    CSRF_FIELD,
    FORM_COOKIE,
    SESSION_COOKIE,
    Place,
    Viewer,
    viewer_of,
)
from bot.web.core.recent import Recent
from bot.web.core.rendering import render
from bot.web.core.signing import Signer, same
from config.settings import Settings
from storage import audit, web_sessions
from storage.audit import Origin
from storage.db import transaction
from storage.models import Person, Programme
from storage.people import person_by_id
from words import logtext
from words.catalogue import Language, language
from words.clock import Clock
from words.errors import VoortgangError

T = TypeVar("T")
log = logging.getLogger(__name__)

MAX_FORM: Final = 1024 * 1024  # a letter's paragraph is long; a megabyte is many of them
MAX_UPLOAD: Final = 5 * 1024 * 1024  # a programme file of thousands of actions fits
MAX_FIELDS: Final = 1000
SIGN_IN_PATH: Final = "/inloggen"
NO_STORE: Final = "no-store"


class Sessions(Protocol):
    """What the pages need of the register (bot.engine.opening.Register)."""

    @property
    def sessions(self) -> sessionmaker[Session]: ...


class SignInNeeded(VoortgangError):  # noqa: N818 - a redirect, not an error
    def __init__(self, back_to: str) -> None:
        super().__init__(back_to)
        self.back_to = back_to


class FormRefused(VoortgangError):  # noqa: N818 - the CSRF check: answered with a page
    pass


class TooLarge(VoortgangError):  # noqa: N818 - answered with a page
    pass


class Unavailable(VoortgangError):  # noqa: N818 - the database away: answered with a 503 page
    pass


class Site:
    def __init__(
        self, register: Sessions, clock: Clock, settings: Settings, *, local: bool = False
    ) -> None:
        self.register = register
        self.clock = clock
        self.settings = settings
        self.local = local  # the console's own dashboard on this computer only
        self.signer = Signer(settings.secret_keys)
        self.recent = Recent()  # read models kept a few seconds (bot.web.core.recent)
        # Secure cookies everywhere but on a plain-http local address, where browsers drop
        # them (the console's dashboard, tests on loopback).
        self.secure = not local

    # --- the database, in a thread -----------------------------------------------------------

    async def read(self, work: Callable[[Session], T]) -> T:
        """``work`` in a session of its own, in a worker thread."""
        return await self._in_thread(work, self.register.sessions)

    async def write(self, work: Callable[[Session], T]) -> T:
        """``work`` in a transaction of its own, committed when it returns; pages' kept read
        models are dropped, so the next page shows the change."""
        try:
            return await self._in_thread(work, lambda: transaction(self.register.sessions))
        finally:
            self.recent.changed()

    async def note(self, work: Callable[[Session], T]) -> T:
        """``work`` in a transaction of its own, for what no page's read model shows (counting
        sign-in attempts): the kept read models stay, so requests anyone can make without
        signing in cannot make every dashboard compute again."""
        return await self._in_thread(work, lambda: transaction(self.register.sessions))

    async def _in_thread(
        self, work: Callable[[Session], T], opened: Callable[[], AbstractContextManager[Session]]
    ) -> T:
        def run() -> T:
            with opened() as session:
                return work(session)

        try:
            return await run_in_threadpool(run)
        except SQLAlchemyError as err:
            log.warning(logtext.WEB_DATABASE, type(err).__name__)
            raise Unavailable from err

    # --- who is asking ----------------------------------------------------------------------

    async def viewer(self, request: Request) -> Viewer | None:
        """The signed-in person of ``request`` (read once per request), or None."""
        if "viewer" in request.state._state:
            found: Viewer | None = request.state.viewer
            return found
        found = None
        cookie = request.cookies.get(self.session_cookie)
        token = None if cookie is None else self.signer.unsign(cookie)
        if token is not None:
            now = self.clock.now()

            def look(session: Session) -> Viewer | None:
                signed = web_sessions.find(session, token, now)
                if signed is None:
                    return None
                places = tuple(
                    Place(i, k, n, r)
                    for i, k, n, r in web_sessions.places_of(session, signed.person_id)
                )
                return viewer_of(
                    signed,
                    places,
                    self.settings.language,
                    self.settings.zone,
                    self.settings.operators,
                )

            found = await self.read(look)
        request.state.viewer = found
        return found

    async def require(self, request: Request) -> Viewer:
        """The signed-in viewer; signed out, the answer is the sign-in page, which brings
        them back here afterwards."""
        found = await self.viewer(request)
        if found is None:
            back = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            raise SignInNeeded(back)
        return found

    def lang_of(self, viewer: Viewer | None, programme: Programme | None = None) -> Language:
        if viewer is not None:
            return viewer.lang
        if programme is not None:
            return language(programme.language)
        return language(self.settings.language)

    @staticmethod
    def origin(request: Request) -> Origin:
        client = request.client
        return Origin(
            address="" if client is None else client.host,
            user_agent=request.headers.get("user-agent", ""),
        )

    # --- forms ------------------------------------------------------------------------------

    async def form(self, request: Request, viewer: Viewer) -> dict[str, str]:
        """The posted fields (the first of a repeated name counts), once the form is known to
        come from our own page: its CSRF field equals the session's token."""
        fields = await _fields(request)
        if not same(fields.get(CSRF_FIELD, ""), viewer.csrf):
            raise FormRefused
        return fields

    async def upload(
        self, request: Request, viewer: Viewer
    ) -> tuple[dict[str, str], dict[str, UploadFile]]:
        """A multipart form: its text fields and its files, CSRF checked, at most MAX_UPLOAD."""
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > MAX_UPLOAD:
            raise TooLarge
        async with request.form(max_files=4, max_fields=MAX_FIELDS) as data:
            fields: dict[str, str] = {}
            files: dict[str, UploadFile] = {}
            for name, value in data.multi_items():
                if isinstance(value, str):
                    fields.setdefault(name, value)
                else:
                    files.setdefault(name, value)
            if not same(fields.get(CSRF_FIELD, ""), viewer.csrf):
                raise FormRefused
            for upload in files.values():
                if upload.size is not None and upload.size > MAX_UPLOAD:
                    raise TooLarge
            # Read while the form is open: the caller gets bytes-backed files.
            kept = {name: await _kept(upload) for name, upload in files.items()}
        return fields, kept

    def form_token(self, request: Request) -> str:
        """Before signing in: the CSRF token of the sign-in forms, kept in a signed cookie
        (``keep_form_token`` sets it on the answer)."""
        cookie = request.cookies.get(self.form_cookie)
        value = None if cookie is None else self.signer.unsign(cookie)
        return value if value is not None else secrets.token_urlsafe(24)

    def keep_form_token(self, response: Response, token: str) -> None:
        response.set_cookie(
            self.form_cookie,
            self.signer.sign(token),
            max_age=3600,
            path="/",
            secure=self.secure,
            httponly=True,
            samesite="lax",
        )

    async def anonymous_form(self, request: Request) -> dict[str, str]:
        fields = await _fields(request)
        cookie = request.cookies.get(self.form_cookie)
        value = None if cookie is None else self.signer.unsign(cookie)
        if value is None or not same(fields.get(CSRF_FIELD, ""), value):
            raise FormRefused
        return fields

    # --- sessions ---------------------------------------------------------------------------

    @property
    def session_cookie(self) -> str:
        # __Host- only where the cookie is Secure: browsers refuse the prefix otherwise.
        return SESSION_COOKIE if self.secure else SESSION_COOKIE.removeprefix("__Host-")

    @property
    def form_cookie(self) -> str:
        return FORM_COOKIE if self.secure else FORM_COOKIE.removeprefix("__Host-")

    def signed_in(self, response: Response, token: str) -> Response:
        """``response`` with the session cookie of ``token`` (from storage.web_sessions.start)."""
        response.set_cookie(
            self.session_cookie,
            self.signer.sign(token),
            max_age=int(web_sessions.SESSION_TTL.total_seconds()),
            path="/",
            secure=self.secure,
            httponly=True,
            samesite="lax",
        )
        return response

    async def start_session(
        self, request: Request, person_id: int, method: str, back_to: str = "/"
    ) -> Response:
        """Sign ``person_id`` in (a new session, an audit row) and send them to ``back_to``
        (a path on this site): for sign-in ways that have verified who it is themselves."""
        now = self.clock.now()
        origin = self.origin(request)

        def start(session: Session) -> str | None:
            person = person_by_id(session, person_id)
            return None if person is None else begin(session, person, method, origin, now)

        token = await self.write(start)
        if token is None:
            return self.missing(request, None)
        return self.signed_in(self.redirect(back_to), token)

    def signed_out(self, response: Response) -> Response:
        response.delete_cookie(
            self.session_cookie, path="/", secure=self.secure, httponly=True, samesite="lax"
        )
        return response

    # --- answers ----------------------------------------------------------------------------

    def page(
        self,
        request: Request,
        viewer: Viewer | None,
        template: str,
        context: Mapping[str, Any],
        *,
        status: int = 200,
        programme: Programme | None = None,
        lang: Language | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> HTMLResponse:
        code = lang if lang is not None else self.lang_of(viewer, programme)
        body = render(
            template,
            code,
            viewer=viewer,
            programme=programme,
            path=request.url.path,
            local=self.local,
            context=context,
        )
        answer = HTMLResponse(body, status_code=status)
        answer.headers["Cache-Control"] = NO_STORE
        for name, value in (headers or {}).items():
            answer.headers[name] = value
        return answer

    @staticmethod
    def redirect(location: str) -> Response:
        # 303: after a POST the browser GETs the page, so reloading it posts nothing again.
        return Response(status_code=303, headers={"Location": location, "Cache-Control": NO_STORE})

    def refused(
        self, request: Request, viewer: Viewer | None, reason: str, status: int = 403
    ) -> HTMLResponse:
        """A page saying why not: ``reason`` is a catalogue key (``perm.not_owner``)."""
        return self.page(
            request,
            viewer,
            "core/message.html",
            {"title_key": "web.refused_title", "text_key": reason},
            status=status,
        )

    def missing(self, request: Request, viewer: Viewer | None) -> HTMLResponse:
        return self.page(
            request,
            viewer,
            "core/message.html",
            {"title_key": "web.missing_title", "text_key": "web.missing"},
            status=404,
        )

    def sign_in_address(self, back_to: str) -> str:
        return f"{SIGN_IN_PATH}?terug={quote(back_to, safe='/')}"


def begin(
    session: Session,
    person: Person,
    method: str,
    origin: Origin,
    now: datetime,
    *,
    detail: Mapping[str, Any] | None = None,
) -> str:
    """A new session for ``person`` with its audit row; returns the session's token."""
    audit.record(
        session,
        at=now,
        origin=origin,
        person_id=person.id,
        actor=person.name,
        programme_id=None,
        what="signin",
        detail={"method": method, **(detail if detail is not None else {})},
    )
    return web_sessions.start(session, person.id, method, now)


async def read_fields(request: Request, limit: int, max_fields: int) -> dict[str, str] | None:
    """A urlencoded form's fields, the first of a repeated name counting; None when the body
    is over ``limit`` bytes or has more fields than ``max_fields`` (no form of ours has)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > limit:
            return None
    try:
        pairs = parse_qsl(
            body.decode("utf-8", "replace"), keep_blank_values=True, max_num_fields=max_fields
        )
    except ValueError:
        return None
    fields: dict[str, str] = {}
    for name, value in pairs:
        fields.setdefault(name, value)
    return fields


async def _fields(request: Request) -> dict[str, str]:
    fields = await read_fields(request, MAX_FORM, MAX_FIELDS)
    if fields is None:
        raise TooLarge
    return fields


async def _kept(upload: UploadFile) -> UploadFile:
    """The upload's content read into memory (bounded by MAX_UPLOAD) as a new UploadFile, so
    it outlives the request's temporary files."""
    content = await upload.read(MAX_UPLOAD + 1)
    if len(content) > MAX_UPLOAD:
        raise TooLarge
    return UploadFile(
        BytesIO(content),
        size=len(content),
        filename=upload.filename,
        headers=upload.headers,
    )
