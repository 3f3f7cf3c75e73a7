"""handlers.brief.drafts: drafts and finals kept, periods named, a programme's own templates and
words."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.engine.opening import Register, import_file
from bot.letter.formats import document
from config.settings import Settings
from handlers.brief.drafts import (
    file_name_of,
    make_draft,
    make_final,
    period_label,
    read_period,
    templates_of,
)
from storage.letters import brief_asks, current_draft, final_briefs, previous_final, used_updates
from storage.models import Action, Programme
from storage.updates import decide_proposal, propose_deadline, record_update
from tests.conftest import BOCE, REGIODEAL, TODAY
from tests.register_rows import ACTION_READ, action, person
from words.clock import FixedClock
from words.deadlines.parse import parse_deadline
from words.domain import Source, Status
from words.periods.model import Period

OWN_HTML = """\
<!DOCTYPE html>
<html><body>
<h1>Brief van de regio: {{ letter.subject }}</h1>
{% for section in letter.sections %}
<h1>Thema {{ section.number }}: {{ section.name }}</h1>
{% endfor %}
</body></html>
"""


def programme(session: Session, key: str) -> Programme:
    return session.scalars(select(Programme).where(Programme.key == key)).one()


@pytest.fixture
def boce(register: Register, settings: Settings, clock: FixedClock) -> Iterator[Session]:
    import_file(register, BOCE, settings, clock)
    with register.sessions() as s:
        yield s


@pytest.mark.parametrize(
    ("start", "end", "label"),
    [
        (date(2026, 10, 1), date(2026, 12, 31), "2026-Q4"),
        (date(2026, 7, 1), date(2026, 12, 31), "2026-H2"),
        (date(2026, 1, 1), date(2026, 12, 31), "2026"),
        (date(2026, 11, 1), date(2026, 11, 30), "2026-11"),
        (date(2026, 1, 1), date(2026, 6, 30), "2026-H1"),
        (date(2026, 1, 15), date(2026, 6, 30), "2026-01-15..2026-06-30"),
    ],
)
def test_period_labels_are_what_the_command_line_reads(start: date, end: date, label: str) -> None:
    assert period_label(Period(start, end)) == label


def test_the_default_period_is_the_programme_cadence(boce: Session) -> None:
    found = read_period(programme(boce, "boce"), "", TODAY)
    assert found == Period(date(2026, 10, 1), date(2026, 12, 31))


def test_a_draft_is_replaced_and_a_final_is_numbered(boce: Session, clock: FixedClock) -> None:
    prog = programme(boce, "boce")
    period = Period(date(2026, 10, 1), date(2026, 12, 31))
    first, _ = make_draft(boce, prog, period, clock.now(), None, render=document)
    second, _ = make_draft(
        boce, prog, period, clock.now() + timedelta(minutes=5), None, render=document
    )
    assert first.id == second.id
    assert second.revision == 2
    final, compiled = make_final(
        boce, prog, second, clock.now() + timedelta(minutes=6), render=document
    )
    assert (final.number, final.state.value) == (1, "final")
    assert not compiled.letter.draft
    assert not compiled.letter.missing
    assert current_draft(boce, prog.id) is None
    assert [b.number for b in final_briefs(boce, prog.id)] == [1]
    later = clock.now() + timedelta(days=1)
    assert previous_final(boce, prog.id, later) == final
    assert brief_asks(boce, [final.id])[final.id].start == period.start


def test_a_draft_made_again_links_exactly_the_updates_it_was_compiled_from(
    boce: Session, clock: FixedClock
) -> None:
    prog = programme(boce, "boce")
    action = boce.scalars(select(Action).where(Action.key == "OW-01").options(*ACTION_READ)).one()
    update = record_update(
        boce,
        action,
        action.owners[0],
        clock.now() - timedelta(days=3),
        source=Source.CONSOLE,
        status=Status.ON_TRACK,
        text="Loket draait",
        event_row=None,
    )
    boce.flush()
    quarter = Period(date(2026, 10, 1), date(2026, 12, 31))
    draft, compiled = make_draft(boce, prog, quarter, clock.now(), None, render=document)
    assert update.id in compiled.letter.update_ids
    assert used_updates(boce, draft.id) == sorted(compiled.letter.update_ids)
    assert {link.update_id for link in draft.update_links} == set(compiled.letter.update_ids)
    # Made again for a period without that update: its link is gone, in the rows and objects.
    summer = Period(date(2026, 7, 1), date(2026, 9, 30))
    again, compiled = make_draft(boce, prog, summer, clock.now(), None, render=document)
    assert again.id == draft.id
    assert update.id not in used_updates(boce, draft.id)
    assert used_updates(boce, draft.id) == sorted(compiled.letter.update_ids)
    assert {link.update_id for link in again.update_links} == set(compiled.letter.update_ids)


def _house_style(path: Path) -> None:
    """A programme's own reference document, as made in Word: Georgia, and a header."""
    base = Document()
    base.styles["Normal"].font.name = "Georgia"
    base.sections[0].header.paragraphs[0].text = "Huisstijl Zuidoost-Drenthe"
    base.save(str(path))


