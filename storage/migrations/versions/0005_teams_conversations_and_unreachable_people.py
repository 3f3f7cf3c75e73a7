"""Teams: the conversations the bot can write in (1:1 chats, team channels); people the bot
could not reach on a platform, for the director's digest; answers to Teams file consent cards

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 12:25:05.058957
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "teams_conversation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("service_url", sa.String(length=500), nullable=False),
        sa.Column("tenant_id", sa.String(length=100), nullable=False),
        sa.Column("bot_id", sa.String(length=200), nullable=False),
        sa.Column("user_id", sa.String(length=200), nullable=True),
        sa.Column("team_id", sa.String(length=300), nullable=True),
        sa.Column("name", sa.String(length=300), nullable=True),
        sa.Column("reachable", sa.Boolean(), nullable=False),
        sa.Column("updated_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("checked_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_teams_conversation")),
        sa.UniqueConstraint("conversation_id", name=op.f("uq_teams_conversation_conversation_id")),
        sa.UniqueConstraint("user_id", name=op.f("uq_teams_conversation_user_id")),
    )
    with op.batch_alter_table("teams_conversation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_teams_conversation_team_id"), ["team_id"], unique=False
        )

    op.create_table(
        "person_unreachable",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column(
            "platform",
            sa.Enum(
                "console",
                "slack",
                "teams",
                "import",
                name="unreachable_platform",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("reason", sa.String(length=300), nullable=False),
        sa.Column("since", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_person_unreachable_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("person_id", "platform", name=op.f("pk_person_unreachable")),
    )

    op.create_table(
        "teams_file_consent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("outbox_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.String(length=200), nullable=False),
        sa.Column("user_id", sa.String(length=200), nullable=False),
        sa.Column("accepted", sa.Boolean(), nullable=False),
        sa.Column("service_url", sa.String(length=500), nullable=False),
        sa.Column("conversation_id", sa.String(length=300), nullable=False),
        sa.Column("card_id", sa.String(length=200), nullable=False),
        sa.Column("upload_url", sa.Text(), nullable=True),
        sa.Column("content_url", sa.Text(), nullable=True),
        sa.Column("unique_id", sa.String(length=200), nullable=True),
        sa.Column("file_type", sa.String(length=50), nullable=True),
        sa.Column("name", sa.String(length=300), nullable=True),
        sa.Column(
            "state",
            sa.Enum(
                "pending",
                "done",
                "failed",
                name="consent_state",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("not_before", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("received_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("uploaded_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("done_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["outbox_id"],
            ["outbox.id"],
            name=op.f("fk_teams_file_consent_outbox_id_outbox"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_teams_file_consent")),
        sa.UniqueConstraint("outbox_id", name=op.f("uq_teams_file_consent_outbox_id")),
    )
    with op.batch_alter_table("teams_file_consent", schema=None) as batch_op:
        batch_op.create_index(
            "ix_teams_file_consent_state_not_before", ["state", "not_before"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("teams_file_consent", schema=None) as batch_op:
        batch_op.drop_index("ix_teams_file_consent_state_not_before")

    op.drop_table("teams_file_consent")
    op.drop_table("person_unreachable")
    with op.batch_alter_table("teams_conversation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_teams_conversation_team_id"))

    op.drop_table("teams_conversation")
