"""Reading a programme file, with errors that name file, line and field.

A file is read whole and checked whole before anything is written: ``read_programme_file``
either returns a ``ProgrammeDoc`` whose every cross-reference and deadline is valid, or raises
``ProgrammeFileError`` listing every problem found. The schema and the records it reads into
are in words.programme; the checks across the file in handlers.programme_file.checks.
"""

from __future__ import annotations

import codecs
import zipfile
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from handlers.programme_file.checks import Checker, Parts
from handlers.programme_file.validation_text import pydantic_message
from handlers.programme_file.yamlpos import Located, YamlLimitError, YamlSyntaxError, load_located
from words.catalogue import t
from words.programme.doc import Loc, Problem, ProgrammeDoc, ProgrammeFileError, field_name
from words.programme.schema import ProgrammeFile

# The largest programme file read, checked on its bytes before anything is parsed. BOCE's
# file is 31 kB.
MAX_FILE_BYTES = 5 * 1024 * 1024


def _problems(source: str, located: Located, found: Iterable[tuple[Loc, str]]) -> list[Problem]:
    problems = [
        Problem(source, located.line_of(loc), field_name(loc), message) for loc, message in found
    ]
    return sorted(problems, key=lambda p: p.line)


def _refused(source: str, line: int, field: str, message: str) -> ProgrammeFileError:
    return ProgrammeFileError([Problem(source, line, field, message)])


def _too_big(source: str, lang: str) -> ProgrammeFileError:
    limit = f"{MAX_FILE_BYTES // (1024 * 1024)} MB"
    return _refused(source, 1, "(bestand)", t("register.too_big", lang, limit=limit))


def _load(text: str, source: str, lang: str) -> Located:
    if len(text) > MAX_FILE_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
        raise _too_big(source, lang)
    try:
        return load_located(text)
    except YamlSyntaxError as err:
        message = t("register.yaml", lang, problem=err.problem)
        raise _refused(source, err.line, "(yaml)", message) from err
    except YamlLimitError as err:
        message = t(f"register.yaml_{err.kind}", lang, **err.params)
        raise _refused(source, err.line, "(yaml)", message) from err


def parse_programme_text(text: str, source: str, today: date, lang: str = "nl") -> ProgrammeDoc:
    """Check a whole programme file; raise ProgrammeFileError naming file, line and field."""
    located = _load(text, source, lang)
    dupes = [(loc, t("register.duplicate_field", lang)) for loc, _ in located.duplicates]
    if not isinstance(located.data, dict):
        raise ProgrammeFileError(
            _problems(source, located, [((), t("register.not_mapping", lang))])
        )
    try:
        spec = ProgrammeFile.model_validate(located.data)
    except ValidationError as err:
        found = [(tuple(e["loc"]), pydantic_message(e, lang)) for e in err.errors()]
        # The rest of the file is checked too, so one reading lists every problem.
        salvaged = Checker(Parts.salvage(located.data), today, lang)
        salvaged.run()
        raise ProgrammeFileError(
            _problems(source, located, dupes + found + salvaged.found)
        ) from err
    checker = Checker(Parts.of(spec), today, lang)
    checker.run()
    if dupes or checker.found:
        raise ProgrammeFileError(_problems(source, located, dupes + checker.found))
    return ProgrammeDoc(source, spec, checker.deadlines, located.lines)


def decode_programme_file(raw: bytes, source: str, lang: str = "nl") -> str:
    """The text of a programme file's bytes: UTF-8, with or without a byte order mark."""
    if len(raw) > MAX_FILE_BYTES:
        raise _too_big(source, lang)
    raw = raw.removeprefix(codecs.BOM_UTF8)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        message = t("register.not_utf8", lang, byte=f"0x{raw[err.start]:02x}")
        raise _refused(source, line, "(bestand)", message) from err


def read_programme_file(path: Path, today: date, lang: str = "nl") -> ProgrammeDoc:
    try:
        with path.open("rb") as stream:
            # One byte more than allowed is enough to know the file is too big.
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as err:
        raise _refused(
            str(path), 1, "(bestand)", t("register.unreadable", lang, error=err)
        ) from err
    text = decode_programme_file(raw, str(path), lang)
    doc = parse_programme_text(text, str(path), today, lang)
    return _with_style(_with_templates(doc, path.parent, lang), path.parent, lang)


def _with_templates(doc: ProgrammeDoc, folder: Path, lang: str) -> ProgrammeDoc:
    """The letter's template folder made absolute, so the letter finds it from anywhere."""
    given = doc.spec.letter.templates
    if not given:
        return doc
    found = (folder / given).resolve()
    if not found.is_dir():
        message = t("register.no_templates", lang, value=given, folder=folder.resolve())
        raise ProgrammeFileError([doc.problem(("letter", "templates"), message)])
    letter = doc.spec.letter.model_copy(update={"templates": str(found)})
    spec = doc.spec.model_copy(update={"letter": letter})
    return replace(doc, spec=spec)


# What makes a file a Word document the letter can take its styles from.
WORD_PARTS = ("word/document.xml", "word/styles.xml")


def _is_word_document(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (OSError, zipfile.BadZipFile):
        return False
    return all(part in names for part in WORD_PARTS)


def _with_style(doc: ProgrammeDoc, folder: Path, lang: str) -> ProgrammeDoc:
    """The house style's Word document made absolute; refused when missing or no .docx."""
    given = doc.spec.letter.style
    if not given:
        return doc
    found = (folder / given).resolve()
    if not found.is_file():
        message = t("register.no_style", lang, value=given, folder=folder.resolve())
        raise ProgrammeFileError([doc.problem(("letter", "style"), message)])
    if not _is_word_document(found):
        message = t("register.style_not_docx", lang, value=given)
        raise ProgrammeFileError([doc.problem(("letter", "style"), message)])
    letter = doc.spec.letter.model_copy(update={"style": str(found)})
    return replace(doc, spec=doc.spec.model_copy(update={"letter": letter}))
