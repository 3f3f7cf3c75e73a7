"""Finding the deadline inside a longer text (a reply, a row of a programme file)."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator
from datetime import date
from typing import Final

from words.deadlines.english import (
    ENGLISH_END_WORDS,
    ENGLISH_MONTHS,
    ENGLISH_SEASONS,
    ENGLISH_WORDS,
)
from words.deadlines.model import Deadline
from words.deadlines.normalise import EDGE_END, EDGE_START, SEPARATORS, normalise
from words.deadlines.parse import read_normalised
from words.deadlines.reckoning import ReadingError
from words.deadlines.vocabulary import (
    DAY_OFFSETS,
    DAY_WORDS,
    FULL_DAYS,
    HALF_ORDINALS,
    MODIFIERS,
    MONTH_ABBREVIATIONS,
    MONTH_WORDS,
    QUARTER_ORDINALS,
    RELATIVE_OFFSETS,
    SEASON_ENDS,
    UNITS,
    alternatives,
)

_WORD: Final = re.compile(r"\S+")
_MAX_PHRASE_WORDS: Final = 8  # "uiterlijk voor het einde van het jaar" has seven
_TRIM_START: Final = '([{"“'
_TRIM_END: Final = ".,;:!?)]}\"'”’"
_BARE_YEAR: Final = re.compile(r"[0-9]{4}", re.ASCII)
_BARE_YEAR_WINDOW: Final = (-5, 30)  # years around today that a lone number may name
# Limits per text. A realistic reply looks at a phrase for one word in five and reads a few
# dozen different ones; a pasted table of numbers or dates, where every word may start and
# end a deadline, would otherwise look at eight phrases a word and read thousands.
_MAX_LOOKS: Final = 100_000
_MAX_TRIES: Final = 2_000


# English month names that are ordinary words too ("we may finish", "a march"): in running
# text they name a month only when capitalised, or when the phrase has its year.
_LOWER_VERB_MONTH: Final = re.compile(r"(?<![A-Za-z])(?:may|march|mar)(?![A-Za-z])")
_HAS_YEAR: Final = re.compile(r"(?<![0-9])(?:[0-9]{4}|'[0-9]{2})(?![0-9])")
# A lone day and month in digits is as often a fraction, a score or a range ("3/4", "15.3").
_SHORT_NUMERIC_DAY: Final = re.compile(r"[0-9]{1,2}[-/.][0-9]{1,2}", re.ASCII)
# Alone, these English words are more often a name ("April", "June"), a verb ("may") or an
# everyday word ("spring", "fall", "sun") than a deadline.
_WEAK_ENGLISH: Final = (
    ENGLISH_MONTHS.keys() - {"january", "february", "september", "october", "november"}
    | ENGLISH_SEASONS.keys()
    | {"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"}
)


def _is_weak(phrase: str, today: date, lang: str = "nl") -> bool:
    """Phrases that, inside a sentence, are more often something else than a deadline."""
    if lang == "en" and _LOWER_VERB_MONTH.search(phrase) and not _HAS_YEAR.search(phrase):
        return True
    if " " in phrase:
        return False
    word = normalise(phrase)
    # "Jan belt morgen": a lone "jan" is a name; "2000 euro": a lone number is an amount,
    # unless it is a year close to today.
    if word in MONTH_ABBREVIATIONS or (lang == "en" and word in _WEAK_ENGLISH):
        return True
    if _SHORT_NUMERIC_DAY.fullmatch(word):
        return True
    if _BARE_YEAR.fullmatch(word):
        low, high = _BARE_YEAR_WINDOW
        return not today.year + low <= int(word) <= today.year + high
    return False


def _attempt(phrase: str, today: date, lang: str) -> Deadline | None:
    """``parse_deadline`` without the error: a sentence has many phrases that are no deadline,
    and wording the reason for each would cost more than reading them."""
    stripped = phrase.strip()
    if not stripped:
        return None
    try:
        due, precision = read_normalised(normalise(stripped), today, lang)
    except ReadingError:
        return None
    return Deadline(due=due, precision=precision, text=stripped)


# --- Where in a text a deadline can be ---------------------------------------------------------
#
# Trying every phrase of up to eight words costs eight readings per word: seconds for a long
# text. Every reader's grammar starts with one of a few words (or a number) and ends with one
# of a few others, so only the phrases between such words are read. The sets below err on the
# generous side: a word wrongly let through costs one reading, a word wrongly kept out would
# lose a deadline.

# Words a normalised phrase can start with; numbers, "'25", "q3" and "h2" come on top. The
# filler normalise drops counts too: "uiterlijk 1 oktober" is longer than "1 oktober".
_DUTCH_START_WORDS: Final = frozenset(
    {"uiterlijk", "deadline", "op", "per", "t/m", "tot", "voor", "na", "over", "binnen", "in"}
    | {"het", "de", "komende", "aanstaande", "week", "wk"}
    | DAY_WORDS
    | MONTH_WORDS
    | DAY_OFFSETS.keys()
    | MODIFIERS.keys()
    | RELATIVE_OFFSETS.keys()
    | QUARTER_ORDINALS.keys()
    | HALF_ORDINALS.keys()
    | SEASON_ENDS.keys()
    | {"ultimo", "primo", "tegen", "gedurende", "rond", "bij", "met", "kerst", "jaarwisseling"}
    | {"oud"}
)
# A Dutch reader reads English only as a full date ("March 31, 2025"): its month names start
# a phrase, and it ends with a number. An English reader has the whole English vocabulary.
_START_WORDS: Final = {
    "nl": _DUTCH_START_WORDS | ENGLISH_MONTHS.keys(),
    "en": _DUTCH_START_WORDS | ENGLISH_WORDS,
}
_NUMBERED_START: Final = re.compile(r"[0-9']|[qh][0-9]")
_LETTERS: Final = re.compile(r"[a-z]+")
# What a phrase can end with: a number, or one of these words ("vrijdag a.s." too).
_DUTCH_END_WORDS: Final = frozenset(
    {"aanstaande", "as", "week", "weken", "kwartaal", "halfjaar", "helft", "jaarhelft"}
    | FULL_DAYS
    | MONTH_WORDS
    | DAY_OFFSETS.keys()
    | UNITS.keys()
    | SEASON_ENDS.keys()
    | {"zomerreces", "zomervakantie", "werkdag", "werkdagen", "jaarwisseling", "jaar"}
    | {"kerst", "kerstmis", "kerstdagen", "kerstreces", "kerstvakantie", "maand", "nieuw"}
)


def _end_pattern(words: frozenset[str]) -> re.Pattern[str]:
    initials = "".join(sorted({word[0] for word in words}))
    # The look-ahead for an initial lets the scan pass other characters without trying each
    # word.
    return re.compile(rf"[0-9]+|(?<![a-z])(?=[{initials}])(?:{alternatives(words)}|a\.s)(?![a-z])")


_END: Final = {
    "nl": _end_pattern(_DUTCH_END_WORDS),
    "en": _end_pattern(_DUTCH_END_WORDS | ENGLISH_END_WORDS),
}
# Characters the readers strip from a phrase's edges: a word of only these adds nothing.
_EDGE_CHARS: Final = "".join(sorted(set(_TRIM_START + _TRIM_END + EDGE_START + EDGE_END)))
_FOLD_FALLBACK: Final = "0"  # counts as a number: a character it stands for is never ruled out


def _fold_char(char: str) -> str:
    """One character as normalise sees it, lower case and without accents, still one
    character; where that is not possible, a digit, which rules nothing out."""
    char = char.translate(SEPARATORS)
    if not unicodedata.decomposition(char):  # most characters: nothing to take apart
        lower = char.lower()
        return lower if len(lower) == 1 else _FOLD_FALLBACK
    decomposed = unicodedata.normalize("NFKD", char).lower()
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return bare if len(bare) == 1 else _FOLD_FALLBACK


_ASCII_FOLD: Final = {code: _fold_char(chr(code)) for code in range(128)}


def _folded(text: str) -> str:
    """``text`` as normalise reads it, letter for letter, so positions stay the same."""
    if text.isascii():
        return text.translate(_ASCII_FOLD)
    table = _ASCII_FOLD | {ord(c): _fold_char(c) for c in set(text) if not c.isascii()}
    return text.translate(table)


def _first_word(folded: str) -> str | None:
    """The word a phrase starting with this (folded) word starts with; None when it holds
    nothing but edge characters."""
    words = folded.lstrip(_EDGE_CHARS + " ").split(maxsplit=1)
    return words[0].rstrip(_EDGE_CHARS) if words else None


def _can_start(word: str, starts: frozenset[str]) -> bool:
    # A word may be glued to the next one: "oktober/2024", "q3-2025", "1-10-2024".
    letters = _LETTERS.match(word)
    return (
        _NUMBERED_START.match(word) is not None
        or word.startswith("t/m")
        or (letters is not None and letters.group() in starts)
    )


class _Words:
    """A text's words, and which of them a deadline phrase can start or end with."""

    def __init__(self, text: str, lang: str) -> None:
        self.text = text
        self.starts = _START_WORDS["en" if lang == "en" else "nl"]
        ends = _END["en" if lang == "en" else "nl"]
        self.folded = _folded(text)
        self.spans = [match.span() for match in _WORD.finditer(text)]
        starts = [start for start, _ in self.spans]
        self.ends = {
            bisect_right(starts, found.start()) - 1 for found in ends.finditer(self.folded)
        }
        self.ends.discard(-1)
        self._firsts: dict[int, str | None] = {}

    def first_word(self, index: int) -> str | None:
        if index not in self._firsts:
            start, end = self.spans[index]
            self._firsts[index] = _first_word(self.folded[start:end])
        return self._firsts[index]

    def can_start(self, index: int) -> bool:
        # A word of only punctuation ("(") starts a phrase when the next word does.
        for ahead in range(index, min(len(self.spans), index + _MAX_PHRASE_WORDS)):
            word = self.first_word(ahead)
            if word is not None:
                return _can_start(word, self.starts)
        return False

    def endable(self) -> set[int]:
        """The words a phrase can end with: the end words, and words of only punctuation
        (")") right after one."""
        found = set(self.ends)
        for end in self.ends:
            after = end + 1
            while after < min(len(self.spans), end + _MAX_PHRASE_WORDS):
                if self.first_word(after) is not None:
                    break
                found.add(after)
                after += 1
        return found

    def phrases(self) -> Iterator[tuple[int, list[int]]]:
        """Per word that can start a phrase, in text order, the words it can end at, the
        farthest first."""
        endable = self.endable()
        firsts: set[int] = set()
        for end in endable:
            firsts.update(range(max(0, end - _MAX_PHRASE_WORDS + 1), end + 1))
        for first in sorted(firsts):
            if not self.can_start(first):
                continue
            last = min(len(self.spans), first + _MAX_PHRASE_WORDS) - 1
            lasts = [i for i in range(last, first - 1, -1) if i in endable]
            if lasts:
                yield first, lasts

    def phrase(self, first: int, last: int) -> str:
        text = self.text[self.spans[first][0] : self.spans[last][1]]
        return text.lstrip(_TRIM_START).rstrip(_TRIM_END)


