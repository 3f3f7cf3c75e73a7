"""Reading programme files: the shipped examples pass, broken ones are refused precisely."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from handlers.programme_file.read import parse_programme_text, read_programme_file
from tests.conftest import BOCE, REGIODEAL, TODAY
from tests.programme_files import MINIMAL
from words.deadlines.model import Precision
from words.domain import Role, Status
from words.programme.doc import ProgrammeFileError
from words.programme.schema import Names, QuietActions, Register, Signing


def problems_of(text: str, lang: str = "nl") -> list[str]:
    with pytest.raises(ProgrammeFileError) as caught:
        parse_programme_text(text, "mini.yaml", TODAY, lang)
    return [str(p) for p in caught.value.problems]


def test_minimal_file_is_read_with_names_people_use() -> None:
    doc = parse_programme_text(MINIMAL, "mini.yaml", TODAY)
    assert doc.spec.people[0].role is Role.SPONSOR
    assert doc.spec.people[0].email == "a.bakker@emmen.example"
    assert doc.spec.people[1].role is Role.MEMBER
    assert doc.spec.actions[0].owners == ["bert"]
    assert doc.spec.actions[0].status is Status.ON_TRACK
    deadline = doc.deadlines["W-1"]
    assert (deadline.due.isoformat(), deadline.precision) == ("2027-06-30", Precision.SEASON)


@pytest.mark.parametrize("path", [BOCE, REGIODEAL])
def test_shipped_examples_are_valid(path: Path) -> None:
    doc = read_programme_file(path, TODAY)
    assert doc.spec.actions
    assert set(doc.deadlines) == {a.key for a in doc.spec.actions if a.deadline}


def test_boce_example_covers_every_theme_and_track_with_three_municipalities() -> None:
    spec = read_programme_file(BOCE, TODAY).spec
    assert [t.name for t in spec.themes][:4] == [
        "Omgevingswet",
        "Bereikbaarheid",
        "Recreatie & Toerisme",
        "Leefbaarheid",
    ]
    combos = {(a.theme, a.track) for a in spec.actions}
    assert len(combos) == len(spec.themes) * len(spec.tracks) == 12
    party_of = {p.key: p.party for p in spec.people}
    owner_parties = {party_of[o] for a in spec.actions for o in a.owners}
    assert {"borger-odoorn", "coevorden", "emmen"} <= owner_parties
    assert spec.meetings


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        (
            MINIMAL.replace("theme: wonen", "theme: wonem"),
            "mini.yaml:15: actions[0].theme: onbekend thema 'wonem'",
        ),
        (
            MINIMAL.replace("owners: bert", "owners: [bert, karel]"),
            "mini.yaml:18: actions[0].owners[1]: 'karel' staat niet onder people",
        ),
        (
            MINIMAL.replace("voor de zomer van 2027", "als het uitkomt"),
            "mini.yaml:19: actions[0].deadline:",
        ),
        (
            MINIMAL.replace("status: op schema", "status: prima"),
            "mini.yaml:20: actions[0].status: 'prima' is geen geldige keuze",
        ),
        (
            MINIMAL + MINIMAL[MINIMAL.index("  - key: W-1") :],
            "mini.yaml:21: actions[1].key: 'W-1' komt al eerder voor",
        ),
        (MINIMAL.replace("name: Mini", "name: [Mini]"), "mini.yaml:3: programme.name: moet tekst"),
        (
            MINIMAL.replace("    track: samen-doen\n", ""),
            "mini.yaml:14: actions[0].track: dit programma heeft sporen",
        ),
        (
            MINIMAL.replace("title: Woningmarkt", "titel: Woningmarkt"),
            "mini.yaml:17: actions[0].titel: onbekend veld",
        ),
        (
            MINIMAL.replace("sponsor: anna", "sponsor: zoe"),
            "mini.yaml:9: themes[0].sponsor: 'zoe' staat niet onder people",
        ),
        (
            MINIMAL.replace("key: mini", "key: Mini Programma"),
            "mini.yaml:2: programme.key: ongeldige sleutel",
        ),
        (
            MINIMAL.replace("  key: mini", "  key: mini\n  key: mini2"),
            "mini.yaml:3: programme.key: dit veld staat twee keer",
        ),
        ("programme: [\n", "mini.yaml:2: (yaml): geen geldige YAML"),
    ],
)
def test_broken_file_names_file_line_and_field(broken: str, expected: str) -> None:
    found = problems_of(broken)
    assert any(p.startswith(expected) for p in found), found


def test_every_problem_is_reported_at_once() -> None:
    broken = MINIMAL.replace("theme: wonen", "theme: x").replace("owners: bert", "owners: y")
    assert len(problems_of(broken)) == 2


def test_a_schema_error_does_not_hide_the_other_problems() -> None:
    broken = (
        MINIMAL.replace("name: Anna Bakker", "name: [Anna]")  # a wrong type
        .replace("theme: wonen", "theme: x")
        .replace("deadline: voor de zomer van 2027", "deadline: ooit misschien")
    )
    found = problems_of(broken)
    assert [p.split(":")[1:3] for p in found] == [
        ["11", " people[0].name"],
        ["15", " actions[0].theme"],
        ["19", " actions[0].deadline"],
    ], found


def test_a_refused_item_still_counts_as_known() -> None:
    # Anna's entry has a wrong type, but the theme naming her as sponsor is not also refused.
    found = problems_of(MINIMAL.replace("role: opdrachtgever", "role: baas"))
    assert len(found) == 1, found
    assert "people[0].role" in found[0]


def test_a_list_that_cannot_be_read_is_not_checked_against() -> None:
    text = MINIMAL.replace(
        "themes:\n  - {key: wonen, name: Wonen, sponsor: anna}\n", "themes: wonen\n"
    )
    found = problems_of(text)
    assert len(found) == 1, found
    assert "themes" in found[0]


def test_problems_in_english_for_english_speakers() -> None:
    found = problems_of(MINIMAL.replace("theme: wonen", "theme: wonem"), "en")
    assert "unknown theme 'wonem'" in found[0]


def test_programme_without_tracks_refuses_a_track() -> None:
    text = MINIMAL.replace("tracks:\n  - {key: samen-doen, name: Samen doen}\n", "")
    assert any("geen sporen" in p for p in problems_of(text))


def test_unreadable_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "binary.yaml"
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ProgrammeFileError) as caught:
        read_programme_file(path, TODAY)
    assert str(path) in str(caught.value)


LETTER = (
    MINIMAL
    + """\
