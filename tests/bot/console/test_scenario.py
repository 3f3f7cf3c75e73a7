"""A quarter of BOCE work replayed through the console with a controllable clock.

From Sunday 22 November 2026 to Wednesday 31 March 2027: check-ins on schedule, a deputy
asked while Rob Jansen is away, reminders and escalation, replies becoming updates, an edit
and an undo, permissions allowed and refused, digests and a summary, and the week of 29
March 2027, when summer time starts on Sunday and Monday is Tweede Paasdag. No sleeps: the
console's /tijd moves the clock and runs what falls due on the way.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.engine.opening import Register
from config.settings import Settings
from storage.models import Action, Person, Ping, StatusUpdate
from tests.conftest import BOCE
from tests.console_transcript import Transcript, chat
from tests.register_rows import ACTION_READ
from words.clock import FixedClock
from words.domain import PingRule, PingState, Status


@pytest.fixture
def console(db_url: str) -> Settings:
    return Settings(database_url=db_url, example_programme=BOCE)


def action(session: Session, key: str) -> Action:
    return session.scalars(select(Action).where(Action.key == key).options(*ACTION_READ)).one()


def pings_about(session: Session, key: str) -> list[Ping]:
    found = action(session, key)
    return list(
        session.scalars(select(Ping).where(Ping.action_id == found.id).order_by(Ping.due_at))
    )


def person(session: Session, name: str) -> Person:
    return session.scalars(select(Person).where(Person.name == name)).one()


def first_week(console: Settings, clock: FixedClock) -> Transcript:
    _, seen = chat(console, clock, "/tijd 2026-11-30 09:30")
    return seen


def test_first_week_pings_reminders_escalation_and_digests(
    console: Settings, clock: FixedClock, register: Register
) -> None:
    seen = first_week(console, clock)
    with register.sessions() as session:
        wim = person(session, "Wim Schepers")
        rob = person(session, "Rob Jansen")
        ow01 = pings_about(session, "OW-01")
        first = ow01[0]
        # Monday 23 November 09:00 in Amsterdam; Rob is away, so both owners' pings went to
        # Wim, and Wim got one message for them.
        assert first.due_at == datetime(2026, 11, 23, 8, tzinfo=UTC)
        assert first.rule is PingRule.CHECKIN
        mondays = [p for p in ow01 if p.due_at == first.due_at and p.rule is PingRule.CHECKIN]
        assert {p.owner_id for p in mondays} == {wim.id, rob.id}
        assert {p.recipient_id for p in mondays} == {wim.id}
        assert len({p.outbox_id for p in mondays if p.state is not PingState.SUPERSEDED}) == 1
        # No answer: one reminder two working days later, then escalation.
        reminders = [p for p in ow01 if p.rule is PingRule.REMINDER]
        assert reminders
        assert reminders[0].due_at == datetime(2026, 11, 25, 8, tzinfo=UTC)
        assert any(p.escalated_at is not None for p in ow01)
        # Rob's own fortnightly check-in of 30 November is asked of his deputy.
        ow02 = [p for p in pings_about(session, "OW-02") if p.rule is PingRule.CHECKIN]
        assert ow02
        assert ow02[0].owner_id == rob.id
        assert ow02[0].recipient_id == wim.id
    assert any("Rob Jansen" in s.text for s in seen.to("Wim Schepers")[1:])
    assert not [s for s in seen.to("Rob Jansen") if "#2 " in s.text and "hoe" in s.text.lower()]
    # The director's digest of Monday 30 November lists the missing update.
    director = seen.to("Marieke Hoekstra")
    assert director
    assert any("OW-01" in s.text and "geen update" in s.text.lower() for s in director)
    channels = {s.to for s in seen.sent if s.to.startswith("#")}
    assert channels == {
        "#boce-omgevingswet",
        "#boce-bereikbaarheid",
        "#boce-recreatie-toerisme",
        "#boce-leefbaarheid",
    }


def test_replies_edits_undo_and_permissions(
    console: Settings, clock: FixedClock, register: Register
) -> None:
    first_week(console, clock)
    _, seen = chat(
        console,
        clock,
        "/als wim",
        "#2 loopt op schema, koppelingen in beeld",  # deputy for Rob: allowed
        "/tijd +2m",
        "wijzig koppelingen in beeld, beheerafspraken volgen",
        "/als gerda",
        "status 2 afgerond",  # reader: refused
        "/als lotte",
        "status 2 afgerond",  # another member: refused
        "/als annelies",
        "status 2 risico",  # sponsor of another theme: refused
        "/tijd +2m",
        "/als hendrik",
        "status 2 risico",  # sponsor of Omgevingswet: allowed
        "ongedaan",  # and undone within the window
        "/als marieke",
        "status 13 vertraagd",  # the director: allowed everywhere
        "samenvatting week",
        "overzicht omgevingswet",
    )
    assert len(seen.to("Gerda Boelens")) == 1
    assert "leesrechten" in seen.to("Gerda Boelens")[0].text
    assert "Dat mag niet" in seen.to("Lotte Venema")[0].text
    assert "Dat mag niet" in seen.to("Annelies Mulder")[0].text
    with register.sessions() as session:
        ow02 = action(session, "OW-02")
        texts = [u.text for u in ow02.updates if u.text]
        assert texts == ["koppelingen in beeld, beheerafspraken volgen"]
        (edited,) = [u for u in ow02.updates if u.text]
        assert edited.edited_at is not None
        assert [r.text for r in edited.revisions] == ["loopt op schema, koppelingen in beeld"]
        assert ow02.status is Status.ON_TRACK  # Hendrik's "risico" was undone
        assert action(session, "BER-04").status is Status.DELAYED
        # The pings Wim answered are no longer waiting.
        answered = [p for p in pings_about(session, "OW-02") if p.state is PingState.ANSWERED]
        assert answered
    summary, overview = seen.to("Marieke Hoekstra")[-2:]
    assert "Omgevingswet" in summary.text
    assert "OW-02" in summary.text or "#2 " in summary.text
    assert "Omgevingswet" in overview.text


def test_a_quarter_later_dst_and_easter_monday(
    console: Settings, clock: FixedClock, register: Register
) -> None:
    _, seen = chat(console, clock, "/tijd 2027-03-31 12:00")
    assert "Het is nu woensdag 31 maart 2027 12:00." in seen.answers
    with register.sessions() as session:
        weekly = [p for p in pings_about(session, "OW-01") if p.rule is PingRule.CHECKIN]
        due = {p.occurrence: p.due_at for p in weekly}
        # Monday 22 March 09:00 CET is 08:00 UTC; summer time starts on Sunday 28 March.
        assert due[datetime(2027, 3, 22, 8, tzinfo=UTC)] == datetime(2027, 3, 22, 8, tzinfo=UTC)
        # Monday 29 March is Tweede Paasdag: 09:00 CEST on Tuesday 30 March instead.
        assert due[datetime(2027, 3, 29, 7, tzinfo=UTC)] == datetime(2027, 3, 30, 7, tzinfo=UTC)
        # Christmas week: Monday 28 December is a working day, the ping stays.
        assert due[datetime(2026, 12, 28, 8, tzinfo=UTC)] == datetime(2026, 12, 28, 8, tzinfo=UTC)
        # Nothing was ever planned twice, and no ping was sent on a weekend or holiday.
        keys = [p.key for p in session.scalars(select(Ping))]
        assert len(keys) == len(set(keys))
        sent_on = [p.sent_at for p in session.scalars(select(Ping)) if p.sent_at is not None]
        assert all(at.weekday() < 5 for at in sent_on)
        # Rob is back after 11 December: he is asked himself again.
        rob = person(session, "Rob Jansen")
        later = [
            p
            for p in pings_about(session, "OW-02")
            if p.owner_id == rob.id and p.due_at > datetime(2026, 12, 12, tzinfo=UTC)
        ]
        assert later
        assert {p.recipient_id for p in later} == {rob.id}
        updates = session.scalars(select(StatusUpdate)).all()
        assert updates == []  # nobody answered in this run
    weekly_digests = seen.to("#boce-omgevingswet")
    assert len(weekly_digests) == 19  # every Monday from 23 November to 29 March
