"""The chat commands on the BOCE example, on SQLite and PostgreSQL: who may do what, and what
each answers.

BOCE (reference date Sunday 22 November 2026): director Marieke Hoekstra, support Sanne
Wolters; sponsors Hendrik Kuiper (Omgevingswet, #1-#9), Annelies Mulder (Bereikbaarheid,
#10-#16), Jeroen Brouwer (Recreatie & Toerisme, #17-#24), Ingrid Meijering (Leefbaarheid,
#25-#32); members such as Rob Jansen (away 16 November - 11 December, deputy Wim Schepers)
and Maya Verhoef (English, Europe/Berlin); readers Gerda Boelens and Johan Dekker.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session, joinedload

from bot.engine.opening import Register, import_file
from config.settings import Settings
from handlers.commands.creating import new_key
from storage.models import (
    Absence,
    Action,
    DeadlineProposal,
    Membership,
    Person,
    Programme,
    Theme,
)
from tests.commands_world import action, add_ping, add_update, answer, at, commands, person, run
from tests.conftest import BOCE, REGIODEAL
from tests.stubs import RecordingOutgoing, make_ctx
from words.catalogue import t
from words.chat.messages import InputKind, Message
from words.clock import FixedClock
from words.deadlines.model import Precision
from words.domain import PingState, ProposalState, Role, Status, UpdateKind


@pytest.fixture
def session(register: Register, settings: Settings, clock: FixedClock) -> Iterator[Session]:
    import_file(register, BOCE, settings, clock)
    with register.sessions() as s:
        yield s


# -- help --------------------------------------------------------------------------------------

READ = ["help", "actions", "overdue", "action", "letters"]
WORK = ["my_actions", "update", "status", "deadline", "edit", "undo", "away"]
CREATE = ["new_action", "new_action_inline"]
MANAGE = ["overview", "summary", "brief"]


def help_text(lang: str, names: list[str]) -> str:
    lines = [t(f"commands.help.{name}", lang) for name in names]
    outro = "commands.help.outro" if "update" in names else "commands.help.outro_reader"
    return "\n".join([t("commands.help.intro", lang), *lines, t(outro, lang)])


@pytest.mark.parametrize(
    ("who", "shown"),
    [
        ("gerda-boelens", READ),
        ("rob-jansen", READ + WORK),
        ("hendrik-kuiper", READ + WORK + CREATE),
        ("sanne-wolters", READ + WORK + CREATE + MANAGE),
        ("marieke-hoekstra", READ + WORK + CREATE + MANAGE),
    ],
)
def test_help_shows_what_the_role_may_use(
    session: Session, clock: FixedClock, who: str, shown: list[str]
) -> None:
    text = answer(session, clock, who, "help_command")
    assert text == help_text("nl", shown)
    if who == "gerda-boelens":
        # A reader reads: no way to give an update is suggested, not even by answering.
        for words in ("update <nummer>", "status <nummer>", "nieuwe actie", "antwoorden", "#12"):
            assert words not in text
        assert "brief lijst" in text
    if who == "marieke-hoekstra":
        assert "overzicht [thema]" in text
        assert "samenvatting [periode]" in text


def test_a_reader_once_named_a_sponsor_is_still_only_shown_reading(
    session: Session, clock: FixedClock
) -> None:
    reader = person(session, "gerda-boelens")
    theme = session.scalars(select(Theme).where(Theme.key == "omgevingswet")).one()
    theme.sponsor_id = reader.id  # as an import from before readers were refused did
    session.flush()
    assert answer(session, clock, "gerda-boelens", "help_command") == help_text("nl", READ)


def test_help_in_english_and_the_inline_form_documented(
    session: Session, clock: FixedClock
) -> None:
    text = answer(session, clock, "maya-verhoef", "help_command")
    assert text.startswith("This is what you can ask me (the Dutch commands work too):\n")
    assert "• my actions (mijn acties) – your open actions" in text
    assert "nieuwe actie" not in text
    assert "new action" not in text
    director = answer(session, clock, "marieke-hoekstra", "help_command")
    assert (
        "• nieuwe actie <thema>: <titel> | <eigenaar>[, eigenaar] | <deadline> [| <spoor>]"
        in director
    )


def test_someone_in_no_programme_is_told_so(session: Session, clock: FixedClock) -> None:
    stranger = Person(name="Onbekende Bezoeker", email="x@example.org")
    session.add(stranger)
    session.flush()
    for command in ("help_command", "my_actions", "overview", "absent", "new_action"):
        out = RecordingOutgoing()
        getattr(commands, command)(make_ctx(session, clock, stranger, out), "")
        assert out.texts() == [t("perm.unknown_person", "nl")]


# -- mijn acties ---------------------------------------------------------------------------


def test_my_actions_with_those_covered_for_an_absent_colleague(
    session: Session, clock: FixedClock
) -> None:
    add_update(session, "OW-05", "wim-schepers", "2026-11-20T09:30:00", status=Status.ON_TRACK)
    text = answer(session, clock, "wim-schepers", "my_actions")
    assert text == (
        "Je open acties (3):\n"
        "Omgevingswet\n"
        "• #1 OW-01 Omgevingstafel Zuidoost-Drenthe inrichten\n"
        "   deadline: Q2 2026 (dinsdag 30 juni 2026) – te laat · status: vertraagd"
        " · laatste update: nog geen update\n"
        "• #5 OW-05 Regels buitengebied in de omgevingsplannen naast elkaar leggen\n"
        "   deadline: medio 2027 (woensdag 30 juni 2027) · status: op schema"
        " · laatste update: 20 nov 2026\n"
        "• #9 OW-09 Intervisie voor vergunningverleners\n"
        "   deadline: in 2027 (vrijdag 31 december 2027) · status: open"
        " · laatste update: nog geen update\n"
        "\n"
        "Je neemt waar voor Rob Jansen, afwezig tot en met vrijdag 11 december 2026:\n"
        "Omgevingswet\n"
        "• #2 OW-02 Gezamenlijke aanpak DSO-koppelingen\n"
        "   deadline: eind 2026 (donderdag 31 december 2026) · status: op schema"
        " · laatste update: nog geen update\n"
        "• #4 OW-04 Afspraken over uitwisselen vergunningverleners bij pieken\n"
        "   deadline: begin 2027 (woensdag 31 maart 2027) · status: open"
        " · laatste update: nog geen update"
    )


def test_my_actions_in_english_and_for_a_reader(session: Session, clock: FixedClock) -> None:
    text = answer(session, clock, "maya-verhoef", "my_actions")
    assert text.startswith("Your open actions (5):\nBereikbaarheid\n• #10 BER-01 ")
    assert (
        "• #15 BER-06 Terugkoppeling uit regionale netwerken\n"
        "   deadline: before the summer of 2026 (Tuesday 30 June 2026) – overdue · status: open"
        " · last update: no update yet"
    ) in text
    assert "Recreatie & Toerisme\n• #21 RT-05" in text
    assert answer(session, clock, "gerda-boelens", "my_actions") == "Je hebt geen open acties."


# -- actie <n> -----------------------------------------------------------------------------


def test_action_details_with_history_for_a_reader(session: Session, clock: FixedClock) -> None:
    add_update(session, "OW-01", None, "2026-11-01T10:00:00", status=Status.DELAYED)
    add_update(
        session,
        "OW-01",
        "wim-schepers",
        "2026-11-20T23:30:00",
        text="wacht op de RUD",
        edited=True,
    )
    add_update(session, "OW-01", "hendrik-kuiper", "2026-11-21T08:00:00", kind=UpdateKind.DEADLINE)
    session.add(
        DeadlineProposal(
            action_id=action(session, "OW-01").id,
            proposed_by=person(session, "wim-schepers").id,
            text="eind maart 2027",
            due=date(2027, 3, 31),
            precision=Precision.MONTH,
            state=ProposalState.OPEN,
            created_at=at("2026-11-21T09:00:00"),
        )
    )
    session.flush()
    text = answer(session, clock, "gerda-boelens", "action_details", "1")
    assert text == (
        "#1 OW-01 Omgevingstafel Zuidoost-Drenthe inrichten\n"
        "Thema: Omgevingswet (BOCE beleidsagenda) · spoor: Samen doen\n"
        "Eigenaren: Wim Schepers, Rob Jansen\n"
        "Deadline: Q3 2027 (donderdag 30 september 2027)\n"
        "Status: vertraagd\n"
        "Deelnemers, vergaderritme en agenda van de regionale omgevingstafel vastleggen, "
        "samen met de ketenpartners.\n"
        "Voorgestelde deadline: eind maart 2027 (woensdag 31 maart 2027), door Wim Schepers;"
        " wacht op bevestiging.\n"
        "Geschiedenis:\n"
        "• zondag 1 november 2026 11:00, programmabestand: vertraagd\n"
        "• zaterdag 21 november 2026 00:30, Wim Schepers: ‘wacht op de RUD’ (gewijzigd)\n"
        "• zaterdag 21 november 2026 09:00, Hendrik Kuiper: deadline van ‘Q2 2026’ naar "
        "‘Q3 2027’"
    )


def test_action_details_by_key_in_english_in_the_readers_zone(
    session: Session, clock: FixedClock
) -> None:
    add_update(session, "BER-01", "maya-verhoef", "2026-11-20T23:30:00", text="draft ready")
    text = answer(session, clock, "maya-verhoef", "action_details", "ber-01")
    assert text.startswith("#10 BER-01 Bereikbaarheidsagenda actualiseren\nTheme: Bereikbaarheid")
    # 23:30 UTC is 00:30 the next day in Berlin
    assert text.endswith("History:\n• Saturday 21 November 2026 00:30, Maya Verhoef: ‘draft ready’")
    assert "KPI" not in text
    kpi = answer(session, clock, "maya-verhoef", "action_details", "#8")
    assert "KPI: 34 of 60 medewerkers: leergang afgerond" in kpi
    assert kpi.endswith("History:\nNo updates yet.")


@pytest.mark.parametrize(
    ("who", "line"),
    [
        ("lotte-venema", "KPI: 1.250,5 van 2.000 medewerkers: leergang afgerond"),
        ("maya-verhoef", "KPI: 1,250.5 of 2,000 medewerkers: leergang afgerond"),
    ],
)
def test_action_details_write_the_kpi_the_way_of_the_language(
    session: Session, clock: FixedClock, who: str, line: str
) -> None:
    ow08 = session.scalars(select(Action).where(Action.key == "OW-08")).one()
    ow08.kpi_current, ow08.kpi_target = 1250.5, 2000
    assert line in answer(session, clock, who, "action_details", "#8").split("\n")


def test_action_details_show_a_withdrawn_update_with_who_and_when(
    session: Session, clock: FixedClock
) -> None:
    add_update(session, "OW-01", "wim-schepers", "2026-11-20T10:00:00", text="loket draait")
    add_update(
        session,
        "OW-01",
        "wim-schepers",
        "2026-11-20T10:02:00",
        status=Status.DONE,
        text="verkeerde actie",
        withdrawn=("wim-schepers", "2026-11-20T10:05:00"),
    )
    text = answer(session, clock, "gerda-boelens", "action_details", "1")
    assert text.endswith(
        "Geschiedenis:\n"
        "• vrijdag 20 november 2026 11:00, Wim Schepers: ‘loket draait’\n"
        "• vrijdag 20 november 2026 11:02, Wim Schepers: afgerond – ‘verkeerde actie’ — "
        "ingetrokken door Wim Schepers, vrijdag 20 november 2026 11:05"
    )
    english = answer(session, clock, "maya-verhoef", "action_details", "1")
    assert english.endswith(
        "Wim Schepers: done – ‘verkeerde actie’ — withdrawn by Wim Schepers, "
        "Friday 20 November 2026 11:05"
    )


def test_my_actions_show_the_last_update_that_stands(session: Session, clock: FixedClock) -> None:
    add_update(session, "OW-03", "lotte-venema", "2026-11-10T10:00:00", text="gestart")
    add_update(
        session,
        "OW-03",
        "lotte-venema",
        "2026-11-20T10:00:00",
        text="ingetrokken",
        withdrawn=("lotte-venema", "2026-11-20T10:01:00"),
    )
    add_update(
        session,
        "OW-04",
        "lotte-venema",
        "2026-11-20T10:00:00",
        text="ingetrokken",
        withdrawn=("lotte-venema", "2026-11-20T10:01:00"),
    )
    lines = answer(session, clock, "lotte-venema", "my_actions").splitlines()
    ow03 = lines[lines.index(next(line for line in lines if "OW-03" in line)) + 1]
    ow04 = lines[lines.index(next(line for line in lines if "OW-04" in line)) + 1]
    assert "laatste update: 10 nov 2026" in ow03
    assert "nog geen update" in ow04


def test_action_details_unknown_and_missing(session: Session, clock: FixedClock) -> None:
    assert answer(session, clock, "rob-jansen", "action_details", "99") == (
        "Ik vind geen actie ‘99’ in jouw programma's. Typ ‘acties’ voor de lijst."
    )
    assert answer(session, clock, "rob-jansen", "action_details", "") == t(
        "commands.details.usage", "nl"
    )


def test_action_numbers_in_two_programmes(
    register: Register, session: Session, settings: Settings, clock: FixedClock
) -> None:
    import_file(register, REGIODEAL, settings, clock)
    session.expire_all()
    text = answer(session, clock, "pieter-lubbers", "action_details", "1")
    assert text.startswith("Actie ‘1’ bestaat in meer dan één programma (boce, ")
    boce = answer(session, clock, "pieter-lubbers", "action_details", "1 boce")
    assert boce.startswith("#1 OW-01 Omgevingstafel")
    query = select(Action).where(Action.number == 1, Action.key != "OW-01")
    other = session.scalar(query.options(joinedload(Action.programme)))
    assert other is not None
    named = answer(session, clock, "pieter-lubbers", "action_details", f"{other.programme.key} 1")
    assert named.startswith(f"#1 {other.key} ")
    mine = answer(session, clock, "pieter-lubbers", "my_actions")
    assert "Leefbaarheid (BOCE beleidsagenda)\n• #29 LB-05 " in mine
    assert f"({other.programme.name})\n" in mine


def test_a_director_of_one_programme_is_not_one_of_another(
    register: Register, session: Session, settings: Settings, clock: FixedClock
) -> None:
    import_file(register, REGIODEAL, settings, clock)
    session.expire_all()
    regiodeal = session.scalar(select(Programme).where(Programme.key == "regiodeal-zod"))
    assert regiodeal is not None
    director = person(session, "marieke-hoekstra")
    session.add(
        Membership(
            programme_id=regiodeal.id, person_id=director.id, key="marieke", role=Role.MEMBER
        )
    )
    session.flush()
    reports = run(session, clock, "marieke-hoekstra", "overview")
    assert [text.split(",")[0] for text in reports.texts()] == ["Overzicht BOCE beleidsagenda"]
    refused = t("perm.director_only", "nl")
    assert answer(session, clock, "marieke-hoekstra", "overview", "regiodeal-zod") == refused
    assert answer(session, clock, "marieke-hoekstra", "overview", "werken") == refused
    assert answer(session, clock, "marieke-hoekstra", "summary", "regiodeal-zod maand") == refused
    before = count_actions(session)
    created = answer(
        session,
        clock,
        "marieke-hoekstra",
        "new_action",
        "werken: Iets nieuws | Kim Bosscher | Q2 2027",
    )
    assert created == t("perm.not_sponsor", "nl")
    assert count_actions(session) == before
    # in the programme she directs she may, without a track where there are none
    assert answer(
        session,
        clock,
        "carla-timmerman",
        "new_action",
        "werken: Iets nieuws | Kim Bosscher | Q2 2027",
    ).startswith("Actie #")
    assert answer(
        session,
        clock,
        "carla-timmerman",
        "new_action",
        "werken: Nog iets | Kim Bosscher | Q2 2027 | samen doen",
    ) == ("Dit programma heeft geen sporen, dus geen spoor ‘samen doen’. Laat het weg.")


# -- nieuwe actie --------------------------------------------------------------------------


def count_actions(session: Session) -> int:
    return session.scalar(select(func.count(Action.id))) or 0


def test_sponsor_creates_an_action_in_their_theme(session: Session, clock: FixedClock) -> None:
    text = answer(
        session,
        clock,
        "hendrik-kuiper",
        "new_action",
        "omgevingswet: Handboek toezicht | Lotte Venema, rob | eind maart 2027 | samen leren",
    )
    assert text == (
        "Actie #33 (OW-10) staat erin: Handboek toezicht.\n"
        "Thema: Omgevingswet · Eigenaren: Lotte Venema, Rob Jansen · Deadline: eind maart "
        "2027 (woensdag 31 maart 2027)."
    )
    created = action(session, "OW-10")
    assert created.number == 33
    assert created.theme.key == "omgevingswet"
    assert created.track is not None
    assert created.track.key == "samen-leren"
    assert [p.name for p in created.owners] == ["Lotte Venema", "Rob Jansen"]
    assert [p.key for p in created.parties] == ["borger-odoorn", "emmen"]
    assert (created.due, created.deadline_text) == (date(2027, 3, 31), "eind maart 2027")
    assert created.deadline_precision is Precision.MONTH
    assert created.status is Status.OPEN
    assert created.created_at == clock.now()


@pytest.mark.parametrize(
    ("who", "theme", "refusal"),
    [
        ("marieke-hoekstra", "bereikbaarheid", None),
        ("sanne-wolters", "leefbaarheid", None),
        ("annelies-mulder", "bereikbaarheid", None),
        ("annelies-mulder", "omgevingswet", "perm.not_sponsor"),
        ("fatima-el-amrani", "bereikbaarheid", "perm.not_sponsor"),
        ("johan-dekker", "bereikbaarheid", "perm.reader"),
    ],
)
def test_who_may_create_an_action(
    session: Session, clock: FixedClock, who: str, theme: str, refusal: str | None
) -> None:
    before = count_actions(session)
    text = answer(
        session,
        clock,
        who,
        "new_action",
        f"{theme}: Nieuwe actie | Fatima El Amrani | Q2 2027 | samen doen",
    )
    if refusal is None:
        assert text.startswith("Actie #33 (")
        assert count_actions(session) == before + 1
    else:
        assert text == t(refusal, "nl")
        assert count_actions(session) == before


def test_new_action_is_refused_with_the_reason(session: Session, clock: FixedClock) -> None:
    before = count_actions(session)
    cases = {
        "omgevingswet: X | Lotte Venema | binnenkort | samen doen": t(
            "deadline.error.vague", "nl", text="binnenkort", examples=t("deadline.examples", "nl")
        ),
        "omgevingswet: X | Jan Klaassen | Q2 2027 | samen doen": (
            "Ik vind niemand die ‘Jan Klaassen’ heet in dit programma. Gebruik de volledige "
            "naam of de sleutel uit het programmabestand."
        ),
        "omgevingswet: X | gerda-boelens | Q2 2027 | samen doen": (
            "Gerda Boelens heeft alleen leesrechten in dit programma en kan geen eigenaar zijn."
        ),
        "omgevingswet: X | Lotte Venema | Q2 2027": (
            "Dit programma werkt met sporen; kies er een: Samen doen, Samen optrekken, Samen leren."
        ),
        "omgevingswet: X | Lotte Venema | Q2 2027 | samen spelen": (
            "Ik ken geen spoor ‘samen spelen’. Kies uit: Samen doen, Samen optrekken, Samen leren."
        ),
        "omgevingswet:  | Lotte Venema | Q2 2027 | samen doen": "De actie heeft nog geen titel.",
        "sport: X | Lotte Venema | Q2 2027 | samen doen": (
            "Ik ken geen thema ‘sport’. Kies uit: omgevingswet (Omgevingswet), bereikbaarheid "
            "(Bereikbaarheid), recreatie-toerisme (Recreatie & Toerisme), leefbaarheid "
            "(Leefbaarheid)."
        ),
        "omgevingswet X Lotte Venema": t("commands.new.usage", "nl"),
    }
    for args, expected in cases.items():
        assert answer(session, clock, "marieke-hoekstra", "new_action", args) == expected, args
    assert count_actions(session) == before


def test_new_action_form_offers_the_sponsors_themes(session: Session, clock: FixedClock) -> None:
    message = run(session, clock, "annelies-mulder", "new_action").last()
    assert message.text == "Vul het formulier in om een actie toe te voegen."
    form = message.form
    assert form is not None
    assert form.id == "new_action"
    names = [i.name for i in form.inputs]
    assert names == ["theme", "title", "owners", "deadline", "track"]
    theme = form.inputs[0]
    assert theme.kind is InputKind.CHOICE
    assert [c.label for c in theme.choices] == ["Bereikbaarheid"]
    assert [c.label for c in form.inputs[4].choices] == [
        "Samen doen",
        "Samen optrekken",
        "Samen leren",
    ]
    director = run(session, clock, "marieke-hoekstra", "new_action").last().form
    assert director is not None
    assert len(director.inputs[0].choices) == 4
    assert answer(session, clock, "rob-jansen", "new_action") == t("perm.not_sponsor", "nl")
    assert answer(session, clock, "gerda-boelens", "new_action") == t("perm.reader", "nl")
    # the form survives the outbox's JSON
    assert Message.from_json(message.to_json()) == message


def test_new_action_form_submission(session: Session, clock: FixedClock) -> None:
    theme = session.scalar(select(Theme).where(Theme.key == "bereikbaarheid"))
    assert theme is not None
    values = {
        "theme": str(theme.id),
        "title": "Fietsparkeren bij stations",
        "owners": "Arjen Post",
        "deadline": "over drie maanden",
        "track": "",
    }
    out = RecordingOutgoing()
    ctx = make_ctx(session, clock, person(session, "annelies-mulder"), out)
    commands.new_action_form(ctx, "", {})
    bad = out.last()
    assert bad.form is not None
    # nothing submitted: the theme is asked again
    assert bad.form.inputs[0].error == "Kies het thema waar de actie onder valt."
    out = RecordingOutgoing()
    ctx = make_ctx(session, clock, person(session, "annelies-mulder"), out)
    commands.new_action_form(ctx, "", values | {"deadline": "zsm"})
    again = out.last()
    assert again.form is not None
    errors = {i.name: i.error for i in again.form.inputs}
    assert errors["deadline"].startswith("‘zsm’ is geen datum.")
    assert errors["title"] == ""
    assert again.text == errors["deadline"]
    assert {i.name: i.initial for i in again.form.inputs}["title"] == "Fietsparkeren bij stations"
    assert session.scalar(select(Action).where(Action.title == values["title"])) is None
    # a track is needed in BOCE
    out = RecordingOutgoing()
    commands.new_action_form(make_ctx(session, clock, ctx.person, out), "", values)
    trackless = out.last().form
    assert trackless is not None
    assert trackless.inputs[4].error.startswith("Dit programma werkt met sporen")
    track = [c.value for c in again.form.inputs[4].choices][1]
    out = RecordingOutgoing()
    commands.new_action_form(
        make_ctx(session, clock, ctx.person, out), "", values | {"track": track}
    )
    assert out.texts() == [
        (
            "Actie #33 (BER-08) staat erin: Fietsparkeren bij stations.\n"
            "Thema: Bereikbaarheid · Eigenaar: Arjen Post · Deadline: maandag 22 februari 2027."
        )
    ]
    created = action(session, "BER-08")
    assert created.deadline_typed == "over drie maanden"
    assert created.track is not None
    assert created.track.key == "samen-optrekken"
    # someone else's theme through a crafted submission is refused
    other = session.scalar(select(Theme).where(Theme.key == "omgevingswet"))
    assert other is not None
    out = RecordingOutgoing()
    commands.new_action_form(
        make_ctx(session, clock, ctx.person, out), "", values | {"theme": str(other.id)}
    )
    assert out.texts() == [t("perm.not_sponsor", "nl")]


def test_new_keys_follow_the_theme() -> None:
    theme = Theme(id=999, programme_id=1, key="recreatie-toerisme", name="R&T")
    assert new_key(theme, []) == "RT-01"
    assert new_key(theme, [("RT-01", 5)]) == "RT-02"  # another theme has RT-01 already
    assert new_key(theme, [("RT-01", 5), ("rt-02", 5)]) == "RT-03"
    assert new_key(theme, [("T-7", 999), ("T-12", 999)]) == "T-13"
    assert new_key(theme, [("X.009", 999), ("X.010", 999)]) == "X.011"
    single = Theme(id=998, programme_id=1, key="omgevingswet", name="O")
    assert new_key(single, [("OMG-01", 1)]) == "OMG-02"


# -- overzicht and samenvatting ------------------------------------------------------------


@pytest.mark.parametrize("command", ["overview", "summary"])
@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("marieke-hoekstra", True),
        ("sanne-wolters", True),
        ("hendrik-kuiper", False),
        ("rob-jansen", False),
        ("gerda-boelens", False),
    ],
)
def test_overview_and_summary_are_for_the_director(
    session: Session, clock: FixedClock, command: str, who: str, allowed: bool
) -> None:
    text = answer(session, clock, who, command)
    if allowed:
        assert text.startswith(
            ("Overzicht BOCE beleidsagenda, ", "Samenvatting BOCE beleidsagenda, ")
        )
    else:
        assert text == t("perm.director_only", "nl")


@pytest.fixture
def week(session: Session) -> Session:
    """A week of activity in Omgevingswet and Bereikbaarheid."""
    add_update(session, "OW-01", "wim-schepers", "2026-11-20T10:00:00", text="wacht op de RUD")
    add_update(session, "OW-02", "wim-schepers", "2026-11-21T09:00:00", status=Status.DONE)
    add_update(session, "OW-03", "hendrik-kuiper", "2026-11-18T12:00:00", kind=UpdateKind.DEADLINE)
    add_update(session, "OW-05", "lotte-venema", "2026-10-15T12:00:00", status=Status.AT_RISK)
    add_ping(session, "OW-04", "lotte-venema", "2026-11-18T08:00:00")
    add_ping(
        session, "OW-08", "lotte-venema", "2026-11-10T08:00:00", escalated="2026-11-16T08:00:00"
    )
    add_ping(
        session, "BER-04", "arjen-post", "2026-11-09T08:00:00", escalated="2026-11-13T08:00:00"
    )
    # answered questions and closed actions are not missing replies
    answered = add_ping(session, "OW-09", "wim-schepers", "2026-11-18T08:00:00")
    answered.state = PingState.ANSWERED
    add_ping(session, "OW-02", "wim-schepers", "2026-11-18T08:00:00")
    session.flush()
    return session


def test_overview_of_one_theme(week: Session, clock: FixedClock) -> None:
    text = answer(week, clock, "marieke-hoekstra", "overview", "omgevingswet")
    assert text == (
        "Overzicht BOCE beleidsagenda, maandag 16 november 2026 t/m zondag 22 november 2026\n"
        "\n"
        "Omgevingswet (opdrachtgever: Hendrik Kuiper)\n"
        "Acties: 3 open, 2 risico, 1 vertraagd, 2 afgerond, 1 vervallen\n"
        "Veranderd (1 update, 1 afgerond, 1 deadline verschoven):\n"
        "• #3 OW-03 Werkwijze vergunningverlening met de RUD gelijktrekken: deadline van "
        "‘H1 2027’ naar ‘Q3 2027’ (Hendrik Kuiper)\n"
        "• #1 OW-01 Omgevingstafel Zuidoost-Drenthe inrichten: ‘wacht op de RUD’ (Wim Schepers)\n"
        "• #2 OW-02 Gezamenlijke aanpak DSO-koppelingen: afgerond (Wim Schepers)\n"
        "Te laat:\n"
        "• #1 OW-01 Omgevingstafel Zuidoost-Drenthe inrichten – Q2 2026 (dinsdag 30 juni 2026)"
        " – Wim Schepers, Rob Jansen\n"
        "• #8 OW-08 Leergangen Omgevingswet via de BOCE-academie – Q3 2026 (woensdag 30 "
        "september 2026) – Lotte Venema\n"
        "Geen update (gevraagd, geen antwoord):\n"
        "• #8 OW-08 Leergangen Omgevingswet via de BOCE-academie – Lotte Venema, gevraagd op "
        "10 nov 2026; ook na de herinnering geen antwoord\n"
        "• #4 OW-04 Afspraken over uitwisselen vergunningverleners bij pieken – Lotte Venema, "
        "gevraagd op 18 nov 2026"
    )
    message = run(week, clock, "marieke-hoekstra", "overview", "bereik").last()
    title, *themes = [s.heading for s in message.sections]
    assert title.startswith("Overzicht BOCE beleidsagenda, ")  # shown first on every platform
    assert themes == ["Bereikbaarheid (opdrachtgever: Annelies Mulder)"]
    assert (
        "– Arjen Post, gevraagd op 9 nov 2026; ook na de herinnering geen antwoord" in message.text
    )


def test_overview_and_summary_leave_out_a_withdrawn_update(
    week: Session, clock: FixedClock
) -> None:
    add_update(
        week,
        "OW-04",
        "lotte-venema",
        "2026-11-21T10:00:00",
        text="bij de verkeerde actie",
        withdrawn=("lotte-venema", "2026-11-21T10:03:00"),
    )
    overview = answer(week, clock, "marieke-hoekstra", "overview", "omgevingswet")
    summary = answer(week, clock, "marieke-hoekstra", "summary")
    for text in (overview, summary):
        assert "bij de verkeerde actie" not in text
        assert "Veranderd (1 update, 1 afgerond, 1 deadline verschoven):" in text


def test_overview_of_an_unknown_theme(session: Session, clock: FixedClock) -> None:
    assert answer(session, clock, "marieke-hoekstra", "overview", "sport").startswith(
        "Ik ken geen thema ‘sport’. Kies uit: omgevingswet (Omgevingswet), "
    )


def test_summary_of_a_period(week: Session, clock: FixedClock) -> None:
    message = run(week, clock, "marieke-hoekstra", "summary", "vorige maand").last()
    assert message.text.startswith(
        "Samenvatting BOCE beleidsagenda, donderdag 1 oktober 2026 t/m zaterdag 31 oktober 2026"
    )
    assert [s.heading for s in message.sections] == [
        "Samenvatting BOCE beleidsagenda, donderdag 1 oktober 2026 t/m zaterdag 31 oktober 2026",
        "Omgevingswet (opdrachtgever: Hendrik Kuiper)",
        "Bereikbaarheid (opdrachtgever: Annelies Mulder)",
        "Recreatie & Toerisme (opdrachtgever: Jeroen Brouwer)",
        "Leefbaarheid (opdrachtgever: Ingrid Meijering)",
    ]
    first = message.sections[1].text
    assert "Veranderd (1 update):\n• #5 OW-05 Regels buitengebied" in first
    assert "risico (Lotte Venema)" in first
    assert "wacht op de RUD" not in first  # November is outside October
    assert message.sections[3].text.startswith(
        "Acties: 3 open, 3 op schema, 1 risico, 1 afgerond\nGeen veranderingen in deze periode."
    )
    # default: the last 7 days
    default = run(week, clock, "marieke-hoekstra", "summary").last()
    assert "wacht op de RUD" in default.sections[1].text
    assert "OW-05" not in default.sections[1].text.split("Te laat")[0]


def test_summary_with_a_bad_period(session: Session, clock: FixedClock) -> None:
    text = answer(session, clock, "marieke-hoekstra", "summary", "ooit")
    assert text.startswith("De periode ‘ooit’ begrijp ik niet. Dit werkt: ")
    english = answer(session, clock, "sanne-wolters", "summary", "2026-06-30..2026-01-01")
    assert english.startswith("Die periode eindigt (donderdag 1 januari 2026)")


def test_summary_in_english_for_an_english_director(session: Session, clock: FixedClock) -> None:
    director = person(session, "marieke-hoekstra")
    director.language = "en"
    session.flush()
    message = run(session, clock, "marieke-hoekstra", "summary", "last week").last()
    assert message.text.startswith(
        "Summary BOCE beleidsagenda, Monday 9 November 2026 to Sunday 15 November 2026\n"
    )
    assert message.sections[1].heading == "Omgevingswet (sponsor: Hendrik Kuiper)"
    assert message.sections[1].text.startswith(
        "Actions: 3 open, 2 on track, 1 at risk, 1 delayed, 1 done, 1 dropped\n"
        "No changes in this period.\nOverdue:\n"
    )


def count_queries(session: Session, who: str, command: str, args: str, clock: FixedClock) -> int:
    """How many SQL statements one command runs, with nothing cached in the session."""
    session.expire_all()
    seen: list[object] = []

    def record(*params: object) -> None:
        seen.append(params[2])

    bind = session.get_bind()
    event.listen(bind, "before_cursor_execute", record)
    try:
        run(session, clock, who, command, args)
    finally:
        event.remove(bind, "before_cursor_execute", record)
    return len(seen)


def test_summary_reads_a_fixed_number_of_queries(week: Session, clock: FixedClock) -> None:
    first = count_queries(week, "marieke-hoekstra", "summary", "maand", clock)
    for i in range(20):
        answer(
            week,
            clock,
            "marieke-hoekstra",
            "new_action",
            f"leefbaarheid: Extra {i} | Pieter Lubbers | Q2 2026 | samen doen",
        )
        add_update(week, f"LB-{9 + i:02d}", "pieter-lubbers", "2026-11-20T10:00:00", text="x")
        add_ping(week, f"LB-{9 + i:02d}", "pieter-lubbers", "2026-11-19T08:00:00")
    assert count_queries(week, "marieke-hoekstra", "summary", "maand", clock) == first
    text = run(week, clock, "marieke-hoekstra", "summary", "maand").last().sections[4].text
    assert text.count("Pieter Lubbers, gevraagd op 19 nov 2026") == 20


# -- afwezig -------------------------------------------------------------------------------


def absences(session: Session, who: str) -> list[tuple[date, date, str | None, int | None]]:
    rows = session.scalars(
        select(Absence)
        .where(Absence.person_id == person(session, who).id)
        .order_by(Absence.starts_on)
        .options(joinedload(Absence.deputy))
    ).all()
    return [
        (a.starts_on, a.ends_on, a.deputy.name if a.deputy else None, a.programme_id) for a in rows
    ]


def test_absence_with_a_deputy(session: Session, clock: FixedClock) -> None:
    text = answer(
        session, clock, "lotte-venema", "absent", "1 december t/m 12 december Wim Schepers"
    )
    assert text == (
        "Genoteerd: je bent afwezig van dinsdag 1 december 2026 t/m zaterdag 12 december 2026."
        " Wim Schepers neemt waar en krijgt in die tijd de vragen over je acties."
    )
    assert absences(session, "lotte-venema") == [
        (date(2026, 12, 1), date(2026, 12, 12), "Wim Schepers", None)
    ]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ("morgen t/m vrijdag", (date(2026, 11, 23), date(2026, 11, 27), None)),
        ("morgen", (date(2026, 11, 23), date(2026, 11, 23), None)),
        (
            "1-12 tot en met 5-12 met vervanger rob",
            (date(2026, 12, 1), date(2026, 12, 5), "Rob Jansen"),
        ),
        (
            "van 2026-12-01 t/m 2026-12-24 wim-schepers",
            (date(2026, 12, 1), date(2026, 12, 24), "Wim Schepers"),
        ),
        ("maandag t/m woensdag", (date(2026, 11, 23), date(2026, 11, 25), None)),
        ("vrijdag t/m maandag", (date(2026, 11, 27), date(2026, 11, 30), None)),
        ("28 december t/m 3 januari", (date(2026, 12, 28), date(2027, 1, 3), None)),
        ("1 t/m 3 december (Wim Schepers)", (date(2026, 12, 1), date(2026, 12, 3), "Wim Schepers")),
        ("15 november t/m 25 november", (date(2026, 11, 15), date(2026, 11, 25), None)),
    ],
)
def test_absence_dates_in_words(
    session: Session,
    clock: FixedClock,
    args: str,
    expected: tuple[date, date, str | None],
) -> None:
    text = answer(session, clock, "lotte-venema", "absent", args)
    assert text.startswith("Genoteerd: je bent afwezig van "), text
    assert absences(session, "lotte-venema") == [(*expected, None)]


def test_absence_in_english(session: Session, clock: FixedClock) -> None:
    text = answer(
        session, clock, "maya-verhoef", "absent", "1 December to 3 December Thijs Huizing"
    )
    assert text == (
        "Noted: you are away from Tuesday 1 December 2026 to Thursday 3 December 2026. "
        "Thijs Huizing covers for you and gets the questions about your actions meanwhile."
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            "2026-12-12 t/m 2026-12-01",
            (
                "Het einde (dinsdag 1 december 2026) ligt voor het begin (zaterdag 12 december "
                "2026). Zet de eerste dag voorop."
            ),
        ),
        (
            "12 december t/m 1 december",
            (
                "Het einde (dinsdag 1 december 2026) ligt voor het begin (zaterdag 12 december "
                "2026). Zet de eerste dag voorop."
            ),
        ),
        (
            "1 t/m 3 november",
            (
                "Die afwezigheid is al voorbij (dinsdag 3 november 2026 is geweest); ik noteer "
                "alleen wat nog komt."
            ),
        ),
        (
            "1 december t/m 5 december Jan Klaassen",
            (
                "Ik vind geen ‘Jan Klaassen’ in jouw programma's. Noem je vervanger met de "
                "volledige naam of de sleutel uit het programmabestand."
            ),
        ),
        (
            "1 december t/m 5 december jansen",
            ("Je kunt niet je eigen vervanger zijn. Noem een collega, of laat de vervanger weg."),
        ),
        (
            "1 december t/m 5 december Ma",
            (
                "‘Ma’ past op meer mensen: Fatima El Amrani, Lotte Venema, Margriet Smit, "
                "Marieke Hoekstra, Maya Verhoef. "
                "Schrijf de volledige naam."
            ),
        ),
        (
            "1 december t/m 5 december Rob Jansen",
            "Je kunt niet je eigen vervanger zijn. Noem een collega, of laat de vervanger weg.",
        ),
        (
            "1 december t/m 5 december Gerda Boelens",
            (
                "Gerda Boelens heeft alleen leesrechten en kan je acties niet bijwerken. Kies een "
                "andere vervanger."
            ),
        ),
        (
            "1 december t/m 5 december",
            (
                "Je bent dan al afwezig: maandag 16 november 2026 t/m vrijdag 11 december 2026. "
                "Wis die eerst met ‘afwezig wissen’, of kies andere dagen."
            ),
        ),
        ("binnenkort", t("commands.absent.bad_date", "nl", text="binnenkort")),
        ("1 december t/m ooit", t("commands.absent.bad_date", "nl", text="1 december t/m ooit")),
    ],
)
def test_absence_refused_with_a_clear_answer(
    session: Session, clock: FixedClock, args: str, expected: str
) -> None:
    before = absences(session, "rob-jansen")
    assert answer(session, clock, "rob-jansen", "absent", args) == expected
    assert absences(session, "rob-jansen") == before


def test_absences_listed_and_cancelled(session: Session, clock: FixedClock) -> None:
    answer(session, clock, "rob-jansen", "absent", "14 december t/m 18 december")
    answer(session, clock, "rob-jansen", "absent", "28 december t/m 3 januari Wim Schepers")
    assert answer(session, clock, "rob-jansen", "absent") == (
        "Je afwezigheid:\n"
        "• maandag 16 november 2026 t/m vrijdag 11 december 2026, vervanger: Wim Schepers "
        "(uit het programmabestand)\n"
        "• maandag 14 december 2026 t/m vrijdag 18 december 2026\n"
        "• maandag 28 december 2026 t/m zondag 3 januari 2027, vervanger: Wim Schepers"
    )
    assert run(session, clock, "rob-jansen", "absent", "wissen").texts() == [
        "Je geplande afwezigheid is gewist (2)."
    ]
    assert absences(session, "rob-jansen") == [
        (
            date(2026, 11, 16),
            date(2026, 12, 11),
            "Wim Schepers",
            action(session, "OW-01").programme_id,
        )
    ]
    # a file's future absence stays, and the answer says where to change it
    lotte = person(session, "lotte-venema")
    boce = action(session, "OW-01").programme_id
    session.add(
        Absence(
            person_id=lotte.id,
            programme_id=boce,
            starts_on=date(2027, 1, 4),
            ends_on=date(2027, 1, 8),
        )
    )
    session.flush()
    assert run(session, clock, "lotte-venema", "absent", "cancel").texts() == [
        "Je had geen geplande afwezigheid die ik kan wissen.",
        (
            "Afwezigheid uit het programmabestand (1) blijft staan; vraag de programmaregisseur "
            "die daar aan te passen."
        ),
    ]
    assert answer(session, clock, "wim-schepers", "absent") == t("commands.absent.none", "nl")
