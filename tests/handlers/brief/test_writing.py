"""handlers.brief.writing: writing the voortgangsbrief together in chat, on the BOCE example,
on SQLite and PostgreSQL.

Director Marieke Hoekstra and support Sanne Wolters write every part; Hendrik Kuiper sponsors
Omgevingswet, Annelies Mulder Bereikbaarheid; Rob Jansen owns OW-01 and OW-02; Gerda Boelens
reads. The reference day is Sunday 22 November 2026, so the period is 2026-Q4.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.engine.opening import Register, import_file
from config.settings import Settings
from storage.letter_passages import Place, current_passages, history, update_wordings
from storage.models import (
    LetterPassage,
    PassageKind,
    Theme,
)
from tests.brief_chat import boce, person, report, say
from tests.conftest import BOCE
from words.catalogue import t
from words.clock import FixedClock

Q4 = (date(2026, 10, 1), date(2026, 12, 31))


@pytest.fixture
def session(register: Register, settings: Settings, clock: FixedClock) -> Iterator[Session]:
    import_file(register, BOCE, settings, clock)
    with register.sessions() as s:
        yield s


def theme(session: Session, key: str) -> Theme:
    found = session.scalar(select(Theme).where(Theme.key == key))
    assert found is not None
    return found


def rows(session: Session) -> int:
    return len(session.scalars(select(LetterPassage.id)).all())


# -- opening and regie -----------------------------------------------------------------------


def test_the_director_writes_the_opening_and_support_replaces_it(
    session: Session, clock: FixedClock
) -> None:
    out = say(session, clock, "marieke-hoekstra", "brief opening Een kwartaal vol uitvoering.")
    [answer] = out.texts()
    assert answer.startswith("De opening voor het vierde kwartaal van 2026 is vastgelegd.")
    assert "'brief concept' laat het zien" in answer
    clock.advance(timedelta(hours=1))
    out = say(session, clock, "sanne-wolters", "brief opening Een kwartaal van doorpakken.")
    [answer] = out.texts()
    assert "Dit vervangt de tekst van Marieke Hoekstra van zondag 22 november 2026." in answer
    passages = current_passages(session, boce(session).id, *Q4)
    assert passages.opening is not None
    assert (passages.opening.text, passages.opening.author) == (
        "Een kwartaal van doorpakken.",
        "Sanne Wolters",
    )
    # Both versions are kept, newest first.
    place = Place(boce(session).id, PassageKind.OPENING, *Q4)
    assert [w.text for w in history(session, place)] == [
        "Een kwartaal van doorpakken.",
        "Een kwartaal vol uitvoering.",
    ]


def test_without_text_the_current_text_and_its_default_are_shown(
    session: Session, clock: FixedClock
) -> None:
    [shown] = say(session, clock, "marieke-hoekstra", "brief regie").texts()
    assert "nog niet geschreven" in shown
    assert "De stuurgroep van de drie colleges" in shown  # the programme file's default
    say(session, clock, "marieke-hoekstra", "brief regie Wij sturen strakker bij.")
    [shown] = say(session, clock, "marieke-hoekstra", "brief regie").texts()
    assert "geschreven door Marieke Hoekstra" in shown
    assert "Wij sturen strakker bij." in shown
    assert "De stuurgroep van de drie colleges" in shown


@pytest.mark.parametrize("word", ["leeg", "wis", "reset", "Clear"])
def test_reset_goes_back_to_the_default_and_keeps_the_history(
    session: Session, clock: FixedClock, word: str
) -> None:
    say(session, clock, "marieke-hoekstra", "brief regie Wij sturen strakker bij.")
    [answer] = say(session, clock, "marieke-hoekstra", f"brief regie {word}").texts()
    assert answer.startswith("De regieparagraaf voor het vierde kwartaal van 2026 is terug")
    assert "Dit vervangt de tekst van Marieke Hoekstra" in answer
    assert current_passages(session, boce(session).id, *Q4).coordination is None
    place = Place(boce(session).id, PassageKind.COORDINATION, *Q4)
    assert [w.text for w in history(session, place)] == ["", "Wij sturen strakker bij."]
    # A reset of what is the default already records nothing.
    [again] = say(session, clock, "marieke-hoekstra", f"brief regie {word}").texts()
    assert "staat al op de standaardtekst" in again
    assert rows(session) == 2


@pytest.mark.parametrize("who", ["rob-jansen", "hendrik-kuiper", "gerda-boelens"])
def test_only_director_and_support_write_opening_and_regie(
    session: Session, clock: FixedClock, who: str
) -> None:
    for command in ("brief opening Mijn opening", "brief regie Mijn regie", "brief opening"):
        assert say(session, clock, who, command).texts() == [t("perm.director_only", "nl")]
    assert rows(session) == 0


def test_a_draft_of_the_period_is_made_again_with_the_new_words(
    session: Session, clock: FixedClock
) -> None:
    say(session, clock, "marieke-hoekstra", "brief concept")
    out = say(session, clock, "marieke-hoekstra", "brief opening Een kwartaal vol uitvoering.")
    assert "Het concept wordt bijgewerkt" in out.texts()[0]
    [draft] = [s.file for s in out.sent if s.file is not None]
    assert "(versie 2)" in draft.comment


# -- thema -----------------------------------------------------------------------------------


def test_a_sponsor_writes_their_own_theme_only(session: Session, clock: FixedClock) -> None:
    [answer] = say(
        session, clock, "hendrik-kuiper", "brief thema omgevingswet Het loket draait."
    ).texts()
    assert answer.startswith("De paragraaf over Omgevingswet voor het vierde kwartaal")
    refused = say(session, clock, "hendrik-kuiper", "brief thema bereikbaarheid Wegen open.")
    assert refused.texts() == [t("perm.not_sponsor", "nl")]
    passages = current_passages(session, boce(session).id, *Q4)
    assert {k: v.text for k, v in passages.themes.items()} == {
        theme(session, "omgevingswet").id: "Het loket draait."
    }


def test_the_director_names_a_theme_as_people_do(session: Session, clock: FixedClock) -> None:
    say(session, clock, "marieke-hoekstra", "brief thema Recreatie en toerisme Fietsroutes klaar.")
    passages = current_passages(session, boce(session).id, *Q4)
    assert [v.text for v in passages.themes.values()] == ["Fietsroutes klaar."]
    assert list(passages.themes) == [theme(session, "recreatie-toerisme").id]


@pytest.mark.parametrize("who", ["rob-jansen", "gerda-boelens"])
def test_members_and_readers_write_no_theme(session: Session, clock: FixedClock, who: str) -> None:
    out = say(session, clock, who, "brief thema omgevingswet Mijn tekst")
    expected = "perm.reader" if who == "gerda-boelens" else "perm.not_sponsor"
    assert out.texts() == [t(expected, "nl")]
    assert rows(session) == 0


def test_an_unknown_theme_is_refused_with_the_known_ones(
    session: Session, clock: FixedClock
) -> None:
    [answer] = say(session, clock, "marieke-hoekstra", "brief thema sterrenkunde Tekst").texts()
    assert answer.startswith("Ik ken geen thema 'sterrenkunde'.")
    assert "omgevingswet (Omgevingswet)" in answer
    [usage] = say(session, clock, "marieke-hoekstra", "brief thema").texts()
    assert "brief thema omgevingswet <tekst>" in usage
    assert rows(session) == 0


def test_a_theme_without_text_shows_its_description_as_default(
    session: Session, clock: FixedClock
) -> None:
    [shown] = say(session, clock, "hendrik-kuiper", "brief thema omgevingswet").texts()
    assert "Elk van de drie gemeenten voert de Omgevingswet zelf uit" in shown


# -- formulering ----------------------------------------------------------------------------


def test_the_sponsor_rewords_an_update_and_the_owners_words_stay(
    session: Session, clock: FixedClock
) -> None:
    update = report(session, clock, "OW-01", "rob-jansen", "loket draait, nog wat bugs")
    out = say(session, clock, "hendrik-kuiper", "brief formulering OW-01 Het loket draait.")
    original, answer = out.texts()
    assert "Rob Jansen" in original
    assert "loket draait, nog wat bugs" in original
    assert answer.startswith("De formulering van de update over OW-01")
    assert update_wordings(session, boce(session).id) == {update.id: "Het loket draait."}
    session.refresh(update)
    assert update.text == "loket draait, nog wat bugs"
    say(session, clock, "marieke-hoekstra", "brief formulering OW-01 wis")
    assert update_wordings(session, boce(session).id) == {}
    place = Place(boce(session).id, PassageKind.UPDATE, update_id=update.id)
    assert [w.text for w in history(session, place)] == ["", "Het loket draait."]


def test_rewording_is_for_the_sponsor_and_managers_only(
    session: Session, clock: FixedClock
) -> None:
    report(session, clock, "OW-01", "rob-jansen", "loket draait")
    for who, key in (
        ("rob-jansen", "perm.not_sponsor"),
        ("annelies-mulder", "perm.not_sponsor"),
        ("gerda-boelens", "perm.reader"),
    ):
        out = say(session, clock, who, "brief formulering OW-01 Anders gezegd.")
        assert out.texts() == [t(key, "nl")], who
    assert rows(session) == 0


def test_rewording_needs_an_action_with_an_update_in_the_period(
    session: Session, clock: FixedClock
) -> None:
    [unknown] = say(session, clock, "marieke-hoekstra", "brief formulering ZZ-99 Tekst").texts()
    assert unknown == "Ik ken geen actie 'ZZ-99'."
    [none] = say(session, clock, "marieke-hoekstra", "brief formulering OW-03 Tekst").texts()
    assert none.startswith("Over OW-03")
    [usage] = say(session, clock, "marieke-hoekstra", "brief formulering").texts()
    assert "brief formulering OW-01" in usage
    assert rows(session) == 0


def test_english_speakers_write_in_english(session: Session, clock: FixedClock) -> None:
    director = person(session, "marieke-hoekstra")
    director.language = "en"
    session.flush()
    [answer] = say(session, clock, "marieke-hoekstra", "brief coordination We steer.").texts()
    assert answer.startswith("The coordination paragraph for")
    assert "is recorded." in answer
