"""A programme file sent through the programme-file page: the same reading and checks as
`voortgang import`, and what a file that came over the web may not do.

An uploaded file comes without a folder beside it, so the letter's ``templates`` and ``style``
cannot point at files next to it; and it may not point anywhere else on the server either. It
may repeat what the programme already has (an exported file does), or leave them out. It
also belongs to the programme whose page it was sent on: another programme's key is refused,
so the page of one programme never creates or changes another.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from pathlib import PurePath
from typing import Any, Final

from handlers.programme_file.read import decode_programme_file, parse_programme_text
from words.catalogue import t
from words.programme.doc import Problem, ProgrammeDoc, ProgrammeFileError

# What the page takes, by the file name's extension.
KINDS: Final = {".yaml": "yaml", ".yml": "yaml", ".csv": "csv", ".xlsx": "xlsx"}
# A file name as problems and the audit trail show it: the last part, printable, short.
UNSHOWN: Final = re.compile(r"[^\w.\- ()]+")
NAME_LENGTH: Final = 100
# The letter's settings that name a place on the server.
SERVER_PATHS: Final = ("templates", "style")


def shown_name(filename: str | None) -> str:
    """The upload's name, safe to show and to put in a problem: its last part (a browser may
    send a whole path), without characters that are no part of a plain name."""
    last = PurePath((filename or "").replace("\\", "/")).name
    cleaned = UNSHOWN.sub("_", last).strip(" .")[:NAME_LENGTH]
    return cleaned or "upload"


def kind_of(filename: str | None) -> str | None:
    """ "yaml", "csv" or "xlsx" by the file's extension; None for anything else."""
    return KINDS.get(PurePath((filename or "").replace("\\", "/")).suffix.lower())


def read_yaml_upload(
    raw: bytes,
    source: str,
    programme_key: str,
    letter: Mapping[str, Any],
    *,
    today: date,
    lang: str = "nl",
) -> ProgrammeDoc:
    """Check an uploaded programme file whole for the programme ``programme_key`` (whose
    letter settings are ``letter``); raise ProgrammeFileError listing every problem."""
    text = decode_programme_file(raw, source, lang)
    doc = parse_programme_text(text, source, today, lang)
    problems: list[Problem] = []
    if doc.spec.programme.key != programme_key:
        message = t(
            "web.people.upload.other_programme",
            lang,
            found=doc.spec.programme.key,
            key=programme_key,
        )
        problems.append(doc.problem(("programme", "key"), message))
    for name in SERVER_PATHS:
        given = getattr(doc.spec.letter, name)
        if given and given != letter.get(name):
            message = t("web.people.upload.server_path", lang, value=given)
            problems.append(doc.problem(("letter", name), message))
    if problems:
        raise ProgrammeFileError(sorted(problems, key=lambda p: p.line))
    return doc
