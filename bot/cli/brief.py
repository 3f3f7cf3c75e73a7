"""``voortgang brief``: the voortgangsbrief of a period, as Markdown, HTML, DOCX or PDF."""

from __future__ import annotations

import argparse
from typing import IO

from bot.cli.common import BRIEF_FORMATS, CliError, clock_of
from bot.cli.database import open_checked
from bot.cli.programmes import pick_programme
from bot.letter.formats import Format, document
from bot.letter.pdf import PdfError
from config.settings import Settings
from handlers.brief.drafts import compile_letter, read_period, stamp, templates_of
from storage.register import programme_by_key
from words.catalogue import t
from words.clock import local_today
from words.periods.error import PeriodError

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
    register = open_checked(settings)
    key = pick_programme(register, args.programme, lang)
    clock = clock_of(args, settings)
    today = local_today(clock, settings.zone)
    with register.sessions() as session:
        programme = programme_by_key(session, key)
        assert programme is not None  # noqa: S101 - pick_programme checked it exists
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
