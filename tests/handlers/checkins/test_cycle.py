"""The check-in schedule on a real register: planning, sending, reminders, escalation."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.engine.opening import Register, import_file
from config.settings import Settings
from handlers.checkins import cycle as checkins
from storage import marks
from storage import pings as store
from storage.db import transaction
from storage.models import (
    Action,
    ClockMark,
    Ping,
    StatusUpdate,
)
from storage.ping_reminders import escalated, missing_updates
from storage.ping_subjects import last_status_dates
from tests.checkin_world import SUNDAY, Outbox, World, make_world, utc
from tests.conftest import BOCE
from words.chat.outgoing import ToPerson
from words.checkin_settings import ScheduleSettings, WhenAbsent
from words.clock import FixedClock
from words.domain import PingRule, PingState, Source, Status, UpdateKind

DAILY = "FREQ=DAILY;BYHOUR=9;BYMINUTE=0"
MONDAY_9 = datetime(2026, 11, 23, 8, tzinfo=UTC)  # 09:00 in Amsterdam


@pytest.fixture
def world(register: Register) -> World:
    return make_world(register)


def keyed(pings: list[Ping]) -> list[tuple[PingRule, datetime, PingState]]:
    return [(p.rule, p.occurrence, p.state) for p in pings]


# -- planning ---------------------------------------------------------------------------------


def test_the_first_plan_looks_ahead_from_now(world: World) -> None:
    action = world.action(1)
    assert world.plan(SUNDAY) == 2
    rob = world.people["rob"]
    pings = world.pings()
    assert [p.key for p in pings] == [
        f"checkin:{action}:{rob}:2026-11-23T08:00Z",
        f"checkin:{action}:{rob}:2026-11-30T08:00Z",
    ]
    assert [p.due_at for p in pings] == [MONDAY_9, MONDAY_9 + timedelta(days=7)]
    assert {(p.state, p.recipient_id, p.owner_id) for p in pings} == {(PingState.PLANNED, rob, rob)}
    with world.register.sessions() as session:
        assert marks.get_mark(session, "plan:test") == SUNDAY + checkins.HORIZON


def test_planning_again_stores_nothing_new(world: World) -> None:
    world.action(1)
    assert world.plan(SUNDAY) == 2
    assert world.plan(SUNDAY) == 0
    assert world.plan(SUNDAY + timedelta(hours=1)) == 0
    assert len(world.pings()) == 2


def test_closed_actions_get_no_pings(world: World) -> None:
    world.action(1, status=Status.DONE)
    world.action(2, status=Status.DROPPED)
    assert world.plan(SUNDAY) == 0


def test_a_weekly_ping_stays_at_nine_across_the_autumn_clock_change(world: World) -> None:
    world.action(1)
    world.plan(utc(2026, 10, 18, 12))
    assert [(p.occurrence, p.due_at) for p in world.pings()] == [
        (utc(2026, 10, 19, 7), utc(2026, 10, 19, 7)),
        (utc(2026, 10, 26, 8), utc(2026, 10, 26, 8)),
    ]


def test_deadline_pings_before_and_after(world: World) -> None:
    action = world.action(1, due=date(2026, 12, 4), rule="FREQ=YEARLY;BYMONTH=1")
    world.plan(SUNDAY)
    rob = world.people["rob"]
    pings = world.pings()
    assert [p.key for p in pings] == [
        f"before:{action}:{rob}:2026-11-27T08:00Z",
        f"before:{action}:{rob}:2026-12-03T08:00Z",
        f"after:{action}:{rob}:2026-12-05T08:00Z",
    ]
    # The day after is a Saturday: that ping waits for Monday, under its nominal key.
    assert pings[2].due_at == utc(2026, 12, 7, 8)


def test_weekend_and_holiday_pings_wait_for_the_next_working_day(register: Register) -> None:
    world = make_world(register, rule=DAILY)
    world.action(1)
    world.plan(utc(2026, 12, 20, 12))
    due = {p.occurrence: p.due_at for p in world.pings()}
    # Christmas (Friday), Boxing Day and Sunday all wait for Monday 28 December, 09:00.
    for day in (25, 26, 27, 28):
        assert due[utc(2026, 12, day, 8)] == utc(2026, 12, 28, 8)
    assert due[utc(2026, 12, 24, 8)] == utc(2026, 12, 24, 8)
    world.tick(utc(2026, 12, 28, 8))
    rob = world.people["rob"]
    [message] = world.out.to(rob)
    assert message.text.count("#1 Actie 1") == 1
    sent = [p for p in world.pings() if p.state is PingState.SENT]
    assert [p.occurrence for p in sent] == [utc(2026, 12, 28, 8)]


def test_a_moved_deadline_replaces_its_pings(world: World) -> None:
    action = world.action(1, due=date(2026, 12, 4), rule="FREQ=YEARLY;BYMONTH=1")
    world.tick(SUNDAY)
    world.update(action, SUNDAY + timedelta(hours=1), due=date(2026, 12, 2))
    report = world.tick(SUNDAY + timedelta(hours=1, minutes=1))
    assert report.planned == 3
    assert keyed(world.pings()) == [
        (PingRule.BEFORE, utc(2026, 11, 25, 8), PingState.PLANNED),
        (PingRule.BEFORE, utc(2026, 11, 27, 8), PingState.CANCELLED),
        (PingRule.BEFORE, utc(2026, 12, 1, 8), PingState.PLANNED),
        (PingRule.BEFORE, utc(2026, 12, 3, 8), PingState.CANCELLED),
        (PingRule.AFTER, utc(2026, 12, 3, 8), PingState.PLANNED),
        (PingRule.AFTER, utc(2026, 12, 5, 8), PingState.CANCELLED),
    ]
    # Moved back: the cancelled pings return, the others go.
    world.update(action, SUNDAY + timedelta(hours=2), due=date(2026, 12, 4))
    assert world.tick(SUNDAY + timedelta(hours=2, minutes=1)).planned == 3
    states = [p.state for p in world.pings()]
    assert states == [
        PingState.CANCELLED,
        PingState.PLANNED,
        PingState.CANCELLED,
        PingState.PLANNED,
        PingState.CANCELLED,
        PingState.PLANNED,
    ]


def test_a_closed_and_reopened_action_loses_and_regains_its_pings(world: World) -> None:
    action = world.action(1)
    world.tick(SUNDAY)
    # Changed without an update row: the action's own updated_at tells.
    with transaction(world.register.sessions) as session:
        row = session.get(Action, action)
        assert row is not None
        row.status, row.updated_at = Status.DONE, SUNDAY + timedelta(minutes=5)
    world.tick(SUNDAY + timedelta(minutes=6))
    assert {p.state for p in world.pings()} == {PingState.CANCELLED}
    with transaction(world.register.sessions) as session:
        row = session.get(Action, action)
        assert row is not None
        row.status, row.updated_at = Status.ON_TRACK, SUNDAY + timedelta(minutes=7)
    assert world.tick(SUNDAY + timedelta(minutes=8)).planned == 2
    assert {p.state for p in world.pings()} == {PingState.PLANNED}


def test_the_tick_plans_fully_only_when_half_the_horizon_is_left(world: World) -> None:
    world.action(1)
    assert world.tick(SUNDAY).planned == 2
    assert world.tick(SUNDAY + timedelta(days=1)).planned == 0
    with world.register.sessions() as session:
        assert marks.get_mark(session, "plan:test") == SUNDAY + timedelta(days=14)
    later = SUNDAY + timedelta(days=7, minutes=1)
    assert world.tick(later).planned == 1  # Monday 7 December
    with world.register.sessions() as session:
        assert marks.get_mark(session, "plan:test") == later + timedelta(days=14)


# -- sending ----------------------------------------------------------------------------------


def test_a_tick_twice_gives_one_ping_and_one_message(world: World) -> None:
    action = world.action(1)
    world.tick(SUNDAY)
    assert world.tick(MONDAY_9 - timedelta(minutes=1)).sent == 0
    assert world.tick(MONDAY_9).sent == 1
    assert world.tick(MONDAY_9).sent == 0
    assert world.tick(MONDAY_9 + timedelta(minutes=1)).sent == 0
    monday = [p for p in world.pings() if p.occurrence == MONDAY_9]
    assert len(monday) == 1
    assert (monday[0].state, monday[0].sent_at) == (PingState.SENT, MONDAY_9)
    [sent] = world.out.sent
    rob = world.people["rob"]
    assert sent.key == f"ping:{rob}:{monday[0].id}"
    assert sent.to == ToPerson(rob)
    assert monday[0].outbox_id == sent.outbox_id
    assert sent.message.sections[1].heading == "#1 Actie 1"
    assert sent.message.sections[1].buttons[0].value == f"{action}:on_track"


def test_five_actions_make_one_message(world: World) -> None:
    ids = {n: world.action(n) for n in (4, 1, 5, 2, 3)}
    shared = world.action(6, owners=("wim", "rob"))
    world.tick(SUNDAY)
    assert world.tick(MONDAY_9).sent == 2
    rob, wim = world.people["rob"], world.people["wim"]
    [to_rob] = world.out.to(rob)
    headings = [s.heading for s in to_rob.sections if s.heading]
    assert headings == [f"#{n} Actie {n}" for n in (1, 2, 3, 4, 5, 6)]
    assert to_rob.text.startswith("Hoi Rob, hoe staat het met deze 6 acties?")
    [to_wim] = world.out.to(wim)
    assert [s.heading for s in to_wim.sections if s.heading] == ["#6 Actie 6"]
    sent = [p for p in world.pings() if p.recipient_id == rob and p.state is PingState.SENT]
    assert len({p.outbox_id for p in sent}) == 1
    with world.register.sessions() as session:
        assert store.asked_in(session, sent[0].outbox_id or 0) == [
            *(ids[n] for n in range(1, 6)),
            shared,
        ]


def test_a_ping_about_an_action_closed_since_planning_is_cancelled(world: World) -> None:
    action = world.action(1)
    world.tick(SUNDAY)
    with transaction(world.register.sessions) as session:
        row = session.get(Action, action)
        assert row is not None
        row.status = Status.DONE
    assert world.tick(MONDAY_9).sent == 0
    assert world.out.sent == []
    monday = [p for p in world.pings() if p.occurrence == MONDAY_9]
    assert [p.state for p in monday] == [PingState.CANCELLED]


def test_a_person_is_asked_in_their_own_language(world: World) -> None:
    world.action(1, owners=("kim",))
    world.tick(SUNDAY)
    world.tick(MONDAY_9)
    [message] = world.out.to(world.people["kim"])
    assert message.text.startswith("Hi Kim, how is this action coming along?")


def test_three_weeks_of_downtime_give_one_catch_up_per_action_and_rule(world: World) -> None:
    plain = world.action(1)
    deadline = world.action(2, due=date(2026, 12, 9))
    world.tick(SUNDAY)  # planned up to Sunday 6 December, 12:00
    back = utc(2026, 12, 14, 12)
    report = world.tick(back)
    missed = [p for p in world.pings() if utc(2026, 12, 6, 12) < p.occurrence <= back]
    caught = sorted((p.action_id, p.rule.value, p.occurrence) for p in missed)
    assert caught == [
        (plain, "checkin", utc(2026, 12, 14, 8)),
        (deadline, "after", utc(2026, 12, 10, 8)),
        (deadline, "checkin", utc(2026, 12, 14, 8)),
    ]
    assert report.sent == 1
    [message] = world.out.to(world.people["rob"])
    assert [s.heading for s in message.sections if s.heading] == ["#1 Actie 1", "#2 Actie 2"]
    sent = [(p.action_id, p.occurrence) for p in world.pings() if p.state is PingState.SENT]
    assert sorted(sent) == [(plain, utc(2026, 12, 14, 8)), (deadline, utc(2026, 12, 14, 8))]
    # The deadline passed while the clock was down: the question before it is cancelled.
    before = world.pings(rule=PingRule.BEFORE)
    assert [(p.occurrence, p.state) for p in before] == [(utc(2026, 12, 2, 8), PingState.CANCELLED)]


# -- absences ---------------------------------------------------------------------------------


def test_the_deputy_of_an_absent_owner_is_asked(world: World) -> None:
    world.away("rob", date(2026, 11, 16), date(2026, 12, 11), deputy="wim")
    world.action(1)
    world.tick(SUNDAY)
    [ping, _] = world.pings()
    assert (ping.owner_id, ping.recipient_id) == (world.people["rob"], world.people["wim"])
    world.tick(MONDAY_9)
    [message] = world.out.to(world.people["wim"])
    assert message.sections[1].text == "Ik vraag het jou namens Rob Jansen, die afwezig is."
    assert world.out.to(world.people["rob"]) == []


def test_the_ping_waits_for_an_absent_owner_when_set_to_wait(register: Register) -> None:
    world = make_world(register, schedule=ScheduleSettings(when_absent=WhenAbsent.WAIT))
    world.away("rob", date(2026, 11, 16), date(2026, 12, 11), deputy="wim")
    world.action(1)
    world.tick(SUNDAY)
    back = utc(2026, 12, 14, 8)  # Monday after the absence, 09:00
    assert {p.due_at for p in world.pings()} == {back}
    assert world.tick(MONDAY_9).sent == 0
    assert world.tick(back).sent == 1
    [message] = world.out.to(world.people["rob"])
    assert [s.heading for s in message.sections if s.heading] == ["#1 Actie 1"]


def test_an_absence_recorded_after_planning_still_sends_the_deputy(world: World) -> None:
    world.action(1)
    world.tick(SUNDAY)
    world.away("rob", date(2026, 11, 23), date(2026, 11, 27), deputy="wim")
    world.tick(MONDAY_9)
    assert len(world.out.to(world.people["wim"])) == 1
    assert world.out.to(world.people["rob"]) == []
    [monday] = [p for p in world.pings() if p.occurrence == MONDAY_9]
    assert (monday.recipient_id, monday.state) == (world.people["wim"], PingState.SENT)


def test_the_example_programme_asks_rob_jansens_deputy(
    register: Register, settings: Settings, clock: FixedClock
) -> None:
    import_file(register, BOCE, settings, clock)
    out = Outbox()
    with transaction(register.sessions) as session:
        out.session = session
        checkins.tick(session, clock.now(), out)
        out.session = session
        checkins.tick(session, MONDAY_9, out)
    # OW-01, owned by Wim Schepers and Rob Jansen (away, Wim deputises), is asked weekly:
    # Wim gets one question about it, not two.
    [message] = [s.message for s in out.sent if "#1 " in s.message.text]
    assert message.text.count("#1 Omgevingstafel Zuidoost-Drenthe inrichten") == 1
    assert message.text.startswith("Hoi Wim,")


# -- reminders and escalation -----------------------------------------------------------------


def test_one_reminder_after_two_working_days(world: World) -> None:
    world.action(1)
    world.tick(SUNDAY)
    world.tick(MONDAY_9)
    [question] = [p for p in world.pings() if p.state is PingState.SENT]
    wednesday = MONDAY_9 + timedelta(days=2)
    assert world.tick(wednesday - timedelta(minutes=1)).reminded == 0
    report = world.tick(wednesday)
    assert (report.reminded, report.sent) == (1, 1)
    for later in (timedelta(minutes=1), timedelta(days=1), timedelta(days=2, minutes=-1)):
        assert world.tick(wednesday + later).reminded == 0
    [reminder] = world.pings(rule=PingRule.REMINDER)
    assert (reminder.key, reminder.parent_id) == (f"reminder:{question.id}", question.id)
    assert (reminder.state, reminder.sent_at) == (PingState.SENT, wednesday)
    message = world.out.sent[-1].message
    assert message.text.startswith("Hoi Rob, een herinnering:")
    assert "ik vroeg hier al naar op maandag 23 november 2026" in message.text


def test_a_reminder_counts_working_days_over_christmas(register: Register) -> None:
    world = make_world(register, rule="FREQ=WEEKLY;BYDAY=TH;BYHOUR=9;BYMINUTE=0")
    world.action(1)
    world.tick(utc(2026, 12, 20, 12))
    world.tick(utc(2026, 12, 24, 8))  # Thursday; Friday is Christmas
    assert world.tick(utc(2026, 12, 28, 8)).reminded == 0
    assert world.tick(utc(2026, 12, 29, 7, 59)).reminded == 0
    assert world.tick(utc(2026, 12, 29, 8)).reminded == 1


def test_an_answer_stops_the_reminder(world: World) -> None:
    action = world.action(1)
    world.tick(SUNDAY)
    world.tick(MONDAY_9)
    world.update(action, MONDAY_9 + timedelta(hours=3), status=Status.ON_TRACK)
    assert world.tick(MONDAY_9 + timedelta(days=2)).reminded == 0
    assert world.pings(rule=PingRule.REMINDER) == []
    [answered] = [p for p in world.pings() if p.occurrence == MONDAY_9]
    assert (answered.state, answered.answered_at) == (
        PingState.ANSWERED,
        MONDAY_9 + timedelta(hours=3),
    )


def test_an_unanswered_reminder_is_escalated_once(world: World) -> None:
    action = world.action(1)
    world.tick(SUNDAY)
    world.tick(MONDAY_9)
    wednesday, friday = MONDAY_9 + timedelta(days=2), MONDAY_9 + timedelta(days=4)
    world.tick(wednesday)
    assert world.tick(friday - timedelta(minutes=1)).escalated == 0
    assert world.tick(friday).escalated == 1
    assert world.tick(friday + timedelta(minutes=1)).escalated == 0
    chain = [p for p in world.pings() if p.escalated_at is not None]
    assert sorted((p.rule.value, p.escalated_at) for p in chain) == [
        ("checkin", friday),
        ("reminder", friday),
    ]
    with world.register.sessions() as session:
        [missing] = missing_updates(session, world.programme_id)
        assert (missing.action.id, missing.owner.name) == (action, "Rob Jansen")
        assert (missing.since, missing.escalated_at) == (MONDAY_9, friday)
        assert len(escalated(session, world.programme_id, friday)) == 1
        assert escalated(session, world.programme_id, friday + timedelta(seconds=1)) == []
    # An update ends it: no longer 'geen update'.
    world.update(action, friday + timedelta(hours=2), status=Status.AT_RISK)
    with world.register.sessions() as session:
        assert missing_updates(session, world.programme_id) == []


def test_a_withdrawn_update_neither_ends_an_escalation_nor_counts_as_the_last(
    world: World,
) -> None:
    action = world.action(1)
    world.tick(SUNDAY)
    world.tick(MONDAY_9)
    friday = MONDAY_9 + timedelta(days=4)
    world.tick(MONDAY_9 + timedelta(days=2))
    world.tick(friday)
    with transaction(world.register.sessions) as session:
        session.add(
            StatusUpdate(
                action_id=action,
                kind=UpdateKind.STATUS,
                source=Source.CONSOLE,
                created_at=friday + timedelta(hours=2),
                withdrawn_at=friday + timedelta(hours=2, minutes=5),
            )
        )
    with world.register.sessions() as session:
        [missing] = missing_updates(session, world.programme_id)
        assert missing.action.id == action
        assert last_status_dates(session, [action]) == {}


def test_only_the_newest_unanswered_question_gets_a_reminder(world: World) -> None:
    world.action(1)
    world.tick(SUNDAY)
    world.tick(MONDAY_9)
    next_monday = MONDAY_9 + timedelta(days=7)
    world.tick(next_monday)  # no tick in between: the first reminder was never made
    assert world.tick(next_monday + timedelta(days=2)).reminded == 1
    checkins_sent = [(p.occurrence, p.state) for p in world.pings(rule=PingRule.CHECKIN)]
    assert checkins_sent[:2] == [(MONDAY_9, PingState.SENT), (next_monday, PingState.SENT)]
    reminders = world.pings(rule=PingRule.REMINDER)
    assert [(r.state, r.occurrence) for r in reminders] == [
        (PingState.SUPERSEDED, MONDAY_9 + timedelta(days=2)),
        (PingState.SENT, next_monday + timedelta(days=2)),
    ]
    assert len(world.out.sent) == 3


def test_a_question_asked_again_before_its_reminder_gets_none(register: Register) -> None:
    # Weekly questions, a reminder only after six working days: each question is replaced by
    # the next before its reminder is due, so there are no reminders, only questions.
    world = make_world(register, schedule=ScheduleSettings(reminder_after=6))
    world.action(1)
    for day in range(24):
        world.tick(MONDAY_9 - timedelta(days=1) + timedelta(days=day))
    assert world.pings(rule=PingRule.REMINDER) == []
    asked = [(p.occurrence, p.state) for p in world.pings() if p.sent_at is not None]
    # A replaced question is marked so once its reminder would have been due.
    assert asked == [
        (MONDAY_9, PingState.SUPERSEDED),
        (MONDAY_9 + timedelta(days=7), PingState.SUPERSEDED),
        (MONDAY_9 + timedelta(days=14), PingState.SUPERSEDED),
        (MONDAY_9 + timedelta(days=21), PingState.SENT),
    ]
    with world.register.sessions() as session:
        # Nothing left over that looks due: the simulated clock can move on.
        last_tick = MONDAY_9 - timedelta(days=1) + timedelta(days=23)
        next_due = checkins.next_due(session)
        assert next_due is not None
        assert next_due > last_tick


# -- what comes next --------------------------------------------------------------------------


def test_next_due_is_the_next_ping_then_the_reminder(world: World) -> None:
    with world.register.sessions() as session:
        assert checkins.next_due(session) is None
    world.action(1)
    world.tick(SUNDAY)
    with world.register.sessions() as session:
        assert checkins.next_due(session) == MONDAY_9
    world.tick(MONDAY_9)
    with world.register.sessions() as session:
        assert checkins.next_due(session) == MONDAY_9 + timedelta(days=2)


# -- two clocks at once -----------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)  # the lock is PostgreSQL's
def test_a_second_tick_at_the_same_time_skips_the_round(world: World) -> None:
    world.action(1)
    world.tick(SUNDAY)
    first, second = Outbox(), Outbox()
    with world.register.sessions() as one, world.register.sessions() as two:
        first.session, second.session = one, two
        assert checkins.tick(one, MONDAY_9, first).sent == 1
        # The other clock holds the lock and the rows: this one sends nothing, waits for none.
        assert store.due_pings(two, MONDAY_9) == []
        assert checkins.dispatch(two, MONDAY_9, second) == 0
        two.rollback()
        one.commit()
        assert checkins.dispatch(two, MONDAY_9, second) == 0
        two.commit()
    assert len(first.sent) == 1
    assert second.sent == []
    with world.register.sessions() as session:
        rows = session.scalars(select(ClockMark.name).order_by(ClockMark.name)).all()
        assert list(rows) == ["plan:test", "remind:test", "replan:test"]
