"""Small talk: greetings, thanks, acknowledgements, goodbyes and "how does this work?".

Pure functions on words, no database. A text is small talk only when every word in it belongs
to a small-talk phrase ("hoi", "top, bedankt!", "ok 👍", "hallo, hoe werkt dit?"): one word
that is not ("bedankt, klaar is het") makes it something else, so an update is never lost
to this. Status phrases ("gaat goed", "loopt goed") are deliberately absent.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Final

from rapidfuzz.distance import OSA


class Talk(IntEnum):
    """The kinds of small talk, the strongest last: "hoi, hoe werkt dit?" is a question."""

    ACK = 1
    SORRY = 2
    BYE = 3
    GREETING = 4
    THANKS = 5
    HOW = 6


_PHRASES: Final[dict[Talk, tuple[str, ...]]] = {
    Talk.ACK: (
        "ok",
        "oke",
        "okay",
        "okey",
        "okee",
        "okido",
        "k",
        "kk",
        "prima",
        "top",
        "mooi",
        "fijn",
        "super",
        "goed",
        "is goed",
        "helemaal goed",
        "komt goed",
        "helder",
        "duidelijk",
        "dat is duidelijk",
        "begrepen",
        "gezien",
        "ik snap het",
        "ja",
        "jep",
        "jup",
        "yes",
        "yep",
        "yup",
        "sure",
        "nice",
        "cool",
        "great",
        "perfect",
        "got it",
        "noted",
        "understood",
        "sounds good",
        "all good",
        "will do",
        "alright",
        "all right",
        "oki",
        "okidoki",
        "haha",
        "hihi",
        "lol",
        "no worries",
        "no problem",
        "geen probleem",
        "geen zorgen",
        "komt in orde",
    ),
    Talk.SORRY: (
        "sorry",
        "excuses",
        "mijn excuses",
        "oeps",
        "oops",
        "my bad",
        # A late answer is apologised for, but the answer itself still has to come.
        "sorry voor de late reactie",
        "sorry voor mijn late reactie",
        "excuses voor de late reactie",
        "sorry for the late reply",
        "sorry for my late reply",
        "sorry for the late response",
    ),
    Talk.BYE: (
        "dag",
        "daag",
        "doei",
        "tot ziens",
        "tot later",
        "tot morgen",
        "tot straks",
        "fijne dag",
        "fijne avond",
        "fijn weekend",
        "goed weekend",
        "bye",
        "goodbye",
        "see you",
        "have a nice day",
        "have a good day",
        "have a nice weekend",
    ),
    Talk.GREETING: (
        "hoi",
        "hallo",
        "hai",
        "hey",
        "hee",
        "hi",
        "hello",
        "hiya",
        "yo",
        "he",
        "hoi hoi",
        "goedemorgen",
        "goeiemorgen",
        "goedemiddag",
        "goeiemiddag",
        "goedenavond",
        "goeienavond",
        "goedendag",
        "goede morgen",
        "goede middag",
        "good morning",
        "good afternoon",
        "good evening",
        "morning",
        "hoe gaat het",
        "hoe is het",
        "hoe gaat het met je",
        "hoe is het met je",
        "alles goed",
        "how are you",
        "how is it going",
    ),
    Talk.THANKS: (
        "dank",
        "dank je",
        "dank je wel",
        "dankjewel",
        "dankje",
        "dank u",
        "dank u wel",
        "dankuwel",
        "bedankt",
        "hartelijk dank",
        "hartelijk bedankt",
        "veel dank",
        "thanks",
        "thank you",
        "thankyou",
        "thx",
        "thnx",
        "thank u",
        "tnx",
        "ty",
        "cheers",
        "merci",
        "many thanks",
        "thanks a lot",
    ),
    Talk.HOW: (
        "hoe werkt dit",
        "hoe werkt het",
        "hoe werkt deze bot",
        "hoe werk jij",
        "hoe werk je",
        "hoe gebruik ik dit",
        "hoe gebruik ik je",
        "wat kan je",
        "wat kun je",
        "wat kan jij",
        "wat kun jij",
        "wat kan ik hier",
        "wat doe je",
        "wat doe jij",
        "wat is dit",
        "wie ben jij",
        "wie ben je",
        "how does this work",
        "how does it work",
        "how do you work",
        "how do i use this",
        "how do i use you",
        "what can you do",
        "what do you do",
        "what is this",
        "who are you",
        "ik snap het niet",
        "ik begrijp het niet",
        "snap het niet",
        "i dont understand",
        "i do not understand",
        "hoe geef ik een update",
        "hoe doe ik een update",
        "hoe antwoord ik",
        "hoe werkt een update",
        "how do i give an update",
        "how do i update",
        "how do i reply",
        "wat ben jij",
        "wat ben je",
        "what are you",
        "is daar iemand",
        "is er iemand",
        "anyone there",
        "is anyone there",
        "ik ben nieuw",
        "ik ben nieuw hier",
        "i am new",
        "i am new here",
        "im new",
        "im new here",
    ),
}

# Words that may stand beside small talk without changing it ("hoi allemaal", "heel erg
# bedankt", "thanks again", "hallo bot").
_FILLERS: Final = frozenset(
    {
        "allemaal",
        "iedereen",
        "hoor",
        "heel",
        "erg",
        "zeer",
        "wel",
        "weer",
        "nogmaals",
        "nog",
        "even",
        "daar",
        "jij",
        "jullie",
        "bot",
        "voortgang",
        "again",
        "so",
        "very",
        "much",
        "all",
        "there",
        "everyone",
        "dan",
        "then",
        "mate",
        "hier",
        "here",
    }
)

_BY_WORDS: Final[dict[tuple[str, ...], Talk]] = {
    tuple(phrase.split()): kind for kind, phrases in _PHRASES.items() for phrase in phrases
}
# Long single words are forgiven one slip ("goedemogen", "bedant", "thansk"); short ones are
# too easily another word.
_SLIP_LENGTH: Final = 6
_LONG_WORDS: Final = tuple(
    (words[0], kind)
    for words, kind in _BY_WORDS.items()
    if len(words) == 1 and len(words[0]) >= _SLIP_LENGTH
)


def _with_a_slip(word: str) -> Talk | None:
    if len(word) < _SLIP_LENGTH:
        return None
    for known, kind in _LONG_WORDS:
        if OSA.distance(word, known, score_cutoff=1) <= 1:
            return kind
    return None


_LONGEST: Final = max(len(words) for words in _BY_WORDS)
MAX_WORDS: Final = 10  # longer than this is never just small talk


def small_talk(words: list[str]) -> Talk | None:
    """The strongest kind of small talk ``words`` (folded, without punctuation) consist of,
    or None when any of them is not small talk. No words at all (only emoji or punctuation,
    such as "👍") is an acknowledgement; the caller decides whether the text was empty."""
    if len(words) > MAX_WORDS:
        return None
    found: Talk | None = None
    index = 0
    while index < len(words):
        for size in range(min(_LONGEST, len(words) - index), 0, -1):
            kind = _BY_WORDS.get(tuple(words[index : index + size]))
            if kind is not None:
                found = kind if found is None else max(found, kind)
                index += size
                break
        else:
            kind = _with_a_slip(words[index])
            if kind is not None:
                found = kind if found is None else max(found, kind)
            elif words[index] not in _FILLERS:
                return None
            index += 1
    if found is None:
        return None if words else Talk.ACK
    return found
