"""The voortgangsbrief laid out as Markdown, one self-contained HTML file, DOCX or PDF.

Markdown and HTML come from Jinja2 templates. The defaults live in config/templates; a
programme may bring directories of its own, searched first, that override ``brief.md.j2`` or
``brief.html.j2``. The DOCX is the letter's pieces (bot.letter.layout) written into a reference
Word document (bot.letter.word): the project's own, or the programme's house style (its
``letter.style``, or a ``brief.docx`` in its template folder). The PDF is that DOCX converted by
LibreOffice (bot.letter.pdf), tagged, with its fonts embedded.

Everything that came from people (the owners' words, titles, the letter settings) is escaped
for the format: HTML by Jinja's autoescape, Markdown by ``md_escape`` through the ``md`` filter,
DOCX by being written as text, so chat text cannot inject markup.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Final, Literal

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from bot.letter.chart import LIGHT_COLOURS, chart_png, chart_svg, chart_title
from bot.letter.layout import layout
from bot.letter.pdf import docx_to_pdf, runnable_soffice
from bot.letter.word import to_docx
from bot.letter.wordml import DocumentMeta
from handlers.brief.content import Letter
from words.batch import without_collector
from words.catalogue import t
from words.domain import Status

TEMPLATES: Final = Path(__file__).resolve().parents[2] / "config" / "templates"
BASE_DOCX: Final = "brief.docx"
TextFormat = Literal["md", "html"]
Format = Literal["md", "html", "docx", "pdf"]

# Characters that mean something to Markdown (CommonMark with GFM tables) anywhere in a line,
# each to be backslashed: one str.translate, several times faster than a regex substitution.
MD_SPECIAL: Final = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|~#!&"})
# What only means something at the start of a line: lists, headings by underline, ordered lists.
MD_LINE_START: Final = re.compile(r"^([-+=])|^(\d+)([.)])")


# Whether there is anything to backslash at all: most words have nothing, and searching is
# much faster than translating.
MD_ANY_SPECIAL: Final = re.compile(r"[\\`*_\[\]<>|~#!&]")


def md_escape(text: str) -> str:
    """User text as literal Markdown: on one line, every significant character backslashed."""
    flat = " ".join(text.split())
    escaped = flat.translate(MD_SPECIAL) if MD_ANY_SPECIAL.search(flat) else flat
    first = escaped[:1]
    if first not in ("-", "+", "=") and not first.isdigit():
        return escaped  # the common case: no list or heading marker to neutralise
    return MD_LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", escaped)


def _folders(templates: Sequence[Path]) -> tuple[Path, ...]:
    # The programme's house style is a .docx beside its template folders: not a folder.
    return tuple(path for path in templates if path.suffix.lower() != ".docx")


@lru_cache(maxsize=32)
def _environment(templates: tuple[Path, ...]) -> Environment:
    # One per template search path, so each template is compiled once per process; Jinja's
    # auto_reload still picks up an edited template file.
    env = Environment(
        # A list of folders: each template is taken from the first that has it.
        loader=FileSystemLoader([*templates, TEMPLATES]),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_escape
    return env


def _context(letter: Letter) -> dict[str, object]:
    labels = dict(letter.labels)
    labels["chart_heading"] = chart_title(letter)
    return {
        "letter": letter,
        "labels": labels,
        "colours": LIGHT_COLOURS,  # light -> RGB hex, for the overview table's CSS
        "status_words": tuple(t(f"brief.status.{s.value}", letter.lang) for s in Status),
        "chart_svg": chart_svg(letter),  # Markup: escaped piece by piece where it was built
    }


@without_collector
def render(letter: Letter, fmt: TextFormat, templates: Sequence[Path] = ()) -> str:
    """The letter as a Markdown or HTML document; the same letter gives the same text."""
    template = _environment(_folders(templates)).get_template(f"brief.{fmt}.j2")
    return template.render(_context(letter))


def base_document(templates: Sequence[Path]) -> Path | None:
    """The programme's Word base: its house style (a .docx), else brief.docx in the first
    template folder that has one; None for the project's own reference document."""
    for path in templates:
        if path.suffix.lower() == ".docx" and path.is_file():
            return path
    return next(
        (folder / BASE_DOCX for folder in _folders(templates) if (folder / BASE_DOCX).is_file()),
        None,
    )


def document(
    letter: Letter,
    fmt: Format,
    templates: Sequence[Path] = (),
    soffice: str | None = None,
    *,
    stamp: datetime | None = None,
) -> bytes:
    """The letter as the bytes of a file: md and html in UTF-8, docx, or pdf via LibreOffice.

    ``stamp`` is the DOCX's created/modified time (a fixed moment by default, so the same
    letter gives the same bytes); PDF raises bot.letter.pdf's PdfError when it cannot be made.
    """
    match fmt:
        case "md" | "html":
            return render(letter, fmt, templates).encode("utf-8")
        case "docx" | "pdf":
            if fmt == "pdf":
                runnable_soffice(soffice)  # say so before the work of the DOCX
            meta = DocumentMeta(
                lang="en" if letter.lang == "en" else "nl",
                title=f"{letter.subject} – {letter.period}",
                reference=letter.reference,
            )
            docx = to_docx(
                layout(letter),
                meta,
                base_document(templates),
                chart=lambda: chart_png(letter),
                stamp=stamp,
            )
            return docx if fmt == "docx" else docx_to_pdf(docx, soffice)
