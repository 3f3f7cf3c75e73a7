"""The check-in cycle through Teams: a week of pings as Adaptive Cards, answers in words, by
button and on the form, an edit, a reader refused, a reminder, digests in the theme channels
and to the director, commands in the chat, a 429 storm, deliveries Teams repeats, and people
the app is not installed for.

Signed activities of captured shapes go into the web app; what Voortgang sends is asserted on
what a fake Bot Framework connector on a loopback port recorded. The clock is injected and
starts on Sunday 22 November 2026: on Monday 23 November at 09:00 in Amsterdam Wim Schepers
(OW-01, also for Rob Jansen, who is away) and Fatima El Amrani (BER-05, due in a week) are
asked; on Monday 30 November, the fortnightly check-in, every owner is.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from bot.engine.runner import Runner
from storage.models import (
    Identity,
    OutboxMessage,
    Person,
    StatusUpdate,
    UpdateRevision,
)
from storage.teams import chat_of
from tests.fake_teams import CREATE, SEND
from tests.fakes import events_stored
from tests.teams_world import TeamsWorld, card_text, open_world, tenant
from words.catalogue import t
from words.clock import FixedClock
from words.domain import OutboxState, Source, Status

PINGS_DUE = datetime(2026, 11, 23, 8, tzinfo=UTC)  # Monday 09:00 in Amsterdam
MONDAY = PINGS_DUE + timedelta(minutes=1)
WEDNESDAY = datetime(2026, 11, 25, 8, 5, tzinfo=UTC)  # two working days on: reminders
CHECK_IN = datetime(2026, 11, 30, 8, 1, tzinfo=UTC)  # the fortnightly check-in of every action
TUESDAY = datetime(2026, 12, 1, 8, 1, tzinfo=UTC)  # BER-05's deadline has passed: asked again
THIRD_MONDAY = datetime(2026, 12, 7, 8, 1, tzinfo=UTC)
FOURTH_MONDAY = datetime(2026, 12, 14, 8, 1, tzinfo=UTC)

THEMES = ("Omgevingswet", "Bereikbaarheid", "Recreatie & Toerisme", "Leefbaarheid")
FATIMA = "Fatima El Amrani"
WIM = "Wim Schepers"
LOTTE = "Lotte Venema"
MAYA = "Maya Verhoef"  # language: en
GERDA = "Gerda Boelens"  # reader: griffier of Borger-Odoorn
MARIEKE = "Marieke Hoekstra"  # director, with a teams: id in the programme file
ANNELIES = "Annelies Mulder"  # sponsor of Bereikbaarheid, with a teams: id too
CARD = "application/vnd.microsoft.card.adaptive"
STORM = 12  # connector calls refused with a 429


@pytest.fixture
def world(db_url: str, clock: FixedClock, tmp_path: Path) -> Iterator[TeamsWorld]:
    yield from open_world(db_url, clock, tmp_path)


# -- what people do -------------------------------------------------------------------------


def run_until(world: TeamsWorld, moment: datetime) -> None:
    Runner(world.register, world.clock, world.sender).advance_to(moment)


def installed(world: TeamsWorld, *names: str) -> None:
    """They add the app in Teams; the clock process then knows each of them (by email, or by
    the object id the programme file gives)."""
    for name in names:
        assert world.post(world.install(name)).status_code == 200
    world.workers.directory.link_new_chats()
    with world.register.sessions() as session:
        known = set(
            session.scalars(select(Identity.external_id).where(Identity.platform == Source.TEAMS))
        )
    assert {world.user(name) for name in names} <= known


def team_added(world: TeamsWorld) -> None:
    """The director adds the app to the BOCE team; its channels are listed by name."""
    assert world.post(world.added_to_team(MARIEKE)).status_code == 200
    assert world.workers.directory.list_channels() == 1


def say(world: TeamsWorld, name: str, text: str, *, reply_to: str | None = None) -> None:
    """``name`` types ``text`` in their chat with the bot, and the clock process answers."""
    assert world.post(world.message(name, text, reply_to=reply_to)).status_code == 200
    world.deliver()


def press(
    world: TeamsWorld, name: str, card: dict[str, Any], data: dict[str, Any]
) -> dict[str, Any]:
    """``name`` presses a button on ``card`` (or submits its form); Teams' answer to the invoke."""
    response = world.post(world.card_action(name, card["id"], data))
    assert response.status_code == 200
    answer: dict[str, Any] = response.json()
    return answer


