"""Texts of the web app's people page, its operators' page of set-aside events and jobs, and
the programme-file page (export and import)."""

from __future__ import annotations

from typing import Final, Literal

from words.catalogue.plural import Text

MESSAGES: Final[dict[str, dict[Literal["nl", "en"], Text]]] = {
    # The people page.
    "web.people.title": {"nl": "Mensen", "en": "People"},
    "web.people.intro_manager": {
        "nl": "Iedereen in {programme}: wie er afwezig is en wie dan antwoordt, en waar "
        "Voortgang ieder bericht naartoe stuurt.",
        "en": "Everyone in {programme}: who is away and who answers meanwhile, and where "
        "Voortgang sends each person's messages.",
    },
    "web.people.intro_sponsor": {
        "nl": "Iedereen in {programme}, en wie er afwezig is en wie dan antwoordt.",
        "en": "Everyone in {programme}, and who is away and who answers meanwhile.",
    },
    "web.people.managers_sponsors": {
        "nl": "Deze pagina is voor de programmaregisseur, programmaondersteuning en de "
        "opdrachtgevers.",
        "en": "This page is for the programme director, programme support and the sponsors.",
    },
    "web.people.set_aside_waiting": {
        "nl": {
            "one": "{n} chatbericht of opdracht is apart gezet na herhaald mislukken: bekijken",
            "other": "{n} chatberichten of opdrachten zijn apart gezet na herhaald mislukken: "
            "bekijken",
        },
        "en": {
            "one": "{n} chat event or job was set aside after failing repeatedly: view it",
            "other": "{n} chat events or jobs were set aside after failing repeatedly: view them",
        },
    },
    "web.people.away_heading": {"nl": "Afwezig", "en": "Away"},
    "web.people.away_caption": {
        "nl": {
            "one": "{n} persoon is afwezig of heeft afwezigheid gepland",
            "other": "{n} mensen zijn afwezig of hebben afwezigheid gepland",
        },
        "en": {
            "one": "{n} person is away or has planned to be",
            "other": "{n} people are away or have planned to be",
        },
    },
    "web.people.nobody_away": {
        "nl": "Niemand is afwezig, en niemand heeft afwezigheid gepland.",
        "en": "Nobody is away, and nobody has planned to be.",
    },
    "web.people.away_how": {
        "nl": "Afwezigheid geeft ieder zelf door in de chat ('afwezig 1 t/m 12 december, "
        "vervanger Wim'), of staat in het programmabestand.",
        "en": "Everyone sets their own absence in chat ('away 1 to 12 December, deputy Wim'), "
        "or it is in the programme file.",
    },
    "web.people.period": {"nl": "{start} t/m {end}", "en": "{start} to {end}"},
    "web.people.away_now": {"nl": "nu afwezig", "en": "away now"},
    "web.people.away_planned": {"nl": "gepland", "en": "planned"},
    "web.people.no_deputy": {"nl": "geen vervanger", "en": "no deputy"},
    "web.people.everyone_heading": {"nl": "Iedereen", "en": "Everyone"},
    "web.people.everyone_caption": {
        "nl": {"one": "{n} persoon in het programma", "other": "{n} mensen in het programma"},
        "en": {"one": "{n} person in the programme", "other": "{n} people in the programme"},
    },
    "web.people.channels_intro": {
        "nl": "'Bereikt via' is waar Voortgang een bericht aan die persoon nu naartoe stuurt: "
        "het kanaal uit het programmabestand, anders de chat waar ze bekend zijn, anders "
        "e-mail.",
        "en": "'Reached on' is where Voortgang sends a message to that person now: the "
        "channel the programme file names, else the chat they are known on, else email.",
    },
    "web.people.col.name": {"nl": "Naam", "en": "Name"},
    "web.people.col.role": {"nl": "Rol", "en": "Role"},
    "web.people.col.party": {"nl": "Partij", "en": "Party"},
    "web.people.col.channel": {"nl": "Bereikt via", "en": "Reached on"},
    "web.people.col.period": {"nl": "Periode", "en": "Period"},
    "web.people.col.state": {"nl": "Stand", "en": "State"},
    "web.people.col.deputy": {"nl": "Vervanger", "en": "Deputy"},
    "web.people.col.platform": {"nl": "Platform", "en": "Platform"},
    "web.people.col.since": {"nl": "Sinds", "en": "Since"},
    "web.people.col.reason": {"nl": "Reden", "en": "Reason"},
    "web.people.platform.slack": {"nl": "Slack", "en": "Slack"},
    "web.people.platform.teams": {"nl": "Teams", "en": "Teams"},
    "web.people.platform.email": {"nl": "e-mail", "en": "email"},
    "web.people.platform.console": {"nl": "console", "en": "console"},
    "web.people.platform.web": {"nl": "web", "en": "web"},
    "web.people.platform.import": {"nl": "import", "en": "import"},
    "web.people.named_in_file": {
        "nl": "(zo in het programmabestand)",
        "en": "(as the programme file says)",
    },
    "web.people.nowhere": {"nl": "nergens bereikbaar", "en": "reachable nowhere"},
    "web.people.no_address": {
        "nl": "geen platform van deze installatie kent deze persoon, en er is geen e-mailadres",
        "en": "no platform of this installation knows this person, and there is no email address",
    },
    "web.people.unreachable_heading": {"nl": "Niet bereikbaar", "en": "Unreachable"},
    "web.people.unreachable_intro": {
        "nl": "Hier weigerde een platform een bericht van Voortgang (de app niet geïnstalleerd, "
        "een geblokkeerde chat). Voortgang slaat dat platform over tot de persoon daar zelf "
        "weer iets stuurt, en mailt zo lang als er een adres is.",
        "en": "Here a platform refused a message from Voortgang (the app not installed, a "
        "blocked chat). Voortgang passes that platform over until the person writes there "
        "again, and mails them meanwhile when there is an address.",
    },
    "web.people.unreachable_caption": {
        "nl": {
            "one": "{n} persoon is ergens niet bereikbaar",
            "other": "{n} mensen zijn ergens niet bereikbaar",
        },
        "en": {
            "one": "{n} person cannot be reached somewhere",
            "other": "{n} people cannot be reached somewhere",
        },
    },
    "web.people.all_reachable": {
        "nl": "Iedereen is bereikbaar: geen platform heeft een bericht geweigerd.",
        "en": "Everyone can be reached: no platform refused a message.",
    },
    # The operators' page.
    "web.people.operators_only": {
        "nl": "Deze pagina is voor de beheerders van deze installatie (VOORTGANG_OPERATORS).",
        "en": "This page is for the operators of this installation (VOORTGANG_OPERATORS).",
    },
    "web.people.operate.title": {"nl": "Apart gezet", "en": "Set aside"},
    "web.people.operate.intro": {
        "nl": "Chatberichten en opdrachten die na herhaald mislukken apart zijn gezet, zodat "
        "de rest doorging. Herstel wat ze liet mislukken (of zie dat het de database was, nu "
        "terug) en zet ze opnieuw in de rij: de klokprocessen pakken ze binnen seconden op.",
        "en": "Chat events and jobs set aside after failing repeatedly, so the rest went on. "
        "Fix what made them fail (or find it was the database, now back) and put them back "
        "in line: the clock processes take them up within seconds.",
    },
    "web.people.operate.none": {
        "nl": "Er is niets apart gezet.",
        "en": "Nothing is set aside.",
    },
    "web.people.operate.caption": {
        "nl": {"one": "{n} apart gezet", "other": "{n} apart gezet, oudste eerst"},
        "en": {"one": "{n} set aside", "other": "{n} set aside, oldest first"},
    },
    "web.people.operate.col.id": {"nl": "Id", "en": "Id"},
    "web.people.operate.col.from": {"nl": "Van", "en": "From"},
    "web.people.operate.col.received": {"nl": "Ontvangen", "en": "Received"},
    "web.people.operate.col.tries": {"nl": "Pogingen", "en": "Tries"},
    "web.people.operate.col.what": {"nl": "Bericht", "en": "Message"},
    "web.people.operate.col.error": {"nl": "Laatste fout", "en": "Last error"},
    "web.people.operate.col.retry": {"nl": "Actie", "en": "Action"},
    "web.people.operate.job": {"nl": "opdracht {kind}", "en": "job {kind}"},
    "web.people.operate.retry_one": {"nl": "Opnieuw proberen", "en": "Retry"},
    "web.people.operate.retry_one_label": {
        "nl": "Opnieuw proberen: {id}",
        "en": "Retry: {id}",
    },
    "web.people.operate.retry_all": {
        "nl": {"one": "Opnieuw proberen ({n})", "other": "Alle {n} opnieuw proberen"},
        "en": {"one": "Retry ({n})", "other": "Retry all {n}"},
    },
    "web.people.operate.retried": {
        "nl": {"one": "{n} item weer in de rij gezet.", "other": "{n} items weer in de rij gezet."},
        "en": {"one": "{n} item put back in line.", "other": "{n} items put back in line."},
    },
    "web.people.operate.missed": {
        "nl": "Niet (meer) apart gezet, dus niet opnieuw: {ids}.",
        "en": "Not set aside (any more), so not retried: {ids}.",
    },
    # The programme-file page.
    "web.people.files.title": {"nl": "Programmabestand", "en": "Programme file"},
    "web.people.files.managers_sponsors": {
        "nl": "Deze pagina is voor de programmaregisseur, programmaondersteuning en de "
        "opdrachtgevers.",
        "en": "This page is for the programme director, programme support and the sponsors.",
    },
    "web.people.files.export_refused": {
        "nl": "Het programmabestand bevat ieders adressen: alleen de programmaregisseur en "
        "programmaondersteuning kunnen het downloaden.",
        "en": "The programme file holds everyone's addresses: only the programme director and "
        "programme support can download it.",
    },
    "web.people.files.import_refused": {
        "nl": "Alleen de programmaregisseur en programmaondersteuning kunnen een "
        "programmabestand importeren.",
        "en": "Only the programme director and programme support can import a programme file.",
    },
    "web.people.files.export_heading": {"nl": "Exporteren", "en": "Export"},
    "web.people.files.export_intro": {
        "nl": "Zoals 'voortgang export': het programmabestand importeert weer zonder "
        "wijzigingen; CSV en XLSX zijn de actielijst voor Excel.",
        "en": "As 'voortgang export': the programme file imports again without changes; CSV "
        "and XLSX are the list of actions for Excel.",
    },
    "web.people.files.export.yaml": {
        "nl": "Programmabestand (YAML)",
        "en": "Programme file (YAML)",
    },
    "web.people.files.export.csv": {"nl": "Actielijst (CSV)", "en": "List of actions (CSV)"},
    "web.people.files.export.xlsx": {
        "nl": "Actielijst (Excel, XLSX)",
        "en": "List of actions (Excel, XLSX)",
    },
    "web.people.files.import_heading": {"nl": "Importeren", "en": "Import"},
    "web.people.files.import_intro": {
        "nl": "Zoals 'voortgang import': het hele bestand wordt eerst gecontroleerd. Heeft het "
        "ergens een fout, dan wordt niets geïmporteerd en staan alle fouten hier, met regel "
        "en veld. Wat het bestand niet verandert, blijft zoals het is.",
        "en": "As 'voortgang import': the whole file is checked first. If anything in it is "
        "wrong, nothing is imported and every problem is listed here, with line and field. "
        "What the file does not change stays as it is.",
    },
    "web.people.files.file_label": {
        "nl": "Programmabestand (.yaml)",
        "en": "Programme file (.yaml)",
    },
    "web.people.files.file_hint": {
        "nl": "Een YAML-bestand van dit programma, ten hoogste {limit}.",
        "en": "A YAML file of this programme, at most {limit}.",
    },
    "web.people.files.import_button": {"nl": "Controleren en importeren", "en": "Check and import"},
    "web.people.files.imported_heading": {"nl": "Geïmporteerd", "en": "Imported"},
    "web.people.files.refused_heading": {
        "nl": "Niets geïmporteerd",
        "en": "Nothing imported",
    },
    "web.people.files.refused_intro": {
        "nl": {
            "one": "Het bestand heeft {n} fout. Herstel die en probeer het opnieuw:",
            "other": "Het bestand heeft {n} fouten. Herstel ze en probeer het opnieuw:",
        },
        "en": {
            "one": "The file has {n} problem. Fix it and try again:",
            "other": "The file has {n} problems. Fix them and try again:",
        },
    },
    "web.people.files.no_file": {
        "nl": "Kies eerst een bestand om te importeren.",
        "en": "Choose a file to import first.",
    },
    "web.people.files.wrong_type": {
        "nl": "Dit soort bestand kan Voortgang niet importeren. Kies een programmabestand "
        "(.yaml of .yml) van ten hoogste {limit}.",
        "en": "Voortgang cannot import this kind of file. Choose a programme file (.yaml or "
        ".yml) of at most {limit}.",
    },
    "web.people.files.table_import": {
        "nl": "Een CSV- of XLSX-bestand is de actielijst, geen programmabestand: die kan "
        "Voortgang niet importeren. Kies het programmabestand (.yaml of .yml); exporteer het "
        "hierboven als je het niet bij de hand hebt.",
        "en": "A CSV or XLSX file is the list of actions, not a programme file: Voortgang "
        "cannot import it. Choose the programme file (.yaml or .yml); export it above if you "
        "do not have it at hand.",
    },
    # What an uploaded programme file may not do (handlers.programme_file.uploaded).
    "web.people.upload.other_programme": {
        "nl": "dit bestand is van programma {found!r}, deze pagina van {key!r}; importeer het "
        "op de pagina van dat programma",
        "en": "this file is for programme {found!r}, this page for {key!r}; import it on that "
        "programme's page",
    },
    "web.people.upload.server_path": {
        "nl": "{value!r} wijst naar een plek op de server; een bestand via de website kan "
        "dat niet veranderen: laat het weg, of importeer het bestand met 'voortgang import'",
        "en": "{value!r} points at a place on the server; a file sent through the website "
        "cannot change that: leave it out, or import the file with 'voortgang import'",
    },
}
