"""bot.letter.pdf: the DOCX to PDF through LibreOffice, and what it says when it cannot."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from bot.letter.formats import document
from bot.letter.pdf import (
    PdfConversionError,
    PdfUnavailableError,
    docx_to_pdf,
    font_directory,
    fonts_conf,
)
from bot.letter.word import to_docx as pieces_to_docx
from bot.letter.wordml import DocumentMeta
from config.settings import load_settings
from tests.letters import sample_letter
from tests.word_pieces import PNG, sample_pieces


def _fake(tmp_path: Path, body: str) -> str:
    """A stand-in soffice: a shell script with ``body``."""
    program = tmp_path / "soffice"
    program.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    program.chmod(0o755)
    return str(program)


def test_missing_soffice_says_how_to_get_it() -> None:
    with pytest.raises(PdfUnavailableError) as caught:
        docx_to_pdf(b"docx", None)
    nl = caught.value.message("nl")
    assert str(caught.value) == nl
    assert "Voor een PDF is LibreOffice nodig" in nl
    assert "apt-get install libreoffice-writer-nogui" in nl
    assert "libreoffice.org" in nl
    assert "VOORTGANG_SOFFICE" in nl
    assert "Gebruik intussen --format docx." in nl
    en = caught.value.message("en")
    assert "A PDF needs LibreOffice" in en
    assert "Install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui;" in en
    assert "set VOORTGANG_SOFFICE to the soffice program" in en
    assert "use --format docx" in en


def test_soffice_that_cannot_run_is_named(tmp_path: Path) -> None:
    absent = str(tmp_path / "geen-soffice")
    not_executable = tmp_path / "soffice.txt"
    not_executable.write_text("tekst")
    for program in (absent, str(not_executable)):
        with pytest.raises(PdfUnavailableError) as caught:
            docx_to_pdf(b"docx", program)
        assert f"‘{program}’" in caught.value.message("nl")
        assert "VOORTGANG_SOFFICE" in caught.value.message("en")


def test_document_pdf_without_soffice_raises_before_converting() -> None:
    with pytest.raises(PdfUnavailableError):
        document(sample_letter(), "pdf", soffice=None)


def test_failing_soffice_gives_its_stderr(tmp_path: Path) -> None:
    program = _fake(tmp_path, "echo 'Error: source file could not be loaded' >&2\nexit 1")
    with pytest.raises(PdfConversionError) as caught:
        docx_to_pdf(b"docx", program)
    assert caught.value.code == 1
    assert caught.value.detail == "Error: source file could not be loaded"
    assert caught.value.message("nl") == (
        "LibreOffice kon de brief niet naar PDF omzetten (afsluitcode 1): "
        "Error: source file could not be loaded"
    )
    assert "exit code 1" in caught.value.message("en")


def test_stderr_is_cut_to_its_tail(tmp_path: Path) -> None:
    program = _fake(
        tmp_path, "i=0; while [ $i -lt 300 ]; do echo regel $i >&2; i=$((i+1)); done\nexit 3"
    )
    with pytest.raises(PdfConversionError) as caught:
        docx_to_pdf(b"docx", program)
    assert len(caught.value.detail) <= 800
    assert caught.value.detail.endswith("regel 299")


def test_soffice_that_writes_no_pdf(tmp_path: Path) -> None:
    program = _fake(tmp_path, "echo 'convert: nothing to do'\nexit 0")
    with pytest.raises(PdfConversionError) as caught:
        docx_to_pdf(b"docx", program)
    assert caught.value.code is None
    assert (
        caught.value.message("en")
        == "LibreOffice finished but wrote no PDF: convert: nothing to do"
    )


def test_hanging_soffice_is_stopped_with_its_children(tmp_path: Path) -> None:
    # The child sleep keeps the output pipes open: only ending the whole group returns quickly.
    program = _fake(tmp_path, "sleep 60\nexit 0")
    started = time.monotonic()
    with pytest.raises(PdfConversionError) as caught:
        docx_to_pdf(b"docx", program, timeout=0.5)
    assert time.monotonic() - started < 20
    assert caught.value.timeout == 0.5
    assert "na 0.5 seconden" in caught.value.message("nl")


def test_command_line_and_own_profile(tmp_path: Path) -> None:
    log = tmp_path / "args.txt"
    # Records its arguments, then writes "brief.pdf" into --outdir as LibreOffice would.
    body = (
        f'printf "%s\\n" "$@" >> "{log}"\necho ---- >> "{log}"\n'
        'out=""; prev=""; for a in "$@"; do [ "$prev" = "--outdir" ] && out="$a"; prev="$a"; done\n'
        'printf "%%PDF-fake" > "$out/brief.pdf"'
    )
    program = _fake(tmp_path, body)
    assert docx_to_pdf(b"docx", program) == b"%PDF-fake"
    assert docx_to_pdf(b"docx", program) == b"%PDF-fake"
    first, second = (call.split("\n") for call in log.read_text().split("----\n")[:2])
    for args in (first, second):
        assert args[:2] == ["--headless", "--norestore"]
        assert args[3] == "--convert-to"
        assert args[4].startswith("pdf:writer_pdf_Export:{")
        assert '"UseTaggedPDF":{"type":"boolean","value":"true"}' in args[4]
        assert args[5] == "--outdir"
        outdir = args[6]
        assert args[2] == f"-env:UserInstallation={Path(outdir, 'profile').as_uri()}"
        assert args[7] == str(Path(outdir, "brief.docx"))
        assert not Path(outdir).exists()  # the temporary folder is cleaned up
    assert first[6] != second[6]  # every conversion its own folder and profile


# -- the real LibreOffice ----------------------------------------------------------------


@pytest.fixture(scope="module")
def real_pdf() -> bytes:
    soffice = shutil.which("soffice")
    if soffice is None:
        if load_settings().ci:
            pytest.fail("CI=true but LibreOffice (soffice) is not installed: PDF must be tested")
        pytest.skip("LibreOffice not installed")
    return docx_to_pdf(document(sample_letter(), "docx"), soffice)


def test_real_conversion_gives_a_pdf(real_pdf: bytes) -> None:
    assert real_pdf.startswith(b"%PDF")
    counts = [int(n) for n in re.findall(rb"/Count (\d+)", real_pdf)]
    assert counts
    assert max(counts) >= 1


def test_fonts_conf_adds_the_bundled_truetype_files(tmp_path: Path) -> None:
    folder = font_directory()
    assert folder is not None, "font-source-sans-pro is a dependency"
    assert (folder / "SourceSansPro-Regular.ttf").is_file()
    conf = fonts_conf(folder, tmp_path)
    assert '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>' in conf
    assert f"<dir>{folder}</dir>" in conf
    assert f"<glob>{folder}/*.otf</glob>" in conf


def _soffice() -> str:
    soffice = shutil.which("soffice")
    if soffice is None:
        if load_settings().ci:
            pytest.fail("CI=true but LibreOffice (soffice) is not installed: PDF must be tested")
        pytest.skip("LibreOffice not installed")
    if shutil.which("pdffonts") is None or shutil.which("pdfinfo") is None:
        if load_settings().ci:
            pytest.fail("CI=true but poppler-utils (pdffonts, pdfinfo) is not installed")
        pytest.skip("poppler-utils not installed")
    return soffice


@pytest.fixture(scope="module")
def letter_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    soffice = _soffice()
    meta = DocumentMeta("en", "Progress letter", "Ref BOCE/VB")
    data = pieces_to_docx(sample_pieces(), meta, chart=lambda: PNG)
    path = tmp_path_factory.mktemp("pdf") / "brief.pdf"
    path.write_bytes(docx_to_pdf(data, soffice))
    return path


def _poppler(program: str, path: Path) -> str:
    return subprocess.run([program, str(path)], capture_output=True, text=True, check=True).stdout


def test_pdf_embeds_every_font_and_uses_source_sans_pro(letter_pdf: Path) -> None:
    rows = _poppler("pdffonts", letter_pdf).splitlines()[2:]
    assert rows
    for row in rows:
        # name, type..., emb sub uni object: "emb" is the fourth column from the end but two.
        assert row.split()[-5] == "yes", row
    assert any("SourceSansPro-Regular" in row for row in rows)
    assert any("SourceSansPro-Bold" in row for row in rows)


def test_pdf_is_tagged_in_the_letters_language(letter_pdf: Path) -> None:
    assert re.search(r"^Tagged:\s+yes$", _poppler("pdfinfo", letter_pdf), re.MULTILINE)
    data = letter_pdf.read_bytes()
    assert b"/Lang(en-GB)" in data
    assert b"pdfuaid" in data  # LibreOffice's PDF/UA identification in the metadata
