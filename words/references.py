"""Where a chat text names an action: by number ("#12", "12:", "actie 12") or by key.

Pure text, no database: this finds what *may* be a reference; the register says whether an
action has it. A number is always meant as a reference. A key-like word ("OW-05", "ow 5",
"H-b", "2024.1", but also "Q2", "week 5", "covid 19") names an action only when one has that
key (see ``words.action_keys`` for how spellings are compared).

Key-like words are found in three shapes:

- compact: a key as the importer writes it, with a digit or a separator in it ("OW-05",
  "BER4", "W-a", "2024.1"); a plain word ("klaar") is not looked up;
- spaced: letters, one space, digits ("OW 5", "LB 3"), unless the digits are a year ("in
  2027") or a count or a date ("over 5 weken", "op 3 december", "10 procent");
- leading: any key, also one of letters only ("B"), at the very start and followed by a
  colon ("B: loopt goed").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from words.action_keys import key_form
from words.domain import fold


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
_COMPACT: Final = re.compile(r"(?<![\w#.-])([A-Za-z0-9]+(?:[-._][A-Za-z0-9]+)*)(?![\w-])")
_SPACED: Final = re.compile(r"(?<![\w#.-])([A-Za-z]{1,10} [0-9]{1,6})(?![\w-]|[.,][0-9])")
_LEADING_WORD: Final = re.compile(r"^\s*([A-Za-z][A-Za-z0-9]*)\s*:")
# Words after a number that make it a count, a size or a date, not a key's number.
UNITS: Final = frozenset(
    {
        *("dag", "dagen", "week", "weken", "maand", "maanden", "jaar", "jaren", "uur"),
        *("minuten", "kwartaal", "kwartalen", "keer", "procent", "euro", "miljoen", "mln"),
        *("day", "days", "weeks", "month", "months", "year", "years", "hour", "hours"),
        *("minutes", "quarter", "quarters", "times", "percent", "euros", "million"),
        *("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus"),
        *("september", "oktober", "november", "december", "jan", "feb", "mrt", "apr"),
        *("jun", "jul", "aug", "sep", "sept", "okt", "nov", "dec", "january", "february"),
        *("march", "june", "july", "august", "october", "mar", "oct"),
    }
)
_NEXT_WORD: Final = re.compile(r"\s*%|\s*([^\W\d_]+)")
_YEAR: Final = re.compile(r"(?:19|20)[0-9]{2}")


def _counts_something(text: str, spaced: str, end: int) -> bool:
    """Whether the number of ``spaced`` ("eind 2027", "over 5"), which ends at ``end`` in
    ``text``, is a year or counts something ("over 5 weken")."""
    if _YEAR.fullmatch(spaced.rsplit(" ", 1)[-1]):
        return True
    found = _NEXT_WORD.match(text, end)
    if found is None:
        return False
    word = found.group(1)
    return word is None or fold(word).rstrip(".") in UNITS


def _key_like(word: str) -> bool:
    # A plain word or a bare number is not looked up as a key in running text.
    has_digit = any(c.isdigit() for c in word)
    has_separator = any(c in "-._" for c in word)
    return key_form(word) is not None and (has_separator or has_digit)


# Each key-like word costs the register a lookup; a reply that names more actions than this
# is not one people write, so a long text cannot make hundreds of them.
MAX_REFERENCES: Final = 20


def references(text: str) -> list[Reference]:
    """The action references in ``text``, in order of appearance, each span once.

    Where two overlap, the one that starts first wins, and at one start a number wins. At
    most ``MAX_REFERENCES``, the first ones.
    """
    first = len(text) - len(text.lstrip())  # where the text itself starts
    found: list[Reference] = []
    for pattern in (_HASH, _LEAD_NUMBER, _WORD_NUMBER):
        for match in pattern.finditer(text):
            found.append(Reference(match.group(1), int(match.group(1)), *_span(match, text, first)))
    leading = _LEADING_WORD.match(text)
    if leading is not None and key_form(leading.group(1)) is not None:
        found.append(Reference(leading.group(1), None, *_span(leading, text, first)))
    for match in _COMPACT.finditer(text):
        if _key_like(match.group(1)):
            found.append(Reference(match.group(1), None, *_span(match, text, first)))
    for match in _SPACED.finditer(text):
        if not _counts_something(text, match.group(1), match.end()):
            found.append(Reference(match.group(1), None, *_span(match, text, first)))
    # By start, a number before a key at the same start (the sort is stable). The spans kept
    # do not overlap, so a later one can only overlap the last one kept.
    found.sort(key=lambda ref: ref.start)
    unique: list[Reference] = []
    reach = -1
    for ref in found:
        if ref.start >= reach:
            unique.append(ref)
            reach = ref.end
            if len(unique) == MAX_REFERENCES:
                break
    return unique


def _span(match: re.Match[str], text: str, first: int) -> tuple[int, int]:
    # Leading whitespace belongs to nobody: "  #12 klaar" still starts with its reference.
    # ``first`` is where the text's first non-space character is (known once per text, so
    # a long text is not sliced again for every match).
    start = match.start()
    while start < len(text) and text[start].isspace():
        start += 1
    return (0 if start <= first else start), match.end()


# A command's first words: a number ("12", "#12") or a key-like word, compact or spaced.
# 'update' and 'status' are commands only when one follows ("Update: bijna klaar" is a reply).
_UNIT_WORDS: Final = "|".join(sorted(UNITS))
_SPACED_START: Final = (
    r"[A-Za-z]{1,10} (?!(?:19|20)[0-9]{2}\b)[0-9]{1,6}(?![\w-])"
    rf"(?!\s*(?:%|(?:{_UNIT_WORDS})\b))"
)
REFERENCE_START: Final = re.compile(
    r"^\s*(?:#?[0-9]{1,6}\b"
    rf"|{_SPACED_START}"
    r"|[A-Za-z0-9]+(?:[-._][A-Za-z0-9]+)+(?![\w-])"
    r"|[A-Za-z0-9]*[0-9][A-Za-z0-9]*(?![\w-]))",
    re.IGNORECASE,
)


def leading_references(args: str) -> list[tuple[str, str]]:
    """The ways a command's arguments may start with an action, most specific first.

    Each is (reference as written, the rest): "OW 5 op schema" gives ("OW 5", "op schema")
    and ("OW", "5 op schema"); which one names an action is for the register to say.
    "actie 5 klaar" gives only ("5", "klaar").
    """
    text = args.strip()
    ways: list[tuple[str, str]] = []
    numbered = _WORD_NUMBER.match(text)
    if numbered is not None:  # "actie 5 klaar": the number, as "#5" would be
        return [(numbered.group(1), text[numbered.end() :].lstrip(" :,").strip())]
    spaced = re.match(r"([A-Za-z]{1,10} [0-9]{1,6})(?![\w-])[\s:,]*", text)
    if spaced is not None and not _counts_something(text, spaced.group(1), spaced.end(1)):
        ways.append((spaced.group(1), text[spaced.end() :].strip()))
    parts = text.split(maxsplit=1)
    if parts:
        ways.append((parts[0].rstrip(":,"), parts[1].strip() if len(parts) > 1 else ""))
    return ways
