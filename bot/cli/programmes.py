"""The commands on the register's programmes: ``import`` YAML files, ``export`` a programme to
YAML, CSV or XLSX, and list its ``actions``."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import IO

from bot.cli.common import CliError, clock_of
from bot.cli.database import open_checked
from bot.cli.table import render_table
from bot.engine.opening import Register, check_file, import_file
from config.settings import Settings
from handlers.programme_file.export import (
    action_rows,
    programme_document,
    write_csv,
    write_xlsx,
    write_yaml,
)
from handlers.programme_file.import_report import report_lines
from storage.importer_run import ImportReport
from storage.register import ActionFilter, last_updates, list_actions, load_programme, programmes
from words.catalogue import t
from words.clock import local_today
from words.deadlines.error import DeadlineError
from words.deadlines.parse import parse_deadline
from words.domain import STATUS_WORDS, Status, parse_status

# -- import --------------------------------------------------------------------------------


def _report(report: ImportReport, lang: str, out: IO[str]) -> None:
    for line in report_lines(report, lang):
        print(line, file=out)


def cmd_import(args: argparse.Namespace, settings: Settings, out: IO[str]) -> int:
    clock = clock_of(args, settings)
    if args.check:
        for path in args.files:
            doc = check_file(path, settings, clock)
            print(
                t(
                    "cli.import.checked",
                    settings.language,
                    file=path,
                    n=len(doc.spec.actions),
                ),
                file=out,
            )
        return 0
    register = open_checked(settings)
    for path in args.files:
        _report(import_file(register, path, settings, clock), settings.language, out)
    return 0


# -- export --------------------------------------------------------------------------------


def pick_programme(register: Register, wanted: str | None, lang: str) -> str:
    with register.sessions() as session:
        keys = [p.key for p in programmes(session)]
    if wanted is not None:
        if wanted not in keys:
            raise CliError(
                t("cli.no_such_programme", lang, key=wanted, known=", ".join(keys) or "-")
            )
        return wanted
    if len(keys) == 1:
        return keys[0]
    if not keys:
        raise CliError(t("cli.no_programmes", lang))
    raise CliError(t("cli.which_programme", lang, known=", ".join(keys)))


def _format(args: argparse.Namespace) -> str:
    if args.format is not None:
        return str(args.format)
    suffix = args.output.suffix.lower().lstrip(".") if args.output else ""
    return {"yml": "yaml", "yaml": "yaml", "csv": "csv", "xlsx": "xlsx"}.get(suffix, "yaml")


def _open_output(path: Path, encoding: str, lang: str) -> IO[str]:
    try:
        return path.open("w", encoding=encoding, newline="")
    except OSError as err:
        raise CliError(t("cli.export.cannot_write", lang, file=path, error=err)) from err


def cmd_export(args: argparse.Namespace, settings: Settings, out: IO[str]) -> int:
    lang = settings.language
    fmt = _format(args)
    if fmt == "xlsx" and args.output is None:
        raise CliError(t("cli.export.xlsx_needs_file", lang))
    register = open_checked(settings)
    key = pick_programme(register, args.programme, lang)
    with register.sessions() as session:
        programme = load_programme(session, key)
        assert programme is not None  # noqa: S101 - pick_programme checked it exists
        if fmt == "yaml":
            document = programme_document(programme)
        else:
            last = last_updates(session, [a.id for a in programme.actions])
            rows = action_rows(programme, last, programme.timezone)
    if fmt == "xlsx":
        try:
            write_xlsx(rows, args.output, programme.name, lang)
        except OSError as err:
            raise CliError(t("cli.export.cannot_write", lang, file=args.output, error=err)) from err
    elif args.output is None:
        (write_yaml(document, out) if fmt == "yaml" else write_csv(rows, out, lang))
    else:
        encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
        with _open_output(args.output, encoding, lang) as stream:
            (write_yaml(document, stream) if fmt == "yaml" else write_csv(rows, stream, lang))
    if args.output is not None:
        print(t("cli.export.written", lang, file=args.output), file=out)
    return 0


# -- actions -------------------------------------------------------------------------------


def _statuses(values: Sequence[str] | None, lang: str) -> tuple[Status, ...]:
    found = []
    for value in values or ():
        status = parse_status(value)
        if status is None:
            raise CliError(
                t("cli.bad_status", lang, value=value, known=", ".join(STATUS_WORDS.values()))
            )
        found.append(status)
    return tuple(found)


def _due_before(text: str | None, today: date, lang: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return parse_deadline(text, today, lang).due
    except DeadlineError as err:
        raise CliError(err.message(lang)) from err


def cmd_actions(args: argparse.Namespace, settings: Settings, out: IO[str]) -> int:
    lang = settings.language
    today = local_today(clock_of(args, settings), settings.zone)
    flt = ActionFilter(
        programme=args.programme,
        theme=args.theme,
        owner=args.owner,
        statuses=_statuses(args.status, lang),
        overdue_on=today if args.overdue else None,
        due_before=_due_before(args.due_before, today, lang),
    )
    register = open_checked(settings)
    with register.sessions() as session:
        actions = list_actions(session, flt)
        rows = [
            [
                str(a.number),
                a.key,
                a.theme.name,
                a.title,
                ", ".join(f"{p.name}" for p in a.owners),
                a.deadline_text or "-",
                a.due.isoformat() if a.due else "-",
                t(f"status.{a.status.value}", lang),
            ]
            for a in actions
        ]
        several = len({a.programme_id for a in actions}) > 1
        if several:
            for row, action in zip(rows, actions, strict=True):
                row.insert(0, action.programme.key)
    if not rows:
        print(t("cli.actions.none", lang), file=out)
        return 0
    headers = [
        t(f"cli.actions.col.{c}", lang)
        for c in ("number", "key", "theme", "title", "owners", "deadline", "due", "status")
    ]
    widths = [5, 12, 22, 48, 36, 30, 10, 12]
    if several:
        headers.insert(0, t("cli.actions.col.programme", lang))
        widths.insert(0, 16)
    print(render_table(headers, rows, widths), file=out)
    print(t("cli.actions.count", lang, n=len(rows)), file=out)
    return 0
