"""Which command a typed line is, in Dutch and English."""

from __future__ import annotations

from datetime import timedelta
from itertools import count
from types import SimpleNamespace

import pytest
from sqlalchemy.orm import Session

from handlers.commands import absence, creating, details, guide, lists, reports
from handlers.dispatch import find_command, handle
from handlers.replies import commands as reply_commands
from handlers.replies import corrections
from handlers.understanding.step import RUN
from storage.models import Person
from tests.register_rows import action, person, sent_ping
from tests.reply_acts import updates
from tests.stubs import RecordingOutgoing, make_ctx
from words.catalogue import t
from words.chat.inbound import ButtonIn, MessageIn
from words.clock import FixedClock
from words.domain import PingState, Source, Status

# The handlers by the names the cases use, from the modules they live in.
commands = SimpleNamespace(
    help_command=guide.help_command,
    my_actions=lists.my_actions,
    action_details=details.action_details,
    new_action=creating.new_action,
    new_action_form=creating.new_action_form,
    overview=reports.overview,
    summary=reports.summary,
    absent=absence.absent,
)
replies = SimpleNamespace(
    update_command=reply_commands.update_command,
    status_command=reply_commands.status_command,
    deadline_command=reply_commands.deadline_command,
    edit_command=corrections.edit_command,
    undo_command=corrections.undo_command,
)


@pytest.mark.parametrize(
    ("text", "handler", "rest"),
    [
        ("help", commands.help_command, ""),
        ("Hulp", commands.help_command, ""),
        ("mijn acties", commands.my_actions, ""),
        ("My  actions", commands.my_actions, ""),
        ("actie 12", commands.action_details, "12"),
        ("action #12", commands.action_details, "#12"),
        ("update 12 vergunning is verleend", replies.update_command, "12 vergunning is verleend"),
        ("status OW-01 risico", replies.status_command, "OW-01 risico"),
        ("deadline 12 eind maart", replies.deadline_command, "12 eind maart"),
        ("deadline voor de zomer", replies.deadline_command, "voor de zomer"),
        ("wijzig toch pas in april", replies.edit_command, "toch pas in april"),
        ("Correctie: klaar", replies.edit_command, "klaar"),
        ("ongedaan", replies.undo_command, ""),
        ("undo", replies.undo_command, ""),
        ("nieuwe actie", commands.new_action, ""),
        ("overzicht omgevingswet", commands.overview, "omgevingswet"),
        ("samenvatting kwartaal", commands.summary, "kwartaal"),
        (
            "afwezig 1 december t/m 24 december Wim",
            commands.absent,
            "1 december t/m 24 december Wim",
        ),
    ],
)
def test_commands_are_found(text: str, handler: object, rest: str) -> None:
    assert find_command(text) == (handler, rest)


@pytest.mark.parametrize(
    "text",
    [
        "Update: we zijn bijna klaar",  # a sentence, not "update <n>"
        "status is goed, loopt op schema",
        "loopt goed, klaar in maart",
        "actiepunt 3 is klaar",  # "actie" must be a whole word
        "",
    ],
)
def test_sentences_are_not_commands(text: str) -> None:
    assert find_command(text) is None


# --- Through the understanding step ---------------------------------------------------------

_ids = count(1)


def send(
    session: Session, clock: FixedClock, who: Person, text: str, *, about: int | None = None
) -> RecordingOutgoing:
    out = RecordingOutgoing()
    event = MessageIn(
        platform=Source.CONSOLE,
        event_id=f"dispatch-{next(_ids)}",
        user_id=str(who.id),
        received_at=clock.now(),
        text=text,
    )
    handle(make_ctx(session, clock, who, out, event=event, about=about))
    return out


def press(session: Session, clock: FixedClock, who: Person, value: str) -> RecordingOutgoing:
    out = RecordingOutgoing()
    event = ButtonIn(
        platform=Source.CONSOLE,
        event_id=f"dispatch-{next(_ids)}",
        user_id=str(who.id),
        received_at=clock.now(),
        action=RUN,
        value=value,
    )
    handle(make_ctx(session, clock, who, out, event=event))
    return out


def test_thanks_in_an_open_pings_thread_is_not_stored(boce: Session, clock: FixedClock) -> None:
    lotte, ow08 = person(boce, "lotte-venema"), action(boce, "OW-08")
    ping, message = sent_ping(boce, ow08, lotte, clock.now() - timedelta(hours=1))
    out = send(boce, clock, lotte, "bedankt!", about=message)
    assert updates(boce) == []
    boce.refresh(ping)
    assert ping.state is PingState.SENT  # the question is still open
    assert out.texts() == [
        t("understanding.talk.thanks", "nl")
        + "\n"
        + t("understanding.still_open", "nl", number=8, title=ow08.title)
    ]
    # The answer that follows is the update.
    send(boce, clock, lotte, "loopt goed", about=message)
    (row,) = updates(boce)
    assert (row.action_id, row.status) == (ow08.id, Status.ON_TRACK)


def test_did_you_mean_offers_a_button_that_runs_the_line(boce: Session, clock: FixedClock) -> None:
    lotte = person(boce, "lotte-venema")
    offered = send(boce, clock, lotte, "acites").last()
    (button,) = offered.buttons
    assert (button.action, button.value) == (RUN, "acties")
    assert offered.text.startswith(t("understanding.did_you_mean", "nl", line="acties"))
    assert (
        press(boce, clock, lotte, button.value).texts()
        == send(boce, clock, lotte, "acties").texts()
    )


def test_a_run_button_does_only_what_typing_could(boce: Session, clock: FixedClock) -> None:
    gerda, lotte = person(boce, "gerda-boelens"), person(boce, "lotte-venema")
    # A reader pressing "brief definitief" is answered as if she had typed it.
    typed = send(boce, clock, gerda, "brief definitief").texts()
    assert press(boce, clock, gerda, "brief definitief").texts() == typed
    # A value that is no command line runs nothing and records nothing.
    for value in ("#8 klaar", "loopt goed", "", "mijn"):
        assert press(boce, clock, lotte, value).texts() == [t("replies.button_unknown", "nl")]
    assert updates(boce) == []


def test_small_talk_from_someone_unknown_is_told_so(boce: Session, clock: FixedClock) -> None:
    stranger = Person(name="Iemand Anders", email="iemand@example.org")
    boce.add(stranger)
    boce.flush()
    assert send(boce, clock, stranger, "hoi").texts() == [t("perm.unknown_person", "nl")]
