"""Which bot token speaks in which Slack workspace.

One workspace (SLACK_BOT_TOKEN): that token, everywhere. Installs through OAuth
(SLACK_CLIENT_ID): each workspace's newest bot token from the installation store; where no
workspace is named (a programme without ``slack_workspace``), the only installed one. The
clock process's port (``WorkspacePort``) keeps one ``SlackPort`` per token, so a workspace that
installed the app again is written to with its new one.

The stored tokens are encrypted (``storage.slack_installs``). One that no key decrypts is
logged with the setting to fix, and treated as missing by lookups; a delivery waits for it
(a transient error, so the message is tried again once the key is back).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from slack_sdk import WebClient
from sqlalchemy import Engine

from bot.slack.client import slack_client
from bot.slack.port import SlackPort
from config.settings import SlackSettings
from storage.encryption import SecretKeysMissingError, Secrets, UnreadableSecretError
from storage.slack_installs import bot_token, installation_store, installed_teams
from words import logtext
from words.chat.delivery import Delivery, DeliveryKind
from words.domain import Source
from words.errors import DeliveryError, Unreachable

log = logging.getLogger(__name__)


class Workspaces:
    """The bot token of a workspace (a team id), or of the only one there is."""

    def __init__(
        self, settings: SlackSettings, engine: Engine, secrets: Secrets | None = None
    ) -> None:
        self.settings = settings
        self.engine = engine
        self._store = None
        if settings.oauth and settings.client_id is not None:
            if secrets is None:
                raise SecretKeysMissingError  # tokens are never stored in plain text
            self._store = installation_store(engine, settings.client_id, secrets)

    @property
    def oauth(self) -> bool:
        return self._store is not None

    def token(self, team: str | None) -> str | None:
        """The bot token for ``team``; for None the only workspace's. None: not installed,
        or its stored token cannot be decrypted (logged)."""
        try:
            return self.stored_token(team)
        except UnreadableSecretError as err:
            log.error(logtext.SLACK_UNDECRYPTABLE, team, err)  # noqa: TRY400 - no traceback
            return None

    def stored_token(self, team: str | None) -> str | None:
        """As ``token``; raises UnreadableSecretError for a token no key decrypts."""
        if self._store is None or self.settings.client_id is None:
            return self.settings.bot_token
        if team is None:
            teams = installed_teams(self.engine, self.settings.client_id)
            if len(teams) != 1:
                return None
            team = teams[0]
        return bot_token(self._store, team)

    def teams(self) -> list[str | None]:
        """Every workspace to look people up in: None stands for the one of SLACK_BOT_TOKEN."""
        if self._store is None or self.settings.client_id is None:
            return [None]
        return list(installed_teams(self.engine, self.settings.client_id))

    def client(self, team: str | None, *, timeout: int) -> WebClient | None:
        token = self.token(team)
        if token is None:
            return None
        return slack_client(token, self.settings.api_url, timeout=timeout)


class WorkspacePort:
    """The Slack port of each delivery's workspace."""

    platform = Source.SLACK

    def __init__(
        self,
        workspaces: Workspaces,
        timeout: int,
        make: Callable[[WebClient], SlackPort] = SlackPort,
    ) -> None:
        self.workspaces = workspaces
        self.timeout = timeout
        self.make = make
        # By token, not workspace: with one SLACK_BOT_TOKEN every workspace named is the same,
        # and a workspace that installed the app again gets a port of its new token.
        self._ports: dict[str, SlackPort] = {}

    def deliver(self, delivery: Delivery) -> str:
        return self.port(delivery).deliver(delivery)

    def find(self, key: str, delivery: Delivery) -> str | None:
        return self.port(delivery).find(key, delivery)

    def port(self, delivery: Delivery) -> SlackPort:
        team = delivery.workspace
        try:
            token = self.workspaces.stored_token(team)
        except UnreadableSecretError as err:
            raise DeliveryError(str(err)) from err  # tried again once the key is back
        if token is None:
            log.warning(logtext.SLACK_NO_WORKSPACE, team)
            reason = logtext.not_installed(team)
            if delivery.kind is DeliveryKind.DM:
                raise Unreachable(reason)  # the director's digest lists the person
            raise DeliveryError(reason, permanent=True)
        port = self._ports.get(token)
        if port is None:
            client = slack_client(token, self.workspaces.settings.api_url, timeout=self.timeout)
            port = self._ports[token] = self.make(client)
        return port
