"""storage.teams: the conversations the bot can write in, found again by user and by channel."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.engine.opening import Register, import_file
from config.settings import Settings
from storage.db import transaction
from storage.teams import (
    CHANNEL,
    PERSONAL,
    Place,
    channel_for,
    chat_of,
    forget_channels,
    latest_place,
    mark_checked,
    normalised,
    save_conversation,
    set_reachable,
    teams_to_list,
)
from tests.conftest import BOCE
from words.clock import FixedClock

AT = datetime(2026, 11, 23, 9, tzinfo=UTC)
URL = "https://smba.trafficmanager.net/emea/"
TENANT = "tenant-1"
BOT = "28:app-1"


def place(conversation_id: str, url: str = URL) -> Place:
    return Place(url, conversation_id, TENANT, BOT)


def test_a_chat_is_stored_once_per_user_and_a_new_one_replaces_it(register: Register) -> None:
    with transaction(register.sessions) as session:
        save_conversation(session, place=place("a:1"), kind=PERSONAL, user_id="aad-rob", now=AT)
        save_conversation(session, place=place("a:1"), kind=PERSONAL, user_id="aad-rob", now=AT)
    with register.sessions() as session:
        chat = chat_of(session, "aad-rob")
        assert chat is not None
        assert (chat.conversation_id, chat.service_url, chat.reachable) == ("a:1", URL, True)
    later = AT + timedelta(days=1)
    with transaction(register.sessions) as session:
        save_conversation(session, place=place("a:2"), kind=PERSONAL, user_id="aad-rob", now=later)
    with register.sessions() as session:
        chat = chat_of(session, "aad-rob")
        assert chat is not None
        assert chat.conversation_id == "a:2"


def test_a_refused_chat_is_unreachable_until_stored_again(register: Register) -> None:
    with transaction(register.sessions) as session:
        save_conversation(session, place=place("a:1"), kind=PERSONAL, user_id="aad-rob", now=AT)
        set_reachable(session, "aad-rob", False, AT)
    with register.sessions() as session:
        chat = chat_of(session, "aad-rob")
        assert chat is not None
        assert not chat.reachable
    with transaction(register.sessions) as session:  # refused again a day later
        set_reachable(session, "aad-rob", False, AT + timedelta(days=1))
    with register.sessions() as session:
        chat = chat_of(session, "aad-rob")
        assert chat is not None
        assert chat.updated_at == AT  # refused since the first time
    with transaction(register.sessions) as session:  # they installed the app again
        save_conversation(session, place=place("a:1"), kind=PERSONAL, user_id="aad-rob", now=AT)
    with register.sessions() as session:
        chat = chat_of(session, "aad-rob")
        assert chat is not None
        assert chat.reachable


def test_new_chats_are_made_where_the_tenant_was_heard_from_last(register: Register) -> None:
    with transaction(register.sessions) as session:
        assert latest_place(session, TENANT) is None
        save_conversation(session, place=place("a:1"), kind=PERSONAL, user_id="u1", now=AT)
        newer = place("a:2", "https://smba.trafficmanager.net/nl/")
        save_conversation(
            session, place=newer, kind=PERSONAL, user_id="u2", now=AT + timedelta(hours=1)
        )
    with register.sessions() as session:
        found = latest_place(session, TENANT)
        assert found is not None
        assert found.service_url == "https://smba.trafficmanager.net/nl/"
        assert latest_place(session, "another-tenant") is None


def test_a_themes_channel_is_found_by_its_name_or_the_themes(
    register: Register, settings: Settings, clock: FixedClock
) -> None:
    import_file(register, BOCE, settings, clock)
    with transaction(register.sessions) as session:
        for conversation_id, name in (
            ("19:general@thread.tacv2", None),
            ("19:ow@thread.tacv2", "Omgevingswet"),
            ("19:rt@thread.tacv2", "BOCE Recreatie & Toerisme"),
            ("19:bb@thread.tacv2", "boce_bereikbaarheid"),
        ):
            save_conversation(
                session,
                place=place(conversation_id),
                kind=CHANNEL,
                team_id="19:general@thread.tacv2",
                name=name,
                now=AT,
            )
    with register.sessions() as session:
        # "boce-omgevingswet" in the programme file; the Teams channel is named after the theme.
        found = channel_for(session, "boce-omgevingswet")
        assert found is not None
        assert found.conversation_id == "19:ow@thread.tacv2"
        # The channel's own name, written another way.
        found = channel_for(session, "#boce-bereikbaarheid")
        assert found is not None
        assert found.conversation_id == "19:bb@thread.tacv2"
        assert channel_for(session, "boce-leefbaarheid") is None
    with transaction(register.sessions) as session:
        forget_channels(session, "19:general@thread.tacv2", ["19:general@thread.tacv2"])
    with register.sessions() as session:
        assert channel_for(session, "boce-omgevingswet") is None  # deleted in Teams


def test_teams_are_listed_again_after_a_while(register: Register) -> None:
    with transaction(register.sessions) as session:
        team = place("19:general@thread.tacv2")
        save_conversation(session, place=team, kind=CHANNEL, team_id=team.conversation_id, now=AT)
        save_conversation(
            session,
            place=place("19:ow@thread.tacv2"),
            kind=CHANNEL,
            team_id=team.conversation_id,
            name="Omgevingswet",
            now=AT,
        )
    with register.sessions() as session:
        assert [t.conversation_id for t in teams_to_list(session, AT)] == [team.conversation_id]
    with transaction(register.sessions) as session:
        mark_checked(session, team.conversation_id, AT)
    with register.sessions() as session:
        assert teams_to_list(session, AT) == []
        assert len(teams_to_list(session, AT + timedelta(hours=1))) == 1


def test_names_compare_without_case_hash_or_separators() -> None:
    assert normalised("#BOCE-Omgevingswet") == normalised("boce omgevingswet") == "boceomgevingswet"
    assert normalised("boce_recreatie-toerisme") == "bocerecreatietoerisme"
