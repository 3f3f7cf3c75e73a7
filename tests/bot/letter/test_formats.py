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
from handlers.brief.appendix import ChartRow
from handlers.brief.content import Letter, compile_brief
from handlers.brief.letter_settings import Placement
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
    row = next(line for line in out.splitlines() if line.startswith("| Thema | A-1"))
    # Five cells: the pipe in the title does not open a sixth.
    assert len(re.findall(r"(?<!\\)\|", row)) == 6
    assert r"A-1 \# kop \| \[x\](javascript:y)" in row
    assert "\n# kop" not in out


def test_markdown_structure() -> None:
    out = render(sample_letter(words="Loopt goed."), "md")
    assert (
        "## 1. Omgevingswet\n\nStaat.\n\n### Samen doen in 2026\n\n**Titel** (A-1; Emmen)\n\n"
        "Loopt goed.\n\n*Noot.*\n\nZonder nieuws: niets.\n\n### Wat volgt\n\n"
        "- eerste kwartaal 2027: A-2 Volgende\n"
    ) in out
    assert "| Thema | A-1 Titel | Emmen | eind 2026 | rood: vertraagd |" in out
    assert "- 25 november 2026: Radenbijeenkomst\n" in out
    # The letter first, the register after it, in the appendix.
    assert out.index("Opening.") < out.index("## 1. Omgevingswet") < out.index("## Bijlage")
    assert out.index("Hoogachtend,") < out.index("## Bijlage")
    assert "E. Kremer" in out


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
        ("h1", "Onderwerp"),
        ("h2", "1. Omgevingswet"),
        ("h3", "Samen doen in 2026"),
        ("h3", "Wat volgt"),
        ("h2", "Programmaregie"),
        ("h2", "Bijeenkomsten en mijlpalen in deze periode"),
        ("h2", "Komende bijeenkomsten en mijlpalen"),
        ("h2", "Bijlage: overzicht van de acties"),
        ("h3", "Status per thema"),
        ("h3", "Sinds de vorige brief"),
        ("h4", "Afgerond"),
        ("h4", "Statuswijzigingen"),
        ("h4", "Verschoven termijnen"),
    ]
    # The reference, the date, the subject line and the period stay above the first heading.
    assert out.index("Kenmerk") < out.index("Onderwerp:") < out.index("Periode") < out.index("<h1>")


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
    assert out.index("<h3>Status per thema</h3>") < figure.start()


def _with_chart(letter: Letter, *rows: ChartRow, lang: str = "nl") -> Letter:
    return replace(letter, lang=lang, appendix=replace(letter.appendix, chart=rows))


def test_html_chart_escapes_theme_names() -> None:
    letter = _with_chart(sample_letter(), ChartRow("<b>&</b>", tuple((s, 1) for s in Status)))
    out = render(letter, "html")
    assert "<b>&" not in out
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in out


def test_markdown_chart_is_a_table_of_counts() -> None:
    out = render(sample_letter(), "md")
    assert (
        "### Status per thema\n\n"
        "| Thema | nog niet gestart | op schema | risico | vertraagd | afgerond | vervallen |\n"
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n"
        "| Omgevingswet | 0 | 0 | 0 | 1 | 0 | 0 |\n"
    ) in out


def test_markdown_chart_in_english_escapes_theme_names() -> None:
    letter = _with_chart(
        sample_letter(), ChartRow("a | b", tuple((s, 2) for s in Status)), lang="en"
    )
    out = render(letter, "md")
    assert "| Thema | not yet started | on track | at risk | delayed | completed | dropped |" in out
    assert r"| a \| b | 2 | 2 | 2 | 2 | 2 | 2 |" in out


@pytest.mark.parametrize(("placement", "before"), [("front", True), ("appendix", False)])
def test_the_register_goes_where_the_programme_says(placement: Placement, before: bool) -> None:
    letter = sample_letter()
    moved = replace(letter, appendix=replace(letter.appendix, placement=placement))
    formats: tuple[Literal["md", "html"], ...] = ("md", "html")
    for fmt in formats:
        out = render(moved, fmt)
        assert (out.index("Bijlage") < out.index("1. Omgevingswet")) is before
    gone = replace(letter, appendix=replace(letter.appendix, placement="none"))
    assert "Bijlage" not in render(gone, "md")
    assert "Bijlage" not in render(gone, "html")


def test_signed_digitally_leaves_no_room_to_sign() -> None:
    letter = replace(sample_letter(), digital="Deze brief is digitaal ondertekend.")
    html = render(letter, "html")
    assert 'class="room"' not in html
    assert "Deze brief is digitaal ondertekend." in html
    assert 'class="room"' in render(sample_letter(), "html")


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


def test_draft_lists_what_is_missing_first_and_since_has_its_intro() -> None:
    base = sample_letter()
    letter = replace(
        base,
        draft=True,
        missing=("A-2 <Tweede> (trekker: Rob)",),
        missing_themes=("Bereikbaarheid",),
        appendix=replace(base.appendix, since=replace(base.appendix.since, intro="Sinds brief 1.")),
    )
    html = render(letter, "html")
    assert "<h2>Concept: nog niet compleet</h2>" in html
    assert "<li>A-2 &lt;Tweede&gt; (trekker: Rob)</li>" in html
    assert "<li>Bereikbaarheid</li>" in html
    assert html.index("Concept: nog niet compleet") < html.index("<h2>1. Omgevingswet</h2>")
    assert "<h3>Sinds de vorige brief</h3>\n<p>Sinds brief 1.</p>" in html
    md = render(letter, "md")
    assert "- A-2 \\<Tweede\\> (trekker: Rob)\n" in md
    assert "### Sinds de vorige brief\n\nSinds brief 1.\n" in md
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
    prefix = "## " if fmt == "md" else "<h2>"
    names = ["1. Omgevingswet", "2. Bereikbaarheid", "3. Recreatie", "4. Leefbaarheid"]
    places = [first.index(prefix + name) for name in names]
    assert places == sorted(places)
    if fmt == "md":
        assert r"Koppelingen \<b\>in kaart\</b\> \| \*\*klaar\*\*" in first
        assert "### Samen doen in 2026" in first
    else:
        assert "Koppelingen &lt;b&gt;in kaart&lt;/b&gt; | **klaar**" in first
        assert "<h3>Samen doen in 2026</h3>" in first


def test_regiodeal_has_no_track_headings(
    register: Register, settings: Settings, clock: FixedClock
) -> None:
    import_file(register, REGIODEAL, settings, clock)
    out, _ = _render_twice(register, "regiodeal-zod", "md")
    assert "## 1. Werken" in out
    # No track headings: only what comes next per pillar, and the appendix's parts.
    tracks = {line for line in out.splitlines() if line.startswith("### ")}
    assert tracks <= {
        "### Wat volgt",
        "### Overzicht van de acties",
        "### Status per thema",
        "### Sinds de vorige brief",
    }
    assert "Samen doen" not in out
