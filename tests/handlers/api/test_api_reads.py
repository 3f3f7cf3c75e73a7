"""The API's reads of a programme, on SQLite and PostgreSQL: filters, sort and paging over the
register, an action's standing updates, the themes' lights and counts, the final letters, and
people named only where the programme's letter names officials."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy.orm import Session

from bot.engine.opening import Register, import_file
from config.settings import Settings
from handlers.api.api_reads import (
    action_detail,
    action_page,
    letter_document,
    letters,
    programme_view,
    theme_tallies,
)
from handlers.api.api_views import ActionPage
from storage.api_rows import ActionQuery
from storage.letter_passages import Place, write_passage
from storage.models import PassageKind
from storage.updates import record_update, set_deadline, withdraw_update
from tests.api_world import (
    FINAL_HTML,
    FINAL_MD,
    actions_of,
    name_officials,
    programme_id,
    publish_letters,
)
from tests.conftest import REGIODEAL, TODAY
from tests.register_rows import action, person
from words.clock import FixedClock
from words.deadlines.model import Deadline, Precision
from words.domain import Source, Status

EVERYTHING = ActionQuery(limit=500)


def page(session: Session, clock: FixedClock, query: ActionQuery) -> ActionPage:
    found = action_page(session, programme_id(session), query, clock.now())
    assert found is not None
    return found


def test_the_programme_names_its_parts_and_no_officials(boce: Session) -> None:
    view = programme_view(boce, programme_id(boce))
    assert view is not None
    assert (view.key, view.names_officials) == ("boce", False)
    assert view.public_page is True  # the example programme has its public page on
    assert [t.key for t in view.themes] == [
        "omgevingswet",
        "bereikbaarheid",
        "recreatie-toerisme",
        "leefbaarheid",
    ]
    assert all(t.sponsor is None for t in view.themes)
    assert [t.key for t in view.tracks] == ["samen-doen", "samen-optrekken", "samen-leren"]
    assert "emmen" in [p.key for p in view.parties]


def test_a_programme_that_names_officials_names_the_sponsors(boce: Session) -> None:
    name_officials(boce, programme_id(boce))
    view = programme_view(boce, programme_id(boce))
    assert view is not None
    assert view.names_officials
    assert view.themes[0].sponsor == "Hendrik Kuiper"


def test_every_action_in_number_order_with_parties_and_no_owners(
    boce: Session, clock: FixedClock
) -> None:
    found = page(boce, clock, EVERYTHING)
    stored = actions_of(boce, programme_id(boce))
    assert found.total == len(stored) == len(found.items)
    assert [a.number for a in found.items] == [a.number for a in stored]
    first = found.items[0]
    assert first.parties == tuple(p.key for p in stored[0].parties)
    assert all(a.owners is None for a in found.items)


def test_owners_are_named_where_the_letter_names_officials(
    boce: Session, clock: FixedClock
) -> None:
    name_officials(boce, programme_id(boce))
    found = page(boce, clock, EVERYTHING)
    stored = {a.number: a for a in actions_of(boce, programme_id(boce))}
    for item in found.items:
        assert item.owners == tuple(p.name for p in stored[item.number].owners)


def test_overdue_and_its_light_follow_the_letter(boce: Session, clock: FixedClock) -> None:
    found = page(boce, clock, EVERYTHING)
    ow08 = next(a for a in found.items if a.key == "OW-08")  # Q3 2026, at risk, on 22 Nov
    assert (ow08.overdue, ow08.status, ow08.light) == (True, Status.AT_RISK, "red")
    ow07 = next(a for a in found.items if a.key == "OW-07")  # done: never overdue
    assert (ow07.overdue, ow07.light) == (False, "grey")
    lights = {a.light for a in found.items if not a.overdue}
    assert lights <= {"green", "orange", "red", "grey", "white"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (ActionQuery(theme="bereikbaarheid"), lambda a, today: a.theme.key == "bereikbaarheid"),
        (
            ActionQuery(track="samen-leren"),
            lambda a, today: a.track is not None and a.track.key == "samen-leren",
        ),
        (
            ActionQuery(party="rud-drenthe"),
            lambda a, today: "rud-drenthe" in [p.key for p in a.parties],
        ),
        (
            ActionQuery(statuses=(Status.DONE, Status.DROPPED)),
            lambda a, today: a.status in (Status.DONE, Status.DROPPED),
        ),
        (
            ActionQuery(overdue=True),
            lambda a, today: a.due is not None and a.due < today and not a.status.closed,
        ),
        (
            ActionQuery(overdue=False),
            lambda a, today: not (a.due is not None and a.due < today and not a.status.closed),
        ),
        (
            ActionQuery(due_before=date(2026, 12, 31)),
            lambda a, today: a.due is not None and a.due <= date(2026, 12, 31),
        ),
        (ActionQuery(theme="onbekend"), lambda a, today: False),
        (ActionQuery(party="emmen", statuses=(Status.OPEN,)), None),
    ],
)
def test_filters_pick_what_they_say(
    boce: Session, clock: FixedClock, query: ActionQuery, expected: object
) -> None:
    stored = actions_of(boce, programme_id(boce))
    if expected is None:
        wanted = [
            a.number
            for a in stored
            if "emmen" in [p.key for p in a.parties] and a.status is Status.OPEN
        ]
    else:
        assert callable(expected)
        wanted = [a.number for a in stored if expected(a, TODAY)]
    found = page(boce, clock, query)
    assert [a.number for a in found.items] == wanted
    assert found.total == len(wanted)


def test_sorts_are_total_and_can_be_turned_round(boce: Session, clock: FixedClock) -> None:
    by_due = page(boce, clock, ActionQuery(sort="due", limit=500)).items
    dated = [a.due for a in by_due if a.due is not None]
    assert dated == sorted(dated)
    assert all(a.due is None for a in by_due[len(dated) :])  # no deadline: last
    back = page(boce, clock, ActionQuery(sort="due", descending=True, limit=500)).items
    assert [a.due for a in back if a.due is not None] == sorted(dated, reverse=True)
    by_status = page(boce, clock, ActionQuery(sort="status", limit=500)).items
    order = list(Status)
    ranks = [order.index(a.status) for a in by_status]
    assert ranks == sorted(ranks)
    by_theme = page(boce, clock, ActionQuery(sort="theme", limit=500)).items
    themes = [a.theme for a in by_theme]
    assert themes[0] == "omgevingswet"
    assert themes[-1] == "leefbaarheid"
    numbers = [a.number for a in page(boce, clock, ActionQuery(descending=True)).items]
    assert numbers == sorted(numbers, reverse=True)


def test_pages_are_slices_of_one_order(boce: Session, clock: FixedClock) -> None:
    whole = [a.number for a in page(boce, clock, ActionQuery(sort="due", limit=500)).items]
    pieces: list[int] = []
    for offset in range(0, len(whole), 7):
        part = page(boce, clock, ActionQuery(sort="due", limit=7, offset=offset))
        assert part.total == len(whole)
        pieces += [a.number for a in part.items]
    assert pieces == whole
    beyond = page(boce, clock, ActionQuery(offset=len(whole)))
    assert (beyond.total, beyond.items) == (len(whole), ())


def test_an_action_with_its_standing_updates_oldest_first(boce: Session, clock: FixedClock) -> None:
    ow03, lotte = action(boce, "OW-03"), person(boce, "lotte-venema")
    first = record_update(
        boce,
        ow03,
        lotte,
        clock.now(),
        source=Source.SLACK,
        status=Status.AT_RISK,
        text="Met <@U05BOCE0011> besproken",
        event_row=None,
    )
    taken_back = record_update(
        boce,
        ow03,
        lotte,
        clock.now() + timedelta(minutes=1),
        source=Source.EMAIL,
        status=Status.DELAYED,
        text="Vergissing",
        event_row=None,
    )
    withdraw_update(boce, taken_back, lotte, clock.now() + timedelta(minutes=2))
    moved = set_deadline(
        boce,
        ow03,
        lotte,
        clock.now() + timedelta(minutes=3),
        Deadline(date(2027, 9, 30), Precision.QUARTER, "Q3 2027"),
        source=Source.WEB,
        event_row=None,
    )
    place = Place(programme_id(boce), PassageKind.UPDATE, update_id=first.id)
    write_passage(boce, place, "De RUD is aangehaakt.", None, clock.now())
    detail = action_detail(boce, programme_id(boce), ow03.number, clock.now())
    assert detail is not None
    assert detail.action.key == "OW-03"
    assert [u.id for u in detail.updates] == [first.id, moved.id]
    said = detail.updates[0]
    assert (said.status, said.source, said.author) == (Status.AT_RISK, Source.SLACK, None)
    assert said.text == "Met Rob Jansen besproken"  # as the letter shows a mention
    assert said.letter_text == "De RUD is aangehaakt."
    assert said.at == clock.now()
    deadline = detail.updates[1].deadline
    assert deadline is not None
    assert (deadline.new_due, deadline.new_deadline) == (date(2027, 9, 30), "Q3 2027")
    assert detail.updates[1].source is Source.WEB
    name_officials(boce, programme_id(boce))
    named = action_detail(boce, programme_id(boce), ow03.number, clock.now())
    assert named is not None
    assert named.updates[0].author == "Lotte Venema"


def test_an_action_of_another_programme_is_not_found(
    register: Register, settings: Settings, clock: FixedClock, boce: Session
) -> None:
    import_file(register, REGIODEAL, settings, clock)
    boce.expire_all()
    regiodeal = programme_id(boce, "regiodeal-zod")
    theirs = actions_of(boce, regiodeal)
    ours = {a.number for a in actions_of(boce, programme_id(boce))}
    missing = max(ours | {a.number for a in theirs}) + 1
    assert action_detail(boce, programme_id(boce), missing, clock.now()) is None
    only_theirs = [a.number for a in theirs if a.number not in ours]
    for number in only_theirs:
        assert action_detail(boce, programme_id(boce), number, clock.now()) is None


def test_themes_count_their_actions_per_status_and_light(boce: Session, clock: FixedClock) -> None:
    tallies = theme_tallies(boce, programme_id(boce), clock.now())
    items = page(boce, clock, EVERYTHING).items
    assert tallies[0].key == "omgevingswet"
    for tally in tallies:
        mine = [a for a in items if a.theme == tally.key]
        assert tally.total == len(mine) == sum(tally.lights.values())
        assert tally.overdue == sum(a.overdue for a in mine)
        for status in Status:
            assert tally.statuses[status.value] == sum(a.status is status for a in mine)
        for light, n in tally.lights.items():
            assert n == sum(a.light == light for a in mine)


def test_only_final_letters_are_listed_and_given(boce: Session, clock: FixedClock) -> None:
    publish_letters(boce, programme_id(boce), clock.now())
    listed = letters(boce, programme_id(boce))
    assert [(x.number, x.period_label) for x in listed] == [(1, "2026-Q3")]
    assert [(d.format, d.size) for d in listed[0].documents] == [
        ("html", len(FINAL_HTML)),
        ("md", len(FINAL_MD)),
    ]
    assert listed[0].published_at == clock.now() - timedelta(days=29)
    found = letter_document(boce, programme_id(boce), 1, "md")
    assert found is not None
    assert found[0] == FINAL_MD
    assert letter_document(boce, programme_id(boce), 1, "pdf") is None
    assert letter_document(boce, programme_id(boce), 2, "md") is None
