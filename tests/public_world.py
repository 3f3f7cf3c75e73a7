"""The BOCE example with a published letter and things that must never be public beside it:
an update given after the letter, a newer draft holding it, an opening written only for that
draft, and the people's names. Shared by the public read models' and pages' tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select, update

from bot.engine.opening import Register, import_file
from bot.letter.formats import document
from config.settings import Settings
from handlers.brief.drafts import make_draft, make_final
from storage import link_tokens
from storage.db import transaction
from storage.letter_passages import Place, write_passage
from storage.models import Action, PassageKind, Person, Programme, TokenPurpose
from storage.updates import record_update
from tests.conftest import BOCE
from tests.register_rows import action, person
from tests.web_app import WebWorld
from words.clock import FixedClock
from words.domain import Source, Status
from words.periods.model import Period

# Words that reach the councils: in the published letter.
PUBLISHED = "Omgevingstafel komt elke maand bijeen"
# Words that must never: an update after the letter, and an opening only the draft has.
UNPUBLISHED = "Geheime tussenstand die nog in geen brief stond"
DRAFT_OPENING = "Conceptopening die nog niemand mocht lezen"
HOSTILE_TITLE = "<script>alert('x')</script> Loket & balie ]]>"
Q4 = Period(date(2026, 10, 1), date(2026, 12, 31))
Q1 = Period(date(2027, 1, 1), date(2027, 3, 31))


@dataclass
class PublicWorld:
    register: Register
    clock: FixedClock
    names: list[str]  # every person's name in the register
    final_number: int

    def set_public(self, on: bool) -> None:
        with transaction(self.register.sessions) as session:
            session.execute(update(Programme).values(public_page=on))

    def calendar_token(self, key: str = "wim-schepers") -> str:
        with transaction(self.register.sessions) as session:
            who = person(session, key)
            return link_tokens.mint(session, TokenPurpose.CALENDAR, who.id, self.clock.now())

    def set_names(self, names: str) -> None:
        """The letter settings' ``names`` (parties or officials)."""
        with transaction(self.register.sessions) as session:
            programme = session.scalars(select(Programme).where(Programme.key == "boce")).one()
            programme.letter = {**programme.letter, "names": names}


def make_public_world(register: Register, clock: FixedClock, settings: Settings) -> PublicWorld:
    import_file(register, BOCE, settings, clock)
    with transaction(register.sessions) as session:
        ow01 = action(session, "OW-01")
        wim = person(session, "wim-schepers")
        record_update(
            session,
            ow01,
            wim,
            clock.now(),
            source=Source.CONSOLE,
            status=Status.ON_TRACK,
            text=PUBLISHED,
            event_row=None,
        )
    with transaction(register.sessions) as session:
        programme = session.scalars(select(Programme).where(Programme.key == "boce")).one()
        draft, _ = make_draft(session, programme, Q4, clock.now(), None, render=document)
        final, _ = make_final(
            session, programme, draft, clock.now() + timedelta(minutes=1), render=document
        )
        number = final.number
    assert number is not None
    later = clock.now() + timedelta(days=2)
    with transaction(register.sessions) as session:
        ow01 = action(session, "OW-01")
        wim = person(session, "wim-schepers")
        record_update(
            session,
            ow01,
            wim,
            later,
            source=Source.CONSOLE,
            status=Status.AT_RISK,
            text=UNPUBLISHED,
            event_row=None,
        )
        programme = session.scalars(select(Programme).where(Programme.key == "boce")).one()
        opening = Place(programme.id, PassageKind.OPENING, Q1.start, Q1.end)
        write_passage(session, opening, DRAFT_OPENING, wim.id, later)
        make_draft(session, programme, Q1, later, None, render=document)
        session.execute(update(Action).where(Action.key == "OW-02").values(title=HOSTILE_TITLE))
    with register.sessions() as session:
        names = list(session.scalars(select(Person.name)))
    return PublicWorld(register, clock, names, number)


@dataclass
class Both:
    """The public world and the web app on it."""

    data: PublicWorld
    web: WebWorld
