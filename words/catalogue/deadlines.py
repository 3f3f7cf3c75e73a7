"""Catalogue texts: deadlines."""

from __future__ import annotations

from typing import Final, Literal

# People write deadlines in their own language (words.deadlines reads Dutch and, for English
# speakers, English too), so each language gives examples in its own words; every quoted
# example must read (tests/words/test_deadlines.py).
MESSAGES: Final[dict[str, dict[Literal["nl", "en"], str]]] = {
    "deadline.examples": {
        "nl": (
            "‘1 oktober 2025’, ‘uiterlijk 15 maart’, ‘eind oktober’, ‘ultimo maart’, "
            "‘Q3 2025’, ‘voor de zomer’, ‘over twee weken’, ‘binnen tien werkdagen’ of "
            "‘eind 2025’"
        ),
        "en": (
            "‘1 October 2025’, ‘by 15 March’, ‘end of October’, ‘Q3 2025’, ‘before the "
            "summer’, ‘in two weeks’, ‘within ten working days’ or ‘end of 2025’"
        ),
    },
    "deadline.error.empty": {
        "nl": "Er staat geen deadline. Schrijf een datum of periode, bijvoorbeeld {examples}.",
        "en": "No deadline was given. Write a date or period, for example {examples}.",
    },
    "deadline.error.unreadable": {
        "nl": (
            "‘{text}’ kan ik niet lezen als deadline. Schrijf een datum of periode, "
            "bijvoorbeeld {examples}."
        ),
        "en": (
            "‘{text}’ cannot be read as a deadline. Write a date or period, for example {examples}."
        ),
    },
    "deadline.error.vague": {
        "nl": (
            "‘{text}’ is geen datum. Noem de dag of periode waarin het af moet zijn, "
            "bijvoorbeeld {examples}."
        ),
        "en": (
            "‘{text}’ is not a date. Name the day or period by which it must be done, "
            "for example {examples}."
        ),
    },
    "deadline.error.weekday_mismatch": {
        "nl": (
            "‘{text}’ klopt niet: {date} valt op een {actual}, niet op een {given}. "
            "Verbeter de dag of laat hem weg, bijvoorbeeld ‘{actual} {date}’ of ‘{date}’."
        ),
        "en": (
            "‘{text}’ does not add up: {date} is a {actual}, not a {given}. Correct the "
            "weekday or leave it out, for example ‘{actual_nl} {date_nl}’ or ‘{date_nl}’."
        ),
    },
    "deadline.error.impossible_date": {
        "nl": (
            "‘{text}’ bestaat niet in de kalender. Controleer dag en maand (de dag komt "
            "eerst), bijvoorbeeld ‘28 februari 2025’, ‘1-10-2025’ of ‘2025-10-01’."
        ),
        "en": (
            "‘{text}’ is not a date in the calendar. Check the day and the month, for "
            "example ‘28 February 2025’, ‘February 28, 2025’ or ‘2025-02-28’."
        ),
    },
    "deadline.error.ambiguous_date": {
        "nl": (
            "‘{text}’ kan twee datums zijn: ik weet niet of de dag of de maand voorop staat. "
            "Schrijf de maand voluit, bijvoorbeeld ‘4 maart 2025’ of ‘3 april 2025’."
        ),
        "en": (
            "‘{text}’ could be two dates: I cannot tell whether the day or the month comes "
            "first. Write the month as a word, for example ‘4 March 2025’ or ‘March 4, 2025’."
        ),
    },
    "deadline.error.out_of_range": {
        "nl": (
            "‘{text}’ ligt buiten de jaren {first} tot en met {last}. Noem een deadline "
            "binnen die jaren, bijvoorbeeld {examples}."
        ),
        "en": (
            "‘{text}’ lies outside the years {first} to {last}. Give a deadline within "
            "those years, for example {examples}."
        ),
    },
    "deadline.date": {
        "nl": "{day} {month} {year}",
        "en": "{day} {month} {year}",
    },
    # A deadline as a phrase that carries its year (words.deadlines.absolute); each must read
    # back as the same deadline in its own language.
    "deadline.absolute.week": {"nl": "week {week} van {year}", "en": "week {week} of {year}"},
    "deadline.absolute.month_end": {
        "nl": "eind {month} {year}",
        "en": "end of {month} {year}",
    },
    "deadline.absolute.month_start": {
        "nl": "begin {month} {year}",
        "en": "early {month} {year}",
    },
    "deadline.absolute.month_middle": {
        "nl": "medio {month} {year}",
        "en": "mid {month} {year}",
    },
    "deadline.absolute.quarter": {"nl": "Q{quarter} {year}", "en": "Q{quarter} {year}"},
    # The letter's form of a quarter (words.deadlines.letter_form): "tweede kwartaal 2027".
    "deadline.letter.quarter": {"nl": "{which} kwartaal {year}", "en": "{which} quarter of {year}"},
    "deadline.ordinal.1": {"nl": "eerste", "en": "first"},
    "deadline.ordinal.2": {"nl": "tweede", "en": "second"},
    "deadline.ordinal.3": {"nl": "derde", "en": "third"},
    "deadline.ordinal.4": {"nl": "vierde", "en": "fourth"},
    "deadline.absolute.half.1": {
        "nl": "eerste helft {year}",
        "en": "first half of {year}",
    },
    "deadline.absolute.half.2": {
        "nl": "tweede helft {year}",
        "en": "second half of {year}",
    },
    "deadline.absolute.before_summer": {
        "nl": "voor de zomer van {year}",
        "en": "before the summer of {year}",
    },
    "deadline.absolute.after_summer": {
        "nl": "na de zomer van {year}",
        "en": "after the summer of {year}",
    },
    "deadline.absolute.season.spring": {"nl": "voorjaar {year}", "en": "spring {year}"},
    "deadline.absolute.season.summer": {"nl": "zomer {year}", "en": "summer {year}"},
    "deadline.absolute.season.autumn": {"nl": "najaar {year}", "en": "autumn {year}"},
    "deadline.absolute.season.winter": {"nl": "winter {year}", "en": "winter {year}"},
    "deadline.absolute.year": {"nl": "eind {year}", "en": "end of {year}"},
    "deadline.weekday.0": {"nl": "maandag", "en": "Monday"},
    "deadline.weekday.1": {"nl": "dinsdag", "en": "Tuesday"},
    "deadline.weekday.2": {"nl": "woensdag", "en": "Wednesday"},
    "deadline.weekday.3": {"nl": "donderdag", "en": "Thursday"},
    "deadline.weekday.4": {"nl": "vrijdag", "en": "Friday"},
    "deadline.weekday.5": {"nl": "zaterdag", "en": "Saturday"},
    "deadline.weekday.6": {"nl": "zondag", "en": "Sunday"},
    "deadline.month.1": {"nl": "januari", "en": "January"},
    "deadline.month.2": {"nl": "februari", "en": "February"},
    "deadline.month.3": {"nl": "maart", "en": "March"},
    "deadline.month.4": {"nl": "april", "en": "April"},
    "deadline.month.5": {"nl": "mei", "en": "May"},
    "deadline.month.6": {"nl": "juni", "en": "June"},
    "deadline.month.7": {"nl": "juli", "en": "July"},
    "deadline.month.8": {"nl": "augustus", "en": "August"},
    "deadline.month.9": {"nl": "september", "en": "September"},
    "deadline.month.10": {"nl": "oktober", "en": "October"},
    "deadline.month.11": {"nl": "november", "en": "November"},
    "deadline.month.12": {"nl": "december", "en": "December"},
}
