"""Texts of the voortgangsbrief's page on the web app: the draft with its forms, the owners
without news, publishing, the final briefs and their downloads."""

from __future__ import annotations

from typing import Final, Literal

from words.catalogue.plural import Text

MESSAGES: Final[dict[str, dict[Literal["nl", "en"], Text]]] = {
    # The job's answer when the page's button finds every owner without news asked already.
    "web.brief.asked_before": {
        "nl": "Alle trekkers zonder update over deze periode zijn al eerder gevraagd; ik heb "
        "niemand opnieuw gevraagd.",
        "en": "Every owner without an update for this period was asked before; I asked no one "
        "again.",
    },
    "web.brief.too_long": {
        "nl": "Deze tekst is te lang: maximaal 20.000 tekens.",
        "en": "This text is too long: at most 20,000 characters.",
    },
    "web.brief.no_such_update": {
        "nl": "Deze actie heeft in deze periode geen update met tekst om anders te formuleren.",
        "en": "This action has no update with words in this period to reword.",
    },
    "web.brief.no_such_theme": {
        "nl": "Dit programma heeft geen thema met deze naam.",
        "en": "This programme has no theme by this name.",
    },
    # -- the page: /p/{key}/brief --------------------------------------------------------------
    "web.brief.title": {"nl": "Voortgangsbrief {period}", "en": "Progress letter {period}"},
    "web.brief.period_label": {"nl": "Periode", "en": "Period"},
    "web.brief.period_button": {"nl": "Toon", "en": "Show"},
    "web.brief.has_draft": {"nl": "concept", "en": "draft"},
    # What the page says after a form (?klaar=...).
    "web.brief.done.written": {"nl": "De tekst is vastgelegd.", "en": "The text is recorded."},
    "web.brief.done.reset": {
        "nl": "Terug naar de standaardtekst; de vorige tekst blijft bewaard.",
        "en": "Back to the default; the previous text is kept.",
    },
    "web.brief.done.unchanged": {
        "nl": "Er was niets te wijzigen: de standaardtekst stond er al.",
        "en": "Nothing to change: the default was there already.",
    },
    "web.brief.done.asking": {
        "nl": "De trekkers zonder update worden gevraagd; wie gevraagd is, staat hieronder zodra "
        "het gebeurd is. Ieder wordt per periode één keer gevraagd.",
        "en": "The owners without an update are being asked; who was asked shows below once it "
        "is done. Each is asked once per period.",
    },
    "web.brief.done.drafting": {
        "nl": "Het concept wordt gemaakt, met de documenten om te downloaden.",
        "en": "The draft is being made, with its documents to download.",
    },
    "web.brief.done.publishing": {
        "nl": "De brief wordt definitief gemaakt en naar de lezers gestuurd.",
        "en": "The letter is being made final and sent to the readers.",
    },
    "web.brief.done.not_draft": {
        "nl": "Dat concept is er niet meer: het is al definitief of vervangen. Niets gedaan.",
        "en": "That draft no longer exists: it was made final or replaced. Nothing done.",
    },
    "web.brief.working.brief.concept": {
        "nl": "Het concept wordt gemaakt.",
        "en": "The draft is being made.",
    },
    "web.brief.working.brief.remind": {
        "nl": "De trekkers worden gevraagd.",
        "en": "The owners are being asked.",
    },
    "web.brief.working.brief.final": {
        "nl": "De definitieve brief wordt gemaakt.",
        "en": "The final letter is being made.",
    },
    "web.brief.set_aside_heading": {
        "nl": "Er is iets misgegaan",
        "en": "Something went wrong",
    },
    "web.brief.set_aside.brief.concept": {
        "nl": "Het concept dat {moment} werd gevraagd, kon niet worden gemaakt.",
        "en": "The draft asked for {moment} could not be made.",
    },
    "web.brief.set_aside.brief.remind": {
        "nl": "De trekkers konden niet worden gevraagd (gevraagd {moment}).",
        "en": "The owners could not be asked (asked for {moment}).",
    },
    "web.brief.set_aside.brief.final": {
        "nl": "De definitieve brief die {moment} werd gevraagd, kon niet worden gemaakt.",
        "en": "The final letter asked for {moment} could not be made.",
    },
    "web.brief.set_aside_next": {
        "nl": "Voortgang heeft het drie keer geprobeerd en de fout bewaard. Een beheerder kan "
        "het opnieuw laten proberen; je kunt het ook zelf opnieuw vragen.",
        "en": "Voortgang tried three times and kept the error. An operator can have it tried "
        "again; you can also ask for it again yourself.",
    },
    "web.brief.set_aside_retry": {
        "nl": "Naar het beheer",
        "en": "To the operators' page",
    },
    "web.brief.working_reload": {
        "nl": "Laad deze pagina opnieuw om te zien of het klaar is.",
        "en": "Reload this page to see whether it is done.",
    },
    # The owners without news.
    "web.brief.missing_heading": {"nl": "Nog geen update", "en": "No update yet"},
    "web.brief.missing_count": {
        "nl": {
            "one": "1 open actie heeft nog geen update over deze periode",
            "other": "{n} open acties hebben nog geen update over deze periode",
        },
        "en": {
            "one": "1 open action has no update for this period yet",
            "other": "{n} open actions have no update for this period yet",
        },
    },
    "web.brief.none_missing": {
        "nl": "Alle open acties hebben een update over deze periode.",
        "en": "Every open action has an update for this period.",
    },
    "web.brief.ask_hint": {
        "nl": "Ieder van hen krijgt één bericht per actie, met een week om te antwoorden, via het "
        "kanaal waarop Voortgang hen bereikt (bij afwezigheid de vervanger). Wie al gevraagd is "
        "over deze periode, wordt niet opnieuw gevraagd.",
        "en": "Each gets one message per action, with a week to answer, on the channel Voortgang "
        "reaches them on (their deputy while they are away). Whoever was asked about this "
        "period already is not asked again.",
    },
    "web.brief.ask_button": {"nl": "Vraag hen om een update", "en": "Ask them for an update"},
    "web.brief.ask_other_period": {
        "nl": "Het concept is van {period}: vragen gaat over de periode van het concept.",
        "en": "The draft is of {period}: asking is about the draft's period.",
    },
    "web.brief.to_period": {"nl": "Naar {period}", "en": "Go to {period}"},
    "web.brief.asked_caption": {
        "nl": "Gevraagd over deze periode",
        "en": "Asked about this period",
    },
    "web.brief.asked_summary": {
        "nl": {
            "one": "1 vraag over deze periode, de laatste op {moment}",
            "other": "{n} vragen over deze periode, de laatste op {moment}",
        },
        "en": {
            "one": "1 question about this period, the last on {moment}",
            "other": "{n} questions about this period, the last on {moment}",
        },
    },
    "web.brief.col_person": {"nl": "Gevraagd", "en": "Asked"},
    "web.brief.col_action": {"nl": "Actie", "en": "Action"},
    "web.brief.col_when": {"nl": "Wanneer", "en": "When"},
    "web.brief.deputy_for": {"nl": "vervanger van {owner}", "en": "deputy for {owner}"},
    "web.brief.ask_sent": {"nl": "gevraagd op {moment}", "en": "asked on {moment}"},
    "web.brief.ask_planned": {"nl": "wordt gevraagd op {moment}", "en": "to be asked on {moment}"},
    "web.brief.ask_cancelled": {
        "nl": "niet meer nodig (actie gesloten of termijn verzet)",
        "en": "no longer needed (action closed or deadline moved)",
    },
    # The draft's documents and publishing.
    "web.brief.documents_heading": {"nl": "Concept en publiceren", "en": "Draft and publishing"},
    "web.brief.draft_made": {
        "nl": "Concept versie {revision}, gemaakt op {moment}.",
        "en": "Draft version {revision}, made on {moment}.",
    },
    "web.brief.download_draft": {"nl": "Concept als {fmt}", "en": "Draft as {fmt}"},
    "web.brief.draft_hint": {
        "nl": "Wat hier geschreven wordt, komt vanzelf in een nieuwe versie van het concept.",
        "en": "What is written here goes into a new version of the draft by itself.",
    },
    "web.brief.draft_other": {
        "nl": "Het concept is van {period}.",
        "en": "The draft is of {period}.",
    },
    "web.brief.no_draft": {
        "nl": "Er is nog geen concept van deze periode. Maak het om de documenten te downloaden "
        "en de brief te publiceren.",
        "en": "There is no draft of this period yet. Make it to download its documents and to "
        "publish the letter.",
    },
    "web.brief.draft_button": {"nl": "Concept maken", "en": "Make the draft"},
    "web.brief.draft_again": {"nl": "Concept opnieuw maken", "en": "Make the draft again"},
    "web.brief.publish_button": {"nl": "Publiceren…", "en": "Publish…"},
    # The letter.
    "web.brief.letter_hint": {
        "nl": "Zo staat de brief in de documenten. Open een ‘schrijf’-knop om een tekst aan te "
        "passen.",
        "en": "This is the letter as the documents hold it. Open a ‘write’ button to change a "
        "text.",
    },
    "web.brief.chart_as_table": {"nl": "De grafiek als tabel", "en": "The chart as a table"},
    "web.brief.write_opening": {"nl": "Schrijf de opening", "en": "Write the opening"},
    "web.brief.opening_label": {
        "nl": "Opening van deze periode",
        "en": "This period's opening",
    },
    "web.brief.write_coordination": {
        "nl": "Schrijf de regieparagraaf",
        "en": "Write the coordination paragraph",
    },
    "web.brief.coordination_label": {
        "nl": "Regieparagraaf van deze periode",
        "en": "This period's coordination paragraph",
    },
    "web.brief.period_hint": {
        "nl": "Alinea's scheid je met een lege regel. Leeg opslaan zet de standaardtekst terug.",
        "en": "Separate paragraphs with an empty line. Saving it empty brings back the default.",
    },
    "web.brief.write_theme": {"nl": "Schrijf over {theme}", "en": "Write about {theme}"},
    "web.brief.theme_label": {
        "nl": "Paragraaf over {theme} in deze periode",
        "en": "Paragraph on {theme} in this period",
    },
    "web.brief.theme_hint": {
        "nl": "Alinea's scheid je met een lege regel. Leeg opslaan zet de beschrijving van het "
        "thema en de zinnen van Voortgang terug.",
        "en": "Separate paragraphs with an empty line. Saving it empty brings back the theme's "
        "description and Voortgang's sentences.",
    },
    "web.brief.reword": {
        "nl": "Formuleer de update over {action}",
        "en": "Reword the update on {action}",
    },
    "web.brief.original": {
        "nl": "De woorden van {author} ({date}), die in het register blijven staan:",
        "en": "The words of {author} ({date}), which stay in the register:",
    },
    "web.brief.wording_label": {
        "nl": "Formulering in de brief van de update over {action}",
        "en": "The letter's wording of the update on {action}",
    },
    "web.brief.wording_about": {
        "nl": "Actie {number} ({key}): {title}. Voortgangsbrief {period}.",
        "en": "Action {number} ({key}): {title}. Progress letter {period}.",
    },
    "web.brief.reworded": {"nl": "anders geformuleerd", "en": "reworded"},
    "web.brief.wording_hint": {
        "nl": "Leeg opslaan zet de woorden van de trekker terug.",
        "en": "Saving it empty brings back the owner's own words.",
    },
    "web.brief.written_by": {
        "nl": "Geschreven door {author} op {date}.",
        "en": "Written by {author} on {date}.",
    },
    "web.brief.default_applies": {
        "nl": "Nog niet geschreven: de brief gebruikt de standaardtekst.",
        "en": "Not written yet: the letter uses the default.",
    },
    "web.brief.earlier_versions": {
        "nl": {"one": "1 eerdere versie is bewaard.", "other": "{n} eerdere versies zijn bewaard."},
        "en": {"one": "1 earlier version is kept.", "other": "{n} earlier versions are kept."},
    },
    "web.brief.history": {"nl": "Eerdere versies", "en": "Earlier versions"},
    "web.brief.was_default": {"nl": "terug naar de standaardtekst", "en": "back to the default"},
    "web.brief.save": {"nl": "Opslaan", "en": "Save"},
    # The finals.
    "web.brief.finals_heading": {"nl": "Definitieve brieven", "en": "Final letters"},
    "web.brief.finals_caption": {
        "nl": "Gepubliceerde voortgangsbrieven, nieuwste eerst",
        "en": "Published progress letters, newest first",
    },
    "web.brief.col_number": {"nl": "Nummer", "en": "Number"},
    "web.brief.col_period": {"nl": "Periode", "en": "Period"},
    "web.brief.col_published": {"nl": "Gepubliceerd", "en": "Published"},
    "web.brief.col_documents": {"nl": "Documenten", "en": "Documents"},
    "web.brief.download_final": {
        "nl": "Brief {number} als {fmt}",
        "en": "Letter {number} as {fmt}",
    },
    "web.brief.no_finals": {
        "nl": "Er is nog geen definitieve brief.",
        "en": "There is no final letter yet.",
    },
    # -- the confirmation: /p/{key}/brief/publiceren -----------------------------------------
    "web.brief.publish_title": {"nl": "Brief publiceren", "en": "Publish the letter"},
    "web.brief.publish_what": {
        "nl": "Het concept van {period} wordt voortgangsbrief {number}.",
        "en": "The draft of {period} becomes progress letter {number}.",
    },
    "web.brief.publish_draft": {
        "nl": "Concept versie {revision} van {moment}; de brief wordt nu opnieuw samengesteld uit "
        "alle updates tot nu toe.",
        "en": "Draft version {revision} of {moment}; the letter is compiled again now from "
        "every update so far.",
    },
    "web.brief.publish_updates": {
        "nl": {"one": "1 update over deze periode", "other": "{n} updates over deze periode"},
        "en": {"one": "1 update for this period", "other": "{n} updates for this period"},
    },
    "web.brief.publish_reported": {
        "nl": {
            "one": "{n} van de {total} acties heeft nieuws",
            "other": "{n} van de {total} acties hebben nieuws",
        },
        "en": {
            "one": "{n} of the {total} actions has news",
            "other": "{n} of the {total} actions have news",
        },
    },
    "web.brief.publish_missing": {
        "nl": {
            "one": "1 open actie heeft nog geen update",
            "other": "{n} open acties hebben nog geen update",
        },
        "en": {
            "one": "1 open action has no update yet",
            "other": "{n} open actions have no update yet",
        },
    },
    "web.brief.publish_final_heading": {"nl": "Dit is definitief", "en": "This is final"},
    "web.brief.publish_final": {
        "nl": "Een definitieve brief krijgt een nummer en blijft zoals hij is: latere updates "
        "veranderen hem niet, en hij gaat naar de lezers, de raden en griffiers.",
        "en": "A final letter gets a number and stays as it is: later updates never change it, "
        "and it goes to the readers, the councils and their clerks.",
    },
    "web.brief.publish_readers": {
        "nl": {"one": "Hij gaat naar 1 lezer:", "other": "Hij gaat naar {n} lezers:"},
        "en": {"one": "It goes to 1 reader:", "other": "It goes to {n} readers:"},
    },
    "web.brief.publish_no_readers": {
        "nl": "Dit programma heeft geen lezers: de brief wordt alleen bewaard.",
        "en": "This programme has no readers: the letter is only kept.",
    },
    "web.brief.publish_confirm": {
        "nl": "Maak brief {number} definitief en verstuur hem",
        "en": "Make letter {number} final and send it",
    },
    "web.brief.publish_cancel": {
        "nl": "Nee, terug naar het concept",
        "en": "No, back to the draft",
    },
    "web.brief.publish_none": {
        "nl": "Er is geen concept om te publiceren. Maak eerst het concept op de pagina van de "
        "brief.",
        "en": "There is no draft to publish. Make the draft on the letter's page first.",
    },
    "web.brief.back_to_letter": {"nl": "Terug naar de brief", "en": "Back to the letter"},
}
