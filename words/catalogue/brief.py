"""Catalogue texts: the voortgangsbrief in chat (brief concept, herinner, definitief, lijst)."""

from __future__ import annotations

from typing import Final, Literal

from words.catalogue.plural import Text

MESSAGES: Final[dict[str, dict[Literal["nl", "en"], Text]]] = {
    "letters.usage": {
        "nl": (
            "De voortgangsbrief:\n"
            "• brief concept [periode] – maak het concept (Word), bijv. 'brief concept 2026-Q4'.\n"
            "• brief herinner [uiterlijk <dag>] – vraag de trekkers van wie de update ontbreekt.\n"
            "• brief definitief – maak het concept definitief als genummerde brief.\n"
            "• brief lijst – de definitieve brieven.\n"
            "• brief <nummer> [docx|html|md] – haal een definitieve brief opnieuw op.\n"
            "• brief opening <tekst> – de opening van deze brief.\n"
            "• brief thema <thema> <tekst> – de paragraaf over een thema.\n"
            "• brief regie <tekst> – de regieparagraaf.\n"
            "• brief formulering <actie> <tekst> – hoe de update over een actie in de brief "
            "staat (de tekst van de trekker blijft bewaard).\n"
            "Zonder tekst zie je wat er staat; met 'leeg' geldt weer de standaardtekst."
        ),
        "en": (
            "The progress letter:\n"
            "• brief draft [period] – make the draft (Word), e.g. 'brief draft 2026-Q4'.\n"
            "• brief remind [by <day>] – ask the owners whose update is missing.\n"
            "• brief final – freeze the draft as a numbered letter.\n"
            "• brief list – the final letters.\n"
            "• brief <number> [docx|html|md] – fetch a final letter again.\n"
            "• brief opening <text> – this letter's opening.\n"
            "• brief theme <theme> <text> – the paragraph on a theme.\n"
            "• brief coordination <text> – the coordination paragraph.\n"
            "• brief wording <action> <text> – how the update on an action reads in the "
            "letter (the owner's own words are kept).\n"
            "Without text you see what stands; with 'reset' the default applies again."
        ),
    },
    "letters.which_programme": {
        "nl": "Over welk programma gaat het: {programmes}? Bijvoorbeeld 'brief concept {example}'.",
        "en": "Which programme do you mean: {programmes}? For example 'brief draft {example}'.",
    },
    "letters.draft_heading": {
        "nl": "Concept voortgangsbrief {programme} over {period} (versie {revision}).",
        "en": "Draft progress letter {programme} on {period} (version {revision}).",
    },
    "letters.draft_counts_one": {
        "nl": "1 update over {reported} van de {total} acties.",
        "en": "1 update on {reported} of the {total} actions.",
    },
    "letters.draft_counts": {
        "nl": "{updates} updates over {reported} van de {total} acties.",
        "en": "{updates} updates on {reported} of the {total} actions.",
    },
    "letters.missing": {
        "nl": {
            "one": "Nog geen update over deze periode bij 1 open actie:",
            "other": "Nog geen update over deze periode bij {n} open acties:",
        },
        "en": {
            "one": "No update for this period yet on 1 open action:",
            "other": "No update for this period yet on {n} open actions:",
        },
    },
    "letters.missing_more": {"nl": "… en nog {count}.", "en": "… and {count} more."},
    "letters.none_missing": {
        "nl": "Van alle open acties is een update over deze periode binnen.",
        "en": "Every open action has an update for this period.",
    },
    "letters.draft_next": {
        "nl": (
            "'brief herinner' vraagt de ontbrekende updates op, 'brief concept' maakt het "
            "concept opnieuw en 'brief definitief' legt de brief vast."
        ),
        "en": (
            "'brief remind' asks for the missing updates, 'brief draft' makes the draft again "
            "and 'brief final' freezes the letter."
        ),
    },
    "letters.bad_day": {
        "nl": (
            "'{text}' lees ik niet als een dag vanaf vandaag. Bijvoorbeeld: 'brief herinner "
            "uiterlijk 4 december'."
        ),
        "en": (
            "I can't read '{text}' as a day from today on. For example: 'brief remind by 4 "
            "December'."
        ),
    },
    "letters.reminded": {
        "nl": "Ik heb {people} om een update gevraagd over {actions}, uiterlijk {date}: {names}.",
        "en": "I asked {people} for an update on {actions}, by {date}: {names}.",
    },
    "letters.owners_n": {
        "nl": {"one": "1 trekker", "other": "{n} trekkers"},
        "en": {"one": "1 owner", "other": "{n} owners"},
    },
    "letters.actions_n": {
        "nl": {"one": "1 actie", "other": "{n} acties"},
        "en": {"one": "1 action", "other": "{n} actions"},
    },
    "letters.reminding_later": {
        "nl": (
            "Ik vraag de trekkers om hun update, uiterlijk {date} (trekkers: {people}; acties: "
            "{actions}): {names}. Het is nu geen werkdag: de vragen gaan {moment} uit."
        ),
        "en": (
            "I'm asking the owners for their update by {date} (owners: {people}; actions: "
            "{actions}): {names}. It is not a working day now: the questions go out {moment}."
        ),
    },
    "letters.no_owner": {
        "nl": "Zonder trekker, dus niemand gevraagd: {actions}.",
        "en": "No owner, so nobody asked: {actions}.",
    },
    "letters.asked_today": {
        "nl": {
            "one": "1 van die vragen had ik vandaag al gesteld; die stuur ik niet nog eens.",
            "other": "{n} van die vragen had ik vandaag al gesteld; die stuur ik niet nog eens.",
        },
        "en": {
            "one": "1 of those questions was already asked today; I don't send it again.",
            "other": "{n} of those questions were already asked today; I don't send them again.",
        },
    },
    "letters.asked_later": {
        "nl": {
            "one": "1 vraag wacht op een werkdag of op de terugkeer van wie afwezig is; die "
            "gaat {moment} uit.",
            "other": "{n} vragen wachten op een werkdag of op de terugkeer van wie afwezig is; "
            "de eerste gaat {moment} uit.",
        },
        "en": {
            "one": "1 question waits for a working day or for someone's return; it goes out "
            "{moment}.",
            "other": "{n} questions wait for a working day or for someone's return; the first "
            "goes out {moment}.",
        },
    },
    "letters.no_draft": {
        "nl": "Er is nog geen concept. Maak er eerst een met 'brief concept'.",
        "en": "There is no draft yet. Make one first with 'brief draft'.",
    },
    "letters.final": {
        "nl": (
            "Voortgangsbrief {number} over {period} is definitief, met {updates}. "
            "Latere wijzigingen veranderen hem niet meer."
        ),
        "en": (
            "Progress letter {number} on {period} is final, with {updates}. Later "
            "changes no longer alter it."
        ),
    },
    "letters.published": {
        "nl": "Voortgangsbrief {number} van {programme} over {period} is verschenen; u vindt "
        "hem in de bijlage.",
        "en": "Progress letter {number} of {programme} on {period} has been published; it is "
        "attached.",
    },
    "letters.updates_one": {"nl": "1 update", "en": "1 update"},
    "letters.updates_many": {"nl": "{count} updates", "en": "{count} updates"},
    "letters.final_newer": {
        "nl": "Nieuw sinds het laatste concept, en nu ook opgenomen: {count}.",
        "en": "New since the last draft, and now included: {count}.",
    },
    "letters.final_missing": {
        "nl": {
            "one": "Bij 1 open actie staat 'geen update ontvangen'.",
            "other": "Bij {n} open acties staat 'geen update ontvangen'.",
        },
        "en": {
            "one": "1 open action says 'no update received'.",
            "other": "{n} open actions say 'no update received'.",
        },
    },
    "letters.final_fetch": {
        "nl": "Opnieuw ophalen: 'brief {number}' (of 'brief {number} html').",
        "en": "Fetch it again: 'brief {number}' (or 'brief {number} html').",
    },
    "letters.list_heading": {
        "nl": "Voortgangsbrieven van {programme}:",
        "en": "Progress letters of {programme}:",
    },
    "letters.list_line": {
        "nl": "• nr. {number}: {period}, definitief op {date}",
        "en": "• no. {number}: {period}, final on {date}",
    },
    "letters.list_none": {
        "nl": "Er is nog geen definitieve brief.",
        "en": "There is no final letter yet.",
    },
    "letters.list_draft": {
        "nl": "Concept in de maak: {period} (versie {revision}).",
        "en": "Draft in progress: {period} (version {revision}).",
    },
    "letters.list_fetch": {
        "nl": "Ophalen: 'brief {number}'.",
        "en": "Fetch one: 'brief {number}'.",
    },
    "letters.unknown_number": {
        "nl": "Er is geen definitieve brief nummer {number}. 'brief lijst' toont ze.",
        "en": "There is no final letter number {number}. 'brief list' shows them.",
    },
    "letters.no_format": {
        "nl": "Die vorm ken ik niet: '{fmt}'. Kies docx, html of md.",
        "en": "I don't know that format: '{fmt}'. Choose docx, html or md.",
    },
    # The letter is made by the job runner, outside the chat event's transaction.
    "letters.working": {
        "nl": "Ik maak de brief; met {actions} acties duurt dat even. Je krijgt hem zo.",
        "en": (
            "I am making the letter; with {actions} actions that takes a moment. "
            "It follows shortly."
        ),
    },
    "letters.already_final": {
        "nl": (
            "Dit concept is al definitief gemaakt als voortgangsbrief {number}. "
            "'brief {number}' haalt hem op."
        ),
        "en": (
            "This draft was already made final as progress letter {number}. "
            "'brief {number}' fetches it."
        ),
    },
    "letters.job_failed": {
        "nl": (
            "Sorry, het maken van de voortgangsbrief is een paar keer mislukt. Probeer het "
            "later nog eens; lukt het dan niet, vraag de beheerder om hulp."
        ),
        "en": (
            "Sorry, making the progress letter failed a few times. Please try again later; "
            "if it still fails, ask the administrator for help."
        ),
    },
    # A letter's file name, in the letter's language: voortgangsbrief-boce-2026-Q4-concept.docx
    "letters.file_name": {
        "nl": "voortgangsbrief-{programme}-{period}-{which}.{fmt}",
        "en": "progress-letter-{programme}-{period}-{which}.{fmt}",
    },
    "letters.file_draft": {"nl": "concept", "en": "draft"},
    "letters.file_final": {"nl": "nr{n}", "en": "no{n}"},
    "letters.file_until": {"nl": "_tot_", "en": "_to_"},
}
