"""The overview's test world on BOCE: its programme, many more actions when a test needs a
long register, and the SQL statements a block of code runs."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Engine, event, insert, select
from sqlalchemy.orm import Session

from storage.models import Action, ActionOwner, Programme, Theme
from tests.commands_world import person
from words.deadlines.model import Precision
from words.domain import Status


def programme(session: Session, key: str = "boce") -> Programme:
    found = session.scalar(select(Programme).where(Programme.key == key))
    assert found is not None, key
    return found


@contextmanager
def counted(engine: Engine) -> Iterator[list[str]]:
    """The SQL statements run on ``engine`` while the block runs."""
    seen: list[str] = []

    def note(*args: Any) -> None:
        seen.append(args[2])

    event.listen(engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", note)


def many_actions(session: Session, count: int, *, owner: str = "arjen-post") -> None:
    """``count`` more actions in BOCE's first theme, numbered after its own, one owner each,
    deadlines a day apart from 1 January 2027 and statuses in turn."""
    boce = programme(session)
    theme = session.scalars(
        select(Theme).where(Theme.programme_id == boce.id).order_by(Theme.position)
    ).first()
    assert theme is not None
    start = 1000
    statuses = list(Status)
    rows = [
        {
            "programme_id": boce.id,
            "number": start + i,
            "key": f"X-{start + i}",
            "theme_id": theme.id,
            "title": f"Extra actie {i}",
            "due": date(2027, 1, 1) + timedelta(days=i),
            "deadline_text": "",
            "deadline_precision": Precision.DAY,
            "status": statuses[i % len(statuses)],
            "file_values": {},
        }
        for i in range(count)
    ]
    session.execute(insert(Action), rows)
    ids = session.scalars(select(Action.id).where(Action.number >= start)).all()
    who = person(session, owner).id
    session.execute(
        insert(ActionOwner), [{"action_id": i, "person_id": who, "position": 0} for i in ids]
    )
    session.flush()