# -- what people see ------------------------------------------------------------------------


def pings(world: TeamsWorld, name: str) -> list[dict[str, Any]]:
    """The cards in ``name``'s chat that ask how actions stand (they carry status buttons)."""
    return [a for a in world.sent_to(name) if '"vg.status"' in json.dumps(a)]


def last_ping(world: TeamsWorld, name: str) -> dict[str, Any]:
    found = pings(world, name)
    assert found, f"no ping reached {name}"
    return found[-1]


def texts(world: TeamsWorld, name: str) -> list[str]:
    return [card_text(a) for a in world.sent_to(name)]


def first_line(text: str) -> str:
    # A card shows each line break of a text as a new paragraph, so compare line by line.
    return text.splitlines()[0]


def is_card(activity: dict[str, Any]) -> bool:
    return [a["contentType"] for a in activity.get("attachments", [])] == [CARD]


def elements(node: object) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for child in node.values():
            yield from elements(child)
    elif isinstance(node, list):
        for child in node:
            yield from elements(child)


def button(card: dict[str, Any], action: str) -> dict[str, Any]:
    """The data of the card's first Action.Execute for ``action`` ("status", "form")."""
    found = [
        e["data"]
        for e in elements(card)
        if e.get("type") == "Action.Execute" and e.get("data", {}).get("action") == action
    ]
    assert found, f"no {action} button"
    return dict(found[0])


def update_form(world: TeamsWorld, name: str, card: dict[str, Any]) -> dict[str, Any]:
    """``name`` presses "Schrijf update": the card comes back with the form on it."""
    opened = press(world, name, card, button(card, "form"))
    assert opened["type"] == CARD
    inputs = {e["id"] for e in elements(opened["value"]) if e.get("type", "").startswith("Input.")}
    assert inputs == {"status", "text", "deadline"}
    [context] = [e["data"]["context"] for e in elements(opened) if "form" in e.get("data", {})]
    return {"form": "update", "context": context}


def unreachable_line(name: str) -> str:
    """How the director's digest lists someone the bot cannot write to in Teams."""
    todo = t("digest.unreachable_teams", "nl", name=name)
    return t("digest.unreachable_line", "nl", name=name, todo=todo)


# -- what was kept --------------------------------------------------------------------------


def updates(world: TeamsWorld) -> list[StatusUpdate]:
    with world.register.sessions() as session:
        return list(session.scalars(select(StatusUpdate).order_by(StatusUpdate.id)))


def recorded(world: TeamsWorld) -> list[tuple[int, Status | None, str]]:
    """Each update as (action number, status, text), oldest first."""
    with world.register.sessions() as session:
        query = select(StatusUpdate).order_by(StatusUpdate.id)
        found = session.scalars(query.options(joinedload(StatusUpdate.action)))
        return [(u.action.number, u.status, u.text) for u in found]


def events_in(world: TeamsWorld) -> int:
    return events_stored(world.register)


def sends_to(world: TeamsWorld, name: str) -> list[int]:
    """The statuses the connector answered posts into ``name``'s chat with."""
    path = f"/v3/conversations/{world.chat(name)}/activities"
    return [c.status for c in world.fake.calls(SEND) if c.path == path]


def failed_for(world: TeamsWorld, name: str) -> list[str]:
    """What of ``name``'s was given up, oldest first: "ping", "digest"..."""
    with world.register.sessions() as session:
        keys = session.scalars(
            select(OutboxMessage.key)
            .join(Person, Person.id == OutboxMessage.person_id)
            .where(Person.name == name, OutboxMessage.state == OutboxState.FAILED)
            .order_by(OutboxMessage.id)
        )
        return [key.split(":")[0] for key in keys]


def creates_for(world: TeamsWorld, name: str) -> list[int]:
    """The statuses the connector answered requests to create ``name``'s chat with."""
    user = world.user(name)
    return [c.status for c in world.fake.calls(CREATE) if c.body["members"][0]["id"] == user]


# -- 1. a week through Teams ----------------------------------------------------------------


