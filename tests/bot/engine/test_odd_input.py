"""Odd chat input through the inbox, for every role, on SQLite and PostgreSQL: every line gets
an answer and nothing raises.

Events go in where an adapter hands them over (``Inbox.handle``): stored, then handled in one
transaction with a real context, as the inbox worker does. The texts are cleaned first
(``words.cleantext``), as every adapter cleans what it receives; the handlers clean again.

BOCE on Sunday 22 November 2026, one person per role: the director Marieke Hoekstra, programme
support Sanne Wolters, the sponsor Hendrik Kuiper, the member Rob Jansen and the reader Gerda
Boelens. Issue 13 found 46 of 3,366 scripted command lines and 8 of 4,000 fuzzed lines raising:
huge and unicode numbers, years 0000 and 9999, NUL on PostgreSQL.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import count
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from bot.engine.handle import Inbox
from bot.engine.opening import Register, import_file
from config.settings import Settings
from storage.db import make_engine, session_factory
from storage.models import InboundEvent, Membership, OutboxMessage, Person, StatusUpdate
from storage.outbox import message_of
from tests.conftest import BOCE, TODAY, _truncate_all, noon, run_queued_jobs
from words.catalogue import t
from words.chat.inbound import ButtonIn, Event, FormIn, MessageIn
from words.cleantext import clean_text
from words.clock import FixedClock
from words.domain import Source

ROLES = {
    "director": "marieke-hoekstra",
    "support": "sanne-wolters",
    "sponsor": "hendrik-kuiper",
    "member": "rob-jansen",
    "reader": "gerda-boelens",
}
# The lines issue 13 quotes, each of which stopped chat handling.
ISSUE_LINES = (
    "actie 99999999999999999999",
    "actie ²",
    "brief 9223372036854775808",
    "samenvatting 0000-Q1",
    "brief concept 2026-01-01..9999-12-31",
    "update 3 a\x00b",
)
COMMAND_WORDS = (
    "actie",
    "action",
    "update",
    "status",
    "deadline",
    "#",
    "wijzig",
    "ongedaan",
    "overzicht",
    "samenvatting",
    "afwezig",
    "acties",
    "te laat",
    "mijn acties",
    "nieuwe actie",
    "help",
    "brieven",
    "brief",
    "brief concept",
    "brief herinner",
    "brief definitief",
    "brief lijst",
    "",
)
ODD_ARGUMENTS = (
    "99999999999999999999",
    "2147483648",
    "9" * 5000,
    "²",
    "١٢",
    "%",
    "12 a\x00b",
    "12 \ud800",
    "0000",
    "9999-W52",
    "2026-01-01..9999-12-31",
    "12 31-12-9999",
    "1-1-3000 t/m 2-1-3000",
    "99999999999999999999 html",
)


@dataclass(frozen=True)
class World:
    """One BOCE database for the whole module (importing it per test would take longer than
    the tests): its lines are events of their own, so they do not disturb one another."""

    inbox: Inbox
    register: Register
    clock: FixedClock
    people: dict[str, int]  # each role's person id, which is their user id in the console

    def says(self, role: str, text: str) -> str:
        """The bot's answer to ``text`` from ``role``, all of it; fails when there is none."""
        shown = answers(self.register, said(self, self.people[role], text))
        assert shown, f"no answer to {text!r}"
        return "\n".join(shown)

    def presses(self, event: Event) -> str:
        self.inbox.handle(event)
        run_queued_jobs(self.register, self.clock)
        shown = answers(self.register, event.event_id)
        assert shown, f"no answer to {event!r}"
        return "\n".join(shown)


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def world(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    sqlite_template: Path,
) -> Iterator[World]:
    folder = tmp_path_factory.mktemp("odd")
    if request.param == "sqlite":
        shutil.copy(sqlite_template, folder / "register.db")
        url = f"sqlite:///{folder / 'register.db'}"
    else:
        url = request.getfixturevalue("postgres_server")
        engine = make_engine(url)
        _truncate_all(engine)
        engine.dispose()
    # Thousands of events, each a commit: durability is not what is tested here.
    quick = {} if request.param == "sqlite" else {"options": "-c synchronous_commit=off"}
    engine = make_engine(url, connect_args=quick)
    register = Register(engine, session_factory(engine))
    clock = FixedClock(noon(TODAY))
    settings = Settings(database_url=url, example_programme=None, files_dir=folder / "files")
    import_file(register, BOCE, settings, clock)
    with register.sessions() as session:
        people = {
            role: session.scalars(
                select(Person.id).join(Membership).where(Membership.key == key).limit(1)
            ).one()
            for role, key in ROLES.items()
        }
    yield World(Inbox(register, clock, settings.zone), register, clock, people)
    engine.dispose()


