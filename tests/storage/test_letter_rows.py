"""storage.letter_rows and handlers.brief.content: the letter's rows and content, on SQLite and
PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session, selectinload

from bot.engine.opening import Register, import_file
from config.settings import Settings
from handlers.brief.content import ActionNews, Letter, Section, compile_brief, missing_actions
from handlers.brief.prose import kpi_line, tidy
from storage.letter_passages import Place, write_passage
from storage.letter_rows import (
    ActionRow,
    BriefData,
    ProgrammeNotFoundError,
    load_brief_data,
)
from storage.models import (
    Action,
    ActionOwner,
    ActionParty,
    Party,
    PassageKind,
    Person,
    Programme,
    StatusUpdate,
)
from storage.updates import record_update, set_deadline, withdraw_update
from tests.conftest import BOCE, REGIODEAL
from tests.register_rows import ACTION_READ
from words.clock import FixedClock
from words.deadlines.parse import parse_deadline
from words.domain import Source, Status

ZONE = ZoneInfo("Europe/Amsterdam")
Q4 = (date(2026, 10, 1), date(2026, 12, 31))
OW05 = "OW-05 Regels buitengebied in de omgevingsplannen naast elkaar leggen"


@pytest.fixture
def boce(register: Register, settings: Settings, clock: FixedClock) -> Register:
    import_file(register, BOCE, settings, clock)
    return register


def _action(session: Session, key: str) -> Action:
    found = session.scalar(select(Action).where(Action.key == key).options(*ACTION_READ))
    assert found is not None
    return found


def _report(
    register: Register, key: str, at: datetime, text: str, status: Status | None = None
) -> int:
    with register.sessions.begin() as session:
        action = _action(session, key)
        row = record_update(
            session,
            action,
            action.owners[0],
            at,
            source=Source.CONSOLE,
            status=status,
            text=text,
            event_row=None,
        )
        return row.id


def _move(register: Register, key: str, at: datetime, words: str) -> int:
    with register.sessions.begin() as session:
        action = _action(session, key)
        deadline = parse_deadline(words, at.date())
        row = set_deadline(
            session, action, action.owners[0], at, deadline, source=Source.CONSOLE, event_row=None
        )
        return row.id


def _load(register: Register, key: str = "boce", period: tuple[date, date] = Q4) -> BriefData:
    with register.sessions() as session:
        return load_brief_data(session, key, period[0], period[1], ZONE)


def _letter(register: Register, key: str = "boce", lang: str = "nl") -> Letter:
    return compile_brief(_load(register, key), lang)


def _section(letter: Letter, name: str) -> Section:
    return next(s for s in letter.sections if s.name == name)


# -- storage ---------------------------------------------------------------------------------


def test_period_bounds_follow_the_programme_zone(boce: Register) -> None:
    # 30 September 22:30 UTC is 1 October 00:30 in Amsterdam: inside Q4.
    inside = _report(boce, "OW-02", datetime(2026, 9, 30, 22, 30, tzinfo=UTC), "binnen")
    _report(boce, "OW-02", datetime(2026, 9, 30, 21, 30, tzinfo=UTC), "ervoor")
    # 31 December 23:30 UTC is already 1 January in Amsterdam: after Q4.
    _report(boce, "OW-02", datetime(2026, 12, 31, 23, 30, tzinfo=UTC), "erna")
    data = _load(boce)
    assert [u.id for u in data.updates] == [inside]
    assert [u.text for u in data.updates] == ["binnen"]


def test_meetings_from_the_period_start_to_six_months_after_its_end(boce: Register) -> None:
    # The letter tells what was held in the period as well as what is coming.
    data = _load(boce, period=(date(2026, 7, 1), date(2026, 11, 24)))
    assert [(m.day, m.title) for m in data.meetings] == [
        (date(2026, 11, 25), "Radenbijeenkomst BOCE"),
        (date(2027, 3, 31), "Geactualiseerde bereikbaarheidsagenda gereed"),
    ]
    inside = _load(boce, period=(date(2026, 11, 25), date(2026, 11, 30)))
    assert [m.day for m in inside.meetings][:1] == [date(2026, 11, 25)]
    after = _load(boce, period=(date(2026, 11, 26), date(2026, 11, 30)))
    assert date(2026, 11, 25) not in [m.day for m in after.meetings]


def test_unknown_programme(boce: Register) -> None:
    with pytest.raises(ProgrammeNotFoundError):
        _load(boce, key="bestaat-niet")


def _add_actions(register: Register, count: int, at: datetime) -> None:
    with register.sessions.begin() as session:
        query = select(Programme).where(Programme.key == "boce")
        loaded = query.options(selectinload(Programme.themes), selectinload(Programme.tracks))
        programme = session.scalar(loaded)
        assert programme is not None
        person = session.scalars(select(Person).order_by(Person.id)).first()
        party = session.scalars(select(Party).where(Party.programme_id == programme.id)).first()
        assert person is not None
        assert party is not None
        theme, track = programme.themes[0], programme.tracks[0]
        for n in range(count):
            action = Action(
                programme_id=programme.id,
                number=1000 + n,
                key=f"EXTRA-{n}",
                theme_id=theme.id,
                track_id=track.id,
                title=f"Extra actie {n}",
                owner_links=[ActionOwner(person_id=person.id)],
                party_links=[ActionParty(party_id=party.id)],
            )
            session.add(action)
            session.flush()
            record_update(
                session,
                action,
                person,
                at,
                source=Source.CONSOLE,
                status=Status.ON_TRACK,
                text="loopt",
                event_row=None,
            )
            # And one before the period, for the "latest before" query.
            record_update(
                session,
                action,
                person,
                at - timedelta(days=120),
                source=Source.CONSOLE,
                status=None,
                text="eerder",
                event_row=None,
            )


@pytest.fixture
def statements(boce: Register) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(*args: Any) -> None:
        seen.append(str(args[2]))

    event.listen(boce.engine, "before_cursor_execute", count)
    yield seen
    event.remove(boce.engine, "before_cursor_execute", count)


def test_query_count_does_not_grow_with_actions(boce: Register, statements: list[str]) -> None:
    at = datetime(2026, 11, 2, 10, tzinfo=UTC)
    _report(boce, "OW-01", at, "eerste")
    statements.clear()
    small = _load(boce)
    few = len(statements)
    _add_actions(boce, 50, at)
    statements.clear()
    large = _load(boce)
    assert len(statements) == few
    assert len(large.actions) == len(small.actions) + 50
    assert len(large.updates) == len(small.updates) + 50
    # programme, the reworded updates, the period's updates, themes, tracks, owners, parties,
    # actions, meetings, names and the period's paragraphs; "since the previous letter" reuses
    # the period's updates when there is none
    assert few == 11


# -- compile (the letter's content from these rows) -----------------------------------------


def _news(letter: Letter, section: str) -> dict[str, ActionNews]:
    return {n.key: n for t in _section(letter, section).tracks for n in t.news}


def test_sections_in_theme_order_with_track_headings(boce: Register) -> None:
    letter = _letter(boce)
    assert [f"{s.number}. {s.name}" for s in letter.sections] == [
        "1. Omgevingswet",
        "2. Bereikbaarheid",
        "3. Recreatie & Toerisme",
        "4. Leefbaarheid",
    ]
    headings = [g.heading for g in _section(letter, "Omgevingswet").tracks]
    assert headings == ["Samen doen in 2026", "Samen optrekken in 2026", "Samen leren in 2026"]


def test_a_theme_without_its_own_text_opens_with_its_description_and_prose(
    boce: Register,
) -> None:
    state = _section(_letter(boce), "Omgevingswet").state
    assert state[0].startswith("Elk van de drie gemeenten voert de Omgevingswet zelf uit")
    # Prose, not counts: it names what is late, and says what the rest does.
    assert "‘Omgevingstafel Zuidoost-Drenthe inrichten’" in state[1]
    assert "telt" not in state[1]
    assert not _section(_letter(boce), "Omgevingswet").written


def test_pillars_have_no_track_headings_and_show_kpi(
    register: Register, settings: Settings, clock: FixedClock
) -> None:
    import_file(register, REGIODEAL, settings, clock)
    at = datetime(2026, 11, 10, 9, tzinfo=UTC)
    _report(register, "RD-02", at, "tweede ronde begeleiding gestart")
    letter = _letter(register, "regiodeal-zod")
    assert all(len(s.tracks) == 1 and s.tracks[0].heading is None for s in letter.sections)
    rd02 = _news(letter, "Werken")["RD-02"]
    assert rd02.kpi == "Stand: 85 van 200 bedrijven: begeleid bij digitaliseringsplan (43%)."
    assert rd02.words == ("Tweede ronde begeleiding gestart.",)


def test_update_words_under_the_right_track_naming_parties_not_officials(
    boce: Register,
) -> None:
    at = datetime(2026, 11, 10, 9, tzinfo=UTC)
    _report(boce, "OW-02", at, "  de koppelingen   zijn in kaart gebracht ")
    _report(boce, "OW-02", at + timedelta(hours=1), "Beheer is belegd!")
    letter = _letter(boce)
    doen = _section(letter, "Omgevingswet").tracks[0]
    assert doen.heading == "Samen doen in 2026"
    ow02 = next(a for a in doen.news if a.key == "OW-02")
    assert ow02.words == ("De koppelingen zijn in kaart gebracht.", "Beheer is belegd!")
    assert ow02.notes == ()
    assert ow02.who == "Borger-Odoorn, Coevorden en Emmen"
    # Actions without news are named in one sentence, not each with a chasing line.
    assert doen.quiet is not None
    assert "OW-03" in doen.quiet
    assert "geen update ontvangen" not in doen.quiet
    officials = {"Rob Jansen", "Wim Schepers"}
    text = repr(letter)
    assert not any(name in text for name in officials)


def test_officials_named_when_the_programme_says_so(boce: Register) -> None:
    data = _load(boce)
    data = replace(data, letter={**data.letter, "names": "officials"})
    news = _news(compile_brief(data, "nl"), "Omgevingswet")
    assert news["OW-01"].who.endswith("trekkers Wim Schepers en Rob Jansen")


def test_completed_delayed_and_moved_deadline(boce: Register) -> None:
    at = datetime(2026, 11, 10, 9, tzinfo=UTC)
    used = [
        _report(boce, "OW-02", at, "klaar", Status.DONE),
        _report(boce, "OW-05", at, "wacht op de provincie", Status.DELAYED),
        _move(boce, "OW-05", at + timedelta(hours=1), "eind 2027"),
    ]
    letter = _letter(boce)
    actions = _news(letter, "Omgevingswet")
    assert actions["OW-02"].notes == ("Deze actie is in deze periode afgerond.",)
    assert actions["OW-05"].words == ("Wacht op de provincie.",)
    assert actions["OW-05"].notes == (
        "De termijn is verschoven van eerste helft 2027 naar eind 2027.",
        "Deze actie loopt vertraging op.",
    )
    since = letter.appendix.since
    assert since.completed == ("OW-02 Gezamenlijke aanpak DSO-koppelingen",)
    assert since.status_changes == (
        "OW-02 Gezamenlijke aanpak DSO-koppelingen: op schema → afgerond",
        f"{OW05}: op schema → vertraagd",
    )
    assert since.deadline_moves == (f"{OW05}: eerste helft 2027 → eind 2027",)
    assert letter.update_ids == tuple(used)


def test_a_withdrawn_update_is_not_in_the_letter_and_its_update_is_missing(
    boce: Register,
) -> None:
    at = datetime(2026, 11, 10, 9, tzinfo=UTC)
    kept = _report(boce, "OW-05", at, "regels vergeleken")
    taken_back = _report(boce, "OW-02", at, "verkeerde actie", Status.DONE)
    with boce.sessions.begin() as session:
        row = session.get(StatusUpdate, taken_back)
        assert row is not None
        withdraw_update(session, row, _action(session, "OW-02").owners[0], at)
    letter = _letter(boce)
    assert "OW-02" not in _news(letter, "Omgevingswet")
    assert letter.appendix.since.completed == ()
    assert letter.appendix.since.status_changes == ()
    assert letter.update_ids == (kept,)
    missing = {a.key for a in missing_actions(_load(boce))}
    assert "OW-02" in missing
    assert "OW-05" not in missing


def test_overview_lights_short_parties_and_overdue_in_red(boce: Register) -> None:
    rows = {r.key: r for r in _letter(boce).appendix.overview}
    assert [r.key for r in _letter(boce).appendix.overview][:2] == ["OW-01", "OW-02"]
    assert (rows["OW-02"].light, rows["OW-02"].status_word) == ("groen", "op schema")
    assert (rows["OW-03"].light, rows["OW-03"].status_word) == ("wit", "nog niet gestart")
    assert (rows["OW-06"].light, rows["OW-06"].status_word) == ("grijs", "vervallen")
    assert (rows["OW-07"].light, rows["OW-07"].status_word) == ("grijs", "afgerond")
    # Open past its deadline: red, and it says so, whatever its status was.
    assert (rows["OW-08"].light, rows["OW-08"].status_word) == (
        "rood",
        "risico; termijn verstreken",
    )
    assert rows["OW-08"].overdue
    assert rows["OW-04"].parties == "Borger-Odoorn, Emmen"
    assert rows["OW-04"].deadline == "eerste kwartaal 2027"  # "begin 2027" in the file
    assert rows["OW-04"].theme == "Omgevingswet"
    # The overdue action is in its section too, with its deadline.
    ow08 = _news(_letter(boce), "Omgevingswet")["OW-08"]
    assert ow08.overdue
    assert "De termijn (derde kwartaal 2026) is verstreken" in ow08.notes[-1]


def test_letter_fixed_parts_and_meetings(boce: Register) -> None:
    letter = _letter(boce)
    assert letter.subject == "Voortgang BOCE beleidsagenda"
    assert letter.addressee == "Geachte leden van de raden,"
    assert letter.closing == "Hoogachtend,"
    assert letter.period == "vierde kwartaal 2026"
    assert letter.date_line == "Emmen, 31 december 2026"
    assert letter.reference == "BOCE/VB · concept voortgangsbrief"
    first = letter.signatories[0]
    assert first.lines == ("burgemeester en wethouders van Borger-Odoorn",)
    assert all(signer.name for signer in first.signers)
    assert [(m.date, m.milestone) for m in letter.meetings_past] == [("25 november 2026", None)]
    assert [(m.date, m.milestone) for m in letter.meetings_coming] == [
        ("31 maart 2027", "mijlpaal"),
        ("9 juni 2027", None),
    ]


def test_english_letter(boce: Register) -> None:
    letter = _letter(boce, lang="en")
    assert letter.sections[0].tracks[0].heading == "Samen doen in 2026"
    assert letter.meetings_coming[0].date == "31 March 2027"
    assert dict(letter.labels)["since_heading"] == "Since the previous letter"
    assert letter.period == "fourth quarter of 2026"


# -- pure helpers ----------------------------------------------------------------------------


def _row(status: Status, **kpi: Any) -> ActionRow:
    return ActionRow(
        id=1,
        number=1,
        key="X-1",
        title="x",
        theme_id=1,
        track_id=None,
        status=status,
        deadline_text="",
        due=None,
        kpi_target=kpi.get("target"),
        kpi_current=kpi.get("current"),
        kpi_unit=kpi.get("unit", ""),
        owners=(),
        parties=(),
    )


def test_kpi_line_rounds_half_up_with_a_comma() -> None:
    assert kpi_line(_row(Status.OPEN), "nl") is None
    half = _row(Status.OPEN, target=6.0, current=2.5, unit="gemeenten")
    assert kpi_line(half, "nl") == "Stand: 2,5 van 6 gemeenten (42%)."
    quarter = _row(Status.OPEN, target=200.0, current=45.0, unit="bedrijven")
    assert kpi_line(quarter, "nl") == "Stand: 45 van 200 bedrijven (23%)."
    zero = _row(Status.OPEN, target=40.0, current=0.0, unit="studenten")
    assert kpi_line(zero, "nl") == "Stand: 0 van 40 studenten (0%)."
    unknown = _row(Status.OPEN, target=40.0, unit="studenten")
    assert kpi_line(unknown, "nl") == "Doel: 40 studenten; nog geen stand bekend."


def test_tidy() -> None:
    assert tidy("  loopt\n goed ") == "Loopt goed."
    assert tidy("Klaar?") == "Klaar?"
    assert tidy("   ") == ""


# -- the fields for the reworked letter ------------------------------------------------------


def test_themes_actions_and_updates_carry_the_new_letter_fields(boce: Register) -> None:
    at = datetime(2026, 11, 2, 10, tzinfo=UTC)
    reported = _report(boce, "OW-01", at, "loket draait, nog wat bugs", Status.ON_TRACK)
    moved = _move(boce, "OW-02", at + timedelta(hours=1), "eind maart 2027")
    with boce.sessions.begin() as session:
        programme = session.scalars(select(Programme).where(Programme.key == "boce")).one()
        place = Place(programme.id, PassageKind.UPDATE, update_id=reported)
        write_passage(session, place, "Het loket draait.", None, at)
        opening = Place(programme.id, PassageKind.OPENING, *Q4)
        write_passage(session, opening, "Eerste opening.", None, at)
        write_passage(session, opening, "Tweede opening.", None, at + timedelta(minutes=1))
        withdrawn = Place(programme.id, PassageKind.COORDINATION, *Q4)
        write_passage(session, withdrawn, "Regie.", None, at)
        write_passage(session, withdrawn, "", None, at + timedelta(minutes=1))
    data = _load(boce)
    omgevingswet = data.themes[0]
    assert omgevingswet.description.startswith("Elk van de drie gemeenten")
    assert omgevingswet.sponsor_id is not None
    ow02 = next(a for a in data.actions if a.key == "OW-02")
    assert ow02.precision is not None
    ow01 = next(a for a in data.actions if a.key == "OW-01")
    assert len(ow01.parties_short) == len(ow01.parties)
    assert set(ow01.parties_short) <= {
        "Borger-Odoorn",
        "Coevorden",
        "Emmen",
        "Provincie Drenthe",
        "RUD Drenthe",
        "Domesta",
    }
    by_id = {u.id: u for u in data.updates}
    assert (by_id[reported].text, by_id[reported].letter_text) == (
        "loket draait, nog wat bugs",
        "Het loket draait.",
    )
    assert by_id[moved].letter_text is None
    assert by_id[moved].new_due == date(2027, 3, 31)
    assert by_id[moved].new_precision is not None
    assert data.passages.opening is not None
    assert data.passages.opening.text == "Tweede opening."
    assert data.passages.coordination is None  # withdrawn: the default applies
    # Another period's letter has none of them.
    assert _load(boce, period=(date(2027, 1, 1), date(2027, 3, 31))).passages.opening is None
