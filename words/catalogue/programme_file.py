"""Catalogue texts: the programme file and the register."""

from __future__ import annotations

from typing import Final, Literal

from words.catalogue.plural import Text

MESSAGES: Final[dict[str, dict[Literal["nl", "en"], Text]]] = {
    "register.yaml": {
        "nl": "geen geldige YAML: {problem}",
        "en": "not valid YAML: {problem}",
    },
    "register.unreadable": {
        "nl": "bestand niet te lezen: {error}",
        "en": "cannot read the file: {error}",
    },
    "register.too_big": {
        "nl": "te groot: een programmabestand is hoogstens {limit}",
        "en": "too large: a programme file is at most {limit}",
    },
    "register.not_utf8": {
        "nl": "geen UTF-8-tekst (byte {byte}); sla het bestand op als UTF-8",
        "en": "not UTF-8 text (byte {byte}); save the file as UTF-8",
    },
    "register.yaml_depth": {
        "nl": "te diep genest: hoogstens {limit} lagen lijsten en blokken in elkaar",
        "en": "nested too deeply: at most {limit} levels of lists and mappings",
    },
    "register.yaml_values": {
        "nl": "te veel waarden: hoogstens {limit}, alles wat een alias (*naam) herhaalt meegeteld",
        "en": "too many values: at most {limit}, counting everything an alias (*name) repeats",
    },
    "register.yaml_aliases": {
        "nl": "te veel aliassen (*naam): hoogstens {limit}, de aliassen binnen wat een alias "
        "herhaalt meegeteld",
        "en": "too many aliases (*name): at most {limit}, counting the aliases inside what "
        "an alias repeats",
    },
    "register.yaml_recursive": {
        "nl": "alias *{name} verwijst naar het blok waar hij zelf in staat",
        "en": "alias *{name} refers to the block it stands in",
    },
    "register.yaml_documents": {
        "nl": "meer dan één document (---); een programmabestand is één document",
        "en": "more than one document (---); a programme file is one document",
    },
    "register.yaml_character": {
        "nl": "teken {code} mag niet in een programmabestand staan",
        "en": "character {code} is not allowed in a programme file",
    },
    "register.not_mapping": {
        "nl": "een programmabestand is een blok met programme, parties, themes, people en actions",
        "en": "a programme file is a mapping with programme, parties, themes, people and actions",
    },
    "register.duplicate_field": {
        "nl": "dit veld staat twee keer in hetzelfde blok",
        "en": "this field appears twice in the same block",
    },
    "register.missing": {"nl": "verplicht veld ontbreekt", "en": "required field is missing"},
    "register.unknown_field": {
        "nl": "onbekend veld (zie het schema in de README)",
        "en": "unknown field (see the schema in the README)",
    },
    "register.bad_text": {
        "nl": "moet tekst zijn, niet {value!r}",
        "en": "must be text, not {value!r}",
    },
    "register.empty": {"nl": "mag niet leeg zijn", "en": "must not be empty"},
    "register.too_long": {
        "nl": "te lang: hoogstens {max_length} tekens",
        "en": "too long: at most {max_length} characters",
    },
    "register.too_few": {"nl": "noem er minstens {min_length}", "en": "name at least {min_length}"},
    "register.literal": {
        "nl": "{value!r} is geen geldige keuze; kies uit {expected}",
        "en": "{value!r} is not a valid choice; choose from {expected}",
    },
    "register.bad_list": {"nl": "moet een lijst zijn", "en": "must be a list"},
    "register.bad_block": {
        "nl": "moet een blok met velden zijn",
        "en": "must be a mapping of fields",
    },
    "register.bad_key": {
        "nl": "ongeldige sleutel {value!r}: gebruik kleine letters, cijfers en streepjes",
        "en": "invalid key {value!r}: use lowercase letters, digits and hyphens",
    },
    "register.bad_action_key": {
        "nl": "ongeldige actiesleutel {value!r}: gebruik letters, cijfers, punten en streepjes",
        "en": "invalid action key {value!r}: use letters, digits, dots and hyphens",
    },
    "register.bad_format": {
        "nl": "{value!r} heeft niet de juiste vorm",
        "en": "{value!r} does not have the right form",
    },
    "register.bad_date": {
        "nl": "{value!r} is geen datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2026-11-25",
        "en": "{value!r} is not a date; write YYYY-MM-DD, for example 2026-11-25",
    },
    "register.no_such_date": {
        "nl": "{value!r} bestaat niet in de kalender; controleer dag en maand (JJJJ-MM-DD)",
        "en": "{value!r} does not exist in the calendar; check day and month (YYYY-MM-DD)",
    },
    "register.bad_number": {
        "nl": "{value!r} is geen getal",
        "en": "{value!r} is not a number",
    },
    "register.choice": {
        "nl": "{value!r} is geen geldige keuze; kies uit {allowed}",
        "en": "{value!r} is not a valid choice; choose from {allowed}",
    },
    "register.rrule": {
        "nl": "{value!r} is geen geldige herhaalregel (RRULE), bijvoorbeeld "
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;BYHOUR=9;BYMINUTE=0",
        "en": "{value!r} is not a valid recurrence rule (RRULE), for example "
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;BYHOUR=9;BYMINUTE=0",
    },
    "register.checkin_too_often": {
        "nl": "{value!r} vraagt vaker dan eens per dag; een check-in is hoogstens dagelijks: "
        "FREQ=DAILY, WEEKLY, MONTHLY of YEARLY, bijvoorbeeld FREQ=WEEKLY;BYDAY=MO;BYHOUR=9",
        "en": "{value!r} asks more often than once a day; a check-in is at most daily: "
        "FREQ=DAILY, WEEKLY, MONTHLY or YEARLY, for example FREQ=WEEKLY;BYDAY=MO;BYHOUR=9",
    },
    "register.checkin_several_a_day": {
        "nl": "{value!r} noemt meer dan één tijdstip per dag; een check-in is hoogstens eens "
        "per dag: geef BYHOUR, BYMINUTE en BYSECOND elk één waarde",
        "en": "{value!r} names more than one moment a day; a check-in is at most once a day: "
        "give BYHOUR, BYMINUTE and BYSECOND one value each",
    },
    "register.checkin_too_many": {
        "nl": "{value!r} vraagt meer dan {limit} keer per jaar; een check-in is hoogstens "
        "eens per dag",
        "en": "{value!r} asks more than {limit} times a year; a check-in is at most once a day",
    },
    "register.checkin_never": {
        "nl": "{value!r} valt in een jaar geen enkele keer; een check-in komt minstens eens per "
        "jaar (controleer BYMONTH, BYMONTHDAY, BYDAY en BYWEEKNO)",
        "en": "{value!r} never occurs in a year; a check-in comes at least once a year "
        "(check BYMONTH, BYMONTHDAY, BYDAY and BYWEEKNO)",
    },
    "register.period": {
        "nl": "het einde ({end}) ligt voor het begin ({start})",
        "en": "the end ({end}) is before the start ({start})",
    },
    "register.timezone": {
        "nl": "onbekende tijdzone {value!r}, bijvoorbeeld Europe/Amsterdam",
        "en": "unknown time zone {value!r}, for example Europe/Amsterdam",
    },
    "register.clock_time": {
        "nl": "{value!r} is geen tijd; schrijf UU:MM, bijvoorbeeld 09:00",
        "en": "{value!r} is not a time; write HH:MM, for example 09:00",
    },
    "register.weekday_time": {
        "nl": "{value!r} is geen dag en tijd; schrijf bijvoorbeeld 'maandag 09:00'",
        "en": "{value!r} is not a day and time; write for example 'monday 09:00'",
    },
    "register.holidays": {
        "nl": "onbekend land voor feestdagen {value!r}; bijvoorbeeld NL, of leeg voor geen",
        "en": "unknown country for public holidays {value!r}; for example NL, or empty for none",
    },
    "register.days": {
        "nl": "{value!r}: geef dagen als getallen van 1 tot en met 365",
        "en": "{value!r}: give days as numbers from 1 to 365",
    },
    "register.channel_email": {
        "nl": "kanaal email vraagt om een e-mailadres bij deze persoon (email: ...)",
        "en": "channel email needs an email address for this person (email: ...)",
    },
    "register.what_channel": {"nl": "kanaal", "en": "channel"},
    "register.email": {
        "nl": "{value!r} is geen e-mailadres",
        "en": "{value!r} is not an email address",
    },
    "register.invalid": {
        "nl": "ongeldige waarde {value!r} ({detail})",
        "en": "invalid value {value!r} ({detail})",
    },
    "register.duplicate": {
        "nl": "{value!r} komt al eerder voor; dit moet uniek zijn",
        "en": "{value!r} already appears earlier; it must be unique",
    },
    "register.unknown_person": {
        "nl": "{value!r} staat niet onder people (bekend: {known})",
        "en": "{value!r} is not among the people (known: {known})",
    },
    "register.reader_sponsor": {
        "nl": "{value!r} is lezer en kan geen opdrachtgever van een thema zijn; geef een andere "
        "rol of kies een andere opdrachtgever",
        "en": "{value!r} is a reader and cannot sponsor a theme; give them another role or "
        "choose another sponsor",
    },
    "register.unknown_label": {
        "nl": "onbekende kop '{value}'; bekende koppen: {known}",
        "en": "unknown heading '{value}'; known headings: {known}",
    },
    "register.no_templates": {
        "nl": "map met sjablonen '{value}' bestaat niet (gezocht in {folder})",
        "en": "template folder '{value}' does not exist (looked in {folder})",
    },
    "register.no_style": {
        "nl": "huisstijl '{value}' bestaat niet (gezocht in {folder})",
        "en": "house style '{value}' does not exist (looked in {folder})",
    },
    "register.style_not_docx": {
        "nl": "huisstijl '{value}' is geen Word-document (.docx)",
        "en": "house style '{value}' is not a Word document (.docx)",
    },
    "register.unknown_party": {
        "nl": "onbekende partij {value!r} (bekend: {known})",
        "en": "unknown party {value!r} (known: {known})",
    },
    "register.unknown_theme": {
        "nl": "onbekend thema {value!r} (bekend: {known})",
        "en": "unknown theme {value!r} (known: {known})",
    },
    "register.unknown_track": {
        "nl": "onbekend spoor {value!r} (bekend: {known})",
        "en": "unknown track {value!r} (known: {known})",
    },
    "register.track_required": {
        "nl": "dit programma heeft sporen; kies er een: {known}",
        "en": "this programme has tracks; choose one: {known}",
    },
    "register.no_tracks": {
        "nl": "dit programma heeft geen sporen, dus ook geen spoor {value!r}",
        "en": "this programme has no tracks, so no track {value!r}",
    },
    "register.own_deputy": {
        "nl": "iemand kan niet zijn eigen vervanger zijn",
        "en": "someone cannot be their own deputy",
    },
    "register.conflict_email": {
        "nl": "{value!r} hoort in de database al bij iemand anders ({name})",
        "en": "{value!r} already belongs to someone else in the database ({name})",
    },
    # {programmes} lists the other programmes; n is how many there are.
    "register.shared_name": {
        "nl": {
            "one": "{name} staat ook in programma {programmes}; een ander programma mag die "
            "naam niet wijzigen (hier {value}); neem de naam {now} over",
            "other": "{name} staat ook in de programma's {programmes}; een ander programma mag "
            "die naam niet wijzigen (hier {value}); neem de naam {now} over",
        },
        "en": {
            "one": "{name} is also in programme {programmes}; another programme may not change "
            "that name (here {value}); use the name {now}",
            "other": "{name} is also in programmes {programmes}; another programme may not "
            "change that name (here {value}); use the name {now}",
        },
    },
    "register.shared_person": {
        "nl": {
            "one": "{name} staat ook in programma {programmes}; een ander programma mag hun "
            "{what} niet wijzigen (daar {now}, hier {value}); neem die over of laat het veld weg",
            "other": "{name} staat ook in de programma's {programmes}; een ander programma mag "
            "hun {what} niet wijzigen (daar {now}, hier {value}); neem die over of laat het "
            "veld weg",
        },
        "en": {
            "one": "{name} is also in programme {programmes}; another programme may not change "
            "their {what} (there {now}, here {value}); use that or leave the field out",
            "other": "{name} is also in programmes {programmes}; another programme may not "
            "change their {what} (there {now}, here {value}); use that or leave the field out",
        },
    },
    # As register.shared_person, where the other programmes have no value for the field.
    "register.shared_person_unset": {
        "nl": {
            "one": "{name} staat ook in programma {programmes}; een ander programma mag hun "
            "{what} niet invullen (daar leeg, hier {value}); laat het veld weg",
            "other": "{name} staat ook in de programma's {programmes}; een ander programma mag "
            "hun {what} niet invullen (daar leeg, hier {value}); laat het veld weg",
        },
        "en": {
            "one": "{name} is also in programme {programmes}; another programme may not set "
            "their {what} (empty there, here {value}); leave the field out",
            "other": "{name} is also in programmes {programmes}; another programme may not set "
            "their {what} (empty there, here {value}); leave the field out",
        },
    },
    "register.what_email": {"nl": "e-mailadres", "en": "email address"},
    "register.what_slack": {"nl": "Slack-id", "en": "Slack id"},
    "register.what_teams": {"nl": "Teams-id", "en": "Teams id"},
    "register.what_timezone": {"nl": "tijdzone", "en": "time zone"},
    "register.what_language": {"nl": "taal", "en": "language"},
    "register.what_name": {"nl": "naam", "en": "name"},
    "register.conflict_identity": {
        "nl": "{value!r} hoort in de database al bij iemand anders ({name})",
        "en": "{value!r} already belongs to someone else in the database ({name})",
    },
}
