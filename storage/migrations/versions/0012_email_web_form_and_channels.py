"""Reaching people outside chat: email and the web form as sources, a person's channel, link
tokens and the once-a-day answers to mail without a token

Email and the web form become platforms (identity, inbound_event, status_update and
person_unreachable allow them); person.channel says where someone is reached when the
programme file names it; link_token keeps the hashes of reply tokens and form links;
mail_answer whom a mail without a valid token was answered, per day.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 02:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BEFORE = ("console", "slack", "teams", "import")
AFTER = (*BEFORE, "email", "web")
# table, column, the enum's name (the CHECK constraint is ck_<table>_<name>)
SOURCE_COLUMNS = (
    ("identity", "platform", "platform"),
    ("inbound_event", "platform", "event_platform"),
    ("status_update", "source", "source"),
    ("person_unreachable", "platform", "unreachable_platform"),
)


def _allow(values: Sequence[str]) -> None:
    listed = ", ".join(f"'{value}'" for value in values)
    for table, column, name in SOURCE_COLUMNS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(op.f(f"ck_{table}_{name}"), type_="check")
            batch_op.create_check_constraint(op.f(f"ck_{table}_{name}"), f"{column} IN ({listed})")


def upgrade() -> None:
    _allow(AFTER)
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("channel", sa.String(length=20), nullable=True))
    op.create_table(
        "link_token",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column(
            "purpose",
            sa.Enum(
                "reply",
                "form",
                name="token_purpose",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("outbox_id", sa.Integer(), nullable=True),
        sa.Column("programme_id", sa.Integer(), nullable=True),
        sa.Column("actions", sa.JSON(), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("spent_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["outbox_id"],
            ["outbox.id"],
            name=op.f("fk_link_token_outbox_id_outbox"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_link_token_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_link_token_programme_id_programme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_link_token")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_link_token_token_hash")),
    )
    with op.batch_alter_table("link_token", schema=None) as batch_op:
        batch_op.create_index(
            "ix_link_token_person_id_purpose", ["person_id", "purpose"], unique=False
        )
    op.create_table(
        "mail_answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sender_hash", sa.String(length=64), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("answered_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_answer")),
        sa.UniqueConstraint("sender_hash", "day", name=op.f("uq_mail_answer_sender_hash_day")),
    )


def downgrade() -> None:
    op.drop_table("mail_answer")
    with op.batch_alter_table("link_token", schema=None) as batch_op:
        batch_op.drop_index("ix_link_token_person_id_purpose")
    op.drop_table("link_token")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_column("channel")
    _allow(BEFORE)
