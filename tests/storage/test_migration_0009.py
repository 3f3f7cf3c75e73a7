"""Migration 0009: deadlines already in the register get a phrase with their year."""

from __future__ import annotations

from datetime import date

from alembic import command
from sqlalchemy import select, text

from bot.engine.opening import Register, import_file
from config.settings import Settings
from storage.db import alembic_config
from storage.models import Action
from tests.conftest import BOCE
from words.clock import FixedClock
from words.deadlines.model import Precision

ROWS = {
    # key: (deadline_text before, due, precision before)
    "OW-01": ("eind maart", date(2027, 3, 31), "month"),
    "OW-02": ("vrijdag", date(2026, 11, 27), "day"),
    "OW-03": ("Q3 2027", date(2027, 9, 30), "quarter"),
    "OW-04": ("na de verkiezingen", None, None),
    "OW-05": ("over twee weken", date(2026, 12, 6), "week"),
}


def test_existing_deadlines_are_kept_with_their_year_and_the_typed_words_beside(
    register: Register, settings: Settings, clock: FixedClock
) -> None:
    import_file(register, BOCE, settings, clock)
    config = alembic_config(register.engine)
    command.downgrade(config, "0008")
    with register.engine.begin() as conn:
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
    # Going down gives the typed words back.
    command.downgrade(config, "0008")
    with register.engine.connect() as conn:
        phrase = conn.scalar(text("SELECT deadline_text FROM action WHERE key = 'OW-01'"))
    assert phrase == "eind maart"
    command.upgrade(config, "head")
