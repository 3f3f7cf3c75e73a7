"""The database's tables as SQLAlchemy 2 typed ORM models: the schema as one namespace.

The tables live in one module per part of the bot; importing this package registers every one
of them with the one ``Base`` (relationships name classes in other modules, and Alembic needs
every table), and callers import the tables from here whichever module declares them.
"""

from storage.models.base import Base
from storage.models.chat_tables import InboundEvent, OutboxMessage
from storage.models.checkin_tables import (
    STANDING,
    DeadlineProposal,
    Ping,
    StatusUpdate,
    UpdateRevision,
)
from storage.models.letter_tables import (
    Brief,
    BriefDocument,
    BriefState,
    BriefUpdate,
    LetterPassage,
    PassageKind,
)
from storage.models.platform_tables import (
    SLACK_BOTS,
    SLACK_INSTALLATIONS,
    SLACK_OAUTH_STATES,
    SLACK_SEALED_COLUMNS,
    ConsentState,
    PersonUnreachable,
    TeamsConversation,
    TeamsFileConsent,
)
from storage.models.reach_tables import LinkToken, MailAnswer, TokenPurpose
from storage.models.register_tables import (
    Absence,
    Action,
    ActionOwner,
    ActionParty,
    Identity,
    Meeting,
    Membership,
    Party,
    Person,
    Programme,
    Theme,
    Track,
)
from storage.models.web_tables import ApiToken, AuditEntry, SignInAttempt, WebSession
from storage.models.work_tables import ClockMark, Heartbeat, Job, JobState

__all__ = [
    "SLACK_BOTS",
    "SLACK_INSTALLATIONS",
    "SLACK_OAUTH_STATES",
    "SLACK_SEALED_COLUMNS",
    "STANDING",
    "Absence",
    "Action",
    "ActionOwner",
    "ActionParty",
    "ApiToken",
    "AuditEntry",
    "Base",
    "Brief",
    "BriefDocument",
    "BriefState",
    "BriefUpdate",
    "ClockMark",
    "ConsentState",
    "DeadlineProposal",
    "Heartbeat",
    "Identity",
    "InboundEvent",
    "Job",
    "JobState",
    "LetterPassage",
    "LinkToken",
    "MailAnswer",
    "Meeting",
    "Membership",
    "OutboxMessage",
    "Party",
    "PassageKind",
    "Person",
    "PersonUnreachable",
    "Ping",
    "Programme",
    "SignInAttempt",
    "StatusUpdate",
    "TeamsConversation",
    "TeamsFileConsent",
    "Theme",
    "TokenPurpose",
    "Track",
    "UpdateRevision",
    "WebSession",
]
