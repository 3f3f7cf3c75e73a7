"""Slack workspaces that installed the app through OAuth: slack_sdk's SQLAlchemy stores.

The tables are the SDK's own (``slack_installations``, ``slack_bots``, ``slack_oauth_states``),
declared on our metadata in ``storage.models`` so Alembic creates and checks them like ours
(migration 0006); the SDK's stores read and write them. Its schema keeps naive UTC datetimes:
the SDK converts them itself, and nothing of ours reads those columns.

The credentials in them (bot, user and refresh tokens, incoming webhook URLs) are encrypted
with VOORTGANG_SECRET_KEYS (``storage.encryption``): ``SealedInstallationStore`` gives those
columns of the SDK's tables a type that encrypts what is written and decrypts what is read, so
every path of the SDK (saving an install, a refreshed token, finding a bot) goes through it.

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
from sqlalchemy import Dialect, Engine, Text, func, select
from sqlalchemy.types import TypeDecorator

from storage.encryption import Secrets
from storage.models import SLACK_BOTS, SLACK_SEALED_COLUMNS

STATE_SECONDS: Final = 600  # how long an "Add to Slack" link stays good


class Sealed(TypeDecorator[str]):
    """A text column whose values are stored encrypted with ``secrets``."""

    impl = Text
    cache_ok = True  # statements are cached per Secrets object, which is part of the key

    def __init__(self, secrets: Secrets) -> None:
        super().__init__()
        self.secrets = secrets

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else self.secrets.encrypt(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else self.secrets.decrypt(value)


class SealedInstallationStore(SQLAlchemyInstallationStore):
    """slack_sdk's installation store with its credentials encrypted at rest.

    Reading a value that no key decrypts raises UnreadableSecretError (it names the setting).
    """

    def __init__(self, client_id: str, engine: Engine, secrets: Secrets) -> None:
        super().__init__(client_id=client_id, engine=engine)
        sealed = Sealed(secrets)
        # The store's own copies of the tables (not storage.models'): only its statements
        # encrypt and decrypt, while the migrations and the schema check see plain text columns.
        for table in (self.bots, self.installations):
            for name in SLACK_SEALED_COLUMNS[table.name]:
                table.c[name].type = sealed


def installation_store(engine: Engine, client_id: str, secrets: Secrets) -> SealedInstallationStore:
    return SealedInstallationStore(client_id, engine, secrets)


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
