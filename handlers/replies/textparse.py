"""Reading a chat reply: its status, the actions it names, edit and undo words, a deadline.

Pure functions on text, no database: the reply handlers decide what to do with what is found.
People write short, informal replies in Dutch or English ("nog niet afgerond, loopt achter",
"#12 done", "OW-03: on track"). The status is read with the lexicon of
``words.status_words`` (see ``words.status_reading`` for the rules), the references with
``words.references``; both are named here too, for the handlers that read replies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Final

from words.deadlines.find import find_deadline
from words.deadlines.model import Deadline, Precision
from words.domain import Status, fold
from words.kpi_reading import KpiValue, kpi_in
from words.references import Reference, references
from words.status_reading import StatusMention, status_in, status_mentions, status_only, tokens
from words.status_words import STATUS_PHRASES

__all__ = [
    "STATUS_PHRASES",
    "Reading",
    "Reference",
    "StatusMention",
    "correction_text",
    "has_deadline_cue",
    "is_undo",
    "kpi_in",
    "read_reply",
    "references",
    "status_in",
    "status_mentions",
    "status_only",
    "without_reference",
]

_EDGES: Final = " \t\r\n.,;:!?-–—()[]\"'“”‘’*_"
_SEPARATORS: Final = " \t:,;.-–—)"


def without_reference(text: str, ref: Reference) -> str:
    """The reply without a reference it starts with: "#12: loopt goed" -> "loopt goed"."""
    if not ref.leading:
        return text.strip()
    return text[ref.end :].lstrip(_SEPARATORS).strip()


# --- Correction and undo ----------------------------------------------------------------------

CORRECTION_WORDS: Final = ("wijzig", "wijziging", "correctie", "corrigeer", "edit", "correct")
UNDO_PHRASES: Final = frozenset(
    {
        "ongedaan",
        "ongedaan maken",
        "maak ongedaan",
        "terugdraaien",
        "draai terug",
        "undo",
        "undo that",
        "undo last",
    }
)


def correction_text(text: str) -> str | None:
    """The new wording after a correction word ("wijzig: toch vertraagd"), else None."""
    stripped = text.strip()
    first = stripped.split(maxsplit=1)
    if not first:
        return None
    word = fold(first[0].rstrip(":,"))
    if word not in CORRECTION_WORDS:
        return None
    rest = stripped[len(first[0]) :]
    return rest.lstrip(_SEPARATORS).strip()


def is_undo(text: str) -> bool:
    return fold(text.strip(_EDGES)) in UNDO_PHRASES


# --- Deadline cues --------------------------------------------------------------------------

# A day or week named in a reply is often just when something happened ("overleg op 3
# december"); it reads as a new deadline only next to one of these words.
DEADLINE_CUES: Final = frozenset(
    {
        "verwacht",
        "verwachting",
        "verwachten",
        "deadline",
        "uitgesteld",
        "uitstel",
        "schuift",
        "schuiven",
        "verschuift",
        "verschoven",
        "doorgeschoven",
        "opgeschoven",
        "nieuwe",
        "wordt",
        "pas",
        "uiterlijk",
        "gereed",
        "klaar",
        "afgerond",
        "af",
        "opgeleverd",
        "oplevering",
        "lukt",
        "halen",
        "expected",
        "expect",
        "postponed",
        "moved",
        "pushed",
        "new",
        "ready",
        "done",
        "finished",
        "until",
        "by",
        "due",
    }
)


def has_deadline_cue(text: str) -> bool:
    return any(token in DEADLINE_CUES for token in tokens(text))


# --- A whole reply ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reading:
    """What a reply says about one action: a status, the words to keep, a new deadline, a
    KPI value ("stand 180")."""

    status: Status | None
    text: str
    deadline: Deadline | None
    kpi: KpiValue | None = None


_DIGIT: Final = re.compile(r"[0-9]")
_YEAR: Final = re.compile(r"\b[0-9]{4}\b|'[0-9]{2}\b")


def _surely_future(found: Deadline, today: date) -> bool:
    """Whether the phrase can only mean a moment still to come.

    A period ("eind maart", "Q2"), a relative day ("vrijdag", "morgen") or a day with its year
    can. A bare day and month ("20 november") is read as the next such day, yet in "afgerond op
    20 november" it is a day that has passed, so it is not counted as the future.
    """
    if found.due <= today:
        return False
    if found.precision is not Precision.DAY:
        return True
    return not _DIGIT.search(found.text) or _YEAR.search(found.text) is not None


def read_reply(text: str, today: date, current_due: date | None, lang: str = "nl") -> Reading:
    """Read a free-text reply about one action (its reference already removed).

    - Only a status word ("Afgerond!"): a status-only update, no text kept.
    - Status words set the status (see ``status_in``); "done" next to a deadline that is
      surely still to come ("eind maart klaar") is an expectation, not a status.
    - A deadline phrase that is new for the action, not in the past, and not a plain day or
      week without a cue word ("overleg op 3 december" is not a new deadline), is proposed.
      A closed action needs no new deadline.
    - Deadlines are read in ``lang`` too: an English speaker writes "end of March".
    - A KPI value ("stand 180", "180 van de 200") is read the way ``lang`` writes numbers;
      the words are kept as they are.
    """
    only = status_only(text)
    if only is not None:
        return Reading(only, "", None)
    kept = text.strip()
    status = status_in(kept)
    kpi = kpi_in(kept, lang)
    found = find_deadline(kept, today, lang)
    if found is None:
        return Reading(status, kept, None, kpi)
    if status is Status.DONE and _surely_future(found, today):
        status = None
    vague_day = found.precision in (Precision.DAY, Precision.WEEK) and not has_deadline_cue(kept)
    if found.due < today or found.due == current_due or vague_day:
        return Reading(status, kept, None, kpi)
    if status is not None and status.closed:
        return Reading(status, kept, None, kpi)
    return Reading(status, kept, found, kpi)