_events = count(1)


def said(world: World, person_id: int, text: str) -> str:
    """``text`` typed by the person, cleaned as an adapter cleans it; the event's id."""
    event_id = f"odd-{next(_events)}"
    world.inbox.handle(
        MessageIn(
            platform=Source.CONSOLE,
            event_id=event_id,
            user_id=str(person_id),
            received_at=world.clock.now(),
            text=clean_text(text),
        )
    )
    run_queued_jobs(world.register, world.clock)  # the letter's commands answer from a job
    return event_id


def answers(register: Register, event_id: str) -> list[str]:
    """What the bot answered the event: its texts, or the keys of the files it handed over."""
    with register.sessions() as session:
        rows = session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.key.startswith(f"in:console:{event_id}:"))
            .order_by(OutboxMessage.id)
        ).all()
        found = [(message_of(row), row.key) for row in rows]
    return [message.text if message is not None else key for message, key in found]


# -- the lines of the issue ------------------------------------------------------------------


@pytest.mark.parametrize("role", list(ROLES))
def test_the_lines_of_the_issue_get_an_answer_in_every_role(world: World, role: str) -> None:
    for line in ISSUE_LINES:
        world.says(role, line)


def test_an_action_number_no_action_can_have_is_no_such_action(world: World) -> None:
    for ref in ("99999999999999999999", "9223372036854775808", "2147483648", "²", "١٢", "%"):
        assert world.says("director", f"actie {ref}") == t("commands.unknown_action", "nl", ref=ref)
    shown = world.says("director", "status 99999999999999999999 klaar")
    assert shown == t("replies.unknown_ref", "nl", ref="99999999999999999999")
    # The largest number an Integer column holds is still looked up, and here not found.
    shown = world.says("director", "actie 2147483647")
    assert shown == t("commands.unknown_action", "nl", ref="2147483647")
    assert world.says("director", "actie 0012").startswith("#12 ")


def test_a_brief_number_no_brief_can_have_is_no_such_brief(world: World) -> None:
    for role in ("director", "reader"):
        shown = world.says(role, "brief 9223372036854775808")
        assert shown == t("letters.unknown_number", "nl", number="9223372036854775808")


def test_a_year_outside_1900_to_2200_gets_the_years_that_work(world: World) -> None:
    for line, period in [
        ("samenvatting 0000-Q1", "0000-Q1"),
        ("brief concept 2026-01-01..9999-12-31", "2026-01-01..9999-12-31"),
    ]:
        shown = world.says("director", line)
        assert shown == t("commands.period.out_of_range", "nl", text=period, first=1900, last=2200)
    shown = world.says("member", "afwezig 1-1-3000")
    assert shown == t("commands.absent.out_of_range", "nl", text="1-1-3000", first=1900, last=2200)


