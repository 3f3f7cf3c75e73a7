"""Who may do what: checked on every command, button and form.

Members update their own actions (and those they answer for as a deputy), sponsors every
action of their themes, the director and programme support everything; readers only read,
whatever else the database says about them.
Each check returns None when allowed, or the catalogue key of the reason when refused, so
the refusal can say why.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from storage import rights
from storage.models import Action, Person, Theme
from storage.people import membership
from words.domain import Role

MANAGERS = (Role.DIRECTOR, Role.SUPPORT)


def role_in(session: Session, person: Person, programme_id: int) -> Role | None:
    found = membership(session, person.id, programme_id)
    return None if found is None else found.role


def is_manager(session: Session, person: Person, programme_id: int) -> bool:
    return role_in(session, person, programme_id) in MANAGERS


def may_read(session: Session, person: Person, programme_id: int) -> str | None:
    return None if role_in(session, person, programme_id) is not None else "perm.not_member"


def may_update(session: Session, person: Person, action: Action, today: date) -> str | None:
    """May ``person`` report on ``action`` (status, text, a proposed deadline)?"""
    role = role_in(session, person, action.programme_id)
    if role is None:
        return "perm.not_member"
    if role in MANAGERS:
        return None
    if role is Role.READER:
        return "perm.reader"
    if rights.answers_for(session, person.id, action.id, today):
        return None
    return "perm.not_owner"


def may_decide(session: Session, person: Person, action: Action) -> str | None:
    """May ``person`` set a deadline or confirm a proposed one: the sponsor or director."""
    sponsor_id = rights.theme_sponsor(session, action.theme_id)
    return _may_sponsor(session, person, action.programme_id, sponsor_id)


def may_create(session: Session, person: Person, theme: Theme) -> str | None:
    """May ``person`` add an action to ``theme`` (or decide on its deadlines): its sponsor or
    the director.

    A reader never is, even where the database names them the theme's sponsor: a programme
    file imported before readers were refused as sponsors may have done so.
    """
    return _may_sponsor(session, person, theme.programme_id, theme.sponsor_id)


def _may_sponsor(
    session: Session, person: Person, programme_id: int, sponsor_id: int | None
) -> str | None:
    role = role_in(session, person, programme_id)
    if role is None:
        return "perm.not_member"
    if role in MANAGERS:
        return None
    if role is Role.READER:
        return "perm.reader"
    return None if sponsor_id == person.id else "perm.not_sponsor"


def may_manage(session: Session, person: Person, programme_id: int) -> str | None:
    """Director-only commands: overzicht, samenvatting."""
    role = role_in(session, person, programme_id)
    if role is None:
        return "perm.not_member"
    return None if role in MANAGERS else "perm.director_only"


def managers(session: Session, programme_id: int) -> list[Person]:
    """The director(s) of a programme, then programme support."""
    return rights.managers(session, programme_id, MANAGERS)
