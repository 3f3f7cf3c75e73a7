"""Importing programme files into the register, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.engine.opening import Register, import_file
from config.settings import Settings
from storage.db import transaction
from storage.importer_run import DeadlineMove, StatusChange
from storage.models import Action, Membership, Person, Programme
from storage.register import ActionFilter, list_actions
from storage.updates import record_update
from tests.conftest import BOCE, REGIODEAL, TODAY
from tests.programme_files import MINIMAL, write
from tests.register_rows import ACTION_READ, snapshot
from words.clock import FixedClock
from words.domain import Source, Status, UpdateKind
from words.programme.doc import ProgrammeFileError


def test_importing_boce_twice_leaves_the_same_register(
    register: Register, settings: Settings, clock: FixedClock
) -> None:
    first = import_file(register, BOCE, settings, clock)
    assert first.created["action"] >= 30
    before = snapshot(register)
    clock.advance(timedelta(days=3))
    second = import_file(register, BOCE, settings, clock)
    assert second.unchanged, (second.created, second.changed)
    assert snapshot(register) == before


def test_changed_deadline_updates_the_action_and_is_recorded(
    register: Register, settings: Settings, clock: FixedClock, tmp_path: Path
) -> None:
    import_file(register, write(tmp_path, MINIMAL), settings, clock)
    moved = MINIMAL.replace("voor de zomer van 2027", "eind 2027")
    report = import_file(register, write(tmp_path, moved), settings, clock)
    assert report.deadline_moves == [DeadlineMove("W-1", "voor de zomer van 2027", "eind 2027")]
    with register.sessions() as session:
        action = session.scalars(select(Action).options(*ACTION_READ)).one()
        assert (action.due.isoformat() if action.due else None) == "2027-12-31"
        assert action.deadline_text == "eind 2027"
        (update,) = action.updates
        assert update.kind is UpdateKind.DEADLINE
        assert update.source is Source.IMPORT
        assert update.previous_deadline_text == "voor de zomer van 2027"
        assert update.new_deadline_text == "eind 2027"
        assert update.created_at.tzinfo is not None
        assert update.created_at.utcoffset() == timedelta(0)
    again = import_file(register, write(tmp_path, moved), settings, clock)
    assert again.unchanged


def test_reimport_never_undoes_a_status_given_in_chat(
    register: Register, settings: Settings, clock: FixedClock, tmp_path: Path
) -> None:
    path = write(tmp_path, MINIMAL)
    import_file(register, path, settings, clock)
    with transaction(register.sessions) as session:
        action = session.scalars(select(Action).options(*ACTION_READ)).one()
        record_update(
            session,
            action,
            action.owners[0],
            clock.now(),
            source=Source.CONSOLE,
            status=Status.DELAYED,
            text="Vertraagd door ziekte",
            event_row=None,
        )
    assert import_file(register, path, settings, clock).unchanged
    with register.sessions() as session:
        assert session.scalars(select(Action.status)).one() is Status.DELAYED
    # When the file itself changes the status, that change is applied and recorded.
    done = MINIMAL.replace("status: op schema", "status: afgerond")
    report = import_file(register, write(tmp_path, done), settings, clock)
    assert report.status_changes == [StatusChange("W-1", Status.DELAYED, Status.DONE)]
    with register.sessions() as session:
        assert session.scalars(select(Action.status)).one() is Status.DONE


def test_broken_file_changes_nothing(
    register: Register, settings: Settings, clock: FixedClock, tmp_path: Path
) -> None:
    import_file(register, write(tmp_path, MINIMAL), settings, clock)
    before = snapshot(register)
    broken = MINIMAL.replace("title: Woningmarktonderzoek uitzetten", "title: Nieuw").replace(
        "owners: bert", "owners: nobody"
    )
    with pytest.raises(ProgrammeFileError):
        import_file(register, write(tmp_path, broken), settings, clock)
    assert snapshot(register) == before


def test_conflict_found_in_the_database_rolls_back_everything(
    register: Register, settings: Settings, clock: FixedClock, tmp_path: Path
) -> None:
    with_slack = MINIMAL.replace("email: A.Bakker@Emmen.example}", "slack: U0ANNA}")
    import_file(register, write(tmp_path, with_slack), settings, clock)
    before = snapshot(register)
    other = (
        with_slack.replace("key: mini", "key: other")
        .replace("name: Anna Bakker", "name: Anna de Vries")
        .replace("key: anna,", "key: annadv,")
        .replace("sponsor: anna", "sponsor: annadv")
    )
    with pytest.raises(ProgrammeFileError) as caught:
        import_file(register, write(tmp_path, other, "other.yaml"), settings, clock)
    assert "other.yaml:11: people[0].slack: 'U0ANNA'" in str(caught.value)
    assert snapshot(register) == before


def test_programmes_are_isolated_and_share_people_by_email(
    register: Register, settings: Settings, clock: FixedClock
) -> None:
    import_file(register, BOCE, settings, clock)
    import_file(register, REGIODEAL, settings, clock)
    with register.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Programme)) == 2
        shared = session.scalars(
            select(Person).join(Membership).group_by(Person.id).having(func.count() > 1)
        ).all()
        assert len(shared) >= 1
        boce = list_actions(session, ActionFilter(programme="boce"))
        assert boce
        assert {a.programme.key for a in boce} == {"boce"}
        numbers = [a.number for a in boce]
        assert sorted(numbers) == list(range(1, len(numbers) + 1))


def test_overdue_lists_open_actions_past_their_deadline(
    register: Register, settings: Settings, clock: FixedClock
) -> None:
    import_file(register, BOCE, settings, clock)
    with register.sessions() as session:
        overdue = list_actions(session, ActionFilter(overdue_on=TODAY))
        assert overdue
        for action in overdue:
            assert action.due is not None
            assert action.due < TODAY
            assert not action.status.closed
        everything = list_actions(session, ActionFilter())
        expected = [
            a for a in everything if a.due is not None and a.due < TODAY and not a.status.closed
        ]
        assert [a.key for a in overdue] == [a.key for a in expected]


def test_filters_by_owner_theme_status_and_due_date(
    register: Register, settings: Settings, clock: FixedClock
) -> None:
    import_file(register, BOCE, settings, clock)
    with register.sessions() as session:
        everything = list_actions(session, ActionFilter())
        some = everything[0]
        owner = some.owners[0]
        mine = list_actions(session, ActionFilter(owner=owner.name.split()[-1].upper()))
        assert some.key in {a.key for a in mine}
        assert all(any(owner.name.split()[-1] in p.name for p in a.owners) for a in mine)
        theme = list_actions(session, ActionFilter(theme=some.theme.key))
        assert {a.theme.key for a in theme} == {some.theme.key}
        done = list_actions(session, ActionFilter(statuses=(Status.DONE,)))
        assert done
        assert all(a.status is Status.DONE for a in done)
        before = list_actions(session, ActionFilter(due_before=TODAY))
        assert all(a.due is not None and a.due <= TODAY for a in before)


def test_timestamps_come_back_as_utc(
    register: Register, settings: Settings, clock: FixedClock
) -> None:
    import_file(register, BOCE, settings, clock)
    with register.sessions() as session:
        programme = session.scalars(select(Programme)).one()
        assert programme.created_at.tzinfo is UTC
        assert programme.created_at == clock.now()


@pytest.mark.parametrize(
    "case",
    [
        ("nl", "eind maart", "eind maart 2027"),
        ("nl", "volgende maand", "eind december 2026"),
        ("en", "end of March", "end of March 2027"),
        ("en", "eind maart", "end of March 2027"),
        ("en", "3/31/2027", "31 March 2027"),
    ],
)
def test_a_deadline_in_the_file_is_kept_with_its_year_in_the_programme_language(
    register: Register,
    settings: Settings,
    clock: FixedClock,
    tmp_path: Path,
    case: tuple[str, str, str],
) -> None:
    language, written, kept = case
    text = MINIMAL.replace("  name: Mini\n", f"  name: Mini\n  language: {language}\n").replace(
        "voor de zomer van 2027", written
    )
    import_file(register, write(tmp_path, text), settings, clock)
    with register.sessions() as session:
        action = session.scalars(select(Action)).one()
        assert (action.deadline_text, action.deadline_typed) == (kept, written)
    # Imported again a year later, the file's words would mean another day: the register
    # keeps the one it read, since the file did not change.
    later = FixedClock(clock.now() + timedelta(days=365))
    assert import_file(register, write(tmp_path, text), settings, later).unchanged