def test_a_nul_in_an_update_is_left_out_of_what_is_stored(world: World) -> None:
    # Not cleaned before the inbox: the handlers clean what an adapter may have let through.
    world.inbox.handle(
        MessageIn(
            platform=Source.CONSOLE,
            event_id="nul",
            user_id=str(world.people["director"]),
            received_at=world.clock.now(),
            text="update 3 a\x00b",
        )
    )
    with world.register.sessions() as session:
        update = session.scalars(
            select(StatusUpdate)
            .join(InboundEvent, InboundEvent.id == StatusUpdate.event_id)
            .where(InboundEvent.event_id == "nul")
        ).one()
        assert update.text == "ab"


def test_buttons_and_forms_with_numbers_no_row_can_have_say_what_is_wrong(world: World) -> None:
    member = str(world.people["member"])
    unknown, gone = t("replies.button_unknown", "nl"), t("replies.action_gone", "nl")
    at = world.clock.now()
    for number, (action, value) in enumerate(
        [
            ("status", "99999999999999999999:done"),
            ("status", "²:done"),
            ("pick", "12:²"),
            ("pick", "9223372036854775808:1"),
            ("proposal", "9223372036854775808:accept"),
        ]
    ):
        pressed = ButtonIn(
            platform=Source.CONSOLE,
            event_id=f"odd-button-{number}",
            user_id=member,
            received_at=at,
            action=action,
            value=value,
        )
        assert world.presses(pressed) == unknown
    opened = ButtonIn(
        platform=Source.CONSOLE,
        event_id="odd-form-button",
        user_id=member,
        received_at=at,
        action="form",
        value="99999999999999999999",
    )
    assert world.presses(opened) == gone
    submitted = FormIn(
        platform=Source.CONSOLE,
        event_id="odd-form",
        user_id=member,
        received_at=at,
        form="update",
        context="99999999999999999999",
        values={"status": "unchanged", "text": "x"},
    )
    assert world.presses(submitted) == gone


# -- properties ------------------------------------------------------------------------------

# Lone surrogates and NUL included: the adapters clean them, as ``said`` does.
raw_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=60)
odd_numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["²", "፩", "١٢", "１２", "𝟙𝟚", "0000", "9999", "00012", "1e9"]),
)
years = st.integers(min_value=0, max_value=9999)
odd_periods = st.one_of(
    st.sampled_from(["0000", "9999", "1899", "2201", "0001-01-01", "9999-12-31"]),
    years.map(lambda y: f"{y:04d}-Q{y % 4 + 1}"),
    years.map(lambda y: f"{y:04d}-W{y % 60}"),
    years.map(lambda y: f"week {y % 60} {y:04d}"),
    st.tuples(years, years).map(lambda ys: f"{ys[0]:04d}-01-01..{ys[1]:04d}-12-31"),
    years.map(lambda y: f"sinds 1-1-{y:04d}"),
)
odd_argument = st.one_of(odd_numbers, odd_periods, raw_text, st.sampled_from(ODD_ARGUMENTS))
command_lines = st.tuples(st.sampled_from(COMMAND_WORDS), st.lists(odd_argument, max_size=3)).map(
    lambda parts: " ".join([parts[0], *parts[1]]).strip()
)

# A hundred examples of each kind per role and database: a few seconds each on SQLite.
FUZZ = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.parametrize("role", list(ROLES))
@FUZZ
@given(text=raw_text)
def test_any_text_gets_an_answer(world: World, role: str, text: str) -> None:
    world.says(role, text)


@pytest.mark.parametrize("role", list(ROLES))
@FUZZ
@given(line=command_lines)
def test_any_command_with_odd_arguments_gets_an_answer(world: World, role: str, line: str) -> None:
    world.says(role, line)


# -- the issue's sweep -----------------------------------------------------------------------


@pytest.mark.parametrize("role", ["director", "member", "reader"])
def test_every_command_word_with_every_odd_argument_gets_an_answer(world: World, role: str) -> None:
    lines = [f"{word} {argument}".strip() for word in COMMAND_WORDS for argument in ODD_ARGUMENTS]
    person = world.people[role]
    silent = [line for line in lines if not answers(world.register, said(world, person, line))]
    assert silent == []
