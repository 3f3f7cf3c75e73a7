"""A fake Bot Framework connector as Teams uses it, on a loopback port: for Teams adapter tests.

``FakeConnector`` answers the REST calls (v3) a bot makes to its ``serviceUrl`` closely enough for
a real HTTP client pointed at ``fake.service_url``: it creates 1:1 conversations with the users a
test gives it, keeps every activity posted, replied or updated, and answers with the connector's
errors where Teams would (a user who has not installed the app, a conversation it does not know).
Every call is recorded, faulted or not::

    with FakeConnector() as teams:
        teams.add_user("aad-rob", name="Rob Jansen")
        chat = teams.open_chat("aad-rob")           # the 1:1 the adapter stored for Rob
        channel = teams.add_channel("boce-omgevingswet")
        ...
        assert teams.activities(chat)[0]["type"] == "message"
        assert len(teams.calls(SEND)) == 1

Calls to the connector need ``Authorization: Bearer <token>`` with ``fake.token`` or a token the
fake's own token endpoint (``fake.token_url``, the client credentials flow) handed out.

The fake is also the Bot Framework's side of incoming requests: it publishes the public half
of a key of its own (``fake.openid_url``, the keys under ``/v1/.well-known/keys``) and signs
the tokens Teams would put on the activities it sends to the bot (``fake.sign(activity)``).
Teams and their channels: ``fake.add_team(name, channels)`` answers ``/v3/teams/<id>/...``.

Files. When a person allows a file on a consent card, Teams hands the bot an upload session in
their OneDrive; ``fake.offer_upload(name)`` is the ``uploadInfo`` Teams would send, with an
upload URL on the fake (``/upload/<id>``, without the connector's authentication, as OneDrive's
URL carries its own). The bytes PUT there are kept in ``fake.uploads[<id>]``; a PUT with a
token, a wrong ``Content-Range`` or an unknown session is refused, as OneDrive does.

Faults are scripted per operation, or for every connector call at once (a "storm")::

    teams.fail_next(SEND, status=429, retry_after=3)     # rate limited, once
    teams.fail_next(SEND, status=500, handled=True)      # posted all the same; the answer is lost
    teams.fail_next(SEND, drop=True, handled=True)       # posted; connection closed unanswered
    teams.storm(calls=10, retry_after=5)                 # the next 10 connector calls: 429
"""

from __future__ import annotations

import copy
import json
import threading
import time
import uuid
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any, Final, Literal
from urllib.parse import parse_qsl, unquote, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from tests.loopback import LoopbackServer

APP_ID: Final = "00000000-0000-4000-8000-00000000b07a"  # the bot's Microsoft app id
APP_PASSWORD: Final = "fake-app-password"  # the fake's own, no secret
TENANT: Final = "00000000-0000-4000-8000-0000000000aa"
TOKEN: Final = "fake-bot-framework-token"  # always accepted by the fake
TOKEN_LIFETIME: Final = 3600
BOT_FRAMEWORK_ISSUER: Final = "https://api.botframework.com"
KEY_ID: Final = "fake-bot-framework-key"
# One key for every fake: making an RSA key takes a noticeable moment.
_KEY: Final = rsa.generate_private_key(public_exponent=65537, key_size=2048)
FIRST_ACTIVITY: Final = 1_700_000_000_000  # activity ids increase from here, like Teams' own

# The operations, named as the Bot Framework connector names them; faults are scripted by these.
CREATE: Final = "create_conversation"
SEND: Final = "send_to_conversation"
REPLY: Final = "reply_to_activity"
UPDATE: Final = "update_activity"
MEMBERS: Final = "get_conversation_members"
MEMBER: Final = "get_conversation_member"
CHANNELS: Final = "get_team_channels"
UPLOAD: Final = "upload_file"  # a PUT into a OneDrive upload session: not the connector's
KEYS: Final = "keys"
TOKEN_CALL: Final = "token"
UNKNOWN: Final = "unknown"

ERROR_CODES: Final = {
    400: "BadArgument",
    403: "Forbidden",
    404: "NotFound",
    412: "PreconditionFailed",
    429: "TooManyRequests",
    500: "InternalServerError",
    502: "BadGateway",
    503: "ServiceUnavailable",
    504: "GatewayTimeout",
}

