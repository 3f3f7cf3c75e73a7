"""Slack workspaces that installed the app through OAuth: slack_sdk's SQLAlchemy stores.

The tables are the SDK's own (``slack_installations``, ``slack_bots``, ``slack_oauth_states``),
declared on our metadata in ``storage.models`` so Alembic creates and checks them like ours
(migration 0006); the SDK's stores read and write them. Its schema keeps naive UTC datetimes:
the SDK converts them itself, and nothing of ours reads those columns.

Bolt's asyncio app wants asyncio stores; SQLAlchemy's asyncio drivers would be two more
dependencies for a lookup per event and a write per install, so the synchronous stores run in
a worker thread instead (``AsyncInstalls``, ``AsyncStates``).
"""

from __future__ import annotations

import asyncio
from typing import Any, Final

from slack_sdk.oauth.installation_store import Bot, Installation
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.async_state_store import AsyncOAuthStateStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine, func, select

from storage.models import SLACK_BOTS

STATE_SECONDS: Final = 600  # how long an "Add to Slack" link stays good


def installation_store(engine: Engine, client_id: str) -> SQLAlchemyInstallationStore:
    return SQLAlchemyInstallationStore(client_id=client_id, engine=engine)


def state_store(engine: Engine) -> SQLAlchemyOAuthStateStore:
    return SQLAlchemyOAuthStateStore(expiration_seconds=STATE_SECONDS, engine=engine)


def installed_teams(engine: Engine, client_id: str) -> list[str]:
    """The workspaces (team ids) with a bot installed by this app, first installed first."""
    query = (
        select(SLACK_BOTS.c.team_id)
        .where(SLACK_BOTS.c.client_id == client_id, SLACK_BOTS.c.team_id.is_not(None))
        .group_by(SLACK_BOTS.c.team_id)
        .order_by(func.min(SLACK_BOTS.c.installed_at))
    )
    with engine.connect() as connection:
        return [str(team) for team in connection.scalars(query)]


def bot_token(store: SQLAlchemyInstallationStore, team_id: str) -> str | None:
    """The newest bot token of ``team_id``; None when the app is not (or no longer) there."""
    bot = store.find_bot(enterprise_id=None, team_id=team_id)
    return None if bot is None else bot.bot_token


class AsyncInstalls(AsyncInstallationStore):
    """The synchronous installation store, for Bolt's asyncio app."""

    def __init__(self, store: SQLAlchemyInstallationStore) -> None:
        self.store = store

    @property
    def logger(self) -> Any:
        return self.store.logger

    async def async_save(self, installation: Installation) -> None:
        await asyncio.to_thread(self.store.save, installation)

    async def async_save_bot(self, bot: Bot) -> None:
        await asyncio.to_thread(self.store.save_bot, bot)

    async def async_find_bot(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        is_enterprise_install: bool | None = False,
    ) -> Bot | None:
        return await asyncio.to_thread(
            self.store.find_bot,
            enterprise_id=enterprise_id,
            team_id=team_id,
            is_enterprise_install=is_enterprise_install,
        )

    async def async_find_installation(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None = None,
        is_enterprise_install: bool | None = False,
    ) -> Installation | None:
        return await asyncio.to_thread(
            self.store.find_installation,
            enterprise_id=enterprise_id,
            team_id=team_id,
            user_id=user_id,
            is_enterprise_install=is_enterprise_install,
        )

    async def async_delete_bot(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        await asyncio.to_thread(self.store.delete_bot, enterprise_id=enterprise_id, team_id=team_id)

    async def async_delete_installation(
        self, *, enterprise_id: str | None, team_id: str | None, user_id: str | None = None
    ) -> None:
        await asyncio.to_thread(
            self.store.delete_installation,
            enterprise_id=enterprise_id,
            team_id=team_id,
            user_id=user_id,
        )

    async def async_delete_all(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        await asyncio.to_thread(self.store.delete_all, enterprise_id=enterprise_id, team_id=team_id)


class AsyncStates(AsyncOAuthStateStore):
    """The synchronous state store, for Bolt's asyncio app."""

    def __init__(self, store: SQLAlchemyOAuthStateStore) -> None:
        self.store = store

    @property
    def logger(self) -> Any:
        return self.store.logger

    async def async_issue(self, *args: Any, **kwargs: Any) -> str:
        return await asyncio.to_thread(self.store.issue, *args, **kwargs)

    async def async_consume(self, state: str) -> bool:
        return await asyncio.to_thread(self.store.consume, state)
