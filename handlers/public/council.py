"""What the public page for the councils shows: the published letters with their downloads,
and the overview of actions with traffic lights.

Nothing unpublished is ever shown. The letters are the final briefs, as they were frozen; a
draft is never listed, and a download exists only for a final brief's kept document.

The overview is the state *as of now*, not as of the newest letter, because that is what a
council member opening the page expects ("hoe staat het ervoor?"), and the page says the day
it is of. It shows only what the register holds as plain facts: each action's key, title,
theme, track, status with its traffic light (a word beside the colour), deadline and parties.
No word anyone typed in an update is read (storage.public_rows does not even select them):
that text reaches the councils only through a published letter. People are named only as
the letter names them: parties, and the owners too only when the programme's letter settings
say officials are named (``letter.names: officials``), in the letter's own words
(handlers.brief.prose's "who").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Final
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from handlers.brief.appendix import status_word, traffic_light
from handlers.brief.drafts import MIME, file_name_of
from handlers.brief.facts import short_party
from handlers.brief.letter_settings import letter_settings
from handlers.brief.prose import join, period_title
from handlers.wording import overdue
from storage.public_rows import (
    PublicAction,
    PublicLetter,
    PublicProgramme,
    public_actions,
    public_document,
    public_letters,
    public_programme,
)
from words.catalogue import language, t
from words.deadlines.letter_form import letter_deadline, plain_date

# The order formats are offered in: the one most people open first.
FORMAT_ORDER: Final = ("pdf", "docx", "html", "md")


@dataclass(frozen=True, slots=True)
class Download:
    format: str
    label: str  # "PDF", "Word"
    file_name: str


@dataclass(frozen=True, slots=True)
class LetterItem:
    number: int
    title: str  # "Voortgangsbrief 3: vierde kwartaal 2026"
    period: str
    published: datetime  # when it was made final (UTC)
    published_day: str  # in words, in the programme's zone
    downloads: tuple[Download, ...]


@dataclass(frozen=True, slots=True)
class OverviewItem:
    key: str
    title: str
    track: str
    who: str  # the parties, and the owners only when the letter names officials
    deadline: str
    status_word: str  # "op schema", or "vertraagd; termijn verstreken"
    light: str  # groen, oranje, rood, grijs or wit (the style's class)
    light_word: str  # the colour in words: never the colour alone
    overdue: bool


@dataclass(frozen=True, slots=True)
class ThemeBlock:
    name: str
    items: tuple[OverviewItem, ...]


@dataclass(frozen=True, slots=True)
class CouncilPage:
    key: str
    name: str
    description: str
    lang: str
    as_of: str  # the day the overview is of, in words
    letters: tuple[LetterItem, ...]
    themes: tuple[ThemeBlock, ...]


@dataclass(frozen=True, slots=True)
class CouncilFeed:
    """What the Atom feed of new letters needs."""

    key: str
    name: str
    lang: str
    updated: datetime  # the newest letter's moment, else the programme's last change
    letters: tuple[LetterItem, ...]


@dataclass(frozen=True, slots=True)
class LetterFile:
    file_name: str
    media_type: str
    content: bytes
    sha256: str


def _downloads(letter: PublicLetter, key: str, lang: str) -> tuple[Download, ...]:
    kept = [f for f in FORMAT_ORDER if f in letter.formats]
    return tuple(
        Download(
            fmt,
            t(f"web.public.format.{fmt}", lang),
            file_name_of(key, letter.label, letter.number, fmt, letter.language),
        )
        for fmt in kept
    )


def _letter(letter: PublicLetter, programme: PublicProgramme, lang: str) -> LetterItem:
    zone = ZoneInfo(programme.timezone)
    period = period_title(letter.start, letter.end, lang)
    return LetterItem(
        number=letter.number,
        title=t("web.public.letter_title", lang, number=letter.number, period=period),
        period=period,
        published=letter.finalized_at,
        published_day=plain_date(letter.finalized_at.astimezone(zone).date(), lang),
        downloads=_downloads(letter, programme.key, lang),
    )


def overview_item(action: PublicAction, today: date, lang: str, *, officials: bool) -> OverviewItem:
    """One action's line, worked out as the letter's overview table works out its row."""
    late = overdue(action.status, action.due, today)
    light = traffic_light(action.status, late)
    word = status_word(action.status, lang)
    if late:
        word = t("brief.status_overdue", lang, status=word)
    if action.due is not None:
        deadline = letter_deadline(action.due, action.precision, lang)
    elif action.deadline_text:
        deadline = action.deadline_text
    else:
        deadline = t("brief.no_deadline", lang)
    return OverviewItem(
        key=action.key,
        title=action.title,
        track=action.track,
        who=_who(action, lang, officials=officials),
        deadline=deadline,
        status_word=word,
        light=light,
        light_word=t(f"brief.light.{light}", lang),
        overdue=late,
    )


def _who(action: PublicAction, lang: str, *, officials: bool) -> str:
    # As the letter's news paragraphs say it (handlers.brief.prose._who): the parties, and
    # with "names: officials" the owners after them.
    parties = join([short_party(name, short) for name, short in action.parties], lang)
    if not officials or not action.owners:
        return parties
    owners = t("brief.owners", lang, names=join(action.owners, lang), n=len(action.owners))
    return t("brief.who", lang, owners=owners, parties=parties) if parties else owners


def _themes(
    actions: Sequence[PublicAction], today: date, lang: str, *, officials: bool
) -> tuple[ThemeBlock, ...]:
    blocks: list[tuple[str, list[OverviewItem]]] = []
    for action in actions:  # in theme order already
        if not blocks or blocks[-1][0] != action.theme:
            blocks.append((action.theme, []))
        blocks[-1][1].append(overview_item(action, today, lang, officials=officials))
    return tuple(ThemeBlock(name, tuple(items)) for name, items in blocks)


def page_language(programme: PublicProgramme, asked: str | None) -> str:
    """The language of a public page: the reader's when known, else the programme's."""
    return language(asked if asked is not None else programme.language)


def council_page(
    session: Session, key: str, now: datetime, lang: str | None = None
) -> CouncilPage | None:
    """The public page of programme ``key``; None when it has none (or there is no such
    programme: the same answer, so nobody learns which programmes exist)."""
    programme = public_programme(session, key)
    if programme is None:
        return None
    shown = page_language(programme, lang)
    officials = letter_settings(programme.letter).names == "officials"
    today = now.astimezone(ZoneInfo(programme.timezone)).date()
    actions = public_actions(session, [programme.id], with_owners=officials)
    return CouncilPage(
        key=programme.key,
        name=programme.name,
        description=programme.description,
        lang=shown,
        as_of=plain_date(today, shown),
        letters=tuple(_letter(x, programme, shown) for x in public_letters(session, programme.id)),
        themes=_themes(actions, today, shown, officials=officials),
    )


def council_feed(session: Session, key: str, lang: str | None = None) -> CouncilFeed | None:
    """The Atom feed's content: the published letters, newest first; None as for the page."""
    programme = public_programme(session, key)
    if programme is None:
        return None
    shown = page_language(programme, lang)
    letters = tuple(_letter(x, programme, shown) for x in public_letters(session, programme.id))
    updated = max((x.published for x in letters), default=programme.updated_at)
    return CouncilFeed(programme.key, programme.name, shown, updated, letters)


def letter_file(session: Session, key: str, number: int, fmt: str) -> LetterFile | None:
    """Published letter ``number`` in ``fmt`` as it was frozen; None when the programme has no
    public page, or the letter is no final one, or was not kept in that format."""
    if fmt not in MIME:
        return None
    programme = public_programme(session, key)
    if programme is None:
        return None
    found = public_document(session, programme.id, number, fmt)
    if found is None:
        return None
    return LetterFile(
        file_name=file_name_of(programme.key, found.label, found.number, fmt, found.language),
        media_type=MIME[fmt],
        content=found.content,
        sha256=found.sha256,
    )
