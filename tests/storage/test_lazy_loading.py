"""Relationships never load lazily: a row read without loading options refuses a hidden query,
and the storage function that hands rows to a feature loads what the feature reads."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event, select
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import Session

from bot.engine.opening import Register
from storage.models import Action
from storage.updates import actions_by_ids


@contextmanager
def counted(register: Register) -> Iterator[list[str]]:
    """The SQL statements run on the register while the block runs."""
    seen: list[str] = []

    def note(*args: Any) -> None:
        seen.append(args[2])

    event.listen(register.engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(register.engine, "before_cursor_execute", note)


def test_a_plain_select_leaves_the_theme_unloaded_and_reading_it_raises(
    register: Register, boce: Session
) -> None:
    with register.sessions() as fresh:
        action = fresh.scalars(select(Action).where(Action.key == "OW-01")).one()
        with pytest.raises(InvalidRequestError, match="raise_on_sql"):
            _ = action.theme


def test_the_actions_a_reply_may_be_about_come_with_their_programmes(
    register: Register, boce: Session
) -> None:
    ids = list(boce.scalars(select(Action.id).order_by(Action.number).limit(3)))
    with register.sessions() as fresh:
        actions = actions_by_ids(fresh, ids)
        with counted(register) as statements:
            names = {a.programme.name for a in actions}
    assert [a.id for a in actions] == ids
    assert names == {"BOCE beleidsagenda"}
    assert statements == []
