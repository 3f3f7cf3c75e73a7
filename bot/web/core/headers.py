"""Headers every answer of the web app carries, set in one place (a plain ASGI middleware, so
no route can forget them): a content security policy that allows no script at all and no
framing, no MIME sniffing, no Referer to other sites, HSTS on https, and the server's own time
for the request (Server-Timing), which the benchmark reads."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Final

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP: Final = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
COMMON: Final[Mapping[str, str]] = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}
HSTS: Final = ("strict-transport-security", "max-age=31536000")


class SecurityHeaders:
    def __init__(self, app: ASGIApp, *, https: bool) -> None:
        self.app = app
        extra = [HSTS] if https else []
        self.headers = [(k.encode(), v.encode()) for k, v in [*COMMON.items(), *extra]]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                added = [(k, v) for k, v in self.headers if k not in present]
                took = (time.perf_counter() - started) * 1000
                added.append((b"server-timing", f"app;dur={took:.2f}".encode()))
                message["headers"] = [*message.get("headers", []), *added]
            await send(message)

        await self.app(scope, receive, sending)
