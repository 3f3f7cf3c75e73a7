"""Catalogue texts: the command line, and names shown everywhere (statuses)."""

from __future__ import annotations

from typing import Final, Literal

from words.catalogue.plural import Text

MESSAGES: Final[dict[str, dict[Literal["nl", "en"], Text]]] = {
    "status.open": {"nl": "open", "en": "open"},
    "status.on_track": {"nl": "op schema", "en": "on track"},
    "status.at_risk": {"nl": "risico", "en": "at risk"},
    "status.delayed": {"nl": "vertraagd", "en": "delayed"},
    "status.done": {"nl": "afgerond", "en": "done"},
    "status.dropped": {"nl": "vervallen", "en": "dropped"},
    # Counts in the import's report, chosen by n (see words.catalogue.plural).
    "cli.kind.programme": {
        "nl": {"one": "{n} programma", "other": "{n} programma's"},
        "en": {"one": "{n} programme", "other": "{n} programmes"},
    },
    "cli.kind.party": {
        "nl": {"one": "{n} partij", "other": "{n} partijen"},
        "en": {"one": "{n} party", "other": "{n} parties"},
    },
    "cli.kind.track": {
        "nl": {"one": "{n} spoor", "other": "{n} sporen"},
        "en": {"one": "{n} track", "other": "{n} tracks"},
    },
    "cli.kind.theme": {
        "nl": {"one": "{n} thema", "other": "{n} thema's"},
        "en": {"one": "{n} theme", "other": "{n} themes"},
    },
    "cli.kind.person": {
        "nl": {"one": "{n} persoon", "other": "{n} personen"},
        "en": {"one": "{n} person", "other": "{n} people"},
    },
    "cli.kind.membership": {
        "nl": {"one": "{n} lidmaatschap", "other": "{n} lidmaatschappen"},
        "en": {"one": "{n} membership", "other": "{n} memberships"},
    },
    "cli.kind.absence": {
        "nl": {"one": "{n} afwezigheid", "other": "{n} afwezigheden"},
        "en": {"one": "{n} absence", "other": "{n} absences"},
    },
    "cli.kind.action": {
        "nl": {"one": "{n} actie", "other": "{n} acties"},
        "en": {"one": "{n} action", "other": "{n} actions"},
    },
    "cli.kind.meeting": {
        "nl": {"one": "{n} bijeenkomst", "other": "{n} bijeenkomsten"},
        "en": {"one": "{n} meeting", "other": "{n} meetings"},
    },
    # One row of the register by its kind and key, as in "actie OW-10".
    "cli.item.programme": {"nl": "programma {key}", "en": "programme {key}"},
    "cli.item.party": {"nl": "partij {key}", "en": "party {key}"},
    "cli.item.track": {"nl": "spoor {key}", "en": "track {key}"},
    "cli.item.theme": {"nl": "thema {key}", "en": "theme {key}"},
    "cli.item.person": {"nl": "persoon {key}", "en": "person {key}"},
    "cli.item.membership": {"nl": "lidmaatschap {key}", "en": "membership {key}"},
    "cli.item.absence": {"nl": "afwezigheid {key}", "en": "absence {key}"},
    "cli.item.action": {"nl": "actie {key}", "en": "action {key}"},
    "cli.item.meeting": {"nl": "bijeenkomst {key}", "en": "meeting {key}"},
    "cli.file_refused": {
        "nl": {
            "one": "Niets geïmporteerd: het bestand heeft een fout. Herstel die en probeer "
            "het opnieuw:",
            "other": "Niets geïmporteerd: het bestand heeft {n} fouten. Herstel ze en probeer "
            "het opnieuw:",
        },
        "en": {
            "one": "Nothing imported: the file has a problem. Fix it and try again:",
            "other": "Nothing imported: the file has {n} problems. Fix them and try again:",
        },
    },
    "cli.import.checked": {
        "nl": {"one": "{file}: in orde ({n} actie)", "other": "{file}: in orde ({n} acties)"},
        "en": {"one": "{file}: OK ({n} action)", "other": "{file}: OK ({n} actions)"},
    },
    "cli.import.unchanged": {
        "nl": "{programme}: niets gewijzigd",
        "en": "{programme}: nothing changed",
    },
    # The first line of an import's report: the programme, then what is new and what changed
    # (each left out when empty), joined by "; ".
    "cli.import.done": {"nl": "{programme}: {summary}", "en": "{programme}: {summary}"},
    "cli.import.created": {"nl": "nieuw: {items}", "en": "created: {items}"},
    "cli.import.changed": {"nl": "gewijzigd: {items}", "en": "changed: {items}"},
    "cli.import.deadline_moved": {
        "nl": "  deadline verschoven: {key}: {old} → {new}",
        "en": "  deadline moved: {key}: {old} → {new}",
    },
    "cli.import.no_deadline": {"nl": "geen deadline", "en": "no deadline"},
    "cli.import.status_changed": {
        "nl": "  status gewijzigd: {key}: {old} → {new}",
        "en": "  status changed: {key}: {old} → {new}",
    },
    "cli.import.not_in_file": {
        "nl": "  niet meer in het bestand, wel bewaard in het register: {items}",
        "en": "  no longer in the file, kept in the register: {items}",
    },
    "cli.no_such_programme": {
        "nl": "Onbekend programma {key!r}; bekend: {known}",
        "en": "Unknown programme {key!r}; known: {known}",
    },
    "cli.no_programmes": {
        "nl": "Er staat nog geen programma in het register; importeer er eerst een "
        "(voortgang import BESTAND).",
        "en": "The register has no programme yet; import one first (voortgang import FILE).",
    },
    "cli.which_programme": {
        "nl": "Er zijn meerdere programma's; kies er een met --programme: {known}",
        "en": "There are several programmes; choose one with --programme: {known}",
    },
    "cli.export.xlsx_needs_file": {
        "nl": "XLSX kan niet naar het scherm; geef een bestand op met -o BESTAND.xlsx",
        "en": "XLSX cannot go to the terminal; name a file with -o FILE.xlsx",
    },
    "cli.export.cannot_write": {
        "nl": "Kan {file} niet schrijven: {error}",
        "en": "Cannot write {file}: {error}",
    },
    "cli.export.written": {"nl": "Geschreven: {file}", "en": "Written: {file}"},
    "cli.bad_status": {
        "nl": "Onbekende status {value!r}; kies uit {known}",
        "en": "Unknown status {value!r}; choose from {known}",
    },
    "cli.actions.none": {
        "nl": "Geen acties gevonden.",
        "en": "No actions found.",
    },
    "cli.actions.count": {
        "nl": {"one": "{n} actie", "other": "{n} acties"},
        "en": {"one": "{n} action", "other": "{n} actions"},
    },
    "cli.actions.col.programme": {"nl": "programma", "en": "programme"},
    "cli.actions.col.number": {"nl": "#", "en": "#"},
    "cli.actions.col.key": {"nl": "sleutel", "en": "key"},
    "cli.actions.col.theme": {"nl": "thema", "en": "theme"},
    "cli.actions.col.title": {"nl": "actie", "en": "action"},
    "cli.actions.col.owners": {"nl": "eigenaren", "en": "owners"},
    "cli.actions.col.deadline": {"nl": "deadline", "en": "deadline"},
    "cli.actions.col.due": {"nl": "datum", "en": "date"},
    "cli.actions.col.status": {"nl": "status", "en": "status"},
    # Nothing to migrate: the schema was already the newest.
    "cli.migrated": {
        "nl": "De database is al bijgewerkt.",
        "en": "The database is already up to date.",
    },
    "cli.brief.final_kept": {
        "nl": "Over deze periode is voortgangsbrief {number} definitief gemaakt op {date}: dit is "
        "die brief, zoals hij toen werd vastgelegd.",
        "en": "Progress letter {number} about this period was made final on {date}: this is "
        "that letter, as it was frozen then.",
    },
    "cli.brief.final_newer": {
        "nl": "Sindsdien veranderden {n} updates over deze periode; --fresh stelt de brief "
        "opnieuw samen uit het register en zegt hoe die afwijkt.",
        "en": "Since then {n} updates about this period changed; --fresh compiles the letter "
        "again from the register and says how it differs.",
    },
    "cli.brief.needs_output": {
        "nl": "Een {format}-bestand schrijf ik niet naar het scherm: geef een bestand met -o.",
        "en": "I don't write a {format} file to the screen: name a file with -o.",
    },
    "cli.teams_package.error.client_id": {
        "nl": "{value!r} is geen geldige client-id. Geef de Application (client) ID van de "
        "app-registratie in Microsoft Entra, een GUID zoals "
        "1b4f7c2e-5a3d-4e8f-9c21-7d6b0a9e3f45.",
        "en": "{value!r} is not a valid client id. Give the Application (client) ID of the "
        "app registration in Microsoft Entra, a GUID such as "
        "1b4f7c2e-5a3d-4e8f-9c21-7d6b0a9e3f45.",
    },
    "cli.teams_package.error.version": {
        "nl": "{value!r} is geen geldige versie: Teams wil drie getallen, zoals 1.0.0 of 1.2.10.",
        "en": "{value!r} is not a valid version: Teams wants three numbers, such as 1.0.0 or "
        "1.2.10.",
    },
    "cli.teams_package.error.name": {
        "nl": "De naam van de app moet 1 tot {max_name} tekens lang zijn, niet {value!r}.",
        "en": "The app's name must be 1 to {max_name} characters long, not {value!r}.",
    },
    "cli.teams_package.error.developer_name": {
        "nl": "De naam van de ontwikkelaar moet 1 tot {max_developer} tekens lang zijn, "
        "niet {value!r}.",
        "en": "The developer's name must be 1 to {max_developer} characters long, not {value!r}.",
    },
    "cli.teams_package.error.url": {
        "nl": "{value!r} is geen geldig adres: Teams wil een https-adres, zoals "
        "https://www.gemeente.nl/privacy.",
        "en": "{value!r} is not a valid address: Teams wants an https address, such as "
        "https://www.example.org/privacy.",
    },
    "cli.teams_package.error.domain": {
        "nl": "{value!r} is geen geldige domeinnaam: geef alleen de host, zoals "
        "voortgang.gemeente.nl (zonder https:// en zonder pad).",
        "en": "{value!r} is not a valid domain: give the host alone, such as "
        "voortgang.example.org (without https:// and without a path).",
    },
}
