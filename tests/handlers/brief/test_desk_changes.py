"""handlers.brief.desk_changes and letter_desk: the letter's page, below HTTP, on the BOCE
example, on SQLite and PostgreSQL.

Director Marieke Hoekstra manages; Hendrik Kuiper sponsors Omgevingswet, Annelies Mulder
Bereikbaarheid; Rob Jansen owns OW-01 (a member); Gerda Boelens reads. The reference day is
Sunday 22 November 2026, so the period is 2026-Q4.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.engine.opening import Register, import_file
from config.settings import Settings
from handlers.brief.desk_changes import (
    Who,
    ask_owners,
    make_draft,
    publish,
    write_period_passage,
    write_theme,
    write_wording,
)
from handlers.brief.letter_desk import (
    chosen_period,
    read_desk,
    reporting_periods,
    rights_of,
    theme_of,
)
from storage import audit
from storage.letter_passages import update_wordings
from storage.letters import current_draft, final_briefs
from storage.models import AuditEntry, Job, LetterPassage, PassageKind, Ping
from tests.brief_chat import boce, person, report
from tests.conftest import BOCE, run_jobs
from words.clock import FixedClock
from words.domain import PingRule
from words.periods.model import Period

Q4 = Period(date(2026, 10, 1), date(2026, 12, 31))
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def session(register: Register, settings: Settings, clock: FixedClock) -> Iterator[Session]:
    import_file(register, BOCE, settings, clock)
    with register.sessions() as s:
        yield s


def who(session: Session, key: str) -> Who:
    return Who(person(session, key), "nl", AMSTERDAM, audit.Origin("192.0.2.1", "test"))


def count(session: Session, model: type[object]) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


# -- periods and rights ----------------------------------------------------------------------


def test_the_chooser_offers_the_reporting_periods_newest_first(session: Session) -> None:
    periods = reporting_periods(boce(session), date(2026, 11, 22))
    assert [p.start for p in periods] == [date(2026, m, 1) for m in (10, 7, 4, 1)]
    found = chosen_period(session, boce(session), "", date(2026, 11, 22))
    assert found is not None
    assert found[0] == Q4
    q3 = chosen_period(session, boce(session), "2026-Q3", date(2026, 11, 22))
    assert q3 is not None
    assert q3[0] == Period(date(2026, 7, 1), date(2026, 9, 30))
    assert chosen_period(session, boce(session), "2027-Q1", date(2026, 11, 22)) is None
    assert chosen_period(session, boce(session), "onzin", date(2026, 11, 22)) is None


def test_who_sees_the_draft_and_who_only_the_finals(session: Session, clock: FixedClock) -> None:
    programme = boce(session)
    director = rights_of(session, person(session, "marieke-hoekstra"), programme)
    sponsor = rights_of(session, person(session, "hendrik-kuiper"), programme)
    member = rights_of(session, person(session, "rob-jansen"), programme)
    reader = rights_of(session, person(session, "gerda-boelens"), programme)
    assert director is not None
    assert director.manage
    assert len(director.themes) == 4
    omgevingswet = theme_of(session, programme, "omgevingswet")
    assert omgevingswet is not None
    assert sponsor is not None
    assert not sponsor.manage
    assert sponsor.themes == {omgevingswet.id}
    assert member is not None
    assert not member.drafts
    assert reader is not None
    assert not reader.drafts
    desk = read_desk(session, programme, reader, Q4, (Q4,), clock.now())
    assert desk.letter is None
    assert desk.finals == ()
    desk = read_desk(session, programme, sponsor, Q4, (Q4,), clock.now())
    assert desk.letter is not None
    assert set(desk.themes) == {"Omgevingswet"}
    assert desk.opening is None
    assert desk.missing == ()


# -- writing ---------------------------------------------------------------------------------


def test_the_director_writes_the_opening_with_an_audit_row_and_history(
    session: Session, clock: FixedClock
) -> None:
    programme = boce(session)
    marieke, sanne = who(session, "marieke-hoekstra"), who(session, "sanne-wolters")
    done = write_period_passage(
        session, marieke, programme, Q4, PassageKind.OPENING, "Een kwartaal vol.", clock.now()
    )
    assert done.done == "written"
    clock.advance(timedelta(hours=1))
    done = write_period_passage(
        session, sanne, programme, Q4, PassageKind.OPENING, "Een druk kwartaal.", clock.now()
    )
    assert done.done == "written"
    rights = rights_of(session, sanne.person, programme)
    assert rights is not None
    desk = read_desk(session, programme, rights, Q4, (Q4,), clock.now())
    assert desk.letter is not None
    assert desk.letter.opening == ("Een druk kwartaal.",)
    assert desk.opening is not None
    assert desk.opening.current is not None
    assert desk.opening.current.author == "Sanne Wolters"
    assert [row.text for row in desk.opening.earlier] == ["Een kwartaal vol."]
    rows = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert [(r.what, r.subject, r.actor, r.address) for r in rows] == [
        ("letter.opening", "2026-Q4", "Marieke Hoekstra", "192.0.2.1"),
        ("letter.opening", "2026-Q4", "Sanne Wolters", "192.0.2.1"),
    ]
    assert rows[1].detail["replaces"]["text"] == "Een kwartaal vol."
    # Back to the default, and then again: the second changes nothing and records nothing.
    assert (
        write_period_passage(
            session, sanne, programme, Q4, PassageKind.OPENING, "  ", clock.now()
        ).done
        == "reset"
    )
    assert (
        write_period_passage(
            session, sanne, programme, Q4, PassageKind.OPENING, "", clock.now()
        ).done
        == "unchanged"
    )
    assert count(session, AuditEntry) == 3


def test_refusals_change_nothing(session: Session, clock: FixedClock) -> None:
    programme = boce(session)
    bereikbaarheid = theme_of(session, programme, "bereikbaarheid")
    assert bereikbaarheid is not None
    hendrik, rob, gerda = (
        who(session, "hendrik-kuiper"),
        who(session, "rob-jansen"),
        who(session, "gerda-boelens"),
    )
    now = clock.now()
    outcomes = [
        write_period_passage(session, hendrik, programme, Q4, PassageKind.OPENING, "x", now),
        write_theme(session, hendrik, programme, Q4, bereikbaarheid, "x", now),
        write_theme(session, rob, programme, Q4, bereikbaarheid, "x", now),
        write_theme(session, gerda, programme, Q4, bereikbaarheid, "x", now),
        ask_owners(session, hendrik, programme, Q4, now),
        make_draft(session, rob, programme, Q4, now),
        publish(session, gerda, programme, 1, now),
    ]
    assert [o.refused for o in outcomes] == [
        "perm.director_only",
        "perm.not_sponsor",
        "perm.not_sponsor",
        "perm.reader",
        "perm.director_only",
        "perm.director_only",
        "perm.director_only",
    ]
    assert (count(session, LetterPassage), count(session, AuditEntry), count(session, Job)) == (
        0,
        0,
        0,
    )


def test_a_sponsor_writes_their_theme_and_rewords_its_updates(
    session: Session, clock: FixedClock
) -> None:
    programme = boce(session)
    update = report(session, clock, "OW-01", "rob-jansen", "loket draait")
    hendrik = who(session, "hendrik-kuiper")
    omgevingswet = theme_of(session, programme, "omgevingswet")
    assert omgevingswet is not None
    now = clock.now()
    assert write_theme(session, hendrik, programme, Q4, omgevingswet, "Eigen tekst.", now).done
    assert write_wording(session, hendrik, programme, Q4, "OW-01", "Het loket draait.", now).done
    assert update_wordings(session, programme.id) == {update.id: "Het loket draait."}
    refused = write_wording(session, hendrik, programme, Q4, "BER-01", "x", now)
    assert refused.refused == "perm.not_sponsor"
    assert write_wording(session, hendrik, programme, Q4, "OW-02", "x", now).refused == (
        "web.brief.no_such_update"
    )
    rights = rights_of(session, hendrik.person, programme)
    assert rights is not None
    desk = read_desk(session, programme, rights, Q4, (Q4,), now)
    assert desk.letter is not None
    assert desk.letter.sections[0].state == ("Eigen tekst.",)
    assert desk.wordings["OW-01"].letter_text == "Het loket draait."
    assert desk.wordings["OW-01"].text == "loket draait"
    news = [n for s in desk.letter.sections for tr in s.tracks for n in tr.news if n.key == "OW-01"]
    assert news[0].words == ("Het loket draait.",)


def test_writing_for_the_drafts_period_makes_the_draft_again_quietly(
    session: Session, clock: FixedClock
) -> None:
    programme = boce(session)
    marieke = who(session, "marieke-hoekstra")
    assert make_draft(session, marieke, programme, Q4, clock.now()).done == "drafting"
    sent = run_jobs(session, clock)
    assert sent == []  # asked on the page: no Word file in chat
    draft = current_draft(session, programme.id)
    assert draft is not None
    assert draft.revision == 1
    write_period_passage(
        session, marieke, programme, Q4, PassageKind.OPENING, "Nieuwe opening.", clock.now()
    )
    assert run_jobs(session, clock) == []
    draft = current_draft(session, programme.id)
    assert draft is not None
    assert draft.revision == 2


# -- asking and publishing -------------------------------------------------------------------


def brief_pings(session: Session) -> list[Ping]:
    return list(session.scalars(select(Ping).where(Ping.rule == PingRule.BRIEF)))


def test_asking_asks_each_owner_once_per_period(session: Session, clock: FixedClock) -> None:
    programme = boce(session)
    marieke = who(session, "marieke-hoekstra")
    assert ask_owners(session, marieke, programme, Q4, clock.now()).done == "asking"
    assert ask_owners(session, marieke, programme, Q4, clock.now()).done == "asking"
    assert count(session, Job) == 1  # the second press the same day queues nothing
    sent = run_jobs(session, clock)
    first = brief_pings(session)
    assert first
    answers = [s for s in sent if s.message is not None and s.key.startswith("web:")]
    assert len(answers) == 1
    assert count(session, AuditEntry) == 1
    clock.advance(timedelta(days=1))
    assert ask_owners(session, marieke, programme, Q4, clock.now()).done == "asking"
    sent = run_jobs(session, clock)
    assert len(brief_pings(session)) == len(first)  # nobody asked twice
    [answer] = [s.message for s in sent if s.message is not None and s.key.startswith("web:")]
    assert answer is not None
    assert "al eerder gevraagd" in answer.text
    rights = rights_of(session, marieke.person, programme)
    assert rights is not None
    desk = read_desk(session, programme, rights, Q4, (Q4,), clock.now())
    assert {(a.action_id, a.owner_id) for a in desk.asks} == {
        (p.action_id, p.owner_id) for p in first
    }


def test_publishing_freezes_the_draft_once(session: Session, clock: FixedClock) -> None:
    programme = boce(session)
    marieke = who(session, "marieke-hoekstra")
    make_draft(session, marieke, programme, Q4, clock.now())
    run_jobs(session, clock)
    draft = current_draft(session, programme.id)
    assert draft is not None
    assert publish(session, marieke, programme, draft.id, clock.now()).done == "publishing"
    assert publish(session, marieke, programme, draft.id, clock.now()).done == "publishing"
    rights = rights_of(session, marieke.person, programme)
    assert rights is not None
    desk = read_desk(session, programme, rights, Q4, (Q4,), clock.now())
    assert [w.kind for w in desk.working] == ["brief.final"]
    sent = run_jobs(session, clock)
    assert sent  # the director's copy and the readers' mails
    [final] = final_briefs(session, programme.id)
    assert final.number == 1
    assert publish(session, marieke, programme, draft.id, clock.now()).done == "not_draft"
    whats = [e.what for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert whats == ["letter.draft", "letter.publish"]
    desk = read_desk(session, programme, rights, Q4, (Q4,), clock.now())
    assert desk.working == ()
    assert [k.number for k in desk.finals] == [1]
    assert set(desk.finals[0].documents) >= {"docx", "html", "md"}
