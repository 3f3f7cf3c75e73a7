"""Who sent a request to /api/messages: the Bot Framework's signed token, always checked.

The Teams SDK's ``TokenValidator`` does the checking: the signature against the keys the Bot
Framework publishes, the issuer, the audience (our app id), the time with five minutes'
leeway, and the token's ``serviceurl`` against the activity's ``serviceUrl``. Two things it
leaves optional are required here: a token must expire, and an activity must name its
``serviceUrl``, since that is where the bot later sends its own token.

Fetching the published keys blocks (PyJWT's key client): it happens in a thread when the web
process starts and every few minutes after, so checking a request never waits for the
network on the event loop. There is no switch to turn checking off: tests sign their requests
with a key of their own, published by a fake on a loopback port (``TeamsSettings.openid_url``).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from typing import Any, Final

import jwt

from bot.teams.sdk import PUBLIC, TokenValidator, with_overrides
from config.settings import TeamsSettings
from words import logtext
from words.errors import VoortgangError

log = logging.getLogger(__name__)

BEARER: Final = "Bearer "
# PyJWT keeps the published keys five minutes; they are fetched again a minute before that.
KEYS_EVERY: Final = 240.0


class UnauthorizedError(VoortgangError):
    """The request's token is missing, forged, expired or not for this bot: 401."""


class KeysUnavailableError(VoortgangError):
    """The published keys could not be fetched, so no token can be checked now: 503."""


class TeamsAuth:
    def __init__(self, settings: TeamsSettings) -> None:
        cloud = with_overrides(PUBLIC, openid_metadata_url=settings.openid_url)
        self._validator = TokenValidator.for_service(settings.client_id, cloud=cloud)
        self._refresher: asyncio.Task[None] | None = None

    async def check(self, authorization: str | None, activity: Mapping[str, Any]) -> None:
        """Refuse the request unless its token is the Bot Framework's, for this activity."""
        service_url = activity.get("serviceUrl")
        if not isinstance(service_url, str) or not service_url:
            # Checked after the token: without a valid one, the answer says nothing more.
            await self.check_sender(authorization)
            raise UnauthorizedError("the activity names no serviceUrl")
        await self._validate(authorization, service_url)

    async def check_sender(self, authorization: str | None) -> None:
        """Refuse the request unless its token is the Bot Framework's, for whatever
        ``serviceUrl``: for a body too broken to name one, which is refused anyway."""
        await self._validate(authorization, None)

    async def _validate(self, authorization: str | None, service_url: str | None) -> None:
        if authorization is None or not authorization.startswith(BEARER):
            raise UnauthorizedError("no bearer token")
        token = authorization[len(BEARER) :].strip()
        try:
            claims = await self._validator.validate_token(token, service_url)
        except jwt.PyJWKClientConnectionError as err:
            raise KeysUnavailableError(str(err)) from err
        except jwt.PyJWTError as err:  # forged, expired, another audience, an unknown key
            raise UnauthorizedError(f"{type(err).__name__}: {err}") from err
        if "exp" not in claims:
            raise UnauthorizedError("the token never expires")

    # -- the published keys ---------------------------------------------------------------------

    async def start(self) -> None:
        """Fetch the keys now (a failure is logged: the first request tries again), then keep
        them fresh."""
        await self.refresh_keys()
        if self._refresher is None:
            self._refresher = asyncio.get_running_loop().create_task(self._keep_fresh())

    async def stop(self) -> None:
        if self._refresher is not None:
            self._refresher.cancel()
            await asyncio.gather(self._refresher, return_exceptions=True)
            self._refresher = None

    async def refresh_keys(self) -> bool:
        client = self._keys()
        if client is None:
            return False
        try:
            await asyncio.to_thread(client.get_jwk_set, True)
        except jwt.PyJWKClientError as err:
            log.warning(logtext.TEAMS_KEYS_FAILED, err)
            return False
        return True

    async def _keep_fresh(self) -> None:
        while True:
            await asyncio.sleep(KEYS_EVERY)
            await self.refresh_keys()

    def _keys(self) -> jwt.PyJWKClient | None:
        # The SDK's own key client, so the keys it checks with are the ones fetched here.
        client = getattr(self._validator, "_jwks_client", None)
        return client if isinstance(client, jwt.PyJWKClient) else None
