"""One delivery as one mail: its headers and MIME structure, ready to hand to SMTP.

A mail to a person is multipart/alternative (plain text and HTML, UTF-8); one with a document
is multipart/mixed around that, with the document attached under its own name and type.

Headers say what a chat platform knows without being told:

- ``Reply-To: local+TOKEN@domain`` and ``Message-ID: <voortgang.TOKEN@domain>``: a reply is
  known to be the person's by the token (storage keeps only its hash), whichever of the two
  their mail program keeps.
- ``Auto-Submitted: auto-generated`` (RFC 3834): automatic responders must not answer, which
  quiets out-of-office storms; ``X-Auto-Response-Suppress: All`` is Exchange's own switch.
- ``X-Voortgang-Key``: the SHA-256 of the outbox key, by which the mail reader recognises our
  own mail coming back (a loop) without the key itself being readable.

Nothing that came from people reaches a header with a line break in it: CR, LF and other
control characters become spaces (header injection).

The mail is written out here rather than through ``email.message.EmailMessage``: that builds
the same structure some twenty times slower, which in a round of thousands of pings was most
of the port's time. The pieces that need care use the standard library all the same:
``email.header.Header`` for a non-ASCII header (RFC 2047), ``formataddr`` for a name,
``binascii.b2a_qp`` for the bodies (quoted-printable: 7-bit safe for any server, readable) and
base64 for an attachment. The tests read every mail back with the ``email`` package.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import secrets
from dataclasses import dataclass
from email.header import Header
from email.utils import format_datetime, formataddr, make_msgid, parseaddr
from typing import Final
from urllib.parse import quote

from bot.email.mail_body import Bodies, file_bodies, render
from config.settings import EmailSettings
from words.catalogue import language
from words.chat.delivery import Delivery, DeliveryKind
from words.chat.messages import File, Message
from words.clock import Clock
from words.errors import DeliveryError, Unreachable

SUBJECT_MAX: Final = 78  # RFC 5322's recommended line length, for the subject's text
KEY_HEADER: Final = "X-Voortgang-Key"
CRLF: Final = "\r\n"
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]+")
# What a token may look like in a header: storage's url-safe base64 alphabet, nothing else.
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,128}")
# An address we send to: ASCII (SMTPUTF8 is not assumed of the relay), no spaces or specials.
_ADDRESS = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")
# A token the MIME headers allow unquoted (RFC 2045); anything else is quoted.
_MIME_TOKEN = re.compile(r"[A-Za-z0-9!#$%&'*+.^_`{|}~-]+")


@dataclass(frozen=True, slots=True)
class Mail:
    """A composed mail: the envelope's addresses, its Message-ID and its bytes (CRLF)."""

    sender: str
    to: str
    message_id: str
    data: bytes


def one_line(value: str) -> str:
    """``value`` fit for a header: control characters (CR, LF) become one space."""
    return _CONTROL.sub(" ", value).strip()


def subject_of(text: str) -> str:
    """The first line of ``text`` with something in it, cut at a word under the limit."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    first = one_line(first)
    if len(first) <= SUBJECT_MAX:
        return first
    cut = first[: SUBJECT_MAX - 1]
    space = cut.rfind(" ")
    if space > SUBJECT_MAX // 2:  # a word boundary not too far back; else cut mid-word
        cut = cut[:space]
    return cut.rstrip(" ,.;:–-") + "…"


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def checked_address(value: str) -> str:
    """The recipient's address, or Unreachable when it is none we can send to."""
    address = value.strip()
    if len(address) > 254 or not _ADDRESS.fullmatch(address):
        raise Unreachable(f"not an email address we can send to: {one_line(address)[:80]!r}")
    return address


def header(name: str, value: str) -> str:
    """One header line (folded when encoded), its value on one line, non-ASCII per RFC 2047."""
    value = one_line(value)
    if value.isascii():
        return f"{name}: {value}{CRLF}"
    encoded = Header(value, "utf-8", header_name=name).encode(linesep=CRLF)
    return f"{name}: {encoded}{CRLF}"


def _mailbox(name: str, address: str) -> str:
    """ "Name" <address>, the name quoted or encoded as it needs."""
    return formataddr((one_line(name), address), charset="utf-8")


def _qp(text: str) -> str:
    """Text as quoted-printable UTF-8 with CRLF line ends (lines at most 76 characters)."""
    plain = text.replace("\r\n", "\n").replace("\r", "\n").encode("utf-8")
    return binascii.b2a_qp(plain, istext=True).decode("ascii").replace("\n", CRLF)


def _text_part(subtype: str, text: str) -> str:
    return (
        f'Content-Type: text/{subtype}; charset="utf-8"{CRLF}'
        f"Content-Transfer-Encoding: quoted-printable{CRLF}{CRLF}{_qp(text)}"
    )


