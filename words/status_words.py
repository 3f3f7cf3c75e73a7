"""The status lexicon: the Dutch and English words and phrases that state an action's status.

Each phrase is written folded (lower case, no accents, hyphens as spaces) and maps to the one
status it states. The README ("How replies are read") lists them; ``words.status_reading``
reads them in a reply, with the negations, hedges and expectations below. The lexicon leans
to precision: a phrase is here only when it states the status in nearly every sentence it
appears in. A plain "risico" (often "we bespraken het risico") or "vastgesteld" (also
"we stelden vast dat...") is therefore not here; "loopt risico" and "opgeleverd" are.
"""

from __future__ import annotations

from typing import Final

from words.domain import Status

_DONE: Final = (
    *("afgerond", "voltooid", "gereed", "klaar", "opgeleverd", "afgehandeld", "gerealiseerd"),
    *("is af", "zijn af", "helemaal af", "al af", "inmiddels af", "kan dicht", "mag dicht"),
    *("done", "finished", "completed", "delivered", "wrapped up", "ready"),
)
_ON_TRACK: Final = (
    *("op schema", "op koers", "volgens plan", "volgens planning", "volgens schema"),
    *("conform planning", "conform plan", "loopt goed", "lopen goed", "gaat goed"),
    *("gaan goed", "verloopt goed", "verlopen goed", "loopt prima", "lopen prima"),
    *("gaat prima", "verloopt prima", "loopt lekker", "gaat lekker", "loopt voorspoedig"),
    *("verloopt voorspoedig", "goede kant op", "goed op weg", "op rolletjes"),
    *("goede voortgang", "geen problemen", "geen issues", "achterstand ingehaald"),
    *("op tijd klaar", "op tijd af", "op tijd gereed", "onder controle", "volgens verwachting"),
    *("voor op planning", "under control", "ahead of schedule", "as expected", "all good"),
    *("achterstand ingelopen", "vertraging ingehaald", "vertraging ingelopen"),
    *("on track", "on schedule", "on target", "going well", "going fine", "going great"),
    *("going smoothly", "running smoothly", "as planned", "according to plan"),
    *("according to schedule", "no issues", "no problems", "no concerns", "caught up"),
    *("progressing well", "good progress"),
)
_AT_RISK: Final = (
    *("at risk", "in gevaar", "loopt risico", "lopen risico", "op risico", "risicovol"),
    *("risico op vertraging", "risico op uitloop", "risico dat", "kans op vertraging"),
    *("kans op uitloop", "krap", "spannend", "onzeker", "twijfelachtig", "onder druk"),
    *("zorgen over", "zorgen om", "zorgelijk", "of we het halen", "of we het gaan halen"),
    *("of we de deadline halen", "of we dat halen", "of het lukt", "of het gaat lukken"),
    *("of dat lukt", "tight", "in jeopardy", "uncertain", "under pressure", "worried"),
    *("concerns about", "risk of delay", "risk of slipping", "touch and go"),
    *("whether we make it", "whether we will make it", "whether we ll make it"),
    *("if we make it", "if we ll make it", "hoog risico", "groot risico", "high risk"),
    *("loopt stroef", "verloopt stroef", "loopt moeizaam", "verloopt moeizaam", "gaat moeizaam"),
)
_DELAYED: Final = (
    *("vertraagd", "vertraging", "vertragingen", "achterstand", "loopt achter"),
    *("lopen achter", "liggen achter", "ligt achter", "achter op schema"),
    *("loopt achter op schema", "lopen achter op schema", "achter op de planning"),
    *("loopt achter op de planning", "lopen achter op de planning", "uitgesteld"),
    *("doorgeschoven", "opgeschoven", "verschoven", "schuift op"),
    *("schuift door", "uitgelopen", "loopt uit", "lopen uit", "uitloop", "wordt later"),
    *("wordt later klaar", "wordt later opgeleverd", "wordt later afgerond"),
    *("later dan gepland", "later dan verwacht", "later klaar", "te laat"),
    *("niet lukken", "lukt niet", "niet redden", "redden het niet", "halen het niet"),
    *("niet halen", "halen de deadline niet", "halen we niet", "deadline missen"),
    *("redden we niet", "redden we het niet", "niet gehaald", "halen het net niet"),
    *("weeks behind", "months behind", "days behind"),
    *("missen de deadline", "ligt stil", "staat stil", "stilgelegd", "on hold", "stalled"),
    *("delayed", "delay", "delays", "behind schedule", "running behind", "falling behind"),
    *("fallen behind", "fell behind", "are behind", "is behind", "running late"),
    *("postponed", "pushed back", "pushed out", "slipped", "slipping", "slip", "slips"),
    *("overdue", "not make the deadline", "not make it", "not going to make it"),
    *("miss the deadline", "missed the deadline", "missing the deadline", "will be late"),
)

STATUS_PHRASES: Final[dict[str, Status]] = {
    **dict.fromkeys(_DONE, Status.DONE),
    **dict.fromkeys(_ON_TRACK, Status.ON_TRACK),
    **dict.fromkeys(_AT_RISK, Status.AT_RISK),
    **dict.fromkeys(_DELAYED, Status.DELAYED),
}

# Words that state a status only as a label, alone in their clause: "risico: budget nog niet
# rond", "#2 risico, wacht op de RUD". In a sentence ("we bespraken het risico") they do not.
LABELS: Final[dict[str, Status]] = {"risico": Status.AT_RISK, "risk": Status.AT_RISK}

