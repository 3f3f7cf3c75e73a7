"""The console chat (``voortgang run``): a script of typed lines in, the bot's answers out.

Runs on SQLite and, when configured, PostgreSQL: ``db_url`` gives each test an empty register.
"""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from bot.app import run
from bot.catalogue import t
from bot.clock import FixedClock
from bot.domain import STATUS_WORDS, Source, Status, UpdateKind
from bot.programme_file import ActionSpec, read_programme_file
from bot.register import Register
from config.settings import Settings
from storage.db import transaction
from storage.models import Action, Programme, StatusUpdate
from tests.conftest import BOCE, TODAY

EXAMPLE_LOADED = "Voorbeeldprogramma 'boce' geladen."
WELCOME = "Voortgang, console. Typ 'help' voor de opdrachten, 'stop' om te stoppen."
NOT_UNDERSTOOD = "Dat begrijp ik niet. Typ 'help' voor wat ik kan."


@pytest.fixture
def console_settings(db_url: str) -> Settings:
    return Settings(database_url=db_url, example_programme=BOCE)


def chat(settings: Settings, clock: FixedClock, *lines: str) -> tuple[int, list[str]]:
    """Run the console on a script of ``lines``; the exit code and the lines it printed."""
    out = io.StringIO()
    code = run(settings, io.StringIO("".join(f"{line}\n" for line in lines)), out, clock)
    return code, out.getvalue().splitlines()


def answers(printed: list[str]) -> list[str]:
    """What came after the welcome line (and the example notice before it)."""
    return printed[printed.index(WELCOME) + 1 :]


class Example:
    """The BOCE example file, as the chat should show it."""

    def __init__(self, today: date = TODAY) -> None:
        doc = read_programme_file(BOCE, today)
        self.spec = doc.spec
        self.deadlines = doc.deadlines
        self.themes = {th.key: th.name for th in doc.spec.themes}
        self.tracks = {tr.key: tr.name for tr in doc.spec.tracks}
        self.people = {p.key: p.name for p in doc.spec.people}
        self.numbers = {a.key: n for n, a in enumerate(doc.spec.actions, start=1)}

    def action(self, key: str) -> ActionSpec:
        (found,) = [a for a in self.spec.actions if a.key == key]
        return found

    def line(self, spec: ActionSpec) -> str:
        owners = ", ".join(self.people[o] for o in spec.owners)
        return (
            f"#{self.numbers[spec.key]} {spec.key} {spec.title} | {owners} | "
            f"{spec.deadline or '-'} | {STATUS_WORDS[spec.status]}"
        )

    def listing(self, specs: list[ActionSpec]) -> list[str]:
        """Actions under a heading per theme, in the order of the file."""
        lines: list[str] = []
        theme = None
        for spec in specs:
            if spec.theme != theme:
                theme = spec.theme
                lines.append(f"== {self.themes[spec.theme]} ==")
            lines.append(self.line(spec))
        return lines

    def overdue(self, today: date) -> list[ActionSpec]:
        return [
            a
            for a in self.spec.actions
            if a.key in self.deadlines and self.deadlines[a.key].due < today and not a.status.closed
        ]

    def details(self, key: str) -> list[str]:
        spec = self.action(key)
        track = self.tracks[spec.track] if spec.track else "-"
        lines = [self.line(spec), f"Thema: {self.themes[spec.theme]}; spoor: {track}"]
        if spec.description:
            lines.append(spec.description)
        return lines


def test_first_run_on_an_empty_database_loads_the_example_and_says_so(
    console_settings: Settings, clock: FixedClock, register: Register
) -> None:
    code, printed = chat(console_settings, clock, "stop")
    assert code == 0
    assert printed == [EXAMPLE_LOADED, WELCOME]
    with register.sessions() as session:
        assert session.scalars(select(Programme.key)).all() == ["boce"]
        count = session.scalar(select(func.count()).select_from(Action))
        assert count == len(Example().spec.actions)


def test_a_script_gets_an_answer_for_every_line(
    console_settings: Settings, clock: FixedClock
) -> None:
    example = Example()
    code, printed = chat(
        console_settings,
        clock,
        "help",
        "acties omgevingswet",
        "te laat",
        "actie 1",
        "actie OW-01",
        "actie 999",
        "deadline eind 2026",
        "blabla",
        "stop",
    )
    assert code == 0
    assert printed[:2] == [EXAMPLE_LOADED, WELCOME]
    help_text = t("chat.help", "nl").splitlines()
    assert help_text[0] == "Opdrachten:"
    assert any(line.strip().startswith("te laat") for line in help_text)
    omgevingswet = [a for a in example.spec.actions if a.theme == "omgevingswet"]
    overdue = example.overdue(TODAY)
    assert answers(printed) == [
        *help_text,
        *example.listing(omgevingswet),
        *example.listing(overdue),
        *example.details("OW-01"),
        *example.details("OW-01"),
        "Ik ken geen actie '999'. Typ 'acties' voor de lijst.",
        "'eind 2026' lees ik als 2026-12-31 (precisie: jaar)",
        NOT_UNDERSTOOD,
    ]
    # Spelled out once, so the expectation above is not only computed.
    ow01 = (
        "#1 OW-01 Omgevingstafel Zuidoost-Drenthe inrichten | Wim Schepers, Rob Jansen | "
        "Q2 2026 | vertraagd"
    )
    assert answers(printed).count(ow01) == 4  # in the theme, overdue, and twice in detail
    assert "Thema: Omgevingswet; spoor: Samen doen" in answers(printed)
    assert {"OW-01", "OW-08", "BER-04", "LB-06"} <= {a.key for a in overdue}
    assert "OW-07" not in {a.key for a in overdue}  # done, though its deadline passed


