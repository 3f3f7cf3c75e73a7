"""The Bot Framework connector's REST calls (v3), and its refusals as Voortgang delivery errors.

The bot's token goes with every call, so only https service URLs are called (plain http only to
the loopback host, for tests); the adapter must store service URLs from authenticated activities
only.

Rate limits. A 429 with a Retry-After becomes ``RetryAfter``: the outbox reschedules and the
sender pauses. The HTTP client retries nothing and never sleeps.

A post that may have reached the connector (a timeout or a dropped connection after sending, a
408 or 5xx, a success without an id) raises ``MaybeDelivered``: the connector takes no
idempotency key, so the port (``bot.teams.port``) must never post it blindly again.
"""

from __future__ import annotations

import ssl
from collections.abc import Callable, Mapping
from math import isfinite
from typing import Any, Final
from urllib.parse import quote

import httpx

from bot.teams.refs import BOT_PREFIX, Conversation, TeamsRef
from words.errors import DeliveryError, RetryAfter, Unreachable

# Keep well below half the sender's lease: a delivery may first fetch a token.
CLIENT_TIMEOUT: Final = 10.0
REASON_MAX: Final = 160
LOOPBACK: Final = frozenset({"127.0.0.1", "localhost", "::1"})
# Refusals worth another try: nothing was done, and a later try may be let through (401: a
# token refused before its time; the provider renews it within the hour). 502, 503 and 504
# are the connector's gateway saying it could not pass the call on; Microsoft's guidance for
# bots is to retry them (and 412) with backoff.
RETRY_STATUSES: Final = frozenset({401, 409, 412, 425, 502, 503, 504})

Activity = dict[str, Any]


class MaybeDelivered(DeliveryError):  # noqa: N818 - reads as what is known of the message
    """A post failed, yet it may have reached Teams: it is worth no blind retry."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason, permanent=False, ambiguous=True)


def teams_client(
    *, timeout: float = CLIENT_TIMEOUT, tls: ssl.SSLContext | None = None
) -> httpx.Client:
    """An HTTP client for the port: no retries, no redirects, nothing read from the environment.

    ``tls``: a context shared by several clients (building one takes a tenth of a second).
    """
    verify: ssl.SSLContext | bool = True if tls is None else tls
    return httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False, verify=verify)


# --- errors ---------------------------------------------------------------------------------


def retry_after(headers: Mapping[str, str]) -> float | None:
    """Retry-After in seconds; None when absent or not a number of seconds."""
    value = next((v for k, v in headers.items() if k.lower() == "retry-after"), None)
    try:
        seconds = float(str(value))
    except ValueError:
        return None
    return seconds if isfinite(seconds) and seconds >= 0 else None


def translate(response: httpx.Response, action: str, *, idempotent: bool) -> DeliveryError:
    """The connector's refusal of ``action`` as a Voortgang delivery error.

    ``idempotent``: repeating the call does no harm (an update, creating a 1:1), so an answer
    that leaves unknown whether it took effect is a plain retryable error.
    """
    status = response.status_code
    reason = teams_reason(action, described(response))
    if status == 429:
        seconds = retry_after(response.headers)
        return DeliveryError(reason) if seconds is None else RetryAfter(seconds)
    if status == 403:
        # Blocked, removed or never installed; for a channel, the app left the team.
        return Unreachable(reason)
    if status in RETRY_STATUSES:
        return DeliveryError(reason)
    if status == 408 or status >= 500:
        # The connector may have posted the activity before failing to answer.
        return DeliveryError(reason) if idempotent else MaybeDelivered(reason)
    return DeliveryError(reason, permanent=True)  # 400, 404, 413 ...: no retry mends these


def described(response: httpx.Response) -> str:
    """ "HTTP 403 Forbidden: <the connector's message>", as far as the answer says."""
    text = f"HTTP {response.status_code}"
    try:
        body = response.json()
    except ValueError:
        return text
    if not isinstance(body, dict):
        return text
    error = body.get("error")
    if isinstance(error, dict):  # the connector's {"error": {"code": ..., "message": ...}}
        code, message = error.get("code"), error.get("message")
    else:  # Entra ID's {"error": ..., "error_description": ...}, or just {"message": ...}
        code, message = error, body.get("error_description", body.get("message"))
    words = " ".join(str(w) for w in (text, code) if w)
    return f"{words}: {message}" if message else words


def teams_reason(action: str, what: str) -> str:
    """A delivery error's reason: what failed, cut to a length a log line and a row take."""
    text = f"teams {action}: {what}"
    return text if len(text) <= REASON_MAX else text[: REASON_MAX - 1] + "…"


def failure(err: httpx.RequestError) -> str:
    """A request that got no answer, in words."""
    return f"{type(err).__name__}: {err}" if str(err) else type(err).__name__


# Raised before a byte of the request left: the call certainly did nothing.
NOT_SENT: Final = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


# --- the calls ------------------------------------------------------------------------------


