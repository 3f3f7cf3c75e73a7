"""The fake Slack Web API with several workspaces and the OAuth v2 exchange, for tests of
installs through OAuth (``tests.test_slack_oauth``).

Each workspace (team id) has its own bot token; a call is answered as the workspace of the
token it presents: users.lookupByEmail, users.info and conversations.open see only that
workspace's users, conversations.list only its channels, auth.test names it. Slack's side of
"Add to Slack" is scripted with ``grant``: the code Slack would hand the installer's browser,
exchanged once at ``oauth.v2.access`` for the workspace's bot token::

    with FakeWorkspaces() as slack:
        slack.oauth_app("1111.2222", "secret")
        slack.add_user("U1", email="rob@example.org", team="T0DRENTHE")
        slack.grant("code-1", "T0DRENTHE", "xoxb-drenthe", installer="UADMIN")
        ...  # the app exchanges code-1; later calls with xoxb-drenthe act in T0DRENTHE
        slack.team_of(slack.calls("chat.postMessage")[0])  # "T0DRENTHE"
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Final

from tests.fake_slack import TEAM, TOKEN, Answer, Call, FakeSlack, Params, SlackError

OAUTH_ACCESS: Final = "oauth.v2.access"
APP_ID: Final = "A0VOORTGANG"


@dataclass(frozen=True, slots=True)
class _Grant:
    team: str
    token: str
    installer: str
    scope: str
    team_name: str


class FakeWorkspaces(FakeSlack):
    def __init__(self, token: str = TOKEN) -> None:
        super().__init__(token)
        self.tokens: dict[str, str] = {token: TEAM}  # bot token -> its workspace
        self.members: dict[str, str] = {}  # user id -> workspace
        self.channel_teams: dict[str, str] = {}  # channel id -> workspace
        self._client: tuple[str, str] | None = None
        self._grants: dict[str, _Grant] = {}
        self._caller: str | None = None  # the workspace of the call being answered
        self._headers: dict[str, str] = {}  # and its headers (oauth.v2.access reads them)
        self._methods[OAUTH_ACCESS] = self._oauth_access

    # --- scripting --------------------------------------------------------------------------

    def oauth_app(self, client_id: str, client_secret: str) -> None:
        self._client = (client_id, client_secret)

    def grant(
        self,
        code: str,
        team: str,
        token: str,
        *,
        installer: str,
        scope: str = "chat:write,im:write,users:read,users:read.email",
        team_name: str | None = None,
    ) -> None:
        """Slack approved the install of ``team``: ``code`` is good for one exchange."""
        with self._lock:
            self._grants[code] = _Grant(team, token, installer, scope, team_name or team)

    def add_member(self, user_id: str, team: str, email: str | None = None, name: str = "") -> None:
        """A user of workspace ``team``."""
        self.add_user(user_id, email=email, name=name)
        with self._lock:
            self.members[user_id] = team

    def add_team_channel(self, name: str, team: str) -> str:
        channel = self.add_channel(name)
        with self._lock:
            self.channel_teams[channel.id] = team
        return channel.id

    def team_of(self, call: Call) -> str | None:
        """The workspace of the token a call presented."""
        sent = call.headers.get("Authorization", "").removeprefix("Bearer ")
        return self.tokens.get(sent)

    # --- answering as a workspace ------------------------------------------------------------

    def _answer(self, method: str, params: Params, headers: dict[str, str]) -> tuple[int, Answer]:
        # Called under the fake's lock, one call at a time.
        sent = headers.get("Authorization", "").removeprefix("Bearer ")
        self._caller, self._headers = self.tokens.get(sent), headers
        try:
            return super()._answer(method, params, headers)
        finally:
            self._caller, self._headers = None, {}

    def _denied(self, method: str, params: Params, headers: dict[str, str]) -> str | None:
        if method == OAUTH_ACCESS:
            return None  # checks the client's credentials itself
        sent = headers.get("Authorization", "").removeprefix("Bearer ")
        if sent in self.tokens:
            return None
        return super()._denied(method, params, headers)

    def _mine(self, user_id: str) -> bool:
        return self.members.get(user_id, TEAM) == self._caller

    def _auth_test(self, params: Params) -> Answer:
        answer = super()._auth_test(params)
        team = self._caller or TEAM
        if team != TEAM:
            answer.update(team_id=team, team=team, user_id=f"UBOT{team}", bot_id=f"B{team}")
        return answer

    def _user_info(self, params: Params) -> Answer:
        if not self._mine(str(params.get("user"))):
            raise SlackError("user_not_found")
        answer = super()._user_info(params)
        answer["user"]["team_id"] = self._caller
        return answer

    def _lookup_by_email(self, params: Params) -> Answer:
        wanted = str(params.get("email", "")).casefold()
        for user in self.users.values():
            email = user.email
            if email is not None and email.casefold() == wanted and self._mine(user.id):
                return {"user": {**user.answer(), "team_id": self._caller}}
        raise SlackError("users_not_found")

    def _open(self, params: Params) -> Answer:
        if not self._mine(str(params.get("users", ""))):
            raise SlackError("user_not_found")
        return super()._open(params)

    def _list(self, params: Params) -> Answer:
        answer = super()._list(params)
        answer["channels"] = [
            c for c in answer["channels"] if self.channel_teams.get(c["id"], TEAM) == self._caller
        ]
        return answer

    # --- OAuth --------------------------------------------------------------------------------

    def _oauth_access(self, params: Params) -> Answer:
        if self._client is None:
            raise SlackError("invalid_client_id")
        client_id, secret = _credentials(params, self._headers)
        if client_id != self._client[0]:
            raise SlackError("invalid_client_id")
        if secret != self._client[1]:
            raise SlackError("bad_client_secret")
        grant = self._grants.pop(str(params.get("code", "")), None)
        if grant is None:
            raise SlackError("invalid_code")  # unknown, or used before
        self.tokens[grant.token] = grant.team
        return {
            "app_id": APP_ID,
            "authed_user": {"id": grant.installer},
            "scope": grant.scope,
            "token_type": "bot",
            "access_token": grant.token,
            "bot_user_id": f"UBOT{grant.team}",
            "team": {"id": grant.team, "name": grant.team_name},
            "enterprise": None,
            "is_enterprise_install": False,
        }


def _credentials(params: Params, headers: dict[str, str]) -> tuple[str, str]:
    """The client id and secret: HTTP Basic auth (as slack_sdk sends them) or form fields."""
    sent = headers.get("Authorization", "")
    if sent.startswith("Basic "):
        try:
            decoded = base64.b64decode(sent.removeprefix("Basic ")).decode()
        except (binascii.Error, UnicodeDecodeError):
            return "", ""
        client_id, _, secret = decoded.partition(":")
        return client_id, secret
    return str(params.get("client_id", "")), str(params.get("client_secret", ""))
