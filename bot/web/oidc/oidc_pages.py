"""Signing in through the organisation's own account: ``GET /inloggen/oidc`` sends the browser
to the provider, ``GET /inloggen/oidc/terug`` is where the provider sends it back.

The first is a link on the sign-in page, not a form: the content security policy's
``form-action 'self'`` would stop a form whose answer redirects to the provider. Neither
address changes anything before the provider's answer has passed every check (oidc_flow); then
one transaction finds the person by the verified address, writes the audit row and starts the
session, as a sign-in by link does. Only people who take part in a programme sign in, as only
they are sent links. Without VOORTGANG_OIDC_* settings the addresses do not exist.

Failed returns are counted per client in the table that counts link requests: past
``FAILURES`` an hour, the return is refused before the provider is asked anything, so the
callback cannot be used to make us hammer the provider's token endpoint. Successful sign-ins
are not counted: a municipality's office signs in from one address.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Final

from fastapi import FastAPI, Request, Response
from sqlalchemy.orm import Session

from bot.web.core.site import Site, begin
from bot.web.oidc.oidc_cookie import COOKIE, LIFETIME
from bot.web.oidc.oidc_flow import BACK_PATH, START_PATH, OidcFlow, Refusal, Verified, local_path
from storage import web_sessions
from storage.audit import Origin
from storage.people import memberships, person_by_email
from words.catalogue import t

TEMPLATE: Final = "oidc/refused.html"
FAILURES: Final = 20  # failed returns from one client address in an hour
WINDOW: Final = timedelta(hours=1)
# What the attempts table's email column holds for a failed return (no address is asked for).
FAILED_MARK: Final = web_sessions.hashed("oidc-failed")


class OidcPages:
    def __init__(self, site: Site) -> None:
        self.site = site
        oidc, public = site.settings.oidc, site.settings.public_url
        self.name = None if oidc is None else oidc.name
        # Settings refuse OIDC without the public address; a Settings made by hand may not.
        self.flow = (
            None
            if oidc is None or public is None
            else OidcFlow(oidc, public, site.clock, site.signer)
        )

    @property
    def cookie(self) -> str:
        # __Host- only where the cookie is Secure (as the core's): browsers refuse it otherwise.
        return COOKIE if self.site.secure else COOKIE.removeprefix("__Host-")

    def mount(self, app: FastAPI) -> None:
        if self.flow is None:
            return
        app.add_api_route(START_PATH, self.start, methods=["GET"])
        app.add_api_route(BACK_PATH, self.back, methods=["GET"])

    async def start(self, request: Request) -> Response:
        assert self.flow is not None  # noqa: S101 - mounted only with a flow
        back = local_path(request.query_params.get("terug"))
        if await self.site.viewer(request) is not None:
            return self.site.redirect(back)
        begun = await self.flow.begin(back, self.site.lang_of(None))
        if isinstance(begun, Refusal):
            return self._refused(request, begun)
        answer = self.site.redirect(begun.location)
        answer.set_cookie(
            self.cookie,
            begun.cookie,
            max_age=int(LIFETIME.total_seconds()),
            path="/",
            secure=self.site.secure,
            httponly=True,
            samesite="lax",
        )
        return answer

    async def back(self, request: Request) -> Response:
        assert self.flow is not None  # noqa: S101 - mounted only with a flow
        query: dict[str, str] = {}
        for name, value in request.query_params.multi_items():
            query.setdefault(name, value)  # the first of a repeated parameter counts
        now, origin = self.site.clock.now(), self.site.origin(request)
        client = web_sessions.hashed(origin.address)
        failed = await self.site.read(
            lambda s: web_sessions.attempts_of(s, FAILED_MARK, client, now - WINDOW)
        )
        if failed >= FAILURES:  # the provider is not asked: nothing more is counted
            answer = self._refused(request, Refusal("too_many", 429))
            answer.headers["Retry-After"] = str(int(WINDOW.total_seconds()))
        else:
            answer = await self._finish(request, query, now, origin)
            if answer.status_code >= 400:
                await self.site.note(
                    lambda s: web_sessions.note_attempt(s, FAILED_MARK, client, now)
                )
        # Spent either way: a new sign-in starts with a new cookie.
        answer.delete_cookie(
            self.cookie, path="/", secure=self.site.secure, httponly=True, samesite="lax"
        )
        return answer

    async def _finish(
        self, request: Request, query: dict[str, str], now: datetime, origin: Origin
    ) -> Response:
        """The provider's answer checked and, when it holds, the person signed in."""
        assert self.flow is not None  # noqa: S101 - mounted only with a flow
        result = await self.flow.finish(query, request.cookies.get(self.cookie))
        if not isinstance(result, Verified):
            return self._refused(request, result)
        started = await self.site.note(lambda s: _sign_in(s, result, now, origin))
        if started is None:
            return self._refused(request, Refusal("unknown", 403, email=result.email))
        return self.site.signed_in(self.site.redirect(result.next_path), started)

    def _refused(self, request: Request, refusal: Refusal) -> Response:
        lang = self.site.lang_of(None)
        provider = self.name if self.name is not None else t("web.oidc.provider", lang)
        return self.site.page(
            request,
            None,
            TEMPLATE,
            {
                "title": t("web.oidc.title", lang),
                "text": t(
                    f"web.oidc.{refusal.reason}", lang, provider=provider, email=refusal.email
                ),
                "code": refusal.code,
                "provider": provider,
            },
            status=refusal.status,
            lang=lang,
        )


def _sign_in(session: Session, verified: Verified, now: datetime, origin: Origin) -> str | None:
    """The session of the person with the verified address, audited; None when nobody with
    that address takes part in a programme."""
    person = person_by_email(session, verified.email)
    if person is None or not memberships(session, person.id):
        return None
    return begin(session, person, "oidc", origin, now, detail={"claim": verified.claim})
