"""Slack's Web API client for the port, and Slack's refusals as Voortgang delivery errors.

Rate limits. A 429 becomes ``RetryAfter``: the outbox reschedules and the sender pauses, so
the client must never sleep on one itself (``slack_client`` builds one that retries nothing).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from http.client import HTTPException
from math import isfinite
from typing import Any, Final
from urllib.error import HTTPError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web import SlackResponse

from config.settings import DEFAULT_SLACK_API_URL
from words.errors import DeliveryError, RetryAfter, Unreachable

DEFAULT_RETRY_AFTER: Final = 30.0  # when a 429 comes without a readable Retry-After
# Keep well below half the sender's lease: an upload makes three requests.
CLIENT_TIMEOUT: Final = 10

# Slack errors that no retry can mend; those about a person make the person unreachable.
PERSON_ERRORS: Final = frozenset(
    {"user_not_found", "users_not_found", "cannot_dm_bot", "user_disabled"}
)
PERMANENT_ERRORS: Final = frozenset(
    {
        "account_inactive",
        "cant_update_message",
        "channel_not_found",
        "edit_window_closed",
        "ekm_access_denied",
        "is_archived",
        "message_not_found",
        "metadata_too_large",
        "missing_scope",
        "msg_too_long",
        "no_permission",
        "no_text",
        "not_allowed_token_type",
        "not_authed",
        "not_in_channel",
        "restricted_action",
        "team_access_not_granted",
        "thread_not_found",
        "token_expired",
        "token_revoked",
        "too_many_attachments",
    }
)
PERMANENT_PREFIX: Final = "invalid_"  # invalid_auth, invalid_blocks, invalid_arguments ...
REASON_MAX: Final = 120


def slack_client(
    token: str, base_url: str = DEFAULT_SLACK_API_URL, *, timeout: int = CLIENT_TIMEOUT
) -> WebClient:
    """A Web API client for the port: it retries nothing and never sleeps.

    slack_sdk's default retries a broken connection once, after a pause, which may post a
    message twice; the outbox retries instead, and looks first (``bot.slack.port``).
    """
    return WebClient(token=token, base_url=base_url, timeout=timeout, retry_handlers=[])


# --- errors ---------------------------------------------------------------------------------


def slack_error(response: SlackResponse) -> str:
    """The ``error`` of a failed answer ("" when it has none)."""
    data = response.data
    error = data.get("error") if isinstance(data, dict) else None
    return error if isinstance(error, str) else ""


def retry_seconds(headers: Mapping[str, Any]) -> float:
    """Retry-After in seconds; ``DEFAULT_RETRY_AFTER`` when absent or unreadable."""
    value = next((v for k, v in headers.items() if str(k).lower() == "retry-after"), None)
    if isinstance(value, list):  # some header mappings keep every value of a name
        value = value[0] if value else None
    try:
        seconds = float(str(value))
    except ValueError:
        return DEFAULT_RETRY_AFTER
    return seconds if isfinite(seconds) and seconds >= 0 else DEFAULT_RETRY_AFTER


def translate(err: SlackApiError, action: str) -> DeliveryError:
    """Slack's refusal of ``action`` as a Voortgang delivery error."""
    response = err.response
    status = int(response.status_code)
    error = slack_error(response)
    if status == 429 or error == "ratelimited":
        return RetryAfter(retry_seconds(response.headers))
    reason = slack_reason(action, error if error else f"HTTP {status}")
    if status >= 500:
        return DeliveryError(reason)
    if error in PERSON_ERRORS:
        return Unreachable(reason)
    if error in PERMANENT_ERRORS or error.startswith(PERMANENT_PREFIX):
        return DeliveryError(reason, permanent=True)
    return DeliveryError(reason)  # unknown: worth a few more tries


@contextmanager
def slack_errors(action: str) -> Iterator[None]:
    """Translate what calling the Web API for ``action`` raises into ``words.errors``."""
    try:
        yield
    except SlackApiError as err:
        raise translate(err, action) from err
    except HTTPError as err:  # the upload URL of files_upload_v2 is opened without the SDK
        err.close()  # it holds the connection, and nobody reads its body
        if err.code == 429:
            raise RetryAfter(retry_seconds(dict(err.headers.items()))) from err
        raise DeliveryError(slack_reason(action, f"HTTP {err.code}")) from err
    except (OSError, HTTPException, SlackClientError) as err:
        # Connection refused or reset, a timeout, an unreadable answer: try again later.
        raise DeliveryError(slack_reason(action, f"{type(err).__name__}: {err}")) from err


def slack_reason(action: str, what: str) -> str:
    """A delivery error's reason: what failed, cut to a length a log line and a row take."""
    text = f"slack {action}: {what}"
    return text if len(text) <= REASON_MAX else text[: REASON_MAX - 1] + "…"


def answered_text(value: object, what: str) -> str:
    """A string Slack's answer must hold; a retryable error when it does not."""
    if not isinstance(value, str) or not value:
        raise DeliveryError(slack_reason(what, "unexpected answer"))
    return value


def next_cursor(response: SlackResponse) -> str | None:
    """The cursor of the next page of a paged method; None on the last page."""
    meta = response.get("response_metadata")
    cursor = meta.get("next_cursor") if isinstance(meta, dict) else None
    return cursor if isinstance(cursor, str) and cursor else None
