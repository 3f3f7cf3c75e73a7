"""The web pages as HTML responses: Jinja2 templates with autoescaping on (every action title,
name and typed text is the person's or the programme file's, never markup), and the headers
every answer carries.

The token is in the address, so nothing may carry it elsewhere: no caching anywhere
(``no-store``), no Referer to another site, no framing. The pages run no script at all and load
only their own style sheet, which the content security policy holds them to.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Final

from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from bot.web.paths import STYLE_PATH

HERE: Final = Path(__file__).resolve().parent
HEADERS: Final[Mapping[str, str]] = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Robots-Tag": "noindex, nofollow",  # a personal page has no place in a search index
}


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=True,  # on for every template, whatever its name ends in
        undefined=StrictUndefined,  # a missing value is a bug, not an empty spot on the page
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # the templates ship with the code: no need to look at them again
    )


def render(template: str, context: Mapping[str, object]) -> str:
    return _environment().get_template(template).render(style=STYLE_PATH, **context)


def html(template: str, status: int, context: Mapping[str, object]) -> HTMLResponse:
    return HTMLResponse(render(template, context), status_code=status, headers=dict(HEADERS))


def redirect(location: str) -> Response:
    # 303: after a POST the browser GETs the form, so reloading it posts nothing again.
    return Response(status_code=303, headers={**HEADERS, "Location": location})


@lru_cache(maxsize=1)
def style_sheet() -> bytes:
    return (HERE / "static" / "voortgang.css").read_bytes()


def css() -> Response:
    return Response(style_sheet(), media_type="text/css; charset=utf-8", headers=dict(HEADERS))
