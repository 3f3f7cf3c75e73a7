"""bench.email_replies: a few replies through a real Dovecot, the reader and the inbox worker."""

from __future__ import annotations

import pytest

from bench import email_replies as bench


def test_the_benchmark_reads_and_handles_every_reply_and_prints_the_rates(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert bench.main(["--replies", "5"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "5 mail replies, sqlite, Dovecot on loopback:"
    labels = [line.split(":")[0].strip() for line in lines[1:]]
    assert labels == [
        "baseline, imap-tools fetch only",
        "MailReader.run_once (stored)",
        "InboxWorker.run_once (handled)",
        "end to end, read and handled",
    ]
    assert all("replies/s" in line for line in lines[1:])
