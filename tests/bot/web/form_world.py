"""A small programme for the update form's tests: three people (Rob without a language of his
own in a Dutch programme, Kim in English, Wim), two actions of Rob's (one with a KPI target,
one whose title is markup) and one of Kim's; form links minted for them, and the web app with
the form's pages on a real intake."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

from fastapi.testclient import TestClient
from markupsafe import escape
from sqlalchemy import Engine, delete, func, select, text

from bot.engine.intake import EventIntake
from bot.engine.opening import Register
from bot.engine.worker import InboxWorker
from bot.run.http import create_app
from bot.web.update_pages import UpdateFormPages
from config.settings import Settings
from storage import link_tokens
from storage.db import transaction
from storage.intake_file import open_intake_file
from storage.models import (
    Action,
    ActionOwner,
    Base,
    Membership,
    Person,
    Programme,
    Theme,
    TokenPurpose,
)
from words.clock import FixedClock
from words.deadlines.model import Precision
from words.domain import Role

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
SCRIPT_TITLE = "<script>alert('x')</script> Loket & balie"


@dataclass
class FormWorld:
    register: Register
    clock: FixedClock
    settings: Settings
    people: dict[str, int]
    actions: dict[int, int]  # action number → id

    def mint(
        self, who: str = "rob", numbers: tuple[int, ...] = (12, 13), ttl: timedelta | None = None
    ) -> str:
        with transaction(self.register.sessions) as session:
            programme = session.scalar(select(Programme.id))
            return link_tokens.mint(
                session,
                TokenPurpose.FORM,
                self.people[who],
                self.clock.now(),
                programme_id=programme,
                actions=[self.actions[n] for n in numbers],
                ttl=ttl,
            )

    def state(self, token: str) -> link_tokens.TokenState:
        with self.register.sessions() as session:
            found = link_tokens.look_up(session, token, TokenPurpose.FORM, self.clock.now())
            return found.state

    def give(self, number: int, to: str) -> None:
        """Make ``to`` the one owner of action ``number`` instead of whoever was."""
        with transaction(self.register.sessions) as session:
            action_id = self.actions[number]
            session.execute(delete(ActionOwner).where(ActionOwner.action_id == action_id))
            session.add(ActionOwner(action_id=action_id, person_id=self.people[to], position=0))

    @contextmanager
    def client(self, intake_engine: Engine | None = None) -> Iterator[TestClient]:
        """The web app with the form on it; its intake writes to ``intake_engine`` when given
        (a database that is away), else to the register as in production."""
        intake = EventIntake(self.register.engine if intake_engine is None else intake_engine)
        pages = UpdateFormPages(self.register, self.clock, self.settings, intake)
        app = create_app(self.register, self.clock, [pages], intake)
        # As a context manager: the app's lifespan starts the intake on the client's loop.
        with TestClient(app, base_url="https://voortgang.test") as client:
            yield client

    def rows(self) -> dict[str, int]:
        """How many rows each table has, and the intake file's events (SQLite): a request that
        changes nothing leaves this as it was."""
        counts: dict[str, int] = {}
        with self.register.sessions() as session:
            for table in Base.metadata.sorted_tables:
                counts[table.name] = session.scalar(select(func.count()).select_from(table)) or 0
            spent = select(func.count()).where(text("spent_at IS NOT NULL"))
            counts["spent tokens"] = (
                session.scalar(spent.select_from(Base.metadata.tables["link_token"])) or 0
            )
        url = self.register.engine.url.render_as_string(hide_password=False)
        intake_file = open_intake_file(url)
        if intake_file is not None:
            with intake_file.connect() as connection:
                names = [r[0] for r in connection.execute(text("SELECT name FROM sqlite_master"))]
                if "buffered_event" in names:
                    counts["intake file"] = connection.scalar(
                        text("SELECT count(*) FROM buffered_event")
                    )
            intake_file.dispose()
        return counts

    def work_inbox(self) -> int:
        """What the clock process's inbox worker does when woken: handle what is stored."""
        return InboxWorker(self.register, self.clock, AMSTERDAM).run_once()


