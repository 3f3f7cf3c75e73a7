"""People across programmes, on SQLite and PostgreSQL: a programme file adds someone's place in
its own programme, but never changes who someone is that another programme relies on."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from bot.engine.opening import Register, import_file
from config.settings import Settings
from handlers.checkins import cycle as checkins
from storage.db import transaction
from storage.models import Membership, Person
from storage.outbox import OutboxWriter
from storage.outbox_addressing import recipients
from storage.people import person_by_identity
from tests.programme_files import MINIMAL, write
from tests.register_rows import snapshot
from tests.stubs import StoringOutgoing
from words.chat.outgoing import ToPerson
from words.clock import FixedClock
from words.domain import Role, Source
from words.programme.doc import ProgrammeFileError

# Programme "mini": Anna Bakker, with her email and Slack id, owns W-1.
A_FILE = MINIMAL.replace(
    "email: A.Bakker@Emmen.example}", "email: A.Bakker@Emmen.example, slack: U0ANNA}"
).replace("owners: bert", "owners: anna")
ANNA = "  - {key: ab, name: Anna Bakker, party: coevorden, email: a.bakker@emmen.example}"
B_FILE = """\
programme:
  key: zorg
  name: Zorg
parties:
  - {key: coevorden, name: Gemeente Coevorden}
themes:
  - {key: jeugd, name: Jeugd, sponsor: jan}
people:
  - {key: jan, name: Jan Smit, party: coevorden, role: opdrachtgever}
ANNA
actions:
  - key: J-1
    theme: jeugd
    title: Jeugdzorg inkopen
    owners: ab
    deadline: eind 2027
