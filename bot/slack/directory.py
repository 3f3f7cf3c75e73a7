"""People and Slack users: who a Slack user is by email, and the email of a Slack user.

Pure lookups on Slack's Web API; linking what is found to people is storage's work
(``storage.people``). Failures other than "no such user" raise ``words.errors`` delivery
errors, as the port does (``RetryAfter`` when rate limited).
"""

from __future__ import annotations

from collections.abc import Callable

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.web import SlackResponse

from bot.slack.client import slack_error, slack_errors


class SlackDirectory:
    def __init__(self, client: WebClient) -> None:
        self.client = client

    def user_by_email(self, email: str) -> str | None:
        """The Slack user id of the workspace member with this email, or None."""
        response = _unless_missing(
            lambda: self.client.users_lookupByEmail(email=email),
            "users_not_found",
            "users.lookupByEmail",
        )
        user = None if response is None else response.get("user")
        found = user.get("id") if isinstance(user, dict) else None
        return found if isinstance(found, str) and found else None

    def has_user(self, user_id: str) -> bool:
        """Whether the workspace of this client's token has this user."""
        response = _unless_missing(
            lambda: self.client.users_info(user=user_id), "user_not_found", "users.info"
        )
        return response is not None

    def email_of(self, user_id: str) -> str | None:
        """The email of a Slack user; None for an unknown user or an email Slack keeps back.

        Slack shows emails only to apps with the users:read.email scope.
        """
        response = _unless_missing(
            lambda: self.client.users_info(user=user_id), "user_not_found", "users.info"
        )
        user = None if response is None else response.get("user")
        profile = user.get("profile") if isinstance(user, dict) else None
        email = profile.get("email") if isinstance(profile, dict) else None
        return email if isinstance(email, str) and email else None


def _unless_missing(
    call: Callable[[], SlackResponse], missing: str, action: str
) -> SlackResponse | None:
    """The answer of ``call``; None when Slack answers the error ``missing``."""
    with slack_errors(action):
        try:
            return call()
        except SlackApiError as err:
            if slack_error(err.response) == missing:
                return None
            raise
