"""Importing the actions of a programme file, keeping what chat changed since the last import.

What the file said about an action's deadline, status and KPI value is kept
(``Action.file_values``), so a re-import applies only what the file changed; a deadline or
status it moves is recorded in the action's history as coming from the import.
"""

from __future__ import annotations

from sqlalchemy import func, select

from storage.importer_run import DeadlineMove, Gone, ImportRun, StatusChange, assign
from storage.models import (
    Action,
    ActionOwner,
    ActionParty,
    Party,
    Programme,
    StatusUpdate,
    Theme,
    Track,
)
from words.deadlines.absolute import absolute
from words.deadlines.model import Deadline
from words.domain import Source, Status, UpdateKind
from words.programme.schema import ActionSpec


def _register_values(action: Action) -> tuple[object, ...]:
    # What the register shows of an action that the file may set: a change here is news.
    return (
        action.due,
        action.deadline_text,
        action.deadline_precision,
        action.status,
        action.kpi_current,
    )


class ActionsImport(ImportRun):
    """The actions of the file: numbered when new, linked to owners and parties, kept in step."""

    def actions(
        self,
        programme: Programme,
        themes: dict[str, Theme],
        tracks: dict[str, Track],
        parties: dict[str, Party],
    ) -> None:
        existing = {a.key: a for a in programme.actions}
        highest = self.session.scalar(
            select(func.max(Action.number)).where(Action.programme_id == programme.id)
        )
        number = highest if highest is not None else 0
        for spec in self.spec.actions:
            action = existing.get(spec.key)
            created = action is None
            if action is None:
                number += 1
                action = Action(
                    key=spec.key,
                    number=number,
                    file_values={},
                    created_at=self.now,
                    updated_at=self.now,
                    owner_links=[],
                    party_links=[],
                    updates=[],
                )
                programme.actions.append(action)
            changed = assign(
                action,
                theme=themes[spec.theme],
                track=tracks[spec.track] if spec.track else None,
                title=spec.title,
                description=spec.description,
                kpi_target=spec.kpi.target if spec.kpi else None,
                kpi_unit=spec.kpi.unit if spec.kpi else "",
                checkin_rule=spec.checkin or "",
            )
            changed |= self.links(action, spec, parties)
            changed |= self.file_values(action, spec, created=created)
            self.report.count("action", created=created, changed=changed)
        gone = sorted(set(existing) - {s.key for s in self.spec.actions})
        self.report.not_in_file.extend(Gone("action", key) for key in gone)

    def links(self, action: Action, spec: ActionSpec, parties: dict[str, Party]) -> bool:
        owners = [self.people[key] for key in dict.fromkeys(spec.owners)]
        if spec.parties is not None:
            wanted = [parties[key] for key in dict.fromkeys(spec.parties)]
        else:
            # Default: the parties of the owners, in the owners' order.
            party_of = {p.key: p.party for p in self.spec.people}
            keys = (party_of[key] for key in spec.owners if party_of[key] is not None)
            wanted = [parties[key] for key in dict.fromkeys(k for k in keys if k is not None)]
        changed = False
        if [link.person for link in action.owner_links] != owners:
            action.owner_links = [ActionOwner(person=p, position=i) for i, p in enumerate(owners)]
            changed = True
        if [link.party for link in action.party_links] != wanted:
            action.party_links = [ActionParty(party=p, position=i) for i, p in enumerate(wanted)]
            changed = True
        return changed

    def file_values(self, action: Action, spec: ActionSpec, *, created: bool) -> bool:
        """Apply what the file changed since it was last imported; True if the register changed.

        Updating only the record of what the file said (say, after exporting a status that was
        given in chat) is bookkeeping, not a change the report should mention.
        """
        before = dict(action.file_values)
        register_before = _register_values(action)
        said = {
            "deadline": spec.deadline,
            "status": spec.status.value,
            "kpi_current": spec.kpi.current if spec.kpi else None,
        }
        if created or said["deadline"] != before.get("deadline"):
            self.deadline(action, self.doc.deadlines.get(spec.key), record=not created)
        if created or said["status"] != before.get("status"):
            self.status(action, spec.status, record=not created)
        if created or said["kpi_current"] != before.get("kpi_current"):
            assign(action, kpi_current=said["kpi_current"])
        if said != before:
            action.file_values = said
        return created or _register_values(action) != register_before

    def deadline(self, action: Action, deadline: Deadline | None, *, record: bool) -> None:
        # Kept with its year, in the programme's language: "eind maart" in a file read in
        # November 2026 is "eind maart 2027", also when the export is imported again in 2027.
        stored = None if deadline is None else absolute(deadline, self.spec.programme.language)
        new = (stored.due, stored.text, stored.precision) if stored else (None, "", None)
        old = (action.due, action.deadline_text, action.deadline_precision)
        action.deadline_typed = "" if deadline is None else deadline.text
        if new == old:
            return
        if record:
            # Added beside the action, not through its history, which the import does not load.
            self.session.add(
                StatusUpdate(
                    action=action,
                    kind=UpdateKind.DEADLINE,
                    source=Source.IMPORT,
                    created_at=self.now,
                    previous_due=action.due,
                    previous_deadline_text=action.deadline_text,
                    new_due=new[0],
                    new_deadline_text=new[1],
                    new_precision=new[2],
                )
            )
            self.report.deadline_moves.append(
                DeadlineMove(action.key, action.deadline_text, new[1])
            )
        action.due, action.deadline_text, action.deadline_precision = new

    def status(self, action: Action, status: Status, *, record: bool) -> None:
        if action.status == status:
            return
        if record:
            # Added beside the action, not through its history, which the import does not load.
            self.session.add(
                StatusUpdate(
                    action=action,
                    kind=UpdateKind.STATUS,
                    source=Source.IMPORT,
                    created_at=self.now,
                    status=status,
                )
            )
            self.report.status_changes.append(StatusChange(action.key, action.status, status))
        action.status = status
