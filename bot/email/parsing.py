"""A mail read from the mailbox, as the few facts Voortgang decides on.

The stdlib ``email`` package (``policy.default``) does the reading. Mail comes from anyone, in
any shape: every step here tolerates a broken header, an unknown charset or a missing body and
answers with something (an empty string, replacement characters) instead of raising, so one
odd mail never stops the reader.
"""

from __future__ import annotations

import email
import hashlib
import re
from dataclasses import dataclass
from email import policy
from email.errors import MessageError
from email.message import EmailMessage, Message
from email.utils import getaddresses
from typing import Final

from lxml import etree
from lxml import html as lxml_html

# What a broken header or part can raise inside the email package; nothing else is caught.
READ_ERRORS: Final = (ValueError, TypeError, IndexError, LookupError, MessageError)

# Headers naming where the mail was delivered; a reply token may be in any of them.
RECIPIENT_HEADERS: Final = ("To", "Cc", "Delivered-To", "X-Original-To")
MESSAGE_ID = re.compile(r"<([^<>\s]+)>")
UNFOLD = re.compile(r"\r?\n[ \t]+")

# HTML of quoted earlier mail, removed before the HTML becomes text: Apple Mail and
# Thunderbird quote in <blockquote>, Gmail in div.gmail_quote, Yahoo in div.yahoo_quoted,
# Outlook marks where the quoted mail starts (divRplyFwdMsg, appendonsend) and puts it after.
QUOTE_XPATH: Final = (
    "//blockquote"
    " | //*[contains(concat(' ', normalize-space(@class), ' '), ' gmail_quote ')]"
    " | //*[contains(concat(' ', normalize-space(@class), ' '), ' yahoo_quoted ')]"
    " | //*[contains(concat(' ', normalize-space(@class), ' '), ' moz-cite-prefix ')]"
)
OUTLOOK_MARKS: Final = ("divRplyFwdMsg", "appendonsend", "x_divRplyFwdMsg", "x_appendonsend")
TEXT_BODIES: Final = frozenset({"text/plain", "text/html"})
BLOCKS: Final = frozenset(
    {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "hr"}
)


@dataclass(frozen=True, slots=True)
class Attachment:
    name: str
    mime: str
    size: int
    # Shown in the text (a logo in a signature, Content-Disposition inline), not sent along.
    inline: bool = False


@dataclass(frozen=True, slots=True)
class ParsedMail:
    message_id: str | None  # without angle brackets
    sender: str  # the From address, lower-cased; "" when there is none
    recipients: tuple[str, ...]  # To, Cc, Delivered-To, X-Original-To, as written
    in_reply_to: tuple[str, ...]  # message ids, without angle brackets
    references: tuple[str, ...]
    subject: str
    headers: dict[str, tuple[str, ...]]  # every header by lower-cased name, for sorting
    content_type: str  # of the whole mail: multipart/report is a bounce
    text: str  # the text as written, quotes not yet removed
    from_html: bool  # the text was made from HTML (its quotes were removed already)
    attachments: tuple[Attachment, ...]
    raw_hash: str  # SHA-256 of the raw bytes: the mail's id when it has no Message-ID

    @property
    def event_id(self) -> str:
        """The inbox's id of this mail: the same mail delivered twice has the same one."""
        if self.message_id is not None:
            return hashlib.sha256(self.message_id.encode("utf-8", "replace")).hexdigest()
        return self.raw_hash

    def header(self, name: str) -> tuple[str, ...]:
        return self.headers.get(name.lower(), ())


def parse(raw: bytes) -> ParsedMail:
    """``raw`` (a whole mail, or only its headers) read; never raises on odd input."""
    message = email.message_from_bytes(raw, policy=policy.default)
    headers = _all_headers(message)
    senders = _addresses(headers.get("from", ()))
    ids = _message_ids(headers.get("message-id", ()))
    text, from_html = _text(message)
    return ParsedMail(
        message_id=ids[0] if ids else None,
        sender=senders[0].lower() if senders else "",
        recipients=tuple(
            address
            for name in RECIPIENT_HEADERS
            for address in _addresses(headers.get(name.lower(), ()))
        ),
        in_reply_to=_message_ids(headers.get("in-reply-to", ())),
        references=_message_ids(headers.get("references", ())),
        subject=_subject(message),
        headers=headers,
        content_type=_content_type(message),
        text=text,
        from_html=from_html,
        attachments=_attachments(message),
        raw_hash=hashlib.sha256(raw).hexdigest(),
    )


