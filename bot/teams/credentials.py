"""The bot's own token for the connector, from Microsoft Entra ID's client credentials flow."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Final

import httpx

from bot.teams.client import described, failure, teams_client, teams_reason, translate
from words.errors import DeliveryError

# The token endpoint of multi-tenant bots; a single-tenant bot uses its tenant's instead.
BOT_FRAMEWORK_LOGIN: Final = "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token"
BOT_FRAMEWORK_SCOPE: Final = "https://api.botframework.com/.default"
TOKEN_MARGIN: Final = 300.0  # a token is renewed this many seconds before it expires


class ClientCredentialsToken:
    """The bot's token for the connector, from Microsoft Entra ID's client credentials flow.

    Cached until ``TOKEN_MARGIN`` before it expires. Failures are delivery errors like the
    connector's: a 429 is ``RetryAfter``, a refused app id or password (400, 401) permanent.
    """

    def __init__(
        self,
        app_id: str,
        app_password: str,
        *,
        token_url: str = BOT_FRAMEWORK_LOGIN,
        scope: str = BOT_FRAMEWORK_SCOPE,
        http: httpx.Client | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.app_id = app_id
        self._password = app_password
        self.token_url = token_url
        self.scope = scope
        self.http = http if http is not None else teams_client()
        self.monotonic = monotonic
        self._token: str | None = None
        self._renew_at = 0.0
        # Shared between threads: one fetches a new token while the others wait for it.
        self._lock = threading.Lock()

    def __call__(self) -> str:
        with self._lock:
            if self._token is None or self.monotonic() >= self._renew_at:
                token, lifetime = self._fetch()
                self._token = token
                self._renew_at = self.monotonic() + max(lifetime - TOKEN_MARGIN, lifetime / 2)
            return self._token

    def _fetch(self) -> tuple[str, float]:
        form = {
            "grant_type": "client_credentials",
            "client_id": self.app_id,
            "client_secret": self._password,
            "scope": self.scope,
        }
        try:
            response = self.http.post(self.token_url, data=form)
        except httpx.RequestError as err:
            raise DeliveryError(teams_reason("token", failure(err))) from err
        if response.status_code in {400, 401}:
            raise DeliveryError(teams_reason("token", described(response)), permanent=True)
        if not response.is_success:
            raise translate(response, "token", idempotent=True)
        return _token_answer(response)


def _token_answer(response: httpx.Response) -> tuple[str, float]:
    try:
        body = response.json()
    except ValueError:
        body = None
    token = body.get("access_token") if isinstance(body, dict) else None
    lifetime = body.get("expires_in") if isinstance(body, dict) else None
    if not isinstance(token, str) or not token or not isinstance(lifetime, int | float):
        raise DeliveryError(teams_reason("token", "unexpected answer"))
    return token, float(lifetime)
