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

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Final

from rapidfuzz.distance import OSA

from handlers.replies.textparse import status_in
from handlers.understanding.phrasing import (
    EDGES,
    FILLERS,
    ME,
    MIN_LENGTH,
    MOST_WORDS,
    VARIANTS,
    Word,
    about_one_action,
    asked_for,
    essential,
    trimmed,
    words_of,
)
from handlers.understanding.smalltalk import Talk, small_talk
from words.domain import fold
from words.references import REFERENCE_START


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


# --- Typos ------------------------------------------------------------------------------------

_LONG_NAME: Final = 8
_SURE_REST: Final = 3  # a sure typo has at most this many words after the command
# This many words (besides fillers) after a command that takes none make a sentence, and
# one more after a command that shows something for the words after it.
_SENTENCE: Final = 2
_HINT_WORDS: Final = 2  # a longer text not understood gets no command as a hint


def _forgiven(squeezed: str) -> int:
    """How many slips a name forgives: none below four letters, one below eight, else two."""
    if len(squeezed) < MIN_LENGTH:
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
            for size in range(max(count - 1, 1), min(count + 1, len(words)) + 1):
                head = "".join(words[:size])
                if len(head) < MIN_LENGTH:
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
    rest: list[Word], text: str, command: CommandWords
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


def _guess(near: _Near, words: list[Word], text: str, vocabulary: Vocabulary) -> _Guess | None:
    """The command line a near name makes of the text, or None when the rest does not fit."""
    command, accepts = vocabulary.commands[near.group], vocabulary.accepts
    rest = words[near.size :]
    if command.args is Args.NONE:
        # "hlep mij" is help; "te laat aangeleverd door de provincie" is a sentence.
        return _Guess(near.name, near.distance, not rest, len(rest)) if len(rest) <= 2 else None
    line = f"{near.name} {text[rest[0].start :].strip() if rest else ''}".strip()
    if command.args is Args.REFERENCE:
        # The key grammar the chat and the importer share: "OW 5", "H-b", "#12".
        fits = not rest or REFERENCE_START.match(text[rest[0].start :]) is not None
        return _Guess(line, near.distance, True, len(rest)) if fits and accepts(line) else None
    if command.showing and len(rest) > _SENTENCE:
        return None  # "letter from the province received" is a sentence, not "letters …"
    if vocabulary.accepts(line):
        return _Guess(line, near.distance, not rest, len(rest))
    mended = _corrected_sub(rest, text, command) if command.subwords else None
    if mended is None or not vocabulary.accepts(f"{near.name} {mended[0]}"):
        return None
    return _Guess(f"{near.name} {mended[0]}", near.distance + mended[1], mended[2], len(rest))


# --- The verdict ------------------------------------------------------------------------------


def classify(text: str, vocabulary: Vocabulary) -> Verdict:
    """What ``text`` is (see the module's description). Corrections and undo are the reply
    handlers' to read; an empty text is TEXT."""
    stripped = text.strip()
    question = trimmed(stripped) != "" and stripped.rstrip(" !.)").endswith("?")
    exact = _asked_or_typed(stripped, question, vocabulary)
    if exact is not None:
        return exact
    words = words_of(stripped)
    if not words and "?" in stripped and vocabulary.accepts("?"):
        return Verdict(Kind.COMMAND, "?")  # "??": help
    talk = small_talk([w.folded for w in words]) if stripped else None
    if talk is not None:
        return Verdict(Kind.TALK, talk=talk, question=question)
    meaning = essential(words)
    if not meaning:
        return Verdict(Kind.TEXT, question=question)
    said = _said_otherwise(stripped, meaning, vocabulary)
    if said is not None:
        return Verdict(Kind.COMMAND, said, question=question)
    return _typo(meaning, stripped, vocabulary, question)


def _said_otherwise(text: str, meaning: list[Word], vocabulary: Vocabulary) -> str | None:
    """The command line meant by words around it ("hoi, mijn acties graag") or by another way
    of saying it ("wat zijn mijn acties?", "what is overdue?")."""
    exact = _as_typed(text[meaning[0].start :], vocabulary)
    if exact is not None:
        return exact.line
    one = about_one_action(text)
    if one is not None and vocabulary.accepts(one):
        return one
    plain = [w.folded for w in meaning]
    meant = VARIANTS.get(" ".join(plain)) or asked_for(plain)
    return meant if meant is not None and vocabulary.accepts(meant) else None


def _asked_or_typed(text: str, question: bool, vocabulary: Vocabulary) -> Verdict | None:
    """A question about one action ("status van 8?" shows action 8, it sets no status), else
    the command as typed."""
    one = about_one_action(text) if question else None
    if one is not None and vocabulary.accepts(one):
        return Verdict(Kind.COMMAND, one, question=question)
    return _as_typed(text, vocabulary)


def _as_typed(text: str, vocabulary: Vocabulary) -> Verdict | None:
    """The command ``text`` is as typed, or without the punctuation around it ("help!")."""
    for line in dict.fromkeys((text.strip(), trimmed(text))):
        if line and vocabulary.accepts(line):
            return Verdict(Kind.COMMAND, line, loose=_loose(line, vocabulary))
    return None


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
                return bool(rest) and not REFERENCE_START.match(" ".join(rest))
            said = [w for w in rest if fold(w.strip(EDGES)) not in FILLERS | ME]
            if command.args is Args.NONE:
                return len(said) >= _SENTENCE
            return command.showing and len(said) > _SENTENCE
    return False


def _typo(words: list[Word], text: str, vocabulary: Vocabulary, question: bool) -> Verdict:
    """A command with a slip in it: sure, asked about, or only the closest for a hint."""
    if len(words) > MOST_WORDS:
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
