"""The register page's address: the filter form's fields read into what the register is asked
(``handlers.overview.register_model.RegisterAsk``), and the links that keep the filter while
they change the order or the page.

The fields have Dutch names, as the paths do: ``thema``, ``spoor``, ``partij``, ``eigenaar``,
``status`` (repeated), ``te-laat``, ``voor`` (a date or words), ``sorteer``, ``volgorde=af``
and ``pagina``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final
from urllib.parse import urlencode

from handlers.overview.register_model import DEFAULT_SORT, SORT_WORDS, Applied, RegisterAsk
from words.numbers import row_number

MAX_FIELD: Final = 200  # longer than any key or deadline phrase: the rest is noise
MAX_PAGE: Final = 1_000_000


def _first(pairs: Sequence[tuple[str, str]], name: str) -> str:
    return next((value[:MAX_FIELD] for key, value in pairs if key == name), "")


def ask_of(pairs: Sequence[tuple[str, str]]) -> RegisterAsk:
    """The register's query string, as (name, value) pairs in their order."""
    page = row_number(_first(pairs, "pagina").strip())
    return RegisterAsk(
        theme=_first(pairs, "thema"),
        track=_first(pairs, "spoor"),
        party=_first(pairs, "partij"),
        owner=_first(pairs, "eigenaar"),
        statuses=tuple(value[:MAX_FIELD] for key, value in pairs if key == "status")[:20],
        overdue=_first(pairs, "te-laat") not in ("", "0"),
        due_before=_first(pairs, "voor"),
        sort=_first(pairs, "sorteer") or DEFAULT_SORT,
        descending=_first(pairs, "volgorde") == "af",
        page=page if page is not None and 0 < page <= MAX_PAGE else 1,
    )


def _filter_pairs(applied: Applied) -> list[tuple[str, str]]:
    pairs = [
        (name, value)
        for name, value in (
            ("thema", applied.theme),
            ("spoor", applied.track),
            ("partij", applied.party),
            ("eigenaar", applied.owner),
        )
        if value
    ]
    pairs += [("status", status.value) for status in applied.statuses]
    if applied.overdue:
        pairs.append(("te-laat", "1"))
    if applied.due_before_date is not None:
        pairs.append(("voor", applied.due_before))
    return pairs


def address(base: str, pairs: Sequence[tuple[str, str]]) -> str:
    return f"{base}?{urlencode(pairs)}" if pairs else base


@dataclass(frozen=True, slots=True)
class SortLink:
    """A sortable column's header: its link, and the order it is in now (for aria-sort)."""

    word: str
    href: str
    current: bool
    descending: bool  # of the current order; where the link goes is the other way
    aria: str  # "ascending", "descending" or "none"


def sort_links(base: str, applied: Applied) -> dict[str, SortLink]:
    """Per sortable column the link that sorts by it: the current column's link reverses the
    order, another column's starts ascending. The page goes back to the first."""
    links: dict[str, SortLink] = {}
    for word in SORT_WORDS:
        current = word == applied.sort
        descending = current and not applied.descending
        pairs = [*_filter_pairs(applied), ("sorteer", word)]
        if descending:
            pairs.append(("volgorde", "af"))
        aria = "none"
        if current:
            aria = "descending" if applied.descending else "ascending"
        links[word] = SortLink(word, address(base, pairs), current, applied.descending, aria)
    return links


def page_link(base: str, applied: Applied, page: int) -> str:
    pairs = _filter_pairs(applied)
    if applied.sort != DEFAULT_SORT:
        pairs.append(("sorteer", applied.sort))
    if applied.descending:
        pairs.append(("volgorde", "af"))
    if page > 1:
        pairs.append(("pagina", str(page)))
    return address(base, pairs)


def register_link(
    base: str,
    *,
    theme: str = "",
    overdue: bool = False,
    due_before: str = "",
    statuses: Sequence[str] = (),
    sort: str = "",
) -> str:
    """A link into the register with just these filters (from the dashboard)."""
    pairs = [("thema", theme)] if theme else []
    pairs += [("status", status) for status in statuses]
    if overdue:
        pairs.append(("te-laat", "1"))
    if due_before:
        pairs.append(("voor", due_before))
    if sort:
        pairs.append(("sorteer", sort))
    return address(base, pairs)