def test_a_week_through_teams(world: TeamsWorld) -> None:
    installed(world, FATIMA, WIM)
    team_added(world)
    run_until(world, MONDAY)
    # Monday 09:00: each owner is asked in their own chat, on a card with buttons.
    fatima, wim = last_ping(world, FATIMA), last_ping(world, WIM)
    assert is_card(fatima)
    assert is_card(wim)
    assert "#14 BOCE-inbreng voorbereiden voor het MIRT-overleg" in card_text(fatima)
    assert "#1 Omgevingstafel Zuidoost-Drenthe inrichten" in card_text(wim)
    for theme in THEMES:
        assert len(world.in_channel(theme)) == 1, theme

    fatima_answers_the_card_in_words_and_corrects_herself(world, fatima)

    # Wim does not answer: on Wednesday he is reminded in his chat; Fatima, who answered, not.
    asked = len(pings(world, FATIMA))
    run_until(world, WEDNESDAY)
    reminder = card_text(last_ping(world, WIM))
    assert reminder.startswith(t("pings.reminder_one", "nl", name="Wim"))
    assert len(pings(world, FATIMA)) == asked

    run_until(world, CHECK_IN)
    mondays_digests_reach_the_theme_channels_and_the_director(world)


def fatima_answers_the_card_in_words_and_corrects_herself(
    world: TeamsWorld, card: dict[str, Any]
) -> None:
    say(world, FATIMA, "inbreng bijna klaar", reply_to=card["id"])
    [confirmation] = [a for a in world.sent_to(FATIMA) if a.get("replyToId") == card["id"]]
    assert card_text(confirmation).startswith("Genoteerd bij #14 ")
    say(world, FATIMA, "wijzig inbreng verstuurd naar de provincie")
    assert texts(world, FATIMA)[-1].startswith("Aangepast: je update bij #14 ")
    # One update, in her latest words; the first wording is kept as a revision.
    [update] = updates(world)
    assert update.text == "inbreng verstuurd naar de provincie"
    with world.register.sessions() as session:
        assert session.scalars(select(UpdateRevision.text)).all() == ["inbreng bijna klaar"]


def mondays_digests_reach_the_theme_channels_and_the_director(world: TeamsWorld) -> None:
    # One digest per theme channel each Monday, in the channel named like the theme.
    for theme in THEMES:
        assert len(world.in_channel(theme)) == 2, theme
    assert world.fake.activities(world.team) == []  # nothing in the General channel
    bereikbaarheid = card_text(world.in_channel("Bereikbaarheid")[-1])
    assert t("digest.updates", "nl") in bereikbaarheid
    assert "inbreng verstuurd naar de provincie" in bereikbaarheid
    # The director never wrote to the bot: her chat was made for her digest, by her object id.
    assert creates_for(world, MARIEKE) == [201]
    director = card_text(world.sent_to(MARIEKE)[-1])
    assert t("digest.escalated_all", "nl") in director
    assert "Wim Schepers over #1 OW-01" in director  # asked, reminded, no answer
    assert "Fatima El Amrani over #14" not in director  # she answered


def test_on_the_check_in_owners_answer_by_button_and_form_and_a_reader_is_refused(
    world: TeamsWorld,
) -> None:
    installed(world, WIM, LOTTE, GERDA)
    run_until(world, CHECK_IN)
    # Wim presses "Op schema" for #1: Teams shows "Ontvangen.", the confirmation follows.
    wim = last_ping(world, WIM)
    assert press(world, WIM, wim, button(wim, "status"))["value"] == t("teams.received", "nl")
    world.deliver()
    assert texts(world, WIM)[-1].startswith(
        "Genoteerd bij #1 Omgevingstafel Zuidoost-Drenthe inrichten: status op schema."
    )
    lotte_writes_an_update_on_the_form_in_her_card(world)
    # A griffier reads along: reporting on an action is refused, and she is told why.
    say(world, GERDA, "update 3 ik hoorde dat het goed gaat")
    assert texts(world, GERDA) == [t("perm.reader", "nl")]
    assert recorded(world) == [
        (1, Status.ON_TRACK, ""),
        (3, Status.AT_RISK, "RUD herziet eerst de eigen werkwijze"),
    ]


