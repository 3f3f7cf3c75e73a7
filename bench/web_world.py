"""The web benchmark's world: a programme of many actions, the people who open its pages, the
pages measured (one list, ``PAGES``), and the bare page each is held against.

The programme is bench.brief's (BOCE's shape: four themes, three tracks, six parties, one or
two owners and parties an action, a year of status updates and moved deadlines), built in bulk.
Each user of the load is a member with their own actions (about twenty each); the signed-in
pages add a director, who sees everything.

A page is measured on Voortgang's app, served as the web process serves it, and on a bare
FastAPI app beside it that runs the same query of ``storage`` for the same rows and puts them
in a plain Jinja2 table: what the page costs beyond the query and a template.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final
from zoneinfo import ZoneInfo

from cryptography.fernet import Fernet
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from jinja2 import Environment
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from bench import brief as programme_bench
from bot.engine.intake import EventIntake
from bot.engine.opening import Register
from bot.run.http import create_app
from bot.run.web_process import platforms
from bot.web.core.auth import SESSION_COOKIE
from bot.web.core.signing import Signer
from config.settings import Settings
from handlers.overview.action_lines import ActionLine
from handlers.overview.dashboard_model import dashboard
from handlers.overview.register_model import RegisterAsk, register
from storage import link_tokens, web_sessions
from storage.db import make_engine, migrate, session_factory, transaction
from storage.models import ActionOwner, Membership, Person, Programme, TokenPurpose
from storage.summaries import programme_by_id, themes_in
from storage.updates import actions_by_ids
from words.clock import FixedClock
from words.domain import Role

KEY: Final = "web"
# A Monday in the programme's year, after its updates: the pages' "today".
NOW: Final = datetime(2026, 12, 14, 9, 0, tzinfo=UTC)
ZONE: Final = ZoneInfo("Europe/Amsterdam")
BARE_PATH: Final = "/kaal/{page}/{user}"
PUBLIC_URL: Final = "https://voortgang.bench"  # the links in messages; the form is mounted
DIRECTOR: Final = ("Marieke Hoekstra", "m.hoekstra@web.bench")

Row = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class User:
    """One of the load's users: a member, their actions, and what lets them in."""

    person_id: int
    actions: tuple[int, ...]  # the ids of the actions they own, in the register's order
    form_token: str  # their personal update form's link (bot.web.update_pages)
    director: str  # a signed-in session of the programme's director, this user's own


@dataclass(frozen=True, slots=True)
class World:
    engine: Engine
    register: Register
    clock: FixedClock
    settings: Settings
    programme_id: int
    director_id: int
    actions: int
    updates: int
    users: tuple[User, ...]


@dataclass(frozen=True, slots=True)
class Page:
    """A page measured: its address on Voortgang's app for a user, and the rows it shows, by
    the query it makes, for the bare page."""

    name: str  # one word: it is in the bare page's address
    path: Callable[[User], str]
    rows: Callable[[Session, World, User], Sequence[Row]]
    signed_in: bool  # as the director (each user a session of their own), or by a link


def cookies(world: World, page: Page, user: User) -> dict[str, str]:
    """What ``user``'s browser sends to ``page``: the director's session cookie, signed with
    the deployment's key, or nothing."""
    if not page.signed_in:
        return {}
    return {SESSION_COOKIE: Signer(world.settings.secret_keys).sign(user.director)}


def _form_rows(session: Session, world: World, user: User) -> list[Row]:
    # The form's own reads (bot.web.form_flow): the person's actions, then the themes' names.
    actions = actions_by_ids(session, user.actions)
    themes = {theme.id: theme.name for theme in themes_in(session, [world.programme_id])}
    return [
        (f"#{a.number}", a.title, themes.get(a.theme_id, ""), a.deadline_text, a.status.value)
        for a in actions
    ]


def _home_rows(session: Session, world: World, _user: User) -> list[Row]:
    # The home page lists the viewer's programmes (bot.web.core.site.Site.viewer).
    return [
        (key, name, role.value)
        for _, key, name, role in web_sessions.places_of(session, world.director_id)
    ]


def _line(line: ActionLine) -> Row:
    return (f"#{line.number}", line.title, line.theme, line.deadline, line.light_word, line.owners)


def _dashboard_rows(session: Session, world: World, _user: User) -> list[Row]:
    # The dashboard's read model (handlers.overview), whole: themes, overdue, upcoming.
    programme = programme_by_id(session, world.programme_id)
    assert programme is not None
    board = dashboard(session, programme, NOW, ZONE, "nl")
    themes = [(t.name, t.light_word, str(t.total), str(t.overdue)) for t in board.themes]
    waiting = [(w.name, str(w.questions), w.since) for w in board.waiting]
    lines = [_line(line) for line in (*board.overdue, *board.upcoming)]
    return [*themes, *waiting, *lines]


def _register_rows(session: Session, world: World, _user: User) -> list[Row]:
    # The register's first page, as the page asks for it (handlers.overview).
    programme = programme_by_id(session, world.programme_id)
    assert programme is not None
    view = register(session, programme, RegisterAsk(), today=NOW.date(), zone=ZONE, lang="nl")
    return [_line(line) for line in view.lines]


