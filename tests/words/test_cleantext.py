"""Text cleaned where it comes in: controls gone, lone surrogates replaced, the rest kept."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from words.cleantext import clean_json, clean_mapping, clean_text


def test_nul_and_other_controls_are_removed_but_tab_and_newlines_kept() -> None:
    assert clean_text("a\x00b\x1b[31mc\x7f\x85d") == "ab[31mcd"
    assert clean_text("regel 1\nregel 2\r\n\tingesprongen") == "regel 1\nregel 2\r\n\tingesprongen"


def test_a_lone_surrogate_becomes_the_replacement_character() -> None:
    assert clean_text("half \ud83d emoji") == "half \ufffd emoji"


def test_ordinary_text_with_accents_and_emoji_is_kept_as_typed() -> None:
    text = "Vóór 1 oktober: Kosten > begroting & planning 😀"
    assert clean_text(text) is text


def test_forms_and_json_values_are_cleaned_throughout() -> None:
    assert clean_mapping({"text\x00": "a\x00b"}) == {"text": "ab"}
    assert clean_json({"a": ["x\x00", {"b": "\ud800"}], "n": 3, "z": None}) == {
        "a": ["x", {"b": "\ufffd"}],
        "n": 3,
        "z": None,
    }


@given(st.text())
def test_what_comes_out_can_always_be_encoded_and_holds_no_control(text: str) -> None:
    cleaned = clean_text(text)
    cleaned.encode("utf-8")
    assert "\x00" not in cleaned
    assert clean_text(cleaned) == cleaned
