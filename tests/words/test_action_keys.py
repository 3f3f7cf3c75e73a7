"""The action key grammar: which keys exist, and which spellings are one key."""

from __future__ import annotations

import re

import pytest

from words.action_keys import KEY_PATTERN, MAX_KEY_LENGTH, is_action_key, key_form


@pytest.mark.parametrize(
    ("spellings", "form"),
    [
        (["OW-05", "OW-5", "OW 5", "ow5", "ow 05", "OW.005", "OW_5", "OW–5"], "ow.5"),
        (["W-a", "w.a", "W a"], "w.a"),
        (["Wa"], "wa"),
        (["W-c1", "w c1", "W-C-1"], "w.c.1"),
        (["Wc1", "wc-01"], "wc.1"),
        (["2024.1", "2024-01", "2024 1"], "2024.1"),
        (["BER4", "ber-4", "ber 04"], "ber.4"),
        (["B"], "b"),
        (["OW-0", "OW-00"], "ow.0"),
        (["1a"], "1.a"),
    ],
)
def test_spellings_of_one_key_share_a_form(spellings: list[str], form: str) -> None:
    assert {key_form(s) for s in spellings} == {form}


@pytest.mark.parametrize(
    "text", ["", " ", "12", "007", "OW--5", "OW-", "-5", "a..b", "OW/5", "ÖW-5", "#5", "K" * 65]
)
def test_no_key_however_written(text: str) -> None:
    assert key_form(text) is None


@pytest.mark.parametrize(
    ("key", "accepted"),
    [
        ("OW-01", True),
        ("BER4", True),
        ("W-a", True),
        ("H-b", True),
        ("W-c1", True),
        ("2024.1", True),
        ("B", True),
        ("x_1", True),
        ("K" * MAX_KEY_LENGTH, True),
        ("12", False),  # a number names the action with that number
        ("OW 5", False),  # the chat reads the space, but a file writes the key one way
        ("OW-", False),
        ("OW..5", False),
        (".5", False),
        ("K" * (MAX_KEY_LENGTH + 1), False),
    ],
)
def test_the_importer_grammar(key: str, accepted: bool) -> None:
    assert is_action_key(key) is accepted
    assert (re.match(KEY_PATTERN, key) is not None) is (accepted or len(key) > MAX_KEY_LENGTH)


def test_every_key_the_importer_accepts_has_a_form() -> None:
    for key in ["OW-01", "W-a", "2024.1", "B", "a-b.c_d-1"]:
        assert is_action_key(key)
        assert key_form(key) is not None
