"""When a command's words name nothing usable: the problem with a field, or the answer to an
unknown theme (shared by 'nieuwe actie', 'overzicht' and 'afwezig'). Themes themselves are
matched in one place, ``lookup.themes_named``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from handlers.commands.lookup import known_themes
from handlers.context import Ctx
from storage.models import Theme


@dataclass(frozen=True, slots=True)
class Problem:
    field: str  # the form input it is about
    text: str


def unknown_theme(ctx: Ctx, text: str, candidates: Sequence[Theme]) -> None:
    ctx.tell("commands.unknown_theme", theme=text, known=known_themes(candidates))
