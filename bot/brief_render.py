"""The voortgangsbrief laid out as Markdown or as one self-contained HTML file, with Jinja2.

The default templates live in config/templates; a programme may bring its own directory with
``brief.md.j2`` and ``brief.html.j2``. Everything that came from people (the owners' words,
titles, the letter settings) is escaped for the format: HTML by Jinja's autoescape, Markdown by
``md_escape`` through the ``md`` filter, so chat text cannot inject markup.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final, Literal

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from bot.brief import Letter

TEMPLATES: Final = Path(__file__).resolve().parent.parent / "config" / "templates"
Format = Literal["md", "html"]

# Characters that mean something to Markdown (CommonMark with GFM tables) anywhere in a line.
MD_SPECIAL: Final = re.compile(r"([\\`*_\[\]<>|~#!&])")
# What only means something at the start of a line: lists, headings by underline, ordered lists.
MD_LINE_START: Final = re.compile(r"^([-+=])|^(\d+)([.)])")


def md_escape(text: str) -> str:
    """User text as literal Markdown: on one line, every significant character backslashed."""
    flat = " ".join(text.split())
    escaped = MD_SPECIAL.sub(r"\\\1", flat)
    return MD_LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", escaped)


def _environment(template_dir: Path) -> Environment:
    env = Environment(
        loader=FileSystemLoader(template_dir),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_escape
    return env


def render(letter: Letter, fmt: Format, template_dir: Path | None = None) -> str:
    """The letter as a Markdown or HTML document; the same letter gives the same bytes."""
    folder = TEMPLATES if template_dir is None else template_dir
    template = _environment(folder).get_template(f"brief.{fmt}.j2")
    return template.render(letter=letter, labels=dict(letter.labels))
