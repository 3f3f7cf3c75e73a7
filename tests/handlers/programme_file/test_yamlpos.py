"""YAML positions: every key and list item knows its line."""

from __future__ import annotations

from datetime import date

import pytest

from handlers.programme_file.yamlpos import YamlLimitError, YamlSyntaxError, load_located

TEXT = """\
programme:
  key: x
actions:
  - key: A
    owners: [a, b]
  - key: B
"""


def test_lines_of_keys_and_items() -> None:
    located = load_located(TEXT)
    assert located.data["actions"][1]["key"] == "B"
    assert located.line_of(("programme", "key")) == 2
    assert located.line_of(("actions", 0, "owners", 1)) == 5
    assert located.line_of(("actions", 1)) == 6
    # A missing field points at the nearest thing that exists: its block.
    assert located.line_of(("actions", 1, "title")) == 6


def test_duplicate_keys_are_noticed() -> None:
    located = load_located("a: 1\nb: 2\na: 3\n")
    assert located.duplicates == [(("a",), 3)]


def test_syntax_error_has_a_line() -> None:
    with pytest.raises(YamlSyntaxError) as caught:
        load_located("a: 1\nb: [\n")
    assert caught.value.line >= 2


LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{name}: &{name} [" + ", ".join([f"*{inner}"] * 9) + "]\n"
    for inner, name in zip("abcdefgh", "bcdefghi", strict=True)
)


@pytest.mark.parametrize("pure_python", [False, True], ids=["libyaml", "python"])
@pytest.mark.parametrize(
    ("text", "line", "kind"),
    [
        (LAUGHS, 4, "aliases"),
        ("a: 1\nloop: &a [x, *a]\n", 2, "recursive"),
        ("loop: &a {b: {c: [*a]}}\n", 1, "recursive"),
        ("".join("  " * n + f"k{n}:\n" for n in range(60)), 51, "depth"),
        ("x: " + "[" * 5000 + "]" * 5000 + "\n", 1, "depth"),
        ("t: &t " + "[" * 30 + "]" * 30 + "\nu: " + "[" * 30 + "*t" + "]" * 30 + "\n", 2, "depth"),
        ("w: &w [" + "1, " * 999 + "1]\nc: [" + "*w, " * 29 + "*w]\n", 2, "values"),
        ("a: 1\n---\nb: 2\n", 2, "documents"),
        ("a: 1\nb: x\x00y\n", 2, "character"),
    ],
)
def test_limits_are_the_same_with_either_parser(
    text: str, line: int, kind: str, pure_python: bool
) -> None:
    with pytest.raises(YamlLimitError) as caught:
        load_located(text, pure_python=pure_python)
    assert (caught.value.line, caught.value.kind) == (line, kind)


def test_values_inside_an_alias_have_the_aliases_line() -> None:
    located = load_located("a: &x {k: 1}\nb: *x\n")
    assert located.data == {"a": {"k": 1}, "b": {"k": 1}}
    assert located.line_of(("a", "k")) == 1
    assert located.line_of(("b", "k")) == 2


def test_a_scalar_that_cannot_be_built_stays_text() -> None:
    located = load_located("a: 2026-02-28\nb: 2026-02-30\nc: 2026-13-01\nd: !!int twee\n")
    assert located.data == {
        "a": date(2026, 2, 28),
        "b": "2026-02-30",
        "c": "2026-13-01",
        "d": "twee",
    }
    assert load_located("n: " + "9" * 5000).data == {"n": "9" * 5000}
