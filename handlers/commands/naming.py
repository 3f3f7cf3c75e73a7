"""What a command's words name: a theme by key or name, or the problem with a field when they
name nothing usable (shared by 'nieuwe actie', 'overzicht' and 'afwezig').
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from handlers.context import Ctx
from storage.models import Theme
from words.domain import fold


@dataclass(frozen=True, slots=True)
class Problem:
    field: str  # the form input it is about
    text: str


def match_theme(text: str, themes: Sequence[Theme]) -> list[Theme]:
    wanted = fold(text)
    exact = [th for th in themes if wanted in (fold(th.key), fold(th.name))]
    if exact:
        return exact
    return [th for th in themes if wanted and wanted in fold(th.name)]


def unknown_theme(ctx: Ctx, text: str, candidates: Sequence[Theme]) -> None:
    known = ", ".join(f"{th.key} ({th.name})" for th in candidates)
    ctx.tell("commands.unknown_theme", theme=text, known=known)
