"""What a text someone sends is, read from the text alone: a command (sure, or a guess to ask
about), small talk, or other text (an update, or something not understood).

Pure functions, no database: this runs on every message. The command words come from the
command table (``handlers.dispatch``), handed in as a ``Vocabulary``, so a command added there
is recognised here, typos and all. Precision over recall: a typo runs a command only when
that command merely shows something, the typo is one slip, and no other command is nearly
as close; anything less certain is asked ("Bedoelde je ‘acties’?"). Whether the person may
run it is for the command itself, exactly as when it is typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from itertools import pairwise
from typing import Final

from rapidfuzz.distance import OSA

from handlers.replies.textparse import status_in
from handlers.understanding.smalltalk import Talk, small_talk
from words.domain import fold


class Kind(Enum):
    COMMAND = "command"  # run ``line``
    SUGGEST = "suggest"  # ask "did you mean ``line``?"
    TALK = "talk"  # small talk of the kind ``talk``
    TEXT = "text"  # anything else; ``line`` is the closest command, if any


class Args(Enum):
    """What may follow a command's words."""

    NONE = "none"  # nothing ("mijn acties")
    REFERENCE = "reference"  # an action first ("actie 12", "update OW-03 klaar")
    FREE = "free"  # any words ("overzicht omgevingswet", "wijzig toch vertraagd")


@dataclass(frozen=True, slots=True)
class CommandWords:
    """One line of the command table as words: its names, and how far a typo of it may go."""

    names: tuple[str, ...]
    showing: bool  # it only shows something: a sure typo of it runs without asking
    args: Args
    # Words one of which must follow ("brief definitief"); a typo in them is asked about too.
    subwords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Vocabulary:
    commands: tuple[CommandWords, ...]
    # Whether a line, typed as it is, is a command of the table (with its own rules: "update"
    # needs a reference, "Brief aan de raden is verstuurd" is no brief command).
    accepts: Callable[[str], bool]


@dataclass(frozen=True, slots=True)
class Verdict:
    kind: Kind
    line: str = ""  # COMMAND: the line to run; SUGGEST: the line offered; TEXT: closest or ""
    talk: Talk | None = None
    question: bool = False  # the text asks something ("…?")
    # SUGGEST: the text is nothing but command words (and a reference), a command attempt
    # even where an answer to a question is expected.
    shaped: bool = False
    # COMMAND: a command by its first words only, followed by a sentence ("mijn acties zijn
    # bijgewerkt", "Overzich gemaakt"): where a question waits, it is the answer.
    loose: bool = False


# --- Words ----------------------------------------------------------------------------------

_EDGES: Final = " \t\r\n.,;:!?¡¿…-–—()[]{}\"'“”‘’*_~`<>"
_SHORTCODE: Final = re.compile(r":[a-z0-9_+'-]+:", re.IGNORECASE)  # Slack's ":+1:"
_WORD: Final = re.compile(r"\S+")
_APOSTROPHES: Final = str.maketrans("", "", "'’`")
# Spellings of one word: "m'n acties", "mn acties".
_SAME: Final = {"mn": "mijn", "whats": "what is", "hows": "how is", "wats": "wat is"}
# No reading here looks further than this many words: a longer text is no command with a
# typo, no small talk and no question a command answers.
_MOST_WORDS: Final = 12
_REFERENCE: Final = re.compile(r"^#?[0-9]+$|^[a-z]{1,10}[-.]?[0-9]+$")


@dataclass(frozen=True, slots=True)
class _Word:
    folded: str
    start: int  # where it starts in the text, so the words after a command keep their form
    colon: bool = False  # "wijzg: …": written as a command is, with a colon after it


def _words(text: str) -> list[_Word]:
    """The text's words, folded; no more than one past the most any reading here looks at,
    so a long text costs no more than a short one."""
    found: list[_Word] = []
    for match in _WORD.finditer(_SHORTCODE.sub(lambda m: " " * len(m.group()), text)):
        if len(found) > _MOST_WORDS:
            break
        raw = match.group().strip(_EDGES)
        if not any(c.isalnum() for c in raw):
            continue  # an emoji or punctuation
        folded = fold(raw.translate(_APOSTROPHES)).replace(" ", "-")
        colon = match.group().rstrip().endswith(":")
        found.extend(
            _Word(part, match.start(), colon) for part in _SAME.get(folded, folded).split()
        )
    return found


