"""``voortgang huisstijl``: writes the default reference document for the Word letter."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bot.cli.main import main
from bot.letter.reference import REFERENCE_DOCX


def test_writes_the_reference_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'v.db'}")
    target = tmp_path / "huisstijl.docx"
    out = io.StringIO()
    assert main(["huisstijl", "-o", str(target)], out=out) == 0
    assert out.getvalue() == f"{target}\n"
    assert target.read_bytes() == REFERENCE_DOCX.read_bytes()
