"""The dashboard's status chart as drawn: per theme one bar of its actions per status, scaled
to the theme with the most actions. The page draws each bar as inline SVG (no script, no
inline style: the colours come from the style sheet by class) and gives the same numbers as a
table, so nobody depends on the colours or the picture."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from handlers.overview.dashboard_model import ThemeSummary
from words.domain import Status

WIDTH = 100.0  # the SVG's viewBox is this wide; CSS stretches it to the column


@dataclass(frozen=True, slots=True)
class Segment:
    status: Status
    word: str
    count: int
    x: float
    width: float


@dataclass(frozen=True, slots=True)
class ChartBar:
    theme: str
    total: int
    segments: tuple[Segment, ...]  # the statuses it has, in the chart's order


def chart_bars(themes: Sequence[ThemeSummary]) -> tuple[ChartBar, ...]:
    widest = max((theme.total for theme in themes), default=0)
    scale = WIDTH / widest if widest else 0.0
    bars = []
    for theme in themes:
        x = 0.0
        segments = []
        for count in theme.counts:
            if not count.count:
                continue
            width = round(count.count * scale, 3)
            segments.append(Segment(count.status, count.word, count.count, round(x, 3), width))
            x += width
        bars.append(ChartBar(theme.name, theme.total, tuple(segments)))
    return tuple(bars)