# Words that change nothing about which command is meant ("mijn acties graag", "hoi, help").
_FILLERS: Final = frozenset(
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
_ME: Final = frozenset({"me", "mij"})


def _essential(words: list[_Word]) -> list[_Word]:
    """The words that say which command is meant: fillers and "show me" left out."""
    kept = [w for w in words if w.folded not in _FILLERS]
    if len(kept) > 1 and kept[0].folded in _SHOW_BEFORE:
        kept = kept[1:]
        if len(kept) > 1 and kept[0].folded in _ME:
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
    if len(word) <= _MIN_LENGTH or word in _ACTIONS:  # "taak" is no slip of "taken"
        return word
    for name in _ACTIONS:
        if OSA.distance(word, name, score_cutoff=1) <= 1:
            return name
    return word


def _asked_for(words: list[str]) -> str | None:
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


# --- Typos ------------------------------------------------------------------------------------

_MIN_LENGTH: Final = 4  # shorter words are too easily another word ("ok", "top", "dag")
_LONG_NAME: Final = 8
_SURE_REST: Final = 3  # a sure typo has at most this many words after the command
_HINT_WORDS: Final = 2  # a longer text not understood gets no command as a hint


def _forgiven(squeezed: str) -> int:
    """How many slips a name forgives: none below four letters, one below eight, else two."""
    if len(squeezed) < _MIN_LENGTH:
        return 0
    return 1 if len(squeezed) < _LONG_NAME else 2


@dataclass(frozen=True, slots=True)
class _Near:
    distance: int
    group: int
    name: str
    size: int  # how many of the text's words it covers
    forgiven: int  # the slips its name forgives: further off, it only counts as a rival


def _near(words: list[str], vocabulary: Vocabulary) -> list[_Near]:
    """Per command, its name nearest to the start of ``words``, nearest first: those within
    the slips they forgive, and those one slip further, which make a guess less sure."""
    best: dict[int, _Near] = {}
    for group, command in enumerate(vocabulary.commands):
        for name in command.names:
            squeezed = name.replace(" ", "")
            forgiven = _forgiven(squeezed)
            if forgiven == 0:
                continue
            count = len(name.split())
            for size in {count - 1, count, count + 1} & set(range(1, len(words) + 1)):
                head = "".join(words[:size])
                if len(head) < _MIN_LENGTH:
                    continue
                # The shorter of the two decides: "gedaan" is two slips from "ongedaan", too
                # many for a word of six letters.
                allowed = min(forgiven, _forgiven(head))
                distance = OSA.distance(head, squeezed, score_cutoff=allowed + 1)
                if distance > allowed + 1:
                    continue
                slips = distance + (size != count and distance > 0)
                near = _Near(slips, group, name, size, allowed)
                if group not in best or near.distance < best[group].distance:
                    best[group] = near
    return sorted(best.values(), key=lambda n: (n.distance, n.group))


def _corrected_sub(
    rest: list[_Word], text: str, command: CommandWords
) -> tuple[str, int, bool] | None:
    """The words after a command with its subword's typo mended ("defintief" ->
    "definitief"; the subword may come second, after a programme key), the slips mended, and
    whether nothing else followed."""
    for index, word in enumerate(rest[:2]):
        for sub in command.subwords:
            forgiven = min(_forgiven(sub), _forgiven(word.folded))
            if forgiven == 0:
                continue
            distance = OSA.distance(word.folded, sub, score_cutoff=forgiven)
            if distance <= forgiven:
                end = rest[index + 1].start if index + 1 < len(rest) else len(text)
                before = text[rest[0].start : word.start]
                after = text[end:].strip()
                mended = f"{before}{sub} {after}".strip()
                return mended, distance, len(rest) == 1
    return None


@dataclass(frozen=True, slots=True)
class _Guess:
    line: str
    distance: int
    shaped: bool
    rest: int  # words after the command


def _guess(near: _Near, words: list[_Word], text: str, vocabulary: Vocabulary) -> _Guess | None:
    """The command line a near name makes of the text, or None when the rest does not fit."""
    command = vocabulary.commands[near.group]
    rest = words[near.size :]
    if command.args is Args.NONE:
        # "hlep mij" is help; "te laat aangeleverd door de provincie" is a sentence.
        return _Guess(near.name, near.distance, not rest, len(rest)) if len(rest) <= 2 else None
    line = f"{near.name} {text[rest[0].start :].strip() if rest else ''}".strip()
    if command.args is Args.REFERENCE:
        if rest and not _REFERENCE.match(rest[0].folded.lstrip("#")):
            return None
        return _Guess(line, near.distance, True, len(rest)) if vocabulary.accepts(line) else None
    if vocabulary.accepts(line):
        return _Guess(line, near.distance, not rest, len(rest))
    mended = _corrected_sub(rest, text, command) if command.subwords else None
    if mended is None or not vocabulary.accepts(f"{near.name} {mended[0]}"):
        return None
    return _Guess(f"{near.name} {mended[0]}", near.distance + mended[1], mended[2], len(rest))


# --- The verdict ------------------------------------------------------------------------------


def _trimmed(text: str) -> str:
    return _SHORTCODE.sub("", text).strip(_EDGES)


def classify(text: str, vocabulary: Vocabulary) -> Verdict:
    """What ``text`` is (see the module's description). Corrections and undo are the reply
    handlers' to read; an empty text is TEXT."""
    stripped = text.strip()
    question = _trimmed(stripped) != "" and stripped.rstrip(" !.)").endswith("?")
    exact = _as_typed(stripped, vocabulary)
    if exact is not None:
        return exact
    words = _words(stripped)
    if not words and "?" in stripped and vocabulary.accepts("?"):
        return Verdict(Kind.COMMAND, "?")  # "??": help
    talk = small_talk([w.folded for w in words]) if stripped else None
    if talk is not None:
        return Verdict(Kind.TALK, talk=talk, question=question)
    essential = _essential(words)
    if not essential:
        return Verdict(Kind.TEXT, question=question)
    said = _said_otherwise(stripped, essential, vocabulary)
    if said is not None:
        return Verdict(Kind.COMMAND, said, question=question)
    return _typo(essential, stripped, vocabulary, question)


def _said_otherwise(text: str, essential: list[_Word], vocabulary: Vocabulary) -> str | None:
    """The command line meant by words around it ("hoi, mijn acties graag") or by another way
    of saying it ("wat zijn mijn acties?", "what is overdue?")."""
    exact = _as_typed(text[essential[0].start :], vocabulary)
    if exact is not None:
        return exact.line
    plain = [w.folded for w in essential]
    meant = VARIANTS.get(" ".join(plain)) or _asked_for(plain)
    return meant if meant is not None and vocabulary.accepts(meant) else None


def _as_typed(text: str, vocabulary: Vocabulary) -> Verdict | None:
    """The command ``text`` is as typed, or without the punctuation around it ("help!")."""
    for line in dict.fromkeys((text.strip(), _trimmed(text))):
        if line and vocabulary.accepts(line):
            return Verdict(Kind.COMMAND, line, loose=_loose(line, vocabulary))
    return None


# This many words (besides fillers) after a command that takes none make a sentence, and
# one more after a command that shows something for the words after it.
_SENTENCE: Final = 2


def _loose(line: str, vocabulary: Vocabulary) -> bool:
    """Whether a command line is a command by its first words only: one that takes no words
    or only shows something, followed by a sentence; or one that names an action, followed
    by none ("deadline gehaald")."""
    words = line.split()
    for command in vocabulary.commands:  # longest names first, as the table is
        for name in command.names:
            size = len(name.split())
            if fold(" ".join(words[:size])).rstrip(":") != name:
                continue
            rest = words[size:]
            if command.args is Args.REFERENCE:
                return bool(rest) and not _REFERENCE.match(fold(rest[0]).lstrip("#"))
            said = [w for w in rest if fold(w.strip(_EDGES)) not in _FILLERS | _ME]
            if command.args is Args.NONE:
                return len(said) >= _SENTENCE
            return command.showing and len(said) > _SENTENCE
    return False


def _typo(words: list[_Word], text: str, vocabulary: Vocabulary, question: bool) -> Verdict:
    """A command with a slip in it: sure, asked about, or only the closest for a hint."""
    if len(words) > _MOST_WORDS:
        return Verdict(Kind.TEXT, question=question)
    nearest = _near([w.folded for w in words], vocabulary)
    stated = status_in(text) is not None
    for rank, near in enumerate(nearest):
        if near.distance > near.forgiven:
            continue
        guess = _guess(near, words, text, vocabulary)
        if guess is None or (stated and not (guess.shaped or words[near.size - 1].colon)):
            continue  # "actief, loopt goed" is an update, not "actie"
        others = [n.distance for n in nearest[:rank] + nearest[rank + 1 :]]
        command = vocabulary.commands[near.group]
        sure = (
            command.showing
            and guess.distance <= 1
            # "hele week ziek" is no "help": a command without words after it is sure alone
            and guess.rest <= (0 if command.args is Args.NONE else _SURE_REST)
            and all(other >= guess.distance + 2 for other in others)
        )
        kind = Kind.COMMAND if sure else Kind.SUGGEST
        shaped = guess.shaped or words[near.size - 1].colon
        return Verdict(
            kind, guess.line, question=question, shaped=shaped, loose=guess.rest > 0 and sure
        )
    # A hint for a short text not understood: a name that runs as it is ("status" alone does
    # not); a sentence ("Better than expected") gets none.
    hints = [
        n.name
        for n in nearest
        if n.distance <= n.forgiven and len(words) <= _HINT_WORDS and vocabulary.accepts(n.name)
    ]
    return Verdict(Kind.TEXT, hints[0] if hints else "", question=question)
