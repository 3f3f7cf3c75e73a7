"""bench.brief: the letter benchmark's data, measurements and printed figures, at tiny sizes."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from sqlalchemy import ColumnElement, Engine, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from bench import brief as bench
from bot.letter import formats as brief_render
from bot.letter.pieces import Chart, Para, Table
from storage.models import Action, ActionOwner, ActionParty, Programme, StatusUpdate
from words.domain import UpdateKind


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    # 40 actions and 400 updates in the main programme, and 4 and 40 in the tenth one.
    folder = tmp_path_factory.mktemp("bench")
    built = bench.prepare(f"sqlite:///{folder / 'brief.db'}", 40, 400)
    yield built
    built.dispose()


def _count(session: Session, key: str, *where: ColumnElement[bool]) -> int:
    query = (
        select(func.count())
        .select_from(StatusUpdate)
        .join(Action, Action.id == StatusUpdate.action_id)
        .join(Programme, Programme.id == Action.programme_id)
        .where(Programme.key == key, *where)
    )
    found = session.scalar(query)
    assert found is not None
    return found


def _links(session: Session, action_id: InstrumentedAttribute[int]) -> int:
    query = (
        select(func.count())
        .select_from(Action)
        .join(Programme, Programme.id == Action.programme_id)
        .join(action_id.class_, action_id == Action.id)
        .where(Programme.key == bench.KEY)
    )
    found = session.scalar(query)
    assert found is not None
    return found


def test_builds_both_programmes_in_bulk(engine: Engine) -> None:
    with Session(engine) as session:
        actions = dict(
            session.execute(
                select(Programme.key, func.count(Action.id))
                .join(Action, Action.programme_id == Programme.id)
                .group_by(Programme.key)
            ).all()
        )
        assert actions == {bench.KEY: 40, bench.SMALL_KEY: 4}
        assert _count(session, bench.KEY) == 400
        assert _count(session, bench.SMALL_KEY) == 40
        moved = _count(session, bench.KEY, StatusUpdate.kind == UpdateKind.DEADLINE)
        assert 0 < moved < 400 * 3 * bench.DEADLINE_SHARE
        # Every fourth action has a second owner (0, 4, ... 36), every third a second party
        # (0, 3, ... 39).
        assert _links(session, ActionOwner.action_id) == 40 + 10
        assert _links(session, ActionParty.action_id) == 40 + 14


def test_about_thirty_percent_of_the_updates_fall_in_the_quarter(engine: Engine) -> None:
    letter = bench.letter(engine)
    share = len(letter.update_ids) / 400
    assert 0.2 < share < 0.4
    with Session(engine) as session:
        earlier = _count(session, bench.KEY, StatusUpdate.created_at < bench._utc(bench.QUARTER[0]))
    assert earlier + len(letter.update_ids) == 400  # nothing after the quarter


def test_measure_times_every_step_of_every_run(engine: Engine) -> None:
    timings, sizes = bench.measure(engine, 3)
    for step in (timings.load, timings.compile, timings.md, timings.html):
        assert len(step) == 3
        assert all(ms > 0 for ms in step)
    first = timings.load[0] + timings.compile[0] + timings.md[0] + timings.html[0]
    assert timings.total[0] == pytest.approx(first)
    assert sizes.actions == 40
    assert sizes.updates == len(bench.letter(engine).update_ids)
    assert sizes.md_bytes > 0
    assert sizes.html_bytes > sizes.md_bytes  # the HTML carries its style sheet


def test_query_count_is_the_same_for_10_and_100_actions(tmp_path: Path) -> None:
    engine = bench.prepare(f"sqlite:///{tmp_path / 'brief.db'}", 100, 300)
    try:
        # The tenth programme that prepare builds beside it has 10 actions.
        many = bench.count_statements(engine, bench.KEY)
        few = bench.count_statements(engine, bench.SMALL_KEY)
    finally:
        engine.dispose()
    assert many == few
    assert many > 1


def test_baseline_reads_the_period_once_per_run(engine: Engine) -> None:
    timings = bench.baseline(engine, 2)
    assert len(timings) == 2
    assert all(ms > 0 for ms in timings)


def test_docx_is_skipped_without_a_document_renderer(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delattr(brief_render, "document", raising=False)
    assert bench.docx_timings(engine, 1) is None


def test_docx_is_timed_with_the_renderers_document(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[str] = []

    def document(letter: object, fmt: str) -> bytes:
        made.append(fmt)
        return b"PK"

    monkeypatch.setattr(brief_render, "document", document, raising=False)
    timings = bench.docx_timings(engine, 2)
    assert timings is not None
    assert len(timings) == 2
    assert made == ["docx", "docx"]
    assert bench.docx_timings(engine, 0) is None


def test_main_prints_timings_query_counts_and_the_target(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'brief.db'}"
    argv = ["--actions", "20", "--updates", "200", "--runs", "2", "--docx-runs", "0"]
    argv += ["--word-runs", "1"]
    assert bench.main([*argv, "--database", url]) == 0
    out = capsys.readouterr().out
    assert "built 20 actions and 200 updates" in out
    for step in ("load_brief_data (SQL)", "compile_brief", "render md", "render html"):
        assert re.search(rf"{re.escape(step)} +median +[\d.]+ ms +max +[\d.]+ ms", out), step
    assert re.search(r"whole letter / baseline: \d+x", out)
    counts = re.search(r"SQL statements per letter: (\d+) for 20 actions, (\d+) for 2 actions", out)
    assert counts is not None
    assert counts[1] == counts[2]
    assert "target: under 2000 ms on SQLite: PASS" in out
    assert "render docx" not in out
    assert re.search(
        r"word letter, 20 actions, 1 run\(s\): to_docx [\d.]+ ms/action, "
        r"lean python-docx [\d.]+ ms/action, ratio [\d.]+x \(target at most 1.5x\): PASS",
        out,
    )
    assert re.search(r"word letter peak RSS, 20 actions, fresh process: \d+ MB", out)
    # The same database a second time: the benchmark refuses to mix its programmes.
    with pytest.raises(SystemExit, match="already holds programme"):
        bench.main([*argv, "--database", url])


def test_word_letter_pieces_are_shaped_like_a_letter() -> None:
    pieces = bench.letter_pieces(10)
    tables = [piece for piece in pieces if isinstance(piece, Table)]
    assert len(tables) == 1
    assert len(tables[0].rows) == 10
    quotes = [p for p in pieces if isinstance(p, Para) and p.kind == "quote"]
    notes = [p for p in pieces if isinstance(p, Para) and p.kind == "note"]
    assert len(quotes) == 15  # one or two per action
    assert len(notes) == 10
    assert sum(isinstance(p, Chart) for p in pieces) == 1


def test_word_timings_time_both_writers_per_action() -> None:
    figures = bench.word_timings(10, 2)
    assert len(figures.ours) == len(figures.lean) == 2
    assert all(ms > 0 for ms in (*figures.ours, *figures.lean))
    assert figures.ratio > 0
    document = docx.Document(io.BytesIO(bench.lean_docx(bench.letter_pieces(10))))
    assert len(document.tables[0].rows) == 11
    assert 30 < len(document.paragraphs) < 60


def test_word_peak_rss_comes_from_a_fresh_process() -> None:
    assert 10 < bench.word_peak_rss(10) < bench.WORD_RSS_TARGET_MB


def test_rejects_zero_runs(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        bench.main(["--runs", "0"])
    assert "--runs must be at least 1" in capsys.readouterr().err