def lotte_writes_an_update_on_the_form_in_her_card(world: TeamsWorld) -> None:
    lotte = last_ping(world, LOTTE)
    form = update_form(world, LOTTE, lotte)  # opens on the card, for #3
    form |= {"status": "at_risk", "text": "RUD herziet eerst de eigen werkwijze", "deadline": ""}
    shown = press(world, LOTTE, lotte, form)
    assert shown["type"] == CARD
    assert "Input.Text" not in json.dumps(shown)  # the card as it was, the form closed
    world.deliver()
    assert texts(world, LOTTE)[-1].startswith(
        "Genoteerd bij #3 Werkwijze vergunningverlening met de RUD gelijktrekken: status risico"
    )


# -- 2. commands in the chat ----------------------------------------------------------------


def test_commands_in_the_chat_are_answered_there_in_dutch(world: TeamsWorld) -> None:
    installed(world, WIM)
    for command in ("help", "mijn acties", "my actions"):
        say(world, WIM, command)
    help_text, mine, my_actions = texts(world, WIM)
    assert help_text.startswith(t("commands.help.intro", "nl"))
    assert first_line(t("commands.help.my_actions", "nl")) in help_text
    assert mine.startswith(t("commands.mine.heading", "nl", count=3))
    # The English command is understood; the answer is in his language, Dutch.
    assert my_actions == mine
    chat = f"/v3/conversations/{world.chat(WIM)}/activities"
    assert {c.path for c in world.fake.calls(SEND)} == {chat}


def test_someone_whose_language_is_english_is_answered_in_english(world: TeamsWorld) -> None:
    installed(world, MAYA)
    for command in ("help", "mijn acties", "my actions"):
        say(world, MAYA, command)
    help_text, mine, my_actions = texts(world, MAYA)
    assert help_text.startswith(t("commands.help.intro", "en"))
    assert first_line(t("commands.help.my_actions", "en")) in help_text
    assert mine.startswith(t("commands.mine.heading", "en", count=5))
    assert my_actions == mine
    assert sends_to(world, MAYA) == [201, 201, 201]


# -- 3. a 429 storm -------------------------------------------------------------------------


def test_a_429_storm_delays_pings_but_loses_and_doubles_none(world: TeamsWorld) -> None:
    with world.register.sessions() as session:
        everyone = [name for _user, _email, name, _key in tenant(session)]
    installed(world, *everyone)
    team_added(world)
    world.fake.storm(calls=STORM, retry_after=2)
    run_until(world, PINGS_DUE)
    for _ in range(3 * STORM):  # the sender waits for each Retry-After on the injected clock
        if not unsettled(world):
            break
        world.clock.advance(timedelta(seconds=3))
        world.sender.drain()
    assert not unsettled(world)
    assert len([c for c in world.fake.calls() if c.status == 429]) == STORM
    with world.register.sessions() as session:
        rows = session.scalars(select(OutboxMessage)).all()
        sent = {str(r.external_ref): r.key for r in rows if r.state is OutboxState.SENT}
        keys = [r.key for r in rows]
        last_sent = max(r.sent_at for r in rows if r.sent_at is not None)
    assert len(sent) == len(keys)  # everything went out, nothing failed
    # Each key is exactly one activity in Teams: none lost, none posted twice.
    delivered = Counter(sent.get(ref, "(no key)") for ref in bot_activities(world))
    assert delivered == Counter(keys)
    assert max(delivered.values()) == 1
    assert any(key.startswith("ping:") for key in keys)
    # Delayed, not hammered: the sender paused for every Retry-After it was given.
    assert last_sent - PINGS_DUE >= timedelta(seconds=2 * STORM)


def unsettled(world: TeamsWorld) -> list[int]:
    with world.register.sessions() as session:
        return list(
            session.scalars(
                select(OutboxMessage.id).where(
                    OutboxMessage.state.in_([OutboxState.PENDING, OutboxState.SENDING])
                )
            )
        )


def bot_activities(world: TeamsWorld) -> list[str]:
    """Every activity the bot has in Teams, as "<conversation id>|<activity id>"."""
    return [
        f"{conversation}|{activity['id']}"
        for conversation in list(world.fake.conversations)
        for activity in world.fake.activities(conversation)
        if activity["from"]["id"] == world.fake.bot_id
    ]


# -- 4. deliveries Teams repeats ------------------------------------------------------------


