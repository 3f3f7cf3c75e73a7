"""A reader only reads: never a theme's sponsor in a programme file, and never given a
sponsor's powers in chat, even where the database names them one (on SQLite and PostgreSQL).

BOCE: Gerda Boelens is a reader; Annelies Mulder sponsors Bereikbaarheid (#10-#16), whose
BER-01 (#10) Fatima El Amrani and Maya Verhoef own.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from bot.engine.opening import Register, import_file
from config.settings import Settings
from handlers.commands import creating as commands
from handlers.replies.commands import deadline_command
from storage.models import Action, Programme, Theme
from tests.programme_files import MINIMAL, write
from tests.register_rows import action, person, snapshot
from tests.reply_acts import command, press, proposals, updates
from tests.stubs import RecordingOutgoing, make_ctx
from words.catalogue import t
from words.chat.outgoing import ToPerson
from words.clock import FixedClock
from words.domain import ProposalState
from words.programme.doc import ProgrammeFileError


def test_a_programme_file_naming_a_reader_as_sponsor_is_refused(
    register: Register, settings: Settings, clock: FixedClock, tmp_path: Path
) -> None:
    path = write(tmp_path, MINIMAL.replace("role: opdrachtgever", "role: lezer"))
    before = snapshot(register)
    with pytest.raises(ProgrammeFileError) as caught:
        import_file(register, path, settings, clock)
    assert [str(p) for p in caught.value.problems] == [
        (
            f"{path}:9: themes[0].sponsor: 'anna' is lezer en kan geen opdrachtgever van een "
            "thema zijn; geef een andere rol of kies een andere opdrachtgever"
        )
    ]
    assert snapshot(register) == before
    with register.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Programme)) == 0


def sponsor_of_bereikbaarheid(session: Session, key: str) -> None:
    """Force a sponsor into the database, as a file imported before the check could have."""
    session.execute(
        update(Theme)
        .where(Theme.key == "bereikbaarheid")
        .values(sponsor_id=person(session, key).id)
    )
    session.expire_all()


def count_actions(session: Session) -> int:
    return session.scalar(select(func.count(Action.id))) or 0


NEW = "bereikbaarheid: Fietsroutes | Fatima El Amrani | Q2 2027 | samen doen"


def test_a_reader_named_sponsor_in_the_database_cannot_create_actions(
    boce: Session, clock: FixedClock
) -> None:
    sponsor_of_bereikbaarheid(boce, "gerda-boelens")
    gerda, before = person(boce, "gerda-boelens"), count_actions(boce)
    out = RecordingOutgoing()
    commands.new_action(make_ctx(boce, clock, gerda, out), NEW)
    assert out.texts() == [t("perm.reader", "nl")]
    theme = boce.scalars(select(Theme).where(Theme.key == "bereikbaarheid")).one()
    form = RecordingOutgoing()
    commands.new_action_form(
        make_ctx(boce, clock, gerda, form),
        "",
        {"theme": str(theme.id), "title": "Fietsroutes", "owners": "Fatima El Amrani"}
        | {"deadline": "Q2 2027", "track": ""},
    )
    assert form.texts() == [t("perm.reader", "nl")]
    assert count_actions(boce) == before


def test_a_reader_named_sponsor_in_the_database_cannot_set_or_decide_deadlines(
    boce: Session, clock: FixedClock
) -> None:
    sponsor_of_bereikbaarheid(boce, "gerda-boelens")
    gerda, ber01 = person(boce, "gerda-boelens"), action(boce, "BER-01")
    assert ber01.number == 10
    out = command(boce, clock, gerda, deadline_command, "10 eind maart 2027")
    assert out.texts() == [t("perm.reader", "nl")]
    assert (updates(boce), proposals(boce)) == ([], [])
    # An owner's proposal is not hers to decide either.
    command(boce, clock, person(boce, "fatima-el-amrani"), deadline_command, "10 eind april 2027")
    (proposal,) = proposals(boce)
    pressed = press(boce, clock, gerda, "proposal", f"{proposal.id}:accept")
    assert pressed.texts() == [t("perm.reader", "nl")]
    assert proposal.state is ProposalState.OPEN
    assert ber01.deadline_text == "uiterlijk 15 maart 2027"


def test_a_member_named_sponsor_in_the_database_may_create_and_set(
    boce: Session, clock: FixedClock
) -> None:
    # The same row for someone who is not a reader does give the sponsor's powers.
    sponsor_of_bereikbaarheid(boce, "wim-schepers")
    wim, before = person(boce, "wim-schepers"), count_actions(boce)
    out = RecordingOutgoing()
    commands.new_action(make_ctx(boce, clock, wim, out), NEW)
    assert out.texts()[0].startswith("Actie #33 (")
    assert count_actions(boce) == before + 1
    command(boce, clock, wim, deadline_command, "10 eind maart 2027")
    assert action(boce, "BER-01").deadline_text == "eind maart 2027"


def test_a_reader_named_sponsor_is_not_offered_the_new_action_form_for_that_theme(
    boce: Session, clock: FixedClock
) -> None:
    sponsor_of_bereikbaarheid(boce, "gerda-boelens")
    out = RecordingOutgoing()
    commands.new_action(make_ctx(boce, clock, person(boce, "gerda-boelens"), out), "")
    assert out.texts() == [t("perm.reader", "nl")] or all(
        "Bereikbaarheid" not in text for text in out.texts()
    )
    assert not any(sent.message is not None and sent.message.form for sent in out.sent)


def test_an_owners_proposal_goes_to_the_managers_when_the_sponsor_is_a_reader(
    boce: Session, clock: FixedClock
) -> None:
    sponsor_of_bereikbaarheid(boce, "gerda-boelens")
    out = command(boce, clock, person(boce, "fatima-el-amrani"), deadline_command, "10 Q3 2027")
    asked = {s.to for s in out.sent if s.message is not None and s.message.buttons}
    managers = {person(boce, "marieke-hoekstra").id, person(boce, "sanne-wolters").id}
    assert asked == {ToPerson(i) for i in managers}  # the managers decide, not the reader
    assert ToPerson(person(boce, "gerda-boelens").id) not in {s.to for s in out.sent}