# The pages measured, in the order the report lists them.
PAGES: Final[tuple[Page, ...]] = (
    Page("dashboard", lambda _user: f"/p/{KEY}", _dashboard_rows, signed_in=True),
    Page("register", lambda _user: f"/p/{KEY}/acties", _register_rows, signed_in=True),
    Page("home", lambda _user: "/", _home_rows, signed_in=True),
    Page("form", lambda user: f"/bijwerken/{user.form_token}", _form_rows, signed_in=False),
)


def page_named(name: str) -> Page:
    for page in PAGES:
        if page.name == name:
            return page
    raise SystemExit(f"no page {name!r}; the pages are {', '.join(p.name for p in PAGES)}")


# -- the world -------------------------------------------------------------------------------


def settings_for(url: str) -> Settings:
    """The deployment's settings: a public address (so the update form is mounted, as where
    messages carry its links) and a key of its own for the session cookies."""
    key = Fernet.generate_key().decode()
    return Settings(
        database_url=url, example_programme=None, public_url=PUBLIC_URL, secret_keys=(key,)
    )


def prepare(url: str, actions: int, updates: int, users: int) -> World:
    """A migrated register at ``url`` with the benchmark's programme and ``users`` users."""
    settings = settings_for(url)
    engine = make_engine(url)
    migrate(engine)
    with Session(engine) as session:
        if session.scalar(select(Programme.id).limit(1)) is not None:
            engine.dispose()
            raise SystemExit("the web benchmark needs an empty database: this one has programmes")
    programme_bench.build(engine, KEY, actions, updates)
    with engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.commit()
    register = Register(engine, session_factory(engine))
    clock = FixedClock(NOW)
    with transaction(register.sessions) as session:
        programme_id, chosen = _members(session, users)
        director = _director(session, programme_id)
        made = tuple(
            User(
                person,
                owned,
                _form_token(session, person, programme_id, owned),
                web_sessions.start(session, director, "link", NOW),
            )
            for person, owned in chosen
        )
    if len(made) < users:
        engine.dispose()
        raise SystemExit(f"{actions} actions have {len(made)} owners; {users} users asked for")
    return World(engine, register, clock, settings, programme_id, director, actions, updates, made)


def _director(session: Session, programme_id: int) -> int:
    name, email = DIRECTOR
    person = Person(name=name, email=email, created_at=NOW)
    session.add(person)
    session.flush()
    session.add(
        Membership(
            programme_id=programme_id,
            person_id=person.id,
            key="marieke-hoekstra",
            role=Role.DIRECTOR,
            position=-1,
        )
    )
    return person.id


def _members(session: Session, users: int) -> tuple[int, list[tuple[int, tuple[int, ...]]]]:
    """The programme, and its first ``users`` members with the actions each owns."""
    programme_id = session.scalars(select(Programme.id).where(Programme.key == KEY)).one()
    people = session.scalars(
        select(Membership.person_id)
        .where(Membership.programme_id == programme_id, Membership.role == Role.MEMBER)
        .order_by(Membership.position)
        .limit(users)
    ).all()
    owned: dict[int, list[int]] = {person: [] for person in people}
    rows = session.execute(
        select(ActionOwner.person_id, ActionOwner.action_id)
        .where(ActionOwner.person_id.in_(people))
        .order_by(ActionOwner.action_id)
    )
    for person, action in rows:
        owned[person].append(action)
    return programme_id, [(person, tuple(owned[person])) for person in people if owned[person]]


def _form_token(session: Session, person: int, programme: int, actions: Sequence[int]) -> str:
    return link_tokens.mint(
        session, TokenPurpose.FORM, person, NOW, programme_id=programme, actions=actions
    )


# -- the two apps ----------------------------------------------------------------------------


def our_app(world: World) -> Any:
    """Voortgang's web app as the web process makes it (bot.run.web_process): every page."""
    intake = EventIntake(world.engine)
    parts = platforms(world.register, world.clock, world.settings, intake)
    return create_app(world.register, world.clock, parts, intake)


BARE_TEMPLATE: Final = """<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>{{ name }}</title></head>
<body><main><h1>{{ name }}</h1>
<table>
{% for row in rows %}
<tr>{% for cell in row %}<td>{{ cell }}</td>{% endfor %}</tr>
{% endfor %}
</table></main></body></html>
"""


def bare_app(world: World) -> FastAPI:
    """Each page's rows by the page's own query, in a plain table: one route, no more."""
    template = Environment(autoescape=True).from_string(BARE_TEMPLATE)
    sessions = world.register.sessions

    async def bare(page: str, user: int) -> HTMLResponse:
        measured, person = page_named(page), world.users[user]

        def read() -> Sequence[Row]:
            with sessions() as session:
                return measured.rows(session, world, person)

        rows = await run_in_threadpool(read)
        return HTMLResponse(template.render(name=measured.name, rows=rows))

    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    app.add_api_route(BARE_PATH, bare, methods=["GET"])
    return app


def bare_path(page: Page, user: int) -> str:
    return BARE_PATH.format(page=page.name, user=user)
