"""handlers.brief.chat: the voortgangsbrief in chat on the BOCE example, on SQLite and PostgreSQL.

Director Marieke Hoekstra and support Sanne Wolters may make drafts, chase and freeze; members,
sponsors and readers may list and fetch the final briefs. The reference day is Sunday
22 November 2026, so the default period is 2026-Q4.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from io import BytesIO

import pytest
from docx import Document
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.engine.opening import Register, import_file
from config.settings import Settings
from handlers.dispatch import find_command
from storage.letters import current_draft, final_brief
from storage.models import (
    Action,
    Brief,
    BriefState,
    BriefUpdate,
    Ping,
    StatusUpdate,
)
from storage.updates import edit_update, record_update, withdraw_update
from tests.brief_chat import boce, person, say
from tests.conftest import BOCE
from tests.stubs import RecordingOutgoing
from words.catalogue import t
from words.chat.messages import File
from words.chat.outgoing import ToPerson
from words.clock import FixedClock
from words.domain import PingRule, PingState, Source, Status

# From Sunday 22 November 12:00 UTC to Monday 23 November 10:00 in Amsterdam.
MONDAY_MORNING = timedelta(hours=21)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def session(register: Register, settings: Settings, clock: FixedClock) -> Iterator[Session]:
    import_file(register, BOCE, settings, clock)
    with register.sessions() as s:
        yield s


def action(session: Session, key: str) -> Action:
    found = session.scalar(select(Action).where(Action.key == key))
    assert found is not None, key
    return found


def files(out: RecordingOutgoing) -> list[File]:
    return [s.file for s in out.sent if s.file is not None]


def report(  # noqa: PLR0917 - reads like the sentence it stands for
    session: Session, key: str, who: str, at: datetime, text: str, status: Status
) -> None:
    record_update(
        session,
        action(session, key),
        person(session, who),
        at,
        source=Source.CONSOLE,
        status=status,
        text=text,
        event_row=None,
    )
    session.flush()


def paragraphs(content: bytes) -> list[str]:
    return [p.text for p in Document(BytesIO(content)).paragraphs]


# -- brief concept -------------------------------------------------------------------------


def test_the_director_gets_the_draft_as_a_word_file_with_a_preview(
    session: Session, clock: FixedClock
) -> None:
    report(
        session,
        "OW-01",
        "rob-jansen",
        clock.now() - timedelta(days=3),
        "Loket draait",
        Status.ON_TRACK,
    )
    out = say(session, clock, "marieke-hoekstra", "brief concept")
    [draft] = files(out)
    assert draft.name == "voortgangsbrief-boce-2026-Q4-concept.docx"
    assert draft.mime == DOCX
    assert draft.comment.startswith("Concept voortgangsbrief BOCE beleidsagenda over het vierde")
    assert "(versie 1)" in draft.comment
    assert "1 update over 1 van de 32 acties." in draft.comment
    assert "1. Omgevingswet:" in draft.comment
    text = "\n".join(paragraphs(draft.content))
    assert "Loket draait." in text
    kept = current_draft(session, boce(session).id)
    assert kept is not None
    assert (kept.period_start.isoformat(), kept.period_end.isoformat()) == (
        "2026-10-01",
        "2026-12-31",
    )
    assert sorted(d.format for d in kept.documents) == ["docx", "html", "md"]
    used = session.scalars(select(BriefUpdate.update_id).where(BriefUpdate.brief_id == kept.id))
    newest = session.scalars(select(StatusUpdate.id).order_by(StatusUpdate.id.desc())).first()
    assert newest in set(used)


def test_a_draft_lists_the_actions_whose_update_is_missing(
    session: Session, clock: FixedClock
) -> None:
    out = say(session, clock, "marieke-hoekstra", "brief concept")
    [draft] = files(out)
    assert "Nog geen update over deze periode bij" in draft.comment
    heading = t("brief.missing_heading", "nl")
    assert f"{heading}:" in paragraphs(draft.content)


def test_regenerating_replaces_the_one_draft_and_counts_versions(
    session: Session, clock: FixedClock
) -> None:
    say(session, clock, "marieke-hoekstra", "brief concept")
    out = say(session, clock, "sanne-wolters", "brief concept 2026-H2")
    [draft] = files(out)
    assert draft.name == "voortgangsbrief-boce-2026-H2-concept.docx"
    assert "(versie 2)" in draft.comment
    drafts = session.scalars(select(Brief).where(Brief.state == BriefState.DRAFT)).all()
    assert len(drafts) == 1
    assert drafts[0].period_label == "2026-H2"


def test_an_unreadable_period_is_explained(session: Session, clock: FixedClock) -> None:
    out = say(session, clock, "marieke-hoekstra", "brief concept volgende eeuw")
    assert not files(out)
    assert out.texts() == [t("commands.period.unreadable", "nl", text="volgende eeuw")]


@pytest.mark.parametrize("who", ["rob-jansen", "hendrik-kuiper", "gerda-boelens"])
def test_only_director_and_support_make_drafts(
    session: Session, clock: FixedClock, who: str
) -> None:
    for command in ("brief concept", "brief herinner", "brief definitief"):
        out = say(session, clock, who, command)
        assert out.texts() == [t("perm.director_only", "nl")], command
    assert session.scalar(select(Brief.id)) is None
    assert session.scalar(select(Ping.id).where(Ping.rule == PingRule.BRIEF)) is None


# -- brief herinner ------------------------------------------------------------------------


def test_remind_asks_exactly_the_owners_whose_update_is_missing(
    session: Session, clock: FixedClock
) -> None:
    clock.advance(MONDAY_MORNING)
    report(
        session,
        "OW-01",
        "rob-jansen",
        clock.now() - timedelta(days=3),
        "Loket draait",
        Status.ON_TRACK,
    )
    out = say(session, clock, "marieke-hoekstra", "brief herinner uiterlijk 4 december")
    pings = session.scalars(select(Ping).where(Ping.rule == PingRule.BRIEF)).all()
    asked_actions = {p.action_id for p in pings}
    assert action(session, "OW-01").id not in asked_actions
    programme = boce(session)
    open_ids = {
        a.id
        for a in session.scalars(select(Action).where(Action.programme_id == programme.id))
        if not a.status.closed
    }
    assert asked_actions == open_ids - {action(session, "OW-01").id}
    assert {p.state for p in pings} == {PingState.SENT}
    # Rob Jansen is away until 11 December: his questions go to his deputy Wim Schepers.
    rob, wim = person(session, "rob-jansen"), person(session, "wim-schepers")
    assert all(p.recipient_id == wim.id for p in pings if p.owner_id == rob.id)
    director = person(session, "marieke-hoekstra").id
    messages = [s for s in out.sent if isinstance(s.to, ToPerson) and s.to.person_id != director]
    assert {s.to.person_id for s in messages if isinstance(s.to, ToPerson)} == {
        p.recipient_id for p in pings
    }
    sample = messages[0].message
    assert sample is not None
    assert "voortgangsbrief" in sample.text
    assert "vrijdag 4 december 2026" in sample.text
    assert out.texts()[-1].startswith("Ik heb ")
    draft = current_draft(session, programme.id)
    assert draft is not None
    assert draft.input_deadline is not None
    assert draft.input_deadline.isoformat() == "2026-12-04"


def test_remind_on_a_sunday_says_when_the_questions_go_out(
    session: Session, clock: FixedClock
) -> None:
    # Sunday 22 November, 13:00: the questions wait for Monday, as every ping does.
    out = say(session, clock, "marieke-hoekstra", "brief herinner")
    pings = session.scalars(select(Ping).where(Ping.rule == PingRule.BRIEF)).all()
    assert pings
    assert {p.state for p in pings} == {PingState.PLANNED}
    assert {p.due_at for p in pings} == {datetime(2026, 11, 23, 12, tzinfo=UTC)}
    answer = out.texts()[-1]
    assert answer.startswith(
        "Ik vraag de trekkers om hun update, uiterlijk maandag 30 november 2026 ("
    )
    assert "uiterlijk maandag 30 november 2026" in answer  # a week on is a Sunday
    assert answer.endswith("de vragen gaan maandag 23 november 2026 13:00 uit.")
    assert "Ik heb " not in answer
    draft = current_draft(session, boce(session).id)
    assert draft is not None
    assert draft.input_deadline is not None
    assert draft.input_deadline.isoformat() == "2026-11-30"


def test_an_answer_by_day_before_the_questions_go_out_moves_after_it(
    session: Session, clock: FixedClock
) -> None:
    out = say(session, clock, "marieke-hoekstra", "brief herinner uiterlijk vandaag")
    # Sunday's questions go out on Monday: the first day to answer by is Tuesday.
    assert "uiterlijk dinsdag 24 november 2026" in out.texts()[-1]
    draft = current_draft(session, boce(session).id)
    assert draft is not None
    assert draft.input_deadline is not None
    assert draft.input_deadline.isoformat() == "2026-11-24"


def test_remind_asks_the_owner_whose_only_update_was_withdrawn(
    session: Session, clock: FixedClock
) -> None:
    clock.advance(MONDAY_MORNING)
    rob = person(session, "rob-jansen")
    row = record_update(
        session,
        action(session, "OW-01"),
        rob,
        clock.now() - timedelta(minutes=5),
        source=Source.CONSOLE,
        status=Status.ON_TRACK,
        text="bij de verkeerde actie",
        event_row=None,
    )
    withdraw_update(session, row, rob, clock.now())
    say(session, clock, "marieke-hoekstra", "brief herinner")
    asked = set(session.scalars(select(Ping.action_id).where(Ping.rule == PingRule.BRIEF)))
    assert action(session, "OW-01").id in asked


def test_remind_twice_on_one_day_asks_once(session: Session, clock: FixedClock) -> None:
    clock.advance(MONDAY_MORNING)
    say(session, clock, "marieke-hoekstra", "brief herinner")
    first = len(session.scalars(select(Ping.id).where(Ping.rule == PingRule.BRIEF)).all())
    out = say(session, clock, "marieke-hoekstra", "brief herinner")
    again = len(session.scalars(select(Ping.id).where(Ping.rule == PingRule.BRIEF)).all())
    assert first == again > 0
    assert len(out.sent) == 1
    assert "al gesteld" in out.texts()[-1]


def test_on_a_sunday_the_questions_wait_for_monday(session: Session, clock: FixedClock) -> None:
    out = say(session, clock, "marieke-hoekstra", "brief herinner")
    pings = session.scalars(select(Ping).where(Ping.rule == PingRule.BRIEF)).all()
    assert pings
    assert {p.state for p in pings} == {PingState.PLANNED}
    # The same moment on the next working day, as for every ping.
    assert min(p.due_at for p in pings) == datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
    assert len(out.sent) == 1
    assert "maandag 23 november 2026 13:00" in out.texts()[0]


def test_a_day_in_the_past_is_refused(session: Session, clock: FixedClock) -> None:
    out = say(session, clock, "marieke-hoekstra", "brief herinner uiterlijk gisteren")
    assert out.texts() == [t("letters.bad_day", "nl", text="uiterlijk gisteren")]
    assert session.scalar(select(Ping.id).where(Ping.rule == PingRule.BRIEF)) is None


def test_the_draft_fills_in_as_owners_answer(session: Session, clock: FixedClock) -> None:
    first = files(say(session, clock, "marieke-hoekstra", "brief concept"))[0]
    report(session, "OW-02", "lotte-venema", clock.now(), "Werkafspraken getekend", Status.ON_TRACK)
    second = files(say(session, clock, "marieke-hoekstra", "brief concept"))[0]
    assert "Werkafspraken getekend." not in "\n".join(paragraphs(first.content))
    assert "Werkafspraken getekend." in "\n".join(paragraphs(second.content))
    assert first.comment.count("•") > second.comment.count("•") or "… en nog" in first.comment


# -- brief definitief, lijst, <nummer> -----------------------------------------------------


def test_final_briefs_are_numbered_frozen_and_fetched_byte_for_byte(
    session: Session, clock: FixedClock
) -> None:
    report(
        session,
        "OW-01",
        "rob-jansen",
        clock.now() - timedelta(days=3),
        "Loket draait",
        Status.ON_TRACK,
    )
    say(session, clock, "marieke-hoekstra", "brief concept")
    out = say(session, clock, "marieke-hoekstra", "brief definitief")
    director = person(session, "marieke-hoekstra")
    [frozen] = [s.file for s in out.sent if s.file is not None and s.to == ToPerson(director.id)]
    assert frozen.name == "voortgangsbrief-boce-2026-Q4-nr1.docx"
    # The published letter goes to the readers too (a griffier), on their own channel.
    readers = [
        (s.key, s.to, s.file)
        for s in out.sent
        if s.file is not None and s.to != ToPerson(director.id)
    ]
    griffiers = [person(session, key) for key in ("gerda-boelens", "johan-dekker")]
    assert [(key.rsplit(":", 1)[1], to) for key, to, _ in readers] == [
        (str(p.id), ToPerson(p.id)) for p in griffiers
    ]
    for _, _, published in readers:
        assert published is not None
        assert published.content == frozen.content  # Word, where LibreOffice made no PDF
        assert published.comment.startswith("Voortgangsbrief 1 van BOCE")
    assert "Voortgangsbrief 1 over het vierde kwartaal van 2026 is definitief" in frozen.comment
    assert f"{t('brief.missing_heading', 'nl')}:" not in paragraphs(frozen.content)
    kept = final_brief(session, boce(session).id, 1)
    assert kept is not None
    docx = next(d for d in kept.documents if d.format == "docx")
    assert docx.sha256 == hashlib.sha256(frozen.content).hexdigest()

    # Later edits to the update change nothing in the final brief.
    update = session.scalars(select(StatusUpdate).order_by(StatusUpdate.id.desc())).first()
    assert update is not None
    edit_update(session, update, clock.now(), text="Iets heel anders", status=None)
    clock.advance(timedelta(days=1))
    again = files(say(session, clock, "gerda-boelens", "brief 1"))
    assert [f.content for f in again] == [frozen.content]
    html = files(say(session, clock, "rob-jansen", "brief 1 html"))[0]
    assert html.mime == "text/html"
    assert b"Loket draait." in html.content
    assert b"Iets heel anders" not in html.content

    # The draft became the final: there is none left to freeze.
    assert say(session, clock, "marieke-hoekstra", "brief definitief").texts() == [
        t("letters.no_draft", "nl")
    ]


def test_numbers_go_up_and_since_the_previous_brief_starts_at_the_last_final(
    session: Session, clock: FixedClock
) -> None:
    say(session, clock, "marieke-hoekstra", "brief concept")
    say(session, clock, "marieke-hoekstra", "brief definitief")
    clock.advance(timedelta(days=2))
    report(session, "OW-02", "lotte-venema", clock.now(), "Afgerond met de RUD", Status.DONE)
    say(session, clock, "marieke-hoekstra", "brief concept")
    out = say(session, clock, "marieke-hoekstra", "brief definitief")
    second = files(out)[0]  # to the director; then the readers' copies
    assert second.name.endswith("-nr2.docx")
    text = paragraphs(second.content)
    assert t("brief.since_previous", "nl", number=1) in text
    ow02 = action(session, "OW-02")
    assert any(line.startswith(ow02.key) and "afgerond" in line.lower() for line in text)
    listing = say(session, clock, "gerda-boelens", "brief lijst").texts()[0]
    assert listing.index("nr. 2") < listing.index("nr. 1")


def test_fetching_what_does_not_exist_is_explained(session: Session, clock: FixedClock) -> None:
    assert say(session, clock, "gerda-boelens", "brief 7").texts() == [
        t("letters.unknown_number", "nl", number=7)
    ]
    assert (
        say(session, clock, "gerda-boelens", "brieven")
        .texts()[0]
        .endswith(t("letters.list_none", "nl"))
    )
    say(session, clock, "marieke-hoekstra", "brief concept")
    say(session, clock, "marieke-hoekstra", "brief definitief")
    assert say(session, clock, "gerda-boelens", "brief 1 pdf").texts() == [
        t("letters.no_format", "nl", fmt="pdf")
    ]


def test_readers_see_finals_but_not_the_draft(session: Session, clock: FixedClock) -> None:
    say(session, clock, "marieke-hoekstra", "brief concept")
    reader = say(session, clock, "gerda-boelens", "brief lijst").texts()[0]
    director = say(session, clock, "marieke-hoekstra", "brief lijst").texts()[0]
    assert "Concept in de maak" not in reader
    assert "Concept in de maak" in director


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("brief concept", True),
        ("Brief concept 2026-Q4", True),
        ("brief boce herinner", True),
        ("brief 3", True),
        ("brief 3 html", True),
        ("brieven", True),
        ("brief", True),
        ("Brief aan de raden is verstuurd", False),
        ("brief over de woningbouw besproken", False),
    ],
)
def test_brief_is_a_command_only_with_a_subcommand(text: str, command: bool) -> None:
    assert (find_command(text) is not None) is command


def test_english_speakers_get_english_answers(session: Session, clock: FixedClock) -> None:
    maya = person(session, "maya-verhoef")
    maya.language = "en"
    out = say(session, clock, "maya-verhoef", "brief draft")
    assert out.texts() == [t("perm.director_only", "en")]
