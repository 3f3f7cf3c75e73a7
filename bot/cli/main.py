"""The ``voortgang`` command line (also ``python -m bot``).

A thin layer: it parses arguments, calls the register and prints. Errors a person can fix
are printed in their language as one line (or a list), never as a traceback, with an exit code
that says what kind: 1 a bad file, deadline or other input; 2 usage (as argparse does) or
settings, the secret keys among them; 3 a database that cannot be used (where, what failed and
what to check); 4 a database whose schema this version does not know.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import IO

from bot.cli import failures, processes
from bot.cli import set_aside as operate
from bot.cli.table import render_table
from bot.engine.opening import Register, check_file, import_file
from bot.letter.formats import Format, document
from bot.letter.pdf import PdfError
from bot.teams import package as teams_package
from config.settings import Settings, SettingsError, load_settings
from handlers.brief.cycle import compile_letter, read_period, stamp, templates_of
from handlers.programme_file.export import (
    action_rows,
    programme_document,
    write_csv,
    write_xlsx,
    write_yaml,
)
from storage.importer_run import ImportReport
from storage.register import (
    ActionFilter,
    last_updates,
    list_actions,
    load_programme,
    programme_by_key,
    programmes,
)
from words.catalogue import t
from words.clock import Clock, FixedClock, SystemClock, local_today
from words.deadlines.error import DeadlineError
from words.deadlines.parse import parse_deadline
from words.domain import STATUS_WORDS, Status, parse_status
from words.errors import VoortgangError
from words.periods.error import PeriodError
from words.programme.doc import ProgrammeFileError

Command = Callable[[argparse.Namespace, Settings, IO[str]], int]


class CliError(VoortgangError):
    """A problem the person can fix, already worded in their language."""


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"{text!r}: JJJJ-MM-DD") from err


def _clock(args: argparse.Namespace, settings: Settings) -> Clock:
    today: date | None = getattr(args, "today", None)
    if today is None:
        return SystemClock()
    # Noon local time: "today" stays the same day in every zone people may be in.
    return FixedClock(datetime.combine(today, time(12), settings.zone).astimezone(UTC))


# -- deadline ------------------------------------------------------------------------------


def cmd_deadline(args: argparse.Namespace, settings: Settings, out: IO[str]) -> int:
    today = local_today(_clock(args, settings), settings.zone)
    try:
        deadline = parse_deadline(args.text, today)
    except DeadlineError as err:
        raise CliError(err.message(settings.language)) from err
    print(f"{deadline.due.isoformat()} {deadline.precision.value}", file=out)
    return 0


# -- import --------------------------------------------------------------------------------


def _counts(counts: dict[str, int], lang: str) -> str:
    parts = [t(f"cli.kind.{kind}", lang, n=n) for kind, n in sorted(counts.items())]
    return ", ".join(parts) or "-"


def _report(report: ImportReport, lang: str, out: IO[str]) -> None:
    if report.unchanged:
        print(t("cli.import.unchanged", lang, programme=report.programme), file=out)
    else:
        created = _counts(report.created, lang)
        changed = _counts(report.changed, lang)
        print(
            t(
                "cli.import.done",
                lang,
                programme=report.programme,
                created=created,
                changed=changed,
            ),
            file=out,
        )
    for line in report.deadline_moves:
        print(t("cli.import.deadline_moved", lang, change=line), file=out)
    for line in report.status_changes:
        print(t("cli.import.status_changed", lang, change=line), file=out)
    if report.not_in_file:
        print(t("cli.import.not_in_file", lang, items=", ".join(report.not_in_file)), file=out)


def cmd_import(args: argparse.Namespace, settings: Settings, out: IO[str]) -> int:
    clock = _clock(args, settings)
    if args.check:
        for path in args.files:
            doc = check_file(path, settings, clock)
            print(
                t(
                    "cli.import.checked",
                    settings.language,
                    file=path,
                    actions=len(doc.spec.actions),
                ),
                file=out,
            )
        return 0
    register = processes.open_checked(settings)
    for path in args.files:
        _report(import_file(register, path, settings, clock), settings.language, out)
    return 0


# -- export --------------------------------------------------------------------------------


def _pick_programme(register: Register, wanted: str | None, lang: str) -> str:
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
    register = processes.open_checked(settings)
    key = _pick_programme(register, args.programme, lang)
    with register.sessions() as session:
        programme = load_programme(session, key)
        assert programme is not None  # noqa: S101 - _pick_programme checked it exists
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


# -- brief ---------------------------------------------------------------------------------

BRIEF_FORMATS: tuple[Format, ...] = ("md", "html", "docx", "pdf")
TEXT_FORMATS = ("md", "html")


def _brief_format(args: argparse.Namespace) -> Format:
    chosen: str | None = args.format
    if chosen is None and args.output is not None:
        chosen = args.output.suffix.lstrip(".").lower()
    if chosen == "htm":
        return "html"
    return next((fmt for fmt in BRIEF_FORMATS if fmt == chosen), "md")


def cmd_brief(args: argparse.Namespace, settings: Settings, out: IO[str]) -> int:
    lang = settings.language
    fmt = _brief_format(args)
    if fmt not in TEXT_FORMATS and args.output is None:
        raise CliError(t("cli.brief.needs_output", lang, format=fmt))
    register = processes.open_checked(settings)
    key = _pick_programme(register, args.programme, lang)
    clock = _clock(args, settings)
    today = local_today(clock, settings.zone)
    with register.sessions() as session:
        programme = programme_by_key(session, key)
        assert programme is not None  # noqa: S101 - _pick_programme checked it exists
        try:
            period = read_period(programme, args.period if args.period is not None else "", today)
        except PeriodError as err:
            raise CliError(err.message(lang)) from err
        # The letter is in the programme's language: it goes to the councils, not to the user.
        compiled = compile_letter(session, programme, period, clock.now(), draft=False)
        templates = templates_of(programme)
    try:
        content = document(compiled.letter, fmt, templates, settings.soffice, stamp=stamp(period))
    except PdfError as err:
        raise CliError(err.message(lang)) from err
    if args.output is None:
        out.write(content.decode("utf-8"))
        return 0
    try:
        args.output.write_bytes(content)
    except OSError as err:
        raise CliError(t("cli.export.cannot_write", lang, file=args.output, error=err)) from err
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
        return parse_deadline(text, today).due
    except DeadlineError as err:
        raise CliError(err.message(lang)) from err


def cmd_actions(args: argparse.Namespace, settings: Settings, out: IO[str]) -> int:
    lang = settings.language
    today = local_today(_clock(args, settings), settings.zone)
    flt = ActionFilter(
        programme=args.programme,
        theme=args.theme,
        owner=args.owner,
        statuses=_statuses(args.status, lang),
        overdue_on=today if args.overdue else None,
        due_before=_due_before(args.due_before, today, lang),
    )
    register = processes.open_checked(settings)
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


# -- teams-package -------------------------------------------------------------------------


def cmd_teams_package(args: argparse.Namespace, settings: Settings, out: IO[str]) -> int:
    lang = settings.language
    try:
        content = teams_package.build_package(
            args.client_id,
            version=args.version,
            name=args.name,
            developer_name=args.developer,
            website_url=args.website,
            privacy_url=args.privacy,
            terms_url=args.terms,
            domain=args.domain,
        )
    except teams_package.TeamsPackageError as err:
        raise CliError(err.message(lang)) from err
    try:
        args.output.write_bytes(content)
    except OSError as err:
        raise CliError(t("cli.export.cannot_write", lang, file=args.output, error=err)) from err
    print(t("cli.export.written", lang, file=args.output), file=out)
    return 0


# -- migrate and run -----------------------------------------------------------------------


def cmd_run(args: argparse.Namespace, settings: Settings, out: IO[str]) -> int:
    from bot.run.console import run  # noqa: PLC0415 - the chat wiring is only needed here

    # --today starts the simulated clock on that day, also where an earlier session went on.
    resume = getattr(args, "today", None) is None
    return run(settings, sys.stdin, out, clock=_clock(args, settings), resume=resume)


# -- parser --------------------------------------------------------------------------------


def _add_teams_package(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``teams-package`` entry: the options are many, and build_parser is long enough."""
    tms = sub.add_parser(
        "teams-package", help="write the Teams app package (zip) a Teams admin uploads"
    )
    tms.add_argument(
        "--client-id",
        required=True,
        metavar="GUID",
        help="the Application (client) ID of the bot's app registration in Microsoft Entra",
    )
    tms.add_argument(
        "--version",
        default=teams_package.DEFAULT_VERSION,
        help="the app's version, three numbers; raise it for every upload (default: %(default)s)",
    )
    tms.add_argument("--name", default=teams_package.DEFAULT_NAME, help="default: %(default)s")
    tms.add_argument(
        "--developer", default=teams_package.DEFAULT_DEVELOPER, help="default: %(default)s"
    )
    tms.add_argument(
        "--website", default=teams_package.DEFAULT_WEBSITE, help="https; default: %(default)s"
    )
    tms.add_argument(
        "--privacy", default=teams_package.DEFAULT_PRIVACY, help="https; default: %(default)s"
    )
    tms.add_argument(
        "--terms", default=teams_package.DEFAULT_TERMS, help="https; default: %(default)s"
    )
    tms.add_argument("--domain", help="the bot's host for validDomains (default: the website's)")
    tms.add_argument(
        "--output", "-o", type=Path, default=Path("voortgang-teams.zip"), help="%(default)s"
    )
    tms.set_defaults(func=cmd_teams_package)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="voortgang",
        description="Voortgang: the progress cycle of inter-municipal programmes, in chat.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = sub.add_parser("run", help="run the bot (console chat when no platform is set up)")
    run.add_argument(
        "--today",
        type=_date,
        help="start the simulated clock on this day, not where the last session left it",
    )
    run.set_defaults(func=cmd_run)

    imp = sub.add_parser("import", help="create or update programmes from YAML files")
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE")
    imp.add_argument("--check", action="store_true", help="only check the files, write nothing")
    imp.add_argument("--today", type=_date, help="read relative deadlines as of this day")
    imp.set_defaults(func=cmd_import)

    exp = sub.add_parser("export", help="write a programme to YAML, CSV or XLSX")
    exp.add_argument("--programme", "-p", help="programme key (needed when there are several)")
    exp.add_argument(
        "--format",
        "-f",
        choices=("yaml", "csv", "xlsx"),
        help="default: from the output file's extension, else yaml",
    )
    exp.add_argument("--output", "-o", type=Path, help="file to write (default: standard output)")
    exp.set_defaults(func=cmd_export)

    brf = sub.add_parser(
        "brief", help="compile the voortgangsbrief for a period (md, html, docx or pdf)"
    )
    brf.add_argument("--programme", "-p", help="programme key (needed when there are several)")
    brf.add_argument(
        "--period",
        help="2026-Q4, 2026-H2, 2026, 2026-11 or 2026-01-01..2026-06-30; "
        "default: the programme's reporting period that contains today",
    )
    brf.add_argument(
        "--format",
        "-f",
        choices=BRIEF_FORMATS,
        help="default: from the file's extension, else md; docx and pdf need --output",
    )
    brf.add_argument("--output", "-o", type=Path, help="file to write (default: standard output)")
    brf.add_argument("--today", type=date.fromisoformat, help="the day to count from (YYYY-MM-DD)")
    brf.set_defaults(func=cmd_brief)

    dl = sub.add_parser("deadline", help="read a deadline in words: prints ISO date and precision")
    dl.add_argument("text", metavar="TEXT")
    dl.add_argument("--today", type=_date, help="read the phrase as of this day (YYYY-MM-DD)")
    dl.set_defaults(func=cmd_deadline)

    act = sub.add_parser("actions", help="list actions, with filters")
    act.add_argument("--programme", "-p", help="programme key")
    act.add_argument("--theme", help="theme key or part of its name")
    act.add_argument("--owner", help="person key, email or part of the name")
    act.add_argument(
        "--status",
        action="append",
        help="status (repeatable): open, op schema, risico, vertraagd, afgerond, vervallen",
    )
    act.add_argument("--overdue", action="store_true", help="only open actions past their deadline")
    act.add_argument(
        "--due-before",
        metavar="DATE",
        help="deadline on or before this day (YYYY-MM-DD or words, e.g. 'eind 2026')",
    )
    act.add_argument("--today", type=_date, help="judge 'overdue' as of this day")
    act.set_defaults(func=cmd_actions)

    _add_teams_package(sub)
    processes.add_parsers(sub)

    return parser


def main(argv: Sequence[str] | None = None, out: IO[str] | None = None) -> int:
    stdout = sys.stdout if out is None else out
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
    except SettingsError as err:
        print(err, file=sys.stderr)
        return 2
    func: Command = args.func
    try:
        return func(args, settings, stdout)
    except (ProgrammeFileError, CliError, operate.OperateError, *failures.KNOWN) as err:
        return failures.failed(err, settings)
