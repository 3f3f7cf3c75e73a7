"""The README's console example, as written there, on seven days in a row: a Monday to the
Sunday after, over Christmas (Friday 25 and Saturday 26 December 2026 are public holidays).
Each step's answer is checked, so the example works whatever day someone tries it."""

from __future__ import annotations

import argparse
import re
import shlex
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.cli.common import clock_of
from bot.engine.opening import Register
from config.settings import Settings
from storage.models import Action
from tests.conftest import BOCE
from tests.console_transcript import chat
from words.clock import FixedClock
from words.dates import moment
from words.domain import Status

README = Path(__file__).resolve().parents[3] / "README.md"
DAYS = [date(2026, 12, 21) + timedelta(days=n) for n in range(7)]


def readme_script() -> list[str]:
    """The lines the README's console example pipes into 'voortgang run'."""
    section = README.read_text(encoding="utf-8").split("### The console chat", 1)[1]
    found = re.search(r"```sh\n(printf .*?)\n```", section, re.DOTALL)
    assert found is not None, "the console example is gone from the README"
    command = found.group(1).replace("\\\n", " ")
    words = shlex.split(command)
    assert words[0] == "printf"
    assert words[2:] == ["|", ".venv/bin/voortgang", "run"]
    return words[1].removesuffix("\\n").split("\\n")


@pytest.fixture
def console(db_url: str) -> Settings:
    return Settings(database_url=db_url, example_programme=BOCE)


def test_the_script_is_what_the_steps_below_check() -> None:
    assert readme_script() == [
        "/tijd +2w",
        "/als fatima",
        "/antwoord . #14 inbreng verstuurd, afgerond",
        "/tijd +1w",
    ]


@pytest.mark.parametrize("today", DAYS, ids=[d.strftime("%a-%d-%b") for d in DAYS])
def test_the_readme_example_works_on_every_day(
    console: Settings, register: Register, today: date
) -> None:
    start = clock_of_day(console, today)
    begun = start.now()
    _, seen = chat(console, start, *readme_script(), resume=False)
    after = [moment(begun + timedelta(days=d), console.zone, "nl") for d in (14, 21)]
    # /tijd +2w, then /als fatima, then (after the answer) /tijd +1w.
    assert seen.answers[-3:] == [
        f"Het is nu {after[0]}.",
        "Je bent nu Fatima El Amrani.",
        f"Het is nu {after[1]}.",
    ]
    # Her newest question was answered in its thread, and the answer recorded for #14.
    (thread,) = [s for s in seen.sent if s.to.startswith("Fatima El Amrani ↳ [")]
    asked = int(thread.to.split("[")[1].rstrip("]"))
    question = next(s for s in seen.sent if s.number == asked)
    assert question.to == "Fatima El Amrani"
    assert "(1) Op schema" in question.text
    assert thread.lines[0].startswith(
        "Genoteerd bij #14 BOCE-inbreng voorbereiden voor het MIRT-overleg: status afgerond"
    )
    # The week after, the theme's digest lists her update.
    digests = [s for s in seen.sent if s.to == "#boce-bereikbaarheid" and s.number > thread.number]
    assert digests
    assert any(
        line.startswith("• #14 BER-05 ") and "Fatima El Amrani" in line for line in digests[0].lines
    )
    with register.sessions() as session:
        ber05 = session.scalars(select(Action).where(Action.key == "BER-05")).one()
        assert ber05.status is Status.DONE


def clock_of_day(settings: Settings, today: date) -> FixedClock:
    """The clock 'voortgang run --today' starts the console on."""
    clock = clock_of(argparse.Namespace(today=today), settings)
    assert isinstance(clock, FixedClock)
    return clock
