"""Who and where in Teams, for the clock process: 1:1 chats, theme channels, people by email.

- A person's chat: the one stored from Teams' own activities, else one created for them
  (``POST /v3/conversations``), which works once the app is installed for them. A chat Teams
  refused (403) is not tried again until they install the app or write to the bot.
- A theme's channel: a channel of a team the app is in, named like the theme's ``channel`` in
  the programme file or like the theme itself (``storage.teams.channel_for``). The channels of
  each team are listed when the app joins it and every hour after, so renamed, added and
  deleted channels are noticed.
- A person who writes before they are known by their Entra object id is found by the email
  address the connector gives for them, as in the programme file.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any, Final

from sqlalchemy.orm import Session

from bot.engine.opening import Register
from bot.teams.port import TeamsPort
from bot.teams.refs import conversation_address
from config.settings import TeamsSettings
from storage.db import transaction
from storage.people import link_identity, person_by_email, person_by_identity
from storage.reach import reached, unreachable_since
from storage.teams import (
    CHANNEL,
    PERSONAL,
    Place,
    channel_for,
    chat_of,
    forget_channels,
    latest_place,
    mark_checked,
    save_conversation,
    set_reachable,
    teams_to_list,
    unknown_chats,
)
from words import logtext
from words.clock import Clock
from words.domain import Source
from words.errors import DeliveryError, Unreachable

log = logging.getLogger(__name__)

LIST_EVERY: Final = timedelta(hours=1)
EMAIL_FIELDS: Final = ("email", "userPrincipalName")


class TeamsDirectory:
    def __init__(
        self, register: Register, clock: Clock, settings: TeamsSettings, port: TeamsPort
    ) -> None:
        self.register = register
        self.clock = clock
        self.settings = settings
        self.port = port

    # -- for the port ---------------------------------------------------------------------------

    def chat_address(self, user_id: str) -> str | None:
        """The address of a user's 1:1 chat with the bot, made when there is none yet.

        ``Unreachable`` when Teams refused it before (until they install the app or write),
        or refuses to make one now: the app is not installed for them.
        """
        with self.register.sessions() as session:
            chat = chat_of(session, user_id)
            where = latest_place(session, self.settings.tenant_id)
            refused = None if chat is not None else _refused_since(session, user_id)
        if chat is not None:
            if not chat.reachable:
                raise Unreachable(logtext.teams_refused(chat.updated_at.date().isoformat()))
            return conversation_address(chat.service_url, chat.conversation_id)
        if refused is not None:
            # Teams refused to make their chat before and no chat was stored since: the app is
            # still not installed for them. Installing it or writing clears the note.
            raise Unreachable(logtext.teams_refused(refused.date().isoformat()))
        service_url = self.settings.service_url if where is None else where.service_url
        created = self.port.create_conversation(
            service_url, self.settings.tenant_id, user_id, self.settings.bot_id
        )
        place = Place(service_url, created, self.settings.tenant_id, self.settings.bot_id)
        with transaction(self.register.sessions) as session:
            save_conversation(
                session, place=place, kind=PERSONAL, user_id=user_id, now=self.clock.now()
            )
        return conversation_address(service_url, created)

    def channel_address(self, channel: str) -> str | None:
        with self.register.sessions() as session:
            found = channel_for(session, channel)
        return (
            None
            if found is None
            else conversation_address(found.service_url, found.conversation_id)
        )

    def refused(self, user_id: str) -> None:
        """Teams refused the bot this user's chat: not tried again until they install or write."""
        with transaction(self.register.sessions) as session:
            set_reachable(session, user_id, False, self.clock.now())

    # -- for the inbox worker -------------------------------------------------------------------

    def link(self, user_id: str) -> bool:
        """Match a Teams user to a person by email the first time they write; True when they
        are known (now or before)."""
        with self.register.sessions() as session:
            if person_by_identity(session, Source.TEAMS, user_id) is not None:
                return True
            chat = chat_of(session, user_id)
            where = latest_place(session, self.settings.tenant_id)
        # Any conversation they are in will do: their chat, else the one heard from last.
        if chat is not None:
            service_url, conversation = chat.service_url, chat.conversation_id
        elif where is not None:
            service_url, conversation = where.service_url, where.conversation_id
        else:
            return False
        try:
            member = self.port.member(service_url, conversation, user_id)
        except DeliveryError as err:
            log.warning(logtext.TEAMS_LOOKUP_FAILED, err.reason)
            return False  # handled as someone unknown for now; looked up again next time
        email = _email(member)
        if email is None:
            return False
        with transaction(self.register.sessions) as session:
            person = person_by_email(session, email)
            if person is None:
                return False
            link_identity(session, person.id, Source.TEAMS, user_id)
            reached(session, person.id, Source.TEAMS)
        return True

    def link_new_chats(self) -> int:
        """Find the people of 1:1 chats nobody was known for: the app was installed for them
        before they wrote (by themselves or by an administrator). Returns how many were found;
        the others are looked up again after ``LIST_EVERY``."""
        now = self.clock.now()
        with self.register.sessions() as session:
            waiting = [c.user_id for c in unknown_chats(session, now - LIST_EVERY) if c.user_id]
        found = 0
        for user_id in waiting:
            found += self.link(user_id)
            with transaction(self.register.sessions) as session:
                chat = chat_of(session, user_id)
                if chat is not None:
                    mark_checked(session, chat.conversation_id, now)
        return found

    # -- channels -------------------------------------------------------------------------------

    def list_channels(self) -> int:
        """List the channels of each team not listed for an hour; returns how many teams."""
        now = self.clock.now()
        with self.register.sessions() as session:
            teams = [
                (t.conversation_id, Place(t.service_url, t.conversation_id, t.tenant_id, t.bot_id))
                for t in teams_to_list(session, now - LIST_EVERY)
            ]
        listed = 0
        for team_id, place in teams:
            try:
                channels = self.port.team_channels(place.service_url, team_id)
            except DeliveryError as err:
                log.warning(logtext.TEAMS_LISTING_FAILED, team_id, err.reason)
                continue
            with transaction(self.register.sessions) as session:
                for conversation_id, name in channels:
                    here = Place(place.service_url, conversation_id, place.tenant_id, place.bot_id)
                    save_conversation(
                        session, place=here, kind=CHANNEL, team_id=team_id, name=name, now=now
                    )
                forget_channels(session, team_id, [c for c, _ in channels] + [team_id])
                mark_checked(session, team_id, now)
            listed += 1
        return listed


def _refused_since(session: Session, user_id: str) -> datetime | None:
    """Since when the person with this Teams user id is noted as unreachable in Teams."""
    person = person_by_identity(session, Source.TEAMS, user_id)
    return None if person is None else unreachable_since(session, person.id, Source.TEAMS)


def _email(member: Mapping[str, Any]) -> str | None:
    for field in EMAIL_FIELDS:
        value = member.get(field)
        if isinstance(value, str) and "@" in value:
            return value.strip().lower()
    return None
