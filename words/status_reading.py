"""Reading the status a reply states, with the lexicon of ``words.status_words``.

The rules are simple and predictable, and lean to saying nothing rather than something wrong:

- A phrase counts unless a negation, hedge or (for "done") expectation stands shortly before
  it in the same clause ("nog niet afgerond", "geen vertraging", "bijna klaar", "zal klaar
  zijn"), or a negation follows it in the Dutch "klaar is het nog niet" order. Commas, full
  stops and "maar"/"but" end a clause. A phrase that holds its own negation ("lukt niet",
  "no issues") or doubt ("of we het halen") is read as it stands.
- "Done" followed by a moment ("klaar in maart", "done by Friday") is an expectation.
- "Delayed" after "dreigt", "mogelijk", "might" is a risk ("might slip" is at risk).
- Words may be filled out ("lopen wat achter", "loopt nu weer goed").
- A typo in a status word of six letters or more is forgiven: one letter added, dropped,
  changed or two neighbours swapped ("afgerodn", "vertaagd"), with the first letter right.
  Shorter words must be exact ("klara" is a name, not "klaar"). Two-word names forgive the
  same in their second word when the first is right ("on trak").
- Two different statuses are not guessed between, unless one is clearly the older state
  ("was vertraagd, nu weer op schema" is on track).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from rapidfuzz.distance import OSA

from words.domain import Status, fold, parse_status
from words.status_words import (
    CLAUSE_WORDS,
    EARLIER,
    EXPECTATIONS,
    FILLERS,
    HEDGES,
    LABELS,
    LATER_AFTER_DONE,
    MAYBE,
    NEGATIONS,
    NEUTRAL_PHRASES,
    NOW,
    READY_WORDS,
    STATUS_PHRASES,
    TYPO_WORDS,
)

Phrase = tuple[str, ...]

_ALL: Final[dict[Phrase, Status | None]] = {
    **{tuple(p.split()): None for p in NEUTRAL_PHRASES},
    **{tuple(p.split()): s for p, s in STATUS_PHRASES.items()},
}


def _by_first_word() -> dict[str, list[tuple[Phrase, Status | None]]]:
    found: dict[str, list[tuple[Phrase, Status | None]]] = {}
    for words, status in sorted(_ALL.items(), key=lambda item: -len(item[0])):
        found.setdefault(words[0], []).append((words, status))
    return found


# The phrases by their first word, longest first: a word that starts none costs one lookup.
_BY_FIRST: Final = _by_first_word()
_SELF_CONTAINED: Final = frozenset(
    words for words in _ALL if NEGATIONS & set(words) or words[0] in {"of", "whether", "if"}
)
# "klaar is het nog niet": Dutch may put the negation after the verb that follows the phrase.
_COPULAS: Final = frozenset({"is", "zijn", "ben", "was", "waren"})
_LOOK_BACK: Final = 3
_LOOK_AHEAD: Final = 4
_MAX_FILLERS: Final = 2
# Typos: one edit (OSA distance 1) on words of at least this many letters. Two edits would
# also turn "vertragen" (to delay, as a plan) into "vertraagd", and short words have too
# many neighbours that are real words.
_TYPO_MIN: Final = 6
_TYPO_SECOND_MIN: Final = 4

_TOKEN: Final = re.compile(r"[a-z0-9]+|[.,;:!?()]")
_CONTRACTION: Final = re.compile(r"n['’]t\b")
# English contractions written out, so "we're behind" reads as "are behind" and "it'll be
# done" as the expectation "will be done". "'s" only after pronouns: "Maya's" is hers.
_SHORT_FORMS: Final = (
    (re.compile(r"\b(it|that|what|there|here|he|she|who)['’]s\b"), r"\1 is"),
    (re.compile(r"['’]re\b"), " are"),
    (re.compile(r"['’]ll\b"), " will"),
    (re.compile(r"['’]ve\b"), " have"),
    (re.compile(r"\bi['’]m\b"), "i am"),
)
_WHOLE: Final = re.compile(r"(?<![0-9.,])100\s*(?:%|procent\b|percent\b)")


def tokens(text: str) -> list[str]:
    """The folded words and clause marks of ``text``: "Won't" -> ["wo", "not"]."""
    folded = _CONTRACTION.sub(" not", fold(text))
    for short, long in _SHORT_FORMS:
        folded = short.sub(long, folded)
    folded = _WHOLE.sub(" helemaal ", folded)
    # A share of the work is a hedge ("90% klaar"); all of it is not ("100% klaar").
    folded = folded.replace("%", " procent ")
    return _TOKEN.findall(folded)


def _is_boundary(token: str) -> bool:
    return not token[0].isalnum() or token in CLAUSE_WORDS


def _before(toks: list[str], start: int, floor: int) -> list[str]:
    """The words before ``start`` in its clause, nearest first, at most ``_LOOK_BACK``."""
    found: list[str] = []
    for token in reversed(toks[max(floor, start - _LOOK_BACK) : start]):
        if _is_boundary(token):
            break
        found.append(token)
    return found


def _denied_after(toks: list[str], end: int) -> bool:
    if end < len(toks) and toks[end] == "?":
        return True  # asked, not stated: "klaar?", "afgerond? nee, nog niet"
    if end >= len(toks) or toks[end] not in _COPULAS:
        return False
    for token in toks[end + 1 : end + _LOOK_AHEAD]:
        if _is_boundary(token):
            return False
        if token in NEGATIONS:
            return True
    return False


def _phrase_at(toks: list[str], index: int, words: Phrase) -> int:
    """How many tokens ``words`` spans from ``index`` (fillers between its words), or 0."""
    if toks[index] != words[0]:
        return 0
    at = index + 1
    for word in words[1:]:
        skipped = 0
        while at < len(toks) and toks[at] != word and toks[at] in FILLERS:
            at, skipped = at + 1, skipped + 1
        if skipped > _MAX_FILLERS or at >= len(toks) or toks[at] != word:
            return 0
        at += 1
    return at - index


def _close(written: str, word: str) -> bool:
    return (
        written[0] == word[0]
        and not written.startswith(word)  # "afgeronde", "vertraagde": another word
        and OSA.distance(written, word, score_cutoff=1) <= 1
    )


def _typo_at(toks: list[str], index: int) -> tuple[int, Status | None] | None:
    """A status word with one slip in it at ``index`` ("vertaagd", "on trak"), if only one."""
    token = toks[index]
    if not token.isalpha():
        return None
    found: set[tuple[int, Status]] = set()
    for name, status in TYPO_WORDS.items():
        first, _, second = name.partition(" ")
        if not second and len(token) >= _TYPO_MIN and _close(token, first):
            found.add((1, status))
        elif (
            second
            and token == first
            and index + 1 < len(toks)
            and len(toks[index + 1]) >= _TYPO_SECOND_MIN
            and _close(toks[index + 1], second)
        ):
            found.add((2, status))
    return found.pop() if len(found) == 1 else None


def _label_at(toks: list[str], index: int) -> Status | None:
    status = LABELS.get(toks[index])
    alone = (index == 0 or not toks[index - 1].isalpha()) and (
        index + 1 == len(toks) or not toks[index + 1][0].isalnum()
    )
    return status if alone else None


def _match_at(toks: list[str], index: int) -> tuple[int, Phrase | None, Status | None] | None:
    for words, status in _BY_FIRST.get(toks[index], ()):
        length = _phrase_at(toks, index, words)
        if length:
            return length, words, status
    label = _label_at(toks, index)
    if label is not None:
        return 1, None, label
    typo = _typo_at(toks, index)
    return None if typo is None else (typo[0], None, typo[1])


@dataclass(frozen=True, slots=True)
class StatusMention:
    """A status phrase in a reply: the status, whether it is denied, and when it holds."""

    status: Status
    denied: bool
    earlier: bool = False  # "was vertraagd": the state before
    now: bool = False  # "nu weer op schema": the state since


def _mention(
    toks: list[str], index: int, end: int, *, floor: int, words: Phrase | None, status: Status
) -> StatusMention:
    before = _before(toks, index, floor)
    earlier, now = bool(EARLIER & set(before)), bool(NOW & set(before))
    if words in _SELF_CONTAINED:
        return StatusMention(status, False, earlier, now)
    weakening = NEGATIONS | HEDGES | (EXPECTATIONS if status is Status.DONE else frozenset())
    denied = bool(weakening & set(before)) or _denied_after(toks, end)
    ready = toks[end - 1] in READY_WORDS
    if status is Status.DONE and ready and end < len(toks) and toks[end] in LATER_AFTER_DONE:
        denied = True
    if status is Status.DELAYED and MAYBE & set(before):
        status = Status.AT_RISK
    return StatusMention(status, denied, earlier, now)


def self_contained(phrase: str) -> bool:
    """Whether a lexicon phrase holds its own negation or doubt and is read as it stands."""
    return tuple(phrase.split()) in _SELF_CONTAINED


def status_mentions(text: str) -> list[StatusMention]:
    """Every status phrase in ``text``, in order, each with whether it is denied."""
    toks = tokens(text)
    mentions: list[StatusMention] = []
    index, floor = 0, 0
    while index < len(toks):
        found = _match_at(toks, index)
        if found is None:
            index += 1
            continue
        length, words, status = found
        if status is not None:
            mentions.append(
                _mention(toks, index, index + length, floor=floor, words=words, status=status)
            )
        index += length
        floor = index  # nothing reaches back past an earlier phrase
    return mentions


def status_in(text: str) -> Status | None:
    """The one status the text states, or None (none stated, only denied, or conflicting)."""
    stated = [m for m in status_mentions(text) if not m.denied]
    if not stated:
        return None
    statuses = {m.status for m in stated}
    if len(statuses) == 1:
        return stated[0].status
    # The state since: the last one said to hold now, or the one not said to be earlier.
    if stated[-1].now and not any(m.now for m in stated[:-1]):
        return stated[-1].status
    current = {m.status for m in stated if not m.earlier}
    if len(current) == 1 and all(m.earlier for m in stated if m.status not in current):
        return current.pop()
    return None


def status_only(text: str) -> Status | None:
    """The status when the text is nothing but a status ("Afgerond!", "on track.", "vertaagd")."""
    words = [token for token in tokens(text) if token[0].isalnum()]
    if not words:
        return None
    named = parse_status(" ".join(words))
    if named is not None:
        return named
    found = _match_at(words, 0)
    if found is None or found[0] != len(words):
        return None
    return found[2]
