"""The editing pages' part of the style sheet: its light tints hold the page's dark text, and
its links and marks on white, each at least 4.5:1 (WCAG 2.1 AA)."""

from __future__ import annotations

import re
from pathlib import Path

SHEET = Path(__file__).resolve().parents[4] / "bot" / "web" / "static" / "voortgang.css"
TEXT = "#1b1b1b"  # the page's text colour (body)
LINK = "#1d4f91"


def _luminance(colour: str) -> float:
    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def editing_block() -> str:
    sheet = SHEET.read_text(encoding="utf-8")
    return sheet[sheet.index("/* --- editing:") :]


def test_the_tints_hold_dark_text_and_links() -> None:
    tints = re.findall(r"background-color: (#[0-9a-f]{6})", editing_block())
    assert len(tints) >= 7
    low = {
        (text, tint): round(contrast(text, tint), 2)
        for tint in tints
        for text in (TEXT, LINK, "#4a4a4a")
        if contrast(text, tint) < 4.5
    }
    assert low == {}
    assert f"color: {TEXT}" in SHEET.read_text(encoding="utf-8")


def test_the_text_colours_read_on_white() -> None:
    colours = set(re.findall(r"(?<![-\w])color: (#[0-9a-f]{6})", editing_block())) - {"#ffffff"}
    assert colours
    assert {
        c: round(contrast(c, "#ffffff"), 2) for c in colours if contrast(c, "#ffffff") < 4.5
    } == {}
