"""Voortgangsbrief drafts and finals: documents kept as bytes, brief reminders as pings; an
index for the inbox worker's question "which events are not handled yet"

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 07:53:04.749359
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_RULES = ("checkin", "before", "after", "reminder")
NEW_RULES = (*OLD_RULES, "brief")


def _rule_check(rules: Sequence[str]) -> str:
    return "rule IN (" + ", ".join(f"'{rule}'" for rule in rules) + ")"


def upgrade() -> None:
    with op.batch_alter_table("inbound_event", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_inbound_event_handled_at_id"), ["handled_at", "id"], unique=False
        )
    op.create_table(
        "brief_document",
        sa.Column("brief_id", sa.Integer(), nullable=False),
        sa.Column("format", sa.String(length=8), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["brief_id"],
            ["brief.id"],
            name=op.f("fk_brief_document_brief_id_brief"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("brief_id", "format", name=op.f("pk_brief_document")),
    )
    with op.batch_alter_table("brief", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("period_label", sa.String(length=40), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("language", sa.String(length=2), nullable=False, server_default="nl")
        )
        batch_op.add_column(sa.Column("revision", sa.Integer(), nullable=False, server_default="1"))
        batch_op.add_column(sa.Column("input_deadline", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("created_by_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_brief_created_by_id_person"),
            "person",
            ["created_by_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.drop_column("content")

    with op.batch_alter_table("ping", schema=None) as batch_op:
        batch_op.add_column(sa.Column("brief_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_ping_brief_id"), ["brief_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_ping_brief_id_brief"), "brief", ["brief_id"], ["id"], ondelete="CASCADE"
        )
        # The rule enum gains "brief"; its CHECK constraint is replaced (autogenerate misses it).
        batch_op.drop_constraint(op.f("ck_ping_ping_rule"), type_="check")
        batch_op.create_check_constraint(op.f("ck_ping_ping_rule"), _rule_check(NEW_RULES))


def downgrade() -> None:
    op.execute("DELETE FROM ping WHERE rule = 'brief'")
    with op.batch_alter_table("ping", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_ping_ping_rule"), type_="check")
        batch_op.create_check_constraint(op.f("ck_ping_ping_rule"), _rule_check(OLD_RULES))
        batch_op.drop_constraint(batch_op.f("fk_ping_brief_id_brief"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_ping_brief_id"))
        batch_op.drop_column("brief_id")

    with op.batch_alter_table("brief", schema=None) as batch_op:
        batch_op.add_column(sa.Column("content", sa.Text(), nullable=False, server_default=""))
        batch_op.drop_constraint(batch_op.f("fk_brief_created_by_id_person"), type_="foreignkey")
        batch_op.drop_column("created_by_id")
        batch_op.drop_column("input_deadline")
        batch_op.drop_column("revision")
        batch_op.drop_column("language")
        batch_op.drop_column("period_label")

    op.drop_table("brief_document")
    with op.batch_alter_table("inbound_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_inbound_event_handled_at_id"))