letter:
  subject: Voortgang Mini
  labels:
    overview_heading: Stoplichtrapportage
"""
)


def test_letter_headings_may_be_worded_by_the_programme() -> None:
    doc = parse_programme_text(LETTER, "mini.yaml", TODAY)
    assert doc.spec.letter.labels == {"overview_heading": "Stoplichtrapportage"}


def test_an_unknown_letter_heading_is_refused_with_its_line() -> None:
    found = problems_of(LETTER.replace("overview_heading:", "overzicht:"))
    assert any(
        p.startswith("mini.yaml:24: letter.labels.overzicht: onbekende kop") for p in found
    ), found


def test_the_template_folder_is_found_next_to_the_programme_file(tmp_path: Path) -> None:
    (tmp_path / "sjablonen").mkdir()
    path = tmp_path / "mini.yaml"
    path.write_text(LETTER + "  templates: sjablonen\n", encoding="utf-8")
    doc = read_programme_file(path, TODAY)
    assert doc.spec.letter.templates == str((tmp_path / "sjablonen").resolve())


def test_a_missing_template_folder_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "mini.yaml"
    path.write_text(LETTER + "  templates: weg\n", encoding="utf-8")
    with pytest.raises(ProgrammeFileError) as caught:
        read_programme_file(path, TODAY)
    [problem] = [str(p) for p in caught.value.problems]
    assert problem.startswith(f"{path}:25: letter.templates: map met sjablonen 'weg' bestaat niet")


def _docx(path: Path, parts: tuple[str, ...]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for part in parts:
            archive.writestr(part, "<xml/>")
    return path


def test_the_house_style_is_found_next_to_the_programme_file(tmp_path: Path) -> None:
    _docx(tmp_path / "huisstijl.docx", ("word/document.xml", "word/styles.xml"))
    path = tmp_path / "mini.yaml"
    path.write_text(LETTER + "  style: huisstijl.docx\n", encoding="utf-8")
    doc = read_programme_file(path, TODAY)
    assert doc.spec.letter.style == str((tmp_path / "huisstijl.docx").resolve())


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (None, "huisstijl 'huisstijl.docx' bestaat niet"),
        (("word/document.xml",), "huisstijl 'huisstijl.docx' is geen Word-document"),
        ((), "huisstijl 'huisstijl.docx' is geen Word-document"),
    ],
)
def test_a_missing_or_broken_house_style_is_refused_with_its_line(
    tmp_path: Path, make: tuple[str, ...] | None, said: str
) -> None:
    if make is not None:
        _docx(tmp_path / "huisstijl.docx", make)
    path = tmp_path / "mini.yaml"
    path.write_text(LETTER + "  style: huisstijl.docx\n", encoding="utf-8")
    with pytest.raises(ProgrammeFileError) as caught:
        read_programme_file(path, TODAY)
    [problem] = [str(p) for p in caught.value.problems]
    assert problem.startswith(f"{path}:25: letter.style: {said}"), problem


def test_the_letter_choices_take_dutch_and_english_names() -> None:
    text = LETTER + (
        "  register: voorin\n  quiet_actions: bijlage\n  names: personen\n  signing: digitaal\n"
        "  reference: BOCE/VB\n  place: Emmen\n  coordination: De stuurgroep stuurt bij.\n"
    )
    letter = parse_programme_text(text, "mini.yaml", TODAY).spec.letter
    stored = letter.model_dump(mode="json", by_alias=True)
    assert {k: stored[k] for k in ("register", "reference", "place", "coordination")} == {
        "register": "front",
        "reference": "BOCE/VB",
        "place": "Emmen",
        "coordination": "De stuurgroep stuurt bij.",
    }
    assert (letter.register_at, letter.quiet_actions, letter.names, letter.signing) == (
        Register.FRONT,
        QuietActions.APPENDIX,
        Names.OFFICIALS,
        Signing.DIGITAL,
    )
    defaults = parse_programme_text(LETTER, "mini.yaml", TODAY).spec.letter
    assert (defaults.register_at, defaults.quiet_actions, defaults.names, defaults.signing) == (
        Register.APPENDIX,
        QuietActions.SENTENCE,
        Names.PARTIES,
        Signing.HAND,
    )


@pytest.mark.parametrize("field", ["register", "quiet_actions", "names", "signing"])
def test_an_unknown_letter_choice_is_refused_with_file_line_and_field(field: str) -> None:
    found = problems_of(LETTER + f"  {field}: ergens\n")
    assert any(
        p.startswith(f"mini.yaml:25: letter.{field}: 'ergens' is geen geldige keuze") for p in found
    ), found
    english = problems_of(LETTER + f"  {field}: ergens\n", "en")
    assert any("'ergens' is not a valid choice" in p for p in english), english


def test_signers_and_short_names_are_read() -> None:
    doc = read_programme_file(BOCE, TODAY)
    assert [p.short for p in doc.spec.parties][:3] == ["Borger-Odoorn", "Coevorden", "Emmen"]
    emmen = doc.spec.letter.signatories[2]
    assert emmen.lines == ["burgemeester en wethouders van Emmen"]
    assert [(s.function, s.name) for s in emmen.signers] == [
        ("de secretaris,", "R. Oosting"),
        ("de burgemeester,", "E. Kremer"),
    ]
    assert doc.spec.letter.reference == "BOCE/VB"


@pytest.mark.parametrize(
    ("line", "expected"),
    [("", False), ("true", True), ("false", False), ("ja", True), ("Nee", False), ("aan", True)],
)
def test_the_public_page_is_off_unless_the_file_turns_it_on(line: str, expected: bool) -> None:
    text = MINIMAL.replace(
        "  name: Mini\n", f"  name: Mini\n  public_page: {line}\n" if line else "  name: Mini\n"
    )
    assert parse_programme_text(text, "mini.yaml", TODAY).spec.programme.public_page is expected


def test_a_public_page_that_is_neither_on_nor_off_is_refused_with_its_line() -> None:
    broken = MINIMAL.replace("  name: Mini\n", "  name: Mini\n  public_page: misschien\n")
    found = problems_of(broken)
    assert any(
        p.startswith("mini.yaml:4: programme.public_page: 'misschien' is geen geldige keuze")
        for p in found
    ), found