def _multipart(subtype: str, parts: list[str]) -> str:
    # "=_" cannot occur in quoted-printable or base64 content: the boundary never clashes.
    boundary = f"=_voortgang_{secrets.token_hex(12)}"
    inner = "".join(f"{CRLF}--{boundary}{CRLF}{part}" for part in parts)
    return (
        f'Content-Type: multipart/{subtype}; boundary="{boundary}"{CRLF}{CRLF}'
        f"This is a message in MIME format.{CRLF}{inner}{CRLF}--{boundary}--{CRLF}"
    )


def _alternative(bodies: Bodies) -> str:
    return _multipart(
        "alternative", [_text_part("plain", bodies.text), _text_part("html", bodies.html)]
    )


def _parameter(name: str, value: str) -> str:
    """A MIME parameter: plain, quoted, or in RFC 2231's UTF-8 form for a non-ASCII value."""
    if not value.isascii():
        return f"{name}*=utf-8''{quote(value, safe='')}"
    if _MIME_TOKEN.fullmatch(value):
        return f"{name}={value}"
    return f'{name}="{value.replace(chr(92), chr(92) * 2).replace(chr(34), chr(92) + chr(34))}"'


def _attachment(file: File) -> str:
    maintype, slash, subtype = file.mime.strip().lower().partition("/")
    # A container type (multipart, message) cannot hold raw bytes: sent as plain bytes then.
    plain = _MIME_TOKEN.fullmatch(maintype) and _MIME_TOKEN.fullmatch(subtype)
    if not slash or not plain or maintype in {"multipart", "message"}:
        maintype, subtype = "application", "octet-stream"
    name = one_line(file.name).replace("/", "_").replace("\\", "_") or "document"
    data = base64.encodebytes(file.content).decode("ascii").replace("\n", CRLF)
    return (
        f"Content-Type: {maintype}/{subtype}; {_parameter('name', name)}{CRLF}"
        f"Content-Disposition: attachment; {_parameter('filename', name)}{CRLF}"
        f"Content-Transfer-Encoding: base64{CRLF}{CRLF}{data}"
    )


class Composer:
    """Builds the mails of one deployment's settings; the clock dates them."""

    def __init__(self, settings: EmailSettings, clock: Clock) -> None:
        self.settings = settings
        self.clock = clock
        name, self.envelope_sender = parseaddr(one_line(settings.sender))
        self.from_header = header("From", _mailbox(name, self.envelope_sender))
        local, _, self.domain = settings.reply_address.rpartition("@")
        self.reply_local = local

    def compose(self, delivery: Delivery) -> Mail:
        if delivery.kind is DeliveryKind.CHANNEL:
            raise DeliveryError(
                "mail has no channels: a channel post cannot be sent by mail; send it to each "
                "email member as a direct message instead",
                permanent=True,
            )
        to = checked_address(delivery.address)
        if delivery.file is not None:
            title = subject_of(delivery.file.comment) or one_line(delivery.file.name)
            bodies = file_bodies(delivery.file.comment, delivery.file.name, delivery.lang, title)
            content = _multipart("mixed", [_alternative(bodies), _attachment(delivery.file)])
        elif delivery.message is not None:
            title = subject_of(delivery.message.text)
            content = _alternative(self._message_bodies(delivery.message, delivery, title))
        else:
            raise DeliveryError("a delivery with neither message nor file", permanent=True)
        message_id, headers = self._headers(delivery, to, title)
        data = (headers + "MIME-Version: 1.0" + CRLF + content).encode("ascii")
        return Mail(self.envelope_sender, to, message_id, data)

    def _message_bodies(self, message: Message, delivery: Delivery, title: str) -> Bodies:
        return render(message, delivery.lang, title, delivery.form_url)

    def _headers(self, delivery: Delivery, to: str, title: str) -> tuple[str, str]:
        token = delivery.reply_token
        if token is not None and not _TOKEN.fullmatch(token):
            # Ours, made by the sender: anything else is a bug, never to be put in a header.
            raise DeliveryError("reply token is not url-safe base64", permanent=True)
        if token is None:
            message_id = make_msgid(domain=self.domain)
            reply_to = self.settings.reply_address
        else:
            message_id = f"<voortgang.{token}@{self.domain}>"
            reply_to = f"{self.reply_local}+{token}@{self.domain}"
        thread = delivery.kind is DeliveryKind.THREAD
        lines = [
            self.from_header,
            header("To", _mailbox(delivery.recipient, to)),
            header("Reply-To", reply_to),
            header("Subject", f"Re: {title}" if thread else title),
            header("Date", format_datetime(self.clock.now())),
            header("Message-ID", message_id),
        ]
        if thread and delivery.parent_ref:
            lines += [
                header("In-Reply-To", delivery.parent_ref),
                header("References", delivery.parent_ref),
            ]
        lines += [
            "Auto-Submitted: auto-generated" + CRLF,
            "X-Auto-Response-Suppress: All" + CRLF,
            header("Content-Language", language(delivery.lang)),
            header(KEY_HEADER, key_hash(delivery.key)),
        ]
        return message_id, "".join(lines)
