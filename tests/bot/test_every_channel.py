"""One deployment with Slack, Teams and email at once: BOCE's members split over the three by
organisation, check-ins, answers on each channel (a mail reply delivered twice, and the
personal form opened by a link scanner before the person sends it), the rest of the quarter,
and the letter with everyone's updates.

Every part is real or a fake with real payload shapes on a loopback port: the Slack Web API
and the Teams connector are fakes, SMTP is aiosmtpd, IMAP is Dovecot, the web app is served
by the TestClient, and the clock process's workers are the ones ``voortgang clock`` runs.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parseaddr
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from slack_sdk.signature import SignatureVerifier
from sqlalchemy import select, update

from bot.email.wiring import EmailChannel
from bot.engine.channels import ClockWorkers
from bot.engine.intake import EventIntake
from bot.engine.opening import Register, import_file
from bot.engine.runner import Runner
from bot.letter.formats import document
from bot.run.clock_process import _chat_workers
from bot.run.http import Mounted, create_app
from bot.slack.wiring import EVENTS_PATH, SlackRuntime
from bot.teams.wiring import MESSAGES_PATH, TeamsChannel, TeamsRuntime
from bot.web.update_pages import UpdateFormPages
from config.settings import EmailSettings, MailSecurity, MailServer, Settings
from handlers.brief.drafts import compile_source, read_letter, read_period, stamp
from storage.db import make_engine, session_factory, transaction
from storage.models import Membership, OutboxMessage, Party, Person, StatusUpdate, Theme
from storage.register import programme_by_key
from tests.conftest import BOCE
from tests.fake_slack import FakeSlack
from tests.fake_teams import FakeConnector
from tests.fakes import platform_users
from tests.imapserver import Dovecot, running_dovecot
from tests.mail_samples import mail
from tests.mailserver import MailServer as SmtpServer
from tests.mailserver import read
from tests.secret_keys import SECRETS
from tests.slack_world import SECRET, TOKEN, slack_id, slack_settings
from tests.slack_world import payload as slack_payload
from tests.teams_world import aad_id, teams_settings
from tests.teams_world import payload as teams_payload
from words.clock import FixedClock
from words.domain import OutboxState, Source

FIRST_PINGS = datetime(2026, 11, 23, 8, 1, tzinfo=UTC)  # Monday 09:01 in Amsterdam
QUARTER_END = datetime(2026, 12, 31, 12, 0, tzinfo=UTC)
PUBLIC = "http://127.0.0.1:8000"
# Where each organisation's people work: Emmen in Slack, Coevorden in Teams, the others by
# mail (Borger-Odoorn, and the housing corporation, in neither chat).
CHANNELS = {"emmen": "slack", "coevorden": "teams", "borger-odoorn": "email", "domesta": "email"}
# What each answers, in words no programme file or ping holds: the letter must quote them.
SAID = {
    "slack": "de aanbesteding is gegund aan een regionale aannemer",
    "teams": "de inspraakavond is gehouden met zestig bewoners",
    "email": "het ontwerpbesluit ligt ter inzage tot half januari",
    "web": "de subsidieaanvraag is ingediend bij de provincie",
}


@dataclass(frozen=True)
class Member:
    person_id: int
    name: str
    email: str
    channel: str
    user_id: str  # on Slack or Teams; the email address for mail


@dataclass
class World:
    register: Register
    clock: FixedClock
    slack: FakeSlack
    teams: FakeConnector
    smtp: SmtpServer
    imap: Dovecot
    workers: ClockWorkers
    slack_runtime: SlackRuntime
    http: TestClient
    members: dict[str, Member]

    def channel(self, kind: type[Any]) -> Any:
        return next(c for c in self.workers.channels if isinstance(c, kind))

    def handle(self) -> None:
        """What the clock process does after events came in: handle them, then send."""
        portal = self.http.portal
        assert portal is not None
        portal.call(self.slack_runtime.adapter.settle)
        while self.workers.worker.run_once():
            pass
        self.workers.sender.drain()

    def on(self, channel: str) -> list[Member]:
        return [m for m in self.members.values() if m.channel == channel]

    def ping_rows(self) -> list[OutboxMessage]:
        with self.register.sessions() as session:
            return list(
                session.scalars(select(OutboxMessage).where(OutboxMessage.key.like("ping:%")))
            )


def _split(register: Register) -> dict[int, str]:
    """Each BOCE person's channel by their organisation, as their programme file would say."""
    channels: dict[int, str] = {}
    with transaction(register.sessions) as session:
        rows = session.execute(
            select(Person.id, Party.key)
            .join(Membership, Membership.person_id == Person.id)
            .join(Party, Party.id == Membership.party_id)
        ).all()
        for person_id, party in rows:
            channels[person_id] = CHANNELS[party]
            session.execute(
                update(Person).where(Person.id == person_id).values(channel=channels[person_id])
            )
    return channels


