"""A fake Slack Socket Mode server on a loopback port, for tests of the Slack adapter in Socket
Mode.

Slack's side of a Socket Mode connection: the app asks the Web API for a WebSocket URL
(``apps.connections.open``, answered by ``tests.fake_slack.FakeSlack`` with a URL issued
here), connects, is greeted with ``{"type": "hello", ...}``, and then receives envelopes
(``events_api``, ``interactive``, ``slash_commands``), each of which it acknowledges by sending
back ``{"envelope_id": ..., "payload": ...}``. The fake does the same with an aiohttp server
on its own event loop in a daemon thread, and records every acknowledgement; tests wait for
them on a condition with a timeout, never by sleeping::

    with FakeSocketMode() as socket, FakeSlack() as slack:
        slack.socket_mode(APP_TOKEN, socket.issue)
        ...  # start the app; it connects
        connection = socket.wait_connected()
        envelope_id = socket.push(events_api(payload("message_im")))
        ack = socket.wait_ack(envelope_id)

Tickets are single use, as Slack's are: a URL connects once.
"""

from __future__ import annotations

import asyncio
import json
import threading
import uuid
from collections.abc import Coroutine, Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Final, Self, TypeVar

from aiohttp import WSCloseCode, WSMsgType, web

APP_ID: Final = "A0VOORTGANG"  # as in tests/slack_payloads
LINK_PATH: Final = "/link/"
WAIT: Final = 10.0  # seconds a test waits for the client before it fails
HOST: Final = "127.0.0.1"

Envelope = dict[str, Any]
T = TypeVar("T")


def events_api(
    body: Mapping[str, Any],
    envelope_id: str | None = None,
    *,
    retry_attempt: int = 0,
    retry_reason: str = "",
) -> Envelope:
    """An Events API callback (``"type": "event_callback"``) as Slack wraps it for a socket."""
    return {
        "envelope_id": envelope_id or _envelope_id(),
        "payload": dict(body),
        "type": "events_api",
        "accepts_response_payload": False,
        "retry_attempt": retry_attempt,
        "retry_reason": retry_reason,
    }


def interactive(body: Mapping[str, Any], envelope_id: str | None = None) -> Envelope:
    """A button press, a modal's submission and the like (the ``payload`` form field in HTTP
    mode), as Slack wraps it. A submitted modal may be answered in the acknowledgement (its
    errors, say); a button press may not."""
    return {
        "envelope_id": envelope_id or _envelope_id(),
        "payload": dict(body),
        "type": "interactive",
        "accepts_response_payload": body.get("type") == "view_submission",
    }


def slash_commands(body: Mapping[str, str], envelope_id: str | None = None) -> Envelope:
    """A slash command: its form fields as a JSON object, every value a string."""
    return {
        "envelope_id": envelope_id or _envelope_id(),
        "payload": dict(body),
        "type": "slash_commands",
        "accepts_response_payload": True,
    }


def _envelope_id() -> str:
    return str(uuid.uuid4())


@dataclass(frozen=True, slots=True)
class Ack:
    """An acknowledgement the client sent: the envelope's id, and its answer if it gave one."""

    envelope_id: str
    payload: dict[str, Any] | None
    raw: str


@dataclass(slots=True)
class Connection:
    """One WebSocket connection from the client, as the server saw it."""

    ticket: str
    opened: threading.Event = field(default_factory=threading.Event)
    closed: threading.Event = field(default_factory=threading.Event)
    close_code: int | None = None  # the code of the client's close frame; None if it sent none
    closed_by_client: bool = False  # the client closed it (not the server, not a dropped line)
    _socket: web.WebSocketResponse | None = None

    def wait_closed(self, timeout: float = WAIT) -> None:
        if not self.closed.wait(timeout):
            raise AssertionError(f"the client did not close its connection in {timeout} s")