def test_a_programme_brings_its_own_house_style_templates_and_words(
    register: Register, settings: Settings, clock: FixedClock, tmp_path: Path
) -> None:
    folder = tmp_path / "sjablonen"
    folder.mkdir()
    (folder / "brief.html.j2").write_text(OWN_HTML, encoding="utf-8")
    _house_style(tmp_path / "huisstijl.docx")
    own = tmp_path / "boce.yaml"
    extra = (
        "  templates: sjablonen\n  style: huisstijl.docx\n"
        "  labels:\n    overview_heading: Stoplichtrapportage\n"
    )
    own.write_text(BOCE.read_text(encoding="utf-8") + extra, encoding="utf-8")
    import_file(register, own, settings, clock)
    with register.sessions() as session:
        prog = programme(session, "boce")
        assert templates_of(prog) == ((tmp_path / "huisstijl.docx").resolve(), folder.resolve())
        period = Period(date(2026, 10, 1), date(2026, 12, 31))
        draft, _ = make_draft(session, prog, period, clock.now(), None, render=document)
        kept = {d.format: d.content for d in draft.documents}
    word = Document(BytesIO(kept["docx"]))
    # Built on the programme's document: its font, its header, and our letter in it.
    assert word.styles["Normal"].font.name == "Georgia"
    assert word.sections[0].header.paragraphs[0].text == "Huisstijl Zuidoost-Drenthe"
    headings = [
        p.text for p in word.paragraphs if p.style is not None and p.style.name == "Heading 1"
    ]
    assert headings[0] == "1. Omgevingswet"
    # The programme's HTML template shapes the HTML; Markdown keeps the default template,
    # with the programme's own heading.
    assert "Brief van de regio" in kept["html"].decode()
    assert "### Stoplichtrapportage" in kept["md"].decode()


def test_a_programme_without_tracks_compiles_with_kpis(
    register: Register, settings: Settings, clock: FixedClock
) -> None:
    import_file(register, REGIODEAL, settings, clock)
    with register.sessions() as session:
        prog = programme(session, "regiodeal-zod")
        period = read_period(prog, "2026-H2", TODAY)
        draft, compiled = make_draft(session, prog, period, clock.now(), None, render=document)
        kept = {d.format: d.content for d in draft.documents}
    assert all(g.heading is None for s in compiled.letter.sections for g in s.tracks)
    assert any(a.kpi for s in compiled.letter.sections for g in s.tracks for a in g.news)
    word = Document(BytesIO(kept["docx"]))
    assert not [
        p
        for p in word.paragraphs
        if p.style is not None and p.style.name == "Heading 2" and "in 2026" in p.text
    ]
    kpis = [a.kpi for s in compiled.letter.sections for g in s.tracks for a in g.news if a.kpi]
    texts = [p.text for p in word.paragraphs]
    assert all(kpi in texts for kpi in kpis)


@pytest.mark.parametrize(
    ("lang", "number", "expected"),
    [
        ("nl", None, "voortgangsbrief-boce-2026-Q4-concept.docx"),
        ("nl", 3, "voortgangsbrief-boce-2026-Q4-nr3.docx"),
        ("en", None, "progress-letter-boce-2026-Q4-draft.docx"),
        ("en", 3, "progress-letter-boce-2026-Q4-no3.docx"),
    ],
)
def test_a_letters_file_is_named_in_the_letters_language(
    lang: str, number: int | None, expected: str
) -> None:
    assert file_name_of("boce", "2026-Q4", number, "docx", lang) == expected
    until = file_name_of("boce", "2026-01-01..2026-02-15", None, "md", lang)
    assert until.endswith(
        ("2026-01-01_tot_2026-02-15-concept.md", "2026-01-01_to_2026-02-15-draft.md")
    )


def test_a_deadline_accepted_as_in_maart_carries_its_year_in_the_letter(
    boce: Session, clock: FixedClock
) -> None:
    # The owner proposes "in maart" in November 2026, the sponsor accepts: the letter (and the
    # one written next year) must say March 2027, not a bare "maart".
    ow03 = action(boce, "OW-03")
    proposal = propose_deadline(
        boce, ow03, person(boce, "lotte-venema"), clock.now(), parse_deadline("in maart", TODAY)
    )
    decide_proposal(
        boce,
        proposal,
        person(boce, "hendrik-kuiper"),
        clock.now(),
        accept=True,
        source=Source.CONSOLE,
        event_row=None,
    )
    period = Period(date(2026, 10, 1), date(2026, 12, 31))
    _, compiled = make_draft(
        boce, programme(boce, "boce"), period, clock.now(), None, render=document
    )
    said = repr(compiled.letter)
    assert "in maart 2027" in said
    assert re.search(r"in maart(?! 2027)", said) is None
