"""The voortgangsbrief as PDF: the DOCX converted by LibreOffice, headless.

The PDF is tagged (structure, headings, the document's language) and claims PDF/UA, with its
fonts embedded. The reference document's font, Source Sans Pro, comes with the
``font-source-sans-pro`` package rather than the system: a throwaway fontconfig file that
includes the system's adds the package's TrueType files (not its OpenType twins, which
LibreOffice would embed under a dummy name) for the conversion only.

Each conversion runs in a fresh temporary directory with its own LibreOffice profile, so two
conversions at once, or a person's open LibreOffice, never share (and lock) one profile.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from importlib.util import find_spec
from pathlib import Path
from typing import Final

from words.catalogue import t
from words.errors import VoortgangError

STDERR_TAIL: Final = 800  # characters of LibreOffice's complaint kept in the error
# LibreOffice's PDF export options, as JSON on --convert-to (LibreOffice 7.4 and later).
EXPORT: Final = (
    'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
    '"PDFUACompliance":{"type":"boolean","value":"true"}}'
)
SYSTEM_FONTS: Final = "/etc/fonts/fonts.conf"


def font_directory() -> Path | None:
    """Where the font-source-sans-pro package keeps its font files; None if not installed."""
    spec = find_spec("font_source_sans_pro")
    if spec is None or spec.origin is None:
        return None
    folder = Path(spec.origin).parent / "files"
    return folder if folder.is_dir() else None


def fonts_conf(folder: Path, work: Path) -> str:
    """A fontconfig file: the system's fonts and the bundled font's TrueType files."""
    cache = work / "fontconfig"
    return (
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f'<include ignore_missing="yes">{SYSTEM_FONTS}</include><dir>{folder}</dir>'
        f"<cachedir>{cache}</cachedir><selectfont><rejectfont><glob>{folder}/*.otf</glob>"
        "</rejectfont></selectfont></fontconfig>"
    )


def _environment(work: Path) -> dict[str, str]:
    env = dict(os.environ)
    folder = font_directory()
    if folder is not None:
        conf = work / "fonts.conf"
        conf.write_text(fonts_conf(folder, work), encoding="utf-8")
        env["FONTCONFIG_FILE"] = str(conf)
    return env


class PdfError(VoortgangError):
    """No PDF could be made. ``str(error)`` is the Dutch message; ``message(lang)`` any."""

    def message(self, lang: str | None = None) -> str:
        raise NotImplementedError


class PdfUnavailableError(PdfError):
    """LibreOffice is not installed or not runnable: the message says how to get it."""

    def __init__(self, program: str | None) -> None:
        self.program = program
        super().__init__(self.message())

    def message(self, lang: str | None = None) -> str:
        if self.program is None:
            what = t("document.pdf_missing", lang)
        else:
            what = t("document.pdf_not_runnable", lang, program=self.program)
        return f"{what} {t('document.pdf_how', lang)}"


class PdfConversionError(PdfError):
    """LibreOffice ran but gave no PDF: it failed, wrote nothing, or took too long."""

    def __init__(
        self, detail: str, *, code: int | None = None, timeout: float | None = None
    ) -> None:
        self.detail = detail  # the tail of LibreOffice's stderr (or stdout)
        self.code = code
        self.timeout = timeout
        super().__init__(self.message())

    def message(self, lang: str | None = None) -> str:
        if self.timeout is not None:
            return t("document.pdf_timeout", lang, seconds=f"{self.timeout:g}")
        detail = self.detail if self.detail else t("document.no_detail", lang)
        if self.code is None:
            return t("document.pdf_no_output", lang, detail=detail)
        return t("document.pdf_failed", lang, code=self.code, detail=detail)


def _tail(output: bytes) -> str:
    text = " ".join(output.decode("utf-8", errors="replace").split())
    return text[-STDERR_TAIL:]


def _stop(process: subprocess.Popen[bytes]) -> None:
    """End LibreOffice and the soffice.bin it started, not just the launcher script."""
    if sys.platform == "win32":
        process.kill()
    else:
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate()


def _run(command: list[str], timeout: float, env: dict[str, str]) -> tuple[int, bytes, bytes]:
    # A session of its own, so that on a timeout the whole process group can be ended.
    with subprocess.Popen(  # noqa: S603 - the program is the configured soffice, no shell
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        env=env,
    ) as process:
        try:
            out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _stop(process)
            raise
        return process.returncode, out, err


def runnable_soffice(soffice: str | None) -> str:
    """The full path of ``soffice`` (a path or a name on PATH); PdfUnavailableError if none."""
    program = shutil.which(soffice) if soffice is not None else None
    if program is None:
        raise PdfUnavailableError(soffice)
    return program


def docx_to_pdf(docx: bytes, soffice: str | None, timeout: float = 120) -> bytes:
    """``docx`` converted to PDF by LibreOffice's ``soffice`` (a path or a name on PATH)."""
    program = runnable_soffice(soffice)
    with tempfile.TemporaryDirectory(prefix="voortgang-pdf-") as folder:
        work = Path(folder)
        source = work / "brief.docx"
        source.write_bytes(docx)
        command = [
            program,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--convert-to",
            EXPORT,
            "--outdir",
            str(work),
            str(source),
        ]
        try:
            code, out, err = _run(command, timeout, _environment(work))
        except subprocess.TimeoutExpired as exc:
            raise PdfConversionError("", timeout=timeout) from exc
        except OSError as exc:  # found and executable, yet not startable (no interpreter)
            raise PdfUnavailableError(soffice) from exc
        detail = _tail(err) if err.strip() else _tail(out)
        if code != 0:
            raise PdfConversionError(detail, code=code)
        target = work / "brief.pdf"
        if not target.is_file():
            raise PdfConversionError(detail)
        return target.read_bytes()
