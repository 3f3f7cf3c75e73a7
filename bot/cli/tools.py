"""The commands that need no database: read a ``deadline`` in words, and write the Teams app
package (``teams-package``)."""

from __future__ import annotations

import argparse
from typing import IO

from bot.cli.common import CliError, clock_of
from bot.teams import package as teams_package
from config.settings import Settings
from words.catalogue import t
from words.clock import local_today
from words.deadlines.error import DeadlineError
from words.deadlines.parse import parse_deadline


def cmd_deadline(args: argparse.Namespace, settings: Settings, out: IO[str]) -> int:
    today = local_today(clock_of(args, settings), settings.zone)
    try:
        deadline = parse_deadline(args.text, today, settings.language)
    except DeadlineError as err:
        raise CliError(err.message(settings.language)) from err
    print(f"{deadline.due.isoformat()} {deadline.precision.value}", file=out)
    return 0


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
