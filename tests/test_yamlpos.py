"""YAML positions: every key and list item knows its line."""

from __future__ import annotations

import pytest

from bot.yamlpos import YamlSyntaxError, load_located

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