def test_a_message_teams_delivers_twice_makes_one_event_and_one_update(world: TeamsWorld) -> None:
    installed(world, FATIMA)
    run_until(world, MONDAY)
    card = last_ping(world, FATIMA)
    reply = world.message(FATIMA, "loopt, de notitie ligt bij de provincie", reply_to=card["id"])
    assert [world.post(reply).status_code for _ in range(2)] == [200, 200]
    world.deliver()
    assert events_in(world) == 1
    assert [u.text for u in updates(world)] == ["loopt, de notitie ligt bij de provincie"]
    assert len([a for a in world.sent_to(FATIMA) if a.get("replyToId") == card["id"]]) == 1


def test_a_card_action_teams_delivers_twice_makes_one_event_and_one_update(
    world: TeamsWorld,
) -> None:
    installed(world, WIM)
    run_until(world, MONDAY)
    card = last_ping(world, WIM)
    received = {
        "statusCode": 200,
        "type": "application/vnd.microsoft.activity.message",
        "value": t("teams.received", "nl"),
    }
    status = world.card_action(WIM, card["id"], button(card, "status"))
    assert world.post(status).json() == received
    world.deliver()
    # Teams heard nothing in time and delivers the invoke again, after it was handled.
    assert world.post(status).json() == received
    world.deliver()
    form = update_form(world, WIM, card) | {"status": "", "text": "tafel komt in januari"}
    submit = world.card_action(WIM, card["id"], form | {"deadline": ""})
    assert [world.post(submit).status_code for _ in range(2)] == [200, 200]
    world.deliver()
    assert events_in(world) == 2
    assert [(u.status, u.text) for u in updates(world)] == [
        (Status.ON_TRACK, ""),
        (None, "tafel komt in januari"),
    ]
    confirmations = [text for text in texts(world, WIM) if text.startswith("Genoteerd bij #1 ")]
    assert len(confirmations) == 2  # one for the button, one for the form


# -- 5. people the app is not installed for -------------------------------------------------


def test_someone_who_blocks_the_app_is_reported_not_retried_and_reached_after_adding_it(
    world: TeamsWorld,
) -> None:
    installed(world, FATIMA)
    world.fake.install(world.user(FATIMA), installed=False)  # she blocks the bot in Teams
    run_until(world, MONDAY)
    assert sends_to(world, FATIMA) == [403]  # Monday's ping, refused
    run_until(world, CHECK_IN)
    # Her reminder and the check-in were not tried again: her chat is marked unreachable.
    assert sends_to(world, FATIMA) == [403]
    assert failed_for(world, FATIMA) == ["ping", "digest", "ping", "ping", "digest"]
    with world.register.sessions() as session:
        chat = chat_of(session, world.user(FATIMA))
        assert chat is not None
        assert not chat.reachable
    director = card_text(world.sent_to(MARIEKE)[-1])
    assert t("digest.unreachable", "nl") in director
    assert unreachable_line(FATIMA) in director
    # She adds the app again: the next ping, the day after BER-05's deadline, reaches her.
    world.fake.install(world.user(FATIMA))
    assert world.post(world.install(FATIMA)).status_code == 200
    run_until(world, TUESDAY)
    assert sends_to(world, FATIMA)[-1] == 201
    assert "#14 BOCE-inbreng voorbereiden voor het MIRT-overleg" in card_text(
        last_ping(world, FATIMA)
    )


def test_someone_the_app_was_never_installed_for_is_asked_for_once_and_reported(
    world: TeamsWorld,
) -> None:
    world.fake.install(world.user(ANNELIES), installed=False)
    # Nobody answers about Bereikbaarheid, so its sponsor gets a digest every Monday; Teams
    # refuses to make her chat the first time, and is not asked again the next Monday.
    run_until(world, THIRD_MONDAY)
    assert failed_for(world, ANNELIES) == ["digest", "digest"]
    assert creates_for(world, ANNELIES) == [403]
    director = card_text(world.sent_to(MARIEKE)[-1])
    assert t("digest.unreachable", "nl") in director
    assert unreachable_line(ANNELIES) in director
    # Once she adds the app, the next Monday's digest reaches her chat.
    world.fake.install(world.user(ANNELIES))
    assert world.post(world.install(ANNELIES)).status_code == 200
    run_until(world, FOURTH_MONDAY)
    assert creates_for(world, ANNELIES) == [403]  # the chat came with her install
    digest = card_text(world.sent_to(ANNELIES)[-1])
    assert t("digest.escalated_themes", "nl") in digest
