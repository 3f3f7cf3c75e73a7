"""Catalogue texts: the command line, and names shown everywhere (statuses)."""

from __future__ import annotations

from typing import Final, Literal

MESSAGES: Final[dict[str, dict[Literal["nl", "en"], str]]] = {
    "status.open": {"nl": "open", "en": "open"},
    "status.on_track": {"nl": "op schema", "en": "on track"},
    "status.at_risk": {"nl": "risico", "en": "at risk"},
    "status.delayed": {"nl": "vertraagd", "en": "delayed"},
    "status.done": {"nl": "afgerond", "en": "done"},
    "status.dropped": {"nl": "vervallen", "en": "dropped"},
    "cli.kind.programme": {"nl": "{n} programma", "en": "{n} programme"},
    "cli.kind.party": {"nl": "{n} partij(en)", "en": "{n} party/parties"},
    "cli.kind.track": {"nl": "{n} spo(o)r(en)", "en": "{n} track(s)"},
    "cli.kind.theme": {"nl": "{n} thema('s)", "en": "{n} theme(s)"},
    "cli.kind.person": {"nl": "{n} perso(o)n(en)", "en": "{n} person(s)"},
    "cli.kind.membership": {"nl": "{n} lidmaatschap(pen)", "en": "{n} membership(s)"},
    "cli.kind.absence": {"nl": "{n} afwezigheid/-heden", "en": "{n} absence(s)"},
    "cli.kind.action": {"nl": "{n} actie(s)", "en": "{n} action(s)"},
    "cli.kind.meeting": {"nl": "{n} bijeenkomst(en)", "en": "{n} meeting(s)"},
    "cli.file_refused": {
        "nl": "Niets geïmporteerd: het bestand heeft {n} fout(en). Herstel ze en probeer opnieuw:",
        "en": "Nothing imported: the file has {n} problem(s). Fix them and try again:",
    },
    "cli.import.checked": {
        "nl": "{file}: in orde ({actions} acties)",
        "en": "{file}: OK ({actions} actions)",
    },
    "cli.import.unchanged": {
        "nl": "{programme}: niets gewijzigd",
        "en": "{programme}: nothing changed",
    },
    "cli.import.done": {
        "nl": "{programme}: nieuw: {created}; gewijzigd: {changed}",
        "en": "{programme}: created: {created}; changed: {changed}",
    },
    "cli.import.deadline_moved": {
        "nl": "  deadline verschoven: {change}",
        "en": "  deadline moved: {change}",
    },
    "cli.import.status_changed": {
        "nl": "  status gewijzigd: {change}",
        "en": "  status changed: {change}",
    },
    "cli.import.not_in_file": {
        "nl": "  staat in het register maar niet meer in het bestand, blijft bewaard: {items}",
        "en": "  in the register but no longer in the file, kept: {items}",
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
    "cli.actions.count": {"nl": "{n} actie(s)", "en": "{n} action(s)"},
    "cli.actions.col.programme": {"nl": "programma", "en": "programme"},
    "cli.actions.col.number": {"nl": "#", "en": "#"},
    "cli.actions.col.key": {"nl": "sleutel", "en": "key"},
    "cli.actions.col.theme": {"nl": "thema", "en": "theme"},
    "cli.actions.col.title": {"nl": "actie", "en": "action"},
    "cli.actions.col.owners": {"nl": "eigenaar", "en": "owner"},
    "cli.actions.col.deadline": {"nl": "deadline", "en": "deadline"},
    "cli.actions.col.due": {"nl": "datum", "en": "date"},
    "cli.actions.col.status": {"nl": "status", "en": "status"},
    "cli.migrated": {
        "nl": "Database is bijgewerkt.",
        "en": "Database is up to date.",
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
