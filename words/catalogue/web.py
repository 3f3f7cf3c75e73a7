"""Texts of the web app's frame: the layout, sign-in and sign-out, and the pages that say why
something cannot be shown (signed out, refused, not found, the database away)."""

from __future__ import annotations

from typing import Final, Literal

MESSAGES: Final[dict[str, dict[Literal["nl", "en"], str]]] = {
    "web.app_name": {"nl": "Voortgang", "en": "Voortgang"},
    "web.skip": {"nl": "Direct naar de inhoud", "en": "Skip to content"},
    "web.nav_label": {"nl": "Hoofdmenu", "en": "Main menu"},
    "web.programme_nav_label": {"nl": "Programma", "en": "Programme"},
    "web.switch_label": {"nl": "Ander programma", "en": "Other programme"},
    "web.switch_button": {"nl": "Openen", "en": "Open"},
    "web.home": {"nl": "Start", "en": "Home"},
    "web.dashboard": {"nl": "Overzicht", "en": "Dashboard"},
    "web.register": {"nl": "Acties", "en": "Actions"},
    "web.letter": {"nl": "Voortgangsbrief", "en": "Progress letter"},
    "web.people": {"nl": "Mensen", "en": "People"},
    "web.files": {"nl": "Programmabestand", "en": "Programme file"},
    "web.mine": {"nl": "Mijn acties", "en": "My actions"},
    "web.signed_in_as": {"nl": "Ingelogd als {name}", "en": "Signed in as {name}"},
    "web.sign_out": {"nl": "Uitloggen", "en": "Sign out"},
    "web.local_mode": {
        "nl": "Lokale modus: alleen op deze computer bereikbaar.",
        "en": "Local mode: reachable on this computer only.",
    },
    # The home page after signing in.
    "web.home_title": {"nl": "Je programma's", "en": "Your programmes"},
    "web.home_intro": {
        "nl": "Kies een programma. Je rol staat erbij.",
        "en": "Choose a programme. Your role is shown with it.",
    },
    "web.home_none": {
        "nl": "Je hoort (nog) bij geen enkel programma.",
        "en": "You are not part of any programme (yet).",
    },
    "web.role.director": {"nl": "programmaregisseur", "en": "programme director"},
    "web.role.support": {"nl": "programmaondersteuning", "en": "programme support"},
    "web.role.sponsor": {"nl": "opdrachtgever", "en": "sponsor"},
    "web.role.member": {"nl": "lid", "en": "member"},
    "web.role.reader": {"nl": "lezer", "en": "reader"},
    # Sign-in by a link in the mail.
    "web.signin.title": {"nl": "Inloggen", "en": "Sign in"},
    "web.signin.intro": {
        "nl": "Vul je e-mailadres in. Je krijgt een link waarmee je inlogt; die werkt één keer "
        "en een kwartier lang.",
        "en": "Enter your email address. You will get a link to sign in with; it works once, "
        "for fifteen minutes.",
    },
    "web.signin.email": {"nl": "E-mailadres", "en": "Email address"},
    "web.signin.send": {"nl": "Stuur me een link", "en": "Send me a link"},
    "web.signin.bad_email": {
        "nl": "Vul een e-mailadres in, zoals naam@gemeente.nl.",
        "en": "Enter an email address, such as name@example.org.",
    },
    "web.signin.error_title": {"nl": "Er is een probleem", "en": "There is a problem"},
    "web.signin.sent_title": {"nl": "Kijk in je mail", "en": "Check your mail"},
    "web.signin.sent": {
        "nl": "Als {email} bij een programma hoort, is er nu een link onderweg. Geen bericht "
        "binnen een paar minuten? Kijk in je spam, of vraag de programmaregisseur of dit adres "
        "in het programma staat.",
        "en": "If {email} belongs to a programme, a link is on its way. Nothing within a few "
        "minutes? Look in your spam folder, or ask the programme director whether this address "
        "is in the programme.",
    },
    "web.signin.too_many_title": {"nl": "Even geduld", "en": "Please wait"},
    "web.signin.too_many": {
        "nl": "Er is de afgelopen tijd te vaak een link gevraagd. Probeer het over een uur "
        "opnieuw.",
        "en": "A link was asked for too often lately. Try again in an hour.",
    },
    "web.signin.oidc": {"nl": "Inloggen met {name}", "en": "Sign in with {name}"},
    "web.signin.or": {"nl": "Of met een link per e-mail:", "en": "Or with a link by email:"},
    # The message that carries the link (mail or chat).
    "web.signin.message": {
        "nl": "Je vroeg om in te loggen bij Voortgang. Open de link hieronder; hij werkt één "
        "keer en een kwartier lang. Vroeg je dit niet? Dan kun je dit bericht negeren.",
        "en": "You asked to sign in to Voortgang. Open the link below; it works once, for "
        "fifteen minutes. Did you not ask for this? Then you can ignore this message.",
    },
    "web.signin.link_line": {"nl": "Inloggen: {url}", "en": "Sign in: {url}"},
    # The page the link opens: a button, because mail scanners open links too.
    "web.signin.confirm_title": {"nl": "Inloggen bevestigen", "en": "Confirm signing in"},
    "web.signin.confirm": {
        "nl": "Log in als {name}.",
        "en": "Sign in as {name}.",
    },
    "web.signin.confirm_button": {"nl": "Inloggen", "en": "Sign in"},
    "web.signin.link_gone_title": {"nl": "Link werkt niet meer", "en": "Link no longer works"},
    "web.signin.link_gone": {
        "nl": "Deze inloglink is al gebruikt, verlopen of onbekend. Vraag een nieuwe aan.",
        "en": "This sign-in link was used already, has expired or is unknown. Ask for a new one.",
    },
    "web.signin.ask_again": {"nl": "Nieuwe link aanvragen", "en": "Ask for a new link"},
    "web.signin.local_gone": {
        "nl": "Deze lokale link hoort niet bij deze sessie van Voortgang. Gebruik het adres "
        "dat de console nu toont.",
        "en": "This local link does not belong to this run of Voortgang. Use the address the "
        "console shows now.",
    },
    "web.signout.title": {"nl": "Uitgelogd", "en": "Signed out"},
    "web.signout.done": {"nl": "Je bent uitgelogd.", "en": "You are signed out."},
    "web.signout.again": {"nl": "Opnieuw inloggen", "en": "Sign in again"},
    # Pages that say why not.
    "web.refused_title": {"nl": "Geen toegang", "en": "No access"},
    "web.missing_title": {"nl": "Niet gevonden", "en": "Not found"},
    "web.missing": {
        "nl": "Deze pagina bestaat niet, of je hebt er geen toegang toe.",
        "en": "This page does not exist, or you have no access to it.",
    },
    "web.csrf_title": {"nl": "Formulier verlopen", "en": "Form expired"},
    "web.csrf": {
        "nl": "Dit formulier kwam niet van deze pagina, of je sessie is verlopen. Er is niets "
        "veranderd. Ga terug, laad de pagina opnieuw en probeer het nog eens.",
        "en": "This form did not come from this page, or your session has expired. Nothing "
        "was changed. Go back, reload the page and try again.",
    },
    "web.unavailable_title": {"nl": "Even niet bereikbaar", "en": "Briefly unavailable"},
    "web.unavailable": {
        "nl": "Voortgang kan de gegevens nu niet bereiken. Er is niets veranderd; probeer het "
        "over een minuut opnieuw.",
        "en": "Voortgang cannot reach its data right now. Nothing was changed; try again in a "
        "minute.",
    },
    "web.too_large_title": {"nl": "Te groot", "en": "Too large"},
    "web.too_large": {
        "nl": "Wat je stuurde is groter dan Voortgang aanneemt. Er is niets veranderd.",
        "en": "What you sent is larger than Voortgang accepts. Nothing was changed.",
    },
    "web.back_home": {"nl": "Naar de startpagina", "en": "To the home page"},
}
