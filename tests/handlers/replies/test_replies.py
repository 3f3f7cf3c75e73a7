"""Replies becoming status updates: which action, permissions, proposals, edit, undo, forms.

Runs on SQLite and PostgreSQL with the BOCE example. Its people, as the tests use them:
Marieke Hoekstra is director and Sanne Wolters support; Hendrik Kuiper sponsors Omgevingswet
and Annelies Mulder Bereikbaarheid; Lotte Venema owns OW-03, OW-04, OW-05 and OW-08; Rob
Jansen is away with Wim Schepers as his deputy; Maya Verhoef writes English; Gerda Boelens
is a reader.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.engine.opening import Register, import_file
from config.settings import Settings
from handlers.dispatch import find_command
from handlers.replies.commands import deadline_command, status_command, update_command
from handlers.replies.corrections import edit_command, undo_command
from handlers.replies.form import on_form
from handlers.replies.free_text import free_text
from handlers.replies.proposals import current_deadline, read_new_deadline
from handlers.replies.recording import UNDO_WINDOW
from storage.models import (
    Action,
    DeadlineProposal,
    UpdateRevision,
)
from storage.updates import withdraw_update
from tests.conftest import BOCE, REGIODEAL, TODAY
from tests.register_rows import action, person, sent_ping, sent_pings
from tests.reply_acts import command, message_ctx, press, proposals, reply, submit, updates
from tests.stubs import RecordingOutgoing, make_ctx
from words.catalogue import t
from words.chat.messages import Button, InputKind, Message, Style
from words.chat.outgoing import Replace, ToPerson
from words.clock import FixedClock
from words.deadlines.error import DeadlineError
from words.deadlines.model import Deadline, Precision
from words.deadlines.parse import parse_deadline
from words.domain import PingState, ProposalState, Source, Status, UpdateKind


def refusal(key: str, lang: str = "nl") -> str:
    return t(key, lang)


def deadline_error(phrase: str) -> str:
    """The explanation words.deadlines gives for an unreadable phrase."""
    with pytest.raises(DeadlineError) as caught:
        parse_deadline(phrase, TODAY)
    return caught.value.message("nl")


FIX = (
    "Klopt het niet? Stuur ‘wijzig’ met de juiste tekst, of ‘ongedaan’ om het binnen 10 "
    "minuten terug te draaien."
)


# --- Naming the action --------------------------------------------------------------------------


def test_hash_number_records_status_and_text(boce: Session, clock: FixedClock) -> None:
    lotte, ow08 = person(boce, "lotte-venema"), action(boce, "OW-08")
    assert ow08.number == 8
    ctx, out = reply(boce, clock, lotte, "#8 loopt achter, docent ziek")
    (row,) = updates(boce)
    assert (row.action_id, row.status, row.text, row.previous_status) == (
        ow08.id,
        Status.DELAYED,
        "loopt achter, docent ziek",
        Status.AT_RISK,
    )
    assert (row.event_id, row.author_id, row.source) == (ctx.event_row, lotte.id, Source.CONSOLE)
    assert ow08.status is Status.DELAYED
    assert out.texts() == [
        "Genoteerd bij #8 Leergangen Omgevingswet via de BOCE-academie: status vertraagd, "
        "‘loopt achter, docent ziek’.\n" + FIX
    ]
    assert out.sent[0].to == ToPerson(lotte.id)


@pytest.mark.parametrize("text", ["8: afgerond", "OW-08: afgerond", "ow-08 afgerond", "Afgerond"])
def test_ways_to_name_an_action(boce: Session, clock: FixedClock, text: str) -> None:
    # "Afgerond" alone: the thread's ping asked about OW-08 only.
    lotte, ow08 = person(boce, "lotte-venema"), action(boce, "OW-08")
    _, message = sent_ping(boce, ow08, lotte, clock.now() - timedelta(hours=1))
    reply(boce, clock, lotte, text, about=message)
    (row,) = updates(boce)
    # Only a status word: a status-only update.
    assert (row.action_id, row.status, row.text) == (ow08.id, Status.DONE, "")


def test_thread_reply_answers_the_ping(boce: Session, clock: FixedClock) -> None:
    lotte, ow03 = person(boce, "lotte-venema"), action(boce, "OW-03")
    ping, message = sent_ping(boce, ow03, lotte, clock.now() - timedelta(days=1))
    reply(boce, clock, lotte, "eerste overleg met de RUD gepland", about=message)
    (row,) = updates(boce)
    assert (row.action_id, row.status, row.text) == (
        ow03.id,
        None,
        "eerste overleg met de RUD gepland",
    )
    boce.refresh(ping)
    assert ping.state is PingState.ANSWERED


def test_dm_reply_goes_to_the_newest_ping(boce: Session, clock: FixedClock) -> None:
    lotte = person(boce, "lotte-venema")
    sent_ping(boce, action(boce, "OW-03"), lotte, clock.now() - timedelta(days=3))
    sent_ping(boce, action(boce, "OW-05"), lotte, clock.now() - timedelta(days=1))
    reply(boce, clock, lotte, "loopt goed")
    (row,) = updates(boce)
    assert (row.action_id, row.status) == (action(boce, "OW-05").id, Status.ON_TRACK)


def test_a_ping_older_than_two_weeks_is_not_the_one(boce: Session, clock: FixedClock) -> None:
    pieter = person(boce, "pieter-lubbers")
    sent_ping(boce, action(boce, "LB-05"), pieter, clock.now() - timedelta(days=15))
    _, out = reply(boce, clock, pieter, "loopt goed")
    # Not the old ping's LB-05 alone: Pieter's own open actions (LB-05, LB-07) to pick from.
    assert updates(boce) == []
    assert [b.value.split(":")[1] for b in out.last().buttons] == [
        str(action(boce, "LB-05").id),
        str(action(boce, "LB-07").id),
    ]


def test_several_asked_means_pick_and_nothing_stored(boce: Session, clock: FixedClock) -> None:
    lotte = person(boce, "lotte-venema")
    ow03, ow08 = action(boce, "OW-03"), action(boce, "OW-08")
    # Both in one message, as the check-in sends them; the ping lists them by number.
    message = sent_pings(boce, [ow08, ow03], lotte, clock.now() - timedelta(hours=2))
    ctx, out = reply(boce, clock, lotte, "we zijn goed op weg", about=message)
    assert updates(boce) == []
    pick = out.last()
    assert pick.buttons == (
        Button(
            "#3 Werkwijze vergunningverlening met de RUD gelijktrekken",
            "pick",
            f"{ctx.event_row}:{ow03.id}",
        ),
        Button(
            "#8 Leergangen Omgevingswet via de BOCE-academie",
            "pick",
            f"{ctx.event_row}:{ow08.id}",
        ),
    )
    assert pick.text.startswith("Over welke actie gaat ‘we zijn goed op weg’?")


def test_picking_records_the_original_text_once(boce: Session, clock: FixedClock) -> None:
    lotte, ow08 = person(boce, "lotte-venema"), action(boce, "OW-08")
    ctx, _ = reply(boce, clock, lotte, "vertraagd: docent ziek, verwacht eind maart")
    assert updates(boce) == []  # Lotte has four open actions: she picks
    value = f"{ctx.event_row}:{ow08.id}"
    out = press(boce, clock, lotte, "pick", value, about=41)
    (row,) = updates(boce)
    assert (row.action_id, row.event_id, row.status, row.text) == (
        ow08.id,
        ctx.event_row,
        Status.DELAYED,
        "vertraagd: docent ziek, verwacht eind maart",
    )
    replaced = [s for s in out.sent if s.to == Replace(41)]
    assert [s.message.text for s in replaced if s.message] == [
        "Gekozen: #8 Leergangen Omgevingswet via de BOCE-academie."
    ]
    assert len(proposals(boce)) == 1
    # Picking again (or another action) makes no second update and no second proposal.
    again = press(boce, clock, lotte, "pick", value)
    other = press(boce, clock, lotte, "pick", f"{ctx.event_row}:{action(boce, 'OW-03').id}")
    assert len(updates(boce)) == 1
    assert len(proposals(boce)) == 1
    expected = (
        "Dit bericht staat al genoteerd bij #8 Leergangen Omgevingswet via de BOCE-academie. "
        "Stuur ‘wijzig’ met de juiste tekst of ‘ongedaan’ als het anders moet."
    )
    assert again.texts() == [expected]
    assert other.texts() == [expected]


def test_pick_of_someone_elses_message_is_refused(boce: Session, clock: FixedClock) -> None:
    lotte, wim = person(boce, "lotte-venema"), person(boce, "wim-schepers")
    ctx, _ = reply(boce, clock, lotte, "loopt goed")
    out = press(boce, clock, wim, "pick", f"{ctx.event_row}:{action(boce, 'OW-05').id}")
    assert updates(boce) == []
    assert out.texts() == [t("replies.pick_stale", "nl")]


def test_only_one_open_action_is_still_picked(boce: Session, clock: FixedClock) -> None:
    # Out of the blue, a text is an update only when it states a status or deadline, and
    # even with one open action nothing is stored until the person picks it.
    pieter, lb05, lb07 = (
        person(boce, "pieter-lubbers"),
        action(boce, "LB-05"),
        action(boce, "LB-07"),
    )
    lb05.status = Status.DONE
    ctx, out = reply(boce, clock, pieter, "loopt goed, eerste sessie gehouden in Emmerhout")
    assert updates(boce) == []
    assert [b.value for b in out.last().buttons] == [f"{ctx.event_row}:{lb07.id}"]
    _, out = reply(boce, clock, pieter, "eerste sessie gehouden in Emmerhout")
    assert updates(boce) == []
    assert out.last().text.startswith(t("understanding.not_understood", "nl"))


def test_more_than_ten_candidates_show_ten(boce: Session, clock: FixedClock) -> None:
    marieke = person(boce, "marieke-hoekstra")
    asked = list(boce.scalars(select(Action).where(Action.key.like("OW-%"))))
    asked += list(boce.scalars(select(Action).where(Action.key.like("BER-%"))))
    message = sent_pings(boce, asked, marieke, clock.now() - timedelta(hours=1))
    _, out = reply(boce, clock, marieke, "graag aandacht", about=message)
    pick = out.last()
    assert len(pick.buttons) == 10
    assert pick.text.endswith(
        "Je hebt er meer dan 10; staat de jouwe er niet bij, noem dan het nummer."
    )
    assert updates(boce) == []


def test_a_number_in_two_programmes_is_asked_with_keys(
    register: Register, settings: Settings, clock: FixedClock
) -> None:
    import_file(register, BOCE, settings, clock)
    import_file(register, REGIODEAL, settings, clock)
    with register.sessions() as session:
        pieter, ow07, rd07 = (
            person(session, "pieter-lubbers"),
            action(session, "OW-07"),
            action(session, "RD-07"),
        )
        assert ow07.number == rd07.number == 7
        ctx, out = reply(session, clock, pieter, "#7 eerste concept besproken")
        assert updates(session) == []
        pick = out.last()
        assert pick.text.startswith(
            "‘7’ bestaat in meer dan één programma: OW-07 (BOCE beleidsagenda), RD-07 "
        )
        assert [(b.label.split()[0], b.label.split()[-1], b.value) for b in pick.buttons] == [
            ("OW-07", "(boce)", f"{ctx.event_row}:{ow07.id}"),
            ("RD-07", "(regiodeal-zod)", f"{ctx.event_row}:{rd07.id}"),
        ]
        press(session, clock, pieter, "pick", f"{ctx.event_row}:{rd07.id}")
        (row,) = updates(session)
        assert (row.action_id, row.text) == (rd07.id, "eerste concept besproken")
        # A key names one programme's action without asking.
        reply(session, clock, pieter, "RD-06: op schema")
        assert updates(session)[-1].action_id == action(session, "RD-06").id


def test_unknown_number(boce: Session, clock: FixedClock) -> None:
    _, out = reply(boce, clock, person(boce, "lotte-venema"), "#99 klaar")
    assert updates(boce) == []
    assert out.texts() == [
        (
            "Ik ken geen actie ‘#99’ in jouw programma's. Typ ‘mijn acties’ voor je acties met "
            "hun nummers."
        )
    ]


@pytest.mark.parametrize("who", ["marieke-hoekstra", "gerda-boelens"])
def test_nothing_to_go_on_gets_a_hint(boce: Session, clock: FixedClock, who: str) -> None:
    _, out = reply(boce, clock, person(boce, who), "asdf qwerty")
    assert updates(boce) == []
    (text,) = out.texts()
    assert text.startswith(t("understanding.not_understood", "nl"))
    # A reader gives no updates, so is not told how to give one.
    assert ("loopt goed" in text) is (who != "gerda-boelens")


def test_empty_reply(boce: Session, clock: FixedClock) -> None:
    _, out = reply(boce, clock, person(boce, "lotte-venema"), "   ")
    assert out.texts() == [t("replies.empty", "nl")]


def test_english_speaker_is_answered_in_english(boce: Session, clock: FixedClock) -> None:
    maya, ber06 = person(boce, "maya-verhoef"), action(boce, "BER-06")
    _, out = reply(boce, clock, maya, f"#{ber06.number} not done yet, waiting for Euregio")
    (row,) = updates(boce)
    assert row.status is None
    assert out.texts() == [
        (
            f"Noted on #{ber06.number} {ber06.title}: ‘not done yet, waiting for Euregio’. "
            "The status stays open.\nHas the status changed? Then choose the new one below.\n"
            "Not right? Send ‘edit’ with the right text, or ‘undo’ within 10 minutes to take "
            "it back."
        )
    ]


def test_a_reply_without_a_status_offers_the_status_buttons(
    boce: Session, clock: FixedClock
) -> None:
    lotte, ow08 = person(boce, "lotte-venema"), action(boce, "OW-08")
    _, out = reply(boce, clock, lotte, "#8 overleg gehad met de docenten")
    (row,) = updates(boce)
    assert (row.status, row.text) == (None, "overleg gehad met de docenten")
    message = out.last()
    assert "De status blijft risico." in message.text
    assert "Is de status veranderd? Kies dan hieronder de nieuwe." in message.text
    assert [(b.label, b.action, b.value) for b in message.buttons] == [
        ("Op schema", "status", f"{ow08.id}:on_track"),
        ("Risico", "status", f"{ow08.id}:at_risk"),
        ("Vertraagd", "status", f"{ow08.id}:delayed"),
        ("Afgerond", "status", f"{ow08.id}:done"),
    ]
    # The button is the ping's: the existing handler records it.
    press(boce, clock, lotte, "status", message.buttons[2].value)
    assert updates(boce)[-1].status is Status.DELAYED
    assert ow08.status is Status.DELAYED


def test_a_reply_with_a_status_offers_no_status_buttons(boce: Session, clock: FixedClock) -> None:
    _, out = reply(boce, clock, person(boce, "lotte-venema"), "#8 loopt wat achter door ziekte")
    assert updates(boce)[-1].status is Status.DELAYED
    assert out.last().buttons == ()


@pytest.mark.parametrize(
    ("text", "key", "status"),
    [
        ("lotte-venema: OW 5 op schema", "OW-05", Status.ON_TRACK),
        ("lotte-venema: ow5: helemaal af", "OW-05", Status.DONE),
        ("lotte-venema: ow 05 loopt prima", "OW-05", Status.ON_TRACK),
        ("lotte-venema: OW-5, we halen de deadline niet", "OW-05", Status.DELAYED),
        ("lotte-venema: over OW 8: wordt spannend", "OW-08", Status.AT_RISK),
        ("esther-klaassens: LB 3 gaat goed", "LB-03", Status.ON_TRACK),
        ("esther-klaassens: lb-3 vertaagd", "LB-03", Status.DELAYED),
    ],
)
def test_a_reply_names_a_key_in_any_form(
    boce: Session, clock: FixedClock, text: str, key: str, status: Status
) -> None:
    who, said = text.split(": ", 1)
    reply(boce, clock, person(boce, who), said)
    (row,) = updates(boce)
    assert (row.action_id, row.status) == (action(boce, key).id, status)


def test_a_word_that_looks_like_a_key_is_a_reference_only_when_an_action_has_it(
    boce: Session, clock: FixedClock
) -> None:
    # "week 5" and "Q2" name nothing in BOCE: the reply answers the ping.
    lotte, ow08 = person(boce, "lotte-venema"), action(boce, "OW-08")
    _, message = sent_ping(boce, ow08, lotte, clock.now() - timedelta(hours=1))
    reply(boce, clock, lotte, "week 5 overleg gehad, Q2 blijft haalbaar", about=message)
    (row,) = updates(boce)
    assert (row.action_id, row.status) == (ow08.id, None)


def test_status_with_a_key_and_an_open_ping_is_a_status_update_on_that_key(
    boce: Session, clock: FixedClock
) -> None:
    # The reported case: "status H-b vertraagd" was stored on the pinged action as words.
    lotte, ow08, ow05 = person(boce, "lotte-venema"), action(boce, "OW-08"), action(boce, "OW-05")
    ow05.key = "H-b"
    boce.flush()
    _, message = sent_ping(boce, ow08, lotte, clock.now() - timedelta(hours=1))
    text = "status H-b vertraagd"
    found = find_command(text)
    assert found is not None
    handler, rest = found
    ctx, _ = message_ctx(boce, clock, lotte, text, about=message)
    handler(ctx, rest)
    (row,) = updates(boce)
    assert (row.action_id, row.status, row.text) == (ow05.id, Status.DELAYED, "")


def test_an_update_that_starts_with_a_week_is_a_reply(boce: Session, clock: FixedClock) -> None:
    # "week 48" reads like a key written with a space; no action has it, so this is a reply.
    lotte, ow08 = person(boce, "lotte-venema"), action(boce, "OW-08")
    _, message = sent_ping(boce, ow08, lotte, clock.now() - timedelta(hours=1))
    text = "Update: week 48 overleg gehad"
    found = find_command(text)
    assert found is not None
    handler, rest = found
    ctx, _ = message_ctx(boce, clock, lotte, text, about=message)
    handler(ctx, rest)
    (row,) = updates(boce)
    assert (row.action_id, row.text) == (ow08.id, text)


def test_same_event_four_times_makes_one_update(boce: Session, clock: FixedClock) -> None:
    lotte = person(boce, "lotte-venema")
    ctx, out = message_ctx(boce, clock, lotte, "#8 klaar, verwacht niets meer")
    for _ in range(4):
        # A fresh context per delivery, as bot.engine.handle builds one; the event row is the same.
        free_text(dataclasses.replace(ctx), "#8 afgerond")
    assert len(updates(boce)) == 1
    assert len(out.sent) == 1


# --- Permissions --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "key"),
    [
        ("lotte-venema", "OW-08"),  # the owner
        ("hendrik-kuiper", "OW-08"),  # the theme's sponsor
        ("marieke-hoekstra", "RT-03"),  # the director: everything
        ("sanne-wolters", "LB-06"),  # programme support: everything
        ("wim-schepers", "OW-02"),  # deputy of Rob, who is away
    ],
)
def test_allowed_to_update(boce: Session, clock: FixedClock, who: str, key: str) -> None:
    act = action(boce, key)
    reply(boce, clock, person(boce, who), f"#{act.number} op schema")
    (row,) = updates(boce)
    assert (row.action_id, row.status) == (act.id, Status.ON_TRACK)


@pytest.mark.parametrize(
    ("who", "key", "reason"),
    [
        ("lotte-venema", "BER-01", "perm.not_owner"),  # someone else's action
        ("hendrik-kuiper", "BER-01", "perm.not_owner"),  # sponsor of another theme
        ("gerda-boelens", "OW-08", "perm.reader"),  # readers only read
        ("pieter-lubbers", "OW-02", "perm.not_owner"),  # not Rob's deputy
    ],
)
def test_refused_to_update(
    boce: Session, clock: FixedClock, who: str, key: str, reason: str
) -> None:
    act = action(boce, key)
    status_before = act.status
    _, out = reply(boce, clock, person(boce, who), f"#{act.number} afgerond")
    assert updates(boce) == []
    assert act.status is status_before
    assert out.texts() == [refusal(reason)]


def test_deputy_no_longer_after_the_absence(boce: Session, clock: FixedClock) -> None:
    clock.advance(timedelta(days=30))  # Rob is back on 12 December
    _, out = reply(boce, clock, person(boce, "wim-schepers"), "#2 op schema")
    assert updates(boce) == []
    assert out.texts() == [refusal("perm.not_owner")]


def test_refused_button_and_form(boce: Session, clock: FixedClock) -> None:
    gerda, ow08 = person(boce, "gerda-boelens"), action(boce, "OW-08")
    assert press(boce, clock, gerda, "status", f"{ow08.id}:done").texts() == [
        refusal("perm.reader")
    ]
    assert press(boce, clock, gerda, "form", str(ow08.id)).texts() == [refusal("perm.reader")]
    _, out = submit(boce, clock, gerda, str(ow08.id), status="done", text="", deadline="")
    assert out.texts() == [refusal("perm.reader")]
    assert updates(boce) == []


# --- Deadline proposals -------------------------------------------------------------------------


def propose(boce: Session, clock: FixedClock) -> tuple[DeadlineProposal, RecordingOutgoing]:
    """Lotte writes that OW-03 will be later; the proposal goes to Hendrik."""
    _, out = reply(
        boce, clock, person(boce, "lotte-venema"), "#3 loopt achter, verwacht eind maart"
    )
    (proposal,) = proposals(boce)
    return proposal, out


def test_new_deadline_in_words_is_proposed_to_the_sponsor(boce: Session, clock: FixedClock) -> None:
    ow03, hendrik = action(boce, "OW-03"), person(boce, "hendrik-kuiper")
    proposal, out = propose(boce, clock)
    (row,) = updates(boce)
    assert (proposal.action_id, proposal.update_id, proposal.state) == (
        ow03.id,
        row.id,
        ProposalState.OPEN,
    )
    assert (proposal.due, proposal.text) == (date(2027, 3, 31), "eind maart")
    assert (ow03.due, ow03.deadline_text) == (date(2027, 6, 30), "H1 2027")  # not changed yet
    request, confirm = out.sent  # the request is queued first, then the confirmation
    assert confirm.to == ToPerson(person(boce, "lotte-venema").id)
    assert confirm.message is not None
    assert confirm.message.text.split("\n")[1] == (
        "De nieuwe deadline ‘eind maart 2027’ (woensdag 31 maart 2027) heb ik als voorstel "
        "voorgelegd aan Hendrik Kuiper. Je hoort het als er besloten is."
    )
    assert request.to == ToPerson(hendrik.id)
    assert request.key == f"proposal:{proposal.id}:{hendrik.id}"
    assert request.message == Message(
        "Lotte Venema stelt een nieuwe deadline voor bij #3 Werkwijze vergunningverlening "
        "met de RUD gelijktrekken.\n"
        "Nu: ‘H1 2027’ (woensdag 30 juni 2027)\n"
        "Voorstel: ‘eind maart 2027’ (woensdag 31 maart 2027)\n"
        "Toelichting: ‘loopt achter, verwacht eind maart’\n"
        "Ga je akkoord met de nieuwe deadline?",
        buttons=(
            Button("Akkoord", "proposal", f"{proposal.id}:accept", Style.PRIMARY),
            Button("Afwijzen", "proposal", f"{proposal.id}:reject", Style.DANGER),
        ),
    )


def test_sponsor_accepts(boce: Session, clock: FixedClock) -> None:
    ow03, lotte, hendrik = (
        action(boce, "OW-03"),
        person(boce, "lotte-venema"),
        person(boce, "hendrik-kuiper"),
    )
    proposal, _ = propose(boce, clock)
    out = press(boce, clock, hendrik, "proposal", f"{proposal.id}:accept", about=77)
    # Accepted, "eind maart" carries its year: a letter next year still means March 2027.
    assert (ow03.due, ow03.deadline_text) == (date(2027, 3, 31), "eind maart 2027")
    moved = updates(boce)[-1]
    assert (moved.kind, moved.author_id, moved.previous_deadline_text, moved.new_deadline_text) == (
        UpdateKind.DEADLINE,
        hendrik.id,
        "H1 2027",
        "eind maart 2027",
    )
    assert (proposal.state, proposal.decided_by) == (ProposalState.ACCEPTED, hendrik.id)
    answer = (
        "Akkoord: de deadline van #3 Werkwijze vergunningverlening met de RUD gelijktrekken is "
        "nu ‘eind maart 2027’ (woensdag 31 maart 2027) (was ‘H1 2027’ (woensdag 30 juni 2027))."
    )
    by_destination = {s.to: s.message.text for s in out.sent if s.message}
    # The question itself now shows the outcome instead of its buttons.
    assert by_destination == {
        Replace(77): answer,
        ToPerson(lotte.id): "Hendrik Kuiper is akkoord met je voorstel: de deadline van #3 "
        "Werkwijze vergunningverlening met de RUD gelijktrekken is nu ‘eind maart 2027’ "
        "(woensdag 31 maart 2027).",
    }
    # A second press finds it decided.
    again = press(boce, clock, hendrik, "proposal", f"{proposal.id}:reject")
    assert again.texts() == ["Over dit voorstel is al besloten: goedgekeurd door Hendrik Kuiper."]
    assert (ow03.deadline_text, ow03.deadline_typed) == ("eind maart 2027", "eind maart")


def test_sponsor_rejects(boce: Session, clock: FixedClock) -> None:
    ow03, lotte = action(boce, "OW-03"), person(boce, "lotte-venema")
    proposal, _ = propose(boce, clock)
    out = press(boce, clock, person(boce, "hendrik-kuiper"), "proposal", f"{proposal.id}:reject")
    assert proposal.state is ProposalState.REJECTED
    assert (ow03.due, ow03.deadline_text) == (date(2027, 6, 30), "H1 2027")
    assert [u.kind for u in updates(boce)] == [UpdateKind.STATUS]
    note = next(s for s in out.sent if s.to == ToPerson(lotte.id))
    assert note.message is not None
    assert note.message.text == (
        "Hendrik Kuiper heeft je voorstel ‘eind maart 2027’ (woensdag 31 maart 2027) voor #3 "
        "Werkwijze vergunningverlening met de RUD gelijktrekken afgewezen; de deadline blijft "
        "‘H1 2027’ (woensdag 30 juni 2027)."
    )


@pytest.mark.parametrize(
    ("who", "refused"),
    [
        ("lotte-venema", "perm.not_sponsor"),  # the owner proposes, does not decide
        ("annelies-mulder", "perm.not_sponsor"),  # sponsor of another theme
        ("gerda-boelens", "perm.reader"),
        ("marieke-hoekstra", None),
        ("sanne-wolters", None),
    ],
)
def test_who_decides(boce: Session, clock: FixedClock, who: str, refused: str | None) -> None:
    proposal, _ = propose(boce, clock)
    out = press(boce, clock, person(boce, who), "proposal", f"{proposal.id}:accept")
    if refused is None:
        assert proposal.state is ProposalState.ACCEPTED
    else:
        assert proposal.state is ProposalState.OPEN
        assert out.texts() == [refusal(refused)]


def test_without_a_sponsor_the_managers_decide(boce: Session, clock: FixedClock) -> None:
    action(boce, "OW-03").theme.sponsor_id = None
    boce.flush()
    boce.expire_all()
    _, out = propose(boce, clock)
    asked = [s.to for s in out.sent if s.key.startswith("proposal:")]
    assert asked == [
        ToPerson(person(boce, "marieke-hoekstra").id),
        ToPerson(person(boce, "sanne-wolters").id),
    ]
    confirm = next(s for s in out.sent if s.to == ToPerson(person(boce, "lotte-venema").id))
    assert confirm.message is not None
    assert "voorgelegd aan Marieke Hoekstra of Sanne Wolters." in confirm.message.text


def test_sponsor_mentioning_a_deadline_decides_in_place(boce: Session, clock: FixedClock) -> None:
    hendrik = person(boce, "hendrik-kuiper")
    _, out = reply(boce, clock, hendrik, "#3 vertraagd, verwacht eind maart")
    (proposal,) = proposals(boce)
    assert len(out.sent) == 1  # nobody else is asked
    message = out.last()
    assert message.text.split("\n")[1] == (
        "Je noemde een nieuwe deadline: ‘eind maart 2027’ (woensdag 31 maart 2027) (nu ‘H1 2027’ "
        "(woensdag 30 juni 2027)). Vastleggen?"
    )
    assert [b.value for b in message.buttons] == [
        f"{proposal.id}:accept",
        f"{proposal.id}:reject",
    ]


def test_unreadable_date_is_no_proposal(boce: Session, clock: FixedClock) -> None:
    _, out = reply(boce, clock, person(boce, "lotte-venema"), "#3 vertraagd, klaar zodra het kan")
    (row,) = updates(boce)
    assert row.text == "vertraagd, klaar zodra het kan"
    assert proposals(boce) == []
    assert len(out.sent) == 1


def test_stale_proposal_buttons(boce: Session, clock: FixedClock) -> None:
    hendrik = person(boce, "hendrik-kuiper")
    assert press(boce, clock, hendrik, "proposal", "999999:accept").texts() == [
        t("replies.proposal_gone", "nl")
    ]
    assert press(boce, clock, hendrik, "proposal", "abc").texts() == [
        t("replies.button_unknown", "nl")
    ]
    proposal, _ = propose(boce, clock)
    assert press(boce, clock, hendrik, "proposal", f"{proposal.id}:maybe").texts() == [
        t("replies.button_unknown", "nl")
    ]


# --- Commands ---------------------------------------------------------------------------------


def test_update_command(boce: Session, clock: FixedClock) -> None:
    lotte, ow05 = person(boce, "lotte-venema"), action(boce, "OW-05")
    command(boce, clock, lotte, update_command, "5 regels buitengebied vergeleken, op schema")
    (row,) = updates(boce)
    assert (row.action_id, row.status, row.text) == (
        ow05.id,
        Status.ON_TRACK,
        "regels buitengebied vergeleken, op schema",
    )
    assert command(boce, clock, lotte, update_command, "5").texts() == [
        t("replies.update_usage", "nl")
    ]


def test_status_command(boce: Session, clock: FixedClock) -> None:
    lotte, ow08 = person(boce, "lotte-venema"), action(boce, "OW-08")
    command(boce, clock, lotte, status_command, "OW-08 op schema")
    (row,) = updates(boce)
    assert (row.action_id, row.status, row.text) == (ow08.id, Status.ON_TRACK, "")
    out = command(boce, clock, lotte, status_command, "8 prima")
    assert out.texts() == [
        (
            "‘prima’ ken ik niet als status. Kies uit: open, op schema, risico, vertraagd, "
            "afgerond, vervallen."
        )
    ]
    assert len(updates(boce)) == 1


@pytest.mark.parametrize(
    "ref", ["OW-08", "OW-8", "OW 8", "ow8", "ow 08", "#8", "8", "ow_8", "actie 8", "OW-08:"]
)
def test_status_command_names_the_action_in_any_form(
    boce: Session, clock: FixedClock, ref: str
) -> None:
    lotte, ow08 = person(boce, "lotte-venema"), action(boce, "OW-08")
    command(boce, clock, lotte, status_command, f"{ref} op schema")
    (row,) = updates(boce)
    assert (row.action_id, row.status, row.text) == (ow08.id, Status.ON_TRACK, "")


def test_status_command_reads_a_status_in_words(boce: Session, clock: FixedClock) -> None:
    lotte, ow08 = person(boce, "lotte-venema"), action(boce, "OW-08")
    command(boce, clock, lotte, status_command, "OW 8 loopt prima, docent terug")
    (row,) = updates(boce)
    assert (row.action_id, row.status, row.text) == (
        ow08.id,
        Status.ON_TRACK,
        "loopt prima, docent terug",
    )


def test_status_command_with_an_unknown_key(boce: Session, clock: FixedClock) -> None:
    out = command(boce, clock, person(boce, "lotte-venema"), status_command, "OW-99 klaar")
    assert out.texts() == [t("replies.unknown_ref", "nl", ref="OW-99")]
    assert updates(boce) == []


def test_status_command_with_a_spaced_key_and_no_status(boce: Session, clock: FixedClock) -> None:
    out = command(boce, clock, person(boce, "lotte-venema"), status_command, "OW 8")
    words = "open, op schema, risico, vertraagd, afgerond, vervallen"
    assert out.texts() == [t("replies.status_usage", "nl", words=words)]
    assert updates(boce) == []


def test_deadline_command_with_a_spaced_key(boce: Session, clock: FixedClock) -> None:
    marieke, ow03 = person(boce, "marieke-hoekstra"), action(boce, "OW-03")
    command(boce, clock, marieke, deadline_command, "OW 3 eind maart 2027")
    assert (ow03.due, ow03.deadline_text) == (date(2027, 3, 31), "eind maart 2027")


def test_status_command_refused_for_a_reader(boce: Session, clock: FixedClock) -> None:
    out = command(boce, clock, person(boce, "gerda-boelens"), status_command, "8 afgerond")
    assert out.texts() == [refusal("perm.reader")]
    assert updates(boce) == []


def test_deadline_command_by_the_director_sets_it(boce: Session, clock: FixedClock) -> None:
    marieke, ow03 = person(boce, "marieke-hoekstra"), action(boce, "OW-03")
    out = command(boce, clock, marieke, deadline_command, "3 eind maart 2027")
    assert (ow03.due, ow03.deadline_text) == (date(2027, 3, 31), "eind maart 2027")
    (row,) = updates(boce)
    assert (row.kind, row.previous_deadline_text, row.new_deadline_text, row.previous_due) == (
        UpdateKind.DEADLINE,
        "H1 2027",
        "eind maart 2027",
        date(2027, 6, 30),
    )
    assert out.texts() == [
        (
            "De deadline van #3 Werkwijze vergunningverlening met de RUD gelijktrekken is nu "
            "‘eind maart 2027’ (woensdag 31 maart 2027) (was ‘H1 2027’ (woensdag 30 juni 2027))."
        )
    ]
    assert proposals(boce) == []


def test_deadline_command_by_the_owner_proposes(boce: Session, clock: FixedClock) -> None:
    lotte, ow03 = person(boce, "lotte-venema"), action(boce, "OW-03")
    out = command(boce, clock, lotte, deadline_command, "#3 eind maart 2027")
    (proposal,) = proposals(boce)
    assert (proposal.update_id, proposal.text) == (None, "eind maart 2027")
    assert ow03.deadline_text == "H1 2027"
    assert updates(boce) == []
    assert [s.to for s in out.sent] == [
        ToPerson(person(boce, "hendrik-kuiper").id),
        ToPerson(lotte.id),
    ]


@pytest.mark.parametrize(
    ("who", "reason"),
    [("gerda-boelens", "perm.reader"), ("fatima-el-amrani", "perm.not_owner")],
)
def test_deadline_command_refused(boce: Session, clock: FixedClock, who: str, reason: str) -> None:
    out = command(boce, clock, person(boce, who), deadline_command, "3 eind maart 2027")
    assert out.texts() == [refusal(reason)]
    assert (updates(boce), proposals(boce)) == ([], [])


def test_deadline_command_explains_a_phrase(boce: Session, clock: FixedClock) -> None:
    lotte = person(boce, "lotte-venema")
    # "15 maart" is a date, not action 15; a phrase without an action is explained.
    for args, expected in [
        ("15 maart", "'15 maart' lees ik als 2027-03-15 (precisie: dag)"),
        ("eind maart", "'eind maart' lees ik als 2027-03-31 (precisie: maand)"),
        ("Q2 2027", "'Q2 2027' lees ik als 2027-06-30 (precisie: kwartaal)"),
    ]:
        assert command(boce, clock, lotte, deadline_command, args).texts() == [expected]
    assert (updates(boce), proposals(boce)) == ([], [])


def test_deadline_command_bad_phrases(boce: Session, clock: FixedClock) -> None:
    marieke, ow03 = person(boce, "marieke-hoekstra"), action(boce, "OW-03")
    unreadable = command(boce, clock, marieke, deadline_command, "3 binnenkort")
    assert unreadable.texts() == [deadline_error("binnenkort")]
    past = command(boce, clock, marieke, deadline_command, "3 1 oktober 2026")
    assert past.texts() == [
        (
            "‘1 oktober 2026’ (donderdag 1 oktober 2026) ligt in het verleden. Noem een deadline "
            "vanaf vandaag."
        )
    ]
    same = command(boce, clock, marieke, deadline_command, "3 H1 2027")
    assert same.texts()[0].startswith("#3 Werkwijze vergunningverlening")
    assert ow03.deadline_text == "H1 2027"
    assert updates(boce) == []
    assert command(boce, clock, marieke, deadline_command, "").texts() == [
        t("replies.deadline_usage", "nl")
    ]


# --- Edit and undo --------------------------------------------------------------------------------


def test_edit_replaces_text_and_keeps_history(boce: Session, clock: FixedClock) -> None:
    lotte, ow08 = person(boce, "lotte-venema"), action(boce, "OW-08")
    reply(boce, clock, lotte, "#8 loopt goed, tweede groep gestart")
    clock.advance(timedelta(hours=3))
    out = command(boce, clock, lotte, edit_command, "toch vertraagd, docent ziek")
    (row,) = updates(boce)
    assert (row.text, row.status, row.edited_at) == (
        "toch vertraagd, docent ziek",
        Status.DELAYED,
        clock.now(),
    )
    assert ow08.status is Status.DELAYED
    (revision,) = boce.scalars(select(UpdateRevision)).all()
    assert (revision.text, revision.status) == ("loopt goed, tweede groep gestart", Status.ON_TRACK)
    assert out.texts() == [
        (
            "Aangepast: je update bij #8 Leergangen Omgevingswet via de BOCE-academie luidt nu: "
            "status vertraagd, ‘toch vertraagd, docent ziek’. De vorige versie blijft bewaard."
        )
    ]


def test_correction_word_in_free_text_and_status_only_edit(
    boce: Session, clock: FixedClock
) -> None:
    lotte = person(boce, "lotte-venema")
    reply(boce, clock, lotte, "#8 tweede groep gestart")
    reply(boce, clock, lotte, "correctie: afgerond")
    (row,) = updates(boce)
    # Only a status word: the text stays, the status changes.
    assert (row.text, row.status) == ("tweede groep gestart", Status.DONE)


def test_edit_with_nothing_to_edit(boce: Session, clock: FixedClock) -> None:
    lotte = person(boce, "lotte-venema")
    assert command(boce, clock, lotte, edit_command, "toch klaar").texts() == [
        t("replies.edit_nothing", "nl")
    ]
    assert command(boce, clock, lotte, edit_command, "").texts() == [t("replies.edit_usage", "nl")]


def test_undo_within_the_window(boce: Session, clock: FixedClock) -> None:
    lotte, ow08 = person(boce, "lotte-venema"), action(boce, "OW-08")
    reply(boce, clock, lotte, "#8 vertraagd, verwacht eind maart")
    assert (ow08.status, len(proposals(boce))) == (Status.DELAYED, 1)
    clock.advance(UNDO_WINDOW)
    out = command(boce, clock, lotte, undo_command, "")
    (row,) = updates(boce)
    assert (row.withdrawn_at, row.withdrawn_by_id) == (clock.now(), lotte.id)
    assert proposals(boce) == []
    assert ow08.status is Status.AT_RISK
    assert out.texts() == [
        (
            "Ongedaan gemaakt: je update bij #8 Leergangen Omgevingswet via de BOCE-academie is "
            "ingetrokken. Hij telt niet meer mee en staat in de geschiedenis van de actie als "
            "ingetrokken.\nDe status is weer risico."
        )
    ]


def test_undo_after_the_window(boce: Session, clock: FixedClock) -> None:
    lotte, ow08 = person(boce, "lotte-venema"), action(boce, "OW-08")
    reply(boce, clock, lotte, "#8 vertraagd")
    clock.advance(UNDO_WINDOW + timedelta(seconds=1))
    _, out = reply(boce, clock, lotte, "ongedaan")
    (row,) = updates(boce)
    assert row.withdrawn_at is None
    assert ow08.status is Status.DELAYED
    assert out.texts() == [
        (
            "Je laatste update (bij #8, zondag 22 november 2026 13:00) is niet in de afgelopen 10 "
            "minuten gegeven en kan niet meer ongedaan worden gemaakt. Pas hem aan met ‘wijzig’ "
            "en de juiste tekst."
        )
    ]


def test_undo_of_an_update_dated_later_by_another_clock_is_refused(
    boce: Session, clock: FixedClock
) -> None:
    # Recorded on a simulated clock a day ahead; the clock of this event is today's.
    lotte, ow08 = person(boce, "lotte-venema"), action(boce, "OW-08")
    ahead = FixedClock(clock.now() + timedelta(days=1))
    reply(boce, ahead, lotte, "#8 vertraagd")
    _, out = reply(boce, clock, lotte, "ongedaan")
    (row,) = updates(boce)
    assert row.withdrawn_at is None
    assert ow08.status is Status.DELAYED
    assert out.texts()[0].startswith("Je laatste update (bij #8, maandag 23 november 2026 13:00)")


def test_undo_of_an_update_withdrawn_meanwhile_is_refused_politely(
    boce: Session, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    lotte = person(boce, "lotte-venema")
    reply(boce, clock, lotte, "#8 vertraagd")
    (row,) = updates(boce)
    # Another undo event, handled at the same moment, withdrew it after this one found it.
    monkeypatch.setattr("handlers.replies.corrections.last_update_by", lambda *_: row)
    withdraw_update(boce, row, lotte, clock.now())
    out = command(boce, clock, lotte, undo_command, "")
    assert out.texts() == [
        (
            "Je update bij #8 Leergangen Omgevingswet via de BOCE-academie is al ingetrokken; er "
            "is niets meer ongedaan te maken."
        )
    ]


def test_undo_with_nothing_to_undo(boce: Session, clock: FixedClock) -> None:
    out = command(boce, clock, person(boce, "lotte-venema"), undo_command, "")
    assert out.texts() == [t("replies.undo_nothing", "nl")]


def test_undo_in_english(boce: Session, clock: FixedClock) -> None:
    maya, ber06 = person(boce, "maya-verhoef"), action(boce, "BER-06")
    reply(boce, clock, maya, f"#{ber06.number} done")
    _, out = reply(boce, clock, maya, "undo")
    assert out.texts() == [
        (
            f"Undone: your update on #{ber06.number} {ber06.title} is withdrawn. It no longer "
            "counts and shows in the action's history as withdrawn.\nThe status is open again."
        )
    ]


def test_edit_and_undo_act_on_the_last_recorded_update_when_the_clock_went_back(
    boce: Session, clock: FixedClock
) -> None:
    # A console restarted without its simulated time: the second update is dated earlier.
    lotte, ow03, ow08 = person(boce, "lotte-venema"), action(boce, "OW-03"), action(boce, "OW-08")
    ahead = FixedClock(clock.now() + timedelta(days=20))
    reply(boce, ahead, lotte, "#3 tweede overleg gepland")
    reply(boce, clock, lotte, "#8 vertraagd")
    command(boce, clock, lotte, edit_command, "vertraagd, docent ziek")
    first, second = updates(boce)
    assert (first.action_id, first.text) == (ow03.id, "tweede overleg gepland")
    assert (second.action_id, second.text) == (ow08.id, "vertraagd, docent ziek")
    out = command(boce, clock, lotte, undo_command, "")
    assert out.texts()[0].startswith("Ongedaan gemaakt: je update bij #8 ")
    assert (first.withdrawn_at, second.withdrawn_at) == (None, clock.now())


def test_edit_after_undo_acts_on_the_update_before(boce: Session, clock: FixedClock) -> None:
    lotte = person(boce, "lotte-venema")
    reply(boce, clock, lotte, "#3 tweede overleg gepland")
    reply(boce, clock, lotte, "#8 vertraagd")
    command(boce, clock, lotte, undo_command, "")
    out = command(boce, clock, lotte, edit_command, "loopt goed, stukken verstuurd")
    first, second = updates(boce)
    assert first.text == "loopt goed, stukken verstuurd"
    assert (second.status, second.edited_at) == (Status.DELAYED, None)
    assert out.texts()[0].startswith("Aangepast: je update bij #3 ")


# --- Buttons and the form -------------------------------------------------------------------------


def test_status_button(boce: Session, clock: FixedClock) -> None:
    lotte, ow08 = person(boce, "lotte-venema"), action(boce, "OW-08")
    out = press(boce, clock, lotte, "status", f"{ow08.id}:on_track")
    (row,) = updates(boce)
    assert (row.action_id, row.status, row.text) == (ow08.id, Status.ON_TRACK, "")
    assert out.texts()[0] == (
        "Genoteerd bij #8 Leergangen Omgevingswet via de BOCE-academie: status op schema.\n" + FIX
    )


@pytest.mark.parametrize(
    ("kind", "value", "key"),
    [
        ("status", "999999:done", "replies.action_gone"),
        ("status", "12:klaarrr", "replies.button_unknown"),
        ("status", "nonsense", "replies.button_unknown"),
        ("form", "999999", "replies.action_gone"),
        ("form", "", "replies.button_unknown"),
        ("pick", "999999:1", "replies.pick_stale"),
        ("pick", "x:y", "replies.button_unknown"),
        ("launch", "1", "replies.button_unknown"),
    ],
)
def test_stale_or_garbled_buttons(
    boce: Session, clock: FixedClock, kind: str, value: str, key: str
) -> None:
    out = press(boce, clock, person(boce, "lotte-venema"), kind, value)
    assert out.texts() == [t(key, "nl")]
    assert updates(boce) == []


def test_form_button_offers_the_form(boce: Session, clock: FixedClock) -> None:
    ow08 = action(boce, "OW-08")
    message = press(boce, clock, person(boce, "lotte-venema"), "form", str(ow08.id)).last()
    assert message.form is not None
    form = message.form
    assert (form.id, form.context, form.title) == ("update", str(ow08.id), "Update #8")
    status, text, kpi, deadline = form.inputs
    assert (kpi.name, kpi.kind) == ("kpi", InputKind.TEXT)  # OW-08 has a KPI
    assert (status.name, status.kind, status.initial) == ("status", InputKind.CHOICE, "unchanged")
    assert [(c.value, c.label) for c in status.choices] == [
        ("on_track", "op schema"),
        ("at_risk", "risico"),
        ("delayed", "vertraagd"),
        ("done", "afgerond"),
        ("unchanged", "ongewijzigd"),
    ]
    assert (text.name, text.kind) == ("text", InputKind.LONG_TEXT)
    assert (deadline.name, deadline.kind, deadline.hint, deadline.error) == (
        "deadline",
        InputKind.TEXT,
        "bijv. eind maart 2027",
        "",
    )


def test_form_with_an_unreadable_deadline_comes_back(boce: Session, clock: FixedClock) -> None:
    ow08 = action(boce, "OW-08")
    _, out = submit(
        boce,
        clock,
        person(boce, "lotte-venema"),
        str(ow08.id),
        status="delayed",
        text="docent ziek",
        deadline="binnenkort",
    )
    assert updates(boce) == []
    assert proposals(boce) == []
    assert ow08.status is Status.AT_RISK
    form = out.last().form
    assert form is not None
    status, text, _, deadline = form.inputs
    assert deadline.error == deadline_error("binnenkort")
    assert (status.initial, text.initial, deadline.initial) == (
        "delayed",
        "docent ziek",
        "binnenkort",
    )
    assert (status.error, text.error) == ("", "")


def test_form_records_and_proposes(boce: Session, clock: FixedClock) -> None:
    ow08 = action(boce, "OW-08")
    ctx, out = submit(
        boce,
        clock,
        person(boce, "lotte-venema"),
        str(ow08.id),
        status="delayed",
        text="docent ziek",
        deadline="eind maart 2027",
    )
    (row,) = updates(boce)
    assert (row.status, row.text, row.event_id) == (Status.DELAYED, "docent ziek", ctx.event_row)
    (proposal,) = proposals(boce)
    assert (proposal.update_id, proposal.text) == (row.id, "eind maart 2027")
    assert ToPerson(person(boce, "hendrik-kuiper").id) in [s.to for s in out.sent]


def test_form_by_the_sponsor_sets_the_deadline(boce: Session, clock: FixedClock) -> None:
    ow08 = action(boce, "OW-08")
    submit(
        boce,
        clock,
        person(boce, "hendrik-kuiper"),
        str(ow08.id),
        status="unchanged",
        text="",
        deadline="Q1 2027",
    )
    (row,) = updates(boce)
    assert (row.kind, row.new_deadline_text) == (UpdateKind.DEADLINE, "Q1 2027")
    assert ow08.due == date(2027, 3, 31)
    assert proposals(boce) == []


def test_empty_form_comes_back(boce: Session, clock: FixedClock) -> None:
    ow08 = action(boce, "OW-08")
    _, out = submit(
        boce, clock, person(boce, "lotte-venema"), str(ow08.id), status="unchanged", text=" "
    )
    assert updates(boce) == []
    form = out.last().form
    assert form is not None
    assert form.inputs[1].error == (
        "Vul een status, een tekst, een stand of een nieuwe deadline in."
    )


def test_unknown_form(boce: Session, clock: FixedClock) -> None:
    out = RecordingOutgoing()
    ctx = make_ctx(boce, clock, person(boce, "lotte-venema"), out)
    on_form(ctx, "survey", "1", {})
    assert out.texts() == [t("replies.form_unknown", "nl")]


def test_a_new_deadline_is_read_in_the_writers_language_and_the_same_one_is_recognised() -> None:
    # The register keeps "eind maart 2027"; "end of March" from an English owner and "eind
    # maart" from a Dutch one are that same deadline, "mid March" is a new one.
    ow = Action(
        number=3,
        title="Werkwijze",
        due=date(2027, 3, 31),
        deadline_text="eind maart 2027",
        deadline_precision=Precision.MONTH,
    )
    same_en = read_new_deadline(ow, "by the end of March", TODAY, "en")
    assert same_en == t(
        "replies.deadline_same",
        "en",
        number=3,
        title="Werkwijze",
        deadline=current_deadline(ow, "en"),
    )
    assert isinstance(read_new_deadline(ow, "eind maart", TODAY, "nl"), str)
    moved = read_new_deadline(ow, "mid March", TODAY, "en")
    assert isinstance(moved, Deadline)
    assert (moved.due, moved.precision) == (date(2027, 3, 15), Precision.MONTH)
    # A Dutch reader does not take English other than a full date.
    assert isinstance(read_new_deadline(ow, "mid March", TODAY, "nl"), str)


def test_an_english_speaker_gives_deadlines_in_english(boce: Session, clock: FixedClock) -> None:
    # Maya writes English: her replies and her 'deadline' command are read in English, so
    # "end of April" is a proposal like the Dutch "eind april" would be.
    maya, ber06, rt05 = (
        person(boce, "maya-verhoef"),
        action(boce, "BER-06"),
        action(boce, "RT-05"),
    )
    _, out = reply(
        boce, clock, maya, f"#{ber06.number} running behind, expected by the end of April"
    )
    # The Dutch sponsor decides on the deadline as the register will keep it, in Dutch.
    assert any("Voorstel: ‘eind april 2027’" in text for text in out.texts())
    command(boce, clock, maya, deadline_command, f"{rt05.key} March 31, {TODAY.year + 1}")
    first, second = proposals(boce)
    assert (first.action_id, first.due) == (ber06.id, date(TODAY.year + 1, 4, 30))
    assert (second.action_id, second.due) == (rt05.id, date(TODAY.year + 1, 3, 31))
    (row,) = updates(boce)
    assert row.status is Status.DELAYED


def test_a_dutch_speaker_is_not_read_in_english(boce: Session, clock: FixedClock) -> None:
    # "we may finish" is no May deadline, for a Dutch reader as for an English one.
    lotte, ow08 = person(boce, "lotte-venema"), action(boce, "OW-08")
    reply(boce, clock, lotte, f"#{ow08.number} we may finish next week, zie mail")
    maya, ber06 = person(boce, "maya-verhoef"), action(boce, "BER-06")
    reply(boce, clock, maya, f"#{ber06.number} we may be done, the draft is with the province")
    assert proposals(boce) == []
