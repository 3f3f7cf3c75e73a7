"""The dashboard's read model on BOCE (22 November 2026): traffic lights per theme by the
letter's rule, counts, what is overdue, who has not answered, the coming deadlines and
meetings."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from handlers.brief.appendix import LIGHTS, OVERDUE_LIGHT
from handlers.overview.dashboard_model import LIGHT_ORDER, dashboard
from tests.commands_world import add_ping, add_update
from tests.overview_world import programme
from words.clock import FixedClock
from words.domain import Status

ZONE = ZoneInfo("Europe/Amsterdam")


def test_every_light_of_the_letter_has_its_place_in_the_urgency_order() -> None:
    assert set(LIGHT_ORDER) == {*LIGHTS.values(), OVERDUE_LIGHT}


def test_each_theme_shows_its_most_urgent_light_and_the_count_of_each(
    boce: Session, clock: FixedClock
) -> None:
    board = dashboard(boce, programme(boce), clock.now(), ZONE, "nl")
    assert [theme.name for theme in board.themes] == [
        "Omgevingswet",
        "Bereikbaarheid",
        "Recreatie & Toerisme",
        "Leefbaarheid",
    ]
    ow = board.themes[0]
    # OW-01 (vertraagd) and OW-08 (risico) are past their deadline: both red, as in the letter.
    assert (ow.light, ow.light_word, ow.overdue, ow.total) == ("rood", "rood", 2, 9)
    assert [(c.light, c.count) for c in ow.lights] == [
        ("rood", 2),
        ("groen", 2),
        ("wit", 3),
        ("grijs", 2),
    ]
    assert ow.sponsor == "Hendrik Kuiper"
    assert {c.status: c.count for c in ow.counts}[Status.DELAYED] == 1
    assert [c.status for c in ow.counts] == list(Status)


def test_a_theme_whose_late_actions_are_done_is_no_longer_red(
    boce: Session, clock: FixedClock
) -> None:
    for key in ("LB-06",):
        add_update(boce, key, "margriet-smit", "2026-11-21T10:00:00", status=Status.DONE)
    board = dashboard(boce, programme(boce), clock.now(), ZONE, "en")
    leefbaarheid = board.themes[3]
    assert leefbaarheid.overdue == 0
    assert (leefbaarheid.light, leefbaarheid.light_word) == ("oranje", "orange")


def test_totals_and_the_overdue_list_longest_late_first(boce: Session, clock: FixedClock) -> None:
    board = dashboard(boce, programme(boce), clock.now(), ZONE, "nl")
    assert board.total == 32
    assert sum(c.count for c in board.totals) == 32
    assert board.overdue_total == 7
    assert [line.key for line in board.overdue][:2] == ["OW-01", "BER-06"]
    dues = [line.due for line in board.overdue if line.due is not None]
    assert len(dues) == len(board.overdue)
    assert dues == sorted(dues)
    first = board.overdue[0]
    assert first.overdue
    assert first.light == "rood"
    assert first.status_word == "vertraagd; termijn verstreken"
    assert first.owners == "Wim Schepers, Rob Jansen"
    assert first.deadline == "tweede kwartaal 2026"


def test_the_coming_six_weeks_of_open_deadlines_and_the_meetings_ahead(
    boce: Session, clock: FixedClock
) -> None:
    board = dashboard(boce, programme(boce), clock.now(), ZONE, "nl")
    assert str(board.upcoming_until) == "2027-01-03"
    assert board.upcoming_total == len(board.upcoming) == 5
    assert all(not line.status.closed for line in board.upcoming)
    assert [line.key for line in board.upcoming][:2] == ["BER-05", "OW-02"]
    assert [m.title for m in board.meetings] == [
        "Radenbijeenkomst BOCE",
        "Geactualiseerde bereikbaarheidsagenda gereed",
    ]
    assert board.meetings[1].kind == "mijlpaal"


def test_who_has_not_answered_is_the_digests_list_per_person(
    boce: Session, clock: FixedClock
) -> None:
    add_ping(boce, "OW-03", "lotte-venema", "2026-11-16T08:00:00")
    add_ping(boce, "OW-04", "lotte-venema", "2026-11-18T08:00:00", escalated="2026-11-20T08:00:00")
    add_ping(boce, "OW-02", "wim-schepers", "2026-11-19T08:00:00")  # deputy for Rob Jansen
    add_ping(boce, "OW-07", "rob-jansen", "2026-11-10T08:00:00")  # done: not waiting
    board = dashboard(boce, programme(boce), clock.now(), ZONE, "nl")
    assert [(w.name, w.questions, w.escalated) for w in board.waiting] == [
        ("Lotte Venema", 2, 1),
        ("Wim Schepers", 1, 0),
    ]
    assert board.waiting[0].actions == ("#3 OW-03", "#4 OW-04")
    assert board.waiting[0].since == "16 nov 2026"


def test_an_answer_takes_someone_off_the_list(boce: Session, clock: FixedClock) -> None:
    ping = add_ping(boce, "OW-03", "lotte-venema", "2026-11-16T08:00:00")
    board = dashboard(boce, programme(boce), clock.now(), ZONE, "nl")
    assert [w.name for w in board.waiting] == ["Lotte Venema"]
    ping.state = ping.state.ANSWERED
    boce.flush()
    assert dashboard(boce, programme(boce), clock.now(), ZONE, "nl").waiting == ()
