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
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid, parseaddr
from typing import Final

from bot.email.mail_body import Bodies, file_bodies, render
from config.settings import EmailSettings
from words.catalogue import language
from words.chat.delivery import Delivery, DeliveryKind
from words.chat.messages import File, Message
from words.clock import Clock
from words.errors import DeliveryError, Unreachable

SUBJECT_MAX: Final = 78  # RFC 5322's recommended line length, for the subject's text
KEY_HEADER: Final = "X-Voortgang-Key"
# Bodies in quoted-printable: 7-bit safe for any server (no 8BITMIME needed), still readable.
POLICY: Final = SMTP.clone(cte_type="7bit")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]+")
# What a token may look like in a header: storage's url-safe base64 alphabet, nothing else.
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,128}")


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


def _address(value: str) -> Address:
    """The recipient's address, or Unreachable when it is none we can send to."""
    address = value.strip()
    local, at, domain = address.rpartition("@")
    if (
        not at
        or not local
        or "." not in domain
        or not address.isascii()  # SMTPUTF8 is not assumed of the relay
        or any(c.isspace() or c in '<>(),;:"[]\\' for c in address)
        or _CONTROL.search(address)
    ):
        raise Unreachable(f"not an email address we can send to: {one_line(address)[:80]!r}")
    return Address(addr_spec=address)


class Composer:
    """Builds the mails of one deployment's settings; the clock dates them."""

    def __init__(self, settings: EmailSettings, clock: Clock) -> None:
        self.settings = settings
        self.clock = clock
        self.envelope_sender = parseaddr(settings.sender)[1]
        local, _, self.domain = settings.reply_address.rpartition("@")
        self.reply_local = local

    def compose(self, delivery: Delivery) -> Mail:
        if delivery.kind is DeliveryKind.CHANNEL:
            raise DeliveryError(
                "mail has no channels: a channel post cannot be sent by mail; send it to each "
                "email member as a direct message instead",
                permanent=True,
            )
        to = _address(delivery.address)
        if delivery.file is not None:
            title = subject_of(delivery.file.comment) or one_line(delivery.file.name)
            bodies = file_bodies(delivery.file.comment, delivery.file.name, delivery.lang, title)
        elif delivery.message is not None:
            title = subject_of(delivery.message.text)
            bodies = self._message_bodies(delivery.message, delivery, title)
        else:
            raise DeliveryError("a delivery with neither message nor file", permanent=True)
        mail = EmailMessage(policy=POLICY)
        message_id = self._headers(mail, delivery, to, title)
        mail.set_content(bodies.text, subtype="plain", charset="utf-8", cte="quoted-printable")
        mail.add_alternative(bodies.html, subtype="html", charset="utf-8", cte="quoted-printable")
        if delivery.file is not None:
            _attach(mail, delivery.file)
        return Mail(self.envelope_sender, to.addr_spec, message_id, mail.as_bytes())

    def _message_bodies(self, message: Message, delivery: Delivery, title: str) -> Bodies:
        return render(message, delivery.lang, title, delivery.form_url)

    def _headers(self, mail: EmailMessage, delivery: Delivery, to: Address, title: str) -> str:
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
        subject = title
        if delivery.kind is DeliveryKind.THREAD:
            subject = f"Re: {title}"
        mail["From"] = one_line(self.settings.sender)
        mail["To"] = Address(one_line(delivery.recipient), addr_spec=to.addr_spec)
        mail["Reply-To"] = reply_to
        mail["Subject"] = subject
        mail["Date"] = format_datetime(self.clock.now())
        mail["Message-ID"] = message_id
        if delivery.kind is DeliveryKind.THREAD and delivery.parent_ref:
            parent = one_line(delivery.parent_ref)
            mail["In-Reply-To"] = parent
            mail["References"] = parent
        mail["Auto-Submitted"] = "auto-generated"
        mail["X-Auto-Response-Suppress"] = "All"
        mail["Content-Language"] = language(delivery.lang)
        mail[KEY_HEADER] = key_hash(delivery.key)
        return message_id


def _attach(mail: EmailMessage, file: File) -> None:
    maintype, slash, subtype = file.mime.strip().partition("/")
    # A container type (multipart, message) cannot hold raw bytes: sent as plain bytes then.
    odd = maintype.lower() in {"multipart", "message"} or _CONTROL.search(file.mime) is not None
    if not slash or not maintype or not subtype or odd:
        maintype, subtype = "application", "octet-stream"
    name = one_line(file.name).replace("/", "_").replace("\\", "_") or "document"
    mail.add_attachment(file.content, maintype=maintype, subtype=subtype, filename=name)
