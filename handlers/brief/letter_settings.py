"""The programme file's letter settings (``letter:``), read once into plain values.

The programme file is checked on import (words.programme.schema.LetterSpec); the stored JSON
is read here defensively all the same, since a programme imported by an older version may lack
a field: what is missing takes its default.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final, Literal, TypeVar

Placement = Literal["appendix", "front", "none"]
Quiet = Literal["sentence", "appendix"]
Naming = Literal["parties", "officials"]
Signing = Literal["hand", "digital"]

PLACEMENTS: Final[dict[str, Placement]] = {
    "appendix": "appendix",
    "bijlage": "appendix",
    "front": "front",
    "voorin": "front",
    "none": "none",
    "geen": "none",
}
QUIET: Final[dict[str, Quiet]] = {
    "sentence": "sentence",
    "zin": "sentence",
    "appendix": "appendix",
    "bijlage": "appendix",
}
NAMING: Final[dict[str, Naming]] = {
    "parties": "parties",
    "partijen": "parties",
    "officials": "officials",
    "personen": "officials",
}
SIGNING: Final[dict[str, Signing]] = {"hand": "hand", "digital": "digital", "digitaal": "digital"}

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class SignerSetting:
    function: str
    name: str


@dataclass(frozen=True, slots=True)
class SignatorySetting:
    lines: tuple[str, ...]  # the party's line(s): "burgemeester en wethouders van Emmen,"
    signers: tuple[SignerSetting, ...]


@dataclass(frozen=True, slots=True)
class LetterSettings:
    subject: str = ""
    addressee: str = ""
    opening: str = ""  # the standard opening, when the director wrote none for the period
    coordination: str = ""  # the standard coordination paragraph
    closing: str = ""
    signed_by: str = ""
    reference: str = ""  # the programme's kenmerk
    place: str = ""  # where the letter is dated
    register: Placement = "appendix"
    quiet_actions: Quiet = "sentence"
    names: Naming = "parties"
    signing: Signing = "hand"
    signatories: tuple[SignatorySetting, ...] = ()
    labels: tuple[tuple[str, str], ...] = ()


def _text(letter: Mapping[str, Any], field: str) -> str:
    value = letter.get(field)
    return value.strip() if isinstance(value, str) else ""


def _choice(letter: Mapping[str, Any], field: str, names: Mapping[str, T], default: T) -> T:
    value = letter.get(field)
    return names.get(value.strip().lower(), default) if isinstance(value, str) else default


def _signer(entry: object) -> SignerSetting | None:
    if not isinstance(entry, dict):
        return None
    function, name = entry.get("function"), entry.get("name")
    return SignerSetting(
        function.strip() if isinstance(function, str) else "",
        name.strip() if isinstance(name, str) else "",
    )


def _signatories(letter: Mapping[str, Any]) -> tuple[SignatorySetting, ...]:
    blocks = letter.get("signatories")
    if not isinstance(blocks, list):
        return ()
    found = []
    for block in blocks:
        if not isinstance(block, dict):
            continue
        lines = block.get("lines")
        signers = block.get("signers")
        found.append(
            SignatorySetting(
                tuple(str(line) for line in lines) if isinstance(lines, list) else (),
                tuple(
                    s
                    for s in (_signer(e) for e in (signers if isinstance(signers, list) else ()))
                    if s is not None
                ),
            )
        )
    return tuple(found)


def _labels(letter: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    own = letter.get("labels")
    if not isinstance(own, dict):
        return ()
    return tuple((str(k), str(v)) for k, v in own.items())


def letter_settings(letter: Mapping[str, Any]) -> LetterSettings:
    return LetterSettings(
        subject=_text(letter, "subject"),
        addressee=_text(letter, "addressee"),
        opening=_text(letter, "opening"),
        coordination=_text(letter, "coordination"),
        closing=_text(letter, "closing"),
        signed_by=_text(letter, "signed_by"),
        reference=_text(letter, "reference"),
        place=_text(letter, "place"),
        register=_choice(letter, "register", PLACEMENTS, "appendix"),
        quiet_actions=_choice(letter, "quiet_actions", QUIET, "sentence"),
        names=_choice(letter, "names", NAMING, "parties"),
        signing=_choice(letter, "signing", SIGNING, "hand"),
        signatories=_signatories(letter),
        labels=_labels(letter),
    )
