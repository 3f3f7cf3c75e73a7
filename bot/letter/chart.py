"""The voortgangsbrief's status chart: one horizontal stacked bar per theme.

``chart_png`` draws it with Pillow for the DOCX and PDF; ``chart_svg`` writes the same chart as
inline SVG, so the HTML letter stays one self-contained file. Both share one layout, computed
once from the letter, and the traffic-light colours in ``LIGHT_COLOURS``, which the HTML
template's CSS and the DOCX cell shading use too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO
from typing import Final

from markupsafe import Markup
from PIL import Image, ImageDraw, ImageFont

from handlers.brief.appendix import LIGHTS
from handlers.brief.content import Letter
from words.catalogue import t
from words.domain import Status

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont

# The traffic lights of the overview table and the chart, as RGB hex without '#'.
LIGHT_COLOURS: Final[dict[str, str]] = {
    "groen": "9BE39B",
    "oranje": "FFC46B",
    "rood": "F28B82",
    "grijs": "CFCFCF",
    "wit": "FFFFFF",
}
# Done and dropped share the grey light; the chart tells them apart by shade.
STATUS_COLOURS: Final[dict[Status, str]] = {
    status: ("A6A6A6" if status is Status.DROPPED else LIGHT_COLOURS[light])
    for status, light in LIGHTS.items()
}
BORDER: Final = "666666"
INK: Final = "222222"

# Sizes in CSS pixels; the PNG is drawn SCALE times larger so it stays sharp in print.
SCALE: Final = 2
WIDTH: Final = 640
PAD: Final = 12
FONT_SIZE: Final = 14
ROW: Final = 28
BAR: Final = 18
GAP: Final = 8  # between the theme names and the bars
TOTAL_SPACE: Final = 40  # right of the bars, for each theme's total
LABEL_MAX: Final = 200  # longer theme names are shortened with an ellipsis
SWATCH: Final = 12
LEGEND_ROW: Final = 22
LEGEND_GAP: Final = 18

# Fonts with the accented letters of Dutch theme names ("Financiën"), tried in order; Pillow's
# own small font lacks them and is only the last resort.
FONT_FILES: Final = (
    "DejaVuSans.ttf",
    "LiberationSans-Regular.ttf",
    "Arial.ttf",
    "arial.ttf",
    "Helvetica.ttc",
)


@lru_cache(maxsize=4)
def _font(size: int) -> Font:
    for name in FONT_FILES:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def _width(text: str) -> float:
    return _font(FONT_SIZE).getlength(text)


def _shorten(text: str, room: float) -> str:
    """``text`` cut with an ellipsis so that it fits in ``room`` pixels."""
    if _width(text) <= room:
        return text
    while text and _width(text + "…") > room:
        text = text[:-1]
    return text.rstrip() + "…"


@dataclass(frozen=True, slots=True)
class Segment:
    status: Status
    count: int
    x: int
    width: int
    show_count: bool  # the number fits inside the segment


@dataclass(frozen=True, slots=True)
class Bar:
    theme: str  # in full, for the SVG's tooltip
    label: str  # as drawn: shortened when too long
    y: int
    total: int
    segments: tuple[Segment, ...]


@dataclass(frozen=True, slots=True)
class LegendItem:
    status: Status
    word: str
    x: int
    y: int


@dataclass(frozen=True, slots=True)
class Layout:
    height: int
    bar_x: int
    bar_end: int
    bars: tuple[Bar, ...]
    legend: tuple[LegendItem, ...]


def _segments(counts: Sequence[tuple[Status, int]], x0: int, room: int, most: int) -> list[Segment]:
    segments = []
    done = 0
    for status, count in counts:
        if count <= 0:
            continue
        # Edges from the running sum, so rounding never makes a bar longer than its total.
        start = x0 + round(room * done / most)
        done += count
        end = x0 + round(room * done / most)
        fits = _width(str(count)) + 4 <= end - start
        segments.append(Segment(status, count, start, end - start, fits))
    return segments


def _legend(lang: str, top: int) -> list[LegendItem]:
    items = []
    x, y = PAD, top
    for status in Status:
        word = t(f"brief.status.{status.value}", lang)
        step = SWATCH + 4 + round(_width(word)) + LEGEND_GAP
        if x > PAD and x + step - LEGEND_GAP > WIDTH - PAD:
            x, y = PAD, y + LEGEND_ROW
        items.append(LegendItem(status, word, x, y))
        x += step
    return items


def layout(letter: Letter) -> Layout:
    """Where everything goes, in CSS pixels: the same for the PNG and the SVG."""
    label_room = min(max((_width(row.theme) for row in letter.chart), default=0), LABEL_MAX)
    bar_x = PAD + round(label_room) + GAP
    bar_end = WIDTH - PAD - TOTAL_SPACE
    most = max((sum(n for _, n in row.counts) for row in letter.chart), default=0)
    bars = []
    for index, row in enumerate(letter.chart):
        total = sum(n for _, n in row.counts)
        segments = _segments(row.counts, bar_x, bar_end - bar_x, most) if most else []
        label = _shorten(row.theme, LABEL_MAX)
        bars.append(Bar(row.theme, label, PAD + index * ROW, total, tuple(segments)))
    legend = _legend(letter.lang, PAD + len(letter.chart) * ROW + PAD)
    height = (legend[-1].y if legend else PAD) + LEGEND_ROW + PAD
    return Layout(height, bar_x, bar_end, tuple(bars), tuple(legend))


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


# -- PNG -------------------------------------------------------------------------------------


def _draw_bar(draw: ImageDraw.ImageDraw, bar: Bar, bar_x: int, font: Font) -> None:
    s = SCALE
    middle = (bar.y + ROW // 2) * s
    draw.text(((bar_x - GAP) * s, middle), bar.label, font=font, fill=_rgb(INK), anchor="rm")
    top, bottom = (bar.y + (ROW - BAR) // 2) * s, (bar.y + (ROW + BAR) // 2) * s
    end = bar_x
    for seg in bar.segments:
        box = (seg.x * s, top, (seg.x + seg.width) * s, bottom)
        draw.rectangle(box, fill=_rgb(STATUS_COLOURS[seg.status]), outline=_rgb(BORDER), width=s)
        if seg.show_count:
            centre = ((seg.x + seg.width / 2) * s, middle)
            draw.text(centre, str(seg.count), font=font, fill=_rgb(INK), anchor="mm")
        end = seg.x + seg.width
    draw.text(((end + 6) * s, middle), str(bar.total), font=font, fill=_rgb(INK), anchor="lm")


def _draw_legend(draw: ImageDraw.ImageDraw, item: LegendItem, font: Font) -> None:
    s = SCALE
    top = item.y + (LEGEND_ROW - SWATCH) // 2
    box = (item.x * s, top * s, (item.x + SWATCH) * s, (top + SWATCH) * s)
    draw.rectangle(box, fill=_rgb(STATUS_COLOURS[item.status]), outline=_rgb(BORDER), width=s)
    anchor = ((item.x + SWATCH + 4) * s, (item.y + LEGEND_ROW // 2) * s)
    draw.text(anchor, item.word, font=font, fill=_rgb(INK), anchor="lm")


def chart_png(letter: Letter) -> bytes:
    """The chart as PNG bytes: the same letter gives the same bytes."""
    plan = layout(letter)
    image = Image.new("RGB", (WIDTH * SCALE, plan.height * SCALE), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    font = _font(FONT_SIZE * SCALE)
    for bar in plan.bars:
        _draw_bar(draw, bar, plan.bar_x, font)
    for item in plan.legend:
        _draw_legend(draw, item, font)
    out = BytesIO()
    # No timestamps or other chunks that vary: optimize off keeps zlib's output fixed too.
    image.save(out, format="PNG")
    return out.getvalue()


# -- SVG -------------------------------------------------------------------------------------


def _svg_bar(bar: Bar, bar_x: int) -> Markup:
    middle = bar.y + ROW // 2
    top = bar.y + (ROW - BAR) // 2
    parts = [
        Markup('<g class="bar"><title>{}</title>').format(bar.theme),
        Markup(
            '<text x="{}" y="{}" text-anchor="end" dominant-baseline="central">{}</text>'
        ).format(bar_x - GAP, middle, bar.label),
    ]
    end = bar_x
    for seg in bar.segments:
        parts.append(
            Markup(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="#{}" stroke="#{}" '
                'class="status-{}"/>'
            ).format(seg.x, top, seg.width, BAR, STATUS_COLOURS[seg.status], BORDER, seg.status)
        )
        if seg.show_count:
            parts.append(
                Markup(
                    '<text x="{}" y="{}" text-anchor="middle" dominant-baseline="central">{}</text>'
                ).format(seg.x + seg.width / 2, middle, seg.count)
            )
        end = seg.x + seg.width
    parts.append(
        Markup('<text x="{}" y="{}" dominant-baseline="central" class="total">{}</text>').format(
            end + 6, middle, bar.total
        )
    )
    parts.append(Markup("</g>"))
    return Markup("").join(parts)


def _svg_legend(items: Sequence[LegendItem]) -> Markup:
    parts = [Markup('<g class="legend">')]
    for item in items:
        top = item.y + (LEGEND_ROW - SWATCH) // 2
        parts.append(
            Markup(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="#{}" stroke="#{}"/>'
                '<text x="{}" y="{}" dominant-baseline="central">{}</text>'
            ).format(
                item.x,
                top,
                SWATCH,
                SWATCH,
                STATUS_COLOURS[item.status],
                BORDER,
                item.x + SWATCH + 4,
                item.y + LEGEND_ROW // 2,
                item.word,
            )
        )
    parts.append(Markup("</g>"))
    return Markup("").join(parts)


def chart_title(letter: Letter) -> str:
    """The chart's heading: the programme's own wording when its letter labels have one."""
    own = dict(letter.labels).get("chart_heading")
    return own if own is not None else t("brief.chart_heading", letter.lang)


def chart_svg(letter: Letter) -> Markup:
    """The chart as inline SVG markup; every text in it is XML-escaped by ``Markup.format``."""
    plan = layout(letter)
    title = chart_title(letter)
    head = Markup(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
        'role="img" font-family="Arial, Helvetica, sans-serif" font-size="{size}" fill="#{ink}" '
        'style="max-width: 100%; height: auto;"><title>{title}</title>'
    ).format(w=WIDTH, h=plan.height, size=FONT_SIZE, ink=INK, title=title)
    bars = Markup("").join(_svg_bar(bar, plan.bar_x) for bar in plan.bars)
    return head + bars + _svg_legend(plan.legend) + Markup("</svg>")
