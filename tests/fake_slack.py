"""A fake Slack Web API on a loopback port, for tests of the Slack adapter.

``FakeSlack`` answers the Web API methods Voortgang uses closely enough for a real
``slack_sdk.WebClient`` pointed at ``fake.url``: it keeps what was posted (messages with their
metadata, threads, uploaded files, views), knows the users and channels a test gives it, and
answers with Slack's errors where Slack would (an unknown user, a channel the bot is not in).
Every call is recorded, faulted or not::

    with FakeSlack() as slack:
        slack.add_user("U1", email="rob@example.org")
        slack.add_channel("boce-omgevingswet")
        client = WebClient(token=slack.token, base_url=slack.url, retry_handlers=[])
        ...
        assert len(slack.calls("chat.postMessage")) == 1

Faults are scripted per method, or for every call at once (a "storm")::

    slack.fail_next("chat.postMessage", status=429, retry_after=3)   # rate limited, once
    slack.fail_next("chat.postMessage", status=500, times=2)          # Slack is down, twice
    slack.fail_next("auth.test", error="invalid_auth")               # HTTP 200, ok: false
    slack.storm(calls=10, retry_after=5)                              # the next 10 calls: 429

Each call records when it was answered (``Call.at``); ``on_call`` runs a hook after a call of a
method took effect and before it is answered (a fault bench kills the caller there).

Socket Mode: ``apps.connections.open`` answers an app-level token (``xapp-...``) with a
WebSocket URL from a fake Socket Mode server (``tests.fake_socket_mode``)::

    slack.socket_mode("xapp-1-fake", socket.issue)

The upload URL of the external upload flow (``files_upload_v2``) is served by the fake too;
its calls are recorded under the method name ``"upload"``.

Several workspaces: the constructor's token is the bot token of ``TEAM``; ``add_workspace``
adds another team with its bot token. A call acts in the workspace of the token it presents
(recorded as ``Call.team``): users.lookupByEmail, users.info and conversations.open see only
that team's users, conversations.list only its channels, posting or reading a channel of
another team is ``channel_not_found``, and auth.test names the team and its bot::

    slack.add_workspace("T0DRENTHE", "xoxb-drenthe", name="Drenthe")
    slack.add_user("U7", email="rob@example.org", team="T0DRENTHE")
    slack.add_channel("thema-7", "C0000007", team="T0DRENTHE")
    drenthe = WebClient(token="xoxb-drenthe", base_url=slack.url, retry_handlers=[])
    drenthe.auth_test()["user_id"]                     # "UBOTT0DRENTHE"
    assert slack.calls("auth.test")[-1].team == "T0DRENTHE"

OAuth v2 ("Add to Slack"): ``oauth_app`` sets the app's client id and secret, ``grant`` the
code Slack would hand the installer's browser. ``oauth.v2.access`` takes the credentials as
HTTP Basic auth (what slack_sdk sends) or as the form fields ``client_id`` and
``client_secret``, exchanges a code once, answers Slack's payload and from then on knows the
bot token as the team's (as ``add_workspace``); a reused or unknown code is ``invalid_code``::

    slack.oauth_app("1111.2222", "secret")
    slack.grant("code-1", "T0EMMEN", "xoxb-emmen", installer="UADMIN", team_name="Emmen")
    WebClient(base_url=slack.url).oauth_v2_access(
        client_id="1111.2222", client_secret="secret", code="code-1"
    )["access_token"]                                  # "xoxb-emmen", now a token of T0EMMEN

With ``user_scope``, the installer's user token (``authed_user.access_token``) is answered
too; the fake takes it only for auth.test (it speaks as the bot alone) and refuses it
elsewhere with ``not_allowed_token_type``.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import copy
import json
import mimetypes
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.message import Message as MimePart
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler
from typing import Any, Final
from urllib.parse import parse_qsl, urlsplit

from tests.loopback import LoopbackServer

TOKEN: Final = "xoxb-fake-voortgang-token"
BOT_USER: Final = "UBOTVOORTGANG"
BOT_ID: Final = "BVOORTGANG"
TEAM: Final = "TVOORTGANG"
TEAM_NAME: Final = "Voortgang"
APP_ID: Final = "A0VOORTGANG"  # the app oauth.v2.access names
OAUTH_ACCESS: Final = "oauth.v2.access"  # authenticated by the app's client id and secret
DEFAULT_SCOPE: Final = "chat:write,im:write,users:read,users:read.email"
APP_TOKEN_PREFIX: Final = "xapp-"
CONNECTIONS_OPEN: Final = "apps.connections.open"  # the one method taking the app-level token
UPLOAD: Final = "upload"  # the method name calls to the upload URL are recorded under
FIRST_SECOND: Final = 1_700_000_000
# Parameters Slack takes as JSON, which a form-encoded request sends as a JSON string.
JSON_PARAMS: Final = frozenset({"blocks", "attachments", "metadata", "files", "view"})

Params = dict[str, Any]
Answer = dict[str, Any]


class SlackError(Exception):
    """A method's ``{"ok": false, "error": ...}`` answer."""

    def __init__(self, error: str) -> None:
        super().__init__(error)
        self.error = error