Body = dict[str, Any]
Kind = Literal["personal", "channel"]


class ConnectorError(Exception):
    """An error answer of the connector: ``{"error": {"code": ..., "message": ...}}``."""

    def __init__(self, status: int, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code if code is not None else ERROR_CODES.get(status, "ServiceError")


@dataclass(frozen=True, slots=True)
class Call:
    """One request to the fake, and the status it was answered with (0: no answer at all)."""

    operation: str  # SEND, REPLY ...; TOKEN_CALL for the token endpoint
    method: str  # "POST", "PUT", "GET"
    path: str  # decoded: "/v3/conversations/a:1000001/activities"
    body: Any  # the JSON body; the form fields for the token endpoint; None when empty
    headers: dict[str, str]  # names in Title-Case: "Authorization", "Content-Type"
    status: int


@dataclass(slots=True)
class FakeUser:
    aad_id: str
    name: str
    installed: bool = True  # whether the user has the app (a 1:1 with the bot is possible)
    email: str | None = None

    @property
    def id(self) -> str:
        return f"29:{self.aad_id}"

    def account(self) -> Body:
        found: Body = {"id": self.id, "aadObjectId": self.aad_id, "name": self.name}
        if self.email is not None:
            found |= {"email": self.email, "userPrincipalName": self.email}
        return found


@dataclass(slots=True)
class FakeConversation:
    id: str
    kind: Kind
    members: list[str]  # AAD ids
    bot_member: bool = True  # a channel: whether the app is installed in its team
    activities: list[Body] = field(default_factory=list)
    name: str | None = None  # a channel's; None for a team's General channel
    team: str | None = None  # a channel's team: the id of its General channel


@dataclass(slots=True)
class UploadSession:
    """A OneDrive upload session the fake opened when a person allowed a file."""

    id: str
    name: str
    unique_id: str
    content: bytes | None = None  # what was PUT last; None until then


@dataclass(slots=True)
class _Fault:
    status: int
    retry_after: str | None
    code: str | None
    times: int
    handled: bool  # the call takes effect; only its answer is the fault
    drop: bool  # no answer at all: the connection is closed


@dataclass(slots=True)
class _Storm:
    calls: int | None
    until: float | None
    retry_after: str | None

    def blows(self, now: float) -> bool:
        in_time = self.until is None or now < self.until
        in_count = self.calls is None or self.calls > 0
        return in_time and in_count


@dataclass(slots=True)
class _Reply:
    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)
    drop: bool = False


@dataclass(frozen=True, slots=True)
class _Request:
    method: str
    raw_path: str  # as sent, each segment still percent-encoded
    body: Any
    headers: dict[str, str]
    raw: bytes = b""  # the body as sent

    @property
    def path(self) -> str:
        return unquote(self.raw_path)


