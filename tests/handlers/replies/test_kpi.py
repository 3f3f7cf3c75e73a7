"""KPI values in replies, corrections, undo and the update form, on SQLite and PostgreSQL.

BOCE's OW-08 (Lotte Venema's) has a KPI: 34 of 60 "medewerkers: leergang afgerond"; OW-03
(hers too) has none. Maya Verhoef writes English; BER-06 is hers and is given a KPI here.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from handlers.dispatch import VOCABULARY
from handlers.replies.corrections import edit_command, undo_command
from handlers.understanding.step import understand
from tests.register_rows import action, person, sent_ping
from tests.reply_acts import command, message_ctx, press, reply, submit, updates
from words.chat.messages import InputKind
from words.clock import FixedClock
from words.domain import Status

OW08 = "#8 Leergangen Omgevingswet via de BOCE-academie"
UNIT = "medewerkers: leergang afgerond"


def test_a_reply_with_a_value_records_it_and_says_it_back(boce: Session, clock: FixedClock) -> None:
    lotte, ow08 = person(boce, "lotte-venema"), action(boce, "OW-08")
    _, out = reply(boce, clock, lotte, "#8 loopt goed, stand 45")
    (row,) = updates(boce)
    assert (row.status, row.text, row.progress, row.previous_kpi) == (
        Status.ON_TRACK,
        "loopt goed, stand 45",
        45,
        34,
    )
    assert ow08.kpi_current == 45
    lines = out.texts()[0].split("\n")
    # 45 of 60 is 75 %; the rounding is half up, as in the letter.
    assert lines[1] == f"Stand 45 van 60 {UNIT} (75 %)."


@pytest.mark.parametrize(
    ("text", "value", "line"),
    [
        ("stand 180", 180, f"Stand 180 van 60 {UNIT} (300 %)."),
        ("we zitten op 41 medewerkers", 41, f"Stand 41 van 60 {UNIT} (68 %)."),
        ("41 van de 60", 41, f"Stand 41 van 60 {UNIT} (68 %)."),
        ("teller op 40,5", 40.5, f"Stand 40,5 van 60 {UNIT} (68 %)."),  # 67.5 rounds up
        ("stand 1.250", 1250, f"Stand 1.250 van 60 {UNIT} (2083 %)."),
    ],
)
def test_a_value_alone_in_a_ping_thread_is_an_update(
    boce: Session, clock: FixedClock, text: str, value: float, line: str
) -> None:
    lotte, ow08 = person(boce, "lotte-venema"), action(boce, "OW-08")
    _, message = sent_ping(boce, ow08, lotte, clock.now() - timedelta(hours=1))
    ctx, out = message_ctx(boce, clock, lotte, text, about=message)
    ran: list[str] = []
    understand(ctx, text, VOCABULARY, ran.append)
    assert ran == []
    (row,) = updates(boce)
    assert (row.action_id, row.progress, row.text) == (ow08.id, value, text)
    assert ow08.kpi_current == value
    assert line in out.texts()[0].split("\n")


def test_english_numbers_and_words(boce: Session, clock: FixedClock) -> None:
    maya, ber06 = person(boce, "maya-verhoef"), action(boce, "BER-06")
    ber06.kpi_target, ber06.kpi_current, ber06.kpi_unit = 2000, 100, "companies"
    _, out = reply(boce, clock, maya, f"#{ber06.number} on track, now at 1,250 companies")
    (row,) = updates(boce)
    assert (row.progress, ber06.kpi_current) == (1250, 1250)
    assert "Progress 1,250 of 2,000 companies (63%)." in out.texts()[0].split("\n")


def test_a_value_for_an_action_without_a_kpi_keeps_the_words_only(
    boce: Session, clock: FixedClock
) -> None:
    lotte, ow03 = person(boce, "lotte-venema"), action(boce, "OW-03")
    assert ow03.kpi_target is None
    _, out = reply(boce, clock, lotte, f"#{ow03.number} stand 12, loopt goed")
    (row,) = updates(boce)
    assert (row.text, row.progress, row.status) == ("stand 12, loopt goed", None, Status.ON_TRACK)
    assert ow03.kpi_current is None
    assert f"#{ow03.number} {ow03.title} heeft geen KPI" in out.texts()[0]


def test_a_share_in_passing_is_not_remarked_on_without_a_kpi(
    boce: Session, clock: FixedClock
) -> None:
    lotte, ow03 = person(boce, "lotte-venema"), action(boce, "OW-03")
    _, out = reply(boce, clock, lotte, f"#{ow03.number} 3 van de 5 gemeenten hebben getekend")
    (row,) = updates(boce)
    assert row.progress is None
    assert "KPI" not in out.texts()[0]


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("#8 stand -5", "Een stand kan niet negatief zijn (-5)."),
        ("#8 stand 60.001", "Stand 60.001 is meer dan duizend keer het doel van #8 (60 "),
    ],
)
def test_a_negative_or_absurd_value_records_nothing(
    boce: Session, clock: FixedClock, text: str, answer: str
) -> None:
    lotte, ow08 = person(boce, "lotte-venema"), action(boce, "OW-08")
    _, out = reply(boce, clock, lotte, text)
    assert updates(boce) == []
    assert ow08.kpi_current == 34
    assert out.texts()[0].startswith(answer)


def test_a_thousand_times_the_target_is_still_taken(boce: Session, clock: FixedClock) -> None:
    reply(boce, clock, person(boce, "lotte-venema"), "#8 stand 60.000")
    (row,) = updates(boce)
    assert row.progress == 60000


def test_edit_and_undo_move_the_value_with_the_update(boce: Session, clock: FixedClock) -> None:
    lotte, ow08 = person(boce, "lotte-venema"), action(boce, "OW-08")
    reply(boce, clock, lotte, "#8 stand 40")
    command(boce, clock, lotte, edit_command, "stand 42, tweede groep gestart")
    (row,) = updates(boce)
    assert (row.progress, row.text, ow08.kpi_current) == (42, "stand 42, tweede groep gestart", 42)
    refused = command(boce, clock, lotte, edit_command, "stand -1")
    assert refused.texts()[0].startswith("Een stand kan niet negatief zijn")
    assert (row.progress, ow08.kpi_current) == (42, 42)
    out = command(boce, clock, lotte, undo_command, "")
    assert ow08.kpi_current == 34
    assert out.texts()[0].endswith("\nDe stand is weer 34.")


def test_undo_of_the_first_value(boce: Session, clock: FixedClock) -> None:
    maya, ber06 = person(boce, "maya-verhoef"), action(boce, "BER-06")
    ber06.kpi_target, ber06.kpi_unit = 10, ""
    reply(boce, clock, maya, f"#{ber06.number} progress 2.5")
    assert ber06.kpi_current == 2.5
    out = command(boce, clock, maya, undo_command, "")
    assert ber06.kpi_current is None
    assert out.texts()[0].endswith("\nThere is no KPI value any more.")


# --- the form -----------------------------------------------------------------------------------


def test_the_form_asks_for_the_value_only_where_there_is_a_kpi(
    boce: Session, clock: FixedClock
) -> None:
    lotte, ow08, ow03 = person(boce, "lotte-venema"), action(boce, "OW-08"), action(boce, "OW-03")
    form = press(boce, clock, lotte, "form", str(ow08.id)).last().form
    assert form is not None
    kpi = {i.name: i for i in form.inputs}["kpi"]
    assert (kpi.kind, kpi.label, kpi.hint) == (
        InputKind.TEXT,
        f"Stand ({UNIT}; doel 60)",
        "een getal, bijv. 1.250 of 12,5 (optioneel)",
    )
    other = press(boce, clock, lotte, "form", str(ow03.id)).last().form
    assert other is not None
    assert "kpi" not in [i.name for i in other.inputs]


def test_the_form_records_a_value_alone(boce: Session, clock: FixedClock) -> None:
    lotte, ow08 = person(boce, "lotte-venema"), action(boce, "OW-08")
    _, out = submit(boce, clock, lotte, str(ow08.id), status="unchanged", text="", kpi="45")
    (row,) = updates(boce)
    assert (row.status, row.text, row.progress, ow08.kpi_current) == (None, "", 45, 45)
    assert out.texts()[0].split("\n")[:2] == [
        f"Genoteerd bij {OW08}.",
        f"Stand 45 van 60 {UNIT} (75 %).",
    ]


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("veel", "Vul alleen een getal in, zoals 1.250 of 12,5."),
        ("12.5", "Vul alleen een getal in, zoals 1.250 of 12,5."),  # Dutch: "12,5"
        ("-3", "Een stand kan niet negatief zijn."),
        ("60.001", "Dat is meer dan duizend keer het doel (60); klopt het getal?"),
    ],
)
def test_the_form_comes_back_with_a_bad_value_at_its_input(
    boce: Session, clock: FixedClock, typed: str, error: str
) -> None:
    lotte, ow08 = person(boce, "lotte-venema"), action(boce, "OW-08")
    _, out = submit(boce, clock, lotte, str(ow08.id), status="on_track", text="", kpi=typed)
    assert updates(boce) == []
    form = out.last().form
    assert form is not None
    errors = {i.name: i.error for i in form.inputs}
    assert errors["kpi"] == error
    assert {i.name: i.initial for i in form.inputs}["kpi"] == typed
    assert [name for name, said in errors.items() if said] == ["kpi"]


def test_the_form_in_english(boce: Session, clock: FixedClock) -> None:
    maya, ber06 = person(boce, "maya-verhoef"), action(boce, "BER-06")
    ber06.kpi_target, ber06.kpi_current, ber06.kpi_unit = 2000, 100, "companies"
    _, bad = submit(boce, clock, maya, str(ber06.id), status="unchanged", text="", kpi="1.250,5")
    form = bad.last().form
    assert form is not None
    assert {i.name: i.error for i in form.inputs}["kpi"] == (
        "Fill in a number only, such as 1,250 or 12.5."
    )
    submit(boce, clock, maya, str(ber06.id), status="unchanged", text="on track", kpi="1,250.5")
    (row,) = updates(boce)
    assert (row.progress, ber06.kpi_current) == (1250.5, 1250.5)
