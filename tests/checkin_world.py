"""A small programme for the check-in tests: three people, one theme, actions added on demand,
and an outbox port that keeps what the check-ins send; with the rule and moment they start from."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.engine.opening import Register
from handlers.checkins import cycle as checkins
from storage import pings as store
from storage.db import transaction
from storage.models import (
    Absence,
    Action,
    ActionOwner,
    OutboxMessage,
    Person,
    Ping,
    Programme,
    StatusUpdate,
    Theme,
)
from words.chat.messages import File, Message
from words.chat.outgoing import Destination, ToPerson
from words.checkin_settings import ScheduleSettings
from words.domain import PingRule, Source, Status, UpdateKind

WEEKLY = "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0"
SUNDAY = datetime(2026, 11, 22, 12, tzinfo=UTC)  # the clock fixture's moment
NAMES = {
    "rob": ("Rob Jansen", None),
    "wim": ("Wim Schepers", "nl"),
    "kim": ("Kim Bakker", "en"),
}


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


@dataclass
class Sent:
    key: str
    to: Destination
    message: Message
    outbox_id: int


@dataclass
class Outbox:
    """An outbound port that stores every message as an outbox row, once per key."""

    session: Session | None = None
    sent: list[Sent] = field(default_factory=list)

    def send(self, key: str, to: Destination, message: Message) -> int:
        assert self.session is not None
        found = self.session.scalar(select(OutboxMessage.id).where(OutboxMessage.key == key))
        if found is not None:
            return found
        person = to.person_id if isinstance(to, ToPerson) else None
        row = OutboxMessage(
            key=key, kind="dm", person_id=person, payload=message.to_json(), not_before=SUNDAY
        )
        self.session.add(row)
        self.session.flush()
        self.sent.append(Sent(key, to, message, row.id))
        return row.id

    def send_file(self, key: str, to: Destination, file: File) -> int:
        raise AssertionError("pings send no files")

    def to(self, person_id: int) -> list[Message]:
        return [s.message for s in self.sent if s.to == ToPerson(person_id)]


@dataclass
class World:
    register: Register
    programme_id: int
    theme_id: int
    people: dict[str, int]
    out: Outbox = field(default_factory=Outbox)

    def tick(self, now: datetime) -> checkins.TickReport:
        with transaction(self.register.sessions) as session:
            self.out.session = session
            return checkins.tick(session, now, self.out)

    def plan(self, now: datetime) -> int:
        with transaction(self.register.sessions) as session:
            return checkins.plan(session, now)

    def pings(self, *, rule: PingRule | None = None) -> list[Ping]:
        with self.register.sessions() as session:
            query = select(Ping).order_by(Ping.occurrence, Ping.id)
            if rule is not None:
                query = query.where(Ping.rule == rule)
            return list(session.scalars(query))

    def action(
        self,
        number: int,
        owners: tuple[str, ...] = ("rob",),
        *,
        due: date | None = None,
        status: Status = Status.OPEN,
        rule: str = "",
    ) -> int:
        with transaction(self.register.sessions) as session:
            action = Action(
                programme_id=self.programme_id,
                number=number,
                key=f"A-{number}",
                theme_id=self.theme_id,
                title=f"Actie {number}",
                due=due,
                deadline_text=due.isoformat() if due else "",
                status=status,
                checkin_rule=rule,
                created_at=SUNDAY - timedelta(days=1),
                updated_at=SUNDAY - timedelta(days=1),
                owner_links=[
                    ActionOwner(person_id=self.people[o], position=i) for i, o in enumerate(owners)
                ],
            )
            session.add(action)
            session.flush()
            return action.id

    def away(self, who: str, starts: date, ends: date, deputy: str | None = None) -> None:
        with transaction(self.register.sessions) as session:
            session.add(
                Absence(
                    person_id=self.people[who],
                    starts_on=starts,
                    ends_on=ends,
                    deputy_id=self.people[deputy] if deputy else None,
                )
            )

    def update(self, action_id: int, at: datetime, **values: object) -> None:
        """Change an action as the update code does: the change and an update row at ``at``."""
        with transaction(self.register.sessions) as session:
            action = session.get(Action, action_id)
            assert action is not None
            for name, value in values.items():
                setattr(action, name, value)
            kind = UpdateKind.DEADLINE if "due" in values else UpdateKind.STATUS
            session.add(
                StatusUpdate(action_id=action_id, kind=kind, source=Source.CONSOLE, created_at=at)
            )
            store.mark_answered(session, action_id, at)


def make_world(
    register: Register, *, rule: str = WEEKLY, schedule: ScheduleSettings | None = None
) -> World:
    settings = schedule if schedule is not None else ScheduleSettings()
    with transaction(register.sessions) as session:
        programme = Programme(
            key="test",
            name="Testprogramma",
            timezone="Europe/Amsterdam",
            checkin_rule=rule,
            schedule=settings.to_json(),
            period_start=date(2026, 1, 1),
            created_at=SUNDAY,
            updated_at=SUNDAY,
        )
        theme = Theme(programme=programme, key="omgevingswet", name="Omgevingswet")
        people = {
            key: Person(name=name, email=f"{key}@test.example", language=lang)
            for key, (name, lang) in NAMES.items()
        }
        session.add_all([programme, theme, *people.values()])
        session.flush()
        return World(register, programme.id, theme.id, {k: p.id for k, p in people.items()})
