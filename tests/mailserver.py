"""A real SMTP server on a loopback port (aiosmtpd), collecting what it receives.

    with MailServer() as server:              # plain SMTP on 127.0.0.1, a free port
        ...
    server.received                           # every accepted mail, in order (thread-safe)
    server.refuse("a@example.org", "550 5.1.1 no such user")   # RCPT TO answered so
    server.drop()                             # close every open connection from the server side

Options: ``login=("user", "secret")`` requires AUTH (LOGIN/PLAIN, allowed without TLS on
loopback); ``tls=Certificates`` serves STARTTLS (``security="starttls"``) or TLS from the
first byte (``security="tls"``) with a certificate signed by a throwaway CA made in the test
(``make_certificates``), whose file the client trusts as ``ca_file``.

``mail_settings(port)`` are the email settings of a port using the server; ``read(data)``
reads a received mail back with the standard library's ``email`` package, as a mail program
would, so tests check what a reader sees rather than our bytes.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import ssl
import threading
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, Self

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from config.settings import EmailSettings, MailSecurity
from config.settings import MailServer as ServerSettings

HOST = "127.0.0.1"


@dataclass(frozen=True, slots=True)
class Received:
    mail_from: str
    rcpt_tos: tuple[str, ...]
    data: bytes  # the mail as it came, CRLF line ends
    connection: int  # which connection brought it: 1 for the first, 2 for the next ...
    login: str | None  # who had logged in on that connection


@dataclass(frozen=True, slots=True)
class Certificates:
    ca_file: Path  # the throwaway CA's certificate, for the client to trust
    cert_file: Path  # the server's certificate (for 127.0.0.1 and localhost) ...
    key_file: Path  # ... and its key

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert_file, self.key_file)
        return context


def make_certificates(folder: Path) -> Certificates:
    """A CA and a server certificate it signed, for 127.0.0.1, valid for a day."""
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Voortgang test CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, HOST)]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address(HOST)), x509.DNSName("localhost")]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
        .sign(ca_key, hashes.SHA256())
    )
    files = Certificates(folder / "ca.pem", folder / "server.pem", folder / "server.key")
    files.ca_file.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    files.cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    files.key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return files


@dataclass
class _Box:
    """What the server's thread and the test share, under one lock."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    received: list[Received] = field(default_factory=list)
    refusals: dict[str, str] = field(default_factory=dict)  # lower-cased address -> reply
    data_reply: str | None = None  # refuse every mail at the end of DATA with this
    drop_after_data: bool = False  # take the mail, then hang up instead of answering
    connections: list[SMTP] = field(default_factory=list)


