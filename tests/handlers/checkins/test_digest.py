"""The weekly digest on the BOCE example, on SQLite and PostgreSQL: what each theme channel
and each person reads, once per day, in their language, with escalations for sponsor and
director."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from sqlalchemy import event, func, select, update
from sqlalchemy.orm import Session

from bot.engine.opening import Register, import_file
from config.settings import Settings
from handlers.checkins.digest import send_digests
from storage.inbox import MAX_EVENT_ATTEMPTS, record_failure, store_event
from storage.models import Action, Identity, OutboxMessage, Person, Programme
from storage.outbox import OutboxWriter
from storage.reach import mark_unreachable, reached
from tests.commands_world import add_ping, add_update, answer, at, person
from tests.conftest import BOCE, REGIODEAL
from tests.stubs import RecordingOutgoing
from words.chat.inbound import MessageIn
from words.chat.outgoing import ToChannel, ToPerson
from words.clock import FixedClock
from words.domain import OutboxState, PingState, Source, Status

MONDAY = at("2026-11-23T08:00:00")  # 09:00 in Amsterdam: the digest moment


@pytest.fixture
def session(register: Register, settings: Settings, clock: FixedClock) -> Iterator[Session]:
    import_file(register, BOCE, settings, clock)
    with register.sessions() as s:
        yield s


def boce(session: Session) -> int:
    found = session.scalar(select(Programme.id).where(Programme.key == "boce"))
    assert found is not None
    return found


def failed(session: Session, key: str, when: str, **where: object) -> None:
    session.add(
        OutboxMessage(
            key=key,
            kind="dm" if "person_id" in where else "channel",
            payload={},
            state=OutboxState.FAILED,
            not_before=at(when),
            created_at=at(when),
            **where,
        )
    )
    session.flush()


@pytest.fixture
def week(session: Session) -> Session:
    return fill_week(session)


def fill_week(session: Session) -> Session:
    """The week before Monday 23 November: updates, questions unanswered, escalations and
    a message that could not be delivered."""
    add_update(session, "OW-01", "wim-schepers", "2026-11-20T10:00:00", text="wacht op de RUD")
    add_update(session, "OW-02", "wim-schepers", "2026-11-21T09:00:00", status=Status.DONE)
    add_update(session, "OW-05", "lotte-venema", "2026-11-10T12:00:00", status=Status.AT_RISK)
    add_ping(session, "OW-04", "wim-schepers", "2026-11-18T08:00:00")
    add_ping(
        session, "OW-08", "lotte-venema", "2026-11-10T12:00:00", escalated="2026-11-16T08:00:00"
    )
    add_ping(
        session, "RT-07", "maya-verhoef", "2026-11-09T08:00:00", escalated="2026-11-13T08:00:00"
    )
    arjen = person(session, "arjen-post")
    failed(session, "f1", "2026-11-20T09:00:00", programme_id=boce(session), person_id=arjen.id)
    failed(session, "f2", "2026-11-19T09:00:00", programme_id=boce(session), channel="boce-x")
    failed(session, "f3", "2026-11-10T09:00:00", programme_id=boce(session), person_id=arjen.id)
    # an answer to a member, queued without a programme
    lotte = person(session, "lotte-venema")
    failed(session, "f4", "2026-11-21T09:00:00", person_id=lotte.id)
    return session


def digest(session: Session, now: datetime = MONDAY) -> dict[str, str]:
    out = RecordingOutgoing()
    queued = send_digests(session, boce(session), now, out)
    assert queued == len(out.sent)
    texts = {}
    for sent in out.sent:
        assert sent.message is not None
        texts[sent.key] = sent.message.text
    return texts


def key(what: str | int) -> str:
    return f"digest:boce:2026-11-23:{what}"


def test_who_gets_a_digest(week: Session) -> None:
    out = RecordingOutgoing()
    queued = send_digests(week, boce(week), MONDAY, out)
    ids = {
        k: person(week, k).id
        for k in (
            "marieke-hoekstra",
            "sanne-wolters",
            "hendrik-kuiper",
            "jeroen-brouwer",
            "rob-jansen",
            "wim-schepers",
            "lotte-venema",
            "fatima-el-amrani",
            "arjen-post",
            "thijs-huizing",
            "bas-oosting",
            "maya-verhoef",
            "pieter-lubbers",
            "esther-klaassens",
            "margriet-smit",
            "karin-de-wit",
        )
    }
    channels = ["omgevingswet", "bereikbaarheid", "recreatie-toerisme", "leefbaarheid"]
    assert [(s.key, s.to) for s in out.sent] == [
        (key(c), ToChannel(f"boce-{c}")) for c in channels
    ] + [(key(i), ToPerson(i)) for i in ids.values()]
    assert queued == 20
    # nothing to report: the sponsor of a quiet theme, and the readers
    for quiet in ("annelies-mulder", "ingrid-meijering", "gerda-boelens", "johan-dekker"):
        assert key(person(week, quiet).id) not in {s.key for s in out.sent}


def test_theme_channel_post(week: Session) -> None:
    texts = digest(week)
    assert texts[key("omgevingswet")] == (
        "Weekoverzicht Omgevingswet, maandag 23 november 2026\n"
        "\n"
        "Updates van de afgelopen week\n"
        "• #1 OW-01 Omgevingstafel Zuidoost-Drenthe inrichten – Wim Schepers, 20 nov 2026: "
        "‘wacht op de RUD’\n"
        "• #2 OW-02 Gezamenlijke aanpak DSO-koppelingen – Wim Schepers, 21 nov 2026: afgerond\n"
        "\n"
        "Deadline in de komende twee weken\n"
        "Geen deadlines in de komende twee weken.\n"
        "\n"
        "Te laat\n"
        "• #1 OW-01 Omgevingstafel Zuidoost-Drenthe inrichten – Q2 2026 (dinsdag 30 juni 2026)"
        " – Wim Schepers, Rob Jansen\n"
        "• #8 OW-08 Leergangen Omgevingswet via de BOCE-academie – Q3 2026 (woensdag 30 "
        "september 2026) – Lotte Venema\n"
        "\n"
        "Nog geen antwoord\n"
        "• Lotte Venema over #8 OW-08 Leergangen Omgevingswet via de BOCE-academie: geen update"
        " (gevraagd op 10 nov 2026 en herinnerd)\n"
        "• Wim Schepers over #4 OW-04 Afspraken over uitwisselen vergunningverleners bij "
        "pieken (gevraagd op 18 nov 2026)"
    )
    assert texts[key("bereikbaarheid")] == (
        "Weekoverzicht Bereikbaarheid, maandag 23 november 2026\n"
        "\n"
        "Updates van de afgelopen week\n"
        "Deze week kwamen er geen updates binnen.\n"
        "\n"
        "Deadline in de komende twee weken\n"
        "• #14 BER-05 BOCE-inbreng voorbereiden voor het MIRT-overleg – najaar 2026 (maandag "
        "30 november 2026) – Fatima El Amrani\n"
        "\n"
        "Te laat\n"
        "• #13 BER-04 Gezamenlijke lobby Nedersaksenlijn – eind oktober 2026 (zaterdag 31 "
        "oktober 2026) – Fatima El Amrani, Arjen Post\n"
        "• #15 BER-06 Terugkoppeling uit regionale netwerken – voor de zomer van 2026 "
        "(dinsdag 30 juni 2026) – Maya Verhoef"
    )  # nobody was asked about Bereikbaarheid: nothing is said about answers


def test_everyone_answered_only_when_people_were_asked_and_all_answered(week: Session) -> None:
    asked = add_ping(week, "BER-05", "fatima-el-amrani", "2026-11-18T08:00:00")
    asked.state = PingState.ANSWERED
    asked.answered_at = at("2026-11-18T10:00:00")
    week.flush()
    text = digest(week)[key("bereikbaarheid")]
    assert text.endswith("\n\nNog geen antwoord\nIedereen heeft geantwoord.")
    # Asked again at the digest's own moment, in the same tick: not answered yet.
    add_ping(week, "BER-01", "maya-verhoef", "2026-11-23T08:00:00")
    text = digest(week, MONDAY + timedelta(days=7))[key("bereikbaarheid").replace("23", "30")]
    assert "Iedereen heeft geantwoord" not in text
    assert text.endswith(
        "Nog geen antwoord\n• Maya Verhoef over #10 BER-01 Bereikbaarheidsagenda actualiseren "
        "(gevraagd op 23 nov 2026)"
    )


def test_questions_sent_in_the_digests_tick_are_unanswered(week: Session) -> None:
    for ref, who in (
        ("BER-01", "fatima-el-amrani"),
        ("BER-03", "arjen-post"),
        ("BER-05", "maya-verhoef"),
    ):
        add_ping(week, ref, who, "2026-11-23T08:00:00")
    text = digest(week)[key("bereikbaarheid")]
    missing = text.split("Nog geen antwoord\n")[1].splitlines()
    assert len(missing) == 3
    assert all(line.endswith("(gevraagd op 23 nov 2026)") for line in missing)


def test_a_withdrawn_update_is_not_in_the_digest(week: Session) -> None:
    add_update(
        week,
        "OW-04",
        "wim-schepers",
        "2026-11-21T10:00:00",
        text="bij de verkeerde actie",
        withdrawn=("wim-schepers", "2026-11-21T10:02:00"),
    )
    texts = digest(week)
    assert all("bij de verkeerde actie" not in text for text in texts.values())
    assert "• #1 OW-01 " in texts[key("omgevingswet")]


def test_a_quiet_theme_gets_no_post(week: Session) -> None:
    for item in week.scalars(select(Action).where(Action.key.like("LB-%"))):
        item.status = Status.DONE
    week.flush()
    assert key("leefbaarheid") not in digest(week)


def test_personal_digest_with_the_actions_covered_for_an_absent_owner(week: Session) -> None:
    texts = digest(week)
    assert texts[key(person(week, "wim-schepers").id)] == (
        "Hallo Wim, hier is je weekoverzicht van BOCE beleidsagenda.\n"
        "\n"
        "Je open acties\n"
        "• #1 OW-01 Omgevingstafel Zuidoost-Drenthe inrichten – deadline Q2 2026 (dinsdag 30 "
        "juni 2026), te laat – vertraagd\n"
        "• #5 OW-05 Regels buitengebied in de omgevingsplannen naast elkaar leggen – deadline "
        "medio 2027 (woensdag 30 juni 2027) – risico\n"
        "• #9 OW-09 Intervisie voor vergunningverleners – deadline in 2027 (vrijdag 31 "
        "december 2027) – open\n"
        "\n"
        "Je neemt waar voor Rob Jansen (afwezig tot en met vrijdag 11 december 2026)\n"
        "• #4 OW-04 Afspraken over uitwisselen vergunningverleners bij pieken – deadline begin"
        " 2027 (woensdag 31 maart 2027) – open"
    )


def test_personal_digest_in_english(week: Session) -> None:
    assert digest(week)[key(person(week, "maya-verhoef").id)] == (
        "Hello Maya, here is your weekly digest of BOCE beleidsagenda.\n"
        "\n"
        "Your open actions\n"
        # The register's Dutch phrases reach an English reader in English, with their year;
        # a day as its date alone.
        "• #10 BER-01 Bereikbaarheidsagenda actualiseren – due Monday 15 March 2027 – on track\n"
        "• #15 BER-06 Terugkoppeling uit regionale netwerken – due before the summer of 2026 "
        "(Tuesday 30 June 2026), overdue – open\n"
        "• #21 RT-05 Gezamenlijke promotie op de Duitse markt – due mid June 2027 (Tuesday "
        "15 June 2027) – open\n"
        "• #23 RT-07 Netwerkbijeenkomsten voor recreatieondernemers – due Wednesday 30 "
        "September 2026, overdue – open\n"
        "• #24 RT-08 Gezamenlijke monitor bezoekcijfers – due Q2 2027 (Wednesday 30 June "
        "2027) – open"
    )


def test_sponsor_sees_the_escalations_of_their_themes(week: Session) -> None:
    texts = digest(week)
    assert texts[key(person(week, "hendrik-kuiper").id)] == (
        "Hallo Hendrik, hier is je weekoverzicht van BOCE beleidsagenda.\n"
        "\n"
        "Geen update in jouw thema's\n"
        "• Lotte Venema over #8 OW-08 Leergangen Omgevingswet via de BOCE-academie: geen update"
        " (gevraagd op 10 nov 2026 en herinnerd)"
    )
    brouwer = texts[key(person(week, "jeroen-brouwer").id)]
    assert "Maya Verhoef over #23 RT-07" in brouwer
    assert "OW-08" not in brouwer
    # the question not yet escalated is no "geen update" for the sponsor
    assert "OW-04" not in texts[key(person(week, "hendrik-kuiper").id)]


def test_director_sees_every_escalation_and_failed_delivery(week: Session) -> None:
    director = person(week, "marieke-hoekstra")
    # the director lives far away: dates are where she is
    director.timezone = "Pacific/Auckland"
    week.flush()
    texts = digest(week)
    assert texts[key(director.id)] == (
        "Hallo Marieke, hier is je weekoverzicht van BOCE beleidsagenda.\n"
        "\n"
        "Geen update (alle thema's)\n"
        "• Maya Verhoef over #23 RT-07 Netwerkbijeenkomsten voor recreatieondernemers: geen "
        "update (gevraagd op 9 nov 2026 en herinnerd)\n"
        "• Lotte Venema over #8 OW-08 Leergangen Omgevingswet via de BOCE-academie: geen update"
        " (gevraagd op 11 nov 2026 en herinnerd)\n"
        "\n"
        "Berichten die niet aankwamen (afgelopen week)\n"
        "• in kanaal boce-x, 19 nov 2026: niet bezorgd (in het logboek van de bot: bericht f2)\n"
        "• aan Arjen Post, 20 nov 2026: niet bezorgd (in het logboek van de bot: bericht f1)\n"
        "• aan Lotte Venema, 21 nov 2026: niet bezorgd (in het logboek van de bot: bericht f4)"
    )
    support = texts[key(person(week, "sanne-wolters").id)]
    assert "gevraagd op 10 nov 2026" in support  # Amsterdam
    assert "aan Arjen Post, 20 nov 2026" in support


def test_failed_deliveries_are_told_in_the_readers_language(week: Session) -> None:
    # The platform's reason is technical English: the operator's log has it under the key.
    week.execute(
        update(OutboxMessage).where(OutboxMessage.key == "f1").values(error="Slack: user_not_found")
    )
    text = digest(week)[key(person(week, "marieke-hoekstra").id)]
    assert (
        "• aan Arjen Post, 20 nov 2026: niet bezorgd (in het logboek van de bot: bericht f1)"
    ) in text
    assert "user_not_found" not in text


def test_the_director_sees_who_cannot_be_reached_and_what_to_do(week: Session) -> None:
    arjen, lotte = person(week, "arjen-post"), person(week, "lotte-venema")
    mark_unreachable(week, arjen.id, Source.TEAMS, "teams send: HTTP 403 Forbidden", MONDAY)
    mark_unreachable(week, lotte.id, Source.SLACK, "person has no slack identity", MONDAY)
    texts = digest(week)
    director = texts[key(person(week, "marieke-hoekstra").id)]
    assert (
        "Niet bereikbaar\n"
        "• Arjen Post: de app Voortgang is niet voor Arjen Post geïnstalleerd (of geblokkeerd). "
        "Vraag Arjen Post in Teams bij Apps 'Voortgang' te zoeken en Toevoegen te kiezen, of laat"
        " de Teams-beheerder de app voor Arjen Post installeren; daarna vindt Voortgang Arjen Post"
        " vanzelf via het e-mailadres.\n"
        "• Lotte Venema: geen Slack-account gevonden."
    ) in director
    # Only those who run the programme read it; a sponsor does not.
    sponsor = texts[key(person(week, "hendrik-kuiper").id)]
    assert "Niet bereikbaar" not in sponsor
    # Once Arjen writes to the bot, he is off the list.
    reached(week, arjen.id, Source.TEAMS)
    assert "Arjen Post:" not in digest(week)[key(person(week, "marieke-hoekstra").id)]


def test_the_director_reads_that_someone_a_chat_cannot_reach_gets_mail(week: Session) -> None:
    arjen = person(week, "arjen-post")
    mark_unreachable(week, arjen.id, Source.TEAMS, "teams send: HTTP 403 Forbidden", MONDAY)
    director = key(person(week, "marieke-hoekstra").id)
    assert "intussen per e-mail" not in digest(week)[director]
    week.add(
        OutboxMessage(
            key="mailed-1",
            kind="dm",
            person_id=arjen.id,
            payload={},
            state=OutboxState.SENT,
            not_before=MONDAY,
            platform="email",
            sent_at=MONDAY,
        )
    )
    week.flush()
    assert "Berichten aan Arjen Post gaan intussen per e-mail." in digest(week)[director]
    mark_unreachable(week, arjen.id, Source.EMAIL, "smtp 550 5.1.1 user unknown", MONDAY)
    text = digest(week)[director]
    assert "hun mailserver weigert de mail (smtp 550 5.1.1 user unknown)" in text


def test_people_on_email_get_their_themes_post_by_mail(week: Session) -> None:
    lotte = person(week, "lotte-venema")
    on_slack = set(week.scalars(select(Identity.person_id)).all())
    others = {p.id for p in week.scalars(select(Person)) if p.id not in on_slack | {lotte.id}}
    # Everyone else is on Slack; Lotte's programme file says email.
    for n, pid in enumerate(sorted(others)):
        week.add(Identity(person_id=pid, platform=Source.SLACK, external_id=f"UX{n:04d}"))
    week.execute(update(Person).where(Person.id == lotte.id).values(channel="email"))
    week.flush()
    without = RecordingOutgoing()
    send_digests(week, boce(week), MONDAY, without)
    out = RecordingOutgoing()
    send_digests(week, boce(week), MONDAY, out, mail=True)
    extra = [s for s in out.sent if s.key not in {w.key for w in without.sent}]
    posts = {s.key: s for s in out.sent if isinstance(s.to, ToChannel)}
    assert extra, "Lotte owns actions with news or deadlines in some theme"
    # Karin de Wit's programme file says email too (the housing corporation).
    by_mail = {ToPerson(lotte.id), ToPerson(person(week, "karin-de-wit").id)}
    assert {sent.to for sent in extra} <= by_mail
    assert ToPerson(lotte.id) in {sent.to for sent in extra}
    for sent in extra:
        theme_key = sent.key.rsplit(":", 2)[1]
        [post] = [p for k, p in posts.items() if k == key(theme_key)]
        assert sent.message == post.message  # the same post the channel reads

    director = person(week, "marieke-hoekstra")
    director.language = "en"
    week.flush()
    text = digest(week)[key(director.id)]
    assert text.startswith(
        "Hello Marieke, here is your weekly digest of BOCE beleidsagenda.\n\nNo update (all "
        "themes)\n• Maya Verhoef about #23 RT-07 Netwerkbijeenkomsten voor "
        "recreatieondernemers: no update (asked on 9 Nov 2026 and reminded)\n"
    )
    assert "Messages that could not be delivered (past week)\n• in channel boce-x" in text


def test_once_per_key_through_the_outbox(week: Session) -> None:
    writer = OutboxWriter(week, MONDAY, boce(week))
    assert send_digests(week, boce(week), MONDAY, writer) == 20
    count = week.scalar(
        select(func.count(OutboxMessage.id)).where(OutboxMessage.key.like("digest:%"))
    )
    assert count == 20
    # again the same day, an hour later: nothing new
    later = MONDAY + timedelta(hours=1)
    assert send_digests(week, boce(week), later, OutboxWriter(week, later, boce(week))) == 0
    again = week.scalar(
        select(func.count(OutboxMessage.id)).where(OutboxMessage.key.like("digest:%"))
    )
    assert again == 20
    # a stub that dedups by key alone also sees each key once
    out = RecordingOutgoing()
    send_digests(week, boce(week), MONDAY + timedelta(days=7), out)
    send_digests(week, boce(week), MONDAY + timedelta(days=7), out)
    assert len(out.sent) == len({s.key for s in out.sent})
    assert all(s.key.startswith("digest:boce:2026-11-30:") for s in out.sent)


def test_the_week_window(session: Session) -> None:
    # an update of eight days ago is old news; one of six days ago is not
    add_update(session, "OW-03", "lotte-venema", "2026-11-15T07:59:00", text="oud nieuws")
    add_update(session, "OW-09", "wim-schepers", "2026-11-17T10:00:00", text="nieuw")
    post = digest(session)[key("omgevingswet")]
    assert "oud nieuws" not in post
    assert (
        "• #9 OW-09 Intervisie voor vergunningverleners – Wim Schepers, 17 nov 2026: ‘nieuw’"
        in (post)
    )


def test_another_programme_stays_out(
    register: Register, session: Session, settings: Settings, clock: FixedClock
) -> None:
    import_file(register, REGIODEAL, settings, clock)
    week = fill_week(session)
    other = week.scalar(select(Programme.id).where(Programme.key != "boce"))
    failed(week, "f9", "2026-11-21T09:00:00", programme_id=other, channel="elders")
    texts = digest(week)
    assert all(k.startswith("digest:boce:") for k in texts)
    assert "elders" not in texts[key(person(week, "marieke-hoekstra").id)]


def test_unknown_programme_queues_nothing(session: Session) -> None:
    assert send_digests(session, 9999, MONDAY, RecordingOutgoing()) == 0


def test_digest_reads_a_fixed_number_of_queries(week: Session, clock: FixedClock) -> None:
    def queries() -> int:
        week.expire_all()
        seen: list[object] = []

        def record(*params: object) -> None:
            seen.append(params[2])

        bind = week.get_bind()
        event.listen(bind, "before_cursor_execute", record)
        try:
            digest(week)
        finally:
            event.remove(bind, "before_cursor_execute", record)
        return len(seen)

    first = queries()
    for i in range(15):
        answer(
            week,
            clock,
            "marieke-hoekstra",
            "new_action",
            f"leefbaarheid: Extra {i} | Pieter Lubbers, Karin de Wit | Q1 2026 | samen doen",
        )
        add_update(week, f"LB-{9 + i:02d}", "pieter-lubbers", "2026-11-20T10:00:00", text="x")
        add_ping(
            week,
            f"LB-{9 + i:02d}",
            "karin-de-wit",
            "2026-11-10T08:00:00",
            escalated="2026-11-16T08:00:00",
        )
    assert queries() == first
    text = digest(week)[key(person(week, "ingrid-meijering").id)]
    assert text.count("Karin de Wit over #") == 15


def test_the_director_sees_messages_set_aside_and_who_sent_them(week: Session) -> None:
    rob = person(week, "rob-jansen")
    sent = MessageIn(
        platform=Source.CONSOLE,
        event_id="c1",
        user_id=str(rob.id),
        received_at=at("2026-11-20T10:00:00"),
        text="update 3 " + "lang verhaal " * 10,
    )
    row_id, _new = store_event(week, sent)
    for _ in range(MAX_EVENT_ATTEMPTS):
        record_failure(week, row_id, "ValueError: boom", MONDAY)
    director = digest(week)[key(person(week, "marieke-hoekstra").id)]
    assert (
        "Berichten die bewaard zijn maar niet verwerkt konden worden\n"
        f'• Rob Jansen, 20 nov 2026: "update 3 lang verhaal lang verhaal lang verhaal lang '
        f'verhaal…" (e{row_id})\n'
        "De beheerder kan ze opnieuw laten verwerken met 'voortgang set-aside --retry'."
    ) in director
    sponsor = digest(week)[key(person(week, "hendrik-kuiper").id)]
    assert "bewaard" not in sponsor
