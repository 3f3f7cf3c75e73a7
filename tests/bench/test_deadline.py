"""bench.deadline: the replies it reads and the figures it prints."""

from __future__ import annotations

import pytest

from bench import deadline as bench


def test_a_reply_has_the_size_asked_and_ends_in_its_deadline() -> None:
    for size in (3_000, 100_000):
        text = bench.reply(size)
        assert len(text) == size
        assert text.endswith("verwacht eind maart 2027.")


def test_the_benchmark_prints_a_line_per_text_and_the_target(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert bench.main(["--runs", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "median CPU time over 1 runs:"
    found = [line.split("found: ")[1] for line in lines if "found: " in line]
    assert found == ["eind maart 2027"] * 3 + ["-", "1 oktober 2026"]
    assert any(line.startswith("  target: 100 KB under 50 ms: ") for line in lines)
