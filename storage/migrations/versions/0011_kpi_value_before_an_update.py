"""The KPI value before an update: status_update.previous_kpi

An update that gives a KPI value ("stand 180") sets the action's kpi_current; withdrawing it
puts the value from before back, the way previous_status puts the status back. Older updates
gave no value, so the column is empty for them.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 23:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("status_update", schema=None) as batch_op:
        batch_op.add_column(sa.Column("previous_kpi", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("status_update", schema=None) as batch_op:
        batch_op.drop_column("previous_kpi")