@dataclass(frozen=True, slots=True)
class Call:
    """One request to the fake, and how it was answered."""

    method: str  # "chat.postMessage"; "upload" for the upload URL
    params: Params  # form fields, JSON body and query, JSON parameters decoded
    headers: dict[str, str]  # names in Title-Case: "Authorization", "Content-Type"
    files: dict[str, bytes] = field(default_factory=dict)  # multipart files, the upload's bytes
    status: int = 200
    error: str | None = None  # the Slack error answered; None when ok
    team: str | None = None  # the workspace of the token presented; None without a known one
    at: float = field(default_factory=time.time)  # when it was answered (the wall clock)


@dataclass(frozen=True, slots=True)
class FakeWorkspace:
    """A Slack workspace (team) and the app's bot in it."""

    team: str
    name: str
    bot_user: str
    bot_id: str

    @property
    def url(self) -> str:
        host = "".join(c for c in self.name.lower() if c.isalnum()) or self.team.lower()
        return f"https://{host}.slack.test/"


@dataclass(slots=True)
class FakeUser:
    id: str
    email: str | None = None
    name: str = ""
    is_bot: bool = False
    deleted: bool = False
    team: str = TEAM

    def answer(self) -> Answer:
        profile: Answer = {"real_name": self.name, "display_name": self.name}
        if self.email is not None:
            profile["email"] = self.email
        return {
            "id": self.id,
            "team_id": self.team,
            "name": self.name,
            "real_name": self.name,
            "deleted": self.deleted,
            "is_bot": self.is_bot,
            "profile": profile,
        }


@dataclass(slots=True)
class FakeChannel:
    id: str
    name: str
    private: bool = False
    archived: bool = False
    member: bool = True  # whether the bot is in it
    team: str = TEAM

    def answer(self) -> Answer:
        return {
            "id": self.id,
            "name": self.name,
            "is_channel": True,
            "is_private": self.private,
            "is_archived": self.archived,
            "is_member": self.member,
        }


@dataclass(slots=True)
class _Fault:
    status: int
    error: str
    retry_after: str | None
    times: int
    handled: bool = False  # the call takes effect; only its answer is the fault


@dataclass(slots=True)
class _Storm:
    calls: int | None
    until: float | None
    retry_after: str | None

    def blows(self, now: float) -> bool:
        in_time = self.until is None or now < self.until
        in_count = self.calls is None or self.calls > 0
        return in_time and in_count


@dataclass(frozen=True, slots=True)
class _Grant:
    """An install Slack approved: what exchanging its code answers."""

    team: str
    token: str
    installer: str
    scope: str
    team_name: str | None
    bot_user: str | None
    user_scope: str


@dataclass(slots=True)
class _Reply:
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


