"""Hostile and broken programme files: each is refused with `file:line: field: message`, quickly.

Every case is a real file on disk read by read_programme_file, as `voortgang import` reads it:
none may give a traceback, none may take more than a fraction of a second, and every problem
names the file, a line and a field.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from handlers.programme_file.read import (
    MAX_FILE_BYTES,
    parse_programme_text,
    read_programme_file,
)
from tests.conftest import TODAY
from tests.programme_files import MINIMAL
from words.programme.doc import ProgrammeFileError

# CPU seconds of this thread, not wall time: on a loaded machine the scheduler can stretch a
# 0.1 s parse tenfold, while the work a hostile file makes us do is what the limit is about.
FAST = 0.5


# The heap each test starts with is frozen (tests/conftest.py), so the garbage collector's
# full passes over what earlier tests left alive are not counted against the file being read.


LAUGHS = "".join(
    f"{name}: &{name} [" + ", ".join([f"*{inner}"] * 9) + "]\n"
    for inner, name in zip("abcdefgh", "bcdefghi", strict=True)
)
BILLION_LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + LAUGHS
WIDE = "wide: &wide [" + ", ".join(["x"] * 1000) + "]\n" + "copies: [" + ", ".join(["*wide"] * 30)
DEEP_BLOCK = "".join("  " * level + f"level{level}:\n" for level in range(60)) + "  " * 60 + "x\n"
TALL = "tall: &tall " + "[" * 30 + "]" * 30 + "\n" + "deep: " + "[" * 30 + "*tall" + "]" * 30


def with_line(after: str, line: str) -> str:
    """MINIMAL with ``line`` inserted after the first line containing ``after``."""
    head, sep, tail = MINIMAL.partition(after)
    assert sep, after
    rest, newline, more = tail.partition("\n")
    return f"{head}{sep}{rest}{newline}{line}\n{more}"


def text_case(name: str, text: str, expected: str) -> object:
    return pytest.param(text.encode("utf-8"), expected, id=name)


# (file contents, the start of one expected problem after "<file>:")
CASES = [
    # The eleven of the issue.
    text_case("billion-laughs", MINIMAL + BILLION_LAUGHS, "24: (yaml): te veel aliassen"),
    text_case("recursive-list", MINIMAL + "loop: &a [x, *a]\n", "21: (yaml): alias *a verwijst"),
    text_case("recursive-map", MINIMAL + "loop: &a {b: *a}\n", "21: (yaml): alias *a verwijst"),
    text_case("recursive-deeper", MINIMAL + "loop: &a {b: [c, {d: *a}]}\n", "21: (yaml): alias *a"),
    text_case(
        "deep-flow",
        MINIMAL + "deep: " + "[" * 100_000 + "]" * 100_000 + "\n",
        "21: (yaml): te diep genest: hoogstens 50 lagen",
    ),
    text_case("deep-block", MINIMAL + DEEP_BLOCK, "71: (yaml): te diep genest"),
    text_case(
        "date-february-30",
        MINIMAL + "meetings:\n  - {date: 2026-02-30, title: Raad}\n",
        "22: meetings[0].date: '2026-02-30' bestaat niet in de kalender",
    ),
    text_case(
        "date-month-13",
        with_line("name: Mini", "  period: {start: 2026-13-01, end: 2027-12-31}"),
        "4: programme.period.start: '2026-13-01' bestaat niet in de kalender",
    ),
    text_case(
        "absence-february-30",
        MINIMAL.replace(
            "party: emmen}", "party: emmen, absences: [{from: 2026-02-30, until: 2026-03-02}]}"
        ),
        "12: people[1].absences[0].from: '2026-02-30' bestaat niet",
    ),
    text_case(
        "deadline-february-30",
        MINIMAL.replace("voor de zomer van 2027", "2026-02-30"),
        "19: actions[0].deadline: ‘2026-02-30’ bestaat niet in de kalender",
    ),
    text_case(
        "moment-hour-25",
        MINIMAL + "meetings:\n  - {date: 2026-02-28 25:00:00, title: Raad}\n",
        "22: meetings[0].date: '2026-02-28 25:00:00' is geen datum",
    ),
    pytest.param(
        (with_line("name: Mini", "  description: ") + "x" * 50_000_000).encode(),
        "1: (bestand): te groot: een programmabestand is hoogstens 5 MB",
        id="description-50-mb",
    ),
    # Text fields over their limits, inside a file of allowed size.
    text_case(
        "description-4-mb",
        with_line("name: Mini", "  description: " + "x" * 4_000_000),
        "4: programme.description: te lang: hoogstens 20000 tekens",
    ),
    text_case(
        "title-301",
        MINIMAL.replace("Woningmarktonderzoek uitzetten", "t" * 301),
        "17: actions[0].title: te lang: hoogstens 300 tekens",
    ),
    text_case(
        "name-201",
        MINIMAL.replace("Bert Smit", "B" * 201),
        "12: people[1].name: te lang: hoogstens 200 tekens",
    ),
    text_case(
        "channel-201",
        MINIMAL.replace("sponsor: anna}", f"sponsor: anna, channel: '{'c' * 201}'}}"),
        "9: themes[0].channel: te lang",
    ),
    text_case(
        "checkin-rule-long",
        with_line("name: Mini", "  checkin: FREQ=WEEKLY;" + "BYDAY=MO;" * 100),
        "4: programme.checkin: te lang",
    ),
    text_case(
        "deadline-long",
        MINIMAL.replace("voor de zomer van 2027", "eind " * 100),
        "19: actions[0].deadline: te lang",
    ),
    text_case(
        "email-long",
        MINIMAL.replace("A.Bakker@Emmen.example", "a" * 400 + "@emmen.example"),
        "11: people[0].email: te lang",
    ),
    text_case(
        "timezone-long",
        with_line("name: Mini", "  timezone: " + "Europe/" * 100),
        "4: programme.timezone: te lang",
    ),
    text_case(
        "letter-line-long",
        MINIMAL + "letter:\n  signatories:\n    - {party: emmen, lines: [" + "l" * 301 + "]}\n",
        "23: letter.signatories[0].lines[0]: te lang",
    ),
    # Aliases within their budget of uses, but standing for too much.
    text_case("alias-fan-out", MINIMAL + WIDE + "]\n", "22: (yaml): te veel waarden"),
    text_case("alias-nests-too-deep", MINIMAL + TALL + "\n", "22: (yaml): te diep genest"),
    text_case(
        "many-values",
        MINIMAL + "meetings:\n" + "  - {date: 2026-01-01, title: R}\n" * 5000,
        "4008: (yaml): te veel waarden: hoogstens 20000",
    ),
    # Not YAML, not text, not one mapping.
    text_case("tabs", MINIMAL.replace("    title:", "\ttitle:"), "17: (yaml): geen geldige YAML"),
    pytest.param(
        bytes(range(256)) * 64, "2: (bestand): geen UTF-8-tekst (byte 0x80)", id="binary-garbage"
    ),
    pytest.param(
        MINIMAL.replace("Bert Smit", "Bért Smit").encode("latin-1"),
        "12: (bestand): geen UTF-8-tekst (byte 0xe9)",
        id="latin-1",
    ),
    text_case("nul-byte", MINIMAL.replace("Bert", "Be\x00rt"), "12: (yaml): teken #x0000"),
    text_case("control-character", MINIMAL.replace("Bert", "Be\x07rt"), "12: (yaml): teken #x0007"),
    text_case("empty", "", "1: (bestand): een programmabestand is een blok"),
    text_case("only-a-comment", "# nog niets\n", "1: (bestand): een programmabestand is een blok"),
    text_case(
        "a-list", "- programme\n- parties\n", "1: (bestand): een programmabestand is een blok"
    ),
    text_case("a-scalar", "programme\n", "1: (bestand): een programmabestand is een blok"),
    text_case(
        "duplicate-key",
        MINIMAL.replace("  key: mini", "  key: mini\n  key: mini2"),
        "3: programme.key: dit veld staat twee keer",
    ),
    text_case("two-documents", MINIMAL + "---\n" + MINIMAL, "21: (yaml): meer dan één document"),
    text_case("undefined-alias", MINIMAL + "x: *nergens\n", "21: (yaml): geen geldige YAML"),
    text_case(
        "python-object",
        MINIMAL + "x: !!python/object/apply:os.system [echo]\n",
        "21: (yaml): geen geldige YAML: could not determine a constructor",
    ),
    text_case(
        "huge-number",
        with_line("name: Mini", "  schedule: {reminder_after: " + "9" * 5000 + "}"),
        "4: programme.schedule.reminder_after:",
    ),
    text_case(
        "not-a-number",
        with_line("name: Mini", "  schedule: {reminder_after: !!int twee}"),
        "4: programme.schedule.reminder_after: 'twee' is geen getal",
    ),
    text_case(
        "unknown-label-long",
        MINIMAL + "letter:\n  labels:\n    " + "k" * 1000 + ": kop\n",
        "23: letter.labels.kkkk",
    ),
]


@pytest.mark.parametrize(("content", "expected"), CASES)
def test_a_hostile_file_gets_the_listing_quickly(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "mini.yaml"
    path.write_bytes(content)
    started = time.thread_time()
    with pytest.raises(ProgrammeFileError) as caught:
        read_programme_file(path, TODAY)
    elapsed = time.thread_time() - started
    found = [str(p) for p in caught.value.problems]
    assert any(p.startswith(f"{path}:{expected}") for p in found), found
    located = re.compile(rf"^{re.escape(str(path))}:[1-9][0-9]*: [^:\s][^:]*: \S")
    assert all(located.match(p) for p in found), found
    # The listing is meant for a person: no line of it quotes a whole hostile value.
    assert all(len(p) < 1000 for p in found), [p[:200] for p in found]
    assert elapsed < FAST, f"{elapsed:.3f} s"


def test_the_billion_laughs_are_refused_without_expanding_them(tmp_path: Path) -> None:
    # Fully expanded, these 600 bytes are a billion strings; refused at the fourth alias line.
    path = tmp_path / "laughs.yaml"
    path.write_text(MINIMAL + BILLION_LAUGHS, encoding="utf-8")
    started = time.thread_time()
    with pytest.raises(ProgrammeFileError) as caught:
        read_programme_file(path, TODAY)
    assert time.thread_time() - started < 0.05
    [problem] = caught.value.problems
    assert (problem.line, problem.field) == (24, "(yaml)")
    assert problem.message.startswith("te veel aliassen (*naam): hoogstens 100")


def test_a_file_over_the_size_limit_is_not_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "groot.yaml"
    with path.open("wb") as stream:
        stream.truncate(1024 * MAX_FILE_BYTES)  # 5 GB, sparse: reading it would take minutes
    started = time.thread_time()
    with pytest.raises(ProgrammeFileError) as caught:
        read_programme_file(path, TODAY)
    assert time.thread_time() - started < FAST
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:1: (bestand): te groot: een programmabestand is hoogstens 5 MB"
    ]


def test_a_file_just_within_the_size_limit_is_read(tmp_path: Path) -> None:
    padding = MAX_FILE_BYTES - len(MINIMAL.encode()) - 1
    path = tmp_path / "vol.yaml"
    path.write_text(MINIMAL + "#" + "x" * (padding - 1) + "\n", encoding="utf-8")
    assert path.stat().st_size == MAX_FILE_BYTES
    assert read_programme_file(path, TODAY).spec.programme.key == "mini"


def test_a_byte_order_mark_is_read_as_nothing(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode("utf-8"))
    doc = read_programme_file(path, TODAY)
    assert doc.spec.programme.key == "mini"
    assert doc.lines[("actions", 0, "deadline")] == 19


def test_windows_line_endings_are_read_with_the_same_lines(tmp_path: Path) -> None:
    path = tmp_path / "crlf.yaml"
    path.write_bytes(MINIMAL.replace("theme: wonen", "theme: x").replace("\n", "\r\n").encode())
    with pytest.raises(ProgrammeFileError) as caught:
        read_programme_file(path, TODAY)
    assert [p.line for p in caught.value.problems] == [15]


def test_a_folder_is_not_a_programme_file(tmp_path: Path) -> None:
    with pytest.raises(ProgrammeFileError) as caught:
        read_programme_file(tmp_path, TODAY)
    [problem] = caught.value.problems
    assert (problem.line, problem.field) == (1, "(bestand)")
    assert problem.message.startswith("bestand niet te lezen")


def test_a_lone_surrogate_in_text_is_refused_with_its_line() -> None:
    with pytest.raises(ProgrammeFileError) as caught:
        parse_programme_text(MINIMAL.replace("Bert", "Be\ud800rt"), "mini.yaml", TODAY)
    assert [str(p) for p in caught.value.problems] == [
        "mini.yaml:12: (yaml): teken #xd800 mag niet in een programmabestand staan"
    ]


def test_limits_are_explained_in_english_too(tmp_path: Path) -> None:
    with pytest.raises(ProgrammeFileError) as caught:
        parse_programme_text(MINIMAL + "loop: &a [x, *a]\n", "mini.yaml", TODAY, "en")
    assert [str(p) for p in caught.value.problems] == [
        "mini.yaml:21: (yaml): alias *a refers to the block it stands in"
    ]


def test_aliases_within_the_budget_are_read() -> None:
    text = MINIMAL.replace(
        "  - {key: bert, name: Bert Smit, party: emmen}",
        "  - {key: bert, name: Bert Smit, party: emmen, absences: [&weg {from: 2026-12-21, "
        "until: 2027-01-03}]}\n  - {key: cor, name: Cor Bos, absences: [*weg]}",
    )
    doc = parse_programme_text(text, "mini.yaml", TODAY)
    assert doc.spec.people[2].absences == doc.spec.people[1].absences