def make_form_world(register: Register, clock: FixedClock, settings: Settings) -> FormWorld:
    now = clock.now()
    with transaction(register.sessions) as session:
        programme = Programme(
            key="test",
            name="Testprogramma",
            language="nl",
            timezone="Europe/Amsterdam",
            period_start=date(2026, 1, 1),
            created_at=now,
            updated_at=now,
        )
        theme = Theme(programme=programme, key="loket", name="Dienstverlening & loket")
        people = {
            "rob": Person(name="Rob Jansen", email="rob@test.example"),
            "kim": Person(name="Kim Bakker", email="kim@test.example", language="en"),
            "wim": Person(name="Wim Schepers", email="wim@test.example"),
        }
        session.add_all([programme, theme, *people.values()])
        session.flush()
        for position, (key, person) in enumerate(people.items()):
            session.add(
                Membership(
                    programme_id=programme.id,
                    person_id=person.id,
                    key=key,
                    role=Role.MEMBER,
                    position=position,
                )
            )
        specs = [
            (12, "Zaaksysteem koppelen", "rob", 200.0),
            (13, SCRIPT_TITLE, "rob", None),
            (14, "Kanaalsturing", "kim", None),
        ]
        actions: dict[int, int] = {}
        for number, title, owner, target in specs:
            action = Action(
                programme_id=programme.id,
                number=number,
                key=f"A-{number}",
                theme_id=theme.id,
                title=title,
                due=date(2027, 3, 31),
                deadline_text="eind maart 2027",
                deadline_precision=Precision.MONTH,
                kpi_target=target,
                kpi_unit="bedrijven" if target is not None else "",
                created_at=now - timedelta(days=1),
                updated_at=now - timedelta(days=1),
                owner_links=[ActionOwner(person_id=people[owner].id, position=0)],
            )
            session.add(action)
            session.flush()
            actions[number] = action.id
        ids = {key: person.id for key, person in people.items()}
    return FormWorld(register, clock, settings, ids, actions)


class Structure(HTMLParser):
    """What an accessibility check can see in the markup itself: the document's language,
    its headings, every control with its label, scripts, inline styles and tables."""

    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.h1 = 0
        self.controls: list[str] = []  # ids of inputs, textareas and selects
        self.unnamed: list[str] = []  # controls without an id (no label can point at them)
        self.labelled: set[str] = set()
        self.scripts = 0
        self.styles = 0  # style= attributes and <style> elements
        self.tables = 0
        self.fieldsets = 0
        self.legends = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        given = dict(attrs)
        if tag == "html":
            self.lang = given.get("lang")
        if tag == "h1":
            self.h1 += 1
        if tag in ("input", "textarea", "select") and given.get("type") != "hidden":
            control = given.get("id")
            if control is None:
                self.unnamed.append(tag)
            else:
                self.controls.append(control)
        if tag == "label" and given.get("for"):
            self.labelled.add(str(given["for"]))
        if tag == "script":
            self.scripts += 1
        if tag == "style" or "style" in given:
            self.styles += 1
        if tag == "table":
            self.tables += 1
        if tag == "fieldset":
            self.fieldsets += 1
        if tag == "legend":
            self.legends += 1


def structure(page: str) -> Structure:
    parser = Structure()
    parser.feed(page)
    parser.close()
    return parser


def element(page: str, element_id: str) -> str:
    """The start tag of the element with ``element_id``."""
    found = re.search(r"<[a-z]+ [^>]*id=\"" + re.escape(element_id) + r"\"[^>]*>", page)
    assert found is not None, f"no element {element_id}"
    return found.group(0)


def shown(text: str) -> str:
    """``text`` as the page escapes it."""
    return str(escape(text))
