"""handlers.public.calendar_events: the programme's and a person's calendar, with stable UIDs,
and the secret address made, shown once and replaced."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from handlers.public.calendar_events import (
    calendar_address,
    new_calendar_address,
    person_calendar,
    programme_calendar,
)
from storage.db import transaction
from storage.models import Action
from tests.public_world import UNPUBLISHED, PublicWorld
from tests.register_rows import person


def test_the_programme_calendar_has_open_deadlines_and_meetings(world: PublicWorld) -> None:
    with world.register.sessions() as session:
        feed = programme_calendar(session, "boce", world.clock.now())
        open_due = {
            row.number: row.due
            for row in session.execute(select(Action.number, Action.due, Action.status))
            if row.due is not None and not row.status.closed
        }
    assert feed is not None
    assert feed.name == "BOCE beleidsagenda"
    deadlines = {e.uid: e for e in feed.events if e.kind == "deadline"}
    assert {uid: e.day for uid, e in deadlines.items()} == {
        f"voortgang-boce-actie-{n}-deadline": due for n, due in open_due.items()
    }
    meetings = [e for e in feed.events if e.kind != "deadline"]
    assert (date(2026, 11, 25), "Radenbijeenkomst BOCE") in {(e.day, e.summary) for e in meetings}
    assert "Mijlpaal: Geactualiseerde bereikbaarheidsagenda gereed" in {e.summary for e in meetings}
    text = repr(feed)
    assert UNPUBLISHED not in text
    assert [name for name in world.names if name in text] == []


def test_a_moved_deadline_keeps_its_uid(world: PublicWorld) -> None:
    with world.register.sessions() as session:
        before = programme_calendar(session, "boce", world.clock.now())
    with transaction(world.register.sessions) as session:
        ow03 = session.scalars(select(Action).where(Action.key == "OW-03")).one()
        ow03.due = date(2027, 9, 30)
        number = ow03.number
    with world.register.sessions() as session:
        after = programme_calendar(session, "boce", world.clock.now())
    assert before is not None
    assert after is not None
    uid = f"voortgang-boce-actie-{number}-deadline"
    assert [e.day for e in after.events if e.uid == uid] == [date(2027, 9, 30)]
    assert {e.uid for e in before.events} == {e.uid for e in after.events}


def test_no_public_calendar_without_the_public_page(world: PublicWorld) -> None:
    world.set_public(False)
    with world.register.sessions() as session:
        assert programme_calendar(session, "boce", world.clock.now()) is None


def test_a_person_sees_the_deadlines_they_answer_for(world: PublicWorld) -> None:
    token = world.calendar_token("wim-schepers")
    with world.register.sessions() as session:
        feed = person_calendar(session, token, world.clock.now())
        wim = person(session, "wim-schepers")
        mine = {
            a.number
            for a in session.scalars(select(Action))
            if a.due is not None and not a.status.closed
        }
    assert feed is not None
    assert feed.name == "Voortgang: mijn agenda"
    numbers = {int(e.uid.split("-")[3]) for e in feed.events if e.kind == "deadline"}
    assert numbers
    assert numbers <= mine
    # Wim owns OW-01 (and so answers for it); the meetings of his programme are there too.
    assert any(e.summary.startswith("Termijn OW-01") for e in feed.events)
    assert any(e.kind == "meeting" for e in feed.events)
    assert wim.name not in repr(feed)


def test_a_wrong_replaced_or_expired_address_has_no_calendar(world: PublicWorld) -> None:
    old = world.calendar_token("wim-schepers")
    with world.register.sessions() as session:
        wim_id = person(session, "wim-schepers").id
    with transaction(world.register.sessions) as session:
        fresh = new_calendar_address(session, wim_id, world.clock.now())
    assert fresh.token is not None
    with world.register.sessions() as session:
        now = world.clock.now()
        assert person_calendar(session, old, now) is None  # replaced
        assert person_calendar(session, "x" * 43, now) is None  # unknown
        assert person_calendar(session, "../../etc", now) is None  # not even a token
        assert person_calendar(session, fresh.token, now) is not None
        later = now + timedelta(days=5 * 365 + 1)
        assert person_calendar(session, fresh.token, later) is None  # expired
        shown = calendar_address(session, wim_id, now)
    assert (shown.made_at, shown.token) == (world.clock.now(), None)
