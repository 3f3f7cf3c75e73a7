"""``voortgang set-aside``: an operator lists the events set aside after failing and puts them
back in line; the worker then handles them as if they had just come in."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.cli.main import main
from bot.engine.opening import Register
from storage.db import transaction
from storage.inbox import set_aside_events
from storage.models import Job, JobState
from storage.people import person_by_email
from tests.cli_world import cli, cli_register
from tests.set_aside_items import set_aside_a_job, set_aside_event
from words.clock import FixedClock

AT = datetime(2026, 11, 23, 9, tzinfo=UTC)


@pytest.fixture
def register(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: FixedClock) -> Register:
    return cli_register(tmp_path, monkeypatch, clock)


def set_aside(register: Register, text: str, user: str = "U05BOCE0011") -> int:
    return set_aside_event(register, text, user, AT)


def test_nothing_set_aside_says_so(register: Register) -> None:
    assert cli("set-aside") == (
        0,
        "Er is niets apart gezet: elk bericht is verwerkt of staat nog in de rij.\n",
    )


def test_set_aside_events_are_listed_with_who_what_and_the_last_error(
    register: Register,
) -> None:
    first = set_aside(register, "actie 99999999999999999999")
    set_aside(register, "hallo", user="U0STRANGER")
    code, out = cli("set-aside")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Apart gezet na herhaald mislukken, oudste eerst:"
    assert lines[3].split()[:3] == [f"e{first}", "Rob", "Jansen"]
    assert "2026-11-23 10:00" in lines[3]  # received, in Amsterdam
    assert "actie 99999999999999999999" in lines[3]
    assert lines[3].rstrip().endswith("ValueError: a handler's bug")
    assert "slack U0STRANGER" in lines[4]  # someone unknown: their platform id
    assert lines[5].startswith(f"Opnieuw in de rij zetten: voortgang set-aside --retry e{first}")


def test_retry_puts_the_named_events_back_in_line(register: Register) -> None:
    first = set_aside(register, "een")
    second = set_aside(register, "twee")
    assert cli("set-aside", "--retry", f"e{first}", "999") == (
        0,
        (
            "1 bericht weer in de rij gezet.\nNiet opnieuw in de rij gezet, want niet apart "
            "gezet (al verwerkt of onbekend): e999.\n"
        ),
    )
    with register.sessions() as session:
        assert [e.id for e in set_aside_events(session)] == [second]
    assert cli("set-aside", "--retry-all") == (0, "1 bericht weer in de rij gezet.\n")
    assert cli("set-aside")[1].startswith("Er is niets apart gezet")


def test_an_id_that_is_not_one_is_refused_clearly(
    register: Register, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["set-aside", "--retry", "job:3"], out=io.StringIO())
    assert code == 1
    assert capsys.readouterr().err == (
        "'job:3' is geen id zoals voortgang set-aside ze toont (e12, j3).\n"
    )


def test_a_set_aside_job_is_listed_and_put_back_in_line(register: Register) -> None:
    with transaction(register.sessions) as session:
        director = person_by_email(session, "m.hoekstra@emmen.example")
        assert director is not None
    job = set_aside_a_job(register, director.id, at=AT)
    code, out = cli("set-aside")
    assert code == 0
    line = next(line for line in out.splitlines() if line.startswith(f"j{job} "))
    assert "Marieke Hoekstra" in line
    assert "opdracht brief.draft" in line
    assert line.rstrip().endswith("RuntimeError: LibreOffice crashed")
    assert cli("set-aside", "--retry", f"j{job}") == (0, "1 bericht weer in de rij gezet.\n")
    with register.sessions() as session:
        assert session.get(Job, job).state is JobState.PENDING  # type: ignore[union-attr]