class Connector:
    """The connector's REST calls the bot makes, each with ``token``'s bearer token.

    What is delivered where, and how often, is the port's business (``bot.teams.port``).
    """

    def __init__(self, token: Callable[[], str], *, http: httpx.Client | None = None) -> None:
        self.token = token
        self.http = http if http is not None else teams_client()

    def replace_activity(self, where: Conversation, activity_id: str, activity: Activity) -> None:
        """Replace one of the bot's activities: doing it twice shows the same, once."""
        self._update(where, TeamsRef(where.conversation_id, activity_id), activity)

    def _post(
        self, where: Conversation, conversation_id: str, activity: Activity, reply_to: str = ""
    ) -> str:
        action = "reply" if reply_to else "send"
        parts = [conversation_id, "activities", *([reply_to] if reply_to else [])]
        url = connector_url(where.service_url, parts)
        response = self._call(action, "POST", url, activity, idempotent=False)
        return _answered_id(response, action, idempotent=False)

    def _update(self, where: Conversation, parent: TeamsRef, activity: Activity) -> None:
        parts = [parent.conversation_id, "activities", parent.activity_id]
        url = connector_url(where.service_url, parts)
        self._call("update", "PUT", url, activity | {"id": parent.activity_id}, idempotent=True)

    def create_conversation(
        self, service_url: str, tenant_id: str, user_aad_id: str, bot_id: str
    ) -> str:
        """The id of the 1:1 chat between the bot and a user, created if it is not there yet.

        ``bot_id`` is the Microsoft app id, with or without "28:". Teams keeps one such chat per
        user and bot, so asking again answers the same id. ``Unreachable`` when the user has
        not installed the app (or blocked it).
        """
        bot = bot_id if bot_id.startswith(BOT_PREFIX) else f"{BOT_PREFIX}{bot_id}"
        body: Activity = {
            "bot": {"id": bot},
            "members": [{"id": user_aad_id}],
            "tenantId": tenant_id,
            "isGroup": False,
            "channelData": {"tenant": {"id": tenant_id}},
        }
        url = connector_url(service_url, [])
        response = self._call("create conversation", "POST", url, body, idempotent=True)
        return _answered_id(response, "create conversation", idempotent=True)

    def member(self, service_url: str, conversation_id: str, user_id: str) -> Mapping[str, Any]:
        """A member of a conversation as the connector knows them: their ``email`` or
        ``userPrincipalName`` is how a person is found when their object id is not known."""
        url = connector_url(service_url, [conversation_id, "members", user_id])
        answer = _json(self._call("get member", "GET", url, None, idempotent=True))
        if not isinstance(answer, Mapping):
            raise DeliveryError(teams_reason("get member", "unexpected answer"))
        return answer

    def team_channels(self, service_url: str, team_id: str) -> list[tuple[str, str | None]]:
        """The channels of a team the app is in: (conversation id, name); the General
        channel's name is None."""
        url = connector_url(service_url, [])
        url = url.replace("/v3/conversations", f"/v3/teams/{quote(team_id)}")
        answer = _json(
            self._call("list channels", "GET", f"{url}/conversations", None, idempotent=True)
        )
        found = answer.get("conversations") if isinstance(answer, Mapping) else None
        if not isinstance(found, list):
            raise DeliveryError(teams_reason("list channels", "unexpected answer"))
        channels = []
        for item in found:
            if isinstance(item, Mapping) and isinstance(item.get("id"), str) and item["id"]:
                name = item.get("name")
                channels.append((item["id"], name if isinstance(name, str) and name else None))
        return channels

    def _call(
        self, action: str, method: str, url: str, body: Activity | None, *, idempotent: bool
    ) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self.token()}"}
        try:
            response = self.http.request(method, url, json=body, headers=headers)
        except NOT_SENT as err:
            raise DeliveryError(teams_reason(action, failure(err))) from err
        except httpx.RequestError as err:
            # Sent, perhaps in full: the connector may have acted on it.
            reason = teams_reason(action, failure(err))
            raise (DeliveryError(reason) if idempotent else MaybeDelivered(reason)) from err
        if not response.is_success:
            raise translate(response, action, idempotent=idempotent)
        return response


# --- URLs and answers -----------------------------------------------------------------------


def connector_url(service_url: str, parts: list[str], *, under: str = "conversations") -> str:
    """A connector URL under ``service_url``; the token may only travel to https (or loopback)."""
    try:
        base = httpx.URL(service_url)
    except httpx.InvalidURL as err:
        raise DeliveryError(teams_reason("service url", str(err)), permanent=True) from err
    if not base.host or "%" in base.host:  # httpx takes "https:///" and escapes "bad host"
        what = f"no host in {service_url!r}"
        raise DeliveryError(teams_reason("service url", what), permanent=True)
    if base.scheme != "https" and not (base.scheme == "http" and base.host in LOOPBACK):
        what = f"{service_url!r} is not an https URL"
        raise DeliveryError(teams_reason("service url", what), permanent=True)
    path = "".join(f"/{quote(p, safe='')}" for p in parts)
    return f"{service_url.rstrip('/')}/v3/{under}{path}"


def _json(response: httpx.Response) -> object:
    try:
        return response.json()
    except ValueError:
        return None


def _answered_id(response: httpx.Response, action: str, *, idempotent: bool) -> str:
    """The ``id`` of a success answer; without one, the call took effect but is unknown."""
    try:
        body = response.json()
    except ValueError:
        body = None
    found = body.get("id") if isinstance(body, dict) else None
    if isinstance(found, str) and found:
        return found
    reason = teams_reason(action, f"HTTP {response.status_code} without an id")
    raise DeliveryError(reason) if idempotent else MaybeDelivered(reason)
