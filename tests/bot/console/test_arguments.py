"""Every slash command of the console with wrong arguments says what is wrong (no such
message, no such button, no such field) in the console's language, then how it is used; the
form takes its fields by their Dutch and English names and shows each problem once."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.engine.opening import Register
from config.settings import Settings
from storage.models import Action, StatusUpdate
from tests.conftest import BOCE
from tests.console_transcript import chat
from words.catalogue import t
from words.clock import FixedClock
from words.domain import Status


@pytest.fixture
def console_settings(db_url: str) -> Settings:
    return Settings(database_url=db_url, example_programme=BOCE)


def usage(command: str, lang: str = "nl") -> str:
    return t(f"chat.usage_{command}", lang)


def test_wrong_arguments_say_what_is_wrong(console_settings: Settings, clock: FixedClock) -> None:
    _, seen = chat(
        console_settings,
        clock,
        "/tijd +1d",  # [1] to Wim, [2] to Fatima: pings with buttons
        "/als wim",
        "/knop 1 9",
        "/knop 999 1",
        "/antwoord 999 x",
        "/formulier 999 tekst=x",
        "/knop 1",
        "/knop 1 Onzin",
        "/knop abc 1",
        "/knop ² 1",
        "/knop",
        "/antwoord 1",
        "/antwoord",
        "/formulier 1 status=afgerond",
        "/als",
    )
    wim = seen.sent[0]
    assert wim.to == "Wim Schepers"
    assert "(1) " in wim.text
    assert "(3) " in wim.text
    answers = seen.answers[-13:]
    buttons = answers[0].split("kies uit ")[1].split(". Gebruik")[0]
    assert buttons.startswith("(1) ")
    assert "(9)" not in buttons
    assert answers[0] == f"Bericht 1 heeft geen knop ‘9’; kies uit {buttons}. {usage('button')}"
    newest = f"het nieuwste bericht is [{seen.sent[-1].number}]."
    assert answers[1] == f"Bericht 999 bestaat niet; {newest} {usage('button')}"
    assert answers[2] == f"Bericht 999 bestaat niet; {newest} {usage('reply')}"
    assert answers[3] == f"Bericht 999 bestaat niet; {newest} {usage('form')}"
    assert answers[4] == f"Zeg welke knop van bericht 1: {buttons}. {usage('button')}"
    assert answers[5] == f"Bericht 1 heeft geen knop ‘Onzin’; kies uit {buttons}. {usage('button')}"
    assert answers[6] == f"‘abc’ is geen berichtnummer. {usage('button')}"
    assert answers[7] == f"‘²’ is geen berichtnummer. {usage('button')}"
    assert answers[8] == (
        f"Zeg welk bericht: het nummer tussen [ ], of . voor je nieuwste. {usage('button')}"
    )
    assert answers[9] == f"Zeg ook wat je op bericht 1 antwoordt. {usage('reply')}"
    assert answers[10] == (
        f"Zeg welk bericht: het nummer tussen [ ], of . voor je nieuwste. {usage('reply')}"
    )
    assert answers[11] == f"Bericht 1 heeft geen formulier. {usage('form')}"
    assert answers[12] == "Zeg wie je wilt zijn: /als <naam>, bijvoorbeeld /als wim."
    # Nothing wrong was sent on: no message went out after the digests of the /tijd.
    assert not [s for s in seen.sent if "↳" in s.to]


def test_the_form_by_dutch_and_english_names_with_each_problem_once(
    console_settings: Settings, clock: FixedClock, register: Register
) -> None:
    _, seen = chat(
        console_settings,
        clock,
        "/tijd +1d",
        "/als fatima",
        "/knop 2 Schrijf update",  # the form
        "/formulier . onzin=1",
        "/formulier .",
        "/formulier . tekst",
        "/formulier . tekst=offerte binnen; deadline=als het uitkomt",
        "/formulier . Status=Op schema; Tekst=offerte is binnen; Nieuwe deadline=",
    )
    fields = "de velden zijn: status, text, deadline."
    form = next(s for s in seen.to("Fatima El Amrani") if "▤" in s.text).number
    assert seen.answers[-3:] == [
        f"Het formulier van bericht {form} heeft geen veld ‘onzin’; {fields} {usage('form')}",
        f"Vul het formulier van bericht {form} in met veld=waarde; {fields} {usage('form')}",
        f"‘tekst’ is geen veld=waarde; {fields} {usage('form')}",
    ]
    again = [s for s in seen.to("Fatima El Amrani") if "▤" in s.text][-1]
    # The unreadable deadline is printed once, at its input.
    problems = [line for line in again.lines if "als het uitkomt" in line or "! " in line]
    assert len([line for line in again.lines if line.strip().startswith("! ")]) == 1
    assert len(problems) == 1, again.text
    with register.sessions() as session:
        ber05 = session.scalars(select(Action).where(Action.key == "BER-05")).one()
        texts = session.scalars(
            select(StatusUpdate.text).where(StatusUpdate.action_id == ber05.id)
        ).all()
        assert ber05.status is Status.ON_TRACK
    assert list(texts) == ["offerte is binnen"]


def test_wrong_arguments_in_english(db_url: str, clock: FixedClock) -> None:
    settings = Settings(database_url=db_url, example_programme=BOCE, language="en")
    _, seen = chat(settings, clock, "/button 999 1", "/tijd +1d", "/as wim", "/button 1 9")
    assert (
        "Message 999 does not exist: no message has been sent yet. " + usage("button", "en")
    ) in seen.answers
    assert seen.answers[-1].startswith("Message 1 has no button ‘9’; choose from (1) ")


def test_a_message_to_someone_else_is_theirs_to_answer(
    console_settings: Settings, clock: FixedClock
) -> None:
    _, seen = chat(
        console_settings, clock, "/tijd +1d", "/als fatima", "/antwoord 1 loopt", "/knop 1 1"
    )
    assert seen.sent[0].to == "Wim Schepers"
    told = "Bericht 1 ging naar Wim Schepers, niet naar jou; typ eerst /als wim om als Wim "
    told += "Schepers te reageren."
    assert seen.answers[-2:] == [f"{told} {usage('reply')}", f"{told} {usage('button')}"]
    assert not [s for s in seen.sent if "↳" in s.to]
