"""The read-only JSON API (issue 18): one programme's register for its own dashboards, read
with a token per integration, under ``/api/v1``.

Every call: the bearer token is looked up by its hash (unknown, malformed and revoked all get
the same 401), counted against its rate limit, and its last use noted (at most once a
minute: ``storage.api_tokens``); then the programme the token belongs to is read. Nothing else
is written: reads leave no audit row. A token never sees another programme: every read is by
the token's programme, so another programme's action is "not found", as one that does not
exist.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import asdict
from datetime import date, datetime
from typing import Annotated, Any, Final, Literal, TypeVar

from fastapi import Depends, FastAPI, Path, Query, Request, Response, Security
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BeforeValidator
from sqlalchemy.orm import Session
from starlette.routing import Mount
from starlette.types import ASGIApp

from bot.web.api import api_models as out
from bot.web.api.api_app import PREFIX, api_app
from bot.web.api.api_guard import (
    RateLimiter,
    not_found,
    rate_limited,
    unauthorized,
    unavailable,
    unknown_parameters,
)
from bot.web.core.site import Site, Unavailable
from handlers.api import api_reads
from handlers.api.api_views import ActionView, LetterView, ProgrammeView
from storage.api_rows import ActionQuery
from storage.api_tokens import Grant, grant_of, looks_like_token, note_use, use_is_stale
from words import logtext
from words.domain import Status
from words.programme.fields import KEY_PATTERN

T = TypeVar("T")
log = logging.getLogger(__name__)

BEARER: Final = HTTPBearer(
    auto_error=False,
    scheme_name="token",
    bearerFormat="vg_ and 43 url-safe characters",
    description="The programme's API token: voortgang api-token create -p KEY --name NAME",
)
MAX_LIMIT: Final = 500
MAX_NUMBER: Final = 2**31 - 1  # the database's integer: past it no action can be
MEDIA_TYPES: Final[dict[str, str]] = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
}
# storage.api_rows.SORTS, each either way round (checked against it in the tests).
Sort = Literal[
    "number",
    "-number",
    "due",
    "-due",
    "status",
    "-status",
    "theme",
    "-theme",
    "updated",
    "-updated",
]


def _problem(what: str, header: tuple[str, str] | None = None) -> dict[str, Any]:
    described: dict[str, Any] = {"model": out.Error, "description": what}
    if header is not None:
        described["headers"] = {header[0]: {"description": header[1], "schema": {"type": "string"}}}
    return described


# The refusals every call may meet, in the description as they are answered.
REFUSALS: Final[dict[int | str, dict[str, Any]]] = {
    401: _problem(
        "no token, or one that is unknown or revoked",
        ("WWW-Authenticate", 'Bearer realm="voortgang"'),
    ),
    429: _problem("too many calls with this token", ("Retry-After", "seconds to wait")),
    503: _problem("the database cannot be reached", ("Retry-After", "seconds to wait")),
}
INVALID: Final[dict[int | str, dict[str, Any]]] = {422: _problem("a parameter is not valid")}
MISSING: Final[dict[int | str, dict[str, Any]]] = {404: _problem("no such thing here")}

ISO_DAY: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _iso_day(value: object) -> object:
    # pydantic would read a number as seconds since 1970: a day is YYYY-MM-DD, nothing else.
    if isinstance(value, str) and not ISO_DAY.fullmatch(value):
        raise ValueError("a day is written YYYY-MM-DD")
    return value


def _true_or_false(value: object) -> object:
    # pydantic would take "1", "yes", "on" and more: the description says true or false.
    if isinstance(value, str) and value not in ("true", "false"):
        raise ValueError("true or false")
    return value


Key = Annotated[str, Query(pattern=KEY_PATTERN, max_length=64)]
Day = Annotated[date, BeforeValidator(_iso_day)]
Flag = Annotated[bool, BeforeValidator(_true_or_false)]
Number = Annotated[int, Path(ge=1, le=MAX_NUMBER, description='the action\'s number ("#12")')]


async def _granted(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Security(BEARER)],
) -> Grant:
    pages: ApiPages = request.app.state.pages
    grant = await pages.authorise(credentials)
    # Only a caller with a token learns which parameters a call takes.
    route = request.scope.get("route")
    if isinstance(route, APIRoute):
        # The route's own: its dependencies (this one) take none.
        known = {p.alias for p in route.dependant.query_params}
        strangers = set(request.query_params.keys()) - known
        if strangers:
            raise unknown_parameters(strangers)
    return grant


Granted = Annotated[Grant, Depends(_granted)]


class ApiMount(Mount):
    """A mount that takes every path under ``/api/v1``: Starlette's own lets a path with a
    line break in it ("%0A") fall through to the web app, whose answer is not the API's."""

    def __init__(self, path: str, app: ASGIApp) -> None:
        super().__init__(path, app=app)
        self.path_regex = re.compile(self.path_regex.pattern, re.DOTALL)


