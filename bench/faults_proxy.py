"""A TCP proxy on a loopback port that the fault bench can cut: the database "gone".

Processes connect to PostgreSQL through it. ``cut`` stops listening, so new connections are
refused, and resets every open one, as a database server that went down would; ``restore``
listens again on the same port and forwards as before.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
from typing import Final

ACCEPT_POLL: Final = 0.05  # seconds between looks at whether to stop accepting
CHUNK: Final = 65536


def _reset(sock: socket.socket) -> None:
    # Linger 0: close with a reset, not a polite end of stream.
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


class TcpProxy:
    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = 0
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()
        self._listener: socket.socket | None = None
        self._accepting: threading.Thread | None = None
        self._serving = threading.Event()

    def start(self) -> TcpProxy:
        self._listen()
        return self

    def _listen(self) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(128)
        listener.settimeout(ACCEPT_POLL)
        self.port = int(listener.getsockname()[1])
        self._listener = listener
        self._serving.set()
        self._accepting = threading.Thread(
            target=self._accept, args=(listener,), name="bench-proxy", daemon=True
        )
        self._accepting.start()

    def _accept(self, listener: socket.socket) -> None:
        while self._serving.is_set():
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target)
            except OSError:
                _reset(client)
                continue
            with self._lock:
                self._open.update((client, upstream))
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(CHUNK):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            with self._lock:
                gone = [s for s in (source, sink) if s in self._open]
                self._open.difference_update(gone)
            for sock in gone:
                _reset(sock)

    def cut(self) -> None:
        """Refuse new connections and reset the open ones."""
        self._serving.clear()
        if self._accepting is not None:
            self._accepting.join()
        if self._listener is not None:
            self._listener.close()
            self._listener = None
        with self._lock:
            open_now, self._open = list(self._open), set()
        for sock in open_now:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            _reset(sock)

    def restore(self) -> None:
        """Listen again, on the same port."""
        self._listen()

    def stop(self) -> None:
        self.cut()
