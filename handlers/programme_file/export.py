"""Exporting the register: back to a programme file (YAML), and to CSV and XLSX for spreadsheets.

The YAML export is a programme file that imports again without changes. CSV and XLSX are for
people who work in Excel: one row per action, Dutch headers, dates as real dates, and cell
text that cannot turn into a formula.

Text stored before it was cleaned where it comes in may still hold control characters or a
lone surrogate: XLSX refuses them (the whole export would fail), CSV and YAML readers trip over
them, and a YAML file holding them would not import again. Every writer cleans text with
``clean_text`` first, so such a character is dropped and the export goes through.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import IO, Any, Final
from zoneinfo import ZoneInfo

import yaml
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from storage.models import Action, Person, Programme, StatusUpdate
from words.catalogue import t
from words.checkin_settings import DUTCH_WEEKDAYS, ScheduleSettings
from words.cleantext import clean_json, clean_text
from words.domain import STATUS_WORDS, Status


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _person(
    *,
    membership_key: str,
    person: Person,
    role: str,
    party: str | None,
    programme_id: int,
    keys: Mapping[int, str],
) -> dict[str, Any]:
    out: dict[str, Any] = {"key": membership_key, "name": person.name}
    if party is not None:
        out["party"] = party
    out["role"] = role
    for name, value in (
        ("email", person.email),
        ("timezone", person.timezone),
        ("language", person.language),
        ("channel", person.channel),
    ):
        if value is not None:
            out[name] = value
    for identity in sorted(person.identities, key=lambda i: i.platform.value):
        out[identity.platform.value] = identity.external_id
    absences = []
    for absence in person.absences:
        if absence.programme_id != programme_id:
            continue  # declared by another programme's file
        entry: dict[str, Any] = {"from": absence.starts_on, "until": absence.ends_on}
        if absence.deputy_id is not None and absence.deputy_id in keys:
            entry["deputy"] = keys[absence.deputy_id]
        absences.append(entry)
    if absences:
        out["absences"] = absences
    return out


def _action(action: Action, keys: Mapping[int, str]) -> dict[str, Any]:
    out: dict[str, Any] = {"key": action.key, "theme": action.theme.key}
    if action.track is not None:
        out["track"] = action.track.key
    out["title"] = action.title
    if action.description:
        out["description"] = action.description
    out["owners"] = [keys[link.person_id] for link in action.owner_links]
    out["parties"] = [link.party.key for link in action.party_links]
    if action.deadline_text:
        out["deadline"] = action.deadline_text
    elif action.due is not None:
        out["deadline"] = action.due.isoformat()
    out["status"] = STATUS_WORDS[action.status]
    if action.kpi_target is not None:
        kpi: dict[str, Any] = {"target": _number(action.kpi_target)}
        if action.kpi_current is not None:
            kpi["current"] = _number(action.kpi_current)
        kpi["unit"] = action.kpi_unit
        out["kpi"] = kpi
    if action.checkin_rule:
        out["checkin"] = action.checkin_rule
    return out


def _schedule(programme: Programme) -> dict[str, Any]:
    settings = ScheduleSettings.from_json(programme.schedule)
    return {
        "before_deadline": list(settings.before_deadline),
        "after_deadline": settings.after_deadline,
        "time": settings.ping_time.strftime("%H:%M"),
        "reminder_after": settings.reminder_after,
        "escalate_after": settings.escalate_after,
        "when_absent": settings.when_absent.value,
        "digest": f"{DUTCH_WEEKDAYS[settings.digest_weekday]} "
        f"{settings.digest_time.strftime('%H:%M')}",
        "holidays": settings.holidays,
    }


def programme_document(programme: Programme) -> dict[str, Any]:
    """The register of one programme in the shape of a programme file."""
    keys = {m.person_id: m.key for m in programme.memberships}
    head: dict[str, Any] = {"key": programme.key, "name": programme.name}
    if programme.description:
        head["description"] = programme.description
    if programme.period_start is not None and programme.period_end is not None:
        head["period"] = {"start": programme.period_start, "end": programme.period_end}
    head |= {
        "timezone": programme.timezone,
        "language": programme.language,
        "reporting": programme.reporting.value,
        "checkin": programme.checkin_rule,
        "schedule": _schedule(programme),
    }
    if programme.slack_workspace is not None:
        head["slack_workspace"] = programme.slack_workspace
    if programme.public_page:  # written only when on, as the file need not say it is off
        head["public_page"] = True
    themes = []
    for theme in programme.themes:
        entry: dict[str, Any] = {"key": theme.key, "name": theme.name}
        if theme.sponsor_id in keys:
            entry["sponsor"] = keys[theme.sponsor_id]
        if theme.channel:
            entry["channel"] = theme.channel
        if theme.description:
            entry["description"] = theme.description
        themes.append(entry)
    parties = []
    for party in programme.parties:
        named: dict[str, Any] = {"key": party.key, "name": party.name}
        if party.short_name:
            named["short"] = party.short_name
        parties.append(named | {"kind": party.kind.value})
    doc: dict[str, Any] = {"programme": head, "parties": parties}
    if programme.tracks:
        doc["tracks"] = [{"key": t.key, "name": t.name} for t in programme.tracks]
    doc["themes"] = themes
    doc["people"] = [
        _person(
            membership_key=m.key,
            person=m.person,
            role=m.role.value,
            party=m.party.key if m.party else None,
            programme_id=programme.id,
            keys=keys,
        )
        for m in programme.memberships
    ]
    doc["actions"] = [_action(a, keys) for a in programme.actions]
    doc["meetings"] = [
        {"date": m.date, "title": m.title, "kind": m.kind.value} for m in programme.meetings
    ]
    doc["letter"] = programme.letter
    return doc


def write_yaml(document: Mapping[str, Any], stream: IO[str]) -> None:
    yaml.safe_dump(clean_json(document), stream, allow_unicode=True, sort_keys=False, width=100)


COLUMNS: Final = (
    ("nummer", "#"),
    ("sleutel", "key"),
    ("programma", "programme"),
    ("thema", "theme"),
    ("spoor", "track"),
    ("titel", "title"),
    ("eigenaren", "owners"),
    ("partijen", "parties"),
    ("deadline", "deadline"),
    ("datum", "due"),
    ("precisie", "precision"),
    ("status", "status"),
    ("kpi_doel", "kpi_target"),
    ("kpi_stand", "kpi_current"),
    ("kpi_eenheid", "kpi_unit"),
    ("laatste_update", "last_update"),
    ("laatste_tekst", "last_text"),
)


def action_rows(
    programme: Programme, last: Mapping[int, StatusUpdate], zone_name: str
) -> list[dict[str, Any]]:
    """One flat row per action, the values typed (dates stay dates) for the writers.

    A deadline's precision stays a ``Precision`` (or None): each writer names it in the
    language of its headers.
    """
    zone = ZoneInfo(zone_name)
    rows = []
    for action in programme.actions:
        update = last.get(action.id)
        rows.append(
            {
                "nummer": action.number,
                "sleutel": action.key,
                "programma": programme.key,
                "thema": action.theme.name,
                "spoor": action.track.name if action.track else "",
                "titel": action.title,
                "eigenaren": "; ".join(p.name for p in action.owners),
                "partijen": "; ".join(p.name for p in action.parties),
                "deadline": action.deadline_text,
                "datum": action.due,
                "precisie": action.deadline_precision,
                "status": STATUS_WORDS[action.status],
                "kpi_doel": _number(action.kpi_target),
                "kpi_stand": _number(action.kpi_current),
                "kpi_eenheid": action.kpi_unit,
                "laatste_update": update.created_at.astimezone(zone).date() if update else None,
                "laatste_tekst": update.text if update else "",
            }
        )
    return rows


FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    """Cell text without the characters a spreadsheet file cannot hold."""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", clean_text(value))
    return value


def _safe(value: Any) -> Any:
    """Cell text that a spreadsheet will show, never evaluate ("=HYPERLINK(...)")."""
    value = _cell(value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def headers(lang: str) -> list[str]:
    return [en if lang == "en" else nl for nl, en in COLUMNS]


def _cells(row: Mapping[str, Any], lang: str) -> list[Any]:
    """The row's values in column order, with the precision as a word in ``lang``."""
    precision = row["precisie"]
    # "kwartaal" in a Dutch sheet, "quarter" in an English one; nothing without a deadline.
    named = t(f"precision.{precision.value}", lang) if precision is not None else ""
    return [named if name == "precisie" else row[name] for name, _ in COLUMNS]