def _members(register: Register, channels: dict[int, str]) -> dict[str, Member]:
    members: dict[str, Member] = {}
    with register.sessions() as session:
        slack = {key: user for user, _, _, key in platform_users(session, Source.SLACK, slack_id)}
        teams = {key: user for user, _, _, key in platform_users(session, Source.TEAMS, aad_id)}
        rows = session.execute(
            select(Person.id, Person.name, Person.email, Membership.key).join(
                Membership, Membership.person_id == Person.id
            )
        ).all()
    for person_id, name, email, key in rows:
        assert email is not None  # everyone in BOCE has one
        channel = channels[person_id]
        user = {"slack": slack[key], "teams": teams[key]}.get(channel, email)
        members[key] = Member(person_id, name, email, channel, user)
    return members


def _settings(db_url: str, tmp_path: Path, *fakes: Any) -> Settings:
    slack, teams, smtp, imap = fakes
    reading = imap.email_settings()
    email = EmailSettings(
        smtp=MailServer("127.0.0.1", smtp.port, MailSecurity.NONE),
        sender="Voortgang BOCE <voortgang@example.org>",
        reply_address=reading.reply_address,
        imap=reading.imap,
        imap_folder=reading.imap_folder,
        imap_poll=reading.imap_poll,
    )
    return Settings(
        database_url=db_url,
        example_programme=None,
        files_dir=tmp_path / "files",
        slack=slack_settings(slack),
        teams=teams_settings(teams),
        email=email,
        public_url=PUBLIC,
    )


@pytest.fixture
def world(db_url: str, clock: FixedClock, tmp_path: Path) -> Iterator[World]:
    engine = make_engine(db_url)
    register = Register(engine, session_factory(engine), SECRETS)
    with (
        FakeSlack(TOKEN) as slack,
        FakeConnector() as teams,
        SmtpServer() as smtp,
        running_dovecot() as imap,
    ):
        settings = _settings(db_url, tmp_path, slack, teams, smtp, imap)
        import_file(register, BOCE, settings, clock)
        members = _members(register, _split(register))
        slack.add_user("U0BOT", name="voortgang", is_bot=True)
        with register.sessions() as session:  # the theme channels are Slack's (no prefix)
            for channel in session.scalars(select(Theme.channel).where(Theme.channel != "")):
                slack.add_channel(channel)
        for member in members.values():
            if member.channel == "slack":
                slack.add_user(member.user_id, email=member.email, name=member.name)
            elif member.channel == "teams":
                teams.add_user(member.user_id, member.name, email=member.email)
        workers = _chat_workers(register, settings, clock)
        assert isinstance(workers, ClockWorkers)
        intake = EventIntake(engine)
        slack_runtime = SlackRuntime(register, clock, settings, intake)
        platforms: list[Mounted] = [
            slack_runtime,
            TeamsRuntime(register, clock, settings, intake),
            UpdateFormPages(register, clock, settings, intake),
        ]
        app = create_app(register, clock, platforms, intake)
        try:
            with TestClient(app) as http:
                yield World(
                    register, clock, slack, teams, smtp, imap, workers, slack_runtime, http, members
                )
        finally:
            for running in workers.channels:
                running.close()
            next(c for c in workers.channels if isinstance(c, TeamsChannel)).port.http.close()
    engine.dispose()


