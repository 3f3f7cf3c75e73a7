"""Writing the letter together: letter_passage keeps the paragraphs the director, programme
support and the sponsors write for a period's letter, and the letter's wording of updates;
party.short_name is the name a table has room for ("Emmen" for "Gemeente Emmen").

Going down drops both; the passages written are lost with the table.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 22:50:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ALTER TABLE, no batch copy: on SQLite a copy drops the old party table, and with
    # foreign keys on that deletes every row that cascades from a party.
    op.add_column(
        "party",
        sa.Column("short_name", sa.String(length=100), nullable=False, server_default=""),
    )
    op.create_table(
        "letter_passage",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=True),
        sa.Column("period_end", sa.Date(), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "opening",
                "theme",
                "coordination",
                "update",
                name="passage_kind",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("theme_id", sa.Integer(), nullable=True),
        sa.Column("update_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("created_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["person.id"],
            name=op.f("fk_letter_passage_author_id_person"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_letter_passage_programme_id_programme"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["theme_id"],
            ["theme.id"],
            name=op.f("fk_letter_passage_theme_id_theme"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["update_id"],
            ["status_update.id"],
            name=op.f("fk_letter_passage_update_id_status_update"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letter_passage")),
    )
    op.create_index(
        "ix_letter_passage_lookup",
        "letter_passage",
        ["programme_id", "period_start", "period_end", "kind", "id"],
        unique=False,
    )
    op.create_index(
        "ix_letter_passage_update_id", "letter_passage", ["update_id", "id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_letter_passage_update_id", table_name="letter_passage")
    op.drop_index("ix_letter_passage_lookup", table_name="letter_passage")
    op.drop_table("letter_passage")
    op.drop_column("party", "short_name")  # SQLite has DROP COLUMN since 3.35
