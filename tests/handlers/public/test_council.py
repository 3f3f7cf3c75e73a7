"""handlers.public.council: the public page's read model shows published letters and the
overview of facts, never a draft, an unpublished update's words or an official's name."""

from __future__ import annotations

from datetime import timedelta

from handlers.public.council import council_feed, council_page, letter_file
from tests.public_world import DRAFT_OPENING, HOSTILE_TITLE, PUBLISHED, UNPUBLISHED, PublicWorld


def _all_text(value: object) -> str:
    return repr(value)


def test_the_page_lists_the_final_letter_with_its_downloads(world: PublicWorld) -> None:
    with world.register.sessions() as session:
        page = council_page(session, "boce", world.clock.now())
    assert page is not None
    assert [letter.number for letter in page.letters] == [world.final_number]
    (letter,) = page.letters
    assert letter.title == "Voortgangsbrief 1: vierde kwartaal 2026"
    assert [d.format for d in letter.downloads] == ["docx", "html", "md"]
    assert letter.downloads[0].file_name == "voortgangsbrief-boce-2026-Q4-nr1.docx"


def test_nothing_unpublished_and_no_official_is_in_the_page(world: PublicWorld) -> None:
    with world.register.sessions() as session:
        page = council_page(session, "boce", world.clock.now() + timedelta(days=3))
        feed = council_feed(session, "boce")
    text = _all_text(page) + _all_text(feed)
    assert UNPUBLISHED not in text
    assert DRAFT_OPENING not in text
    assert PUBLISHED not in text  # update words reach the councils only in the letter itself
    assert [name for name in world.names if name in text] == []


def test_the_overview_is_of_now_with_lights_in_words_and_parties(world: PublicWorld) -> None:
    with world.register.sessions() as session:
        page = council_page(session, "boce", world.clock.now() + timedelta(days=3))
    assert page is not None
    assert page.as_of == "25 november 2026"
    items = {item.key: item for block in page.themes for item in block.items}
    ow01 = items["OW-01"]
    # The status given after the letter counts: the overview is the state of now.
    assert ow01.status_word.split(";")[0] == "risico"
    on_track = [i for i in items.values() if i.status_word == "op schema"]
    assert on_track
    assert all((i.light, i.light_word) == ("groen", "groen") for i in on_track)
    assert ow01.who == "Borger-Odoorn, Coevorden, Emmen en RUD Drenthe"
    assert items["OW-02"].title == HOSTILE_TITLE  # kept as text: the template escapes it
    assert page.themes[0].name == "Omgevingswet"


def test_officials_are_named_only_when_the_letter_names_them(world: PublicWorld) -> None:
    world.set_names("personen")
    with world.register.sessions() as session:
        page = council_page(session, "boce", world.clock.now())
    assert page is not None
    items = {item.key: item for block in page.themes for item in block.items}
    assert items["OW-01"].who == (
        "Borger-Odoorn, Coevorden, Emmen en RUD Drenthe; trekkers Wim Schepers en Rob Jansen"
    )


def test_an_overdue_action_is_red_and_says_so(world: PublicWorld) -> None:
    with world.register.sessions() as session:
        page = council_page(session, "boce", world.clock.now() + timedelta(days=800))
    assert page is not None
    items = [item for block in page.themes for item in block.items]
    late = [item for item in items if item.overdue]
    assert late
    assert all(item.light == "rood" and "termijn verstreken" in item.status_word for item in late)


def test_off_or_unknown_is_the_same_none(world: PublicWorld) -> None:
    world.set_public(False)
    with world.register.sessions() as session:
        assert council_page(session, "boce", world.clock.now()) is None
        assert council_feed(session, "boce") is None
        assert letter_file(session, "boce", world.final_number, "md") is None
        assert council_page(session, "nope", world.clock.now()) is None


def test_a_download_is_the_final_as_frozen_and_nothing_else(world: PublicWorld) -> None:
    with world.register.sessions() as session:
        found = letter_file(session, "boce", world.final_number, "md")
        draft = letter_file(session, "boce", world.final_number + 1, "md")
        odd = letter_file(session, "boce", world.final_number, "exe")
        missing_pdf = letter_file(session, "boce", world.final_number, "pdf")
    assert found is not None
    assert (found.media_type, found.file_name) == (
        "text/markdown",
        "voortgangsbrief-boce-2026-Q4-nr1.md",
    )
    text = found.content.decode("utf-8")
    assert PUBLISHED in text
    assert UNPUBLISHED not in text
    assert DRAFT_OPENING not in text
    assert [name for name in world.names if name in text] == []
    assert (draft, odd, missing_pdf) == (None, None, None)


def test_the_page_speaks_the_language_asked_for(world: PublicWorld) -> None:
    with world.register.sessions() as session:
        page = council_page(session, "boce", world.clock.now(), "en")
    assert page is not None
    assert page.letters[0].title == "Progress letter 1: fourth quarter of 2026"
