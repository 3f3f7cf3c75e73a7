"""The console chat (``voortgang run``): typed lines in, the bot's messages out.

Runs on SQLite and, when configured, PostgreSQL: ``db_url`` gives each test an empty register.
The console is an adapter: what the bot sends goes through the outbox and is printed as
"[n] → whom:"; slash commands are the console's own.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from bot.console.chat import clean
from bot.console.time_travel import parse_when
from bot.engine.opening import Register
from config.settings import Settings
from storage.models import Action, OutboxMessage, Programme, StatusUpdate
from tests.conftest import BOCE
from tests.console_transcript import chat
from tests.register_rows import ACTION_READ
from words.clock import FixedClock
from words.domain import Status, UpdateKind

EXAMPLE_LOADED = "Voorbeeldprogramma 'boce' geladen."


@pytest.fixture
def console_settings(db_url: str) -> Settings:
    return Settings(database_url=db_url, example_programme=BOCE)


def test_first_run_loads_the_example_and_starts_as_the_director(
    console_settings: Settings, clock: FixedClock, register: Register
) -> None:
    code, seen = chat(console_settings, clock, "stop")
    assert code == 0
    assert seen.answers[0] == EXAMPLE_LOADED
    assert seen.answers[1] == (
        "Voortgang, console. Je bent Marieke Hoekstra; het is zondag 22 november 2026 13:00."
    )
    assert seen.sent == []  # Sunday noon: nothing is due
    with register.sessions() as session:
        assert session.scalars(select(Programme.key)).all() == ["boce"]
        assert session.scalar(select(func.count()).select_from(Action)) == 32


def test_second_run_does_not_load_the_example_again(
    console_settings: Settings, clock: FixedClock, register: Register
) -> None:
    chat(console_settings, clock, "stop")
    code, seen = chat(console_settings, clock, "stop")
    assert code == 0
    assert EXAMPLE_LOADED not in seen.answers
    with register.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Programme)) == 1


def test_commands_are_answered_to_the_person_who_typed_them(
    console_settings: Settings, clock: FixedClock
) -> None:
    _, seen = chat(console_settings, clock, "te laat", "/als rob", "mijn acties", "actie OW-01")
    overdue, mine, details = seen.sent
    assert overdue.to == "Marieke Hoekstra"
    assert "#1 OW-01 Omgevingstafel Zuidoost-Drenthe inrichten" in overdue.text
    assert "Je bent nu Rob Jansen." in seen.answers
    assert mine.to == details.to == "Rob Jansen"
    assert mine.lines[0] == "Je open acties (3):"
    assert "OW-02" in mine.text
    assert "Wim Schepers, Rob Jansen" in details.text or "Rob Jansen" in details.text


def test_a_reply_becomes_an_update_and_can_be_undone(
    console_settings: Settings, clock: FixedClock, register: Register
) -> None:
    _, seen = chat(console_settings, clock, "/als lotte", "#8 afgerond, alle leergangen gegeven")
    (confirmation,) = seen.to("Lotte Venema")
    assert confirmation.lines[0].startswith("Genoteerd bij #8 ")
    with register.sessions() as session:
        action = session.scalars(
            select(Action).where(Action.key == "OW-08").options(*ACTION_READ)
        ).one()
        assert action.status is Status.DONE
        assert [u.text for u in action.updates][-1] == "afgerond, alle leergangen gegeven"
    chat(console_settings, clock, "/als lotte", "ongedaan")
    with register.sessions() as session:
        action = session.scalars(
            select(Action).where(Action.key == "OW-08").options(*ACTION_READ)
        ).one()
        assert action.status is not Status.DONE


def test_time_moves_and_the_monday_ping_arrives(
    console_settings: Settings, clock: FixedClock
) -> None:
    _, seen = chat(console_settings, clock, "/tijd +1d")
    assert "Het is nu maandag 23 november 2026 13:00." in seen.answers
    # OW-01 is followed up weekly; Rob Jansen is away, so his deputy Wim Schepers is asked.
    wim = seen.to("Wim Schepers")
    assert any("#1 Omgevingstafel Zuidoost-Drenthe inrichten" in s.text for s in wim)
    assert not [s for s in seen.to("Rob Jansen") if "hoe staat het" in s.text]
    assert [s.to for s in seen.sent if s.to.startswith("#")] == [
        "#boce-omgevingswet",
        "#boce-bereikbaarheid",
        "#boce-recreatie-toerisme",
        "#boce-leefbaarheid",
    ]


@pytest.mark.parametrize(
    ("start", "suggested"),
    [
        # Sunday 22 November 2026: the first pings on Monday.
        (datetime(2026, 11, 22, 12, tzinfo=UTC), "/tijd maandag 10:00"),
        # Thursday 3 December 2026: the next Monday with pings is four days on.
        (datetime(2026, 12, 3, 12, tzinfo=UTC), "/tijd maandag 10:00"),
        # Friday 26 March 2027: Monday is Tweede Paasdag, so the pings wait for Tuesday.
        (datetime(2027, 3, 26, 12, tzinfo=UTC), "/tijd dinsdag 10:00"),
        # Monday 23 November 2026 at 13:00, the day's pings gone: a week on is written as a
        # date, since "maandag" would be ambiguous.
        (datetime(2026, 11, 23, 12, tzinfo=UTC), "/tijd 2026-11-30 10:00"),
    ],
)
def test_the_welcome_suggestion_works_whatever_day_it_starts(
    console_settings: Settings, register: Register, start: datetime, suggested: str
) -> None:
    _, first = chat(console_settings, FixedClock(start), "stop")
    (line,) = [a for a in first.answers if a.startswith("Probeer: ")]
    assert line.startswith(f"Probeer: {suggested} (de eerste ping, aan ")
    path = line.removeprefix("Probeer: ").split(", dan ")
    when = path[0].split(" (")[0]
    who = path[1].split(" en ")[0]
    # Following it as written: the clock to that moment, as that person, answering.
    _, seen = chat(
        console_settings,
        FixedClock(start),
        when,
        who,
        "/antwoord . loopt goed, klaar in maart",
    )
    confirmations = [s for s in seen.sent if "↳" in s.to and s.lines[0].startswith("Genoteerd")]
    assert len(confirmations) == 1
    with register.sessions() as session:
        texts = session.scalars(select(StatusUpdate.text).where(StatusUpdate.text != "")).all()
        assert "loopt goed, klaar in maart" in texts


def test_a_dot_without_a_question_says_so(console_settings: Settings, clock: FixedClock) -> None:
    _, seen = chat(console_settings, clock, "/als fatima", "/antwoord . loopt goed")
    assert seen.answers[-1] == (
        "Fatima El Amrani heeft nog geen bericht met knoppen gekregen. Zet de klok vooruit met "
        "/tijd, of kies een bericht met zijn nummer."
    )


def test_thread_reply_button_and_form(
    console_settings: Settings, clock: FixedClock, register: Register
) -> None:
    _, seen = chat(
        console_settings,
        clock,
        "/tijd +1d",
        "/als wim",
        "/knop 1 2",  # Risico on the ping about OW-01
        "/als fatima",
        "/antwoord 2 offerte is binnen, loopt op schema",
        "/knop 2 5",  # Schrijf update: the form
        "/formulier . status=afgerond; text=inbreng verstuurd; deadline=als het uitkomt",
        "/formulier . status=afgerond; text=inbreng verstuurd",
    )
    wim_ping, fatima_ping = seen.sent[:2]
    assert wim_ping.to == "Wim Schepers"
    assert "#1 Omgevingstafel Zuidoost-Drenthe inrichten" in wim_ping.text
    assert fatima_ping.to == "Fatima El Amrani"
    assert "#14 BOCE-inbreng voorbereiden voor het MIRT-overleg" in fatima_ping.text
    # The thread reply is answered in the thread of the ping.
    assert seen.to("Fatima El Amrani ↳ [2]")
    form_messages = [s for s in seen.to("Fatima El Amrani") if "▤" in s.text]
    assert len(form_messages) == 2  # offered, then offered again with the deadline error
    assert "! " in form_messages[-1].text
    with register.sessions() as session:
        ow01 = session.scalars(
            select(Action).where(Action.key == "OW-01").options(*ACTION_READ)
        ).one()
        ber05 = session.scalars(
            select(Action).where(Action.key == "BER-05").options(*ACTION_READ)
        ).one()
        assert ow01.status is Status.AT_RISK
        assert ber05.status is Status.DONE
        texts = [u.text for u in ber05.updates]
    assert texts == ["offerte is binnen, loopt op schema", "inbreng verstuurd"]


def test_console_commands_usage_and_bad_time(console_settings: Settings, clock: FixedClock) -> None:
    _, seen = chat(
        console_settings,
        clock,
        "/tijd gisteren",
        "/tijd 2026-11-01",
        "/knop 99 1",
        "/antwoord 99 hoi",
        "/formulier 99 a=b",
        "/als niemand",
        "/als jansen",
        "/onbekend",
    )
    assert seen.answers[5:] == [
        (
            "'gisteren' kan ik niet lezen als tijd. Voorbeelden: +3d, +2w, +4u, maandag 10:00, "
            "morgen, 2026-12-01, 2026-12-01 09:30."
        ),
        "De klok kan alleen vooruit; het is nu zondag 22 november 2026 13:00.",
        (
            "Bericht 99 bestaat niet: er is nog geen enkel bericht verstuurd. Gebruik: /knop "
            "<berichtnummer> <knopnummer of naam>, bijvoorbeeld /knop 3 2."
        ),
        (
            "Bericht 99 bestaat niet: er is nog geen enkel bericht verstuurd. Gebruik: /antwoord "
            "<berichtnummer> <tekst>, bijvoorbeeld /antwoord 3 loopt goed."
        ),
        (
            "Bericht 99 bestaat niet: er is nog geen enkel bericht verstuurd. Gebruik: "
            "/formulier <berichtnummer> veld=waarde; veld=waarde (het bericht moet een "
            "formulier hebben)."
        ),
        "Ik ken niemand die 'niemand' heet. Gebruik een naam, e-mailadres of sleutel.",
        "Je bent nu Rob Jansen.",
        (
            "Console-opdrachten: /als <naam>, /tijd [+3d | +2w | maandag 10:00 | datum], "
            "/antwoord <n> <tekst>, /knop <n> <knop>, /formulier <n> veld=waarde; ... "
            "Typ 'help' voor de bot."
        ),
    ]


def test_without_an_example_nobody_can_type(db_url: str, clock: FixedClock) -> None:
    settings = Settings(database_url=db_url, example_programme=None)
    code, seen = chat(settings, clock, "acties")
    assert code == 0
    assert seen.answers[-1] == "Kies eerst wie je bent: /als <naam>."


def test_blank_lines_comments_and_stop(console_settings: Settings, clock: FixedClock) -> None:
    code, seen = chat(console_settings, clock, "", "  # een opmerking", "Stop", "help")
    assert code == 0
    assert seen.sent == []


def test_nonsense_gets_a_helpful_answer(console_settings: Settings, clock: FixedClock) -> None:
    _, seen = chat(console_settings, clock, "/als gerda", "blabla")
    (answer,) = seen.to("Gerda Boelens")
    assert answer.text
    assert "help" in answer.text


def test_console_in_english(db_url: str, clock: FixedClock) -> None:
    settings = Settings(database_url=db_url, example_programme=BOCE, language="en")
    _, seen = chat(settings, clock, "/as maya", "my actions", "/time soon")
    assert seen.answers[0] == "Example programme 'boce' loaded."
    assert seen.answers[1].startswith("Voortgang, console. You are Marieke Hoekstra")
    assert "You are now Maya Verhoef." in seen.answers
    assert seen.answers[-1].startswith("I can't read 'soon' as a time.")
    (mine,) = seen.to("Maya Verhoef")
    assert mine.lines[0].startswith("Your open actions")


def test_every_bot_message_went_through_the_outbox(
    console_settings: Settings, clock: FixedClock, register: Register
) -> None:
    _, seen = chat(console_settings, clock, "/tijd +1d", "help")
    with register.sessions() as session:
        rows = session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()
    assert len(rows) == len(seen.sent)
    assert all(row.sent_at is not None and row.external_ref for row in rows)


def test_terminal_control_characters_are_removed() -> None:
    assert clean("ok\x1b[2J\x07 done\ttab") == "ok[2J done\ttab"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("+3d", datetime(2026, 11, 25, 12, tzinfo=UTC)),
        ("+2w", datetime(2026, 12, 6, 12, tzinfo=UTC)),
        ("+4u", datetime(2026, 11, 22, 16, tzinfo=UTC)),
        ("+90m", datetime(2026, 11, 22, 13, 30, tzinfo=UTC)),
        ("2026-12-01", datetime(2026, 12, 1, 12, tzinfo=UTC)),  # keeps 13:00 local
        ("2026-12-01 09:30", datetime(2026, 12, 1, 8, 30, tzinfo=UTC)),
        # Sunday 22 November 13:00 in Amsterdam: the next Monday, tomorrow, next Sunday.
        ("maandag 10:00", datetime(2026, 11, 23, 9, tzinfo=UTC)),
        ("Monday 9.30", datetime(2026, 11, 23, 8, 30, tzinfo=UTC)),
        ("morgen", datetime(2026, 11, 23, 12, tzinfo=UTC)),
        ("zondag 08:00", datetime(2026, 11, 29, 7, tzinfo=UTC)),
        ("ooit", None),
        ("gisteren", None),
    ],
)
def test_times_the_console_reads(text: str, expected: datetime | None) -> None:
    now = datetime(2026, 11, 22, 12, tzinfo=UTC)
    assert parse_when(text, now, Settings()) == expected


def test_update_history_is_dated_in_the_programme_zone(
    console_settings: Settings, register: Register
) -> None:
    # 23:30 UTC on 22 November is 00:30 on 23 November in Amsterdam.
    late = FixedClock(datetime(2026, 11, 22, 23, 30, tzinfo=UTC))
    chat(console_settings, late, "/als rob", "#2 risico, wacht op de RUD")
    late.advance(timedelta(minutes=5))
    _, seen = chat(console_settings, late, "/als rob", "actie 2")
    assert "23 november 2026" in seen.last("Rob Jansen").text
    with register.sessions() as session:
        (update,) = session.scalars(select(StatusUpdate).where(StatusUpdate.text != "")).all()
        assert update.status is Status.AT_RISK


# -- a second session on the same database --------------------------------------------------


def test_a_second_session_goes_on_where_the_first_left_off(
    console_settings: Settings, register: Register
) -> None:
    sunday = datetime(2026, 11, 22, 12, tzinfo=UTC)
    _, first = chat(
        console_settings,
        FixedClock(sunday),
        "/tijd maandag 10:00",
        "/als lotte",
        "#8 vertraagd, verwacht eind maart 2027",
    )
    (proposal,) = first.containing("stelt een nieuwe deadline voor")
    assert proposal.to == "Hendrik Kuiper"
    # Started again on the same database with the clock of today: time does not go back.
    _, second = chat(
        console_settings,
        FixedClock(sunday),
        "/als hendrik",
        "/knop . 1",  # his newest message with buttons: the proposal printed before
        "/als lotte",
        "wijzig vertraagd, docent ziek",
    )
    assert second.answers[0].endswith("het is maandag 23 november 2026 10:00.")
    assert min(s.number for s in second.sent) == max(s.number for s in first.sent) + 1
    assert second.to(f"Hendrik Kuiper (vervangt [{proposal.number}])")
    with register.sessions() as session:
        ow08 = session.scalars(
            select(Action).where(Action.key == "OW-08").options(*ACTION_READ)
        ).one()
        assert (ow08.deadline_text, ow08.status) == ("eind maart 2027", Status.DELAYED)
        (update,) = [u for u in ow08.updates if u.kind is UpdateKind.STATUS]
        assert update.text == "vertraagd, docent ziek"
        assert update.created_at == datetime(2026, 11, 23, 9, tzinfo=UTC)


def test_today_starts_the_clock_on_that_day_whatever_the_last_session_left(
    console_settings: Settings,
) -> None:
    sunday = datetime(2026, 11, 22, 12, tzinfo=UTC)
    chat(console_settings, FixedClock(sunday), "/tijd +3d")
    _, again = chat(console_settings, FixedClock(sunday), "stop", resume=False)
    assert again.answers[0].endswith("het is zondag 22 november 2026 13:00.")
    _, later = chat(console_settings, FixedClock(sunday), "stop")
    assert later.answers[0].endswith("het is zondag 22 november 2026 13:00.")


def test_a_later_start_than_the_kept_time_starts_then(console_settings: Settings) -> None:
    sunday = datetime(2026, 11, 22, 12, tzinfo=UTC)
    chat(console_settings, FixedClock(sunday), "/tijd +1d")
    _, later = chat(console_settings, FixedClock(sunday + timedelta(days=7)), "stop")
    assert later.answers[0].endswith("het is zondag 29 november 2026 13:00.")


@pytest.mark.parametrize(
    ("typed", "answer"),
    [
        (
            "+99999999999w",
            (
                "'+99999999999w' is te ver: de klok gaat per keer hoogstens 5 jaar vooruit, zodat "
                "alles wat onderweg gebeurt nog te volgen is. Zet hem in stappen vooruit."
            ),
        ),
        ("+300w", "'+300w' is te ver: de klok gaat per keer hoogstens 5 jaar vooruit, "),
        ("9999-12-31 23:59", "'9999-12-31 23:59' is te ver: "),
        (
            "+0d",
            (
                "'+0d' zet de klok niet verder; het is nu zondag 22 november 2026 13:00. Geef een "
                "tijd later dan nu, zoals +1d of maandag 10:00."
            ),
        ),
        ("0001-01-01 00:00", "De klok kan alleen vooruit; het is nu zondag 22 november 2026"),
        (
            "2026-12-01 25:00",
            "'2026-12-01 25:00': 25:00 bestaat niet op de klok; gebruik 00:00 tot en met 23:59.",
        ),
        ("woensdag 9:75", "'woensdag 9:75': 9:75 bestaat niet op de klok; "),
        ("10000-01-01", "'10000-01-01' kan ik niet lezen als tijd."),
    ],
)
def test_odd_times_get_an_answer_and_leave_the_clock(
    console_settings: Settings, clock: FixedClock, typed: str, answer: str
) -> None:
    _, seen = chat(console_settings, clock, f"/tijd {typed}", "/tijd")
    assert seen.answers[-2].startswith(answer)
    assert seen.answers[-1] == "Het is nu zondag 22 november 2026 13:00."


def test_odd_times_in_english(db_url: str, clock: FixedClock) -> None:
    settings = Settings(database_url=db_url, example_programme=BOCE, language="en")
    _, seen = chat(settings, clock, "/time +99999999999w", "/time +0d", "/time monday 24:00")
    assert seen.answers[-3].startswith("'+99999999999w' is too far: the clock moves at most 5 ")
    assert seen.answers[-2].startswith("'+0d' does not move the clock; it is now Sunday")
    assert seen.answers[-1] == "'monday 24:00': 24:00 is not a time of day; use 00:00 to 23:59."


def test_what_is_typed_is_cleaned_before_it_becomes_an_event(
    console_settings: Settings, clock: FixedClock, register: Register
) -> None:
    chat(console_settings, clock, "/als lotte", "#8 tweede\x1b[2J groep\x00 gestart\ud800")
    with register.sessions() as session:
        (update,) = session.scalars(select(StatusUpdate)).all()
        assert update.text == "tweede[2J groep gestart\ufffd"
