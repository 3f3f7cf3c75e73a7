"""'help' lists only what the person's role may do: every command it shows for a member, a
sponsor, programme support, the director and a reader is run as that person, and none of
them is refused; what a reader is not shown (updates, new actions, reports) is refused."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from bot.engine.opening import Register, import_file
from config.settings import Settings
from handlers.commands import guide
from handlers.dispatch import find_command
from tests.commands_world import person
from tests.conftest import BOCE
from tests.stubs import RecordingOutgoing, make_ctx
from words.catalogue import CATALOGUE, t
from words.clock import FixedClock

# The refusals' Dutch texts (none of them is a plural entry).
REFUSALS = [
    text
    for key, texts in CATALOGUE.items()
    if key.startswith("perm.") and isinstance(text := texts["nl"], str)
]

# What each help entry says one can type, as that person would type it about action {n}.
TYPED = {
    "help": ["help"],
    "actions": ["acties", "acties omgevingswet"],
    "overdue": ["te laat", "te laat omgevingswet"],
    "action": ["actie {n}"],
    "letters": ["brief lijst"],
    "my_actions": ["mijn acties"],
    "update": ["update {n} offerte is binnen"],
    "status": ["status {n} op schema"],
    "deadline": ["deadline {n} eind 2027"],
    "edit": ["wijzig offerte is binnen, getekend"],
    "undo": ["ongedaan"],
    "away": ["afwezig"],
    "new_action": ["nieuwe actie"],
    "new_action_inline": [
        "nieuwe actie omgevingswet: Handboek toezicht | Lotte Venema | eind maart 2027"
    ],
    "overview": ["overzicht"],
    "summary": ["samenvatting"],
    "brief": ["brief concept"],
}
CHANGING = ["update", "status", "deadline", "new_action", "new_action_inline", "overview"]


@pytest.fixture
def session(register: Register, settings: Settings, clock: FixedClock) -> Iterator[Session]:
    import_file(register, BOCE, settings, clock)
    with register.sessions() as s:
        yield s


def shown(session: Session, clock: FixedClock, who: str) -> list[str]:
    out = RecordingOutgoing()
    guide.help_command(make_ctx(session, clock, person(session, who), out), "")
    text = out.last().text
    everything = (
        *guide.READ_COMMANDS,
        *guide.WORK_COMMANDS,
        *guide.CREATE_COMMANDS,
        *guide.MANAGE_COMMANDS,
    )
    return [name for name in everything if t(f"commands.help.{name}", "nl") in text]


def typed(session: Session, clock: FixedClock, who: str, text: str) -> list[str]:
    found = find_command(text)
    assert found is not None, text
    handler, rest = found
    out = RecordingOutgoing()
    handler(make_ctx(session, clock, person(session, who), out), rest)
    return out.texts()


@pytest.mark.parametrize(
    ("who", "number"),
    [
        ("rob-jansen", 4),  # a member, owner of OW-04
        ("hendrik-kuiper", 3),  # the sponsor of Omgevingswet (#1-#9)
        ("sanne-wolters", 3),  # programme support
        ("marieke-hoekstra", 3),  # the director
        ("gerda-boelens", 3),  # a reader
    ],
)
def test_every_command_help_shows_is_allowed(
    session: Session, clock: FixedClock, who: str, number: int
) -> None:
    names = shown(session, clock, who)
    assert names[:5] == list(guide.READ_COMMANDS)
    for name in names:
        for text in TYPED[name]:
            answers = typed(session, clock, who, text.format(n=number))
            refused = [a for a in answers if any(r in a for r in REFUSALS)]
            assert refused == [], f"{who}: help shows '{text}', which is refused"


def test_what_a_reader_is_not_shown_is_refused(session: Session, clock: FixedClock) -> None:
    assert not set(shown(session, clock, "gerda-boelens")) & set(CHANGING)
    for name in CHANGING:
        for text in TYPED[name]:
            answers = typed(session, clock, "gerda-boelens", text.format(n=3))
            assert any(r in a for a in answers for r in REFUSALS), text
