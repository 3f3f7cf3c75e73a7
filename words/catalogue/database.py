"""Catalogue texts: the database that cannot be used, its schema, and the secret keys.

Printed by the command line as one line each; ``db.unavailable`` takes a ``db.what.*`` (what
failed) and a ``db.check.*`` (what to check) for the failure (``storage.connect.Failure``).
"""

from __future__ import annotations

from typing import Final, Literal

from words.catalogue.plural import Text

MESSAGES: Final[dict[str, dict[Literal["nl", "en"], Text]]] = {
    "db.unavailable": {
        "nl": "De database {where} is niet bruikbaar: {what}. Controleer {check}.",
        "en": "Cannot use the database at {where}: {what}. Check {check}.",
    },
    "db.what.refused": {
        "nl": "de verbinding werd geweigerd (op die poort luistert geen server)",
        "en": "the connection was refused (no server listens on that port)",
    },
    "db.check.refused": {
        "nl": "of PostgreSQL draait en of host en poort in DATABASE_URL kloppen",
        "en": "that PostgreSQL is running and that DATABASE_URL names the right host and port",
    },
    "db.what.unknown_host": {
        "nl": "de hostnaam is onbekend",
        "en": "the host name is unknown",
    },
    "db.check.unknown_host": {
        "nl": "de hostnaam in DATABASE_URL en de DNS van deze machine",
        "en": "the host name in DATABASE_URL and this machine's DNS",
    },
    "db.what.timeout": {
        "nl": "geen antwoord binnen {seconds} seconden",
        "en": "no answer within {seconds} seconds",
    },
    "db.check.timeout": {
        "nl": "het adres in DATABASE_URL, het netwerk en de firewall tussen hier en de server",
        "en": "the address in DATABASE_URL, the network and any firewall between here and the "
        "server",
    },
    "db.what.network": {
        "nl": "het netwerk gaf een fout",
        "en": "the network gave an error",
    },
    "db.check.network": {
        "nl": "het netwerk tussen hier en de server en het adres in DATABASE_URL",
        "en": "the network between here and the server and the address in DATABASE_URL",
    },
    "db.what.starting": {
        "nl": "de server start op, stopt of heeft geen verbindingen meer vrij",
        "en": "the server is starting up, shutting down or has no connections left",
    },
    "db.check.starting": {
        "nl": "over een ogenblik of het weer lukt, en anders het log van de server",
        "en": "again in a moment, or else the server's log",
    },
    "db.what.authentication": {
        "nl": "de server weigerde de gebruiker of het wachtwoord",
        "en": "the server refused the user or the password",
    },
    "db.check.authentication": {
        "nl": "gebruiker en wachtwoord in DATABASE_URL (en pg_hba.conf van de server)",
        "en": "the user and password in DATABASE_URL (and the server's pg_hba.conf)",
    },
    "db.what.no_database": {
        "nl": "die database bestaat niet",
        "en": "that database does not exist",
    },
    "db.check.no_database": {
        "nl": "de databasenaam in DATABASE_URL, of maak de database aan (createdb NAAM)",
        "en": "the database name in DATABASE_URL, or create the database (createdb NAME)",
    },
    "db.what.folder": {
        "nl": "de map van het bestand ontbreekt, is alleen-lezen of kan niet worden gemaakt "
        "({detail})",
        "en": "the file's folder is missing, read-only or cannot be made ({detail})",
    },
    "db.check.folder": {
        "nl": "het pad in DATABASE_URL en de rechten op die map",
        "en": "the path in DATABASE_URL and the permissions of that folder",
    },
    "db.what.not_sqlite": {
        "nl": "het bestand is geen SQLite-database ({detail})",
        "en": "the file is not a SQLite database ({detail})",
    },
    "db.check.not_sqlite": {
        "nl": "het pad in DATABASE_URL",
        "en": "the path in DATABASE_URL",
    },
    "db.what.other": {
        "nl": "{detail}",
        "en": "{detail}",
    },
    "db.check.other": {
        "nl": "DATABASE_URL en het log van de server",
        "en": "DATABASE_URL and the server's log",
    },
    "db.migrated": {
        "nl": "Database bijgewerkt: schemaversie {found} → {head}.",
        "en": "Database migrated: schema revision {found} → {head}.",
    },
    "db.empty": {"nl": "leeg", "en": "empty"},
    "db.migration_waiting": {
        "nl": "Een ander proces werkt de database bij; ik wacht tot dat klaar is.",
        "en": "Another process is migrating the database; I am waiting for it to finish.",
    },
    "db.schema_unknown": {
        "nl": "De database {where} heeft schemaversie {found}, die deze versie van Voortgang niet "
        "kent (de nieuwste is {head}): gemaakt door een nieuwere versie, of door iets anders. "
        "Er is niets gemigreerd; start de nieuwere versie, of herstel de database.",
        "en": "The database at {where} has schema revision {found}, which this version of "
        "Voortgang does not know (its newest is {head}): made by a newer version, or by "
        "something else. Nothing was migrated; run the newer version, or restore the database.",
    },
    "db.schema_foreign": {
        "nl": "De database {where} bevat tabellen maar geen schemaversie van Voortgang; er is "
        "niets gemigreerd. Geef in DATABASE_URL een lege database of die van Voortgang.",
        "en": "The database at {where} holds tables but no Voortgang schema revision; nothing "
        "was migrated. Point DATABASE_URL at an empty database or at Voortgang's own.",
    },
    "secrets.missing": {
        "nl": "VOORTGANG_SECRET_KEYS ontbreekt: tokens van Slack (installaties via OAuth) en "
        "Teams worden versleuteld opgeslagen en daarvoor is een sleutel nodig. Maak er een met "
        "`voortgang secret-key` (of {command}) en zet die in VOORTGANG_SECRET_KEYS.",
        "en": "VOORTGANG_SECRET_KEYS is not set: tokens of Slack (installs through OAuth) and "
        "Teams are stored encrypted, which needs a key. Make one with `voortgang secret-key` "
        "(or {command}) and put it in VOORTGANG_SECRET_KEYS.",
    },
    "secrets.plain": {
        "nl": "VOORTGANG_SECRET_KEYS: er staat nog een token onversleuteld in de database, van "
        "voor de versleuteling; voer eenmaal `voortgang rotate-secrets` uit.",
        "en": "VOORTGANG_SECRET_KEYS: a token is still stored in plain text, from before "
        "encryption; run `voortgang rotate-secrets` once.",
    },
    "secrets.unreadable": {
        "nl": "VOORTGANG_SECRET_KEYS: een opgeslagen token is met geen van de sleutels te "
        "ontsleutelen; zet de sleutel waarmee het versleuteld is terug in de lijst.",
        "en": "VOORTGANG_SECRET_KEYS: a stored token cannot be decrypted with any of the keys; "
        "put the key it was encrypted with back in the list.",
    },
    # {plain} is secrets.rotated_plain below, or nothing when every token was encrypted.
    "secrets.rotated": {
        "nl": {
            "one": "{n} opgeslagen token versleuteld met de eerste sleutel{plain}. Oudere "
            "sleutels kunnen nu uit VOORTGANG_SECRET_KEYS worden gehaald.",
            "other": "{n} opgeslagen tokens versleuteld met de eerste sleutel{plain}. Oudere "
            "sleutels kunnen nu uit VOORTGANG_SECRET_KEYS worden gehaald.",
        },
        "en": {
            "one": "{n} stored token encrypted with the first key{plain}. Older keys can now "
            "be removed from VOORTGANG_SECRET_KEYS.",
            "other": "{n} stored tokens encrypted with the first key{plain}. Older keys can "
            "now be removed from VOORTGANG_SECRET_KEYS.",
        },
    },
    "secrets.rotated_plain": {
        "nl": {
            "one": " ({n} daarvan stond nog onversleuteld)",
            "other": " ({n} daarvan stonden nog onversleuteld)",
        },
        "en": {
            "one": " ({n} of them was still in plain text)",
            "other": " ({n} of them were still in plain text)",
        },
    },
}
