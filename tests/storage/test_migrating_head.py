"""storage.migrating's HEAD: the newest migration, written down so a start at head skips Alembic."""

from __future__ import annotations

from storage.migrating import HEAD, head_revision


def test_the_written_head_is_the_newest_migration() -> None:
    # A new migration without a new HEAD would leave every started process at the old schema.
    assert head_revision() == HEAD
