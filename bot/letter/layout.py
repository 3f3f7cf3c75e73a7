"""The compiled letter laid out as document pieces (bot.letter.pieces), in reading order.

The Word document (and through it the PDF) is written from these pieces; the HTML and
Markdown templates lay out the same letter in the same order: head, opening, themes, the
coordination, the meetings, the signatures, and the appendix where the programme wants it.
"""

from __future__ import annotations

from collections.abc import Iterator

from bot.letter.chart import LIGHT_COLOURS, chart_title
from bot.letter.pieces import (
    Cell,
    Chart,
    Heading,
    Item,
    Para,
    Piece,
    Run,
    Signature,
    Signatures,
    Signer,
    Table,
)
from handlers.brief.content import Letter, Section
from handlers.brief.prose import MeetingLine

# The overview table's columns: theme, action, parties, deadline, status.
OVERVIEW_WIDTHS = (0.16, 0.36, 0.18, 0.14, 0.16)


def _head(letter: Letter) -> Iterator[Piece]:
    if letter.reference:
        yield Para.of(f"{letter.label('reference_label')}: {letter.reference}", "reference")
    yield Para.of(letter.date_line, "reference")
    yield Para(
        (Run(f"{letter.label('subject_label')}: ", bold=True), Run(letter.subject)), "subject"
    )
    yield Para((Run(f"{letter.label('period_label')}: ", bold=True), Run(letter.period)), "subject")
    if letter.record:
        yield Para.of(letter.record, "draft")
    if letter.draft and (letter.missing or letter.missing_themes):
        yield Para.of(letter.label("draft_heading"), "draft", bold=True)
        if letter.missing:
            yield Para.of(f"{letter.label('missing_heading')}:", "draft")
            yield from (Item.of(line) for line in letter.missing)
        if letter.missing_themes:
            yield Para.of(f"{letter.label('missing_themes_heading')}:", "draft")
            yield from (Item.of(name) for name in letter.missing_themes)


def _section(letter: Letter, section: Section) -> Iterator[Piece]:
    yield Heading(1, f"{section.number}. {section.name}")
    yield from (Para.of(text) for text in section.state)
    for track in section.tracks:
        if track.heading is not None and (track.news or track.quiet):
            yield Heading(2, track.heading)
        for news in track.news:
            who = f"{news.key}; {news.who}" if news.who else news.key
            yield Para((Run(news.title, bold=True), Run(f" ({who})")), "body", keep_with_next=True)
            yield from (Para.of(words, "quote") for words in news.words)
            yield from (Para.of(note, "note") for note in news.notes)
            if news.kpi is not None:
                yield Para.of(news.kpi, "note")
        if track.quiet is not None:
            yield Para.of(track.quiet, "quiet")
    if section.coming:
        yield Heading(3, letter.label("coming_heading"))
        yield from (Item.of(f"{item.when}: {item.what}") for item in section.coming)


def _meeting(meeting: MeetingLine) -> Item:
    extra = f" ({meeting.milestone})" if meeting.milestone is not None else ""
    return Item.of(f"{meeting.date}: {meeting.title}{extra}")


def _closing(letter: Letter) -> Iterator[Piece]:
    if letter.coordination:
        yield Heading(1, letter.label("coordination_heading"))
        yield from (Para.of(text) for text in letter.coordination)
    if letter.meetings_past:
        yield Heading(1, letter.label("meetings_past_heading"))
        yield from (_meeting(m) for m in letter.meetings_past)
    yield Heading(1, letter.label("meetings_heading"))
    if letter.meetings_coming:
        yield from (_meeting(m) for m in letter.meetings_coming)
    else:
        yield Para.of(letter.label("meetings_none"))
    if letter.closing:
        yield Para.of(letter.closing, "closing")
    if letter.signed_by:
        yield Para((Run(letter.signed_by),), keep_with_next=True)
    if letter.signatories:
        yield Signatures(
            tuple(
                Signature(
                    " ".join(block.lines),
                    tuple(Signer(s.function, s.name) for s in block.signers),
                )
                for block in letter.signatories
            ),
            room=not letter.digital,
        )
    if letter.digital:
        yield Para.of(letter.digital)


def _appendix(letter: Letter, *, new_page: bool) -> Iterator[Piece]:
    appendix = letter.appendix
    yield Heading(1, letter.label("appendix_heading"), new_page=new_page)
    header = tuple(
        letter.label(key)
        for key in ("col_theme", "col_action", "col_parties", "col_deadline", "col_status")
    )
    rows = tuple(
        (
            Cell(row.theme),
            Cell(f"{row.key} {row.title} ({row.kpi})" if row.kpi else f"{row.key} {row.title}"),
            Cell(row.parties),
            Cell(row.deadline),
            Cell(f"{row.light_word}: {row.status_word}", LIGHT_COLOURS.get(row.light)),
        )
        for row in appendix.overview
    )
    caption = letter.label("overview_heading")
    yield Para.of(caption, "caption")
    yield Table(header, rows, OVERVIEW_WIDTHS, caption)
    yield Heading(2, chart_title(letter))
    yield Chart(chart_title(letter))
    yield Heading(2, letter.label("since_heading"))
    since = appendix.since
    if since.intro:
        yield Para.of(since.intro)
    for key, items in (
        ("since_completed", since.completed),
        ("since_status", since.status_changes),
        ("since_deadlines", since.deadline_moves),
    ):
        yield Heading(3, letter.label(key))
        if items:
            yield from (Item.of(item) for item in items)
        else:
            yield Para.of(letter.label("since_none"))


def layout(letter: Letter) -> tuple[Piece, ...]:
    """The letter's pieces, in the order a reader meets them."""
    pieces: list[Piece] = [*_head(letter)]
    if letter.addressee:
        pieces.append(Para.of(letter.addressee))
    pieces += [Para.of(text) for text in letter.opening]
    if letter.placement == "front":
        pieces += _appendix(letter, new_page=False)
    for section in letter.sections:
        pieces += _section(letter, section)
    pieces += _closing(letter)
    if letter.placement == "appendix":
        pieces += _appendix(letter, new_page=True)
    return tuple(pieces)
