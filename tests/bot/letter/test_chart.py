"""bot.letter.chart: the status chart as PNG and as inline SVG, from the same layout."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import replace
from io import BytesIO

from PIL import Image

from bot.letter.chart import (
    BAR,
    ROW,
    SCALE,
    STATUS_COLOURS,
    WIDTH,
    chart_png,
    chart_svg,
    layout,
)
from handlers.brief.content import ChartRow, Letter
from tests.letters import sample_letter
from words.domain import Status

SVG = "{http://www.w3.org/2000/svg}"


def _row(theme: str, counts: Mapping[Status, int]) -> ChartRow:
    return ChartRow(theme, tuple((s, counts.get(s, 0)) for s in Status))


def _chart_letter(*rows: ChartRow, lang: str = "nl") -> Letter:
    letter = sample_letter()
    return replace(letter, lang=lang, appendix=replace(letter.appendix, chart=rows))


ROWS = (
    _row("Omgevingswet", {Status.OPEN: 3, Status.ON_TRACK: 1, Status.AT_RISK: 2}),
    _row("Bereikbaarheid", {Status.DELAYED: 1, Status.DONE: 4, Status.DROPPED: 1}),
    _row("Leeg", {}),
)


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output under test, not untrusted input


def _png(letter: Letter) -> Image.Image:
    image = Image.open(BytesIO(chart_png(letter)))
    image.load()
    return image


# -- PNG -------------------------------------------------------------------------------------


def test_png_decodes_with_a_sane_size() -> None:
    letter = _chart_letter(*ROWS)
    image = _png(letter)
    assert image.format == "PNG"
    assert image.size == (WIDTH * SCALE, layout(letter).height * SCALE)
    # Three bars and a legend: taller than the bars, far from a poster.
    assert 3 * ROW * SCALE < image.size[1] < 600


def test_png_segments_have_their_status_colour() -> None:
    letter = _chart_letter(*ROWS)
    image = _png(letter).convert("RGB")
    plan = layout(letter)
    seen = set()
    for bar in plan.bars:
        # A point in the segment that is neither its border nor its number.
        y = (bar.y + (ROW - BAR) // 2 + 3) * SCALE
        for seg in bar.segments:
            x = (seg.x + 3) * SCALE
            colour = STATUS_COLOURS[seg.status]
            expected = tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))
            assert image.getpixel((x, y)) == expected, seg.status
            seen.add(seg.status)
    assert seen == set(Status)


def test_png_bars_are_to_scale() -> None:
    plan = layout(_chart_letter(*ROWS))
    lengths = {bar.theme: sum(seg.width for seg in bar.segments) for bar in plan.bars}
    assert lengths["Omgevingswet"] == lengths["Bereikbaarheid"]  # six actions each
    assert lengths["Omgevingswet"] == plan.bar_end - plan.bar_x  # the largest fills the room
    assert lengths["Leeg"] == 0


def test_png_is_deterministic() -> None:
    letter = _chart_letter(*ROWS)
    assert chart_png(letter) == chart_png(letter)
    other = _chart_letter(*ROWS[:2])
    assert chart_png(other) != chart_png(letter)


def test_theme_without_actions_and_chart_without_themes() -> None:
    plan = layout(_chart_letter(_row("Leeg", {})))
    assert [(bar.theme, bar.total, bar.segments) for bar in plan.bars] == [("Leeg", 0, ())]
    assert _png(_chart_letter(_row("Leeg", {}))).size[0] == WIDTH * SCALE
    assert _png(_chart_letter()).size[0] == WIDTH * SCALE  # only the legend


def test_counts_only_where_they_fit() -> None:
    crowded = _row("Veel", {Status.OPEN: 200, Status.DELAYED: 1})
    plan = layout(_chart_letter(crowded))
    shown = {seg.status: seg.show_count for seg in plan.bars[0].segments}
    assert shown == {Status.OPEN: True, Status.DELAYED: False}


def test_long_theme_names_are_shortened() -> None:
    name = "Een thema met een heel erg lange naam die niet naast de balk past " * 3
    plan = layout(_chart_letter(_row(name, {Status.OPEN: 1})))
    bar = plan.bars[0]
    assert bar.label.endswith("…")
    assert name.startswith(bar.label[:-1])
    assert bar.theme == name
    assert plan.bar_x < WIDTH / 2


# -- SVG -------------------------------------------------------------------------------------


def test_svg_parses_with_one_bar_group_per_theme() -> None:
    letter = _chart_letter(*ROWS)
    root = _parse(str(chart_svg(letter)))
    assert root.tag == f"{SVG}svg"
    bars = root.findall(f"{SVG}g[@class='bar']")
    assert [bar.findtext(f"{SVG}title") for bar in bars] == [row.theme for row in ROWS]
    first = bars[0]
    fills = [rect.get("fill") for rect in first.iter(f"{SVG}rect")]
    assert fills == [
        "#" + STATUS_COLOURS[s] for s in (Status.OPEN, Status.ON_TRACK, Status.AT_RISK)
    ]
    assert [text.text for text in first.iter(f"{SVG}text")] == ["Omgevingswet", "3", "1", "2", "6"]
    assert list(bars[2].iter(f"{SVG}rect")) == []  # the empty theme: no segments, total 0
    assert [text.text for text in bars[2].iter(f"{SVG}text")] == ["Leeg", "0"]


def test_svg_escapes_hostile_theme_names() -> None:
    hostile = ["<script>alert(1)</script>", 'A & B "quoted"', "]]><x/>", "<!-- -->"]
    letter = _chart_letter(*(_row(name, {Status.OPEN: 1}) for name in hostile))
    svg = str(chart_svg(letter))
    assert "<script" not in svg
    assert "<x/>" not in svg
    root = _parse(svg)  # would fail on unescaped markup
    bars = root.findall(f"{SVG}g[@class='bar']")
    assert [bar.findtext(f"{SVG}title") for bar in bars] == hostile
    assert [bar.find(f"{SVG}text").text for bar in bars] == hostile  # type: ignore[union-attr]


def test_svg_legend_in_the_letters_language() -> None:
    for lang, words in (
        ("nl", ["nog niet gestart", "op schema", "risico", "vertraagd", "afgerond", "vervallen"]),
        ("en", ["not yet started", "on track", "at risk", "delayed", "completed", "dropped"]),
    ):
        root = _parse(str(chart_svg(_chart_letter(*ROWS, lang=lang))))
        legend = root.find(f"{SVG}g[@class='legend']")
        assert legend is not None
        assert [text.text for text in legend.iter(f"{SVG}text")] == words


def test_svg_and_png_share_the_layout() -> None:
    letter = _chart_letter(*ROWS)
    root = _parse(str(chart_svg(letter)))
    assert root.get("viewBox") == f"0 0 {WIDTH} {layout(letter).height}"
    assert _png(letter).size == (WIDTH * SCALE, layout(letter).height * SCALE)
