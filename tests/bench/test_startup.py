"""bench.startup: ``voortgang --help`` and the web process's start, against the baselines."""

from __future__ import annotations

import re

import pytest

from bench import startup as bench


def test_prints_help_and_web_start_against_the_baselines(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert bench.main(["--runs", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "median wall time over 1 fresh processes:"
    figure = r" +\d+ ms \([+-]\d+ ms over python -c pass\)"
    target = r", target \d+ ms: (met|NOT met)$"
    assert re.fullmatch(r"  python -c pass \(baseline\)" + figure, lines[1])
    assert re.fullmatch(r'  python -c "import bot"' + figure, lines[2])
    assert re.fullmatch(r"  voortgang --help" + figure + target, lines[3])
    assert re.fullmatch(r"  voortgang web to /healthz" + figure + target, lines[4])
