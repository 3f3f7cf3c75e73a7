"""bench.email_send: the mail-out bench, small, prints its figures and loses nothing."""

from __future__ import annotations

import re

import pytest

from bench import email_send as bench


def test_prints_both_sides_and_neither_loses_nor_doubles(
    capsys: pytest.CaptureFixture[str],
) -> None:
    results = bench.run(200)
    bench.report(results)
    printed = capsys.readouterr().out
    [result] = results
    assert (result.duplicates, result.lost) == (0, 0)
    assert (result.bare_duplicates, result.bare_lost) == (0, 0)
    # Each side over one connection: the port keeps its connection open.
    assert (result.ours_connections, result.bare_connections) == (1, 1)
    assert re.search(r"^  baseline, bare smtplib over one connection: \d+\.\d\d s", printed, re.M)
    assert re.search(r"^  Voortgang, outbox \+ sender \+ email port: +\d+\.\d\d s", printed, re.M)
    assert re.search(r"^  fraction baseline/ours: \d\.\d{3}$", printed, re.M)
    assert re.search(r"^  duplicates 0, lost 0$", printed, re.M)
    assert re.search(r"^median fraction \d\.\d{3} \(goal at least 0\.8\): ", printed, re.M)
