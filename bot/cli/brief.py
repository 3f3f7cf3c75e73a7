"""``voortgang brief``: the voortgangsbrief of a period, as Markdown, HTML, DOCX or PDF.

A period that has a final brief is printed as that final, byte for byte (the record the
councils received); ``--fresh`` compiles it again from the register, and the letter then says
plainly that it is not that final and how its updates differ.
"""

from __future__ import annotations

import argparse
import sys
from typing import IO

from bot.cli.common import BRIEF_FORMATS, CliError, clock_of
from bot.cli.database import open_checked
from bot.cli.programmes import pick_programme
from bot.letter.formats import Format, document
from bot.letter.pdf import PdfError, docx_to_pdf
from config.settings import Settings
from handlers.brief.drafts import (
    LetterSource,
    compile_source,
    differs_from_final,
    read_letter,
    read_period,
    stamp,
)
from storage.letters import final_of_period
from storage.register import programme_by_key
from words.catalogue import t
from words.clock import local_today
from words.deadlines.letter_form import plain_date
from words.periods.error import PeriodError

TEXT_FORMATS = ("md", "html")


def _brief_format(args: argparse.Namespace) -> Format:
    chosen: str | None = args.format
    if chosen is None and args.output is not None:
        chosen = args.output.suffix.lstrip(".").lower()
    if chosen == "htm":
        return "html"
    return next((fmt for fmt in BRIEF_FORMATS if fmt == chosen), "md")


def _kept(fmt: Format, kept: dict[str, bytes], settings: Settings) -> bytes:
    """The final's own document in ``fmt``; its PDF made from its frozen Word document."""
    if fmt == "pdf":
        return docx_to_pdf(kept["docx"], settings.soffice)
    return kept[fmt]


def _tell_final(source: LetterSource, lang: str) -> None:
    own = source.own_final
    assert own is not None  # noqa: S101 - the caller checked
    when = plain_date(own.finalized_at.date(), lang)
    print(t("cli.brief.final_kept", lang, number=own.number, date=when), file=sys.stderr)
    changed = source.changed_since_final()
    if changed:
        print(t("cli.brief.final_newer", lang, n=changed), file=sys.stderr)


def cmd_brief(args: argparse.Namespace, settings: Settings, out: IO[str]) -> int:
    lang = settings.language
    fmt = _brief_format(args)
    if fmt not in TEXT_FORMATS and args.output is None:
        raise CliError(t("cli.brief.needs_output", lang, format=fmt))
    register = open_checked(settings)
    key = pick_programme(register, args.programme, lang)
    clock = clock_of(args, settings)
    today = local_today(clock, settings.zone)
    kept: dict[str, bytes] | None = None
    with register.sessions() as session:
        programme = programme_by_key(session, key)
        assert programme is not None  # noqa: S101 - pick_programme checked it exists
        try:
            period = read_period(programme, args.period if args.period is not None else "", today)
        except PeriodError as err:
            raise CliError(err.message(lang)) from err
        source = read_letter(session, programme, period, clock.now(), again=True)
        final = final_of_period(session, programme.id, period.start, period.end)
        if final is not None and not args.fresh:
            kept = {d.format: d.content for d in final.documents}
    try:
        if kept is not None and "docx" in kept:
            _tell_final(source, lang)
            content = _kept(fmt, kept, settings)
        else:
            # The letter is in the programme's language: it goes to the councils, not to you.
            compiled = compile_source(source, draft=False, record=differs_from_final(source))
            content = document(
                compiled.letter, fmt, source.templates, settings.soffice, stamp=stamp(period)
            )
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
