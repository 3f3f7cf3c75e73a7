"""The ``voortgang`` command line (also ``python -m bot``).

A thin layer: it parses arguments, calls the register and prints. Errors a person can fix
are printed in their language as one line (or a list), never as a traceback, with an exit code
that says what kind: 1 a bad file, deadline or other input; 2 usage (as argparse does) or
settings, the secret keys among them; 3 a database that cannot be used (where, what failed and
what to check); 4 a database whose schema this version does not know.

Building the parser imports no command: each command's module is imported when it runs
(``Lazy``), so ``voortgang --help`` answers at once and each process loads only what it needs.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from bot.cli.common import BRIEF_FORMATS

if TYPE_CHECKING:
    from config.settings import Settings

Command = Callable[[argparse.Namespace, "Settings", IO[str]], int]


@dataclass(frozen=True, slots=True)
class Lazy:
    """A command by the module (under bot.cli) and function that hold it, imported when the
    command runs."""

    module: str
    name: str

    def __call__(self, args: argparse.Namespace, settings: Settings, out: IO[str]) -> int:
        command: Command = getattr(importlib.import_module(f"bot.cli.{self.module}"), self.name)
        return command(args, settings, out)


class CommandParser(argparse.ArgumentParser):
    """A command's parser that may add its arguments only when it parses (``later``): the
    defaults ``teams-package`` shows come from the module that draws the app's icons, which
    ``voortgang --help`` has no need to load."""

    def __init__(
        self,
        *args: Any,
        later: Callable[[argparse.ArgumentParser], None] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._later = later

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        if self._later is not None:
            later, self._later = self._later, None
            later(self)
        return super().parse_known_args(args, namespace)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"{text!r}: JJJJ-MM-DD") from err


# -- parser --------------------------------------------------------------------------------


def _teams_package_arguments(tms: argparse.ArgumentParser) -> None:
    """The ``teams-package`` options (see ``CommandParser``); build_parser is long enough."""
    from bot.teams import package as teams_package  # noqa: PLC0415 - only for this command

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


def _add_processes(sub: argparse._SubParsersAction[CommandParser]) -> None:
    """The commands of a deployment's processes and of its operator."""
    web = sub.add_parser("web", help="serve the HTTP endpoints (HOST, PORT; /healthz)")
    web.set_defaults(func=Lazy("processes", "cmd_web"))

    clk = sub.add_parser("clock", help="run the scheduler process")
    clk.set_defaults(func=Lazy("processes", "cmd_clock"))

    aside = sub.add_parser(
        "set-aside",
        help="list chat events and jobs set aside after failing; --retry puts them back",
    )
    aside.add_argument(
        "--retry",
        nargs="+",
        metavar="ID",
        help="put these back in line (ids as listed: e12 for an event, j3 for a job)",
    )
    aside.add_argument(
        "--retry-all", action="store_true", help="put everything set aside back in line"
    )
    aside.set_defaults(func=Lazy("set_aside", "cmd_set_aside"))

    tok = sub.add_parser(
        "api-token", help="make, list or revoke the tokens integrations read the API with"
    )
    tokens = tok.add_subparsers(dest="action", required=True, metavar="ACTION")
    make = tokens.add_parser("create", help="a new token for a programme, printed once")
    make.add_argument("--programme", "-p", help="programme key (needed when there are several)")
    make.add_argument("--name", required=True, help="what uses it, e.g. the dashboard's name")
    listed = tokens.add_parser("list", help="the tokens (never the tokens themselves)")
    listed.add_argument("--programme", "-p", help="only this programme's")
    end = tokens.add_parser("revoke", help="revoke a token at once")
    end.add_argument("id", type=int, metavar="ID", help="the token's id, as listed")
    tok.set_defaults(func=Lazy("api_access", "cmd_api_token"))

    mig = sub.add_parser("migrate", help="bring the database schema up to date")
    mig.set_defaults(func=Lazy("database", "cmd_migrate"))

    key = sub.add_parser("secret-key", help="print a new key for VOORTGANG_SECRET_KEYS")
    key.set_defaults(func=Lazy("database", "cmd_secret_key"))

    rot = sub.add_parser(
        "rotate-secrets",
        help="encrypt every stored platform token with the first key of VOORTGANG_SECRET_KEYS",
    )
    rot.set_defaults(func=Lazy("database", "cmd_rotate_secrets"))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="voortgang",
        description="Voortgang: the progress cycle of inter-municipal programmes, in chat.",
    )
    sub = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=CommandParser
    )

    run = sub.add_parser("run", help="run the bot (console chat when no platform is set up)")
    run.add_argument(
        "--today",
        type=_date,
        help="start the simulated clock on this day, not where the last session left it",
    )
    run.add_argument(
        "--no-dashboard",
        action="store_true",
        help="no local dashboard beside the console chat",
    )
    run.set_defaults(func=Lazy("processes", "cmd_run"))

    imp = sub.add_parser("import", help="create or update programmes from YAML files")
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE")
    imp.add_argument("--check", action="store_true", help="only check the files, write nothing")
    imp.add_argument("--today", type=_date, help="read relative deadlines as of this day")
    imp.set_defaults(func=Lazy("programmes", "cmd_import"))

    exp = sub.add_parser("export", help="write a programme to YAML, CSV or XLSX")
    exp.add_argument("--programme", "-p", help="programme key (needed when there are several)")
    exp.add_argument(
        "--format",
        "-f",
        choices=("yaml", "csv", "xlsx"),
        help="default: from the output file's extension, else yaml",
    )
    exp.add_argument("--output", "-o", type=Path, help="file to write (default: standard output)")
    exp.set_defaults(func=Lazy("programmes", "cmd_export"))

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
    brf.add_argument(
        "--fresh",
        action="store_true",
        help="for a period with a final brief: compile it again from the register as it is "
        "now (it says how it differs from the final) instead of printing the final",
    )
    brf.set_defaults(func=Lazy("brief", "cmd_brief"))

    style = sub.add_parser(
        "huisstijl",
        help="write the Word letter's reference document (brief.docx) to start a house style from",
    )
    style.add_argument("--output", "-o", type=Path, required=True, help="the .docx to write")
    style.set_defaults(func=Lazy("house_style", "cmd_house_style"))

    dl = sub.add_parser("deadline", help="read a deadline in words: prints ISO date and precision")
    dl.add_argument("text", metavar="TEXT")
    dl.add_argument("--today", type=_date, help="read the phrase as of this day (YYYY-MM-DD)")
    dl.set_defaults(func=Lazy("tools", "cmd_deadline"))

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
    act.set_defaults(func=Lazy("programmes", "cmd_actions"))

    tms = sub.add_parser(
        "teams-package",
        help="write the Teams app package (zip) a Teams admin uploads",
        later=_teams_package_arguments,
    )
    tms.set_defaults(func=Lazy("tools", "cmd_teams_package"))
    _add_processes(sub)

    return parser


def main(argv: Sequence[str] | None = None, out: IO[str] | None = None) -> int:
    stdout = sys.stdout if out is None else out
    args = build_parser().parse_args(argv)
    from config.settings import SettingsError, load_settings  # noqa: PLC0415 - not for --help

    try:
        settings = load_settings()
    except SettingsError as err:
        print(err, file=sys.stderr)
        return 2
    func: Command = args.func
    try:
        return func(args, settings, stdout)
    except Exception as err:
        # Only now the errors a person can fix, and how to word them, are loaded.
        from bot.cli import failures  # noqa: PLC0415

        if not isinstance(err, failures.KNOWN):
            raise
        return failures.failed(err, settings)
