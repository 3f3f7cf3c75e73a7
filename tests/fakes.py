"""Fakes for tests of the sending side: a platform port that records what it delivered.

``RecordingPort`` implements ``words.chat.delivery.Port``. It keeps every delivery in order
(``delivered``), hands out the references "m1", "m2" ... and answers ``find`` from what it
delivered, the way a platform that can be searched would. Failures are scripted::

    port = RecordingPort()
    port.fail("ping:1", RetryAfter(30))       # the next delivery of this key raises, once
    port.fail_next(DeliveryError("timeout"))  # the next delivery of any key raises, once
    port.fail_find(RetryAfter(5))             # the next find raises, once

A scripted failure raises before anything is recorded: a refused message never arrived.
"""

from __future__ import annotations

from collections import Counter, defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.engine.opening import Register
from bot.engine.worker import IntakeMover
from storage.intake_file import BUFFERED, open_intake_file
from storage.models import Identity, InboundEvent, Membership, Person
from words.chat.delivery import Delivery
from words.clock import SystemClock
from words.domain import Source
from words.errors import DeliveryError


@dataclass
class RecordingPort:
    platform: Source = Source.CONSOLE
    delivered: list[Delivery] = field(default_factory=list)
    refs: dict[str, str] = field(default_factory=dict)  # key -> reference of its delivery
    found: list[str] = field(default_factory=list)  # keys asked about through find
    _by_key: defaultdict[str, deque[DeliveryError]] = field(
        default_factory=lambda: defaultdict(deque)
    )
    _next: deque[DeliveryError] = field(default_factory=deque)
    _next_find: deque[DeliveryError] = field(default_factory=deque)

    # --- scripting --------------------------------------------------------------------------

    def fail(self, key: str, *errors: DeliveryError) -> None:
        """Raise these errors, one per delivery of ``key``, before delivering it."""
        self._by_key[key].extend(errors)

    def fail_next(self, *errors: DeliveryError) -> None:
        """Raise these errors on the next deliveries, whatever their key."""
        self._next.extend(errors)

    def fail_find(self, *errors: DeliveryError) -> None:
        """Raise these errors on the next calls of ``find``."""
        self._next_find.extend(errors)

    # --- the Port protocol ------------------------------------------------------------------

    def deliver(self, delivery: Delivery) -> str:
        scripted = self._by_key.get(delivery.key)
        if scripted:
            raise scripted.popleft()
        if self._next:
            raise self._next.popleft()
        self.delivered.append(delivery)
        ref = f"m{len(self.delivered)}"
        self.refs[delivery.key] = ref
        return ref

    def find(self, key: str, delivery: Delivery) -> str | None:
        self.found.append(key)
        if self._next_find:
            raise self._next_find.popleft()
        return self.refs.get(key)

    # --- reading back -----------------------------------------------------------------------

    def keys(self) -> list[str]:
        """The keys delivered, in order, a key once per delivery."""
        return [d.key for d in self.delivered]

    def duplicates(self) -> list[str]:
        """Keys delivered more than once."""
        return [key for key, n in Counter(self.keys()).items() if n > 1]

    def last(self) -> Delivery:
        assert self.delivered, "nothing was delivered"
        return self.delivered[-1]


def add_person(session: Session, name: str, **identities: str) -> int:
    """A person to send to, with user ids by platform: ``add_person(s, "Rob", slack="U1")``."""
    person = Person(name=name)
    person.identities = [Identity(platform=Source(p), external_id=i) for p, i in identities.items()]
    session.add(person)
    session.flush()
    return person.id


def platform_users(
    session: Session, platform: Source, made_up: Callable[[str], str]
) -> list[tuple[str, str | None, str, str]]:
    """Every person of the register as a user of a fake platform, by person id:
    (user id, email, name, programme key). The id is theirs from the programme file, or one
    ``made_up`` of their key; the email is how the adapters find the others."""
    rows = session.execute(
        select(Person.id, Person.email, Person.name, Membership.key).join(
            Membership, Membership.person_id == Person.id
        )
    ).all()
    known = dict(
        session.execute(
            select(Identity.person_id, Identity.external_id).where(Identity.platform == platform)
        ).all()
    )
    users: dict[int, tuple[str, str | None, str, str]] = {}
    for person_id, email, name, key in rows:
        users.setdefault(person_id, (known.get(person_id, made_up(key)), email, name, key))
    return [users[i] for i in sorted(users)]


def events_stored(register: Register) -> int:
    """Events stored durably: those in the register, and on SQLite those the web process wrote
    to the intake file that the inbox worker has not moved into the register yet."""
    with register.sessions() as session:
        count = session.scalar(select(func.count()).select_from(InboundEvent))
    total = 0 if count is None else count
    intake_file = open_intake_file(register.engine.url.render_as_string(hide_password=False))
    if intake_file is not None:
        with intake_file.connect() as connection:
            waiting = connection.scalar(
                select(func.count()).select_from(BUFFERED).where(BUFFERED.c.moved_at.is_(None))
            )
        intake_file.dispose()
        total += 0 if waiting is None else waiting
    return total


def move_intake(register: Register) -> None:
    """On SQLite, what the inbox worker does first: the events the web process stored in the
    intake file moved into the register (nothing to do on PostgreSQL)."""
    mover = IntakeMover.of(register, SystemClock())
    if mover is not None:
        mover.move()
        mover.close()
