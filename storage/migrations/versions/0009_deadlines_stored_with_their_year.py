"""Deadlines stored with their year: action.deadline_typed keeps the words as typed

action.deadline_text becomes a phrase that carries its year ("eind maart 2027" for "eind
maart"), so a letter, an export or a re-import a year later still names the same day; the
words the deadline was given in move to the new column deadline_typed. Existing rows are
filled from their date and precision, in their programme's language, by the same function the
code uses (words.deadlines.absolute): a phrase that already carries its year stays as it is.

The deadline moves in the history (status_update) are printed in letters too: a phrase there
is read again as on the day it was recorded and, when that gives the recorded date, replaced by
the phrase with its year ("eind maart" recorded in November 2026 becomes "eind maart 2027").
A phrase that no longer reads so stays as it was.

Going down puts the typed words back in deadline_text; date and precision stay, and so do the
phrases of the history.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 20:30:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import sqlalchemy as sa
from alembic import op

from words.deadlines.absolute import absolute
from words.deadlines.error import DeadlineError
from words.deadlines.model import Deadline, Precision
from words.deadlines.parse import parse_deadline

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ACTION = sa.table(
    "action",
    sa.column("id", sa.Integer),
    sa.column("programme_id", sa.Integer),
    sa.column("due", sa.Date),
    sa.column("deadline_text", sa.String),
    sa.column("deadline_typed", sa.String),
    sa.column("deadline_precision", sa.String),
)
_PROGRAMME = sa.table("programme", sa.column("id", sa.Integer), sa.column("language", sa.String))
_UPDATE = sa.table(
    "status_update",
    sa.column("id", sa.Integer),
    sa.column("action_id", sa.Integer),
    sa.column("created_at", sa.DateTime),
    sa.column("previous_due", sa.Date),
    sa.column("previous_deadline_text", sa.String),
    sa.column("new_due", sa.Date),
    sa.column("new_deadline_text", sa.String),
)


def _with_year(text: str | None, due: date | None, recorded: date, language: str) -> str | None:
    """A recorded phrase with its year, if it still reads as the recorded date; else None."""
    if not text or due is None:
        return None
    try:
        read = parse_deadline(text, recorded, language)
    except DeadlineError:
        return None
    if read.due != due:
        return None
    kept = absolute(read, language).text
    return kept if kept != text else None


def _history(bind: sa.Connection) -> None:
    rows = bind.execute(
        sa.select(
            _UPDATE.c.id,
            _UPDATE.c.created_at,
            _UPDATE.c.previous_due,
            _UPDATE.c.previous_deadline_text,
            _UPDATE.c.new_due,
            _UPDATE.c.new_deadline_text,
            _PROGRAMME.c.language,
        )
        .join(_ACTION, _ACTION.c.id == _UPDATE.c.action_id)
        .join(_PROGRAMME, _PROGRAMME.c.id == _ACTION.c.programme_id)
        .where(
            sa.or_(
                _UPDATE.c.previous_deadline_text.is_not(None),
                _UPDATE.c.new_deadline_text.is_not(None),
            )
        )
    ).all()
    for row_id, created_at, old_due, old_text, new_due, new_text, programme_language in rows:
        recorded = created_at.date()
        language = programme_language if programme_language is not None else "nl"
        values = {
            column: kept
            for column, kept in (
                ("previous_deadline_text", _with_year(old_text, old_due, recorded, language)),
                ("new_deadline_text", _with_year(new_text, new_due, recorded, language)),
            )
            if kept is not None
        }
        if values:
            bind.execute(sa.update(_UPDATE).where(_UPDATE.c.id == row_id).values(**values))


def upgrade() -> None:
    # Plain ALTER TABLE, no batch copy: on SQLite a copy drops the old action table, and with
    # foreign keys on that deletes every row that cascades from an action (its history).
    op.add_column(
        "action",
        sa.Column("deadline_typed", sa.String(length=200), nullable=False, server_default=""),
    )
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(
            _ACTION.c.id,
            _ACTION.c.due,
            _ACTION.c.deadline_text,
            _ACTION.c.deadline_precision,
            _PROGRAMME.c.language,
        ).join(_PROGRAMME, _PROGRAMME.c.id == _ACTION.c.programme_id)
    ).all()
    for row_id, due, text, precision, language in rows:
        values = {"deadline_typed": text}
        # Without a date there is nothing to anchor a year to ("na de verkiezingen").
        if due is not None and precision is not None and text:
            stored = absolute(Deadline(due, Precision(precision), text), language or "nl")
            values |= {"deadline_text": stored.text, "deadline_precision": stored.precision}
        bind.execute(sa.update(_ACTION).where(_ACTION.c.id == row_id).values(**values))
    _history(bind)


def downgrade() -> None:
    op.execute(
        sa.update(_ACTION)
        .where(_ACTION.c.deadline_typed != "")
        .values(deadline_text=_ACTION.c.deadline_typed)
    )
    op.drop_column("action", "deadline_typed")  # SQLite has DROP COLUMN since 3.35
