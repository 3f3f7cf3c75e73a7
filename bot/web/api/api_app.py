"""The API's own app, mounted on the web app at ``/api/v1``: its errors as JSON, its OpenAPI
description at ``/api/v1/openapi.json``, and the headers every answer carries.

An app of its own rather than routes on the web app: its errors are JSON where the pages'
are HTML, and its description covers the API and nothing else.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.web.api.api_guard import ApiError
from bot.web.api.api_models import Error, Problem
from words.catalogue import language, t

PREFIX: Final = "/api/v1"
DESCRIPTION: Final = """\
Read one programme of Voortgang: its themes, tracks and parties, its actions with their
traffic lights and updates, and its published letters.

Every call needs the programme's API token (`voortgang api-token create`), sent as
`Authorization: Bearer <token>`; a token reads its own programme and nothing else. Dates are
ISO 8601 days, moments UTC ending in `Z`. A token may make 600 calls a minute (per web
process); past that the answer is 429 with `Retry-After`. Owners, sponsors and the authors of
updates are named only where the programme's letter names officials. Error messages follow
`Accept-Language` (`nl` or `en`).
"""
# Every answer holds a programme's own data, read with its token: never kept by a cache.
HEADERS: Final = (
    (b"cache-control", b"no-store"),
    (b"x-content-type-options", b"nosniff"),
)


def _error(request: Request, status: int, code: str, key: str, **extra: Any) -> JSONResponse:
    lang = language(request.headers.get("accept-language", "").strip()[:2])
    problems: Sequence[Problem] = extra.pop("problems", ())
    headers: dict[str, str] = extra.pop("headers", {})
    body = Error.model_validate(
        {"code": code, "message": t(f"api.error.{key}", lang, **extra), "problems": problems}
    )
    return JSONResponse(body.model_dump(mode="json"), status_code=status, headers=headers)


async def _refused(request: Request, err: Exception) -> JSONResponse:
    if not isinstance(err, ApiError):
        raise err
    problems = [Problem(location=list(where), message=what) for where, what in err.problems]
    return _error(
        request,
        err.status,
        err.code,
        err.key,
        headers=err.headers,
        problems=problems,
        **err.params,
    )


async def _http(request: Request, err: Exception) -> JSONResponse:
    # Starlette's own: no such route (404), or a method other than GET (405, with "Allow").
    if not isinstance(err, HTTPException):
        raise err
    headers = dict(err.headers or {})
    if err.status_code == 405:
        return _error(request, 405, "method_not_allowed", "method", headers=headers)
    return _error(request, 404, "not_found", "not_found", headers=headers)


async def _invalid(request: Request, err: Exception) -> JSONResponse:
    if not isinstance(err, RequestValidationError):
        raise err
    problems = [
        Problem(location=list(e.get("loc", ())), message=str(e.get("msg", "")))
        for e in err.errors()
    ]
    return _error(request, 422, "invalid", "invalid", problems=problems)


class Headers:
    """Adds ``HEADERS`` to every answer of the API (a plain ASGI wrapper: no body buffering)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in HEADERS if k not in names]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, sending)


def api_app() -> FastAPI:
    """The API's app, without routes (``bot.web.api.api_routes`` adds them)."""
    app = FastAPI(
        title="Voortgang API",
        version="1",
        summary="Read-only: one programme's register, for its own dashboards",
        description=DESCRIPTION,
        openapi_url="/openapi.json",
        docs_url=None,
        redoc_url=None,
        servers=[{"url": PREFIX}],
        root_path_in_servers=False,
    )
    app.add_exception_handler(ApiError, _refused)
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_middleware(Headers)
    return app
