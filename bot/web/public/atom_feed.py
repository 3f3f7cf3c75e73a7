"""The Atom 1.0 feed (RFC 4287) of a programme's published letters, built with lxml, which
escapes every text and attribute value itself.

The feed's id is the public page's address, each entry's the page's anchor of that letter:
permanent addresses that a feed reader keys entries on. Each entry links to the page (its
alternate) and to each of the letter's downloads (enclosures, with their media types).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Final

from lxml import etree

from handlers.brief.drafts import MIME
from handlers.public.council import CouncilFeed
from words.catalogue import t

ATOM: Final = "http://www.w3.org/2005/Atom"
XML_LANG: Final = "{http://www.w3.org/XML/1998/namespace}lang"


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _add(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    child = etree.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        child.text = text
    return child


def letter_anchor(number: int) -> str:
    return f"brief-{number}"


def atom_bytes(feed: CouncilFeed, *, base_url: str) -> bytes:
    lang = feed.lang
    page = f"{base_url}/openbaar/{feed.key}"
    # None is the default namespace, as lxml takes it; the stubs type its keys as str only.
    root = etree.Element(f"{{{ATOM}}}feed", nsmap={None: ATOM})  # type: ignore[dict-item]
    root.set(XML_LANG, lang)
    _add(root, "id", page)
    _add(root, "title", t("web.public.atom.title", lang, name=feed.name))
    _add(root, "updated", _stamp(feed.updated))
    author = _add(root, "author")
    _add(author, "name", feed.name)
    _add(root, "link", rel="self", type="application/atom+xml", href=f"{page}/brieven.atom")
    _add(root, "link", rel="alternate", type="text/html", href=page)
    _add(root, "generator", "Voortgang")
    for letter in feed.letters:
        entry = _add(root, "entry")
        _add(entry, "id", f"{page}#{letter_anchor(letter.number)}")
        _add(entry, "title", letter.title)
        _add(entry, "published", _stamp(letter.published))
        _add(entry, "updated", _stamp(letter.published))  # a final letter never changes
        _add(
            entry,
            "link",
            rel="alternate",
            type="text/html",
            href=f"{page}#{letter_anchor(letter.number)}",
        )
        for download in letter.downloads:
            _add(
                entry,
                "link",
                rel="enclosure",
                type=MIME[download.format],
                title=download.label,
                href=f"{page}/brieven/{letter.number}.{download.format}",
            )
        summary = t("web.public.atom.summary", lang, title=letter.title, day=letter.published_day)
        _add(entry, "summary", summary, type="text")
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")
