"""Reading a chat reply: status words (with negation), action references, edit and undo words.

Pure functions on text, no database: the reply handlers decide what to do with what is found.
People write short, informal replies in Dutch or English ("nog niet afgerond, loopt achter",
"#12 done", "OW-03: on track"). The rules here are deliberately simple and predictable:

- A status phrase counts unless a negation or hedge stands shortly before it in the same
  clause ("nog niet afgerond", "geen vertraging", "not done", "bijna klaar"), or right after it
  in the Dutch "klaar is het nog niet" order. Commas, full stops and "maar"/"but" end a clause.
- A "done" word is an expectation, not a fact, after words like "zal", "verwacht", "will".
- Two different statuses in one reply ("klaar, maar vertraagd") are not guessed between.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Final

from words.deadlines.find import find_deadline
from words.deadlines.model import Deadline, Precision
from words.domain import Status, fold, parse_status

# Status phrases as folded word sequences; matched longest first, so "achter op schema"
# (delayed) is not read as "op schema" (on track).
STATUS_PHRASES: Final[dict[str, Status]] = {
    # done
    "afgerond": Status.DONE,
    "klaar": Status.DONE,
    "gereed": Status.DONE,
    "voltooid": Status.DONE,
    "opgeleverd": Status.DONE,
    "is af": Status.DONE,
    "zijn af": Status.DONE,
    "done": Status.DONE,
    "finished": Status.DONE,
    "completed": Status.DONE,
    # delayed
    "vertraagd": Status.DELAYED,
    "vertraging": Status.DELAYED,
    "loopt achter": Status.DELAYED,
    "lopen achter": Status.DELAYED,
    "achter op schema": Status.DELAYED,
    "loopt achter op schema": Status.DELAYED,
    "lopen achter op schema": Status.DELAYED,
    "achterstand": Status.DELAYED,
    "delayed": Status.DELAYED,
    "delay": Status.DELAYED,
    "behind schedule": Status.DELAYED,
    "running late": Status.DELAYED,
    # at risk
    "risico": Status.AT_RISK,
    "in gevaar": Status.AT_RISK,
    "at risk": Status.AT_RISK,
    # on track
    "op schema": Status.ON_TRACK,
    "loopt goed": Status.ON_TRACK,
    "gaat goed": Status.ON_TRACK,
    "op koers": Status.ON_TRACK,
    "volgens plan": Status.ON_TRACK,
    "on track": Status.ON_TRACK,
    "on schedule": Status.ON_TRACK,
    "going well": Status.ON_TRACK,
    "as planned": Status.ON_TRACK,
    "according to plan": Status.ON_TRACK,
}
_PHRASES: Final = sorted(
    ((tuple(phrase.split()), status) for phrase, status in STATUS_PHRASES.items()),
    key=lambda item: -len(item[0]),
)


def _by_first_word() -> dict[str, list[tuple[tuple[str, ...], Status]]]:
    found: dict[str, list[tuple[tuple[str, ...], Status]]] = {}
    for words, status in _PHRASES:
        found.setdefault(words[0], []).append((words, status))
    return found


# The phrases by their first word, longest first: a word that starts none costs one lookup.
_BY_FIRST: Final = _by_first_word()

# Words that deny or weaken the status phrase after them.
NEGATIONS: Final = frozenset(
    {"niet", "geen", "zonder", "nooit", "not", "no", "never", "without", "nor"}
)
HEDGES: Final = frozenset(
    {"bijna", "grotendeels", "deels", "half", "almost", "nearly", "mostly", "partly", "partially"}
)
# Before "done": the work is expected, not finished ("zal eind maart klaar zijn").
EXPECTATIONS: Final = frozenset(
    {
        "zal",
        "zullen",
        "wordt",
        "worden",
        "moet",
        "moeten",
        "verwacht",
        "verwachten",
        "hopelijk",
        "hopen",
        "zodra",
        "will",
        "should",
        "must",
        "expected",
        "expect",
        "hopefully",
        "hope",
        "once",
        "when",
        "until",
        "tot",
    }
)
# Words that start a new clause: a negation before them does not reach past them.
CLAUSE_WORDS: Final = frozenset({"maar", "en", "want", "omdat", "but", "and", "because", "so"})
# "klaar is het nog niet": Dutch may put the negation after the verb that follows the phrase.
_COPULAS: Final = frozenset({"is", "zijn", "ben", "was", "waren"})
_LOOK_BACK: Final = 3
_LOOK_AHEAD: Final = 4

_TOKEN: Final = re.compile(r"[a-z0-9]+|[.,;:!?()]")
_CONTRACTION: Final = re.compile(r"n['’]t\b")


def _tokens(text: str) -> list[str]:
    folded = _CONTRACTION.sub(" not", fold(text))
    return _TOKEN.findall(folded)


def _is_boundary(token: str) -> bool:
    return not token[0].isalnum() or token in CLAUSE_WORDS


def _denied_before(tokens: list[str], start: int, floor: int, status: Status) -> bool:
    weakening = NEGATIONS | HEDGES | (EXPECTATIONS if status is Status.DONE else frozenset())
    for token in reversed(tokens[max(floor, start - _LOOK_BACK) : start]):
        if _is_boundary(token):
            return False
        if token in weakening:
            return True
    return False


def _denied_after(tokens: list[str], end: int) -> bool:
    if end >= len(tokens) or tokens[end] not in _COPULAS:
        return False
    for token in tokens[end + 1 : end + _LOOK_AHEAD]:
        if _is_boundary(token):
            return False
        if token in NEGATIONS:
            return True
    return False


def _match_at(tokens: list[str], index: int) -> tuple[int, Status] | None:
    for words, status in _BY_FIRST.get(tokens[index], ()):
        if tuple(tokens[index : index + len(words)]) == words:
            return len(words), status
    return None


@dataclass(frozen=True, slots=True)
class StatusMention:
    status: Status
    denied: bool


def status_mentions(text: str) -> list[StatusMention]:
    """Every status phrase in ``text``, in order, each with whether it is denied."""
    tokens = _tokens(text)
    mentions: list[StatusMention] = []
    index, floor = 0, 0
    while index < len(tokens):
        found = _match_at(tokens, index)
        if found is None:
            index += 1
            continue
        length, status = found
        denied = _denied_before(tokens, index, floor, status) or _denied_after(
            tokens, index + length
        )
        mentions.append(StatusMention(status, denied))
        index += length
        floor = index  # a negation never reaches back past an earlier status phrase
    return mentions


def status_in(text: str) -> Status | None:
    """The one status the text states, or None (none stated, only denied, or conflicting)."""
    stated = {m.status for m in status_mentions(text) if not m.denied}
    return stated.pop() if len(stated) == 1 else None


_EDGES: Final = " \t\r\n.,;:!?-–—()[]\"'“”‘’*_"


def status_only(text: str) -> Status | None:
    """The status when the text is nothing but a status word ("Afgerond!", "on track.")."""
    bare = fold(text.strip(_EDGES))
    if not bare:
        return None
    named = STATUS_PHRASES.get(bare)
    return named if named is not None else parse_status(bare)


# --- Action references ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reference:
    """An action named in a reply: by number ("#12", "12:", "actie 12") or a possible key."""

    text: str  # as written, without "#"
    number: int | None
    start: int
    end: int

    @property
    def leading(self) -> bool:
        return self.start == 0


# Numbers in ASCII digits only: "\d" would read "#١٢" (Arabic-Indic digits) as action 12.
_HASH: Final = re.compile(r"#\s?([0-9]{1,6})\b")
_LEAD_NUMBER: Final = re.compile(r"^\s*([0-9]{1,6})\s*[:)]")
_WORD_NUMBER: Final = re.compile(
    r"\b(?:actie|action|nummer|number|nr)\.?\s*#?\s?([0-9]{1,6})\b", re.IGNORECASE
)
# Action keys are letters, then an optional hyphen or dot, then digits ("OW-01", "BER4").
# Whether one really is a key is for the register to say.
_KEY: Final = re.compile(r"(?<![\w#-])([A-Za-z]{1,10}[-.]?[0-9]{1,4})(?![\w-])")
_SEPARATORS: Final = " \t:,;.-–—)"


def references(text: str) -> list[Reference]:
    """The action references in ``text``, in order of appearance, each span once."""
    found: list[Reference] = []
    for pattern in (_HASH, _LEAD_NUMBER, _WORD_NUMBER):
        for match in pattern.finditer(text):
            found.append(Reference(match.group(1), int(match.group(1)), *_span(match, text)))
    for match in _KEY.finditer(text):
        found.append(Reference(match.group(1), None, *_span(match, text)))
    found.sort(key=lambda ref: ref.start)
    unique: list[Reference] = []
    for ref in found:
        if not any(ref.start < other.end and other.start < ref.end for other in unique):
            unique.append(ref)
    return unique


def _span(match: re.Match[str], text: str) -> tuple[int, int]:
    # Leading whitespace belongs to nobody: "  #12 klaar" still starts with its reference.
    start = match.start()
    while start < len(text) and text[start].isspace():
        start += 1
    return (0 if not text[:start].strip() else start), match.end()


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
    return any(token in DEADLINE_CUES for token in _tokens(text))


# --- A whole reply ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reading:
    """What a reply says about one action: a status, the words to keep, a new deadline."""

    status: Status | None
    text: str
    deadline: Deadline | None


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


def read_reply(text: str, today: date, current_due: date | None) -> Reading:
    """Read a free-text reply about one action (its reference already removed).

    - Only a status word ("Afgerond!"): a status-only update, no text kept.
    - Status words set the status (see ``status_in``); "done" next to a deadline that is
      surely still to come ("eind maart klaar") is an expectation, not a status.
    - A deadline phrase that is new for the action, not in the past, and not a plain day or
      week without a cue word ("overleg op 3 december" is not a new deadline), is proposed.
      A closed action needs no new deadline.
    """
    only = status_only(text)
    if only is not None:
        return Reading(only, "", None)
    kept = text.strip()
    status = status_in(kept)
    found = find_deadline(kept, today)
    if found is None:
        return Reading(status, kept, None)
    if status is Status.DONE and _surely_future(found, today):
        status = None
    vague_day = found.precision in (Precision.DAY, Precision.WEEK) and not has_deadline_cue(kept)
    if found.due < today or found.due == current_due or vague_day:
        return Reading(status, kept, None)
    if status is not None and status.closed:
        return Reading(status, kept, None)
    return Reading(status, kept, found)
