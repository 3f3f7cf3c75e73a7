"""No message says the same line twice: a quarter of BOCE replayed through the console (pings,
deputies, reminders, escalations, digests, a 'brief herinner'), every message read line by
line. A reminder about eight actions says once that it is a reminder and for whom."""

from __future__ import annotations

import pytest

from config.settings import Settings
from tests.conftest import BOCE
from tests.console_transcript import chat
from words.clock import FixedClock


@pytest.fixture
def console(db_url: str) -> Settings:
    return Settings(database_url=db_url, example_programme=BOCE)


def test_no_message_of_a_quarter_repeats_a_line(console: Settings, clock: FixedClock) -> None:
    _, seen = chat(
        console,
        clock,
        "/tijd 2026-12-02 10:00",
        "/als wim",
        "/antwoord . loopt, wacht op de RUD",
        "/als marieke",
        "brief herinner",
        "/tijd 2027-01-06 10:00",
        "/als fatima",
        "/antwoord . op schema",
        "/tijd 2027-02-24 10:00",
    )
    assert len(seen.sent) > 100
    kinds = {"reminder": "Herinnering", "deputy": "namens", "digest": "Weekoverzicht"}
    for what, words in kinds.items():
        assert seen.containing(words), what
    for sent in seen.sent:
        lines = [line.strip() for line in sent.lines if line.strip()]
        repeated = sorted({line for line in lines if lines.count(line) > 1})
        assert repeated == [], f"[{sent.number}] to {sent.to} repeats {repeated}:\n{sent.text}"
