"""The register's read model: the form's words into a filter (keys, several statuses, overdue,
"due before" in words), what could not be used said back, sorting and pages of 50."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.orm import Session

from handlers.overview import register_model
from handlers.overview.register_model import PAGE_SIZE, RegisterAsk, RegisterView, register
from tests.conftest import TODAY
from tests.overview_world import many_actions, programme
from words.domain import Status

ZONE = ZoneInfo("Europe/Amsterdam")


def view(session: Session, ask: RegisterAsk, lang: str = "nl") -> RegisterView:
    return register(session, programme(session), ask, today=TODAY, zone=ZONE, lang=lang)


def keys(found: RegisterView) -> list[str]:
    return [line.key for line in found.lines]


def test_without_a_filter_the_whole_register_in_number_order(boce: Session) -> None:
    found = view(boce, RegisterAsk())
    assert found.total == 32
    assert (found.page, found.pages, found.first, found.last) == (1, 1, 1, 32)
    assert [line.number for line in found.lines] == list(range(1, 33))
    assert found.problems == ()
    assert not found.applied.any
    assert found.choices.themes[0].key == "omgevingswet"
    assert "gerda-boelens" not in [c.key for c in found.choices.owners]  # owns nothing


def test_filters_by_the_keys_of_theme_track_party_and_owner(boce: Session) -> None:
    found = view(boce, RegisterAsk(theme="omgevingswet", track="samen-leren"))
    assert keys(found) == ["OW-08", "OW-09"]
    assert (found.applied.theme, found.applied.track) == ("omgevingswet", "samen-leren")
    assert found.applied.any
    assert keys(view(boce, RegisterAsk(owner="Lotte-Venema", theme="omgevingswet"))) == [
        "OW-03",
        "OW-04",
        "OW-05",
        "OW-08",
    ]
    assert "OW-01" in keys(view(boce, RegisterAsk(party="rud-drenthe")))


def test_several_statuses_in_codes_or_words(boce: Session) -> None:
    found = view(boce, RegisterAsk(theme="omgevingswet", statuses=("vertraagd", "at_risk")))
    assert keys(found) == ["OW-01", "OW-08"]
    assert found.applied.statuses == (Status.AT_RISK, Status.DELAYED)


def test_overdue_and_due_before_in_words(boce: Session) -> None:
    late = view(boce, RegisterAsk(overdue=True))
    assert late.total == 7
    assert all(line.overdue and line.light == "rood" for line in late.lines)
    soon = view(boce, RegisterAsk(due_before="eind 2026", statuses=("op schema",)))
    assert soon.applied.due_before_date == date(2026, 12, 31)
    assert soon.applied.due_before_words == "donderdag 31 december 2026"
    assert "OW-02" in keys(soon)
    assert all(line.due is not None and line.due <= date(2026, 12, 31) for line in soon.lines)


def test_what_cannot_be_used_is_said_and_left_out(boce: Session) -> None:
    found = view(
        boce,
        RegisterAsk(theme="omgevingwet", statuses=("klaar", "half af"), due_before="binnenkort"),
    )
    assert found.problems[0] == "Onbekend thema ‘omgevingwet’: dat filter is niet toegepast."
    assert found.problems[1] == "Onbekende status ‘half af’: die is niet toegepast."
    assert found.problems[2].startswith("De deadline in het filter is niet gelezen: ")
    assert found.applied.theme == ""
    assert found.applied.due_before == "binnenkort"  # shown again, to correct
    assert found.applied.due_before_date is None
    assert {line.status for line in found.lines} == {Status.DONE}


def test_english_readers_read_english(boce: Session) -> None:
    found = view(boce, RegisterAsk(due_before="end of March", theme="nope"), lang="en")
    assert found.applied.due_before_date == date(2027, 3, 31)
    assert found.problems == ("Unknown theme ‘nope’: that filter was not applied.",)
    assert found.lines[0].status_word == "delayed; deadline passed"


@pytest.mark.parametrize(
    ("sort", "first"),
    [("nummer", "OW-01"), ("deadline", "LB-04"), ("status", "OW-03"), ("eigenaar", "BER-02")],
)
def test_sorted_by_a_column(boce: Session, sort: str, first: str) -> None:
    assert keys(view(boce, RegisterAsk(sort=sort)))[0] == first


def test_an_unknown_order_is_by_number(boce: Session) -> None:
    found = view(boce, RegisterAsk(sort="; drop table action", descending=True))
    assert found.applied.sort == "nummer"
    assert found.lines[0].number == 32


def test_pages_of_fifty_and_a_page_past_the_end_is_the_last(boce: Session) -> None:
    many_actions(boce, 100)
    second = view(boce, RegisterAsk(page=2))
    assert (second.total, second.pages, second.first, second.last) == (132, 3, 51, 100)
    assert len(second.lines) == PAGE_SIZE
    beyond = view(boce, RegisterAsk(page=99))
    assert (beyond.page, beyond.first, beyond.last) == (3, 101, 132)


def test_the_page_size_is_the_modules_one(boce: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(register_model, "PAGE_SIZE", 10)
    found = view(boce, RegisterAsk(page=4))
    assert (found.pages, found.first, found.last) == (4, 31, 32)
