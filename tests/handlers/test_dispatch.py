"""Which command a typed line is, in Dutch and English."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from handlers.commands import absence, creating, details, guide, lists, reports
from handlers.dispatch import find_command
from handlers.replies import commands as reply_commands
from handlers.replies import corrections

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