# Phrases that hold a status word but state no status: matched like the others, so their
# status word is not read on its own ("we hebben vertraging voorkomen", "klaar om te starten").
NEUTRAL_PHRASES: Final = frozenset(
    {
        *("vertraging voorkomen", "vertraging te voorkomen", "vertragingen voorkomen"),
        *("risico s", "klaar om", "gereed om", "ready to"),
        *("avoid delay", "avoid delays", "avoid a delay", "prevent delay", "prevent delays"),
        *("prevent a delay", "delay in responding", "sorry for the delay", "is behind us"),
        *("are behind us",),
    }
)

# Words that deny the status phrase after them in the same clause ("niet vertraagd").
NEGATIONS: Final = frozenset(
    {"niet", "geen", "zonder", "nooit", "not", "no", "never", "without", "nor"}
)
# Words that weaken it: "bijna klaar", "zo goed als klaar" (see "als" below), "90% klaar"
# ("%" is read as "procent") are not done.
HEDGES: Final = frozenset(
    {
        *("bijna", "grotendeels", "deels", "half", "vrijwel", "nagenoeg", "praktisch", "haast"),
        *("procent", "almost", "nearly", "mostly", "partly", "partially", "virtually"),
        *("practically", "largely", "percent"),
    }
)
# Before a "done" word, a part of the work or a moment still to come: "fase 1 is afgerond",
# "zal eind maart klaar zijn", "volgende week opgeleverd" are not the action done.
EXPECTATIONS: Final = frozenset(
    {
        *("zal", "zullen", "wordt", "worden", "moet", "moeten", "kan", "kunnen", "verwacht"),
        *("verwachten", "hopelijk", "hopen", "zodra", "volgende", "komende", "tot", "will"),
        *("should", "must", "expected", "expect", "hopefully", "hope", "once", "when"),
        *("until", "next", "can", "could", "might", "fase", "deel", "onderdeel", "stap"),
        *("eerste", "tweede", "concept", "als", "wanneer", "phase", "part", "step", "stage"),
        *("first", "second", "draft", "if"),
    }
)
# "Ready" words with a moment right after them are an expectation: "klaar in maart", "gereed
# voor de zomer". A finished word keeps its status ("afgerond in oktober" may lie in the past:
# the reply's deadline decides, see ``handlers.replies.textparse.read_reply``).
READY_WORDS: Final = frozenset({"klaar", "gereed", "af", "ready"})
LATER_AFTER_DONE: Final = frozenset(
    {
        *("in", "voor", "rond", "eind", "begin", "medio", "tegen", "uiterlijk", "over"),
        *("na", "binnen", "volgende", "komende", "als", "zodra", "by", "before", "around"),
        *("end", "early", "late", "mid", "next", "within", "after", "for", "once", "when"),
    }
)
# Before a "delayed" phrase, these make it a risk, not a fact: "dreigt vertraging",
# "mogelijk vertraagd", "might slip".
MAYBE: Final = frozenset(
    {
        *("dreigt", "dreigen", "dreigde", "mogelijk", "misschien", "wellicht", "kan"),
        *("kunnen", "waarschijnlijk", "might", "may", "could", "possibly", "perhaps"),
        *("likely", "probably"),
    }
)
# When a reply names two statuses, these mark the older one ("was vertraagd") and the
# newer one ("nu weer op schema"); the newer one is then the status.
EARLIER: Final = frozenset(
    {
        *("was", "waren", "eerst", "eerder", "vroeger", "aanvankelijk", "had", "were"),
        *("previously", "initially", "earlier"),
    }
)
NOW: Final = frozenset(
    {
        *("nu", "inmiddels", "intussen", "weer", "alweer", "toch", "momenteel", "thans"),
        *("now", "again", "back", "meanwhile", "currently"),
    }
)
# Words that may stand between the words of a phrase: "lopen wat achter", "loopt nu weer
# goed". Never a negation: "loopt niet goed" is not "loopt goed".
FILLERS: Final = frozenset(
    {
        *("wat", "iets", "beetje", "een", "flink", "fors", "behoorlijk", "nog", "al"),
        *("helaas", "echt", "erg", "heel", "zeer", "gewoon", "eigenlijk", "best", "nu"),
        *("inmiddels", "weer", "ook", "wel", "a", "bit", "little", "slightly", "somewhat"),
        *("really", "very", "quite", "still", "now", "pretty", "way", "all"),
    }
)
# Words that start a new clause: nothing before them reaches past them.
CLAUSE_WORDS: Final = frozenset({"maar", "en", "want", "omdat", "but", "and", "because", "so"})

# Status words a typo is forgiven in (see ``words.status_reading``): single words of at least
# six letters, and two-word names whose first word is written right.
TYPO_WORDS: Final[dict[str, Status]] = {
    word: STATUS_PHRASES[word]
    for word in (
        *("afgerond", "voltooid", "opgeleverd", "afgehandeld", "completed", "finished"),
        *("vertraagd", "vertraging", "achterstand", "uitgesteld", "doorgeschoven"),
        *("delayed", "postponed", "op schema", "op koers", "on track", "on schedule"),
        *("at risk", "in gevaar", "risicovol", "twijfelachtig", "spannend"),
    )
}
