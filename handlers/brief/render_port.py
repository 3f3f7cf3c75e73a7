"""The port through which the brief has its letters laid out: the renderers are the bot's.

Markdown, HTML, Word and PDF are output adapters (bot.letter); the brief's cycle and its jobs
only say which formats to keep, and the process that runs them hands in the renderer.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Literal, Protocol

from handlers.brief.content import Letter

Format = Literal["md", "html", "docx", "pdf"]


class Render(Protocol):
    """Lays ``letter`` out as the bytes of one file; the same letter gives the same bytes."""

    def __call__(
        self, letter: Letter, fmt: Format, templates: Sequence[Path], *, stamp: datetime
    ) -> bytes: ...