# --- what people do on each channel -----------------------------------------------------------


def slack_says(world: World, member: Member, text: str) -> None:
    body = slack_payload("message_im")
    event = body["event"]
    event.update(user=member.user_id, text=text, channel=f"D{member.user_id}")
    event["ts"] = f"{time.time():.6f}"
    body["event_id"] = f"Ev{time.time_ns()}"
    raw = json.dumps(body)
    moment = str(int(time.time()))
    signature = SignatureVerifier(SECRET).generate_signature(timestamp=moment, body=raw)
    assert signature is not None
    headers = {
        "Content-Type": "application/json",
        "X-Slack-Request-Timestamp": moment,
        "X-Slack-Signature": signature,
    }
    assert world.http.post(EVENTS_PATH, content=raw.encode(), headers=headers).status_code == 200


def teams_does(world: World, member: Member, template: str, **changes: Any) -> None:
    activity = teams_payload(template)
    activity["id"] = f"{time.time_ns()}"
    activity["serviceUrl"] = world.teams.service_url
    user = member.user_id
    activity["from"] = {"id": f"29:{user}", "name": member.name, "aadObjectId": user}
    activity["conversation"]["id"] = world.teams.open_chat(user)
    activity["recipient"] = {"id": world.teams.bot_id, "name": "Voortgang"}
    activity.pop("attachments", None)
    activity.update(changes)
    headers = world.teams.sign(activity)
    response = world.http.post(
        MESSAGES_PATH, content=json.dumps(activity).encode(), headers=headers
    )
    assert response.status_code in (200, 201, 202)


def pings_to(world: World, member: Member) -> list[Any]:
    """The ping mails ``member`` received: those asking about actions (with a form link)."""
    mails = [read(r.data) for r in world.smtp.received if member.email in r.rcpt_tos]
    return [m for m in mails if f"{PUBLIC}/bijwerken/" in m.html]


def number_asked(text: str) -> str:
    found = re.search(r"#(\d+)", text)
    assert found is not None, text
    return found[1]


def on_their_channel(row: OutboxMessage, channel_of: dict[int, str]) -> bool:
    person = row.person_id
    return (
        person is not None and row.state is OutboxState.SENT and row.platform == channel_of[person]
    )


def pinged(world: World, channel: str) -> list[Member]:
    """The members of ``channel`` who were asked something, in key order."""
    asked = {row.person_id for row in world.ping_rows()}
    return sorted((m for m in world.on(channel) if m.person_id in asked), key=lambda m: m.person_id)


def updates(world: World) -> list[StatusUpdate]:
    with world.register.sessions() as session:
        return list(session.scalars(select(StatusUpdate)))


# --- the quarter ------------------------------------------------------------------------------


def check_ins_reach_every_channel(world: World) -> None:
    """Coevorden installs the Teams app; the clock process's chores find them (and Slack
    everyone) by their email; then check-ins go out until each channel had some."""
    for member in world.on("teams"):
        teams_does(world, member, "installation_update_add")
    world.workers.chore()
    runner = Runner(world.register, world.clock, world.workers.sender)
    runner.advance_to(FIRST_PINGS)
    for day in range(1, 15):  # the check-ins of a fortnight reach someone on every channel
        if {r.platform for r in world.ping_rows()} >= {"slack", "teams", "email"}:
            break
        runner.advance_to(FIRST_PINGS + timedelta(days=day))


def each_on_their_channel(world: World) -> None:
    """Every ping went out on its person's channel and arrived; nothing failed or waits."""
    channel_of = {m.person_id: m.channel for m in world.members.values()}
    rows = world.ping_rows()
    assert rows
    assert [
        (r.person_id, r.platform, r.error) for r in rows if not on_their_channel(r, channel_of)
    ] == []
    assert {r.platform for r in rows} == {"slack", "teams", "email"}
    with world.register.sessions() as session:
        failed = session.execute(
            select(OutboxMessage.key, OutboxMessage.platform, OutboxMessage.error).where(
                OutboxMessage.state != OutboxState.SENT
            )
        ).all()
    assert failed == []
    ids = [read(r.data)["Message-ID"] for r in world.smtp.received]
    assert len(ids) == len(set(ids)), "no mail was sent twice"
    for member in world.on("email"):
        for ping in pings_to(world, member):
            assert "+" in parseaddr(ping["Reply-To"])[1]


