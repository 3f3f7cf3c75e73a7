"""The ping message: one message listing every action asked about, in Dutch or English."""

from __future__ import annotations

from datetime import date

import pytest

from handlers.checkins.ping_message import Asked, ping_message
from words.chat.messages import Button, Field, Message
from words.domain import PingRule, Status

TODAY = date(2026, 11, 23)


def asked(number: int = 3, **changes: object) -> Asked:
    values: dict[str, object] = {
        "action_id": 100 + number,
        "number": number,
        "title": f"Actie {number}",
        "theme": "Omgevingswet",
        "deadline_text": "H1 2027",
        "due": date(2027, 6, 30),
        "status": Status.ON_TRACK,
        "last_update": date(2026, 11, 12),
    }
    values.update(changes)
    return Asked(**values)  # type: ignore[arg-type]


def test_one_action_in_dutch() -> None:
    message = ping_message("Lotte Venema", [asked()], "nl", TODAY)
    assert message.text == (
        "Hoi Lotte, hoe staat het met deze actie?\n"
        "\n"
        "#3 Actie 3\n"
        "Thema: Omgevingswet\n"
        "Deadline: H1 2027 (woensdag 30 juni 2027)\n"
        "Laatste status: op schema, bijgewerkt op donderdag 12 november 2026\n"
        "\n"
        "Kies een knop, of antwoord gerust in een paar woorden."
    )
    greeting, section, closing = message.sections
    assert greeting.text == "Hoi Lotte, hoe staat het met deze actie?"
    assert closing.text == "Kies een knop, of antwoord gerust in een paar woorden."
    assert section.heading == "#3 Actie 3"
    assert section.text == ""
    assert section.fields == (
        Field("Thema", "Omgevingswet"),
        Field("Deadline", "H1 2027 (woensdag 30 juni 2027)"),
        Field("Laatste status", "op schema, bijgewerkt op donderdag 12 november 2026"),
    )
    assert section.buttons == (
        Button("Op schema", "status", "103:on_track"),
        Button("Risico", "status", "103:at_risk"),
        Button("Vertraagd", "status", "103:delayed"),
        Button("Afgerond", "status", "103:done"),
        Button("Schrijf update", "form", "103"),
    )


def test_one_action_in_english() -> None:
    message = ping_message("Lotte Venema", [asked(last_update=None)], "en", TODAY)
    _, section, closing = message.sections
    assert message.text.startswith("Hi Lotte, how is this action coming along?\n")
    assert section.fields == (
        Field("Theme", "Omgevingswet"),
        Field("Deadline", "H1 2027 (Wednesday 30 June 2027)"),
        Field("Last status", "on track, no update yet"),
    )
    assert [b.label for b in section.buttons] == [
        "On track",
        "At risk",
        "Delayed",
        "Done",
        "Write update",
    ]
    assert closing.text == "Pick a button, or just reply in a few words."


def test_five_actions_make_one_message_with_five_sections() -> None:
    items = [asked(n, status=Status.OPEN, last_update=None) for n in (2, 5, 7, 11, 12)]
    message = ping_message("Rob Jansen", items, "nl", TODAY)
    headings = [s.heading for s in message.sections if s.heading]
    assert headings == ["#2 Actie 2", "#5 Actie 5", "#7 Actie 7", "#11 Actie 11", "#12 Actie 12"]
    assert message.text.startswith(
        "Hoi Rob, hoe staat het met deze 5 acties?\n\n#2 Actie 2 – Thema: Omgevingswet · "
        "Deadline: H1 2027 (woensdag 30 juni 2027) · Laatste status: open, nog geen update\n"
    )
    assert message.text.count("Laatste status: open, nog geen update") == 5
    assert message.text.endswith(
        "Kies een knop, of antwoord gerust in een paar woorden. Gaat je antwoord over één "
        "actie, noem dan het nummer, bijvoorbeeld #2."
    )
    values = [b.value for s in message.sections for b in s.buttons if b.action == "status"]
    assert len(values) == 20
    assert values[:4] == ["102:on_track", "102:at_risk", "102:delayed", "102:done"]


def test_a_reminder_says_so_and_when_it_was_asked() -> None:
    item = asked(rule=PingRule.REMINDER, first_asked=date(2026, 11, 23))
    message = ping_message("Wim Schepers", [item], "nl", date(2026, 11, 25))
    assert message.sections[0].text == (
        "Hoi Wim, een herinnering: ik heb nog niets gehoord over deze actie. Hoe staat het ermee?"
    )
    assert (
        message.sections[1].text
        == "Herinnering: ik vroeg hier al naar op maandag 23 november 2026."
    )
    assert "Herinnering: ik vroeg hier al naar op maandag 23 november 2026." in message.text


