"""Dates and times as people read them: "woensdag 25 november 2026", in their own zone."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime

from words.catalogue import t
from words.deadlines.letter_form import plain_date

LOCALES = {"nl": "nl_NL", "en": "en_GB"}


def long_date(day: date, lang: str) -> str:
    """'woensdag 25 november 2026' (nl) or 'Wednesday 25 November 2026' (en)."""
    return format_date(day, "EEEE d MMMM y", locale=LOCALES.get(lang, "nl_NL"))


def short_date(day: date, lang: str) -> str:
    """'25 nov. 2026' style: for lists where the weekday is noise."""
    return format_date(day, "d MMM y", locale=LOCALES.get(lang, "nl_NL"))


def moment(at: datetime, zone: ZoneInfo, lang: str) -> str:
    """A stored UTC moment shown where the reader is: 'maandag 23 november 2026 09:00'."""
    local = at.astimezone(zone)
    locale = LOCALES.get(lang, "nl_NL")
    return format_datetime(local, "EEEE d MMMM y HH:mm", tzinfo=zone, locale=locale)


def month_year(day: date, lang: str) -> str:
    """'november 2026' (nl) or 'November 2026' (en)."""
    return format_date(day, "LLLL y", locale=LOCALES.get(lang, "nl_NL"))


def period_name(start: date, end: date, lang: str, *, bare: bool = False) -> str:
    """A period in words: 'het vierde kwartaal van 2026', 'november 2026', or its two days.

    ``bare``: the period as a letter's heading names it, 'vierde kwartaal 2026', and its two
    days without weekdays.
    """
    words = "brief.term" if bare else "brief.period"
    after = end + timedelta(days=1)
    months = (after.year - start.year) * 12 + after.month - start.month
    whole = start.day == 1 and after.day == 1
    if whole and months == 12 and start.month == 1:
        return t(f"{words}_year", lang, year=start.year)
    if whole and months == 6 and start.month in (1, 7):
        return t(f"{words}_half{1 if start.month == 1 else 2}", lang, year=start.year)
    if whole and months == 3 and start.month in (1, 4, 7, 10):
        return t(f"{words}_q{(start.month - 1) // 3 + 1}", lang, year=start.year)
    if whole and months == 1:
        return month_year(start, lang)
    day = plain_date if bare else long_date
    return t(f"{words}_range", lang, start=day(start, lang), end=day(end, lang))
