"""The letter page's forms: write the period's opening, coordination paragraph, a theme's
paragraph or an update's wording; ask the owners without news; make the draft's documents;
publish after the confirmation.

Each is a plain form (no script), CSRF-checked by ``Site.form`` before anything else, checked
against the viewer's rights by the handler (the same rules as chat), and answered with a 303
back to the letter's page, which says what happened. The period comes with the form: the page
the person wrote on.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from urllib.parse import quote

from fastapi import FastAPI, Request, Response
from sqlalchemy.orm import Session

from bot.web.brief_pages.letter_access import letter_address
from bot.web.core.auth import Viewer
from bot.web.core.site import Site
from handlers.brief.desk_changes import (
    Outcome,
    Who,
    ask_owners,
    make_draft,
    publish,
    write_period_passage,
    write_theme,
    write_wording,
)
from handlers.brief.letter_desk import chosen_period, programme_of, theme_of
from storage.models import PassageKind, Programme
from storage.people import person_by_id
from words.numbers import row_number
from words.periods.model import Period

# What a form's work gets: the session, who, the programme, the period, and the moment.
Change = Callable[[Session, Who, Programme, Period, datetime], Outcome]


class LetterForms:
    def __init__(self, site: Site) -> None:
        self.site = site

    def mount(self, app: FastAPI) -> None:
        base = "/p/{key}/brief"
        app.add_api_route(f"{base}/opening", self.opening, methods=["POST"])
        app.add_api_route(f"{base}/regie", self.coordination, methods=["POST"])
        app.add_api_route(f"{base}/thema/{{theme}}", self.theme, methods=["POST"])
        app.add_api_route(f"{base}/formulering/{{action}}", self.wording, methods=["POST"])
        app.add_api_route(f"{base}/vragen", self.ask, methods=["POST"])
        app.add_api_route(f"{base}/concept", self.draft, methods=["POST"])
        app.add_api_route(f"{base}/publiceren", self.publish, methods=["POST"])

    async def _posted(self, request: Request) -> tuple[Viewer, dict[str, str]]:
        """The signed-in viewer and the form's fields, its CSRF field checked (a form not from
        our page is answered with a 403 page before anything is looked at)."""
        viewer = await self.site.require(request)
        return viewer, await self.site.form(request, viewer)

    async def _change(  # noqa: PLR0917 - the request, and the change it asks for
        self,
        request: Request,
        viewer: Viewer,
        fields: dict[str, str],
        key: str,
        change: Change,
        anchor: str = "",
    ) -> Response:
        """Find the programme and the period the form is about, make ``change`` with its
        audit row in one transaction, and go back to the page (or say why not)."""
        origin = self.site.origin(request)
        now = self.site.clock.now()
        today = now.astimezone(viewer.zone).date()
        label = fields.get("periode", "")

        def work(session: Session) -> Outcome | None:
            programme = programme_of(session, key)
            person = person_by_id(session, viewer.person_id)
            if programme is None or person is None:
                return None
            chosen = chosen_period(session, programme, label, today)
            if chosen is None:
                return None
            who = Who(person, viewer.lang, viewer.zone, origin)
            return change(session, who, programme, chosen[0], now)

        outcome = await self.site.write(work)
        if outcome is None:
            return self.site.missing(request, viewer)
        if outcome.refused:
            # A text the form cannot take is the form's fault (400); the rest is not allowed.
            status = 400 if outcome.refused.startswith("web.") else 403
            return self.site.refused(request, viewer, outcome.refused, status=status)
        return self.site.redirect(letter_address(key, label, outcome.done, anchor))

    # --- writing ------------------------------------------------------------------------

    async def opening(self, request: Request, key: str) -> Response:
        viewer, fields = await self._posted(request)
        text = fields.get("tekst", "")

        def change(s: Session, w: Who, p: Programme, period: Period, now: datetime) -> Outcome:
            return write_period_passage(s, w, p, period, PassageKind.OPENING, text, now)

        return await self._change(request, viewer, fields, key, change, "opening")

    async def coordination(self, request: Request, key: str) -> Response:
        viewer, fields = await self._posted(request)
        text = fields.get("tekst", "")

        def change(s: Session, w: Who, p: Programme, period: Period, now: datetime) -> Outcome:
            return write_period_passage(s, w, p, period, PassageKind.COORDINATION, text, now)

        return await self._change(request, viewer, fields, key, change, "regie")

    async def theme(self, request: Request, key: str, theme: str) -> Response:
        viewer, fields = await self._posted(request)
        text = fields.get("tekst", "")

        def change(s: Session, w: Who, p: Programme, period: Period, now: datetime) -> Outcome:
            found = theme_of(s, p, theme)
            if found is None:
                return Outcome(refused="web.brief.no_such_theme")
            return write_theme(s, w, p, period, found, text, now)

        return await self._change(request, viewer, fields, key, change, f"thema-{theme}")

    async def wording(self, request: Request, key: str, action: str) -> Response:
        viewer, fields = await self._posted(request)
        text = fields.get("tekst", "")

        def change(s: Session, w: Who, p: Programme, period: Period, now: datetime) -> Outcome:
            return write_wording(s, w, p, period, action, text, now)

        return await self._change(request, viewer, fields, key, change, f"actie-{action}")

    # --- the managers' buttons ------------------------------------------------------------

    async def ask(self, request: Request, key: str) -> Response:
        viewer, fields = await self._posted(request)
        return await self._change(request, viewer, fields, key, ask_owners, "ontbreekt")

    async def draft(self, request: Request, key: str) -> Response:
        viewer, fields = await self._posted(request)
        return await self._change(request, viewer, fields, key, make_draft, "documenten")

    async def publish(self, request: Request, key: str) -> Response:
        """Publish only with the confirmation page's field and for the draft it showed;
        without them, back to the confirmation, having done nothing."""
        viewer, fields = await self._posted(request)
        draft_id = row_number(fields.get("concept", ""))
        if fields.get("bevestigd", "") != "ja" or draft_id is None:
            return self.site.redirect(f"/p/{quote(key)}/brief/publiceren")

        def change(s: Session, w: Who, p: Programme, _period: Period, now: datetime) -> Outcome:
            return publish(s, w, p, draft_id, now)

        return await self._change(request, viewer, fields, key, change, "documenten")
