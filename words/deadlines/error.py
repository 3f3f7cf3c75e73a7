"""The error for a phrase that is no deadline, and its explanation in words."""

from __future__ import annotations

from datetime import date

from words.catalogue import t
from words.deadlines.model import FIRST_YEAR, LAST_YEAR
from words.errors import VoortgangError


class DeadlineError(VoortgangError, ValueError):
    """A phrase that cannot be read as a deadline.

    ``reason`` is a short code: ``empty``, ``unreadable``, ``vague``, ``weekday_mismatch``,
    ``impossible_date`` or ``out_of_range``. For ``weekday_mismatch``, ``actual`` is the date
    the phrase names and ``weekday`` the weekday it claims (0 is Monday). ``str(error)`` is the
    Dutch message; ``message(lang)`` gives it in another language.
    """

    def __init__(
        self,
        text: str,
        reason: str,
        *,
        actual: date | None = None,
        weekday: int | None = None,
    ) -> None:
        self.text = text
        self.reason = reason
        self.actual = actual
        self.weekday = weekday
        super().__init__(self.message())

    def message(self, lang: str | None = None) -> str:
        """The explanation, with phrases that do work, in ``lang`` (Dutch by default)."""
        params: dict[str, object] = {
            "text": _shorten(self.text),
            "examples": t("deadline.examples", lang),
            "first": FIRST_YEAR,
            "last": LAST_YEAR,
        }
        if self.actual is not None:
            params["date"] = _spell_date(self.actual, lang)
            params["date_nl"] = _spell_date(self.actual, "nl")
            params["actual"] = t(f"deadline.weekday.{self.actual.weekday()}", lang)
            params["actual_nl"] = t(f"deadline.weekday.{self.actual.weekday()}", "nl")
        if self.weekday is not None:
            params["given"] = t(f"deadline.weekday.{self.weekday}", lang)
        return t(f"deadline.error.{self.reason}", lang, **params)


def _shorten(text: str, limit: int = 60) -> str:
    # Messages quote the input; a pasted paragraph should not be repeated in full.
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _spell_date(day: date, lang: str | None) -> str:
    month = t(f"deadline.month.{day.month}", lang)
    return t("deadline.date", lang, day=day.day, month=month, year=day.year)
