"""bot.letter.formats: the letter as Markdown and HTML, escaped and deterministic."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

import pytest

from bot.engine.opening import Register, import_file
from bot.letter.chart import LIGHT_COLOURS, chart_svg
from bot.letter.formats import document, md_escape, render
from config.settings import Settings
from handlers.brief.content import (
    ChartRow,
    compile_brief,
)
from storage.letter_rows import load_brief_data
from tests.conftest import BOCE, REGIODEAL
from tests.letters import report_at_risk, sample_letter
from words.clock import FixedClock
from words.domain import Status

# -- Markdown escaping -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("<script>", r"\<script\>"),
        ("**vet**", r"\*\*vet\*\*"),
        ("[x](javascript:alert(1))", r"\[x\](javascript:alert(1))"),
        ("# kop", r"\# kop"),
        ("a | b", r"a \| b"),
        ("- lijst", r"\- lijst"),
        ("1. genummerd", r"1\. genummerd"),
        ("regel\n\n# twee", r"regel \# twee"),
        ("Borger-Odoorn 2.5", "Borger-Odoorn 2.5"),
        ("`code` _schuin_ ~x~ &amp; \\", r"\`code\` \_schuin\_ \~x\~ \&amp; \\"),
    ],
)
def test_md_escape(text: str, escaped: str) -> None:
    assert md_escape(text) == escaped


def test_markdown_escapes_user_text_everywhere() -> None:
    out = render(sample_letter(title="# kop | [x](javascript:y)"), "md")
    assert "<script>" not in out
    assert r"\<script\>alert(1)\</script\> \*\*vet\*\* \[x\](javascript:alert(1)) \| pijp" in out
    row = next(line for line in out.splitlines() if line.startswith("| Thema"))
    # Five cells: the pipe in the title does not open a sixth.
    assert len(re.findall(r"(?<!\\)\|", row)) == 6
    assert r"A-1 \# kop \| \[x\](javascript:y)" in row
    assert "\n# kop" not in out


def test_markdown_structure() -> None:
    out = render(sample_letter(words="Loopt goed."), "md")
    assert (
        "## 1. Omgevingswet\n\nStaat.\n\n### Samen doen in 2026\n\n**A-1 Titel**\n\nLoopt goed.\n"
        in out
    )
    assert "| Thema | A-1 Titel | Gemeente Emmen | eind 2026 | rood: vertraagd |" in out
    assert "- woensdag 25 november 2026: Radenbijeenkomst\n" in out


# -- HTML ------------------------------------------------------------------------------------


def test_html_escapes_user_text() -> None:
    out = render(sample_letter(title="<b>vet</b>"), "html")
    assert "<script>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "<b>vet</b>" not in out
    assert "A-1 &lt;b&gt;vet&lt;/b&gt;" in out


def test_html_is_self_contained_with_coloured_status() -> None:
    out = render(sample_letter(), "html")
    assert out.startswith("<!DOCTYPE html>")
    assert "<style>" in out
    assert "td.light-rood { background: #f28b82; }" in out
    assert '<td class="light light-rood">rood: vertraagd</td>' in out
    assert "<link" not in out
    assert "<script" not in out
    assert "src=" not in out


def test_html_headings_make_a_document_outline() -> None:
    out = render(sample_letter(), "html")
    headings = re.findall(r"<(h[1-6])>([^<]*)</h[1-6]>", out)
    assert headings == [
        ("h1", "OVERVIEW_HEADING"),
        ("h1", "Status per thema"),
        ("h1", "SINCE_HEADING"),
        ("h2", "SINCE_COMPLETED"),
        ("h2", "SINCE_STATUS"),
        ("h2", "SINCE_DEADLINES"),
        ("h1", "1. Omgevingswet"),
        ("h2", "Samen doen in 2026"),
        ("h1", "COORDINATION_HEADING"),
        ("h1", "MEETINGS_HEADING"),
    ]
    # The subject line and the period stay above the first heading.
    assert out.index("Onderwerp") < out.index("Periode") < out.index("<h1>")


def test_html_colours_come_from_the_shared_table() -> None:
    out = render(sample_letter(), "html")
    for light, colour in LIGHT_COLOURS.items():
        assert f"td.light-{light} {{ background: #{colour.lower()}; }}" in out


def test_html_has_the_chart_inline_after_its_heading() -> None:
    letter = sample_letter()
    out = render(letter, "html")
    figure = re.search(r'<figure class="chart">\s*(<svg.*?</svg>)\s*</figure>', out, re.DOTALL)
    assert figure is not None
    assert figure[1] == str(chart_svg(letter))
    assert out.index("<h1>Status per thema</h1>") < figure.start()


def test_html_chart_escapes_theme_names() -> None:
    letter = replace(sample_letter(), chart=(ChartRow("<b>&</b>", tuple((s, 1) for s in Status)),))
    out = render(letter, "html")
    assert "<b>&" not in out
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in out


def test_markdown_chart_is_a_table_of_counts() -> None:
    out = render(sample_letter(), "md")
    assert (
        "## Status per thema\n\n"
        "| COL_THEME | open | op schema | risico | vertraagd | afgerond | vervallen |\n"
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n"
        "| Omgevingswet | 0 | 0 | 0 | 1 | 0 | 0 |\n"
    ) in out


def test_markdown_chart_in_english_escapes_theme_names() -> None:
    letter = replace(
        sample_letter(), lang="en", chart=(ChartRow("a | b", tuple((s, 2) for s in Status)),)
    )
    out = render(letter, "md")
    assert "| COL_THEME | open | on track | at risk | delayed | completed | dropped |" in out
    assert r"| a \| b | 2 | 2 | 2 | 2 | 2 | 2 |" in out


def test_own_template_directory(tmp_path: Path) -> None:
    (tmp_path / "brief.md.j2").write_text(
        "{{ letter.subject|md }} *{{ letter.sections|length }}*\n"
    )
    assert render(sample_letter(), "md", (tmp_path,)) == "Onderwerp *1*\n"
    # The folder overrides only the file it has: the HTML still comes from the defaults.
    assert render(sample_letter(), "html", (tmp_path,)) == render(sample_letter(), "html")


def test_first_template_directory_wins(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    for folder in (first, second):
        folder.mkdir()
        (folder / "brief.md.j2").write_text(f"{folder.name}\n")
    assert render(sample_letter(), "md", (first, second)) == "first\n"
    assert render(sample_letter(), "md", (second, first)) == "second\n"


def test_draft_lists_missing_updates_first_and_since_has_its_intro() -> None:
    base = sample_letter()
    letter = replace(
        base,
        draft=True,
        missing=("A-2 <Tweede> (trekker: Rob)",),
        since=replace(base.since, intro="Sinds brief 1."),
        labels=(*base.labels, ("missing_heading", "Concept: nog geen update")),
    )
    html = render(letter, "html")
    assert "<h1>Concept: nog geen update</h1>" in html
    assert "<li>A-2 &lt;Tweede&gt; (trekker: Rob)</li>" in html
    assert html.index("Concept: nog geen update") < html.index("<h1>OVERVIEW_HEADING</h1>")
    assert "<h1>SINCE_HEADING</h1>\n<p>Sinds brief 1.</p>" in html
    md = render(letter, "md")
    assert "## Concept: nog geen update\n\n- A-2 \\<Tweede\\> (trekker: Rob)\n" in md
    assert "## SINCE_HEADING\n\nSinds brief 1.\n" in md
    assert "Concept" not in render(base, "html")


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_document_gives_the_text_as_utf8(fmt: Literal["md", "html"]) -> None:
    letter = replace(sample_letter(), subject="Één brief")
    assert document(letter, fmt) == render(letter, fmt).encode("utf-8")


# -- from the register -----------------------------------------------------------------------


def _render_twice(register: Register, key: str, fmt: str) -> tuple[str, str]:
    outs = []
    for _ in range(2):
        with register.sessions() as session:
            data = load_brief_data(
                session, key, date(2026, 10, 1), date(2026, 12, 31), ZoneInfo("Europe/Amsterdam")
            )
        outs.append(render(compile_brief(data), "md" if fmt == "md" else "html"))
    return outs[0], outs[1]


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_boce_byte_identical_and_in_order(
    register: Register, settings: Settings, clock: FixedClock, fmt: str
) -> None:
    import_file(register, BOCE, settings, clock)
    report_at_risk(register, "OW-02", "koppelingen <b>in kaart</b> | **klaar**")
    first, second = _render_twice(register, "boce", fmt)
    assert first.encode() == second.encode()
    prefix = "## " if fmt == "md" else "<h1>"
    names = ["1. Omgevingswet", "2. Bereikbaarheid", "3. Recreatie", "4. Leefbaarheid"]
    places = [first.index(prefix + name) for name in names]
    assert places == sorted(places)
    if fmt == "md":
        assert r"Koppelingen \<b\>in kaart\</b\> \| \*\*klaar\*\*" in first
        assert "### Samen doen in 2026" in first
    else:
        assert "Koppelingen &lt;b&gt;in kaart&lt;/b&gt; | **klaar**" in first
        assert "<h2>Samen doen in 2026</h2>" in first


def test_regiodeal_has_no_track_headings(
    register: Register, settings: Settings, clock: FixedClock
) -> None:
    import_file(register, REGIODEAL, settings, clock)
    out, _ = _render_twice(register, "regiodeal-zod", "md")
    assert "## 1. Werken" in out
    assert "###" in out  # the since-last sub-headings only
    assert [line for line in out.splitlines() if line.startswith("### ")] == [
        "### Afgerond",
        "### Statuswijzigingen",
        "### Verschoven deadlines",
    ]
    assert "Stand: 85 van 200 bedrijven: begeleid bij digitaliseringsplan (42%)." in out
