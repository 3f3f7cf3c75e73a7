"""The people page of a programme (``/p/{key}/mensen``) and the operators' page of set-aside
events and jobs (``/beheer``).

The director and programme support see everyone: role and party, who is away and their
deputy, where messages to each person go and where the bot was refused. A sponsor sees who
is away and who answers for them (they ask about their themes' actions), not the channels.
Set-aside events and jobs belong to no programme (an event is set aside before anyone knows
which programme it was about), so they have a page of their own for the operators the
settings name; a programme's people page points operators there when something waits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Final

from fastapi import FastAPI, Request, Response
from sqlalchemy.orm import Session

from bot.engine.routing import deployment_platforms
from bot.web.core.auth import Viewer
from bot.web.core.site import Site
from bot.web.people_pages.people_view import (
    PeopleView,
    SetAsideLine,
    parse_item,
    people_view,
    set_aside_lines,
)
from handlers.permissions import may_manage, role_in
from storage import audit
from storage.models import Programme
from storage.people import person_by_id
from storage.people_overview import Retried, retry_set_aside, set_aside_items
from storage.register import programme_by_key
from words.catalogue import t
from words.clock import local_today
from words.domain import Role

OPERATE_PATH: Final = "/beheer"
RETRY_PATH: Final = "/beheer/opnieuw"
# The query a retry redirects with, so the page says what was done (a reload repeats nothing).
DONE_PARAM: Final = "teruggezet"
MISSED_PARAM: Final = "niet"


@dataclass(frozen=True, slots=True)
class Seen:
    """A programme page's programme and what the viewer may see of it."""

    programme: Programme
    role: Role | None
    manages: bool  # director or programme support (handlers.permissions.may_manage)


def seen_by(session: Session, key: str, person_id: int) -> Seen | None:
    """The programme ``key`` and the viewer's role in it, asked of handlers.permissions; None
    when there is no such programme."""
    programme = programme_by_key(session, key)
    if programme is None:
        return None
    person = person_by_id(session, person_id)
    if person is None:
        return Seen(programme, None, manages=False)
    role = role_in(session, person, programme.id)
    return Seen(programme, role, manages=may_manage(session, person, programme.id) is None)


class PeoplePages:
    def __init__(self, site: Site) -> None:
        self.site = site

    def mount(self, app: FastAPI) -> None:
        app.add_api_route("/p/{key}/mensen", self.people, methods=["GET", "HEAD"])
        app.add_api_route(OPERATE_PATH, self.operate, methods=["GET", "HEAD"])
        app.add_api_route(RETRY_PATH, self.retry, methods=["POST"])

    # --- the people page --------------------------------------------------------------------

    async def people(self, request: Request, key: str) -> Response:
        viewer = await self.site.require(request)
        today = local_today(self.site.clock, self.site.settings.zone)
        available = deployment_platforms(self.site.settings)

        def read(session: Session) -> tuple[Seen | None, PeopleView | None, int]:
            seen = seen_by(session, key, viewer.person_id)
            if seen is None or not (seen.manages or seen.role is Role.SPONSOR):
                return seen, None, 0
            view = people_view(session, seen.programme.id, available, today, viewer.zone)
            waiting = len(set_aside_items(session)) if viewer.operator else 0
            return seen, view, waiting

        seen, view, waiting = await self.site.read(read)
        if seen is None or seen.role is None:
            return self.site.missing(request, viewer)
        if view is None:
            return self.site.refused(request, viewer, "web.people.managers_sponsors")
        context = {
            "title": t("web.people.title", viewer.lang),
            "view": view,
            "manages": seen.manages,
            "waiting": waiting,
            "operate_path": OPERATE_PATH,
            "today": today,
        }
        return self.site.page(
            request, viewer, "people/people.html", context, programme=seen.programme
        )

    # --- the operators' page ----------------------------------------------------------------

    async def operate(self, request: Request) -> Response:
        viewer = await self.site.require(request)
        if not viewer.operator:
            return self.site.refused(request, viewer, "web.people.operators_only")

        def read(session: Session) -> tuple[SetAsideLine, ...]:
            return set_aside_lines(set_aside_items(session), viewer.zone)

        lines = await self.site.read(read)
        done = request.query_params.get(DONE_PARAM, "")
        missed = request.query_params.get(MISSED_PARAM, "")
        context = {
            "title": t("web.people.operate.title", viewer.lang),
            "lines": lines,
            "retry_path": RETRY_PATH,
            "done": int(done) if done.isdigit() and len(done) < 7 else None,
            "missed": [i for i in missed.split(",") if parse_item(i) is not None][:50],
        }
        return self.site.page(request, viewer, "people/operate.html", context)

    async def retry(self, request: Request) -> Response:
        """Put one item (``item=e12``) or all of them (``all``) back in line."""
        viewer = await self.site.require(request)
        if not viewer.operator:
            return self.site.refused(request, viewer, "web.people.operators_only")
        fields = await self.site.form(request, viewer)
        everything = "all" in fields
        item = None if everything else parse_item(fields.get("item", ""))
        if not everything and item is None:
            return self.site.redirect(OPERATE_PATH)
        now = self.site.clock.now()
        origin = self.site.origin(request)

        def write(session: Session) -> Retried:
            if item is None:
                done = retry_set_aside(session, None, None, now)
            elif item[0] == "e":
                done = retry_set_aside(session, [item[1]], [], now)
            else:
                done = retry_set_aside(session, [], [item[1]], now)
            subject = "all" if item is None else f"{item[0]}{item[1]}"
            _audit(session, viewer, done, origin=origin, now=now, subject=subject)
            return done

        done = await self.site.write(write)
        missed = [f"e{i}" for i in done.missing_events] + [f"j{i}" for i in done.missing_jobs]
        query = f"?{DONE_PARAM}={done.count}"
        if missed:
            query += f"&{MISSED_PARAM}={','.join(missed)}"
        return self.site.redirect(OPERATE_PATH + query)


def _audit(
    session: Session,
    viewer: Viewer,
    done: Retried,
    *,
    origin: audit.Origin,
    now: datetime,
    subject: str,
) -> None:
    audit.record(
        session,
        at=now,
        origin=origin,
        person_id=viewer.person_id,
        actor=viewer.name,
        programme_id=None,  # set-aside items belong to no programme
        what="operate.retry",
        subject=subject,
        detail={"count": done.count, "events": list(done.events), "jobs": list(done.jobs)},
    )