class FakeSlack(LoopbackServer):
    """The fake Web API; start it with ``with FakeSlack() as slack`` or ``start()``/``stop()``."""

    what = "the fake Slack"

    def __init__(self, token: str = TOKEN, *, share_in_response: bool = True) -> None:
        super().__init__()
        self.token = token
        # Slack shares an uploaded file asynchronously: its answer to completeUploadExternal
        # often lacks the share (and so the message's ts). False answers that way.
        self.share_in_response = share_in_response
        self.workspaces: dict[str, FakeWorkspace] = {
            TEAM: FakeWorkspace(TEAM, TEAM_NAME, BOT_USER, BOT_ID)
        }  # by team id
        self.users: dict[str, FakeUser] = {}
        self.channels: dict[str, FakeChannel] = {}  # by id
        self.uploads: dict[str, bytes] = {}  # file id -> uploaded bytes
        self.views: dict[str, Answer] = {}  # view id -> the view as last opened or updated
        self.app_token: str | None = None  # Socket Mode's app-level token, once set up
        self._link: Callable[[], str] | None = None  # issues a Socket Mode WebSocket URL
        self._messages: defaultdict[str, list[Answer]] = defaultdict(list)  # channel -> posted
        self._files: dict[str, Answer] = {}  # file id -> name, length and team asked for
        self._dms: dict[str, str] = {}  # DM conversation id -> the team that opened it
        self._bot_tokens: dict[str, str] = {token: TEAM}  # bot token -> its team
        self._user_tokens: dict[str, tuple[str, str]] = {}  # user token -> (team, user id)
        self._oauth_client: tuple[str, str] | None = None  # the app's client id and secret
        self._codes: dict[str, _Grant] = {}  # OAuth codes not exchanged yet
        # The call being answered (under the lock): its token and headers.
        self._calling_token: str | None = None
        self._calling_headers: dict[str, str] = {}
        self._calls: list[Call] = []
        self._faults: defaultdict[str, deque[_Fault]] = defaultdict(deque)
        self._storm: _Storm | None = None
        self._latency: dict[str, float] = {}
        self._hooks: dict[str, Callable[[Call], None]] = {}
        self._counter = 0
        self._lock = threading.Lock()
        self._methods: dict[str, Callable[[Params], Answer]] = {
            "auth.test": self._auth_test,
            CONNECTIONS_OPEN: self._connections_open,
            "chat.postMessage": self._post_message,
            "chat.update": self._update,
            "chat.getPermalink": self._permalink,
            "conversations.open": self._open,
            "conversations.list": self._list,
            "conversations.history": self._history,
            "conversations.replies": self._replies,
            "users.info": self._user_info,
            "users.lookupByEmail": self._lookup_by_email,
            "views.open": self._view_open,
            "views.publish": self._view_publish,
            "views.update": self._view_update,
            "files.getUploadURLExternal": self._upload_url,
            "files.completeUploadExternal": self._complete_upload,
            OAUTH_ACCESS: self._oauth_access,
        }

    # --- running ----------------------------------------------------------------------------

    def handler(self) -> type[BaseHTTPRequestHandler]:
        return _handler(self)

    @property
    def url(self) -> str:
        """The Web API's base URL, as ``WebClient(base_url=...)`` takes it."""
        return f"http://127.0.0.1:{self.port}/api/"

    # --- the workspace ----------------------------------------------------------------------

    def add_user(
        self,
        user_id: str,
        email: str | None = None,
        name: str = "",
        *,
        is_bot: bool = False,
        deleted: bool = False,
        team: str = TEAM,
    ) -> FakeUser:
        """A user of workspace ``team``."""
        user = FakeUser(user_id, email, name if name else user_id.lower(), is_bot, deleted, team)
        with self._lock:
            self._known(team)
            self.users[user_id] = user
        return user

    def add_channel(
        self,
        name: str,
        channel_id: str | None = None,
        *,
        private: bool = False,
        archived: bool = False,
        member: bool = True,
        team: str = TEAM,
    ) -> FakeChannel:
        """A channel of workspace ``team``; ``member``: whether the bot is in it."""
        with self._lock:
            self._known(team)
            found = channel_id if channel_id is not None else f"C{len(self.channels) + 1:08d}"
            channel = FakeChannel(found, name, private, archived, member, team)
            self.channels[found] = channel
        return channel

    def add_workspace(
        self, team: str, token: str, *, bot_user: str | None = None, name: str | None = None
    ) -> None:
        """Workspace ``team`` with bot token ``token`` (another token, if it has one already).

        The bot's user id is ``bot_user`` (default ``"UBOT" + team``), its bot id
        ``"B" + team``; the team's name is ``name`` (default: the team id). A token belongs to
        one team only.
        """
        with self._lock:
            self._claim(token, team)
            self._install(team, token, bot_user=bot_user, name=name)

    def oauth_app(self, client_id: str, client_secret: str) -> None:
        """The app's credentials, which oauth.v2.access asks for."""
        with self._lock:
            self._oauth_client = (client_id, client_secret)

    def grant(
        self,
        code: str,
        team: str,
        token: str,
        *,
        installer: str,
        scope: str = DEFAULT_SCOPE,
        team_name: str | None = None,
        bot_user: str | None = None,
        user_scope: str = "",
    ) -> None:
        """Slack approved the install of the app in ``team`` by user ``installer``: ``code``
        is good for one exchange at oauth.v2.access, which answers bot token ``token`` with
        bot scopes ``scope`` (comma-separated, as Slack answers them) and registers it.

        ``team_name`` and ``bot_user`` as in ``add_workspace``; a non-empty ``user_scope``
        answers a user token for the installer as well (``"xoxp-" + team + "-" + installer``).
        """
        with self._lock:
            self._claim(token, team)
            self._codes[code] = _Grant(
                team, token, installer, scope, team_name, bot_user, user_scope
            )

    def _known(self, team: str) -> None:
        # Users and channels of a team the fake has no token of: the team exists all the same
        # (a token may come later, through add_workspace or an OAuth exchange).
        if team not in self.workspaces:
            self.workspaces[team] = FakeWorkspace(team, team, f"UBOT{team}", f"B{team}")

    def _claim(self, token: str, team: str) -> None:
        owners = {g.team for g in self._codes.values() if g.token == token}
        if token in self._bot_tokens:
            owners.add(self._bot_tokens[token])
        if owners - {team} or token in self._user_tokens:
            raise ValueError(f"token {token!r} belongs to another workspace")

    def _install(
        self, team: str, token: str, *, bot_user: str | None, name: str | None
    ) -> FakeWorkspace:
        old = self.workspaces.get(team)
        if old is None:
            old = FakeWorkspace(team, team, f"UBOT{team}", f"B{team}")
        workspace = FakeWorkspace(
            team,
            name if name is not None else old.name,
            bot_user if bot_user is not None else old.bot_user,
            old.bot_id,
        )
        self.workspaces[team] = workspace
        self._bot_tokens[token] = team
        return workspace

    def socket_mode(self, app_token: str, link: Callable[[], str]) -> None:
        """Answer apps.connections.open for ``app_token`` with a URL made by ``link`` (a fake
        Socket Mode server's ``issue``)."""
        if not app_token.startswith(APP_TOKEN_PREFIX):
            raise ValueError(f"an app-level token starts with {APP_TOKEN_PREFIX}")
        with self._lock:
            self.app_token = app_token
            self._link = link

    def posted(self, channel: str) -> list[Answer]:
        """Every message in a conversation (thread replies too), oldest first."""
        with self._lock:
            return [dict(m) for m in self._messages[channel]]

    # --- calls and faults -------------------------------------------------------------------

    def calls(self, method: str | None = None) -> list[Call]:
        """The calls so far, oldest first; only those of ``method`` when given."""
        with self._lock:
            return [c for c in self._calls if method is None or c.method == method]

    def clear(self) -> None:
        """Forget the calls (not the workspace, the messages or the scripted faults)."""
        with self._lock:
            self._calls.clear()

    def fail_next(
        self,
        method: str,
        *,
        status: int | None = None,
        error: str | None = None,
        retry_after: float | str | None = 3,
        times: int = 1,
        handled: bool = False,
    ) -> None:
        """Answer the next ``times`` calls of ``method`` with a fault.

        ``status`` 429 is a rate limit (with ``Retry-After: retry_after`` unless None), 5xx a
        broken Slack; without a status, ``error`` is answered with HTTP 200 and ``ok: false``.
        ``handled``: Slack did what was asked all the same, and only the answer is lost (a
        message posted, then a 500 or a dropped connection).
        """
        code = status if status is not None else (200 if error is not None else 429)
        default = "ratelimited" if code == 429 else "internal_error"
        fault = _Fault(
            status=code,
            error=error if error is not None else default,
            retry_after=None if retry_after is None or code != 429 else str(retry_after),
            times=times,
            handled=handled,
        )
        with self._lock:
            self._faults[method].append(fault)

    def storm(
        self,
        calls: int | None = None,
        *,
        seconds: float | None = None,
        retry_after: float | str | None = 1,
    ) -> None:
        """Rate-limit every call: the next ``calls`` of them, or for ``seconds``, or until calm."""
        until = None if seconds is None else time.monotonic() + seconds
        header = None if retry_after is None else str(retry_after)
        with self._lock:
            self._storm = _Storm(calls, until, header)

    def calm(self) -> None:
        with self._lock:
            self._storm = None

    def latency(self, method: str, seconds: float) -> None:
        """Take ``seconds`` to answer every call of ``method`` (0: at once again), as a slow
        Slack would: a fan-out that is still under way when a test stops its sender."""
        with self._lock:
            self._latency[method] = seconds

    def on_call(self, method: str, hook: Callable[[Call], None] | None) -> None:
        """Call ``hook`` with every call of ``method`` once the fake has acted on it and before
        it answers (None: no more): a caller that dies in it has been heard but never answered,
        as a process killed while Slack was posting its message."""
        with self._lock:
            if hook is None:
                self._hooks.pop(method, None)
            else:
                self._hooks[method] = hook

    # --- serving ----------------------------------------------------------------------------

    def serve(self, request: BaseHTTPRequestHandler) -> None:
        """Answer one HTTP request (called from the server's threads)."""
        path = urlsplit(request.path)
        length = int(request.headers.get("Content-Length", "0"))
        body = request.rfile.read(length) if length else b""
        headers = {name.title(): value for name, value in request.headers.items()}
        if path.path.startswith(f"/{UPLOAD}/"):
            reply = self._upload(path.path.rsplit("/", 1)[-1], body, headers)
        elif path.path.startswith("/api/"):
            params, files = _parse(body, headers.get("Content-Type", ""), path.query)
            reply = self._api(path.path.removeprefix("/api/"), params, files, headers)
        else:
            reply = _Reply(404, b"not found")
        # A caller that died waiting (a process killed mid-call) is not answered, quietly.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            request.send_response(reply.status)
            for name, value in reply.headers.items():
                request.send_header(name, value)
            request.send_header("Content-Length", str(len(reply.body)))
            request.end_headers()
            request.wfile.write(reply.body)

    def _api(
        self, method: str, params: Params, files: dict[str, bytes], headers: dict[str, str]
    ) -> _Reply:
        with self._lock:
            delay = self._latency.get(method, 0.0)
        if delay:
            time.sleep(delay)  # the server's thread, not a test's: a slow platform
        with self._lock:
            team = self._team_of(_token(params, headers))
            fault = self._fault(method)
            if fault is not None:
                if fault.handled:
                    self._answer(method, params, headers)
                self._record(Call(method, params, headers, files, fault.status, fault.error, team))
                return _fault_reply(fault)
            status, answer = self._answer(method, params, headers)
            error = None if answer.get("ok") else str(answer.get("error"))
            call = Call(method, params, headers, files, status, error, team)
            self._record(call)
            hook = self._hooks.get(method)
        if hook is not None:
            hook(call)  # outside the lock: the hook may read the calls
        return _json_reply(status, answer)

    def _answer(self, method: str, params: Params, headers: dict[str, str]) -> tuple[int, Answer]:
        handler = self._methods.get(method)
        if handler is None:
            return 200, {"ok": False, "error": "unknown_method"}
        denied = self._denied(method, params, headers)
        if denied is not None:
            return 200, {"ok": False, "error": denied}
        self._calling_token, self._calling_headers = _token(params, headers), headers
        try:
            return 200, {"ok": True, **handler(params)}
        except SlackError as err:
            return 200, {"ok": False, "error": err.error}
        finally:
            self._calling_token, self._calling_headers = None, {}

    def _denied(self, method: str, params: Params, headers: dict[str, str]) -> str | None:
        if method == OAUTH_ACCESS:
            return None  # the app's client id and secret, checked by the method itself
        token = _token(params, headers)
        if token is None:
            return "not_authed"
        # Only apps.connections.open takes the app-level token, and only auth.test a user
        # token; Slack tells a known token of the wrong kind from an unknown one.
        if method == CONNECTIONS_OPEN:
            if token == self.app_token:
                return None
            known = token in self._bot_tokens or token in self._user_tokens
        else:
            if token in self._bot_tokens or (token in self._user_tokens and method == "auth.test"):
                return None
            known = token in self._user_tokens
        if known or (token.startswith(APP_TOKEN_PREFIX) and token == self.app_token):
            return "not_allowed_token_type"
        return "invalid_auth"

    def _team_of(self, token: str | None) -> str | None:
        if token is None:
            return None
        if token in self._bot_tokens:
            return self._bot_tokens[token]
        user = self._user_tokens.get(token)
        return user[0] if user is not None else None

    def _here(self) -> FakeWorkspace:
        """The workspace of the call being answered; the default one for a token the fake
        does not know itself (one a subclass lets in)."""
        return self.workspaces[self._team_of(self._calling_token) or TEAM]

    def _fault(self, method: str) -> _Fault | None:
        # A storm refuses everything; otherwise the method's own scripted faults, in order.
        storm = self._storm
        if storm is not None and storm.blows(time.monotonic()):
            if storm.calls is not None:
                storm.calls -= 1
            return _Fault(429, "ratelimited", storm.retry_after, times=1)
        queue = self._faults.get(method)
        if not queue:
            return None
        fault = queue[0]
        fault.times -= 1
        if fault.times <= 0:
            queue.popleft()
        return fault

    def _record(self, call: Call) -> None:
        self._calls.append(call)

    def _upload(self, file_id: str, body: bytes, headers: dict[str, str]) -> _Reply:
        with self._lock:
            fault = self._fault(UPLOAD)
            call = Call(UPLOAD, {"file_id": file_id}, headers, {"file": body})
            if fault is not None:
                self._record(
                    Call(UPLOAD, call.params, headers, call.files, fault.status, fault.error)
                )
                return _fault_reply(fault)
            self._record(call)
            if file_id not in self._files:
                return _Reply(404, b"unknown upload")
            self.uploads[file_id] = body
        return _Reply(200, f"OK - {len(body)}".encode(), {"Content-Type": "text/plain"})

    # --- ids --------------------------------------------------------------------------------

    def _next(self) -> int:
        self._counter += 1
        return self._counter

    def _ts(self) -> str:
        # Increasing like Slack's: 1700000000.000100, 1700000000.000200, ...
        n = self._next()
        return f"{FIRST_SECOND + n // 10_000}.{(n % 10_000) * 100:06d}"

    # --- conversations ----------------------------------------------------------------------

    def _conversation(self, given: object, *, posting: bool) -> str:
        """The id of a conversation given by id or (for posting) by name, if the bot may use it."""
        if not isinstance(given, str) or not given:
            raise SlackError("channel_not_found")
        team = self._here().team
        if given in self._dms:
            if self._dms[given] != team:
                raise SlackError("channel_not_found")
            return given
        channel = self.channels.get(given)
        if channel is None and posting:
            name = given.removeprefix("#")
            channel = next(
                (c for c in self.channels.values() if c.name == name and c.team == team), None
            )
        if channel is None or channel.team != team or (channel.private and not channel.member):
            raise SlackError("channel_not_found")
        if not channel.member:
            raise SlackError("not_in_channel")
        if posting and channel.archived:
            raise SlackError("is_archived")
        return channel.id

    def _message(self, channel: str, ts: object) -> Answer:
        found = next((m for m in self._messages[channel] if m["ts"] == ts), None)
        if found is None:
            raise SlackError("message_not_found")
        return found

    def _store(self, channel: str, message: Answer, thread_ts: object) -> Answer:
        if thread_ts is not None:
            try:
                parent = self._message(channel, thread_ts)
            except SlackError:
                raise SlackError("thread_not_found") from None
            parent["thread_ts"] = parent["ts"]
            parent["reply_count"] = int(parent.get("reply_count", 0)) + 1
            message["thread_ts"] = parent["ts"]
        self._messages[channel].append(message)
        return message

    def _auth_test(self, params: Params) -> Answer:
        here = self._here()
        answer: Answer = {
            "url": here.url,
            "team": here.name,
            "user": "voortgang",
            "team_id": here.team,
            "user_id": here.bot_user,
            "bot_id": here.bot_id,
            "is_enterprise_install": False,
        }
        person = self._user_tokens.get(self._calling_token or "")
        if person is not None:  # a user token: the installer, not the bot
            user = self.users.get(person[1])
            del answer["bot_id"]
            answer["user_id"] = person[1]
            answer["user"] = user.name if user is not None else person[1].lower()
        return answer

    def _connections_open(self, params: Params) -> Answer:
        if self._link is None:
            raise SlackError("invalid_auth")  # no app-level token was ever set up
        return {"url": self._link()}

    def _post_message(self, params: Params) -> Answer:
        channel = self._conversation(params.get("channel"), posting=True)
        text, blocks = params.get("text"), params.get("blocks")
        if not text and not blocks:
            raise SlackError("no_text")
        here = self._here()
        message: Answer = {
            "type": "message",
            "ts": self._ts(),
            "user": here.bot_user,
            "bot_id": here.bot_id,
            "text": text if text is not None else "",
        }
        if blocks is not None:
            message["blocks"] = blocks
        if params.get("metadata") is not None:
            message["metadata"] = params["metadata"]
        stored = self._store(channel, message, params.get("thread_ts"))
        return {"channel": channel, "ts": stored["ts"], "message": _public(stored)}

    def _update(self, params: Params) -> Answer:
        channel = self._conversation(params.get("channel"), posting=True)
        message = self._message(channel, params.get("ts"))
        bot = self._here().bot_user
        if message.get("user") != bot:
            raise SlackError("cant_update_message")
        for name in ("text", "blocks", "metadata"):
            if params.get(name) is not None:
                message[name] = params[name]
        message["edited"] = {"user": bot, "ts": self._ts()}
        return {
            "channel": channel,
            "ts": message["ts"],
            "text": message["text"],
            "message": _public(message),
        }

    def _permalink(self, params: Params) -> Answer:
        channel = self._conversation(params.get("channel"), posting=False)
        ts = str(self._message(channel, params.get("message_ts"))["ts"])
        link = f"{self._here().url}archives/{channel}/p{ts.replace('.', '')}"
        return {"channel": channel, "permalink": link}

    def _open(self, params: Params) -> Answer:
        wanted = str(params.get("users", "")).split(",")
        if len(wanted) != 1 or not wanted[0]:
            raise SlackError("invalid_arguments")
        user = self._user(wanted[0])
        if user.is_bot:
            raise SlackError("cannot_dm_bot")
        if user.deleted:
            raise SlackError("user_disabled")
        dm = f"D{user.id}"
        self._dms[dm] = user.team
        return {"channel": {"id": dm}}

    def _list(self, params: Params) -> Answer:
        types = str(params.get("types", "public_channel")).split(",")
        skip_archived = _flag(params.get("exclude_archived"))
        team = self._here().team
        channels = [
            c.answer()
            for c in self.channels.values()
            if c.team == team
            and ("private_channel" if c.private else "public_channel") in types
            and not (c.private and not c.member)
            and not (skip_archived and c.archived)
        ]
        page, cursor = _page(channels, params, default=100)
        return {"channels": page, "response_metadata": {"next_cursor": cursor}}

    def _history(self, params: Params) -> Answer:
        channel = self._conversation(params.get("channel"), posting=False)
        top = [m for m in self._messages[channel] if m.get("thread_ts", m["ts"]) == m["ts"]]
        newest_first = list(reversed(top))
        page, cursor = _page(newest_first, params, default=100)
        metadata = _flag(params.get("include_all_metadata"))
        return {
            "messages": [_public(m, metadata=metadata) for m in page],
            "has_more": bool(cursor),
            "response_metadata": {"next_cursor": cursor},
        }

    def _replies(self, params: Params) -> Answer:
        channel = self._conversation(params.get("channel"), posting=False)
        try:
            parent = self._message(channel, params.get("ts"))
        except SlackError:
            raise SlackError("thread_not_found") from None
        replies = [
            m
            for m in self._messages[channel]
            if m.get("thread_ts") == parent["ts"] and m is not parent
        ]
        page, cursor = _page([parent, *replies], params, default=1000)
        metadata = _flag(params.get("include_all_metadata"))
        return {
            "messages": [_public(m, metadata=metadata) for m in page],
            "has_more": bool(cursor),
            "response_metadata": {"next_cursor": cursor},
        }

    # --- users ------------------------------------------------------------------------------

    def _user(self, user_id: str) -> FakeUser:
        """A user of the calling token's workspace."""
        user = self.users.get(user_id)
        if user is None or user.team != self._here().team:
            raise SlackError("user_not_found")
        return user

    def _user_info(self, params: Params) -> Answer:
        return {"user": self._user(str(params.get("user"))).answer()}

    def _lookup_by_email(self, params: Params) -> Answer:
        wanted = str(params.get("email", "")).casefold()
        team = self._here().team
        for user in self.users.values():
            if user.team == team and user.email is not None and user.email.casefold() == wanted:
                return {"user": user.answer()}
        raise SlackError("users_not_found")

    # --- views ------------------------------------------------------------------------------

    def _view_open(self, params: Params) -> Answer:
        if not params.get("trigger_id"):
            raise SlackError("invalid_arguments")
        return {"view": self._keep_view(f"V{self._next():08d}", params)}

    def _view_publish(self, params: Params) -> Answer:
        self._user(str(params.get("user_id")))
        return {"view": self._keep_view(f"V{self._next():08d}", params)}

    def _view_update(self, params: Params) -> Answer:
        view_id = params.get("view_id")
        if not isinstance(view_id, str) or view_id not in self.views:
            raise SlackError("not_found")
        return {"view": self._keep_view(view_id, params)}

    def _keep_view(self, view_id: str, params: Params) -> Answer:
        view = params.get("view")
        if not isinstance(view, dict):
            raise SlackError("invalid_arguments")
        kept: Answer = {**view, "id": view_id}
        self.views[view_id] = kept
        return kept

    # --- files ------------------------------------------------------------------------------

    def _upload_url(self, params: Params) -> Answer:
        name, length = params.get("filename"), params.get("length")
        if not name or length is None or not str(length).isdigit():
            raise SlackError("invalid_arguments")
        file_id = f"F{self._next():08d}"
        self._files[file_id] = {
            "name": name,
            "length": int(str(length)),
            "team": self._here().team,
        }
        return {
            "upload_url": f"http://127.0.0.1:{self.port}/{UPLOAD}/{file_id}",
            "file_id": file_id,
        }

    def _complete_upload(self, params: Params) -> Answer:
        wanted = params.get("files")
        if not isinstance(wanted, list) or not wanted:
            raise SlackError("invalid_arguments")
        files = [self._uploaded(item) for item in wanted]
        channel_id = params.get("channel_id")
        if channel_id is not None:
            channel = self._conversation(channel_id, posting=True)
            self._share(channel, files, params)
        return {"files": files}

    def _uploaded(self, item: object) -> Answer:
        file_id = item.get("id") if isinstance(item, dict) else None
        if not isinstance(file_id, str) or file_id not in self.uploads:
            raise SlackError("file_not_found")
        asked = self._files[file_id]
        if asked["team"] != self._here().team:
            raise SlackError("file_not_found")
        title = item.get("title") if isinstance(item, dict) else None
        return {
            "id": file_id,
            "name": asked["name"],
            "title": title if title is not None else asked["name"],
            "mimetype": mimetypes.guess_type(asked["name"])[0] or "application/octet-stream",
            "size": len(self.uploads[file_id]),
            "user": self._here().bot_user,
            "shares": {},
        }

    def _share(self, channel: str, files: list[Answer], params: Params) -> None:
        comment = params.get("initial_comment")
        message: Answer = {
            "type": "message",
            "ts": self._ts(),
            "user": self._here().bot_user,
            "text": comment if isinstance(comment, str) else "",
            "files": [{k: v for k, v in f.items() if k != "shares"} for f in files],
            "upload": True,
        }
        thread_ts = params.get("thread_ts")
        self._store(channel, message, thread_ts)
        if not self.share_in_response:
            return
        scope = "private" if channel in self._dms or self.channels[channel].private else "public"
        share: Answer = {"ts": message["ts"], "channel_name": channel}
        if thread_ts is not None:
            share["thread_ts"] = thread_ts
        for item in files:
            item["shares"] = {scope: {channel: [share]}}

    # --- OAuth ------------------------------------------------------------------------------

    def _oauth_access(self, params: Params) -> Answer:
        client_id, secret = _client_credentials(params, self._calling_headers)
        if self._oauth_client is None or client_id != self._oauth_client[0]:
            raise SlackError("invalid_client_id")
        if secret != self._oauth_client[1]:
            raise SlackError("bad_client_secret")
        grant = self._codes.pop(str(params.get("code", "")), None)
        if grant is None:
            raise SlackError("invalid_code")  # unknown, or exchanged before
        here = self._install(grant.team, grant.token, bot_user=grant.bot_user, name=grant.team_name)
        installer: Answer = {"id": grant.installer}
        if grant.user_scope:
            user_token = f"xoxp-{grant.team}-{grant.installer}"
            self._user_tokens[user_token] = (grant.team, grant.installer)
            installer.update(scope=grant.user_scope, access_token=user_token, token_type="user")
        return {
            "app_id": APP_ID,
            "authed_user": installer,
            "scope": grant.scope,
            "token_type": "bot",
            "access_token": grant.token,
            "bot_user_id": here.bot_user,
            "team": {"id": here.team, "name": here.name},
            "enterprise": None,
            "is_enterprise_install": False,
        }


