"""Deadlines stored with their year: action.deadline_typed keeps the words as typed

action.deadline_text becomes a phrase that carries its year ("eind maart 2027" for "eind
maart"), so a letter, an export or a re-import a year later still names the same day; the
words the deadline was given in move to the new column deadline_typed. Existing rows are
filled from their date and precision, in their programme's language, by the same function the
code uses (words.deadlines.absolute): a phrase that already carries its year stays as it is.

Going down puts the typed words back in deadline_text; date and precision stay.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 20:30:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from words.deadlines.absolute import absolute
from words.deadlines.model import Deadline, Precision

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


def upgrade() -> None:
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("deadline_typed", sa.String(length=200), nullable=False, server_default="")
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
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.alter_column(
            "deadline_typed", existing_type=sa.String(length=200), server_default=None
        )


def downgrade() -> None:
    op.execute(
        sa.update(_ACTION)
        .where(_ACTION.c.deadline_typed != "")
        .values(deadline_text=_ACTION.c.deadline_typed)
    )
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.drop_column("deadline_typed")
