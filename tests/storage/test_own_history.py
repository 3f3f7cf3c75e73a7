"""What the editing pages read of the register: an action by programme and number, one update
with its action, and a person's own updates. On SQLite and PostgreSQL with the BOCE example."""

from __future__ import annotations

from sqlalchemy.orm import Session

from storage.own_history import action_numbered, update_with_action, updates_written_by
from storage.updates import record_update
from tests.register_rows import action, person
from words.clock import FixedClock
from words.domain import Source


def test_an_action_by_its_programme_and_number(boce: Session) -> None:
    found = action_numbered(boce, "boce", 8)
    assert found is not None
    assert (found.key, found.programme.key, found.theme.name) == ("OW-08", "boce", "Omgevingswet")
    assert [link.person.name for link in found.owner_links] == ["Lotte Venema"]
    assert action_numbered(boce, "boce", 9999) is None
    assert action_numbered(boce, "nergens", 8) is None


def test_the_pages_read_an_update_with_its_action(boce: Session, clock: FixedClock) -> None:
    lotte, ow08 = person(boce, "lotte-venema"), action(boce, "OW-08")
    row = record_update(
        boce, ow08, lotte, clock.now(), source=Source.WEB, status=None, text="x", event_row=None
    )
    boce.commit()
    boce.expunge_all()
    found = update_with_action(boce, row.id)
    assert found is not None
    assert (found.action.key, found.action.programme.key, found.revisions) == ("OW-08", "boce", [])
    assert update_with_action(boce, row.id + 1000) is None
    (mine,) = updates_written_by(boce, lotte.id)
    assert mine.action.programme.key == "boce"