def write_csv(
    rows: Sequence[Mapping[str, Any]], stream: IO[str], lang: str = "nl", delimiter: str = ";"
) -> None:
    # Semicolons (the caller opens the file as utf-8-sig): what Excel with Dutch settings opens.
    writer = csv.writer(stream, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(headers(lang))
    for row in rows:
        cells = _cells(row, lang)
        writer.writerow(
            ["" if c is None else c.isoformat() if isinstance(c, date) else _safe(c) for c in cells]
        )


STATUS_FILLS: Final[dict[str, str]] = {
    STATUS_WORDS[Status.ON_TRACK]: "C6EFCE",
    STATUS_WORDS[Status.AT_RISK]: "FFEB9C",
    STATUS_WORDS[Status.DELAYED]: "FFC7CE",
    STATUS_WORDS[Status.DONE]: "D9D9D9",
    STATUS_WORDS[Status.DROPPED]: "D9D9D9",
}


def write_xlsx(
    rows: Sequence[Mapping[str, Any]], path: Path | IO[bytes], title: str, lang: str = "nl"
) -> None:
    """The rows as a workbook, in a file or a stream (a download made in memory)."""
    book = Workbook()
    sheet = book.active
    # Excel forbids : / \\ ? * [ ] in sheet names and allows 31 characters.
    sheet.title = re.sub(r"[:/\\?*\[\]]", "-", _cell(title))[:31] or "Acties"
    sheet.append(headers(lang))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    status_col = [name for name, _ in COLUMNS].index("status") + 1
    for row in rows:
        # No apostrophe prefix here: a cell typed as text is never evaluated, and Excel would
        # show the apostrophe.
        sheet.append([_cell(value) for value in _cells(row, lang)])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text stays text even when it looks like a formula
            if isinstance(cell.value, date):
                cell.number_format = "dd-mm-yyyy"
        fill = STATUS_FILLS.get(str(row["status"]))
        if fill is not None:
            sheet.cell(sheet.max_row, status_col).fill = PatternFill("solid", fgColor=fill)
    widths = {"titel": 60, "eigenaren": 32, "partijen": 32, "deadline": 28, "laatste_tekst": 60}
    for index, (name, _) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = widths.get(name, 14)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    book.save(path)