class ApiPages:
    """The API, mounted on the web app at ``/api/v1``."""

    def __init__(self, site: Site, limiter: RateLimiter | None = None):
        self.site = site
        self.clock = site.clock
        self.limiter = limiter if limiter is not None else RateLimiter()
        self.app = api_app()
        self.app.state.pages = self
        self._routes()

    def mount(self, app: FastAPI) -> None:
        app.router.routes.append(ApiMount(PREFIX, app=self.app))

    def _routes(self) -> None:
        get = self.app.add_api_route
        get(
            "/programme",
            self.programme,
            operation_id="getProgramme",
            response_model=out.Programme,
            responses=REFUSALS,
        )
        get(
            "/actions",
            self.actions,
            operation_id="listActions",
            response_model=out.ActionList,
            responses={**REFUSALS, **INVALID},
        )
        get(
            "/actions/{number}",
            self.action,
            operation_id="getAction",
            response_model=out.ActionWithHistory,
            responses={**REFUSALS, **INVALID, **MISSING},
        )
        get(
            "/themes",
            self.themes,
            operation_id="listThemes",
            response_model=out.ThemeList,
            responses=REFUSALS,
        )
        get(
            "/letters",
            self.letters,
            operation_id="listLetters",
            response_model=out.LetterList,
            responses=REFUSALS,
        )
        get(
            "/letters/{number}/{format}",
            self.document,
            operation_id="getLetterDocument",
            response_class=Response,
            responses={
                200: {
                    "description": "the document, exactly as it was published",
                    "content": {
                        media.split(";")[0]: {"schema": {"type": "string", "format": "binary"}}
                        for media in MEDIA_TYPES.values()
                    },
                },
                **REFUSALS,
                **INVALID,
                **MISSING,
            },
        )

    # -- the token -----------------------------------------------------------------------------

    async def authorise(self, credentials: HTTPAuthorizationCredentials | None) -> Grant:
        if credentials is None:
            raise unauthorized(token_given=False)
        token = credentials.credentials
        grant = await self._read(lambda s: grant_of(s, token)) if looks_like_token(token) else None
        if grant is None:
            raise unauthorized(token_given=True)
        wait = self.limiter.take(grant.token_id)
        if wait is not None:
            raise rate_limited(wait)
        now = self.clock.now()
        if use_is_stale(grant, now):
            await self._note_use(grant.token_id, now)
        return grant

    async def _note_use(self, token_id: int, now: datetime) -> None:
        try:
            await self.site.write(lambda s: note_use(s, token_id, now))
        except Unavailable:
            # Not worth refusing the read for: the next call a minute on notes it.
            log.warning(logtext.API_USE_NOT_NOTED, token_id)

    async def _read(self, work: Callable[[Session], T]) -> T:
        # The site's own answer to a database away is a page; the API's is JSON.
        try:
            return await self.site.read(work)
        except Unavailable as err:
            raise unavailable() from err

    # -- the routes ----------------------------------------------------------------------------

    async def programme(self, grant: Granted) -> out.Programme:
        """The token's programme: its period, themes, tracks and parties."""
        view = await self._read(lambda s: api_reads.programme_view(s, grant.programme_id))
        if view is None:
            raise not_found()
        return _programme(view)

    async def actions(
        self,
        request: Request,
        grant: Granted,
        *,
        theme: Key | None = None,
        track: Key | None = None,
        party: Key | None = None,
        status: Annotated[
            list[Status] | None, Query(description="repeatable: any of these statuses")
        ] = None,
        overdue: Annotated[
            Flag | None, Query(description="true: only overdue actions; false: none of them")
        ] = None,
        due_before: Annotated[
            Day | None, Query(description="deadline on or before this day")
        ] = None,
        sort: Annotated[
            Sort, Query(description="by this, then by number; a leading '-' turns it round")
        ] = "number",
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
        offset: Annotated[int, Query(ge=0, le=MAX_NUMBER)] = 0,
    ) -> out.ActionList:
        """The programme's actions, filtered, sorted and a page at a time."""
        query = ActionQuery(
            theme=theme,
            track=track,
            party=party,
            statuses=tuple(dict.fromkeys(status or ())),
            overdue=overdue,
            due_before=due_before,
            sort=sort.removeprefix("-"),
            descending=sort.startswith("-"),
            limit=limit,
            offset=offset,
        )
        now = self.clock.now()
        found = await self._read(lambda s: api_reads.action_page(s, grant.programme_id, query, now))
        if found is None:
            raise not_found()
        following = None
        if offset + len(found.items) < found.total:
            url = request.url.include_query_params(offset=offset + limit)
            following = f"{url.path}?{url.query}"
        return out.ActionList(
            total=found.total,
            limit=limit,
            offset=offset,
            next=following,
            items=[_action(a) for a in found.items],
        )

    async def action(self, grant: Granted, number: Number) -> out.ActionWithHistory:
        """One action with its history: the updates that stand, oldest first."""
        now = self.clock.now()
        found = await self._read(
            lambda s: api_reads.action_detail(s, grant.programme_id, number, now)
        )
        if found is None:
            raise not_found()
        return out.ActionWithHistory.model_validate(
            {
                **_action(found.action).model_dump(),
                "updates": [asdict(u) for u in found.updates],
            }
        )

    async def themes(self, grant: Granted) -> out.ThemeList:
        """Per theme, in the letter's order: its actions per traffic light and per status."""
        now = self.clock.now()
        found = await self._read(lambda s: api_reads.theme_tallies(s, grant.programme_id, now))
        return out.ThemeList(items=[out.ThemeTally.model_validate(t) for t in found])

    async def letters(self, grant: Granted) -> out.LetterList:
        """The published (final) letters, newest first, with their documents."""
        found = await self._read(lambda s: api_reads.letters(s, grant.programme_id))
        return out.LetterList(items=[_letter(letter) for letter in found])

    async def document(
        self,
        grant: Granted,
        number: Annotated[int, Path(ge=1, le=MAX_NUMBER, description="the letter's number")],
        fmt: Annotated[out.Format, Path(alias="format")],
    ) -> Response:
        """A published letter's document, as it was published; drafts are never given."""
        found = await self._read(
            lambda s: api_reads.letter_document(s, grant.programme_id, number, fmt)
        )
        if found is None:
            raise not_found()
        content, sha256 = found
        return Response(
            content,
            media_type=MEDIA_TYPES[fmt],
            headers={
                "Content-Disposition": f'attachment; filename="voortgangsbrief-{number}.{fmt}"',
                "ETag": f'"{sha256}"',
                # An HTML letter opened from here runs nothing and reaches nothing.
                "Content-Security-Policy": "sandbox; default-src 'none'",
            },
        )


def _programme(view: ProgrammeView) -> out.Programme:
    fields = asdict(view)
    fields["period"] = {"start": view.period_start, "end": view.period_end}
    return out.Programme.model_validate(fields)


def _action(view: ActionView) -> out.Action:
    return out.Action.model_validate(view)


def _letter(view: LetterView) -> out.Letter:
    return out.Letter(
        number=view.number,
        period=out.Period(start=view.period_start, end=view.period_end),
        period_label=view.period_label,
        language="en" if view.language == "en" else "nl",
        published_at=view.published_at,
        documents=[
            out.Document(
                format=d.format,
                media_type=MEDIA_TYPES.get(d.format, "application/octet-stream"),
                sha256=d.sha256,
                size=d.size,
                url=f"{PREFIX}/letters/{view.number}/{d.format}",
            )
            for d in view.documents
            if d.format in MEDIA_TYPES
        ],
    )
