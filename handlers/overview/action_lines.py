"""An action as one line of a listing (the register, the dashboard's lists): its words in the
reader's language, its traffic light by the letter's rule, its deadline in the letter's form."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from handlers.brief.appendix import light_word, traffic_light
from handlers.brief.facts import short_party
from handlers.wording import overdue, status_word
from storage.overview_rows import RegisterLine
from words.catalogue import t
from words.dates import moment
from words.deadlines.letter_form import letter_deadline
from words.deadlines.model import Precision
from words.domain import Status
from words.numbers import format_number, percent_of


@dataclass(frozen=True, slots=True)
class ActionLine:
    number: int
    key: str
    title: str
    theme: str
    track: str  # "" for an action without one
    status: Status
    status_word: str
    light: str  # groen, oranje, rood, grijs, wit: the letter's lights
    light_word: str
    overdue: bool
    due: date | None
    deadline: str  # "eind maart 2027", or the words without a date
    owners: str  # "Anna de Vries, Jan Bakker"
    parties: str  # short names: "Coevorden, Emmen"
    kpi: str  # "45 van 200 bedrijven (23%)", "" without a KPI value
    last_update: str  # when the newest standing update came, in the reader's zone; "" none


def deadline_words(due: date | None, precision: Precision | None, text: str, lang: str) -> str:
    if due is None:
        return text if text else t("web.overview.no_deadline", lang)
    return letter_deadline(due, precision, lang)


def kpi_words(target: float | None, current: float | None, unit: str, lang: str) -> str:
    """Progress against the target as the letter's overview table words it."""
    if target is None or current is None:
        return ""
    percent = percent_of(current, target)
    return t(
        "brief.kpi_short" if percent is not None else "brief.kpi_short_plain",
        lang,
        current=format_number(current, lang),
        target=format_number(target, lang),
        unit=unit,
        percent=percent,
    )


@dataclass(frozen=True, slots=True)
class Listing:
    """What every line of one listing is worded with: the names of the programme's themes
    and tracks, the day overdue is measured on, and the reader's zone and language."""

    themes: Mapping[int, str]
    tracks: Mapping[int, str]
    today: date
    zone: ZoneInfo
    lang: str


def action_line(line: RegisterLine, listing: Listing) -> ActionLine:
    lang = listing.lang
    late = overdue(line.status, line.due, listing.today)
    light = traffic_light(line.status, late)
    word = status_word(line.status, lang)
    return ActionLine(
        number=line.number,
        key=line.key,
        title=line.title,
        theme=listing.themes.get(line.theme_id, ""),
        track="" if line.track_id is None else listing.tracks.get(line.track_id, ""),
        status=line.status,
        status_word=t("web.overview.status_overdue", lang, status=word) if late else word,
        light=light,
        light_word=light_word(light, lang),
        overdue=late,
        due=line.due,
        deadline=deadline_words(line.due, line.precision, line.deadline_text, lang),
        owners=", ".join(owner.name for owner in line.owners),
        parties=", ".join(short_party(p.name, p.short_name) for p in line.parties),
        kpi=kpi_words(line.kpi_target, line.kpi_current, line.kpi_unit, lang),
        last_update=""
        if line.last_update is None
        else moment(line.last_update, listing.zone, lang),
    )