def test_overdue_follows_the_clock(console_settings: Settings, clock: FixedClock) -> None:
    clock.advance(timedelta(days=44))  # 5 January 2027
    _, printed = chat(console_settings, clock, "te laat")
    example = Example()
    later = example.overdue(date(2027, 1, 5))
    assert answers(printed) == example.listing(later)
    assert "OW-02" in {a.key for a in later}  # "eind 2026", still open


def test_second_run_does_not_load_the_example_again(
    console_settings: Settings, clock: FixedClock, register: Register
) -> None:
    chat(console_settings, clock, "stop")
    code, printed = chat(console_settings, clock, "acties", "stop")
    assert code == 0
    assert EXAMPLE_LOADED not in printed
    assert printed[0] == WELCOME
    example = Example()
    assert answers(printed) == example.listing(list(example.spec.actions))
    with register.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Programme)) == 1
        count = session.scalar(select(func.count()).select_from(Action))
        assert count == len(example.spec.actions)


def test_without_an_example_the_register_stays_empty(db_url: str, clock: FixedClock) -> None:
    settings = Settings(database_url=db_url, example_programme=None)
    code, printed = chat(settings, clock, "acties", "te laat")
    assert code == 0
    assert printed == [WELCOME, "Geen acties gevonden.", "Geen acties gevonden."]


def test_blank_lines_and_comments_are_ignored(
    console_settings: Settings, clock: FixedClock
) -> None:
    code, printed = chat(
        console_settings,
        clock,
        "",
        "   ",
        "# acties",
        "   # blabla",
        "deadline Q3 2026",
        "",
    )
    assert code == 0
    assert answers(printed) == ["'Q3 2026' lees ik als 2026-09-30 (precisie: kwartaal)"]


def test_end_of_input_ends_the_loop(console_settings: Settings, clock: FixedClock) -> None:
    code, printed = chat(console_settings, clock, "actie OW-02")
    assert code == 0
    assert answers(printed) == Example().details("OW-02")
    code, printed = chat(console_settings, clock)
    assert (code, printed) == (0, [WELCOME])


def test_stop_ends_the_loop_before_the_lines_after_it(
    console_settings: Settings, clock: FixedClock
) -> None:
    code, printed = chat(console_settings, clock, "Stop", "help")
    assert code == 0
    assert answers(printed) == []


def test_incomplete_commands_are_not_understood(
    console_settings: Settings, clock: FixedClock
) -> None:
    _, printed = chat(console_settings, clock, "actie", "deadline", "te vroeg")
    assert answers(printed) == [NOT_UNDERSTOOD] * 3


def test_action_by_number_with_hash_and_lowercase_key(
    console_settings: Settings, clock: FixedClock
) -> None:
    _, printed = chat(console_settings, clock, "actie #8", "actie ow-08")
    details = Example().details("OW-08")
    assert answers(printed) == [*details, "KPI: 34 van 60 medewerkers: leergang afgerond"] * 2


def test_unreadable_deadline_gets_the_explanation(
    console_settings: Settings, clock: FixedClock
) -> None:
    _, printed = chat(console_settings, clock, "deadline als het uitkomt")
    (answer,) = answers(printed)
    assert answer.startswith("‘als het uitkomt’ kan ik niet lezen als deadline.")


def test_console_in_english(db_url: str, clock: FixedClock) -> None:
    settings = Settings(database_url=db_url, example_programme=BOCE, language="en")
    code, printed = chat(settings, clock, "help", "overdue", "action 999", "blabla")
    assert code == 0
    assert printed[0] == "Example programme 'boce' loaded."
    assert printed[1].startswith("Voortgang, console. Type 'help'")
    rest = printed[2:]
    assert rest[0] == "Commands:"
    assert "== Omgevingswet ==" in rest
    assert any(line.startswith("#1 OW-01 ") and line.endswith("| delayed") for line in rest)
    assert rest[-2:] == [
        "I know no action '999'. Type 'actions' for the list.",
        "I don't understand that. Type 'help' to see what I can do.",
    ]


def test_update_history_shows_the_day_in_the_programme_time_zone(
    console_settings: Settings, clock: FixedClock, register: Register
) -> None:
    chat(console_settings, clock, "stop")
    with transaction(register.sessions) as session:
        action = session.scalars(select(Action).where(Action.key == "OW-02")).one()
        action.status = Status.AT_RISK
        action.updates.append(
            StatusUpdate(
                kind=UpdateKind.STATUS,
                source=Source.CONSOLE,
                status=Status.AT_RISK,
                text="Wacht op de RUD",
                # 23:30 UTC on 22 November is 00:30 on 23 November in Amsterdam.
                created_at=datetime(2026, 11, 22, 23, 30, tzinfo=UTC),
            )
        )
    _, printed = chat(console_settings, clock, "actie OW-02")
    assert "  2026-11-23: risico - Wacht op de RUD" in answers(printed)
