"""What the public pages' answers share: the site's own address (for the absolute links of
feeds), answers that a client may keep (an ETag, so a feed reader or calendar that asks again
gets "304 Not Modified"), and a download's safe file name."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from typing import Final
from urllib.parse import quote, urlsplit

from fastapi import Request, Response

from config.settings import Settings

# Public pages are the same for everyone: any cache may keep them a few minutes.
PUBLIC_CACHE: Final = "public, max-age=300"
# A personal feed is nobody else's: no shared cache, and no search engine, keeps it.
PRIVATE: Final[Mapping[str, str]] = {
    "Cache-Control": "private, no-cache",
    "Referrer-Policy": "no-referrer",
    "X-Robots-Tag": "noindex, nofollow",
}
UNSAFE: Final = re.compile(r"[^A-Za-z0-9._-]+")


def base_url(request: Request, settings: Settings) -> str:
    """The site's address as people reach it: the configured one (VOORTGANG_PUBLIC_URL), else
    the one this request came in on."""
    if settings.public_url is not None:
        return settings.public_url
    return str(request.base_url).rstrip("/")


def host_of(url: str) -> str:
    return urlsplit(url).hostname or "voortgang.invalid"


def etag_of(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def kept_answer(
    request: Request,
    body: bytes,
    media_type: str,
    headers: Mapping[str, str],
    *,
    etag: str | None = None,
) -> Response:
    """``body`` with an ETag; an empty 304 when the client has it already (If-None-Match)."""
    tag = etag if etag is not None else etag_of(body)
    sent = {**headers, "ETag": tag}
    asked = [part.strip() for part in request.headers.get("if-none-match", "").split(",")]
    if tag in asked or "*" in asked:
        return Response(status_code=304, headers=sent)
    if request.method == "HEAD":
        return Response(media_type=media_type, headers=sent)
    return Response(body, media_type=media_type, headers=sent)


def attachment(file_name: str) -> str:
    """A Content-Disposition that saves the file under its name: an ASCII fallback with
    nothing a header or a file system could misread, and the name itself (RFC 6266/5987)."""
    plain = UNSAFE.sub("-", file_name).strip("-.") or "download"
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(file_name, safe='')}"