def find_deadline(text: str, today: date, lang: str = "nl") -> Deadline | None:
    """The deadline stated somewhere in ``text`` (the longest, then the first), or None.

    ``lang`` is the writer's language, as for parse_deadline.

    Only phrases between words a deadline can start and end with are read, each different
    phrase once, and no more than _MAX_LOOKS and _MAX_TRIES of them: a long text costs about
    a scan of it, and a pathological one (a pasted column of dates) stops early.
    """
    words = _Words(text, lang)
    best: tuple[int, Deadline] | None = None
    read: dict[str, Deadline | None] = {}  # a text that repeats itself is read once
    looks = 0
    for first, lasts in words.phrases():
        for last in lasts:
            length = last - first + 1
            if best is not None and length <= best[0]:
                break  # a phrase from here can no longer beat an earlier one
            looks += 1
            phrase = words.phrase(first, last)
            if phrase not in read:
                if len(read) >= _MAX_TRIES:
                    return best[1] if best is not None else None
                weak = not phrase or _is_weak(phrase, today, lang)
                read[phrase] = None if weak else _attempt(phrase, today, lang)
            found = read[phrase]
            if found is not None:
                best = (length, found)
                break  # the longest from this word
        if looks >= _MAX_LOOKS:
            break
    return best[1] if best is not None else None
