"""Teams conversations: where the bot can write, as Teams told it.

Every row comes from an authenticated activity (or from a channel list the connector gave the
bot), so a service URL stored here is one the bot may send its token to.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from storage.db import upsert_insert
from storage.models import Identity, TeamsConversation, Theme
from words.domain import Source

PERSONAL: Final = "personal"
CHANNEL: Final = "channel"
_SEPARATORS: Final = re.compile(r"[\s_\-]+")


@dataclass(frozen=True, slots=True)
class Place:
    """A conversation as the port addresses it."""

    service_url: str
    conversation_id: str
    tenant_id: str
    bot_id: str


def save_conversation(
    session: Session,
    *,
    place: Place,
    kind: str,
    now: datetime,
    user_id: str | None = None,
    team_id: str | None = None,
    name: str | None = None,
) -> None:
    """Store (or refresh) a conversation the bot can write in; it is reachable from now on.

    A person's 1:1 chat is stored by their user id: a new chat id for them replaces the old.
    """
    values = {
        "conversation_id": place.conversation_id,
        "kind": kind,
        "service_url": place.service_url,
        "tenant_id": place.tenant_id,
        "bot_id": place.bot_id,
        "reachable": True,
        "updated_at": now,
    }
    if user_id is not None:
        session.execute(
            update(TeamsConversation)
            .where(
                TeamsConversation.user_id == user_id,
                TeamsConversation.conversation_id != place.conversation_id,
            )
            .values(user_id=None, reachable=False, updated_at=now)
        )
        values["user_id"] = user_id
    if team_id is not None:
        values["team_id"] = team_id
    if name is not None:
        values["name"] = name
    changed = {k: v for k, v in values.items() if k != "conversation_id"}
    session.execute(
        upsert_insert(session, TeamsConversation)
        .values(values)
        .on_conflict_do_update(index_elements=["conversation_id"], set_=changed)
    )


def chat_of(session: Session, user_id: str) -> TeamsConversation | None:
    """The 1:1 chat stored for a Teams user (reachable or not), if any."""
    return session.scalar(select(TeamsConversation).where(TeamsConversation.user_id == user_id))


def set_reachable(session: Session, user_id: str, reachable: bool, now: datetime) -> None:
    """Mark a user's 1:1 chat as one the bot may (or, after a refusal, may not) write in; a
    chat already so keeps the moment it became so."""
    session.execute(
        update(TeamsConversation)
        .where(TeamsConversation.user_id == user_id, TeamsConversation.reachable != reachable)
        .values(reachable=reachable, updated_at=now)
    )


def latest_place(session: Session, tenant_id: str) -> Place | None:
    """The service URL and bot of the conversation heard from last in ``tenant_id``: where a
    new 1:1 chat in that tenant is created."""
    row = session.scalar(
        select(TeamsConversation)
        .where(TeamsConversation.tenant_id == tenant_id)
        .order_by(TeamsConversation.updated_at.desc(), TeamsConversation.id.desc())
        .limit(1)
    )
    if row is None:
        return None
    return Place(row.service_url, row.conversation_id, row.tenant_id, row.bot_id)


def teams_to_list(session: Session, before: datetime) -> Sequence[TeamsConversation]:
    """The teams (their General channel's row) whose channels were not listed since ``before``."""
    return session.scalars(
        select(TeamsConversation)
        .where(
            TeamsConversation.kind == CHANNEL,
            TeamsConversation.team_id == TeamsConversation.conversation_id,
            (TeamsConversation.checked_at.is_(None)) | (TeamsConversation.checked_at < before),
        )
        .order_by(TeamsConversation.id)
    ).all()


def mark_checked(session: Session, conversation_id: str, now: datetime) -> None:
    """A team's channels were listed, or a chat's unknown user was looked up, at ``now``."""
    session.execute(
        update(TeamsConversation)
        .where(TeamsConversation.conversation_id == conversation_id)
        .values(checked_at=now)
    )


def unknown_chats(session: Session, before: datetime) -> Sequence[TeamsConversation]:
    """1:1 chats whose user is no known person, not looked up since ``before``: the app was
    installed for them (perhaps by an administrator) before anyone knew their object id."""
    known = select(Identity.external_id).where(Identity.platform == Source.TEAMS)
    return session.scalars(
        select(TeamsConversation)
        .where(
            TeamsConversation.kind == PERSONAL,
            TeamsConversation.user_id.is_not(None),
            TeamsConversation.user_id.not_in(known),
            (TeamsConversation.checked_at.is_(None)) | (TeamsConversation.checked_at < before),
        )
        .order_by(TeamsConversation.id)
    ).all()


def normalised(name: str) -> str:
    """A channel name as compared: no "#", case, spaces, hyphens or underscores."""
    return _SEPARATORS.sub("", name.strip().removeprefix("#").casefold())


def channel_for(session: Session, channel: str) -> TeamsConversation | None:
    """The team channel a theme's ``channel`` names: a channel of that name, or else one named
    like the theme (or its key) that has this channel. Several teams with such a channel:
    the one heard from last."""
    wanted = [normalised(channel)]
    themes = session.execute(select(Theme.name, Theme.key).where(Theme.channel == channel)).all()
    wanted += [normalised(n) for pair in themes for n in pair]
    rows = session.scalars(
        select(TeamsConversation)
        .where(
            TeamsConversation.kind == CHANNEL,
            TeamsConversation.name.is_not(None),
            TeamsConversation.reachable,
        )
        .order_by(TeamsConversation.updated_at.desc(), TeamsConversation.id.desc())
    ).all()
    by_name: dict[str, TeamsConversation] = {}
    for row in rows:
        by_name.setdefault(normalised(row.name or ""), row)
    return next((by_name[w] for w in wanted if w and w in by_name), None)


def forget_channels(session: Session, team_id: str, keep: Iterable[str]) -> None:
    """Channels of a team that are no longer in its list: not written to any more."""
    kept = list(keep)
    session.execute(
        update(TeamsConversation)
        .where(
            TeamsConversation.team_id == team_id,
            TeamsConversation.conversation_id.not_in(kept),
        )
        .values(reachable=False)
    )