class FakeConnector(LoopbackServer):
    """The fake connector: ``with FakeConnector() as teams``, or ``start()`` and ``stop()``."""

    what = "the fake connector"

    def __init__(
        self,
        *,
        app_id: str = APP_ID,
        app_password: str = APP_PASSWORD,
        tenant_id: str = TENANT,
        token: str = TOKEN,
        token_lifetime: int = TOKEN_LIFETIME,
    ) -> None:
        super().__init__()
        self.app_id = app_id
        self.app_password = app_password
        self.tenant_id = tenant_id
        self.token = token
        self.token_lifetime = token_lifetime
        self.users: dict[str, FakeUser] = {}  # by AAD id
        self.conversations: dict[str, FakeConversation] = {}
        self.sessions: dict[str, UploadSession] = {}  # OneDrive upload sessions, by id
        self._tokens: set[str] = {token}
        self._calls: list[Call] = []
        self._faults: defaultdict[str, deque[_Fault]] = defaultdict(deque)
        self._storm: _Storm | None = None
        self._counter = 0
        self._lock = threading.Lock()
        self.key_id = KEY_ID
        self.issuer = BOT_FRAMEWORK_ISSUER

    # --- running ----------------------------------------------------------------------------

    def handler(self) -> type[BaseHTTPRequestHandler]:
        return _handler(self)

    @property
    def service_url(self) -> str:
        """The ``serviceUrl`` Teams would put in its activities, with its trailing slash."""
        return f"http://127.0.0.1:{self.port}/"

    @property
    def token_url(self) -> str:
        """The fake's token endpoint (Microsoft Entra ID's, for the client credentials flow)."""
        return f"http://127.0.0.1:{self.port}/token"

    @property
    def bot_id(self) -> str:
        return f"28:{self.app_id}"

    @property
    def openid_url(self) -> str:
        """Where the keys of the tokens on incoming activities are published (the Bot
        Framework's OpenID document; the keys are at the same place, "/keys")."""
        return f"http://127.0.0.1:{self.port}/v1/.well-known/openidconfiguration"

    @property
    def login_url(self) -> str:
        """Entra ID's login endpoint: ``<login_url>/<tenant>/oauth2/v2.0/token`` is the fake's
        token endpoint, whatever the tenant."""
        return f"http://127.0.0.1:{self.port}/login"

    # --- tokens on incoming activities ------------------------------------------------------

    def mint(
        self,
        service_url: str,
        *,
        lifetime: int = 3600,
        key: rsa.RSAPrivateKey | None = None,
        leave_out: tuple[str, ...] = (),
        **claims: Any,
    ) -> str:
        """A token as the Bot Framework signs it for an activity from ``service_url``.

        ``key``: sign with another key (a forgery); ``leave_out``: claims to drop; ``claims``:
        claims to change (``aud``, ``iss``, ``exp``...).
        """
        now = int(time.time())
        body: Body = {
            "iss": self.issuer,
            "aud": self.app_id,
            "serviceurl": service_url,
            "nbf": now - 5,
            "iat": now - 5,
            "exp": now + lifetime,
            "jti": uuid.uuid4().hex,
        }
        body |= claims
        for name in leave_out:
            body.pop(name, None)
        signer = _KEY if key is None else key
        return jwt.encode(body, signer, algorithm="RS256", headers={"kid": self.key_id})

    def sign(self, activity: Body, **options: Any) -> dict[str, str]:
        """The headers Teams sends with ``activity``: its content type and a signed token."""
        token = self.mint(str(activity.get("serviceUrl", self.service_url)), **options)
        return {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

    # --- the tenant -------------------------------------------------------------------------

    def add_user(
        self, aad_id: str, name: str = "", *, installed: bool = True, email: str | None = None
    ) -> FakeUser:
        user = FakeUser(aad_id, name if name else aad_id, installed, email)
        with self._lock:
            self.users[aad_id] = user
        return user

    def install(self, aad_id: str, *, installed: bool = True) -> None:
        """Install the app for a user, or (``installed=False``) have them remove or block it."""
        with self._lock:
            self.users[aad_id].installed = installed

    def open_chat(self, aad_id: str) -> str:
        """The user's 1:1 conversation with the bot, as the adapter would have stored it."""
        with self._lock:
            return self._personal(self.users[aad_id]).id

    def add_channel(
        self, name: str, *, members: tuple[str, ...] = (), bot_member: bool = True
    ) -> str:
        """A team channel; its conversation id is returned (``19:<name>@thread.tacv2``)."""
        conversation = FakeConversation(f"19:{name}@thread.tacv2", "channel", list(members))
        conversation.bot_member = bot_member
        with self._lock:
            self.conversations[conversation.id] = conversation
        return conversation.id

    def add_team(self, name: str, channels: tuple[str, ...] = ()) -> str:
        """A team with the app in it: its General channel (whose id is the team's) and the
        named channels; the team's id is returned."""
        team = f"19:{name}-general@thread.tacv2"
        general = FakeConversation(team, "channel", [], team=team)
        with self._lock:
            self.conversations[team] = general
            for channel in channels:
                slug = channel.lower().replace(" ", "-")
                found = FakeConversation(
                    f"19:{slug}@thread.tacv2", "channel", [], name=channel, team=team
                )
                self.conversations[found.id] = found
        return team

    def channel_id(self, name: str) -> str:
        """The conversation id of a team channel, by its name."""
        with self._lock:
            return next(c.id for c in self.conversations.values() if c.name == name)

    def remove_channel(self, conversation_id: str) -> None:
        with self._lock:
            del self.conversations[conversation_id]

    def activities(self, conversation_id: str) -> list[Body]:
        """Every activity in a conversation (replies too), oldest first, as last updated."""
        with self._lock:
            found = self.conversations.get(conversation_id)
            return [] if found is None else copy.deepcopy(found.activities)

    # --- files ------------------------------------------------------------------------------

    def offer_upload(self, name: str) -> Body:
        """The ``uploadInfo`` of a ``fileConsent/invoke`` when a person allows ``name``: an
        upload session in their OneDrive, and where the file will be once it is in."""
        with self._lock:
            session = UploadSession(
                f"s{self._next():04d}", name, str(uuid.UUID(int=self._next())).upper()
            )
            self.sessions[session.id] = session
        kind = name.rpartition(".")[2] if "." in name else ""
        return {
            "contentUrl": f"{self.files_url}{session.id}/{name}",
            "name": name,
            "uploadUrl": f"{self.upload_url}{session.id}",
            "uniqueId": session.unique_id,
            "fileType": kind,
        }

    @property
    def upload_url(self) -> str:
        """Where the fake's upload sessions are: ``<upload_url><id>``."""
        return f"http://127.0.0.1:{self.port}/upload/"

    @property
    def files_url(self) -> str:
        """Where the fake says uploaded files are (nothing answers there)."""
        return f"http://127.0.0.1:{self.port}/personal/files/"

    @property
    def uploads(self) -> dict[str, bytes]:
        """What was uploaded, by upload session id."""
        with self._lock:
            return {k: v.content for k, v in self.sessions.items() if v.content is not None}

    # --- calls and faults -------------------------------------------------------------------

    def calls(self, operation: str | None = None) -> list[Call]:
        """The calls so far, oldest first; only those of ``operation`` when given."""
        with self._lock:
            return [c for c in self._calls if operation is None or c.operation == operation]

    def clear(self) -> None:
        """Forget the calls (not the tenant, the activities or the scripted faults)."""
        with self._lock:
            self._calls.clear()

    def fail_next(
        self,
        operation: str,
        *,
        status: int = 429,
        retry_after: float | str | None = 3,
        code: str | None = None,
        times: int = 1,
        handled: bool = False,
        drop: bool = False,
    ) -> None:
        """Answer the next ``times`` calls of ``operation`` with a fault.

        ``status`` 429 carries ``Retry-After: retry_after`` (none when None); other statuses
        answer ``{"error": {"code": code, ...}}``. ``handled``: the connector did what was asked
        all the same and only the answer is the fault (an activity posted, then a 502).
        ``drop``: no answer at all, the connection is closed (with ``handled``, after posting).
        """
        fault = _Fault(
            status=status,
            retry_after=None if retry_after is None or status != 429 else str(retry_after),
            code=code,
            times=times,
            handled=handled,
            drop=drop,
        )
        with self._lock:
            self._faults[operation].append(fault)

    def storm(
        self,
        calls: int | None = None,
        *,
        seconds: float | None = None,
        retry_after: float | str | None = 1,
    ) -> None:
        """Rate-limit every connector call: the next ``calls``, or for ``seconds``, or until calm.

        The token endpoint is Entra ID's and uploads are OneDrive's, not the connector's: a
        storm leaves them alone.
        """
        until = None if seconds is None else time.monotonic() + seconds
        header = None if retry_after is None else str(retry_after)
        with self._lock:
            self._storm = _Storm(calls, until, header)

    def calm(self) -> None:
        with self._lock:
            self._storm = None

    # --- serving ----------------------------------------------------------------------------

    def serve(self, handler: BaseHTTPRequestHandler) -> None:
        """Answer one HTTP request (called from the server's threads)."""
        request = _read(handler)
        operation, route = self._route(request)
        with self._lock:
            reply = self._reply(operation, route, request)
            status = 0 if reply.drop else reply.status
            self._calls.append(
                Call(operation, request.method, request.path, request.body, request.headers, status)
            )
        _write(handler, reply)

    def _route(self, request: _Request) -> tuple[str, Callable[[_Request], _Reply]]:
        parts = [unquote(p) for p in request.raw_path.strip("/").split("/")]
        found: tuple[str, Callable[[_Request], _Reply]]
        match (request.method, parts):
            case ("POST", ["token"]):
                found = TOKEN_CALL, self._token
            case ("POST", ["v3", "conversations"]):
                found = CREATE, self._connector(self._create)
            case ("POST", ["v3", "conversations", conversation, "activities"]):
                found = SEND, self._connector(lambda r: self._send(r, conversation, None))
            case ("POST", ["v3", "conversations", conversation, "activities", activity]):
                found = REPLY, self._connector(lambda r: self._send(r, conversation, activity))
            case ("PUT", ["v3", "conversations", conversation, "activities", activity]):
                found = UPDATE, self._connector(lambda r: self._update(r, conversation, activity))
            case ("GET", ["v3", "conversations", conversation, "members"]):
                found = MEMBERS, self._connector(lambda r: self._members(conversation))
            case ("GET", ["v3", "conversations", conversation, "members", member]):
                found = MEMBER, self._connector(lambda r: self._member_of(conversation, member))
            case ("GET", ["v3", "teams", team, "conversations"]):
                found = CHANNELS, self._connector(lambda r: self._channels(team))
            case ("GET", ["v1", ".well-known", "keys"]):
                found = KEYS, lambda r: _Reply(200, self._keys())
            case ("POST", ["login", _tenant_id, "oauth2", "v2.0", "token"]):
                found = TOKEN_CALL, self._token
            case ("PUT", ["upload", session]):
                found = UPLOAD, lambda r: self._upload(r, session)
            case _:
                found = UNKNOWN, lambda r: _error_reply(ConnectorError(404, "no such operation"))
        return found

    def _reply(
        self, operation: str, route: Callable[[_Request], _Reply], request: _Request
    ) -> _Reply:
        fault = self._fault(operation)
        if fault is None:
            return route(request)
        if fault.handled:
            route(request)
        if fault.drop:
            return _Reply(0, None, drop=True)
        headers = {} if fault.retry_after is None else {"Retry-After": fault.retry_after}
        error = ConnectorError(fault.status, "a fault the test asked for", fault.code)
        return _error_reply(error, headers)

    def _fault(self, operation: str) -> _Fault | None:
        # A storm refuses every connector call; otherwise the operation's own faults, in order.
        storm = self._storm
        connector = operation not in {TOKEN_CALL, UPLOAD}
        if connector and storm is not None and storm.blows(time.monotonic()):
            if storm.calls is not None:
                storm.calls -= 1
            return _Fault(429, storm.retry_after, None, 1, handled=False, drop=False)
        queue = self._faults.get(operation)
        if not queue:
            return None
        fault = queue[0]
        fault.times -= 1
        if fault.times <= 0:
            queue.popleft()
        return fault

    def _connector(self, answer: Callable[[_Request], _Reply]) -> Callable[[_Request], _Reply]:
        """``answer`` behind the connector's authentication and error handling."""

        def route(request: _Request) -> _Reply:
            sent = request.headers.get("Authorization", "")
            if not sent.startswith("Bearer ") or sent.removeprefix("Bearer ") not in self._tokens:
                # The connector's own words, and not its usual error shape.
                return _Reply(401, {"message": "Authorization has been denied for this request."})
            try:
                return answer(request)
            except ConnectorError as err:
                return _error_reply(err)

        return route

    # --- the token endpoint -----------------------------------------------------------------

    def _token(self, request: _Request) -> _Reply:
        form = request.body if isinstance(request.body, dict) else {}
        if form.get("grant_type") != "client_credentials":
            return _Reply(400, {"error": "unsupported_grant_type"})
        if form.get("client_id") != self.app_id or form.get("client_secret") != self.app_password:
            description = "AADSTS7000215: Invalid client secret provided."
            return _Reply(401, {"error": "invalid_client", "error_description": description})
        issued = f"{self.token}-{self._next()}"
        self._tokens.add(issued)
        answer = {
            "token_type": "Bearer",
            "expires_in": self.token_lifetime,
            "ext_expires_in": self.token_lifetime,
            "access_token": issued,
        }
        return _Reply(200, answer)

    # --- conversations ----------------------------------------------------------------------

    def _create(self, request: _Request) -> _Reply:
        body = _object(request.body)
        bot = body.get("bot")
        if not isinstance(bot, dict) or bot.get("id") != self.bot_id:
            raise ConnectorError(400, "the bot id is not this app's")
        if body.get("isGroup"):
            raise ConnectorError(400, "only 1:1 conversations can be created")
        if _tenant(body) != self.tenant_id:
            raise ConnectorError(400, "the tenant is not the app's")
        user = self._member(body.get("members"))
        if not user.installed:
            raise ConnectorError(403, "The bot is not installed for this user.")
        return _Reply(201, {"id": self._personal(user).id})

    def _member(self, members: object) -> FakeUser:
        if not isinstance(members, list) or len(members) != 1 or not isinstance(members[0], dict):
            raise ConnectorError(400, "exactly one member is needed")
        wanted = members[0].get("id")
        found = next((u for u in self.users.values() if wanted in (u.id, u.aad_id)), None)
        if found is None:
            raise ConnectorError(404, "no such user in the tenant")
        return found

    def _personal(self, user: FakeUser) -> FakeConversation:
        # Teams keeps one 1:1 per user and bot: creating it again answers the same id.
        for conversation in self.conversations.values():
            if conversation.kind == "personal" and conversation.members == [user.aad_id]:
                return conversation
        conversation = FakeConversation(f"a:1{self._next():06d}", "personal", [user.aad_id])
        self.conversations[conversation.id] = conversation
        return conversation

    def _usable(self, conversation_id: str) -> FakeConversation:
        """The conversation, if the bot may post in it."""
        conversation = self.conversations.get(conversation_id)
        if conversation is None:
            raise ConnectorError(404, "Conversation not found.", "ConversationNotFound")
        if conversation.kind == "channel" and not conversation.bot_member:
            raise ConnectorError(403, "The bot is not part of the conversation roster.")
        if conversation.kind == "personal" and not self.users[conversation.members[0]].installed:
            raise ConnectorError(403, "The bot is not part of the conversation roster.")
        return conversation

    # --- activities -------------------------------------------------------------------------

    def _send(self, request: _Request, conversation_id: str, parent: str | None) -> _Reply:
        conversation = self._usable(conversation_id)
        activity = _activity(request.body)
        if parent is not None:
            self._activity(conversation, parent)
            activity["replyToId"] = parent
        activity_id = str(FIRST_ACTIVITY + self._next())
        activity |= {
            "id": activity_id,
            "conversation": {"id": conversation.id},
            "from": {"id": self.bot_id},
        }
        conversation.activities.append(activity)
        return _Reply(201, {"id": activity_id})

    def _update(self, request: _Request, conversation_id: str, activity_id: str) -> _Reply:
        conversation = self._usable(conversation_id)
        kept = self._activity(conversation, activity_id)
        if kept["from"]["id"] != self.bot_id:
            raise ConnectorError(403, "only the bot's own activities can be updated")
        activity = _activity(request.body)
        # The connector keeps the activity's identity and place; everything else is replaced.
        fixed = {k: kept[k] for k in ("id", "conversation", "from", "replyToId") if k in kept}
        kept.clear()
        kept.update(activity | fixed | {"edited": True})
        return _Reply(200, {"id": activity_id})

    def _activity(self, conversation: FakeConversation, activity_id: str) -> Body:
        found = next((a for a in conversation.activities if a["id"] == activity_id), None)
        if found is None:
            raise ConnectorError(404, "Activity not found.", "ActivityNotFound")
        return found

    def _members(self, conversation_id: str) -> _Reply:
        conversation = self._usable(conversation_id)
        members = [self.users[m].account() for m in conversation.members if m in self.users]
        return _Reply(200, members)

    def _member_of(self, conversation_id: str, member: str) -> _Reply:
        conversation = self.conversations.get(conversation_id)
        if conversation is None:
            raise ConnectorError(404, "Conversation not found.", "ConversationNotFound")
        user = next((u for u in self.users.values() if member in (u.id, u.aad_id)), None)
        in_it = conversation.kind == "channel" or (
            user is not None and user.aad_id in conversation.members
        )
        if user is None or not in_it:
            raise ConnectorError(404, "Member not found.", "MemberNotFound")
        return _Reply(200, user.account())

    def _channels(self, team: str) -> _Reply:
        if team not in self.conversations:
            raise ConnectorError(404, "Team not found.", "NotFound")
        found = [
            {"id": c.id, "name": c.name} for c in self.conversations.values() if c.team == team
        ]
        return _Reply(200, {"conversations": found})

    # --- OneDrive -----------------------------------------------------------------------------

    def _upload(self, request: _Request, session_id: str) -> _Reply:
        """A whole file PUT into an upload session, as OneDrive takes it (a 201 and the item)."""
        session = self.sessions.get(session_id)
        if session is None:
            return _error_reply(
                ConnectorError(404, "The upload session was not found.", "itemNotFound")
            )
        if "Authorization" in request.headers:
            # OneDrive: a PUT into an upload session must not carry an Authorization header.
            return _Reply(401, {"error": {"code": "unauthenticated", "message": "no token here"}})
        size = len(request.raw)
        if size == 0 or request.headers.get("Content-Range") != f"bytes 0-{size - 1}/{size}":
            return _error_reply(
                ConnectorError(400, "The Content-Range is not the body.", "invalidRange")
            )
        session.content = request.raw
        item = {"id": session.unique_id, "name": session.name, "size": size, "file": {}}
        return _Reply(201, item)

    def _keys(self) -> Body:
        public = json.loads(RSAAlgorithm.to_jwk(_KEY.public_key()))
        public |= {"kid": self.key_id, "use": "sig", "alg": "RS256", "endorsements": ["msteams"]}
        return {"keys": [public]}

    def _next(self) -> int:
        self._counter += 1
        return self._counter


# --- requests and answers -------------------------------------------------------------------


def _handler(fake: FakeConnector) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            fake.serve(self)

        def do_PUT(self) -> None:
            fake.serve(self)

        def do_GET(self) -> None:
            fake.serve(self)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - base's name
            """Quiet: the calls are recorded instead."""

    return Handler


def _read(handler: BaseHTTPRequestHandler) -> _Request:
    length = int(handler.headers.get("Content-Length", "0"))
    raw = handler.rfile.read(length) if length else b""
    headers = {name.title(): value for name, value in handler.headers.items()}
    kind = headers.get("Content-Type", "").split(";", 1)[0].strip().lower()
    body: Any = None
    if raw and _is_upload(handler.path):
        body = raw  # a file's bytes, whatever they look like
    elif raw and kind == "application/x-www-form-urlencoded":
        body = dict(parse_qsl(raw.decode("utf-8"), keep_blank_values=True))
    elif raw:
        try:
            body = json.loads(raw)
        except ValueError:
            body = raw.decode("utf-8", errors="replace")  # the handler answers 400
    return _Request(handler.command, urlsplit(handler.path).path, body, headers, raw)


def _is_upload(path: str) -> bool:
    return urlsplit(path).path.startswith("/upload/")


def _write(handler: BaseHTTPRequestHandler, reply: _Reply) -> None:
    if reply.drop:
        handler.close_connection = True  # the client sees the connection end unanswered
        return
    payload = json.dumps(reply.body).encode()
    handler.send_response(reply.status)
    handler.send_header("Content-Type", "application/json; charset=utf-8")
    for name, value in reply.headers.items():
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(payload)))
    handler.end_headers()
    handler.wfile.write(payload)


def _object(body: object) -> Body:
    if not isinstance(body, dict):
        raise ConnectorError(400, "the body is not a JSON object")
    return body


def _tenant(body: Body) -> object:
    """The tenant a conversation is asked in: ``channelData.tenant.id``, else ``tenantId``."""
    data = body.get("channelData")
    tenant = data.get("tenant") if isinstance(data, dict) else None
    given = tenant.get("id") if isinstance(tenant, dict) else None
    return given if given is not None else body.get("tenantId")


def _activity(body: object) -> Body:
    activity = copy.deepcopy(_object(body))
    if activity.get("type") != "message":
        raise ConnectorError(400, "only message activities are taken")
    return activity


def _error_reply(error: ConnectorError, headers: dict[str, str] | None = None) -> _Reply:
    body = {"error": {"code": error.code, "message": error.message}}
    return _Reply(error.status, body, {} if headers is None else headers)