class _Handler:
    def __init__(self, box: _Box) -> None:
        self.box = box

    async def handle_RCPT(  # noqa: N802 - aiosmtpd's hook names
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        with self.box.lock:
            refusal = self.box.refusals.get(address.lower())
        if refusal is not None:
            return refusal
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(  # noqa: N802 - aiosmtpd's hook names
        self, server: SMTP, session: Session, envelope: Envelope
    ) -> str:
        content = envelope.original_content
        assert isinstance(content, bytes)
        with self.box.lock:
            if self.box.data_reply is not None:
                return self.box.data_reply
            number = self.box.connections.index(server) + 1
            auth = session.auth_data
            self.box.received.append(
                Received(
                    mail_from=str(envelope.mail_from),
                    rcpt_tos=tuple(envelope.rcpt_tos),
                    data=content,
                    connection=number,
                    login=auth.login.decode() if isinstance(auth, LoginPassword) else None,
                )
            )
            drop = self.box.drop_after_data
        if drop and server.transport is not None:
            server.transport.close()
        return "250 OK queued"


class _Controller(Controller):
    """aiosmtpd's threaded controller on a port the system picks, counting connections."""

    def __init__(self, box: _Box, **kwargs: Any) -> None:
        super().__init__(_Handler(box), hostname=HOST, port=0, **kwargs)
        self.box = box

    def factory(self) -> SMTP:
        smtp = super().factory()  # type: ignore[no-untyped-call]
        assert isinstance(smtp, SMTP)
        with self.box.lock:
            self.box.connections.append(smtp)
        return smtp

    def _trigger_server(self) -> None:
        # Port 0 binds a free port: learn which before the controller connects to check.
        assert isinstance(self.server, asyncio.Server)
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()  # type: ignore[no-untyped-call]
        with self.box.lock:
            self.box.connections.clear()  # that check was no client's connection


class MailServer:
    def __init__(
        self,
        *,
        login: tuple[str, str] | None = None,
        tls: Certificates | None = None,
        security: Literal["starttls", "tls"] = "starttls",
    ) -> None:
        self.login = login
        self.box = _Box()
        kwargs: dict[str, Any] = {"server_hostname": "localhost", "ident": "Voortgang test SMTP"}
        if login is not None:
            kwargs |= {
                "authenticator": self._authenticate,
                "auth_required": True,
                "auth_require_tls": False,  # loopback: nothing leaves this machine
            }
        if tls is not None and security == "tls":
            kwargs["ssl_context"] = tls.server_context()
        elif tls is not None:
            kwargs |= {"tls_context": tls.server_context(), "require_starttls": True}
        self.security: Literal["none", "starttls", "tls"] = "none" if tls is None else security
        self._controller = _Controller(self.box, **kwargs)

    def _authenticate(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        if self.login is None or not isinstance(data, LoginPassword):
            return AuthResult(success=False, handled=False)
        user, password = self.login
        good = data.login == user.encode() and data.password == password.encode()
        return AuthResult(success=good, handled=False, auth_data=data if good else None)

    # --- running ----------------------------------------------------------------------------

    def start(self) -> Self:
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        return int(self._controller.port)

    # --- scripting --------------------------------------------------------------------------

    def refuse(self, address: str, reply: str) -> None:
        """Answer RCPT TO ``address`` with ``reply`` ("450 4.2.1 try later", "550 ...")."""
        with self.box.lock:
            self.box.refusals[address.lower()] = reply

    def allow(self, address: str) -> None:
        with self.box.lock:
            self.box.refusals.pop(address.lower(), None)

    def refuse_data(self, reply: str | None) -> None:
        """Answer the end of every mail's DATA with ``reply``; None accepts again."""
        with self.box.lock:
            self.box.data_reply = reply

    def hang_up_after_data(self, on: bool = True) -> None:
        """Keep each mail, then close the connection instead of saying it was taken."""
        with self.box.lock:
            self.box.drop_after_data = on

    def drop(self) -> None:
        """Close every connection from the server's side, as an idle timeout does."""
        with self.box.lock:
            servers = list(self.box.connections)

        async def close_all() -> None:
            for smtp in servers:
                if smtp.transport is not None:
                    smtp.transport.close()
            # The sockets close on the loop's next turns: return once they have.
            for _ in range(3):
                await asyncio.sleep(0)

        asyncio.run_coroutine_threadsafe(close_all(), self._controller.loop).result(timeout=5)

    # --- reading back -----------------------------------------------------------------------

    @property
    def received(self) -> list[Received]:
        with self.box.lock:
            return list(self.box.received)

    @property
    def connections(self) -> int:
        """How many connections clients opened."""
        with self.box.lock:
            return len(self.box.connections)


# --- the client's side ------------------------------------------------------------------------

SENDER = "Voortgang BOCE <voortgang@example.org>"
REPLY = "voortgang@reply.example.org"


def mail_settings(
    port: int,
    *,
    security: MailSecurity = MailSecurity.NONE,
    user: str | None = None,
    password: str | None = None,
    ca_file: Path | None = None,
) -> EmailSettings:

    return EmailSettings(
        smtp=ServerSettings(HOST, port, security, user, password),
        sender=SENDER,
        reply_address=REPLY,
        ca_file=ca_file,
    )


@dataclass(frozen=True, slots=True)
class Read:
    mail: EmailMessage
    text: str
    html: str

    def __getitem__(self, name: str) -> str:
        value = self.mail[name]
        return "" if value is None else str(value)


def read(data: bytes) -> Read:
    mail = message_from_bytes(data, policy=policy.default)
    assert isinstance(mail, EmailMessage)
    text = mail.get_body(preferencelist=("plain",))
    html = mail.get_body(preferencelist=("html",))
    assert isinstance(text, EmailMessage)
    assert isinstance(html, EmailMessage)
    return Read(mail, text.get_content(), html.get_content())
