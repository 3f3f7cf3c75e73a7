"""One SMTP connection kept open across deliveries, and SMTP's answers as ``words.errors``.

Opening a connection costs a TCP handshake, often TLS, EHLO and a login: for a round of a
thousand pings that is most of the work, so the connection stays open and carries one mail
after the other. A server may close it meanwhile (idle too long, too many mails on it): when
that shows before the mail was handed over (at MAIL FROM or RCPT TO), the mail is tried once
more on a new connection, as nothing reached the server yet.

How an answer is read (RFC 5321 codes):

- 4xx, or the connection failing before DATA: ``DeliveryError`` (transient; the outbox tries
  again after a backoff).
- 5xx refusing the recipient (at RCPT TO): ``Unreachable``; the sender marks the person
  unreachable by mail with the reason.
- Any other 5xx (the sender or the data refused): a permanent ``DeliveryError``.
- The connection lost after the data was sent: an *ambiguous* ``DeliveryError``, as the
  server may have taken the mail.

Reasons give the SMTP code and the server's text; a password never appears in them (smtplib
does not put it in its errors, and none of ours name it).
"""

from __future__ import annotations

import contextlib
import smtplib
import ssl
from pathlib import Path
from typing import Final

from config.settings import MailSecurity, MailServer
from words.errors import DeliveryError, Unreachable, VoortgangError

# Well below half the sender's lease (two minutes by default), as the sender requires.
DEFAULT_TIMEOUT: Final = 20.0
ACCEPTED: Final = frozenset({250, 251})
CLOSING: Final = 421  # "service not available, closing transmission channel"


def _said(code: int, reply: bytes | str) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply
    return f"SMTP {code} {' '.join(text.split())}".strip()


def _refused(
    code: int, reply: bytes | str, where: str, *, recipient: bool = False
) -> DeliveryError:
    reason = f"{where}: {_said(code, reply)}"
    if 500 <= code < 600:
        return Unreachable(reason) if recipient else DeliveryError(reason, permanent=True)
    return DeliveryError(reason)  # 4xx, or an answer SMTP does not have: try again later


class Disconnected(VoortgangError):  # noqa: N818 - internal signal, never leaves this module
    """The server closed the connection before the mail was handed over."""


class SmtpLink:
    """A lazily opened SMTP connection to ``server``; not thread-safe (the port locks)."""

    def __init__(
        self,
        server: MailServer,
        *,
        ca_file: Path | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        local_hostname: str | None = None,
    ) -> None:
        self.server = server
        self.ca_file = ca_file
        self.timeout = timeout
        self.local_hostname = local_hostname
        self.connection: smtplib.SMTP | None = None
        self.opened = 0  # connections opened so far: for tests and the bench

    # --- the connection ---------------------------------------------------------------------

    def _context(self) -> ssl.SSLContext:
        cafile = None if self.ca_file is None else str(self.ca_file)
        return ssl.create_default_context(cafile=cafile)

    def _open(self) -> smtplib.SMTP:
        server = self.server
        where = f"{server.host}:{server.port}"
        try:
            if server.security is MailSecurity.TLS:
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                    server.host,
                    server.port,
                    local_hostname=self.local_hostname,
                    timeout=self.timeout,
                    context=self._context(),
                )
            else:
                smtp = smtplib.SMTP(
                    server.host,
                    server.port,
                    local_hostname=self.local_hostname,
                    timeout=self.timeout,
                )
            try:
                smtp.ehlo()
                if server.security is MailSecurity.STARTTLS:
                    smtp.starttls(context=self._context())
                    smtp.ehlo()
                if server.user is not None:
                    smtp.login(server.user, server.password if server.password is not None else "")
            except BaseException:
                with contextlib.suppress(OSError, smtplib.SMTPException):
                    smtp.close()
                raise
        except smtplib.SMTPAuthenticationError as err:
            # The deployment's setting, not the mail: kept transient, so mending the password
            # lets the waiting mails go instead of failing every one of them for good.
            raise DeliveryError(
                f"login to {where} refused: {_said(err.smtp_code, err.smtp_error)}"
            ) from None
        except smtplib.SMTPNotSupportedError as err:
            raise DeliveryError(f"{where}: {err}", permanent=True) from None
        except smtplib.SMTPResponseException as err:
            raise _refused(err.smtp_code, err.smtp_error, f"connecting to {where}") from None
        except ssl.SSLCertVerificationError as err:
            raise DeliveryError(f"{where}: certificate not trusted: {err.verify_message}") from None
        except (OSError, smtplib.SMTPException) as err:
            raise DeliveryError(f"cannot reach {where}: {type(err).__name__}: {err}") from None
        self.opened += 1
        return smtp

    def close(self) -> None:
        smtp, self.connection = self.connection, None
        if smtp is None:
            return
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            with contextlib.suppress(OSError):
                smtp.close()

    def _drop(self) -> None:
        """Forget a connection that failed, without a word to the server."""
        smtp, self.connection = self.connection, None
        if smtp is not None:
            with contextlib.suppress(OSError, smtplib.SMTPException):
                smtp.close()

    # --- one mail ---------------------------------------------------------------------------

    def send(self, sender: str, to: str, data: bytes) -> None:
        """Hand one mail to the server; a ``words.errors`` exception when it was not taken."""
        reused = self.connection is not None
        try:
            self._envelope(sender, to)
        except Disconnected as err:
            self._drop()
            if not reused:
                raise DeliveryError(f"connection closed before the mail was sent: {err}") from None
            try:
                self._envelope(sender, to)  # once more, on a new connection
            except Disconnected as again:
                self._drop()
                raise DeliveryError(
                    f"connection closed before the mail was sent: {again}"
                ) from None
        self._data(data)

    def _connection(self) -> smtplib.SMTP:
        if self.connection is None:
            self.connection = self._open()
        return self.connection

    def _envelope(self, sender: str, to: str) -> None:
        """MAIL FROM and RCPT TO; ``Disconnected`` when the server had closed the connection."""
        smtp = self._connection()
        try:
            code, reply = smtp.mail(sender)
            if code == CLOSING:
                raise Disconnected(_said(code, reply))
            if code not in ACCEPTED:
                self._reset()
                raise _refused(code, reply, "sender refused")
            code, reply = smtp.rcpt(to)
            if code == CLOSING:
                raise Disconnected(_said(code, reply))
            if code not in ACCEPTED:
                self._reset()
                raise _refused(code, reply, f"recipient {to} refused", recipient=True)
        except (smtplib.SMTPServerDisconnected, OSError) as err:
            raise Disconnected(f"{type(err).__name__}: {err}") from None

    def _data(self, data: bytes) -> None:
        smtp = self._connection()
        try:
            code, reply = smtp.data(data)
        except smtplib.SMTPDataError as err:  # DATA itself refused: nothing was sent
            self._reset()
            raise _refused(err.smtp_code, err.smtp_error, "data refused") from None
        except (smtplib.SMTPServerDisconnected, OSError) as err:
            # The mail may have been sent whole and taken just before the line went: the
            # sender records it as ambiguous rather than sending it blindly again.
            self._drop()
            raise DeliveryError(
                f"connection lost while sending the mail: {type(err).__name__}: {err}",
                ambiguous=True,
            ) from None
        if code not in ACCEPTED:
            self._reset()
            raise _refused(code, reply, "mail refused")

    def _reset(self) -> None:
        """RSET after a refusal, so the next mail starts clean; a failing one drops it."""
        if self.connection is None:
            return
        try:
            self.connection.rset()
        except (OSError, smtplib.SMTPException):
            self._drop()