def test_a_reminder_among_new_questions_is_marked_in_its_own_section() -> None:
    items = [asked(1), asked(2, rule=PingRule.REMINDER, first_asked=date(2026, 11, 19))]
    message = ping_message("Wim Schepers", items, "en", TODAY)
    assert message.sections[0].text == "Hi Wim, how are these 2 actions coming along?"
    assert message.sections[1].text == ""
    assert (
        message.sections[2].text
        == "Reminder: I first asked about this on Thursday 19 November 2026."
    )


def test_a_deputy_is_told_for_whom() -> None:
    message = ping_message("Wim Schepers", [asked(on_behalf_of="Rob Jansen")], "nl", TODAY)
    assert message.sections[1].text == "Ik vraag het jou namens Rob Jansen, die afwezig is."
    assert "\nIk vraag het jou namens Rob Jansen, die afwezig is.\n" in message.text


@pytest.mark.parametrize(
    ("due", "note"),
    [
        (date(2026, 11, 30), "De deadline is over 7 dagen."),
        (date(2026, 11, 24), "De deadline is morgen."),
        (date(2026, 11, 23), "De deadline is vandaag."),
        (date(2026, 11, 20), ""),
    ],
)
def test_a_deadline_ping_counts_the_days_left(due: date, note: str) -> None:
    message = ping_message("Rob", [asked(due=due, rule=PingRule.BEFORE)], "nl", TODAY)
    assert message.sections[1].text == note


def test_a_ping_after_the_deadline_says_it_passed() -> None:
    item = asked(due=date(2026, 11, 20), rule=PingRule.AFTER)
    message = ping_message("Rob", [item], "en", TODAY)
    assert message.sections[1].text == "The deadline has passed and the action is still open."


def test_a_check_in_has_no_deadline_note() -> None:
    message = ping_message("Rob", [asked(due=date(2026, 11, 24))], "nl", TODAY)
    assert message.sections[1].text == ""


def test_deadlines_without_words_or_without_a_date() -> None:
    items = [
        asked(1, deadline_text="", due=date(2026, 12, 31)),
        asked(2, deadline_text="", due=None),
        asked(3, deadline_text="na de verkiezingen", due=None),
    ]
    message = ping_message("Rob", items, "nl", TODAY)
    deadlines = [f.value for s in message.sections for f in s.fields if f.label == "Deadline"]
    assert deadlines == ["donderdag 31 december 2026", "geen deadline", "na de verkiezingen"]


def test_the_message_survives_the_outbox() -> None:
    message = ping_message("Rob Jansen", [asked(1), asked(2)], "nl", TODAY)
    assert Message.from_json(message.to_json()) == message


def test_a_message_needs_an_action() -> None:
    with pytest.raises(ValueError, match="at least one action"):
        ping_message("Rob", [], "nl", TODAY)


def repeated_lines(message: Message) -> list[str]:
    lines = [line for line in message.text.splitlines() if line.strip()]
    return sorted({line for line in lines if lines.count(line) > 1})


def test_a_reminder_of_eight_actions_for_an_absent_owner_says_each_thing_once() -> None:
    items = [
        asked(
            n,
            rule=PingRule.REMINDER,
            first_asked=date(2026, 11, 16),
            on_behalf_of="Rob Jansen",
            status=Status.OPEN,
            last_update=None,
        )
        for n in range(1, 9)
    ]
    message = ping_message("Wim Schepers", items, "nl", TODAY)
    assert repeated_lines(message) == []
    assert message.text.count("Herinnering: ik vroeg hier al naar op") == 1
    assert message.text.count("Ik vraag het jou namens Rob Jansen") == 1
    greeting = message.sections[0].text
    assert greeting.splitlines()[1:] == [
        "Ik vraag het jou namens Rob Jansen, die afwezig is.",
        "Herinnering: ik vroeg hier al naar op maandag 16 november 2026.",
    ]
    assert all(s.text == "" for s in message.sections[1:-1])


def test_a_note_shared_by_some_actions_names_them() -> None:
    items = [
        asked(2, rule=PingRule.REMINDER, first_asked=date(2026, 11, 9)),
        asked(5, rule=PingRule.REMINDER, first_asked=date(2026, 11, 16)),
        asked(7, rule=PingRule.REMINDER, first_asked=date(2026, 11, 16)),
        asked(9, rule=PingRule.BEFORE, due=date(2026, 11, 30)),
        asked(11, rule=PingRule.BEFORE, due=date(2026, 11, 30)),
    ]
    message = ping_message("Lotte Venema", items, "en", TODAY)
    assert repeated_lines(message) == []
    lines = message.sections[0].text.splitlines()
    assert lines[1:] == [
        "#5, #7: Reminder: I first asked about this on Monday 16 November 2026.",
        "#9, #11: The deadline is in 7 days.",
    ]
    assert (
        message.sections[1].text == "Reminder: I first asked about this on Monday 9 November 2026."
    )
