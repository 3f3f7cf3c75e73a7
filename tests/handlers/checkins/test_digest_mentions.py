"""The digest's theme post mentions those who have not answered, on SQLite and PostgreSQL; the
personal digests mention no one; through the sender, a Teams channel mentions them by their
Teams id."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.engine.opening import Register, import_file
from bot.engine.sender import Sender
from config.settings import Settings
from handlers.checkins.digest import send_digests
from storage.db import transaction
from storage.models import Identity, Programme
from storage.outbox import OutboxWriter
from tests.commands_world import add_ping, at, person
from tests.conftest import BOCE
from tests.fakes import RecordingPort
from tests.stubs import RecordingOutgoing
from words.chat.delivery import Mention
from words.chat.outgoing import ToChannel, ToPerson
from words.clock import FixedClock
from words.domain import Source

MONDAY = at("2026-11-23T08:00:00")  # 09:00 in Amsterdam: the digest moment


def boce_id(session: Session) -> int:
    found = session.scalar(select(Programme.id).where(Programme.key == "boce"))
    assert found is not None
    return found


def asked(session: Session) -> None:
    """Wim and Lotte not answering about actions of Omgevingswet, Maya about Recreatie."""
    add_ping(session, "OW-04", "wim-schepers", "2026-11-18T08:00:00")
    add_ping(
        session, "OW-08", "lotte-venema", "2026-11-10T12:00:00", escalated="2026-11-16T08:00:00"
    )
    add_ping(
        session, "RT-07", "maya-verhoef", "2026-11-09T08:00:00", escalated="2026-11-13T08:00:00"
    )


def test_the_theme_post_mentions_who_has_not_answered(boce: Session) -> None:
    asked(boce)
    out = RecordingOutgoing()
    send_digests(boce, boce_id(boce), MONDAY, out)
    posts = {s.key.rsplit(":", 1)[1]: s.message for s in out.sent if isinstance(s.to, ToChannel)}
    wim, lotte, maya = (
        person(boce, k).id for k in ("wim-schepers", "lotte-venema", "maya-verhoef")
    )
    omgevingswet, recreatie = posts["omgevingswet"], posts["recreatie-toerisme"]
    assert omgevingswet is not None
    assert recreatie is not None
    assert omgevingswet.mentions == tuple(sorted((wim, lotte)))
    assert recreatie.mentions == (maya,)
    # Named in the last section, "No reply yet", that the mentions follow.
    assert omgevingswet.sections[-1].heading == "Nog geen antwoord"
    assert "Wim Schepers" in omgevingswet.sections[-1].text
    assert all(
        m is not None and m.mentions == ()
        for k, m in posts.items()
        if k not in ("omgevingswet", "recreatie-toerisme")
    )
    personal = [s.message for s in out.sent if isinstance(s.to, ToPerson)]
    assert personal
    assert all(m is not None and m.mentions == () for m in personal)


def test_a_person_asked_twice_is_mentioned_once(boce: Session) -> None:
    add_ping(boce, "OW-04", "wim-schepers", "2026-11-18T08:00:00")
    add_ping(boce, "OW-05", "wim-schepers", "2026-11-19T08:00:00")
    out = RecordingOutgoing()
    send_digests(boce, boce_id(boce), MONDAY, out)
    [post] = [s.message for s in out.sent if s.key.endswith(":omgevingswet")]
    assert post is not None
    assert post.mentions == (person(boce, "wim-schepers").id,)


def test_through_the_sender_a_teams_channel_mentions_them_by_their_teams_id(
    register: Register, settings: Settings, clock: FixedClock
) -> None:
    import_file(register, BOCE, settings, clock)
    with transaction(register.sessions) as session:
        asked(session)
        wim = person(session, "wim-schepers")
        session.add(Identity(person_id=wim.id, platform=Source.TEAMS, external_id="aad-wim"))
        programme = boce_id(session)
        send_digests(session, programme, MONDAY, OutboxWriter(session, MONDAY, programme))
    teams = RecordingPort(platform=Source.TEAMS)
    Sender(register, {Source.TEAMS: teams}, FixedClock(MONDAY), "s1").drain()
    [post] = [d for d in teams.delivered if d.key.endswith(":omgevingswet")]
    # Lotte has no Teams id: she is named in the post, not mentioned.
    assert post.mentions == (Mention("Wim Schepers", "aad-wim"),)
