"""Answers about the register: which actions there are, per theme, and which theme a person
means when they name one the way people do ("recreatie en toerisme", "Omgevings wet").

Handlers take plain values and a session and return text; they know nothing of the platform
the question came from.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz.distance import Levenshtein
from sqlalchemy.orm import Session

from handlers.wording import dated_phrase
from storage.models import Action, Theme
from storage.register import ActionFilter, list_actions
from words.catalogue import t
from words.domain import fold

# Words that join the parts of a theme's name, lead up to it or surround it in a command,
# and that people write or leave out at will: "Recreatie & Toerisme", "recreatie en
# toerisme", "recreatie-toerisme" and "in het thema recreatie-toerisme" are one theme.
JOINERS = frozenset(
    {
        "en",
        "and",
        "of",
        "or",
        "van",
        "de",
        "het",
        "the",
        "in",
        "voor",
        "for",
        "bij",
        "thema",
        "theme",
        # "te laat acties", "show overdue actions", "alle acties": the command's own object
        "acties",
        "actions",
        "alle",
        "all",
    }
)
WORD = re.compile(r"[a-z0-9]+")
# A typing slip is forgiven in a long enough name only: "omgevingwet" is Omgevingswet, but
# "wet" is not one letter away from some other three-letter key.
TYPO_FROM = 6
# A part of a name shorter than this names too much to mean one theme ("e", "ow").
PART_FROM = 3


def _compact(text: str) -> str:
    return "".join(w for w in WORD.findall(fold(text)) if w not in JOINERS)


def names_something(text: str) -> bool:
    """Whether ``text`` has words that could name a theme ("acties", "the" and "alle" cannot)."""
    return bool(_compact(text))


def themes_named(text: str, themes: Sequence[Theme]) -> list[Theme]:
    """The themes ``text`` names: by key or name, exactly (spaces, case, accents, '&' and 'en'
    aside), else as the start or a part of one, else with one typing slip in a long name.
    The first way that finds any decides, so an exact name never also matches a longer one."""
    wanted = _compact(text)
    if not wanted:
        return []
    names = [(th, {_compact(th.key), _compact(th.name)}) for th in themes]
    exact = [th for th, forms in names if wanted in forms]
    if exact:
        return exact
    if len(wanted) < PART_FROM:
        return []
    part = [th for th, forms in names if any(wanted in form for form in forms)]
    if part:
        return part
    if len(wanted) < TYPO_FROM:
        return []
    slips = Levenshtein.distance
    return [th for th, forms in names if any(slips(wanted, f, score_cutoff=1) <= 1 for f in forms)]


def known_themes(themes: Sequence[Theme]) -> str:
    """'omgevingswet (Omgevingswet), bereikbaarheid (Bereikbaarheid)': what may be named."""
    return ", ".join(f"{th.key} ({th.name})" for th in themes)


def _line(action: Action, lang: str) -> str:
    owners = ", ".join(p.name for p in action.owners)
    deadline = (
        dated_phrase(action.deadline_text, action.due, action.deadline_precision, lang)
        if action.deadline_text
        else "-"
    )
    status = t(f"status.{action.status.value}", lang)
    return t(
        "chat.action_line",
        lang,
        number=action.number,
        key=action.key,
        title=action.title,
        owners=owners,
        deadline=deadline,
        status=status,
    )


def action_table(actions: Sequence[Action], lang: str) -> str:
    """Actions one line each, under a heading per theme."""
    lines: list[str] = []
    theme = None
    for action in actions:
        if action.theme_id != theme:
            theme = action.theme_id
            lines.append(t("chat.theme_heading", lang, theme=action.theme.name))
        lines.append(_line(action, lang))
    return "\n".join(lines)


def actions_text(session: Session, flt: ActionFilter, lang: str) -> str:
    actions = list_actions(session, flt)
    if not actions:
        return t("chat.no_actions", lang)
    return action_table(actions, lang)
