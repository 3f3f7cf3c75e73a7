"""Migration 0009: deadlines already in the register get a phrase with their year."""

from __future__ import annotations

from datetime import date

from alembic import command
from sqlalchemy import select, text

from bot.engine.opening import Register, import_file
from config.settings import Settings
from storage.db import alembic_config, transaction
from storage.models import Action, StatusUpdate
from storage.updates import set_deadline
from tests.conftest import BOCE, TODAY
from words.clock import FixedClock
from words.deadlines.model import Precision
from words.deadlines.parse import parse_deadline
from words.domain import Source, UpdateKind

ROWS = {
    # key: (deadline_text before, due, precision before)
    "OW-01": ("eind maart", date(2027, 3, 31), "month"),
    "OW-02": ("vrijdag", date(2026, 11, 27), "day"),
    "OW-03": ("Q3 2027", date(2027, 9, 30), "quarter"),
    "OW-04": ("na de verkiezingen", None, None),
    "OW-05": ("over twee weken", date(2026, 12, 6), "week"),
}


def counts(register: Register) -> dict[str, int]:
    with register.engine.connect() as conn:
        return {
            # The table names are the four below, never input.
            table: conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()  # noqa: S608
            for table in ("action", "status_update", "action_owner", "action_party")
        }


def test_existing_deadlines_are_kept_with_their_year_and_the_typed_words_beside(
    register: Register, settings: Settings, clock: FixedClock
) -> None:
    import_file(register, BOCE, settings, clock)
    with transaction(register.sessions) as session:
        for key, words in (("OW-06", "eind april 2027"), ("OW-07", "eind mei 2027")):
            moved = session.scalars(select(Action).where(Action.key == key)).one()
            deadline = parse_deadline(words, TODAY)
            set_deadline(
                session, moved, None, clock.now(), deadline, source=Source.CONSOLE, event_row=None
            )
    before = counts(register)
    config = alembic_config(register.engine)
    command.downgrade(config, "0008")
    with register.engine.begin() as conn:
        # Moves recorded before 0009 kept the words as typed; one of them no longer matches
        # its date (edited by hand, say) and is left alone.
        for key, words in (("OW-06", "eind april"), ("OW-07", "eind juni")):
            conn.execute(
                text(
                    "UPDATE status_update SET new_deadline_text = :words WHERE kind = 'deadline'"
                    " AND action_id = (SELECT id FROM action WHERE key = :key)"
                ),
                {"words": words, "key": key},
            )
        for key, (phrase, due, precision) in ROWS.items():
            conn.execute(
                text(
                    "UPDATE action SET deadline_text = :phrase, due = :due, "
                    "deadline_precision = :precision WHERE key = :key"
                ),
                {"phrase": phrase, "due": due, "precision": precision, "key": key},
            )
    command.upgrade(config, "head")
    with register.sessions() as session:
        actions = {
            a.key: (a.deadline_text, a.deadline_typed, a.due, a.deadline_precision)
            for a in session.scalars(select(Action).where(Action.key.in_(ROWS)))
        }
    assert actions == {
        "OW-01": ("eind maart 2027", "eind maart", date(2027, 3, 31), Precision.MONTH),
        "OW-02": ("27 november 2026", "vrijdag", date(2026, 11, 27), Precision.DAY),
        "OW-03": ("Q3 2027", "Q3 2027", date(2027, 9, 30), Precision.QUARTER),
        "OW-04": ("na de verkiezingen", "na de verkiezingen", None, None),
        "OW-05": ("6 december 2026", "over twee weken", date(2026, 12, 6), Precision.DAY),
    }
    with register.sessions() as session:
        history = {
            key: session.scalar(
                select(StatusUpdate.new_deadline_text)
                .join(Action, Action.id == StatusUpdate.action_id)
                .where(Action.key == key, StatusUpdate.kind == UpdateKind.DEADLINE)
            )
            for key in ("OW-06", "OW-07")
        }
    assert history == {"OW-06": "eind april 2027", "OW-07": "eind juni"}
    # Nothing that hangs from an action was lost on the way (SQLite copies tables otherwise).
    assert counts(register) == before
    # Going down gives the typed words back.
    command.downgrade(config, "0008")
    with register.engine.connect() as conn:
        phrase = conn.scalar(text("SELECT deadline_text FROM action WHERE key = 'OW-01'"))
    assert phrase == "eind maart"
    assert counts(register) == before
    command.upgrade(config, "head")