"""


def b_file(anna: str = ANNA) -> str:
    return B_FILE.replace("ANNA", anna)


def refused(register: Register, settings: Settings, clock: FixedClock, path: Path) -> list[str]:
    before = snapshot(register)
    with pytest.raises(ProgrammeFileError) as caught:
        import_file(register, path, settings, clock)
    assert snapshot(register) == before
    return [str(p) for p in caught.value.problems]


def anna(register: Register) -> Person:
    with register.sessions() as session:
        found = session.scalar(select(Person).where(Person.email == "a.bakker@emmen.example"))
        assert found is not None
        session.expunge(found)
        return found


def test_another_programme_cannot_take_over_someone_by_their_email(
    register: Register, settings: Settings, clock: FixedClock, tmp_path: Path
) -> None:
    # The scenario: B reuses A's email with another name and Slack id.
    import_file(register, write(tmp_path, A_FILE), settings, clock)
    hostile = b_file(ANNA.replace("Anna Bakker", "Anna de Vries")[:-1] + ", slack: U0EVIL}")
    path = write(tmp_path, hostile, "zorg.yaml")
    found = refused(register, settings, clock, path)
    assert found == [
        (
            f"{path}:10: people[1].name: Anna Bakker staat ook in programma mini; een ander "
            "programma mag die naam niet wijzigen (hier 'Anna de Vries'); neem de naam "
            "'Anna Bakker' over"
        ),
        (
            f"{path}:10: people[1].slack: Anna Bakker staat ook in programma mini; een ander "
            "programma mag hun Slack-id niet wijzigen (daar 'U0ANNA', hier 'U0EVIL'); neem die "
            "over of laat het veld weg"
        ),
    ]
    # A's person and identity are as they were, and A's pings still go to A's Slack user.
    assert anna(register).name == "Anna Bakker"
    with transaction(register.sessions) as session:
        assert person_by_identity(session, Source.SLACK, "U0EVIL") is None
        monday = datetime(2026, 11, 30, 8, tzinfo=UTC)  # the fortnightly 09:00 check-in
        out = StoringOutgoing(writer=OutboxWriter(session, monday))
        checkins.tick(session, clock.now(), out)
        checkins.tick(session, monday, out)
        [ping] = out.sent
        assert isinstance(ping.to, ToPerson)
        found_anna = person_by_identity(session, Source.SLACK, "U0ANNA")
        assert found_anna is not None
        assert ping.to.person_id == found_anna.id
        assert recipients(session, [found_anna.id], Source.SLACK)[found_anna.id][:2] == (
            "Anna Bakker",
            "U0ANNA",
        )


@pytest.mark.parametrize(
    "anna_in_b",
    [
        ANNA,  # without ids
        ANNA[:-1] + ", slack: U0ANNA, role: lezer}",  # the same id, and a role of her own
    ],
    ids=["without-ids", "same-ids"],
)
def test_another_programme_may_add_someones_place_in_it(
    register: Register, settings: Settings, clock: FixedClock, tmp_path: Path, anna_in_b: str
) -> None:
    import_file(register, write(tmp_path, A_FILE), settings, clock)
    before = anna(register)
    report = import_file(register, write(tmp_path, b_file(anna_in_b), "zorg.yaml"), settings, clock)
    assert report.created["membership"] == 2
    assert "person" not in report.changed
    after = anna(register)
    assert (after.id, after.name, after.email) == (before.id, "Anna Bakker", before.email)
    with register.sessions() as session:
        places = session.scalars(
            select(Membership)
            .where(Membership.person_id == after.id)
            .order_by(Membership.key)
            .options(joinedload(Membership.programme))
        ).all()
        assert [(m.key, m.programme.key) for m in places] == [("ab", "zorg"), ("anna", "mini")]
        assert person_by_identity(session, Source.SLACK, "U0ANNA") is not None
    # Re-importing either file changes nothing.
    assert import_file(register, write(tmp_path, A_FILE), settings, clock).unchanged


def test_a_programme_still_updates_someone_only_it_has(
    register: Register, settings: Settings, clock: FixedClock, tmp_path: Path
) -> None:
    import_file(register, write(tmp_path, A_FILE), settings, clock)
    import_file(register, write(tmp_path, b_file(), "zorg.yaml"), settings, clock)
    renamed = b_file().replace(
        "name: Jan Smit, party: coevorden,",
        "name: Jan de Smit, party: coevorden, slack: U0JAN, language: en,",
    )
    report = import_file(register, write(tmp_path, renamed, "zorg.yaml"), settings, clock)
    assert report.changed["person"] == 1
    with register.sessions() as session:
        jan = person_by_identity(session, Source.SLACK, "U0JAN")
        assert jan is not None
        assert (jan.name, jan.language) == ("Jan de Smit", "en")


SHARED = "people[1].{field}: Anna Bakker staat ook in programma mini; een ander programma mag "


@pytest.mark.parametrize(
    "case",
    [
        (
            ("email: a.bakker@emmen.example", "email: anna@zorg.example"),
            SHARED.format(field="email")
            + "hun e-mailadres niet wijzigen (daar 'a.bakker@emmen.example', hier "
            "'anna@zorg.example'); neem die over of laat het veld weg",
        ),
        (
            ("emmen.example}", "emmen.example, slack: U0EVIL}"),
            SHARED.format(field="slack")
            + "hun Slack-id niet wijzigen (daar 'U0ANNA', hier 'U0EVIL'); neem die over of laat "
            "het veld weg",
        ),
        (
            ("emmen.example}", "emmen.example, teams: 00000000-0000-0000-0000-00000000beef}"),
            SHARED.format(field="teams") + "hun Teams-id niet invullen (daar leeg, hier "
            "'00000000-0000-0000-0000-00000000beef'); laat het veld weg",
        ),
        (
            ("emmen.example}", "emmen.example, timezone: Europe/Lisbon}"),
            SHARED.format(field="timezone")
            + "hun tijdzone niet invullen (daar leeg, hier 'Europe/Lisbon'); laat het veld weg",
        ),
        (
            ("emmen.example}", "emmen.example, language: en}"),
            SHARED.format(field="language")
            + "hun taal niet invullen (daar leeg, hier 'en'); laat het veld weg",
        ),
    ],
    ids=["email", "slack", "teams", "timezone", "language"],
)
def test_a_programme_cannot_change_someone_it_shares(
    register: Register,
    settings: Settings,
    clock: FixedClock,
    tmp_path: Path,
    case: tuple[tuple[str, str], str],
) -> None:
    # Anna is in both; B's file, matching her by its own key, tries to change her.
    change, expected = case
    import_file(register, write(tmp_path, A_FILE), settings, clock)
    import_file(register, write(tmp_path, b_file(), "zorg.yaml"), settings, clock)
    path = write(tmp_path, b_file(ANNA.replace(*change)), "zorg.yaml")
    assert refused(register, settings, clock, path) == [f"{path}:10: {expected}"]


def test_a_slack_id_of_someone_in_another_programme_is_refused(
    register: Register, settings: Settings, clock: FixedClock, tmp_path: Path
) -> None:
    # Someone new in B with A's Slack id would receive Anna's pings and act as her.
    import_file(register, write(tmp_path, A_FILE), settings, clock)
    hostile = b_file("  - {key: ab, name: Ab Vos, party: coevorden, slack: U0ANNA}")
    path = write(tmp_path, hostile, "zorg.yaml")
    assert refused(register, settings, clock, path) == [
        (
            f"{path}:10: people[1].slack: 'U0ANNA' hoort in de database al bij iemand anders (Anna "
            "Bakker)"
        )
    ]


def test_the_reason_in_english(register: Register, clock: FixedClock, tmp_path: Path) -> None:
    settings = Settings(database_url="sqlite://", example_programme=None, language="en")
    import_file(register, write(tmp_path, A_FILE), settings, clock)
    path = write(tmp_path, b_file(ANNA.replace("Anna Bakker", "A. Bakker")), "zorg.yaml")
    assert refused(register, settings, clock, path) == [
        (
            f"{path}:10: people[1].name: Anna Bakker is also in programme mini; another programme "
            "may not change that name (here 'A. Bakker'); use the name 'Anna Bakker'"
        )
    ]
    with register.sessions() as session:
        assert session.scalar(select(Membership.role).where(Membership.key == "anna")) is (
            Role.SPONSOR
        )


def test_a_persons_channel_is_read_kept_and_checked(
    register: Register, settings: Settings, clock: FixedClock, tmp_path: Path
) -> None:
    by_mail = MINIMAL.replace(
        "email: A.Bakker@Emmen.example}", "email: a@emmen.example, channel: E-mail}"
    )
    import_file(register, write(tmp_path, by_mail), settings, clock)
    with register.sessions() as session:
        found = session.scalar(select(Person.channel).where(Person.email == "a@emmen.example"))
    assert found == "email"
    # Email needs an address; an unknown channel names the choices; nothing is written.
    no_address = MINIMAL.replace(
        "{key: bert, name: Bert Smit, party: emmen}",
        "{key: bert, name: Bert Smit, party: emmen, channel: email}",
    )
    problems = refused(register, settings, clock, write(tmp_path, no_address, "b.yaml"))
    assert len(problems) == 1
    assert "people[1].channel" in problems[0]
    assert "e-mailadres" in problems[0]
    unknown = MINIMAL.replace(
        "{key: bert, name: Bert Smit, party: emmen}",
        "{key: bert, name: Bert Smit, party: emmen, channel: fax}",
    )
    [problem] = refused(register, settings, clock, write(tmp_path, unknown, "c.yaml"))
    assert "people[1].channel" in problem
    assert "'fax'" in problem
    assert "teams" in problem
