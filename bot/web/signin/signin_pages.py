"""Signing in and out: a one-time link by email (the default), the home page that follows,
and signing out.

Asking for a link always gets the same answer, whether the address is known or not, so the
form tells nobody who takes part. The link opens a page with a button rather than signing in
at once: mail scanners open every link in a mail, and must not spend it. Requests are limited
per address and per client (counted in the database, so every web process counts the same).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Final

from fastapi import FastAPI, Request, Response
from sqlalchemy.orm import Session

from bot.web.core.site import Site, begin
from storage import link_tokens, web_sessions
from storage.link_tokens import TokenState
from storage.models import TokenPurpose
from storage.outbox import OutboxWriter
from storage.people import memberships, person_by_email, person_by_id
from words.catalogue import Language, language, t
from words.chat.links import SIGN_IN_PREFIX
from words.chat.messages import Message
from words.chat.outgoing import ToPerson

PER_ADDRESS: Final = 5  # links asked for one address in an hour
PER_CLIENT: Final = 20  # links asked from one client address in an hour
WINDOW: Final = timedelta(hours=1)
EMAIL: Final = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,255}\.[^@\s]{2,}$")
MAX_EMAIL: Final = 320


def safe_back(value: str) -> str:
    """Where to go after signing in: a path on this site only (never ``//other.site``)."""
    if value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/"


class SignInPages:
    def __init__(self, site: Site) -> None:
        self.site = site

    def mount(self, app: FastAPI) -> None:
        app.add_api_route("/", self.home, methods=["GET", "HEAD"])
        app.add_api_route("/kies", self.choose, methods=["GET"])
        app.add_api_route("/inloggen", self.ask_form, methods=["GET", "HEAD"])
        app.add_api_route("/inloggen", self.ask, methods=["POST"])
        app.add_api_route(SIGN_IN_PREFIX + "/{token}", self.confirm_form, methods=["GET", "HEAD"])
        app.add_api_route(SIGN_IN_PREFIX + "/{token}", self.confirm, methods=["POST"])
        app.add_api_route("/uitloggen", self.sign_out, methods=["POST"])

    # --- home -----------------------------------------------------------------------------

    async def home(self, request: Request) -> Response:
        viewer = await self.site.require(request)
        title = t("web.home_title", viewer.lang)
        return self.site.page(request, viewer, "core/home.html", {"title": title})

    async def choose(self, request: Request) -> Response:
        """The programme switcher's form (a GET, so it works without script)."""
        viewer = await self.site.require(request)
        key = request.query_params.get("p", "")
        known = any(place.key == key for place in viewer.places)
        return self.site.redirect(f"/p/{key}" if known else "/")

    # --- asking for a link ----------------------------------------------------------------

    def _ask_page(
        self,
        request: Request,
        *,
        email: str = "",
        error: str = "",
        status: int = 200,
        lang: Language | None = None,
    ) -> Response:
        code = lang if lang is not None else self.site.lang_of(None)
        token = self.site.form_token(request)
        back = safe_back(request.query_params.get("terug", "/"))
        page = self.site.page(
            request,
            None,
            "signin/ask.html",
            {
                "title": t("web.signin.title", code),
                "email": email,
                "error": error,
                "back": back,
                "form_token": token,
                "oidc": self.oidc_label(code),
            },
            status=status,
            lang=code,
        )
        self.site.keep_form_token(page, token)
        return page

    def oidc_label(self, lang: Language) -> str | None:
        """The name on the button of sign-in through the organisation's own account, when
        the deployment has it (bot.web.oidc): VOORTGANG_OIDC_NAME, or "je organisatie"."""
        oidc = self.site.settings.oidc
        if oidc is None:
            return None
        return oidc.name if oidc.name is not None else t("web.oidc.provider", lang)

    async def ask_form(self, request: Request) -> Response:
        viewer = await self.site.viewer(request)
        if viewer is not None:
            return self.site.redirect(safe_back(request.query_params.get("terug", "/")))
        return self._ask_page(request)

    async def ask(self, request: Request) -> Response:
        fields = await self.site.anonymous_form(request)
        email = fields.get("email", "").strip()[:MAX_EMAIL]
        lang = self.site.lang_of(None)
        if not EMAIL.match(email):
            return self._ask_page(
                request, email=email, error=t("web.signin.bad_email", lang), status=422
            )
        now = self.site.clock.now()
        client = self.site.origin(request).address
        allowed = await self.site.note(lambda s: _send_link(s, email, client, now))
        if not allowed:
            return self.site.page(
                request,
                None,
                "core/message.html",
                {"title_key": "web.signin.too_many_title", "text_key": "web.signin.too_many"},
                status=429,
                headers={"Retry-After": "3600"},
            )
        return self.site.page(
            request,
            None,
            "signin/sent.html",
            {"title": t("web.signin.sent_title", lang), "email": email},
        )

    # --- the link -------------------------------------------------------------------------

    async def confirm_form(self, request: Request, token: str) -> Response:
        """GET: a button to sign in with; opening the link spends nothing."""
        now = self.site.clock.now()

        def look(session: Session) -> tuple[str, Language] | None:
            found = link_tokens.look_up(session, token, TokenPurpose.SIGN_IN, now)
            if found.state is not TokenState.VALID or found.token is None:
                return None
            person = person_by_id(session, found.token.person_id)
            if person is None:
                return None
            return person.name, _lang_of(session, person.id, person.language)

        who = await self.site.read(look)
        if who is None:
            return self._gone(request)
        name, lang = who
        form_token = self.site.form_token(request)
        page = self.site.page(
            request,
            None,
            "signin/confirm.html",
            {"title": t("web.signin.confirm_title", lang), "name": name, "form_token": form_token},
            lang=lang,
            headers={"Referrer-Policy": "no-referrer"},
        )
        self.site.keep_form_token(page, form_token)
        return page

    async def confirm(self, request: Request, token: str) -> Response:
        """POST: spend the link and start a session (a new one: nothing planted before)."""
        await self.site.anonymous_form(request)
        now = self.site.clock.now()
        origin = self.site.origin(request)

        def sign_in(session: Session) -> str | None:
            found = link_tokens.look_up(session, token, TokenPurpose.SIGN_IN, now)
            if found.state is not TokenState.VALID or found.token is None:
                return None
            if not link_tokens.spend(session, found.token.id, now):
                return None  # spent by a second press meanwhile
            person = person_by_id(session, found.token.person_id)
            return None if person is None else begin(session, person, "link", origin, now)

        started = await self.site.write(sign_in)
        if started is None:
            return self._gone(request)
        return self.site.signed_in(self.site.redirect("/"), started)

    def _gone(self, request: Request) -> Response:
        lang = self.site.lang_of(None)
        return self.site.page(
            request,
            None,
            "signin/gone.html",
            {"title": t("web.signin.link_gone_title", lang)},
            status=410,
            headers={"Referrer-Policy": "no-referrer"},
        )

    # --- signing out ----------------------------------------------------------------------

    async def sign_out(self, request: Request) -> Response:
        viewer = await self.site.viewer(request)
        if viewer is None:
            return self.site.redirect("/inloggen")
        await self.site.form(request, viewer)
        now = self.site.clock.now()
        await self.site.write(lambda s: web_sessions.end(s, viewer.session_id, now))
        page = self.site.page(
            request,
            None,
            "signin/signed_out.html",
            {"title": t("web.signout.title", viewer.lang)},
            lang=viewer.lang,
        )
        return self.site.signed_out(page)


def _lang_of(session: Session, person_id: int, own: str | None) -> Language:
    if own:
        return language(own)
    places = memberships(session, person_id)
    return language(places[0].programme.language) if places else language(None)


def _send_link(session: Session, email: str, client: str, now: datetime) -> bool:
    """Count the request and, within the limits, queue the link for the person with that
    address, if there is one who takes part in a programme. False when over a limit."""
    email_hash, client_hash = web_sessions.hashed(email.lower()), web_sessions.hashed(client)
    by_email, by_client = web_sessions.attempts_since(
        session, email_hash, client_hash, now - WINDOW
    )
    web_sessions.note_attempt(session, email_hash, client_hash, now)
    if by_email >= PER_ADDRESS or by_client >= PER_CLIENT:
        return False
    person = person_by_email(session, email.lower())
    if person is None:
        return True  # the same answer: nobody learns whether the address is known
    places = memberships(session, person.id)
    if not places:
        return True
    lang = language(person.language if person.language else places[0].programme.language)
    out = OutboxWriter(session, now, places[0].programme_id)
    # One message per request (the attempt's moment in the key): each asks for a new link.
    key = f"signin:{person.id}:{now.isoformat()}:{by_email}"
    out.send(key, ToPerson(person.id), Message(t("web.signin.message", lang), signs_in=True))
    return True
