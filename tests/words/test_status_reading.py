"""The status a reply states: the lexicon, negations, hedges, expectations, typos, conflicts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from words.domain import Status
from words.status_reading import (
    StatusMention,
    self_contained,
    status_in,
    status_mentions,
    status_only,
)
from words.status_words import STATUS_PHRASES, TYPO_WORDS

DONE, ON_TRACK, AT_RISK, DELAYED = Status.DONE, Status.ON_TRACK, Status.AT_RISK, Status.DELAYED

STATED = [
    # Done, Dutch
    ("Afgerond", DONE),
    ("is klaar, rapport verstuurd", DONE),
    ("We zijn klaar met de inventarisatie", DONE),
    ("gereed", DONE),
    ("Het is af!", DONE),
    ("helemaal af", DONE),
    ("is klaar", DONE),
    ("Opgeleverd aan de raden", DONE),
    ("opgeleverd en vastgesteld", DONE),
    ("voltooid, verslag volgt niet meer", DONE),
    ("afgehandeld met de provincie", DONE),
    ("de actie kan dicht", DONE),
    ("vandaag afgerond", DONE),
    ("afgerond op 20 november", DONE),
    ("afgerond in oktober 2026", DONE),  # a finished word keeps its status; the date decides
    ("Gerealiseerd!", DONE),
    ("op 20 november afgerond", DONE),
    ("100% klaar", DONE),
    ("het is inmiddels af", DONE),
    # Done, English
    ("done", DONE),
    ("done and dusted", DONE),
    ("completed", DONE),
    ("finished", DONE),
    ("Finished last week", DONE),
    ("completed, report sent", DONE),
    ("all wrapped up", DONE),
    ("delivered to the councils", DONE),
    # Delayed, Dutch
    ("we lopen wat achter door ziekte", DELAYED),
    ("loopt achter door ziekte", DELAYED),
    ("het gaat niet lukken voor de deadline", DELAYED),
    ("Helaas: uitgesteld tot Q2 2027", DELAYED),
    ("dat wordt later", DELAYED),
    ("we halen de deadline niet", DELAYED),
    ("loopt vertraging op", DELAYED),
    ("is doorgeschoven naar volgend jaar", DELAYED),
    ("Vertraagd: wachten op de provincie", DELAYED),
    ("er is vertraging bij de RUD", DELAYED),
    ("we lopen achter op schema", DELAYED),
    ("we lopen een beetje achter op de planning", DELAYED),
    ("Nog steeds vertraagd", DELAYED),
    ("we hebben een achterstand opgelopen", DELAYED),
    ("de oplevering schuift op", DELAYED),
    ("loopt uit door de zomer", DELAYED),
    ("dat halen we niet", DELAYED),
    ("we gaan de deadline niet halen", DELAYED),
    ("lukt niet voor de zomer", DELAYED),
    ("we zijn te laat met de aanvraag", DELAYED),
    ("ligt stil tot er budget is", DELAYED),
    ("later dan gepland, wachten op de raad", DELAYED),
    ("wordt later klaar", DELAYED),
    ("is weer vertraagd", DELAYED),
    # Delayed, English
    ("running behind", DELAYED),
    # English contractions are written out first.
    ("we're a bit behind", DELAYED),
    ("we’re behind schedule", DELAYED),
    ("it's done", DONE),
    ("Klaar? Ja, helemaal afgerond", DONE),
    ("we won't make the deadline", DELAYED),
    ("We're not going to make it", DELAYED),
    ("slipped to Q3", DELAYED),
    ("postponed", DELAYED),
    ("We're delayed by the province", DELAYED),
    ("running late because of holidays", DELAYED),
    ("behind schedule", DELAYED),
    ("pushed back to March", DELAYED),
    ("on hold until the budget is clear", DELAYED),
    ("we will miss the deadline", DELAYED),
    ("we are falling behind", DELAYED),
    ("overdue, sorry", DELAYED),
    ("We are a few weeks behind", DELAYED),
    ("Dat redden we niet", DELAYED),
    ("Deadline wordt niet gehaald", DELAYED),
    # At risk, Dutch
    ("gaat lukken, wel krap", AT_RISK),
    ("wordt spannend", AT_RISK),
    ("het is de vraag of we het halen", AT_RISK),
    ("zorgen over de planning", AT_RISK),
    ("risico: budget nog niet rond", AT_RISK),
    ("risico, wacht op de RUD", AT_RISK),
    ("Status: risico", AT_RISK),
    ("De planning is in gevaar", AT_RISK),
    ("dreigt vertraging door de aanbesteding", AT_RISK),
    ("mogelijk vertraagd door de stikstofregels", AT_RISK),
    ("er is risico op vertraging", AT_RISK),
    ("de planning staat onder druk", AT_RISK),
    ("onzeker of de raad op tijd besluit", AT_RISK),
    ("ik weet niet of we het halen", AT_RISK),
    ("de actie loopt risico", AT_RISK),
    ("het wordt krap aan", AT_RISK),
    ("Het traject loopt stroef", AT_RISK),
    ("hoog risico door de stikstofregels", AT_RISK),
    # At risk, English
    ("tight but doable", AT_RISK),
    ("might slip", AT_RISK),
    ("at risk", AT_RISK),
    ("This one is at risk", AT_RISK),
    ("could be delayed by the elections", AT_RISK),
    ("not sure whether we make it", AT_RISK),
    ("the timeline is under pressure", AT_RISK),
    ("some concerns about the planning", AT_RISK),
    # On track, Dutch
    ("Alles volgens planning", ON_TRACK),
    ("ligt op koers", ON_TRACK),
    ("loopt prima", ON_TRACK),
    ("gaat de goede kant op", ON_TRACK),
    ("op schema", ON_TRACK),
    ("Loopt goed, tweede sessie gepland", ON_TRACK),
    ("alles verloopt volgens plan", ON_TRACK),
    ("gaat goed", ON_TRACK),
    ("geen vertraging, loopt goed", ON_TRACK),
    ("niet vertraagd maar op schema", ON_TRACK),
    ("loopt nu weer goed", ON_TRACK),
    ("we zijn goed op weg", ON_TRACK),
    ("geen problemen", ON_TRACK),
    ("achterstand ingehaald", ON_TRACK),
    ("loopt goed, klaar in maart", ON_TRACK),  # "klaar in maart" is an expectation
    ("op schema, gereed voor de zomer", ON_TRACK),
    ("we zijn op tijd klaar", ON_TRACK),
    ("Alles onder controle", ON_TRACK),
    ("Loopt volgens verwachting", ON_TRACK),
    ("We're ahead of schedule", ON_TRACK),
    ("all good here", ON_TRACK),
    # On track, English
    ("on track", ON_TRACK),
    ("going fine", ON_TRACK),
    ("no issues", ON_TRACK),
    ("On track!", ON_TRACK),
    ("all going well", ON_TRACK),
    ("no delay, on schedule", ON_TRACK),
    ("back on track after the summer", ON_TRACK),
    ("we caught up", ON_TRACK),
    ("on track, ready by March", ON_TRACK),
    # The newer of two states
    ("was vertraagd, nu weer op schema", ON_TRACK),
    ("vertraagd, maar nu weer op schema", ON_TRACK),
    ("was op schema, maar is nu vertraagd", DELAYED),
    ("afgerond, was eerst vertraagd", DONE),
    ("was delayed, now back on track", ON_TRACK),
    ("eerst vertraagd, inmiddels afgerond", DONE),
    # Typos in the status words
    ("afgerodn", DONE),
    ("afgeorond", DONE),
    ("vertaagd", DELAYED),
    ("vertragd", DELAYED),
    ("verrtaagd door ziekte", DELAYED),
    ("on trak", ON_TRACK),
    ("op schmea", ON_TRACK),
    ("compelted", DONE),
    ("delayd", DELAYED),
    ("opgelevred aan de raad", DONE),
]

NOT_STATED = [
    # A status asked about is not stated; "it'll be done" is an expectation.
    "afgerond? nee nog niet",
    "klaar?",
    "it'll be done by Friday",
    # Negations
    "nog niet afgerond",
    "nog niet klaar",
    "nog niet klaar, loopt wel",  # "loopt" alone is no status
    "Niet klaar",
    "het is nog niet af",
    "klaar is het nog niet",
    "afgerond is het niet",
    "niet vertraagd",
    "geen vertraging",
    "zonder vertraging",
    "niet in gevaar",
    "not done yet",
    "It isn't finished",
    "no delay",
    "no longer delayed",
    "not at risk",
    "Loopt niet goed",  # no phrase at all: "loopt goed" is broken up
    "geen risico",
    # Hedges and parts
    "bijna klaar",
    "grotendeels afgerond, laatste stuk volgt",
    "not quite done",
    "almost done",
    "nearly finished",
    "fase 1 is afgerond",
    "het concept is klaar, de definitieve versie volgt",
    "zo goed als klaar",
    "vrijwel afgerond",
    "90% klaar",
    "80 procent opgeleverd",
    "als het klaar is, laat ik het weten",
    "practically done",
    "eerste deel opgeleverd",
    # Expectations
    "zal eind maart klaar zijn",
    "wordt volgende week opgeleverd",
    "verwacht klaar in het voorjaar",
    "klaar in maart",
    "gereed voor de zomer",
    "will be done in March",
    "expected to be completed in spring",
    "klaar om te starten",
    # No status at all
    "bedankt",
    "overleg gehad met de corporaties",
    "zie bijlage",
    "we hebben overleg gehad met de RUD",
    "we hebben vertraging voorkomen",
    "om vertraging te voorkomen plannen we extra overleg",
    "de risico's zijn in kaart gebracht",
    "we bespraken het risico met de wethouder",
    "sorry for the delay in responding",
    "the worst is behind us",
    "klara belt je morgen",
    "Staat klaar voor besluitvorming",
    "Wacht op besluit college",
    "Not started yet",
    "Work in progress",
    "Loopt goed maar er is risico dat de provincie later besluit",
    "vastgesteld dat er meer nodig is",
    "",
    "???",
    # Two statuses that disagree: not guessed between.
    "klaar, maar vertraagd",
    "done but at risk",
    "op schema maar wel krap",
    "vertraagd en afgerond",
]


@pytest.mark.parametrize(("text", "status"), STATED)
def test_stated_status_is_found(text: str, status: Status) -> None:
    assert status_in(text) is status


@pytest.mark.parametrize("text", NOT_STATED)
def test_denied_hedged_expected_or_conflicting_status_is_none(text: str) -> None:
    assert status_in(text) is None


def test_the_table_is_large_and_covers_every_status() -> None:
    assert len(STATED) + len(NOT_STATED) >= 120
    assert {status for _, status in STATED} == {DONE, ON_TRACK, AT_RISK, DELAYED}


# Typos: one slip in a long word; short words and real lookalikes are not guessed.
@pytest.mark.parametrize(
    "text",
    [
        "klara",  # a name, not "klaar": short words must be exact
        "klar",
        "dome",  # not "done"
        "afgeronde stukken besproken",  # another word that starts with the status word
        "vertragen we de start?",  # two slips from "vertraagd"
        "relayed to the council",  # first letter differs from "delayed"
        "on tr",  # too short to forgive
    ],
)
def test_typos_are_forgiven_only_in_long_words(text: str) -> None:
    assert status_in(text) is None


@pytest.mark.parametrize(("word", "status"), sorted(TYPO_WORDS.items()))
def test_every_typo_word_forgives_a_swap_of_two_letters(word: str, status: Status) -> None:
    last = word.rsplit(" ", 1)[-1]
    swapped = word[: -len(last)] + last[0] + last[2] + last[1] + last[3:]
    assert status_in(swapped) is status


PHRASES = sorted(STATUS_PHRASES.items())
DENIABLE = [(p, s) for p, s in PHRASES if not self_contained(p) and p != "concerns about"]
NEGATORS = ["niet", "nog niet", "geen", "not", "not yet", "no", "bijna", "almost", "never"]
NEUTRAL = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", max_size=30).filter(
    lambda s: status_mentions(s) == [] and not ({"maar", "en", "but", "and"} & set(s.split()))
)


@pytest.mark.parametrize(("phrase", "status"), DENIABLE)
@pytest.mark.parametrize("negator", NEGATORS)
def test_every_phrase_is_denied_by_every_negation(
    phrase: str, status: Status, negator: str
) -> None:
    assert status_in(f"{negator} {phrase}") is None
    (mention,) = status_mentions(f"{negator} {phrase}")
    assert mention == StatusMention(status, denied=True)


def test_phrases_that_hold_their_own_negation_or_doubt_are_read_as_they_stand() -> None:
    held = [p for p, _ in PHRASES if self_contained(p)]
    assert {"niet lukken", "no issues", "of we het halen"} <= set(held)
    # "no concerns about" is read as "no concerns", not as a denied "concerns about".
    assert status_in("no concerns about the planning") is ON_TRACK


@pytest.mark.parametrize(("phrase", "status"), PHRASES)
def test_every_phrase_alone_is_a_status_only_reply(phrase: str, status: Status) -> None:
    assert status_only(phrase) is status
    assert status_only(f"  {phrase.capitalize()}!  ") is status
    assert status_in(phrase) is status


@given(phrase=st.sampled_from(PHRASES), before=NEUTRAL, after=NEUTRAL)
def test_neutral_words_after_a_full_stop_do_not_change_the_status(
    phrase: tuple[str, Status], before: str, after: str
) -> None:
    # Words in another sentence cannot deny the phrase: a full stop ends the clause.
    text, status = phrase
    assert status_in(f"{before}. {text}, {after}") is status


def test_status_only_is_only_a_status() -> None:
    assert status_only("afgerond, rapport is verstuurd") is None
    assert status_only("Vervallen.") is Status.DROPPED  # the register's names count too
    assert status_only("op  Schéma") is ON_TRACK
    assert status_only("Afgerodn!") is DONE
    assert status_only("risico") is AT_RISK
    assert status_only("") is None
    assert status_only("???") is None
