"""The check-in loop: pings, outbox, inbound events, deadline proposals, clock marks

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 05:37:44.570324
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "clock_mark",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_clock_mark")),
    )
    op.create_table(
        "inbound_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "platform",
            sa.Enum(
                "console",
                "slack",
                "teams",
                "import",
                name="event_platform",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("event_id", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("user_id", sa.String(length=200), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("received_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("handled_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_inbound_event_person_id_person"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbound_event")),
        sa.UniqueConstraint(
            "platform", "event_id", name=op.f("uq_inbound_event_platform_event_id")
        ),
    )
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("channel", sa.String(length=200), nullable=True),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("is_file", sa.Boolean(), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "pending",
                "sending",
                "sent",
                "failed",
                name="outbox_state",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("not_before", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("lease_until", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("claimed_by", sa.String(length=200), nullable=True),
        sa.Column("platform", sa.String(length=20), nullable=True),
        sa.Column("address", sa.String(length=200), nullable=True),
        sa.Column("external_ref", sa.String(length=200), nullable=True),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("sent_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["outbox.id"],
            name=op.f("fk_outbox_parent_id_outbox"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_outbox_person_id_person"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_outbox_programme_id_programme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
        sa.UniqueConstraint("key", name=op.f("uq_outbox_key")),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outbox_external_ref"), ["external_ref"], unique=False)
        batch_op.create_index("ix_outbox_state_not_before", ["state", "not_before"], unique=False)

    op.create_table(
        "ping",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("recipient_id", sa.Integer(), nullable=False),
        sa.Column(
            "rule",
            sa.Enum(
                "checkin",
                "before",
                "after",
                "reminder",
                name="ping_rule",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("occurrence", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("due_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "planned",
                "sent",
                "answered",
                "superseded",
                "cancelled",
                name="ping_state",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("outbox_id", sa.Integer(), nullable=True),
        sa.Column("sent_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("answered_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("escalated_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"], ["action.id"], name=op.f("fk_ping_action_id_action"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["outbox_id"], ["outbox.id"], name=op.f("fk_ping_outbox_id_outbox"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["person.id"], name=op.f("fk_ping_owner_id_person"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["ping.id"], name=op.f("fk_ping_parent_id_ping"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_ping_programme_id_programme"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recipient_id"],
            ["person.id"],
            name=op.f("fk_ping_recipient_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ping")),
        sa.UniqueConstraint("key", name=op.f("uq_ping_key")),
    )
    with op.batch_alter_table("ping", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ping_action_id"), ["action_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_ping_outbox_id"), ["outbox_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_ping_parent_id"), ["parent_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_ping_recipient_id"), ["recipient_id"], unique=False)
        batch_op.create_index("ix_ping_state_due_at", ["state", "due_at"], unique=False)

    op.create_table(
        "deadline_proposal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("update_id", sa.Integer(), nullable=True),
        sa.Column("proposed_by", sa.Integer(), nullable=True),
        sa.Column("text", sa.String(length=200), nullable=False),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column(
            "precision",
            sa.Enum(
                "day",
                "week",
                "month",
                "quarter",
                "half",
                "season",
                "year",
                name="proposal_precision",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column(
            "state",
            sa.Enum(
                "open",
                "accepted",
                "rejected",
                name="proposal_state",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("decided_by", sa.Integer(), nullable=True),
        sa.Column("decided_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["action.id"],
            name=op.f("fk_deadline_proposal_action_id_action"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["decided_by"],
            ["person.id"],
            name=op.f("fk_deadline_proposal_decided_by_person"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["proposed_by"],
            ["person.id"],
            name=op.f("fk_deadline_proposal_proposed_by_person"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["update_id"],
            ["status_update.id"],
            name=op.f("fk_deadline_proposal_update_id_status_update"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deadline_proposal")),
    )
    with op.batch_alter_table("deadline_proposal", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_deadline_proposal_action_id"), ["action_id"], unique=False
        )

    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_action_updated_at"), ["updated_at"], unique=False)

    with op.batch_alter_table("programme", schema=None) as batch_op:
        # Existing programmes get the default settings ({}), which ScheduleSettings reads.
        batch_op.add_column(
            sa.Column("schedule", sa.JSON(), nullable=False, server_default=sa.text("'{}'"))
        )

    with op.batch_alter_table("status_update", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "previous_status",
                sa.Enum(
                    "open",
                    "on_track",
                    "at_risk",
                    "delayed",
                    "done",
                    "dropped",
                    name="previous_status",
                    native_enum=False,
                    create_constraint=True,
                    length=20,
                ),
                nullable=True,
            )
        )
        batch_op.add_column(sa.Column("event_id", sa.Integer(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_status_update_event_id"), ["event_id"])
        batch_op.create_foreign_key(
            batch_op.f("fk_status_update_event_id_inbound_event"),
            "inbound_event",
            ["event_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_updated_at"))

    with op.batch_alter_table("status_update", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_status_update_event_id_inbound_event"), type_="foreignkey"
        )
        batch_op.drop_constraint(batch_op.f("uq_status_update_event_id"), type_="unique")
        batch_op.drop_column("event_id")
        # The enum's CHECK constraint goes with the column; name it, or SQLite's batch copy
        # would keep a CHECK on a column that no longer exists.
        batch_op.drop_constraint(op.f("ck_status_update_previous_status"), type_="check")
        batch_op.drop_column("previous_status")

    with op.batch_alter_table("programme", schema=None) as batch_op:
        batch_op.drop_column("schedule")

    with op.batch_alter_table("deadline_proposal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deadline_proposal_action_id"))

    op.drop_table("deadline_proposal")
    with op.batch_alter_table("ping", schema=None) as batch_op:
        batch_op.drop_index("ix_ping_state_due_at")
        batch_op.drop_index(batch_op.f("ix_ping_recipient_id"))
        batch_op.drop_index(batch_op.f("ix_ping_outbox_id"))
        batch_op.drop_index(batch_op.f("ix_ping_parent_id"))
        batch_op.drop_index(batch_op.f("ix_ping_action_id"))

    op.drop_table("ping")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_state_not_before")
        batch_op.drop_index(batch_op.f("ix_outbox_external_ref"))

    op.drop_table("outbox")
    op.drop_table("inbound_event")
    op.drop_table("clock_mark")
