"""bot.web.public.atom_feed: the feed's XML escapes whatever a name or title holds."""

from __future__ import annotations

from datetime import UTC, datetime

from lxml import etree

from bot.web.public.atom_feed import atom_bytes
from handlers.public.council import CouncilFeed, Download, LetterItem

ATOM = "{http://www.w3.org/2005/Atom}"
EVIL = "Raden & <b>griffie</b> ]]> \"quoted\" 'single'"


def test_names_and_titles_come_back_as_they_were_written() -> None:
    moment = datetime(2027, 1, 15, 9, 30, tzinfo=UTC)
    letter = LetterItem(
        number=2,
        title=EVIL,
        period="vierde kwartaal 2026",
        published=moment,
        published_day="15 januari 2027",
        downloads=(Download("md", "Tekst & meer", "x.md"),),
    )
    feed = CouncilFeed("boce", EVIL, "nl", moment, (letter,))
    body = atom_bytes(feed, base_url="https://voortgang.test")
    assert b"<b>" not in body
    root = etree.fromstring(body)
    assert root.findtext(f"{ATOM}title") == f"{EVIL}: voortgangsbrieven"
    assert root.findtext(f"{ATOM}author/{ATOM}name") == EVIL
    entry = root.find(f"{ATOM}entry")
    assert entry is not None
    assert entry.findtext(f"{ATOM}title") == EVIL
    assert entry.findtext(f"{ATOM}published") == "2027-01-15T09:30:00Z"
    (enclosure,) = [x for x in entry.findall(f"{ATOM}link") if x.get("rel") == "enclosure"]
    assert enclosure.get("title") == "Tekst & meer"
    assert enclosure.get("href") == "https://voortgang.test/openbaar/boce/brieven/2.md"


def test_a_feed_without_letters_is_still_a_valid_feed() -> None:
    moment = datetime(2027, 1, 15, tzinfo=UTC)
    root = etree.fromstring(
        atom_bytes(CouncilFeed("boce", "BOCE", "en", moment, ()), base_url="https://v.test")
    )
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert root.findall(f"{ATOM}entry") == []
    assert root.findtext(f"{ATOM}id") == "https://v.test/openbaar/boce"
