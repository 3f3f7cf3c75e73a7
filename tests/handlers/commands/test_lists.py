"""'acties [thema]' and 'te laat [thema]' on the BOCE example: a theme however people write
it, and an unknown theme answered with the themes there are (reference day 22 November 2026).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from bot.engine.opening import Register, import_file
from config.settings import Settings
from handlers.commands import lists
from tests.commands_world import person
from tests.conftest import BOCE
from tests.stubs import RecordingOutgoing, make_ctx
from words.catalogue import t
from words.clock import FixedClock

KNOWN = (
    "omgevingswet (Omgevingswet), bereikbaarheid (Bereikbaarheid), recreatie-toerisme "
    "(Recreatie & Toerisme), leefbaarheid (Leefbaarheid)"
)


@pytest.fixture
def session(register: Register, settings: Settings, clock: FixedClock) -> Iterator[Session]:
    import_file(register, BOCE, settings, clock)
    with register.sessions() as s:
        yield s


def ask(
    session: Session, clock: FixedClock, overdue: bool, args: str, who: str = "rob-jansen"
) -> str:
    out = RecordingOutgoing()
    command = lists.overdue_command if overdue else lists.actions_command
    command(make_ctx(session, clock, person(session, who), out), args)
    assert len(out.sent) == 1, out.texts()
    return out.last().text


def headings(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("== ")]


@pytest.mark.parametrize(
    "written",
    [
        "omgevingswet",
        "Omgevingswet",
        "OMGEVINGSWET",
        "omgevings wet",
        "omgevingwet",
        "omgeving",
        "in het thema Omgevingswet",
        "Omgevingswet.",
    ],
)
def test_overdue_of_one_theme_however_it_is_written(
    session: Session, clock: FixedClock, written: str
) -> None:
    every = ask(session, clock, True, "")
    assert len(headings(every)) > 1  # overdue actions in several themes
    text = ask(session, clock, True, written)
    assert headings(text) == ["== Omgevingswet =="]
    assert set(text.splitlines()[1:]) <= set(every.splitlines())
    assert "#1 OW-01" in text  # due Q2 2026, open


@pytest.mark.parametrize(
    "written", ["recreatie-toerisme", "Recreatie & Toerisme", "recreatie en toerisme", "toerisme"]
)
def test_actions_of_a_theme_by_key_or_name(
    session: Session, clock: FixedClock, written: str
) -> None:
    text = ask(session, clock, False, written)
    assert headings(text) == ["== Recreatie & Toerisme =="]
    assert len(text.splitlines()) == 9  # the heading and #17-#24


@pytest.mark.parametrize(
    ("overdue", "written"), [(False, "onbestaand"), (True, "sport"), (True, "e")]
)
def test_an_unknown_theme_names_the_themes_there_are(
    session: Session, clock: FixedClock, overdue: bool, written: str
) -> None:
    assert ask(session, clock, overdue, written) == t(
        "commands.unknown_theme", "nl", theme=written, known=KNOWN
    )


def test_a_reader_in_english_and_a_theme_with_nothing_overdue(
    session: Session, clock: FixedClock
) -> None:
    text = ask(session, clock, False, "leefbaarheid", who="maya-verhoef")
    assert headings(text) == ["== Leefbaarheid =="]
    clock.moment = clock.moment.replace(year=2025)  # nothing is overdue yet
    assert ask(session, clock, True, "leefbaarheid") == (
        "In Leefbaarheid is niets te laat: geen open actie heeft een verstreken deadline."
    )
    assert ask(session, clock, True, "") == t("chat.overdue.none", "nl")


@pytest.mark.parametrize(
    ("overdue", "written"),
    [(True, "actions"), (True, "acties"), (False, "alle acties"), (True, "all actions")],
)
def test_the_commands_own_words_name_no_theme(
    session: Session, clock: FixedClock, overdue: bool, written: str
) -> None:
    # "show overdue actions", "te laat acties": the words are the command's, not a theme's.
    assert ask(session, clock, overdue, written) == ask(session, clock, overdue, "")
