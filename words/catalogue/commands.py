"""Catalogue texts: the chat commands (mijn acties, overzicht, samenvatting, ...)."""

from __future__ import annotations

from typing import Final, Literal

from words.catalogue.plural import Text

MESSAGES: Final[dict[str, dict[Literal["nl", "en"], Text]]] = {
    # -- shared pieces -----------------------------------------------------------------------
    "commands.action_ref": {
        "nl": "#{number} {key} {title}",
        "en": "#{number} {key} {title}",
    },
    "commands.deadline": {"nl": "{text} ({date})", "en": "{text} ({date})"},
    "commands.no_deadline": {"nl": "geen deadline", "en": "no deadline"},
    "commands.overdue_mark": {"nl": " – te laat", "en": " – overdue"},
    "commands.no_update_yet": {"nl": "nog geen update", "en": "no update yet"},
    "commands.quoted": {"nl": "‘{text}’", "en": "‘{text}’"},
    "commands.theme_heading": {"nl": "{theme}", "en": "{theme}"},
    "commands.theme_in": {"nl": "{theme} ({programme})", "en": "{theme} ({programme})"},
    "commands.action_state": {
        "nl": "   deadline: {deadline}{overdue} · status: {status} · laatste update: {last}",
        "en": "   deadline: {deadline}{overdue} · status: {status} · last update: {last}",
    },
    "commands.author.import": {"nl": "programmabestand", "en": "programme file"},
    "commands.author.unknown": {"nl": "onbekend", "en": "unknown"},
    "commands.unknown_action": {
        "nl": "Ik vind geen actie ‘{ref}’ in jouw programma's. Typ ‘acties’ voor de lijst.",
        "en": "I can't find an action ‘{ref}’ in your programmes. Type ‘actions’ for the list.",
    },
    "commands.which_programme": {
        "nl": "Actie ‘{ref}’ bestaat in meer dan één programma ({programmes}). Noem het "
        "programma erbij, bijvoorbeeld ‘actie {ref} {example}’.",
        "en": "Action ‘{ref}’ exists in more than one programme ({programmes}). Add the "
        "programme, for example ‘action {ref} {example}’.",
    },
    "commands.unknown_theme": {
        "nl": "Ik ken geen thema ‘{theme}’. Kies uit: {known}.",
        "en": "I know no theme ‘{theme}’. Choose from: {known}.",
    },
    # -- help --------------------------------------------------------------------------------
    "commands.help.intro": {
        "nl": "Dit kun je mij vragen (Engelse opdrachten werken ook):",
        "en": "This is what you can ask me (the Dutch commands work too):",
    },
    "commands.help.outro": {
        "nl": "Je kunt ook gewoon antwoorden op mijn vragen, bijvoorbeeld ‘#12 loopt, "
        "offerte is binnen’.",
        "en": "You can also simply answer my questions, for example ‘#12 on track, the "
        "quote is in’.",
    },
    "commands.help.outro_reader": {
        "nl": "Je leest mee: de updates geven de eigenaren van de acties.",
        "en": "You follow along as a reader: the owners of the actions give the updates.",
    },
    "commands.help.help": {
        "nl": "• help (hulp) – dit overzicht.",
        "en": "• help – this list.",
    },
    "commands.help.actions": {
        "nl": "• acties [thema] (actions) – alle acties, eventueel van één thema.\n"
        "   Bijvoorbeeld: acties omgevingswet",
        "en": "• actions [theme] (acties) – all actions, or those of one theme.\n"
        "   For example: actions omgevingswet",
    },
    "commands.help.overdue": {
        "nl": "• te laat (overdue) – acties waarvan de deadline verstreken is.\n"
        "   Bijvoorbeeld: te laat",
        "en": "• overdue (te laat) – actions past their deadline.\n   For example: overdue",
    },
    "commands.help.action": {
        "nl": "• actie <nummer> (action) – details en de hele geschiedenis van een actie.\n"
        "   Bijvoorbeeld: actie 12, of actie OW-03",
        "en": "• action <number> (actie) – the details and full history of an action.\n"
        "   For example: action 12, or action OW-03",
    },
    "commands.help.my_actions": {
        "nl": "• mijn acties (my actions) – je open acties met deadline en status, ook die "
        "je voor een afwezige collega waarneemt.\n   Bijvoorbeeld: mijn acties",
        "en": "• my actions (mijn acties) – your open actions with deadline and status, also "
        "those you cover for an absent colleague.\n   For example: my actions",
    },
    "commands.help.update": {
        "nl": "• update <nummer> <tekst> – vertel hoe een actie ervoor staat.\n"
        "   Bijvoorbeeld: update 12 offerte is binnen, we liggen op schema",
        "en": "• update <number> <text> – say how an action is doing.\n"
        "   For example: update 12 the quote is in, we are on track",
    },
    "commands.help.status": {
        "nl": "• status <nummer> <status> – zet de status: op schema, risico, vertraagd, "
        "afgerond of vervallen.\n   Bijvoorbeeld: status 12 afgerond",
        "en": "• status <number> <status> – set the status: on track, at risk, delayed, done "
        "or dropped.\n   For example: status 12 done",
    },
    "commands.help.deadline": {
        "nl": "• deadline <nummer> <deadline> – een nieuwe deadline in woorden; van een "
        "eigenaar is het een voorstel dat de opdrachtgever of regisseur bevestigt.\n"
        "   Bijvoorbeeld: deadline 12 eind maart 2027",
        "en": "• deadline <number> <deadline> – a new deadline in (Dutch) words; from an "
        "owner it is a proposal the sponsor or director confirms.\n"
        "   For example: deadline 12 eind maart 2027",
    },
    "commands.help.edit": {
        "nl": "• wijzig <tekst> (correctie, edit) – verbeter je laatste update; de oude "
        "tekst blijft bewaard.\n   Bijvoorbeeld: wijzig offerte komt volgende week",
        "en": "• edit <text> (wijzig, correctie) – correct your last update; the old wording "
        "is kept.\n   For example: edit the quote arrives next week",
    },
    "commands.help.undo": {
        "nl": "• ongedaan (undo) – trek je laatste update in, tot 10 minuten erna.\n"
        "   Bijvoorbeeld: ongedaan",
        "en": "• undo (ongedaan) – withdraw your last update, up to 10 minutes after.\n"
        "   For example: undo",
    },
    "commands.help.away": {
        "nl": "• afwezig <van> t/m <tot> [vervanger] (away) – meld je afwezig; je vervanger "
        "krijgt dan de vragen over je acties. ‘afwezig’ toont je afwezigheid, "
        "‘afwezig wissen’ haalt geplande afwezigheid weg.\n"
        "   Bijvoorbeeld: afwezig 1 december t/m 12 december Wim Schepers",
        "en": "• away <from> to <until> [deputy] (afwezig) – report an absence; your deputy "
        "gets the questions about your actions meanwhile. ‘away’ lists your absences, "
        "‘away cancel’ removes planned ones.\n"
        "   For example: away 1 December to 12 December Wim Schepers",
    },
    "commands.help.new_action": {
        "nl": "• nieuwe actie (new action) – voeg een actie toe met een formulier "
        "(opdrachtgever van het thema of regisseur).\n   Bijvoorbeeld: nieuwe actie",
        "en": "• new action (nieuwe actie) – add an action with a form (the theme's sponsor "
        "or the director).\n   For example: new action",
    },
    "commands.help.new_action_inline": {
        "nl": "• nieuwe actie <thema>: <titel> | <eigenaar>[, eigenaar] | <deadline> [| "
        "<spoor>] – hetzelfde in één regel; het spoor alleen als het programma sporen "
        "heeft.\n   Bijvoorbeeld: nieuwe actie omgevingswet: Handboek toezicht | Lotte "
        "Venema, Rob Jansen | eind maart 2027 | samen leren",
        "en": "• new action <theme>: <title> | <owner>[, owner] | <deadline> [| <track>] – "
        "the same in one line; the track only when the programme has tracks.\n"
        "   For example: new action omgevingswet: Handboek toezicht | Lotte Venema, Rob "
        "Jansen | eind maart 2027 | samen leren",
    },
    "commands.help.overview": {
        "nl": "• overzicht [thema] (overview) – per thema de acties per status, wat de "
        "afgelopen week veranderde, wat te laat is en wie niet antwoordde.\n"
        "   Bijvoorbeeld: overzicht bereikbaarheid",
        "en": "• overview [theme] (overzicht) – per theme the actions per status, what "
        "changed in the past week, what is overdue and who did not reply.\n"
        "   For example: overview bereikbaarheid",
    },
    "commands.help.summary": {
        "nl": "• samenvatting [periode] (summary) – hetzelfde over een periode: week, maand, "
        "kwartaal, vorige week, 2026-Q4, 2026-11, sinds 1 november, 1 november t/m 30 "
        "november (standaard de afgelopen 7 dagen).\n   Bijvoorbeeld: samenvatting vorige maand",
        "en": "• summary [period] (samenvatting) – the same over a period: week, month, "
        "quarter, last week, 2026-Q4, 2026-11, since 1 November, 1 November to 30 November "
        "(by default the last 7 days).\n   For example: summary last month",
    },
    "commands.help.letters": {
        "nl": "• brief lijst (brieven) – de definitieve voortgangsbrieven; brief <nummer> "
        "[docx|html|md] haalt er een opnieuw op.\n   Bijvoorbeeld: brief 1",
        "en": "• brief list (letters) – the final progress letters; brief <number> "
        "[docx|html|md] fetches one again.\n   For example: brief 1",
    },
    "commands.help.brief": {
        "nl": "• brief concept [periode] – het concept van de voortgangsbrief als Word-bestand "
        "(standaard de rapportageperiode van nu); brief herinner [uiterlijk <dag>] vraagt de "
        "ontbrekende updates op; brief definitief legt hem genummerd vast. Samen schrijven: "
        "brief opening <tekst>, brief thema <thema> <tekst>, brief regie <tekst>, brief "
        "formulering <actie> <tekst> (zonder tekst: wat er staat; 'leeg': de standaardtekst).\n"
        "   Bijvoorbeeld: brief concept 2026-Q4",
        "en": "• brief draft [period] – the draft progress letter as a Word file (by default "
        "the current reporting period); brief remind [by <day>] asks for the missing updates; "
        "brief final freezes it with a number. Writing it together: brief opening <text>, "
        "brief theme <theme> <text>, brief coordination <text>, brief wording <action> <text> "
        "(without text: what stands; 'reset': the default).\n"
        "   For example: brief draft 2026-Q4",
    },
    # -- the App Home page ---------------------------------------------------------------------
    "home.intro": {
        "nl": "Hallo {name}, dit zijn je open acties ({count}).",
        "en": "Hello {name}, these are your open actions ({count}).",
    },
    "home.none": {
        "nl": "Hallo {name}, je hebt geen open acties.",
        "en": "Hello {name}, you have no open actions.",
    },
    "home.theme": {"nl": "Thema", "en": "Theme"},
    "home.deadline": {"nl": "Deadline", "en": "Deadline"},
    "home.status": {"nl": "Status", "en": "Status"},
    "home.last_update": {"nl": "Laatste update", "en": "Last update"},
    "home.last": {"nl": "{date}: {update}", "en": "{date}: {update}"},
    # -- mijn acties -------------------------------------------------------------------------
    "commands.mine.heading": {
        "nl": "Je open acties ({count}):",
        "en": "Your open actions ({count}):",
    },
    "commands.mine.none": {
        "nl": "Je hebt geen open acties.",
        "en": "You have no open actions.",
    },
    "commands.mine.deputy": {
        "nl": "Je neemt waar voor {name}, afwezig tot en met {until}:",
        "en": "You are covering for {name}, away until {until}:",
    },
    # -- actie <n> ---------------------------------------------------------------------------
    "commands.details.usage": {
        "nl": "Welke actie? Typ bijvoorbeeld ‘actie 12’ of ‘actie OW-03’.",
        "en": "Which action? Type for example ‘action 12’ or ‘action OW-03’.",
    },
    "commands.details.theme": {
        "nl": "Thema: {theme} ({programme}) · spoor: {track}",
        "en": "Theme: {theme} ({programme}) · track: {track}",
    },
    "commands.details.owners": {
        "nl": {"one": "Eigenaar: {owners}", "other": "Eigenaren: {owners}"},
        "en": {"one": "Owner: {owners}", "other": "Owners: {owners}"},
    },
    "commands.details.deadline": {
        "nl": "Deadline: {deadline}{overdue}",
        "en": "Deadline: {deadline}{overdue}",
    },
    "commands.details.status": {"nl": "Status: {status}", "en": "Status: {status}"},
    "commands.details.kpi": {
        "nl": "KPI: {current} van {target} {unit}",
        "en": "KPI: {current} of {target} {unit}",
    },
    "commands.details.proposal": {
        "nl": "Voorgestelde deadline: {text} ({date}), door {name}; wacht op bevestiging.",
        "en": "Proposed deadline: {text} ({date}), by {name}; awaiting confirmation.",
    },
    "commands.details.history": {"nl": "Geschiedenis:", "en": "History:"},
    "commands.details.no_history": {
        "nl": "Nog geen updates.",
        "en": "No updates yet.",
    },
    "commands.history.line": {
        "nl": "{when}, {author}: {what}{edited}",
        "en": "{when}, {author}: {what}{edited}",
    },
    "commands.history.deadline": {
        "nl": "deadline van ‘{old}’ naar ‘{new}’",
        "en": "deadline moved from ‘{old}’ to ‘{new}’",
    },
    "commands.history.edited": {"nl": " (gewijzigd)", "en": " (edited)"},
    "commands.history.withdrawn": {
        "nl": " — ingetrokken door {name}, {when}",
        "en": " — withdrawn by {name}, {when}",
    },
    # -- nieuwe actie ------------------------------------------------------------------------
    "commands.new.usage": {
        "nl": "Zo voeg je een actie toe: ‘nieuwe actie’ voor het formulier, of in één regel "
        "‘nieuwe actie <thema>: <titel> | <eigenaar>[, eigenaar] | <deadline> [| <spoor>]’, "
        "bijvoorbeeld ‘nieuwe actie omgevingswet: Handboek toezicht | Lotte Venema | eind "
        "maart 2027 | samen leren’.",
        "en": "To add an action: ‘new action’ for the form, or in one line ‘new action "
        "<theme>: <title> | <owner>[, owner] | <deadline> [| <track>]’, for example ‘new "
        "action omgevingswet: Handboek toezicht | Lotte Venema | eind maart 2027 | samen "
        "leren’.",
    },
    "commands.new.form_intro": {
        "nl": "Vul het formulier in om een actie toe te voegen.",
        "en": "Fill in the form to add an action.",
    },
    "commands.new.form_title": {"nl": "Nieuwe actie", "en": "New action"},
    "commands.new.form_submit": {"nl": "Toevoegen", "en": "Add"},
    "commands.new.field.theme": {"nl": "Thema", "en": "Theme"},
    "commands.new.field.title": {"nl": "Titel", "en": "Title"},
    "commands.new.field.owners": {"nl": "Eigenaren", "en": "Owners"},
    "commands.new.field.deadline": {"nl": "Deadline", "en": "Deadline"},
    "commands.new.field.track": {"nl": "Spoor", "en": "Track"},
    "commands.new.hint.theme": {
        "nl": "Het thema waar de actie onder valt",
        "en": "The theme the action belongs to",
    },
    "commands.new.hint.title": {
        "nl": "Kort en concreet, bijv. ‘Handboek toezicht opstellen’",
        "en": "Short and concrete, e.g. ‘Handboek toezicht opstellen’",
    },
    "commands.new.hint.owners": {
        "nl": "Namen, gescheiden door komma's, bijv. ‘Lotte Venema, Rob Jansen’",
        "en": "Names separated by commas, e.g. ‘Lotte Venema, Rob Jansen’",
    },
    "commands.new.hint.deadline": {
        "nl": "In woorden, bijv. ‘eind maart 2027’ of ‘voor de zomer’",
        "en": "In Dutch words, e.g. ‘eind maart 2027’ or ‘voor de zomer’",
    },
    "commands.new.hint.track": {
        "nl": "Alleen als het programma sporen heeft",
        "en": "Only when the programme has tracks",
    },
    "commands.new.theme_missing": {
        "nl": "Kies het thema waar de actie onder valt.",
        "en": "Choose the theme the action belongs to.",
    },
    "commands.new.no_title": {
        "nl": "De actie heeft nog geen titel.",
        "en": "The action has no title yet.",
    },
    "commands.new.long_title": {
        "nl": "De titel is te lang: hoogstens {max} tekens. Zet details later in de update.",
        "en": "The title is too long: at most {max} characters. Put details in an update.",
    },
    "commands.new.no_owner": {
        "nl": "Noem minstens één eigenaar.",
        "en": "Name at least one owner.",
    },
    "commands.new.unknown_owner": {
        "nl": "Ik vind niemand die ‘{name}’ heet in dit programma. Gebruik de volledige naam "
        "of de sleutel uit het programmabestand.",
        "en": "I can't find anyone called ‘{name}’ in this programme. Use the full name or "
        "the key from the programme file.",
    },
    "commands.new.ambiguous_owner": {
        "nl": "‘{name}’ past op meer mensen: {options}. Schrijf de volledige naam.",
        "en": "‘{name}’ fits more than one person: {options}. Write the full name.",
    },
    "commands.new.reader_owner": {
        "nl": "{name} heeft alleen leesrechten in dit programma en kan geen eigenaar zijn.",
        "en": "{name} has read access only in this programme and cannot own an action.",
    },
    "commands.new.no_tracks": {
        "nl": "Dit programma heeft geen sporen, dus geen spoor ‘{track}’. Laat het weg.",
        "en": "This programme has no tracks, so no track ‘{track}’. Leave it out.",
    },
    "commands.new.track_needed": {
        "nl": "Dit programma werkt met sporen; kies er een: {known}.",
        "en": "This programme works with tracks; choose one: {known}.",
    },
    "commands.new.unknown_track": {
        "nl": "Ik ken geen spoor ‘{track}’. Kies uit: {known}.",
        "en": "I know no track ‘{track}’. Choose from: {known}.",
    },
    "commands.new.created": {
        "nl": "Actie #{number} ({key}) staat erin: {title}.\nThema: {theme} · {owners} · "
        "Deadline: {deadline}.",
        "en": "Action #{number} ({key}) has been added: {title}.\nTheme: {theme} · {owners} · "
        "Deadline: {deadline}.",
    },
    # -- overzicht and samenvatting ----------------------------------------------------------
    "commands.report.overview": {
        "nl": "Overzicht {programme}, {period}",
        "en": "Overview {programme}, {period}",
    },
    "commands.report.summary": {
        "nl": "Samenvatting {programme}, {period}",
        "en": "Summary {programme}, {period}",
    },
    "commands.report.theme": {
        "nl": "{theme} (opdrachtgever: {sponsor})",
        "en": "{theme} (sponsor: {sponsor})",
    },
    "commands.report.counts": {"nl": "Acties: {counts}", "en": "Actions: {counts}"},
    "commands.report.count": {"nl": "{count} {status}", "en": "{count} {status}"},
    "commands.report.no_actions": {
        "nl": "Dit thema heeft nog geen acties.",
        "en": "This theme has no actions yet.",
    },
    "commands.report.no_changes": {
        "nl": "Geen veranderingen in deze periode.",
        "en": "No changes in this period.",
    },
    "commands.report.changes": {"nl": "Veranderd ({counts}):", "en": "Changed ({counts}):"},
    "commands.report.updated": {
        "nl": {"one": "{n} update", "other": "{n} updates"},
        "en": {"one": "{n} update", "other": "{n} updates"},
    },
    "commands.report.completed": {"nl": "{n} afgerond", "en": "{n} done"},
    "commands.report.moved": {
        "nl": {"one": "{n} deadline verschoven", "other": "{n} deadlines verschoven"},
        "en": {"one": "{n} deadline moved", "other": "{n} deadlines moved"},
    },
    "commands.report.change": {
        "nl": "{ref}: {what} ({author})",
        "en": "{ref}: {what} ({author})",
    },
    "commands.report.overdue": {"nl": "Te laat:", "en": "Overdue:"},
    "commands.report.overdue_line": {
        "nl": "{ref} – {deadline} – {owners}",
        "en": "{ref} – {deadline} – {owners}",
    },
    "commands.report.missing": {
        "nl": "Geen update (gevraagd, geen antwoord):",
        "en": "No update (asked, no reply):",
    },
    "commands.report.asked": {
        "nl": "{ref} – {name}, gevraagd op {since}",
        "en": "{ref} – {name}, asked on {since}",
    },
    "commands.report.escalated": {
        "nl": "{ref} – {name}, gevraagd op {since}; ook na de herinnering geen antwoord",
        "en": "{ref} – {name}, asked on {since}; no reply after the reminder either",
    },
    # -- periods -----------------------------------------------------------------------------
    "commands.period.range": {"nl": "{start} t/m {end}", "en": "{start} to {end}"},
    "commands.period.unreadable": {
        "nl": "De periode ‘{text}’ begrijp ik niet. Dit werkt: niets (de afgelopen 7 dagen); "
        "week, maand, kwartaal, jaar; deze week, vorige week, vorige maand; 2026-Q4, "
        "2026-H2, 2026, 2026-11, november; sinds 1 november; 1 november t/m 30 november; "
        "2026-01-01..2026-06-30.",
        "en": "I don't understand the period ‘{text}’. This works: nothing (the last 7 "
        "days); week, month, quarter, year; this week, last week, last month; 2026-Q4, "
        "2026-H2, 2026, 2026-11, November; since 1 November; 1 November to 30 November; "
        "2026-01-01..2026-06-30.",
    },
    "commands.period.out_of_range": {
        "nl": "‘{text}’ ligt buiten de jaren {first} tot en met {last}. Noem een periode binnen "
        "die jaren, bijvoorbeeld 2026-Q4 of 2026-01-01..2026-06-30.",
        "en": "‘{text}’ lies outside the years {first} to {last}. Name a period within those "
        "years, for example 2026-Q4 or 2026-01-01..2026-06-30.",
    },
    "commands.period.order": {
        "nl": "Die periode eindigt ({end}) voordat hij begint ({start}). Zet het begin voorop.",
        "en": "That period ends ({end}) before it starts ({start}). Put the start first.",
    },
}