def _all_headers(message: Message) -> dict[str, tuple[str, ...]]:
    # The raw values, unfolded: ``policy.default`` parses a header when it is read, which is
    # most of the cost of reading a mail, and sorting needs only a few of them as text.
    found: dict[str, list[str]] = {}
    raw_items = getattr(message, "raw_items", None)
    items = raw_items() if callable(raw_items) else message.items()
    for name, value in items:
        text = value if isinstance(value, str) else str(value)
        found.setdefault(name.lower(), []).append(UNFOLD.sub(" ", text).strip())
    return {name: tuple(values) for name, values in found.items()}


def _subject(message: Message) -> str:
    try:
        return str(message.get("Subject", ""))
    except READ_ERRORS:
        return ""


def _addresses(values: tuple[str, ...]) -> list[str]:
    try:
        pairs = getaddresses(list(values))
    except READ_ERRORS:
        return []
    return [address.strip() for _name, address in pairs if "@" in address]


def _message_ids(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(found for value in values for found in MESSAGE_ID.findall(value))


def _content_type(message: Message) -> str:
    try:
        return message.get_content_type()
    except READ_ERRORS:
        return "text/plain"


def _text(message: Message) -> tuple[str, bool]:
    """The mail's text: its text/plain body, else its HTML body turned into text."""
    if not isinstance(message, EmailMessage):  # policy.default always gives one
        return "", False
    try:
        body = message.get_body(preferencelist=("plain", "html"))
    except READ_ERRORS:
        body = None
    if body is None:
        return "", False
    content = _decoded(body)
    if body.get_content_subtype() == "html":
        return html_to_text(content), True
    return content, False


def _decoded(part: Message) -> str:
    """A text part's content: its charset as declared, else UTF-8, never an error."""
    try:
        content = part.get_content() if isinstance(part, EmailMessage) else None
        if isinstance(content, str):
            return content
    except READ_ERRORS:
        pass  # an unknown or wrong charset: decoded below with replacement characters
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset, errors="replace")
    except LookupError:
        return payload.decode("utf-8", errors="replace")


def _attachments(message: Message) -> tuple[Attachment, ...]:
    """Every part that is not the text: files, and images shown in the HTML (``inline``),
    however deep the client nested them (Outlook: related parts inside alternatives)."""
    found: list[Attachment] = []
    try:
        parts = [part for part in message.walk() if not part.is_multipart()]
    except READ_ERRORS:
        return ()
    for part in parts:
        try:
            disposition = part.get_content_disposition()
            mime = part.get_content_type()
            if part is message or (disposition is None and mime in TEXT_BODIES):
                continue  # the text itself
            payload = part.get_payload(decode=True)
            found.append(
                Attachment(
                    name=part.get_filename() or "",
                    mime=mime,
                    size=len(payload) if isinstance(payload, bytes) else 0,
                    inline=disposition != "attachment" and part.get("Content-ID") is not None,
                )
            )
        except READ_ERRORS:
            found.append(Attachment(name="", mime="application/octet-stream", size=0))
    return tuple(found)


def html_to_text(markup: str) -> str:
    """The text a person wrote in an HTML mail, without the earlier mail it quotes."""
    if not markup.strip():
        return ""
    try:
        root = lxml_html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        return ""
    for element in _found(root, "//script | //style | //head"):
        _drop(element)
    for mark in OUTLOOK_MARKS:
        for element in _found(root, f"//*[@id='{mark}']"):
            # Outlook puts the quoted mail after its mark, as the mark's later siblings.
            for later in list(element.itersiblings()):
                _drop(later)
            _drop(element)
    for element in _found(root, QUOTE_XPATH):
        # The attribution just above a quote ("On ... wrote:", "Op ... schreef ...:") goes
        # with it, as in plain text (bot.email.quotes).
        previous = element.getprevious()
        if previous is not None and _text_of(previous).strip().endswith(":"):
            _drop(previous)
        _drop(element)
    pieces: list[str] = []
    _collect(root, pieces)
    # One line per block: HTML's own spacing (margins, empty divs) says nothing about the text.
    lines = [" ".join(line.split()) for line in "".join(pieces).splitlines()]
    return "\n".join(line for line in lines if line)


def _found(root: etree._Element, path: str) -> list[etree._Element]:
    result = root.xpath(path)
    return (
        [item for item in result if isinstance(item, etree._Element)]
        if isinstance(result, list)
        else []
    )


def _text_of(element: etree._Element) -> str:
    # tail: the text after the element is not its own.
    return str(etree.tostring(element, method="text", encoding="unicode", with_tail=False))


def _drop(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    # Keep the text that follows the element (its tail), which is not part of it.
    tail = element.tail
    previous = element.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _collect(element: etree._Element, pieces: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    block = tag.lower() in BLOCKS
    if block:
        pieces.append("\n")
    if tag and element.text:
        pieces.append(element.text)
    for child in element:
        _collect(child, pieces)
    if block:
        pieces.append("\n")
    if element.tail:
        pieces.append(element.tail)
