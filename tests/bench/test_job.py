"""bench.job: the letter made by the job runner beside another process's writes, tiny."""

from __future__ import annotations

import re

import pytest

from bench import job as bench


def test_prints_the_job_and_the_writes_beside_it_and_the_baseline(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert bench.main(["--actions", "40", "--updates", "400"]) == 0
    printed = capsys.readouterr().out
    assert re.search(
        r"^the chat event 'brief concept' handled \(the job queued\) in \d+ ms$", printed, re.M
    )
    assert re.search(r"^job runner: the draft made and kept in \d+\.\d s$", printed, re.M)
    assert re.search(r"^baseline, in the event's transaction: \d+\.\d s$", printed, re.M)
    beside = re.findall(
        r"^  beside it, (\d+) writes: median .* max .* ms; (\d+) failed", printed, re.M
    )
    assert len(beside) == 2
    assert beside[0][1] == "0"  # with the job runner, no write failed
