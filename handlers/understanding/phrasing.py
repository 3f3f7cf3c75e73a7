"""The words of a text as the classifier reads them, and the other ways people say a command.

Pure functions on text: a text's words folded (accents, case, "m'n"), the words that change
nothing about which command is meant ("graag", "please"), whole phrasings of a command
("wat moet ik doen?") and the short questions that ask for a list ("welke acties lopen
achter?").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from typing import Final

from rapidfuzz.distance import OSA

from words.domain import fold
from words.references import REFERENCE_START

MIN_LENGTH: Final = 4  # shorter words are too easily another word ("ok", "top", "dag")

# --- Words ----------------------------------------------------------------------------------

EDGES: Final = " \t\r\n.,;:!?¡¿…-–—()[]{}\"'“”‘’*_~`<>"
_SHORTCODE: Final = re.compile(r":[a-z0-9_+'-]+:", re.IGNORECASE)  # Slack's ":+1:"
_WORD: Final = re.compile(r"\S+")
_APOSTROPHES: Final = str.maketrans("", "", "'’`")
# Spellings of one word: "m'n acties", "mn acties".
_SAME: Final = {"mn": "mijn", "whats": "what is", "hows": "how is", "wats": "wat is"}
# No reading here looks further than this many words: a longer text is no command with a
# typo, no small talk and no question a command answers.
MOST_WORDS: Final = 12


@dataclass(frozen=True, slots=True)
class Word:
    folded: str
    start: int  # where it starts in the text, so the words after a command keep their form
    colon: bool = False  # "wijzg: …": written as a command is, with a colon after it


def words_of(text: str) -> list[Word]:
    """The text's words, folded; no more than one past the most any reading here looks at,
    so a long text costs no more than a short one."""
    found: list[Word] = []
    for match in _WORD.finditer(_SHORTCODE.sub(lambda m: " " * len(m.group()), text)):
        if len(found) > MOST_WORDS:
            break
        raw = match.group().strip(EDGES)
        if not any(c.isalnum() for c in raw):
            continue  # an emoji or punctuation
        folded = fold(raw.translate(_APOSTROPHES)).replace(" ", "-")
        colon = match.group().rstrip().endswith(":")
        found.extend(Word(part, match.start(), colon) for part in _SAME.get(folded, folded).split())
    return found


# Words that change nothing about which command is meant ("mijn acties graag", "hoi, help").
FILLERS: Final = frozenset(
    {
        "graag",
        "even",
        "alsjeblieft",
        "alstublieft",
        "aub",
        "svp",
        "nu",
        "eens",
        "nog",
        "allemaal",
        "bot",
        "voortgang",
        "hoi",
        "hallo",
        "hey",
        "please",
        "pls",
        "plz",
        "hi",
        "hello",
        "now",
    }
)
# Asking to be shown something, before the thing ("toon mijn acties", "show my actions") or,
# in Dutch, around it ("laat mijn acties zien").
_SHOW_BEFORE: Final = frozenset({"toon", "laat", "geef", "show", "list", "give", "display", "get"})
_SHOW_AFTER: Final = frozenset({"zien", "tonen", "please"})
ME: Final = frozenset({"me", "mij"})


def essential(words: list[Word]) -> list[Word]:
    """The words that say which command is meant: fillers and "show me" left out."""
    kept = [w for w in words if w.folded not in FILLERS]
    if len(kept) > 1 and kept[0].folded in _SHOW_BEFORE:
        kept = kept[1:]
        if len(kept) > 1 and kept[0].folded in ME:
            kept = kept[1:]
    if len(kept) > 1 and kept[-1].folded in _SHOW_AFTER:
        kept = kept[:-1]
    return kept


# --- Questions and other ways of saying a command ----------------------------------------------

# Whole texts (folded words, fillers left out) that mean a command: its canonical line.
VARIANTS: Final[dict[str, str]] = {
    "mijn actie": "mijn acties",
    "mijn actiepunten": "mijn acties",
    "mijn taken": "mijn acties",
    "wat moet ik doen": "mijn acties",
    "wat moet ik nog doen": "mijn acties",
    "wat staat er open": "mijn acties",
    "wat heb ik openstaan": "mijn acties",
    "welke acties heb ik": "mijn acties",
    "my action": "mijn acties",
    "my tasks": "mijn acties",
    "my todo": "mijn acties",
    "what do i have to do": "mijn acties",
    "what do i need to do": "mijn acties",
    "what should i do": "mijn acties",
    "which actions do i have": "mijn acties",
    "wat is te laat": "te laat",
    "wat is verlopen": "te laat",
    "verlopen acties": "te laat",
    "te late acties": "te laat",
    "achterstallige acties": "te laat",
    "overdue actions": "te laat",
    "late actions": "te laat",
    "what is late": "te laat",
    "alle acties": "acties",
    "all actions": "acties",
    "welke acties zijn er": "acties",
    "wat voor acties zijn er": "acties",
    "what actions are there": "acties",
    "which actions are there": "acties",
    "commandos": "help",
    "opdrachten": "help",
    "commands": "help",
    "help me": "help",
    "hulp nodig": "help",
}

_ASKING: Final = frozenset(
    {"wat", "welke", "welk", "waar", "hoeveel", "toon", "what", "which", "where", "show", "list"}
)
_MINE: Final = frozenset({"mijn", "my"})
# "welke acties heb ik?", "… zijn van mij?", "which actions are mine?"
_ME_ASKING: Final = frozenset({"ik", "mij", "i", "me", "mine"})
_ACTIONS: Final = frozenset(
    {"actie", "acties", "actiepunten", "taken", "action", "actions", "tasks", "todos"}
)
_LATE: Final[tuple[tuple[str, ...], ...]] = (
    ("te", "laat"),
    ("overdue",),
    ("achter",),
    ("verlopen",),
    ("late",),
)
_QUESTION_WORDS: Final = 8  # a longer question is not a plain request for a list


def _action_word(word: str) -> str:
    """The word for actions a word is with one slip ("actes", "actoins"), else the word."""
    if len(word) <= MIN_LENGTH or word in _ACTIONS:  # "taak" is no slip of "taken"
        return word
    for name in _ACTIONS:
        if OSA.distance(word, name, score_cutoff=1) <= 1:
            return name
    return word


def asked_for(words: list[str]) -> str | None:
    """The command a short question or request asks for ("wat zijn mijn acties?", "welke
    acties lopen achter?", "what is overdue?"): it starts with a question word and names
    one thing a command shows. Only two lists are asked this way; other questions are not
    guessed at."""
    if not 2 <= len(words) <= _QUESTION_WORDS or words[0] not in _ASKING:
        return None
    if any(any(c.isdigit() for c in word) for word in words):
        return None  # "wat moet ik met actie 8?" is about one action, not a list
    words = [_action_word(word) for word in words]
    pairs = set(pairwise(words))
    about_actions = any(word in _ACTIONS for word in words)
    if any(first in _MINE and second in _ACTIONS for first, second in pairs) or (
        about_actions and any(word in _ME_ASKING for word in words)
    ):
        return "mijn acties"
    if any(tuple(words[i : i + len(late)]) == late for late in _LATE for i in range(len(words))):
        return "te laat"
    return None


# "wat is de status van OW-03?", "hoe staat het met actie 8?", "status of BER-01?",
# "details van #8": a question about one action is answered by 'actie <n>'.
_ABOUT_ONE: Final = re.compile(
    r"^(?:(?:wat|hoe|what|how) (?:is|zijn|staat|staan|are|about) )?(?:het |de |the )?"
    r"(?:(?:laatste |huidige |current |latest )?(?:status|stand|stand van zaken|details?"
    r"|geschiedenis|historie|history|voortgang|progress)(?: (?:van|bij|of|on))?"
    r"|het met|it with|with) (?:(?:de |the )?(?:actie|action) )?(?P<ref>\S+(?: [0-9]+)?)$",
    re.IGNORECASE,
)


def about_one_action(text: str) -> str | None:
    """'actie <ref>' for a question about one named action, else None."""
    found = _ABOUT_ONE.match(" ".join(trimmed(text).split()))
    if found is None:
        return None
    ref = found["ref"]
    start = REFERENCE_START.match(ref)
    return f"actie {ref}" if start is not None and start.end() == len(ref) else None


def trimmed(text: str) -> str:
    """The text without the punctuation and emoji codes around it ("help!" -> "help")."""
    return _SHORTCODE.sub("", text).strip(EDGES)