class FakeSocketMode:
    """The fake server; start it with ``with FakeSocketMode() as socket`` or ``start``/``stop``."""

    def __init__(self, app_id: str = APP_ID) -> None:
        self.app_id = app_id
        self.connections: list[Connection] = []  # every accepted connection, oldest first
        self.refused: list[str] = []  # tickets of connection attempts turned away
        self._tickets: set[str] = set()  # issued and not yet used
        self._acks: list[Ack] = []
        self._other: list[str] = []  # anything else the client sent, raw
        self._changed = threading.Condition()  # notified on every ack and every connection
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._port: int | None = None

    # --- running ----------------------------------------------------------------------------

    def start(self) -> Self:
        loop = asyncio.new_event_loop()
        self._loop = loop
        self._thread = threading.Thread(target=loop.run_forever, name="fake-socket", daemon=True)
        self._thread.start()
        self._port = self._call(self._serve())
        return self

    async def _serve(self) -> int:
        app = web.Application()
        app.router.add_get(LINK_PATH, self._link)
        runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, HOST, 0)  # an ephemeral port, on loopback only
        await site.start()
        self._runner = runner
        port = runner.addresses[0][1]
        return int(port)

    def stop(self) -> None:
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        self._call(self._shutdown())
        loop.call_soon_threadsafe(loop.stop)
        thread.join(WAIT)
        loop.close()
        self._loop = self._thread = None
        self._runner = None
        self._port = None

    async def _shutdown(self) -> None:
        # aiohttp leaves open WebSockets to their handlers; Slack going away closes them.
        for connection in self.connections:
            if connection._socket is not None and not connection._socket.closed:
                await connection._socket.close(code=WSCloseCode.GOING_AWAY)
        if self._runner is not None:
            await self._runner.cleanup()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()

    def _call(self, work: Coroutine[Any, Any, T], timeout: float = WAIT) -> T:
        """Run ``work`` on the server's event loop, from a test's thread."""
        if self._loop is None:
            raise RuntimeError("the fake Socket Mode server is not running")
        return asyncio.run_coroutine_threadsafe(work, self._loop).result(timeout)

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("the fake Socket Mode server is not running")
        return self._port

    # --- Slack's side -----------------------------------------------------------------------

    def issue(self) -> str:
        """A new WebSocket URL, as apps.connections.open hands it out (one connection each)."""
        ticket = uuid.uuid4().hex
        with self._changed:
            self._tickets.add(ticket)
        return f"ws://{HOST}:{self.port}{LINK_PATH}?ticket={ticket}&app_id={self.app_id}"

    def push(self, envelope: Envelope, connection: Connection | None = None) -> str:
        """Send ``envelope`` down the newest open connection (or ``connection``); its id."""
        target = connection or self.current()
        self._call(self._send(target, envelope))
        return str(envelope["envelope_id"])

    def disconnect(self, reason: str = "refresh_requested") -> None:
        """Tell the client to move to a new connection, as Slack does every few hours."""
        message = {"type": "disconnect", "reason": reason, "debug_info": {"host": "fake-wss"}}
        self._call(self._send(self.current(), message))

    async def _send(self, connection: Connection, message: Mapping[str, Any]) -> None:
        if connection._socket is None or connection._socket.closed:
            raise AssertionError("the connection is closed")
        await connection._socket.send_str(json.dumps(message))

    def current(self) -> Connection:
        with self._changed:
            open_ = [c for c in self.connections if c.opened.is_set() and not c.closed.is_set()]
        if not open_:
            raise AssertionError("no open Socket Mode connection")
        return open_[-1]

    async def _link(self, request: web.Request) -> web.StreamResponse:
        ticket = request.query.get("ticket", "")
        with self._changed:
            known = ticket in self._tickets
            self._tickets.discard(ticket)
            if not known:
                self.refused.append(ticket)
        if not known:
            return web.Response(status=401, text="invalid ticket")
        socket = web.WebSocketResponse()  # answers the client's pings itself
        await socket.prepare(request)
        connection = Connection(ticket, _socket=socket)
        with self._changed:
            self.connections.append(connection)
        await socket.send_str(json.dumps(self._hello()))
        connection.opened.set()
        self._notify()
        try:
            while True:
                message = await socket.receive()
                if message.type == WSMsgType.TEXT:
                    self._received(str(message.data))
                elif message.type == WSMsgType.CLOSE:
                    # The client's close frame (aiohttp answers it): a clean goodbye.
                    connection.close_code = int(message.data)
                    connection.closed_by_client = True
                    break
                elif message.type in (WSMsgType.CLOSING, WSMsgType.CLOSED, WSMsgType.ERROR):
                    break  # the server closed it, or the line dropped
        finally:
            connection.closed.set()
            self._notify()
        return socket

    def _hello(self) -> dict[str, Any]:
        with self._changed:
            count = sum(1 for c in self.connections if not c.closed.is_set())
        return {
            "type": "hello",
            "num_connections": count,
            "debug_info": {
                "host": "applink-fake",
                "build_number": 1,
                "approximate_connection_time": 18060,
            },
            "connection_info": {"app_id": self.app_id},
        }

    def _received(self, raw: str) -> None:
        message = json.loads(raw)
        with self._changed:
            if isinstance(message, dict) and "envelope_id" in message:
                payload = message.get("payload")
                self._acks.append(Ack(str(message["envelope_id"]), payload, raw))
            else:
                self._other.append(raw)
            self._changed.notify_all()

    def _notify(self) -> None:
        with self._changed:
            self._changed.notify_all()

    # --- what the client did ----------------------------------------------------------------

    def acks(self, envelope_id: str | None = None) -> list[Ack]:
        """The acknowledgements so far, oldest first; only those of ``envelope_id`` if given."""
        with self._changed:
            return [a for a in self._acks if envelope_id is None or a.envelope_id == envelope_id]

    def wait_acks(self, envelope_id: str, count: int = 1, timeout: float = WAIT) -> list[Ack]:
        """Wait until ``envelope_id`` has been acknowledged ``count`` times; those acks."""
        with self._changed:
            if not self._changed.wait_for(
                lambda: len(self._of(envelope_id)) >= count, timeout=timeout
            ):
                raise AssertionError(
                    f"envelope {envelope_id} acknowledged {len(self._of(envelope_id))} times "
                    f"in {timeout} s, not {count}"
                )
            return self._of(envelope_id)

    def wait_ack(self, envelope_id: str, timeout: float = WAIT) -> Ack:
        return self.wait_acks(envelope_id, 1, timeout)[0]

    def _of(self, envelope_id: str) -> list[Ack]:
        return [a for a in self._acks if a.envelope_id == envelope_id]

    def wait_connected(self, count: int = 1, timeout: float = WAIT) -> Connection:
        """Wait until ``count`` connections have been opened in all; the newest."""
        with self._changed:
            if not self._changed.wait_for(
                lambda: sum(c.opened.is_set() for c in self.connections) >= count,
                timeout=timeout,
            ):
                raise AssertionError(f"{count} Socket Mode connection(s) not opened in {timeout} s")
            return self.connections[-1]

    def other(self) -> list[str]:
        """What the client sent that was no acknowledgement, raw."""
        with self._changed:
            return list(self._other)
