"""Writing a checked programme file into the register, idempotently.

Rows are matched by their keys and only fields that differ are written, so importing the same
file twice changes nothing. What the file said about an action's deadline, status and KPI value
is kept (``Action.file_values``): a re-import applies only what the *file* changed and never
undoes an update somebody gave in chat since. Rows that disappeared from the file are reported,
not deleted: their history (updates, letters) matters more than tidiness.

The caller runs ``import_programme`` inside one transaction; on ``ProgrammeFileError`` (a
conflict only the database reveals, such as an email that belongs to someone else, or a new
name or chat id for someone another programme relies on) it rolls back, so nothing is
half-imported.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from storage.importer_actions import ActionsImport
from storage.importer_people import PeopleImport
from storage.importer_run import ImportReport, assign
from storage.models import (
    Action,
    ActionOwner,
    ActionParty,
    Meeting,
    Membership,
    Party,
    Person,
    Programme,
    Theme,
    Track,
)
from words.programme.doc import ProgrammeDoc, ProgrammeFileError


def _programme_values(doc: ProgrammeDoc) -> dict[str, Any]:
    p = doc.spec.programme
    return {
        "name": p.name,
        "description": p.description,
        "period_start": p.period.start if p.period else None,
        "period_end": p.period.end if p.period else None,
        "timezone": p.timezone,
        "language": p.language,
        "reporting": p.reporting,
        "checkin_rule": p.checkin,
        "slack_workspace": p.slack_workspace,
        "public_page": p.public_page,
        "schedule": p.schedule.settings().to_json(),
        # By alias: the JSON document uses the file's field names ("register").
        "letter": doc.spec.letter.model_dump(mode="json", by_alias=True),
    }


class _Importer(PeopleImport, ActionsImport):
    """The whole import: the programme and its lists here, people and actions in their parts."""

    # -- programme and the lists that hang from it -------------------------------------------

    def programme(self) -> Programme:
        key = self.spec.programme.key
        # The import walks the programme's whole graph, so it loads all of it here, on purpose:
        # no relationship loads lazily.
        people = selectinload(Programme.memberships).selectinload(Membership.person)
        actions = selectinload(Programme.actions)
        query = (
            select(Programme)
            .where(Programme.key == key)
            .options(
                selectinload(Programme.parties),
                selectinload(Programme.tracks),
                selectinload(Programme.themes),
                selectinload(Programme.meetings),
                selectinload(Programme.memberships).selectinload(Membership.party),
                people.selectinload(Person.identities),
                people.selectinload(Person.absences),
                actions.selectinload(Action.owner_links).selectinload(ActionOwner.person),
                actions.selectinload(Action.party_links).selectinload(ActionParty.party),
            )
        )
        programme = self.session.scalar(query)
        created = programme is None
        if programme is None:
            # Empty collections, not unloaded ones: after a flush they would need a query.
            empty: dict[str, Any] = {
                name: []
                for name in ("parties", "tracks", "themes", "meetings", "memberships", "actions")
            }
            programme = Programme(key=key, created_at=self.now, updated_at=self.now, **empty)
            self.session.add(programme)
        changed = assign(programme, **_programme_values(self.doc))
        self.report.count("programme", created=created, changed=changed)
        return programme

    def run(self) -> ImportReport:
        programme = self.programme()
        parties = self.sync(
            "party",
            programme.parties,
            self.spec.parties,
            key=lambda s: s.key,
            make=lambda s: Party(key=s.key),
            values=lambda s, i: {
                "name": s.name,
                "short_name": s.short,
                "kind": s.kind,
                "position": i,
            },
        )
        tracks = self.sync(
            "track",
            programme.tracks,
            self.spec.tracks,
            key=lambda s: s.key,
            make=lambda s: Track(key=s.key),
            values=lambda s, i: {"name": s.name, "position": i},
        )
        self.persons(programme, parties)
        themes = self.sync(
            "theme",
            programme.themes,
            self.spec.themes,
            key=lambda s: s.key,
            make=lambda s: Theme(key=s.key),
            values=lambda s, i: {
                "name": s.name,
                "description": s.description,
                "channel": s.channel,
                "position": i,
                "sponsor": self.people[s.sponsor] if s.sponsor else None,
            },
        )
        self.actions(programme, themes, tracks, parties)
        self.meetings(programme)
        if self.problems:
            raise ProgrammeFileError(sorted(self.problems, key=lambda p: p.line))
        self.session.flush()
        return self.report

    # -- meetings ----------------------------------------------------------------------------

    def meetings(self, programme: Programme) -> None:
        self.sync(
            "meeting",
            programme.meetings,
            self.spec.meetings,
            key=lambda s: f"{s.date.isoformat()} {s.title}",
            make=lambda s: Meeting(date=s.date, title=s.title),
            values=lambda s, _i: {"kind": s.kind},
        )


def import_programme(
    session: Session, doc: ProgrammeDoc, now: datetime, lang: str = "nl"
) -> ImportReport:
    """Create or update the programme ``doc`` describes; raise ProgrammeFileError on conflicts."""
    return _Importer(session, doc, now, lang).run()
