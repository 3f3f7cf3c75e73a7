"""Slack's stored credentials encrypted: their columns widened to text

Encrypted tokens (Fernet, storage.encryption) are longer than the String(200) slack_sdk
declares. Going down again needs the encrypted values out of the way first: on PostgreSQL a
value longer than 200 characters does not fit back.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 10:12:41.305118
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SEALED = {
    "slack_bots": ("bot_token", "bot_refresh_token"),
    "slack_installations": (
        "bot_token",
        "bot_refresh_token",
        "user_token",
        "user_refresh_token",
        "incoming_webhook_url",
    ),
}


def upgrade() -> None:
    for table, columns in SEALED.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in columns:
                batch_op.alter_column(
                    column,
                    existing_type=sa.String(length=200),
                    type_=sa.Text(),
                    existing_nullable=True,
                )


def downgrade() -> None:
    for table, columns in SEALED.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in columns:
                batch_op.alter_column(
                    column,
                    existing_type=sa.Text(),
                    type_=sa.String(length=200),
                    existing_nullable=True,
                )
