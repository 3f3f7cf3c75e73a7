"""Who may see a programme's overview: any member of it (may_read), readers included; the
check every overview page makes first, server side."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from handlers.permissions import may_read
from storage.models import Person, Programme
from storage.people import person_by_id
from storage.register import programme_by_key


@dataclass(frozen=True, slots=True)
class Opened:
    """A programme opened for a reader: ``programme`` None when there is no such programme;
    ``refusal`` the catalogue key of why the reader may not see it, None when they may."""

    programme: Programme | None
    person: Person | None
    refusal: str | None


def open_programme(session: Session, person_id: int, key: str) -> Opened:
    programme = programme_by_key(session, key)
    person = person_by_id(session, person_id)
    if programme is None:
        return Opened(None, person, None)
    if person is None:  # signed in, then removed from the register
        return Opened(programme, None, "perm.not_member")
    return Opened(programme, person, may_read(session, person, programme.id))
