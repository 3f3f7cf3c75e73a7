"""Who someone is: people by platform identity or by name, their programmes and roles."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session, joinedload

from storage.models import Absence, Identity, Membership, Person, Programme, Theme
from words.domain import Role, Source, fold

# Where the user id is the person's own id: the console, and mail and the web form, whose
# events are made only for a person a token named.
BY_PERSON_ID = frozenset({Source.CONSOLE, Source.EMAIL, Source.WEB})


def person_by_identity(session: Session, platform: Source, user_id: str) -> Person | None:
    """The person behind a platform user id; on the console the id is the person's own."""
    if platform in BY_PERSON_ID:
        return session.get(Person, int(user_id)) if user_id.isdigit() else None
    return session.scalar(
        select(Person)
        .join(Identity)
        .where(Identity.platform == platform, Identity.external_id == user_id)
    )


def link_identity(
    session: Session,
    person_id: int,
    platform: Source,
    user_id: str,
    workspace: str | None = None,
) -> bool:
    """Remember that ``user_id`` on ``platform`` (in ``workspace``, where it has several) is
    this person; False when either side already has another link (a person has one id per
    platform, an id one person)."""
    taken = session.scalar(
        select(Identity.id).where(
            or_(
                and_(Identity.platform == platform, Identity.external_id == user_id),
                and_(Identity.platform == platform, Identity.person_id == person_id),
            )
        )
    )
    if taken is not None:
        return False
    session.add(
        Identity(person_id=person_id, platform=platform, external_id=user_id, workspace=workspace)
    )
    session.flush()
    return True


def note_workspace(session: Session, platform: Source, user_id: str, workspace: str) -> None:
    """Where a known id lives, learnt from its first event (ids from a programme file say not)."""
    session.execute(
        update(Identity)
        .where(
            Identity.platform == platform,
            Identity.external_id == user_id,
            Identity.workspace.is_(None),
        )
        .values(workspace=workspace)
    )


def ids_without_workspace(session: Session, platform: Source) -> list[str]:
    """Platform ids whose workspace is not known yet (ids from a programme file), by id."""
    return list(
        session.scalars(
            select(Identity.external_id)
            .where(Identity.platform == platform, Identity.workspace.is_(None))
            .order_by(Identity.id)
        )
    )


def unlinked_people(session: Session, platform: Source) -> list[tuple[int, str]]:
    """People with an email but no id on ``platform`` yet: (person id, email), by id."""
    linked = select(Identity.person_id).where(Identity.platform == platform)
    rows = session.execute(
        select(Person.id, Person.email)
        .where(Person.email.is_not(None), Person.id.not_in(linked))
        .order_by(Person.id)
    )
    return [(person_id, email) for person_id, email in rows if email]


def person_by_email(session: Session, email: str) -> Person | None:
    return session.scalar(select(Person).where(Person.email == email.strip().lower()))


def memberships(session: Session, person_id: int) -> Sequence[Membership]:
    """The person's places in programmes, programme loaded, in programme key order."""
    return (
        session.scalars(
            select(Membership)
            .where(Membership.person_id == person_id)
            .options(joinedload(Membership.programme), joinedload(Membership.party))
        )
        .unique()
        .all()
    )


def membership(session: Session, person_id: int, programme_id: int) -> Membership | None:
    return session.scalar(
        select(Membership).where(
            Membership.person_id == person_id, Membership.programme_id == programme_id
        )
    )


def find_people(session: Session, text: str, programme_ids: Sequence[int] = ()) -> list[Person]:
    """People matching a key, email, full name or part of a name ("rob", "jansen").

    An exact key, email or full name wins over partial matches, so "Rob Jansen" is one
    person even when there is also a "Rob Jansen-Smit".
    """
    needle = text.strip().lower()
    if not needle:
        return []
    query = select(Person).join(Membership, Membership.person_id == Person.id).distinct()
    if programme_ids:
        query = query.where(Membership.programme_id.in_(programme_ids))
    exact = session.scalars(
        query.where(
            or_(
                Membership.key == needle,
                Person.email == needle,
                func.lower(Person.name) == needle,
            )
        )
    ).all()
    if exact:
        return list(exact)
    candidates = session.scalars(query.order_by(Person.name)).all()
    folded = fold(needle)
    return [p for p in candidates if all(word in fold(p.name) for word in folded.split())]


def sponsored_themes(session: Session, person_id: int) -> Sequence[Theme]:
    return session.scalars(select(Theme).where(Theme.sponsor_id == person_id)).all()


def absence_on(session: Session, person_id: int, day: date) -> Absence | None:
    """The absence covering ``day``, if the person is away then."""
    return session.scalar(
        select(Absence)
        .where(
            Absence.person_id == person_id,
            Absence.starts_on <= day,
            Absence.ends_on >= day,
        )
        .order_by(Absence.starts_on)
        .limit(1)
    )


def first_director(session: Session) -> Person | None:
    """The director of the first programme (by key): whom the console starts as."""
    return session.scalar(
        select(Person)
        .join(Membership, Membership.person_id == Person.id)
        .join(Membership.programme)
        .where(Membership.role == Role.DIRECTOR)
        .order_by(Programme.key, Membership.position)
        .limit(1)
    )


# Bound on the ids in one IN list: SQLite and PostgreSQL both take far more, but one huge
# statement per tick helps neither.
ID_CHUNK = 5_000


def person_by_id(session: Session, person_id: int) -> Person | None:
    return session.get(Person, person_id)


def people_by_id(session: Session, ids: Iterable[int]) -> dict[int, Person]:
    """The people with these ids, in as few queries as the id chunks need."""
    unique = sorted(set(ids))
    found: dict[int, Person] = {}
    for start in range(0, len(unique), ID_CHUNK):
        chunk = unique[start : start + ID_CHUNK]
        found.update((p.id, p) for p in session.scalars(select(Person).where(Person.id.in_(chunk))))
    return found
