"""The words of the domain: roles, statuses and sources, with the names people use for them.

Stored values are short English codes; people read and write the Dutch (or English) names
that the catalogue gives and that ``parse_status`` / ``parse_role`` accept.
"""

from __future__ import annotations

import unicodedata
from enum import StrEnum
from typing import Final


class Role(StrEnum):
    DIRECTOR = "director"  # programmaregisseur: may do everything
    SUPPORT = "support"  # programmaondersteuning: assists the director
    SPONSOR = "sponsor"  # opdrachtgever of one or more themes
    MEMBER = "member"  # working-group member who owns actions
    READER = "reader"  # council member or griffier: reads only


class Status(StrEnum):
    OPEN = "open"
    ON_TRACK = "on_track"  # op schema
    AT_RISK = "at_risk"  # risico
    DELAYED = "delayed"  # vertraagd
    DONE = "done"  # afgerond
    DROPPED = "dropped"  # vervallen

    @property
    def closed(self) -> bool:
        return self in (Status.DONE, Status.DROPPED)


class Source(StrEnum):
    CONSOLE = "console"
    SLACK = "slack"
    TEAMS = "teams"
    IMPORT = "import"
    EMAIL = "email"  # a mail in answer to a ping, matched by its reply token
    WEB = "web"  # the personal update form on the web process


class UpdateKind(StrEnum):
    STATUS = "status"  # an owner's report: status and/or text
    DEADLINE = "deadline"  # the deadline moved


class PingRule(StrEnum):
    """Why an owner is asked about an action."""

    CHECKIN = "checkin"  # the action's regular cadence
    BEFORE = "before"  # some days before the deadline
    AFTER = "after"  # the day after the deadline, while still open
    REMINDER = "reminder"  # no answer to an earlier ping
    BRIEF = "brief"  # the voortgangsbrief lacks the owner's update ("brief herinner")


class PingState(StrEnum):
    PLANNED = "planned"  # due at due_at, not yet sent
    SENT = "sent"  # in a message; waiting for an answer
    ANSWERED = "answered"  # an update on the action came in after it was sent
    SUPERSEDED = "superseded"  # a newer ping about the same action made it moot
    CANCELLED = "cancelled"  # the action closed or its deadline moved before it was sent


class OutboxState(StrEnum):
    PENDING = "pending"
    SENDING = "sending"  # claimed by a sender until lease_until
    SENT = "sent"
    FAILED = "failed"  # gave up: a permanent error, or too many attempts


class ProposalState(StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class PartyKind(StrEnum):
    MUNICIPALITY = "gemeente"
    PARTNER = "partner"


class MeetingKind(StrEnum):
    MEETING = "meeting"
    MILESTONE = "milestone"


class Cadence(StrEnum):
    """How often the progress letter goes to the councils."""

    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"


def fold(text: str) -> str:
    """Lower-case, strip accents and squeeze spaces: 'Op  Schéma' -> 'op schema'."""
    decomposed = unicodedata.normalize("NFKD", text)
    # One table of the accents present, so a long text is not walked character by character.
    marks = {ord(c): None for c in set(decomposed) if unicodedata.combining(c)}
    plain = decomposed.translate(marks)
    return " ".join(plain.replace("_", " ").replace("-", " ").lower().split())


STATUS_NAMES: Final[dict[str, Status]] = {
    "open": Status.OPEN,
    "nieuw": Status.OPEN,
    "op schema": Status.ON_TRACK,
    "on track": Status.ON_TRACK,
    "loopt": Status.ON_TRACK,
    "risico": Status.AT_RISK,
    "at risk": Status.AT_RISK,
    "vertraagd": Status.DELAYED,
    "vertraging": Status.DELAYED,
    "delayed": Status.DELAYED,
    "afgerond": Status.DONE,
    "gereed": Status.DONE,
    "klaar": Status.DONE,
    "done": Status.DONE,
    "vervallen": Status.DROPPED,
    "geschrapt": Status.DROPPED,
    "dropped": Status.DROPPED,
    "cancelled": Status.DROPPED,
}

ROLE_NAMES: Final[dict[str, Role]] = {
    "director": Role.DIRECTOR,
    "programmaregisseur": Role.DIRECTOR,
    "regisseur": Role.DIRECTOR,
    "support": Role.SUPPORT,
    "ondersteuning": Role.SUPPORT,
    "programmaondersteuning": Role.SUPPORT,
    "sponsor": Role.SPONSOR,
    "opdrachtgever": Role.SPONSOR,
    "member": Role.MEMBER,
    "lid": Role.MEMBER,
    "werkgroeplid": Role.MEMBER,
    "reader": Role.READER,
    "lezer": Role.READER,
}


def parse_status(text: str) -> Status | None:
    """The status a person named, in Dutch or English, or None."""
    return STATUS_NAMES.get(fold(text))


def parse_role(text: str) -> Role | None:
    return ROLE_NAMES.get(fold(text))


# The Dutch word for each status as programme files and exports write it.
STATUS_WORDS: Final[dict[Status, str]] = {
    Status.OPEN: "open",
    Status.ON_TRACK: "op schema",
    Status.AT_RISK: "risico",
    Status.DELAYED: "vertraagd",
    Status.DONE: "afgerond",
    Status.DROPPED: "vervallen",
}


# The fixed headings of the voortgangsbrief, each a catalogue text "brief.<name>"; a programme
# file may word them its own way under ``letter.labels``.
LETTER_LABELS = (
    "subject_label",
    "reference_label",
    "period_label",
    "appendix_heading",
    "overview_heading",
    "chart_heading",
    "col_theme",
    "col_action",
    "col_parties",
    "col_deadline",
    "col_status",
    "since_heading",
    "since_completed",
    "since_status",
    "since_deadlines",
    "since_none",
    "coming_heading",
    "coordination_heading",
    "meetings_past_heading",
    "meetings_heading",
    "meetings_none",
    "draft_heading",
    "missing_heading",
    "missing_themes_heading",
)
