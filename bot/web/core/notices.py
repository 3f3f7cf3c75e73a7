"""A confirmation carried across the redirect after a change (post, redirect, get): the page a
change leads back to says what was done, once.

The lines travel in a short-lived cookie, signed with the site's cookie key, bound to the one
path they are meant for: another page does not show them, and the page that does forgets them
in its answer, so reloading it shows nothing again. No server-side state, no script. They are
plain text, escaped when shown like any other text.

The page that shows them (an action's page, the member's history) calls ``read_notice`` and
passes its answer through ``forget_notice``.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from typing import Final

from fastapi import Request, Response

from bot.web.core.site import Site

NOTICE_COOKIE: Final = "__Host-voortgang-melding"
MAX_AGE: Final = 120  # seconds: the redirect is followed at once
MAX_LINE: Final = 400  # characters of a line: a confirmation that quotes a long text is cut
MAX_LINES: Final = 6


def _name(site: Site) -> str:
    # __Host- only where the cookie is Secure: browsers refuse the prefix otherwise.
    return NOTICE_COOKIE if site.secure else NOTICE_COOKIE.removeprefix("__Host-")


def _short(line: str) -> str:
    return line if len(line) <= MAX_LINE else line[: MAX_LINE - 1].rstrip() + "…"


def with_notice(site: Site, location: str, lines: Sequence[str]) -> Response:
    """A redirect (303) to ``location`` whose page will show ``lines``."""
    answer = site.redirect(location)
    kept = [_short(line) for line in lines if line.strip()][:MAX_LINES]
    if not kept:
        return answer
    path = location.split("?", 1)[0]
    data = json.dumps({"to": path, "lines": kept}, ensure_ascii=False).encode("utf-8")
    value = base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")
    answer.set_cookie(
        _name(site),
        site.signer.sign(value),
        max_age=MAX_AGE,
        path="/",
        secure=site.secure,
        httponly=True,
        samesite="lax",
    )
    return answer


def _meant_here(request: Request, site: Site) -> dict[str, object] | None:
    """The notice cookie's content when it is ours and meant for this page."""
    cookie = request.cookies.get(_name(site))
    value = None if cookie is None else site.signer.unsign(cookie)
    if value is None:
        return None
    try:
        data = json.loads(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)))
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict) or data.get("to") != request.url.path:
        return None
    return data


def read_notice(request: Request, site: Site) -> tuple[str, ...]:
    """The lines a change left for this page, or none: a cookie that is not ours, is meant
    for another page or cannot be read shows nothing."""
    data = _meant_here(request, site)
    lines = None if data is None else data.get("lines")
    if not isinstance(lines, list):
        return ()
    return tuple(_short(line) for line in lines if isinstance(line, str))[:MAX_LINES]


def forget_notice(request: Request, site: Site, response: Response) -> Response:
    """``response`` with the notice cookie removed once this page has shown it (a notice for
    another page is left for that page)."""
    if _meant_here(request, site) is not None:
        response.delete_cookie(
            _name(site), path="/", secure=site.secure, httponly=True, samesite="lax"
        )
    return response