def answer_in_chat(world: World, on_slack: Member, on_teams: Member) -> None:
    slack_ping = world.slack.posted(f"D{on_slack.user_id}")[-1]
    slack_says(world, on_slack, f"#{number_asked(str(slack_ping))} op schema: {SAID['slack']}")
    teams_ping = [
        a
        for a in world.teams.activities(world.teams.open_chat(on_teams.user_id))
        if a["from"]["id"] == world.teams.bot_id
    ][-1]
    number = number_asked(json.dumps(teams_ping, ensure_ascii=False))
    teams_does(world, on_teams, "message_personal", text=f"#{number} op schema: {SAID['teams']}")


def answer_by_mail(world: World, by_mail: Member) -> None:
    """A reply above the quoted ping, delivered twice by the mail system."""
    ping = pings_to(world, by_mail)[-1]
    quoted = "\n".join(f"> {line}" for line in ping.text.splitlines())
    reply = mail(
        f"#{number_asked(ping.text)} op schema: {SAID['email']}\n\n"
        f"Op maandag schreef Voortgang:\n{quoted}",
        sender=f"{by_mail.name} <{by_mail.email}>",
        to=ping["Reply-To"],
        in_reply_to=ping["Message-ID"],
    )
    world.imap.append(reply, reply)
    assert world.channel(EmailChannel).reader.run_once().read == 2


def answer_by_form(world: World, by_form: Member) -> None:
    """A link scanner opens the personal link first (twice, and HEAD); then the person sends
    the form."""
    form_ping = pings_to(world, by_form)[-1]
    link = re.search(rf"{re.escape(PUBLIC)}(/bijwerken/[A-Za-z0-9_-]+)", form_ping.text)
    assert link is not None
    for _ in range(2):
        assert world.http.get(link[1]).status_code == 200
    assert world.http.head(link[1]).status_code == 200
    page = world.http.get(link[1]).text
    action_id = re.findall(r'name="text-(\d+)"', page)[0]
    sent = world.http.post(
        link[1], data={f"status-{action_id}": "on_track", f"text-{action_id}": SAID["web"]}
    )
    assert sent.status_code == 200, sent.text


def letter_text(world: World) -> str:
    with world.register.sessions() as session:
        programme = programme_by_key(session, "boce")
        assert programme is not None
        period = read_period(programme, "2026-Q4", QUARTER_END.date())
        source = read_letter(session, programme, period, world.clock.now(), again=True)
    compiled = compile_source(source, draft=False, record="")
    letter = document(compiled.letter, "md", source.templates, None, stamp=stamp(period))
    return " ".join(letter.decode("utf-8").split()).lower()


def test_a_programme_on_slack_teams_and_email_runs_its_quarter_and_letter(world: World) -> None:
    check_ins_reach_every_channel(world)
    each_on_their_channel(world)
    on_slack, on_teams = pinged(world, "slack")[0], pinged(world, "teams")[0]
    by_mail, by_form = pinged(world, "email")[:2]
    answer_in_chat(world, on_slack, on_teams)
    answer_by_mail(world, by_mail)
    answer_by_form(world, by_form)
    world.handle()
    found = {
        channel: [(u.author_id, u.source) for u in updates(world) if words in u.text.lower()]
        for channel, words in SAID.items()
    }
    assert found == {
        "slack": [(on_slack.person_id, Source.SLACK)],
        "teams": [(on_teams.person_id, Source.TEAMS)],
        "email": [(by_mail.person_id, Source.EMAIL)],  # delivered twice, recorded once
        "web": [(by_form.person_id, Source.WEB)],
    }
    # The rest of the quarter: reminders, new rounds and digests, each on its channel.
    Runner(world.register, world.clock, world.workers.sender).advance_to(QUARTER_END)
    each_on_their_channel(world)
    text = letter_text(world)
    for words in SAID.values():
        assert words in text, words
