"""``voortgang huisstijl``: the default reference document for the Word letter, to start a
programme's own house style from in Word (saved as ``brief.docx`` in its template folder)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import IO

from bot.letter.reference import reference_docx
from config.settings import Settings


def cmd_house_style(args: argparse.Namespace, settings: Settings, out: IO[str]) -> int:
    output: Path = args.output
    output.write_bytes(reference_docx())
    print(output, file=out)  # the path only: the file is the answer
    return 0
