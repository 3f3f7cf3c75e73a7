"""Importing the people of a programme file: who they are, their chat ids, places and absences.

A person may belong to several programmes; one file may not change who someone is that another
programme relies on, nor take an email or chat id that is someone else's.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from storage.importer_run import ImportRun, assign
from storage.models import Absence, Identity, Membership, Party, Person, Programme
from words.catalogue import t
from words.domain import Source
from words.programme.schema import PersonSpec


class PeopleImport(ImportRun):
    """The people of the file: found by their place or email, checked, then written."""

    def persons(self, programme: Programme, parties: dict[str, Party]) -> None:
        members = {m.key: m for m in programme.memberships}
        for i, spec in enumerate(self.spec.people):
            membership = members.get(spec.key)
            person = membership.person if membership else self.find_person(spec)
            created = person is None
            if person is None:
                # Empty collections, not unloaded ones: after a flush they would need a query.
                person = Person(name=spec.name, created_at=self.now, identities=[], absences=[])
                self.session.add(person)
            self.people[spec.key] = person
            if self.refused(i, spec, person, programme):
                continue  # nothing of this person is changed; the import fails with the reason
            changed = assign(
                person,
                name=spec.name,
                email=spec.email if spec.email is not None else person.email,
                # A file that does not mention them leaves what another file or chat set.
                timezone=spec.timezone if spec.timezone is not None else person.timezone,
                language=spec.language if spec.language is not None else person.language,
                channel=spec.channel.value if spec.channel is not None else person.channel,
            )
            changed |= self.identities(spec, person)
            self.report.count("person", created=created, changed=changed)
        self.sync(
            "membership",
            programme.memberships,
            self.spec.people,
            key=lambda s: s.key,
            make=lambda s: Membership(key=s.key, person=self.people[s.key]),
            values=lambda s, i: {
                "person": self.people[s.key],
                "role": s.role,
                "party": parties[s.party] if s.party else None,
                "position": i,
            },
        )
        self.session.flush()
        self.absences(programme)

    def find_person(self, spec: PersonSpec) -> Person | None:
        if spec.email is None:
            return None
        query = select(Person).where(Person.email == spec.email)
        # Someone from another programme's file: the import syncs their identities and absences.
        loaded = query.options(selectinload(Person.identities), selectinload(Person.absences))
        return self.session.scalar(loaded)

    def refused(self, i: int, spec: PersonSpec, person: Person, programme: Programme) -> bool:
        """Report what this file may not change about ``person``; True when there is any."""
        before = len(self.problems)
        taken = self.check_email(i, spec, person) | self.check_identities(i, spec, person)
        elsewhere = self.elsewhere(person, programme)
        if elsewhere:
            self.check_shared(i, spec, person, elsewhere, taken)
        return len(self.problems) > before

    def check_email(self, i: int, spec: PersonSpec, person: Person) -> set[str]:
        if spec.email is None or spec.email == person.email:
            return set()
        other = self.session.scalar(select(Person).where(Person.email == spec.email))
        if other is None or other is person:
            return set()
        self.problem(
            ("people", i, "email"), "register.conflict_email", value=spec.email, name=other.name
        )
        return {"email"}

    def check_identities(self, i: int, spec: PersonSpec, person: Person) -> set[str]:
        """A Slack or Teams id that is someone else's is refused: it would let one person's
        chat account act as, and receive the messages of, another."""
        taken: set[str] = set()
        for platform, external in _platform_ids(spec):
            owner = self.session.scalar(
                select(Identity)
                .where(Identity.platform == platform, Identity.external_id == external)
                .options(joinedload(Identity.person))
            )
            if owner is not None and owner.person is not person:
                self.problem(
                    ("people", i, platform.value),
                    "register.conflict_identity",
                    value=external,
                    name=owner.person.name,
                )
                taken.add(platform.value)
        return taken

    def elsewhere(self, person: Person, programme: Programme) -> list[str]:
        """The keys of the other programmes ``person`` has a place in."""
        if person.id is None:
            return []  # created by this import
        query = (
            select(Programme.key)
            .join(Membership, Membership.programme_id == Programme.id)
            .where(Membership.person_id == person.id)
            .distinct()
            .order_by(Programme.key)
        )
        if programme.id is not None:
            query = query.where(Programme.id != programme.id)
        return list(self.session.scalars(query))

    def check_shared(
        self,
        i: int,
        spec: PersonSpec,
        person: Person,
        elsewhere: list[str],
        taken: set[str],
    ) -> None:
        """Someone another programme relies on keeps their name, email, chat ids, time zone and
        language: a file may add their place in its own programme, not change who they are
        (a new Slack id would let that account receive their messages and act as them)."""
        ids = {x.platform.value: x.external_id for x in person.identities}
        stated: dict[str, tuple[str | None, str | None]] = {
            "name": (spec.name, person.name),
            "email": (spec.email, person.email),
            "slack": (spec.slack, ids.get(Source.SLACK.value)),
            "teams": (spec.teams, ids.get(Source.TEAMS.value)),
            "timezone": (spec.timezone, person.timezone),
            "language": (spec.language, person.language),
            "channel": (None if spec.channel is None else spec.channel.value, person.channel),
        }
        for name, (given, now) in stated.items():
            if given is None or given == now or name in taken:
                continue
            if name == "name":
                key = "register.shared_name"
            else:
                key = "register.shared_person_unset" if now is None else "register.shared_person"
            self.problem(
                ("people", i, name),
                key,
                name=person.name,
                programmes=", ".join(elsewhere),
                n=len(elsewhere),
                what=t(f"register.what_{name}", self.lang),
                now=repr(now),
                value=repr(given),
            )

    def identities(self, spec: PersonSpec, person: Person) -> bool:
        changed = False
        for platform, external in _platform_ids(spec):
            mine = next((x for x in person.identities if x.platform == platform), None)
            if mine is None:
                person.identities.append(Identity(platform=platform, external_id=external))
                changed = True
            else:
                changed |= assign(mine, external_id=external)
        return changed

    def absences(self, programme: Programme) -> None:
        for spec in self.spec.people:
            person = self.people[spec.key]
            wanted = [
                (a.start, a.until, self.people[a.deputy].id if a.deputy else None)
                for a in spec.absences
            ]
            owned = [a for a in person.absences if a.programme_id == programme.id]
            if [(a.starts_on, a.ends_on, a.deputy_id) for a in owned] == wanted:
                continue
            for absence in owned:
                person.absences.remove(absence)
            for start, until, deputy_id in wanted:
                person.absences.append(
                    Absence(
                        programme_id=programme.id,
                        starts_on=start,
                        ends_on=until,
                        deputy_id=deputy_id,
                    )
                )
            self.report.count("absence", created=not owned, changed=True)


def _platform_ids(spec: PersonSpec) -> list[tuple[Source, str]]:
    found = ((Source.SLACK, spec.slack), (Source.TEAMS, spec.teams))
    return [(platform, external) for platform, external in found if external is not None]
