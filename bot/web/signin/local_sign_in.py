"""The console's own dashboard: ``voortgang run`` prints an address that signs whoever opens it
in as the programme director, on this computer only.

It exists only in the console process (``bot.run.console_process``), which binds the web app to
a loopback address and never to a public one. Production settings refuse it: a deployment with
a public address or a chat platform (``LocalSignIn`` raises before anything is served), and a
request that does not come from this computer is refused whatever the address says. The token
lives in this process's memory only: a new run prints a new address.
"""

from __future__ import annotations

import ipaddress
import secrets
from datetime import timedelta
from typing import Final

from fastapi import FastAPI, Request, Response
from sqlalchemy.orm import Session

from bot.web.core.signing import same
from bot.web.core.site import Site
from config.settings import Settings, SettingsError
from storage import web_sessions
from storage.people import first_director

LOCAL_PREFIX: Final = "/lokaal"
LOCAL_TTL: Final = timedelta(days=3650)


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def refuse_in_production(settings: Settings, host: str) -> None:
    """The local sign-in is for the embedded default only."""
    if settings.public_url is not None:
        raise SettingsError("the local dashboard sign-in is refused with VOORTGANG_PUBLIC_URL set")
    if settings.slack is not None or settings.teams is not None or settings.email is not None:
        raise SettingsError("the local dashboard sign-in is refused with a chat or mail platform")
    if not _loopback(host):
        raise SettingsError(
            f"the local dashboard sign-in is refused on a non-loopback host {host!r}"
        )


class LocalSignIn:
    def __init__(self, site: Site, host: str) -> None:
        refuse_in_production(site.settings, host)
        self.site = site
        self.token = secrets.token_urlsafe(32)

    @property
    def path(self) -> str:
        return f"{LOCAL_PREFIX}/{self.token}"

    def mount(self, app: FastAPI) -> None:
        app.add_api_route(LOCAL_PREFIX + "/{token}", self.sign_in, methods=["GET"])

    async def sign_in(self, request: Request, token: str) -> Response:
        client = request.client
        if client is None or not _loopback(client.host) or not same(token, self.token):
            return self.site.refused(request, None, "web.signin.local_gone")
        now = self.site.clock.now()

        def start(session: Session) -> str | None:
            director = first_director(session)
            if director is None:
                return None
            # As long as the console runs: its clock jumps ahead with /tijd, and a session of
            # a working day would end under the director's hands.
            return web_sessions.start(session, director.id, "local", now, LOCAL_TTL)

        started = await self.site.write(start)
        if started is None:
            return self.site.missing(request, None)
        return self.site.signed_in(self.site.redirect("/"), started)
