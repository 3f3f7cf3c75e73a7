"""bench.understanding: the figures it prints."""

from __future__ import annotations

import pytest

from bench import understanding as bench


def test_the_benchmark_prints_the_step_the_baseline_and_the_target(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert bench.main(["--runs", "1", "--rounds", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"median CPU time per message over 1 runs of {len(bench.MESSAGES)} messages:"
    assert lines[1].startswith("  understanding step: ")
    assert lines[2].startswith("  baseline, the exact command table alone: ")
    # Each kind of message in the set is read as such: commands, a guess, small talk, text.
    assert all(kind in lines[3] for kind in ("command", "suggest", "talk", "text"))
    assert lines[4].startswith("  target: under 2,000 µs a message: ")
