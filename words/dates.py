"""Dates and times as people read them: "woensdag 25 november 2026", in their own zone."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime

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
