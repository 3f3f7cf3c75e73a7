"""Texts of signing in through the organisation's own account (OpenID Connect, bot.web.oidc):
why a sign-in did not go through, and what to do next."""

from __future__ import annotations

from typing import Final, Literal

MESSAGES: Final[dict[str, dict[Literal["nl", "en"], str]]] = {
    # The provider when the deployment gives it no name (VOORTGANG_OIDC_NAME): "Inloggen met
    # je organisatie", "bij je organisatie".
    "web.oidc.provider": {"nl": "je organisatie", "en": "your organisation"},
    "web.oidc.title": {"nl": "Inloggen is niet gelukt", "en": "Signing in did not work"},
    # Why; {provider} is the button's name ("Microsoft") or web.oidc.provider.
    "web.oidc.expired": {
        "nl": "Deze aanmelding is verlopen of in een ander browservenster begonnen. Begin "
        "opnieuw; het duurt maar even.",
        "en": "This sign-in has expired or was started in another browser window. Start again; "
        "it only takes a moment.",
    },
    "web.oidc.used": {
        "nl": "Deze aanmelding is al gebruikt. Ben je nog niet ingelogd, begin dan opnieuw.",
        "en": "This sign-in has already been used. If you are not signed in yet, start again.",
    },
    "web.oidc.denied": {
        "nl": "De aanmelding bij {provider} is afgebroken of geweigerd. Je bent niet ingelogd.",
        "en": "Signing in with {provider} was cancelled or refused. You are not signed in.",
    },
    "web.oidc.provider_error": {
        "nl": "De aanmelding is bij {provider} niet doorgelaten, dus je bent niet ingelogd. "
        "Blijft dit gebeuren, geef dan de foutcode hieronder door aan wie Voortgang beheert.",
        "en": "The sign-in was not let through by {provider}, so you are not signed in. If this "
        "keeps happening, pass the error code below on to whoever runs Voortgang.",
    },
    "web.oidc.code": {"nl": "Foutcode: {code}", "en": "Error code: {code}"},
    "web.oidc.bad_token": {
        "nl": "Het antwoord van {provider} kon niet worden gecontroleerd, dus je bent niet "
        "ingelogd. Probeer het opnieuw; blijft dit gebeuren, meld het dan aan wie Voortgang "
        "beheert.",
        "en": "The answer from {provider} could not be verified, so you are not signed in. Try "
        "again; if this keeps happening, tell whoever runs Voortgang.",
    },
    "web.oidc.no_email": {
        "nl": "Van {provider} kwam geen bevestigd e-mailadres van je mee, dus Voortgang weet "
        "niet wie je bent. Log in met een link per e-mail, of vraag wie de accounts van "
        "{provider} beheert om je e-mailadres mee te sturen.",
        "en": "No confirmed email address of yours came from {provider}, so Voortgang does not "
        "know who you are. Sign in with a link by email, or ask whoever manages the accounts of "
        "{provider} to send your email address along.",
    },
    "web.oidc.unknown": {
        "nl": "Je bent bij {provider} aangemeld als {email}, maar met dat adres doet niemand "
        "mee aan een programma in Voortgang. Staat je werk onder een ander adres, log dan in "
        "met een link naar dat adres; of vraag de programmaregisseur om dit adres toe te voegen.",
        "en": "You signed in with {provider} as {email}, but nobody with that address takes "
        "part in a programme in Voortgang. If your work is under another address, sign in with "
        "a link to that address, or ask the programme director to add this one.",
    },
    "web.oidc.unavailable": {
        "nl": "Inloggen met {provider} lukt nu niet: de dienst is niet bereikbaar. Probeer het "
        "over een paar minuten opnieuw, of log in met een link per e-mail.",
        "en": "Signing in with {provider} does not work right now: it cannot be reached. Try "
        "again in a few minutes, or sign in with a link by email.",
    },
    "web.oidc.too_many": {
        "nl": "Inloggen met {provider} is vanaf deze plek de afgelopen tijd te vaak mislukt. "
        "Probeer het over een uur opnieuw, of log in met een link per e-mail.",
        "en": "Signing in with {provider} failed too often from here lately. Try again in an "
        "hour, or sign in with a link by email.",
    },
    "web.oidc.again": {
        "nl": "Opnieuw inloggen met {provider}",
        "en": "Sign in with {provider} again",
    },
    "web.oidc.by_link": {
        "nl": "Inloggen met een link per e-mail",
        "en": "Sign in with a link by email",
    },
}