# --- requests and answers -------------------------------------------------------------------


def _handler(fake: FakeSlack) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            fake.serve(self)

        def do_GET(self) -> None:
            fake.serve(self)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - base's name
            """Quiet: the calls are recorded instead."""

    return Handler


def _token(params: Params, headers: dict[str, str]) -> str | None:
    """The token a call presents: ``Authorization: Bearer ...``, else the ``token`` field."""
    sent = headers.get("Authorization")
    if sent is not None:
        return sent.removeprefix("Bearer ")
    token = params.get("token")
    return token if isinstance(token, str) else None


def _client_credentials(params: Params, headers: dict[str, str]) -> tuple[str, str]:
    """The app's client id and secret: HTTP Basic auth (as slack_sdk sends them), else the
    form fields ``client_id`` and ``client_secret``."""
    sent = headers.get("Authorization", "")
    if sent.startswith("Basic "):
        try:
            decoded = base64.b64decode(sent.removeprefix("Basic "), validate=True).decode()
        except (binascii.Error, UnicodeDecodeError):
            return "", ""
        client_id, _, secret = decoded.partition(":")
        return client_id, secret
    return str(params.get("client_id", "")), str(params.get("client_secret", ""))


def _parse(body: bytes, content_type: str, query: str) -> tuple[Params, dict[str, bytes]]:
    params: Params = dict(parse_qsl(query))
    files: dict[str, bytes] = {}
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind == "application/json" and body:
        params.update(json.loads(body))
    elif kind == "multipart/form-data":
        fields, files = _multipart(body, content_type)
        params.update(fields)
    elif body:
        params.update(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
    for name in JSON_PARAMS & params.keys():
        if isinstance(params[name], str) and params[name]:
            params[name] = json.loads(params[name])
    return params, files


def _multipart(body: bytes, content_type: str) -> tuple[Params, dict[str, bytes]]:
    head = f"Content-Type: {content_type}\r\n\r\n".encode()
    parsed = BytesParser(policy=HTTP).parsebytes(head + body)
    fields: Params = {}
    files: dict[str, bytes] = {}
    for part in _parts(parsed):
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        if not isinstance(name, str) or not isinstance(payload, bytes):
            continue
        if part.get_filename() is not None:
            files[name] = payload
        else:
            fields[name] = payload.decode("utf-8")
    return fields, files


def _parts(parsed: MimePart) -> Iterator[MimePart]:
    payload = parsed.get_payload()
    if isinstance(payload, list):
        yield from (p for p in payload if isinstance(p, MimePart))


def _flag(value: object) -> bool:
    return value is True or str(value).lower() in {"1", "true"}


def _page(items: list[Answer], params: Params, *, default: int) -> tuple[list[Answer], str]:
    """One page of ``items`` and the cursor of the next ("" when there is none)."""
    cursor = str(params.get("cursor", ""))
    start = int(cursor) if cursor.isdigit() else 0  # Slack's first page has no cursor
    limit = int(str(params.get("limit", default)))
    end = start + limit
    return items[start:end], str(end) if end < len(items) else ""


def _public(message: Answer, *, metadata: bool = True) -> Answer:
    # A copy: what a test reads must not change when the fake later edits the message.
    return copy.deepcopy({k: v for k, v in message.items() if k != "metadata" or metadata})


def _json_reply(status: int, answer: Answer, headers: dict[str, str] | None = None) -> _Reply:
    sent = {"Content-Type": "application/json; charset=utf-8"}
    if headers is not None:
        sent.update(headers)
    return _Reply(status, json.dumps(answer).encode(), sent)


def _fault_reply(fault: _Fault) -> _Reply:
    headers = {} if fault.retry_after is None else {"Retry-After": fault.retry_after}
    return _json_reply(fault.status, {"ok": False, "error": fault.error}, headers)
