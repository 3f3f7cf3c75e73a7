"""The one catalogue of user-facing text, in Dutch (the default) and English.

Every sentence a person reads comes from here, so that translations stay side by side
and a missing one is caught by a test instead of by a user. Texts are grouped per area
in the modules of this package; each module exports ``MESSAGES`` mapping a dotted key to
its Dutch and English text, with ``str.format`` placeholders. A text that depends on a
count gives its plural forms instead of one string, chosen by the parameter ``n`` (see
``words.catalogue.plural``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final, Literal

from words.catalogue import (
    absence,
    chat,
    cli,
    commands,
    database,
    deadlines,
    digest,
    document,
    email,
    mailin,
    operating,
    perm,
    pings,
    replies,
    slack,
    teams,
    understanding,
    web,
    web_api,
    web_brief,
    web_editing,
    web_overview,
    web_people,
    web_public,
    web_signin_oidc,
    webform,
    writing,
)
from words.catalogue import brief as letters
from words.catalogue import letter as brief
from words.catalogue import programme_file as register
from words.catalogue.plural import COUNT, Text, choose

Language = Literal["nl", "en"]
LANGUAGES: Final[tuple[Language, ...]] = ("nl", "en")
DEFAULT_LANGUAGE: Final[Language] = "nl"

Messages = Mapping[str, Mapping[Language, Text]]


def _merge(*groups: Messages) -> dict[str, Mapping[Language, Text]]:
    merged: dict[str, Mapping[Language, Text]] = {}
    for group in groups:
        for key, texts in group.items():
            if key in merged:
                raise ValueError(f"catalogue key defined twice: {key}")
            merged[key] = texts
    return merged


CATALOGUE: Final = _merge(
    deadlines.MESSAGES,
    register.MESSAGES,
    cli.MESSAGES,
    database.MESSAGES,
    chat.MESSAGES,
    perm.MESSAGES,
    pings.MESSAGES,
    replies.MESSAGES,
    commands.MESSAGES,
    absence.MESSAGES,
    digest.MESSAGES,
    brief.MESSAGES,
    document.MESSAGES,
    letters.MESSAGES,
    operating.MESSAGES,
    slack.MESSAGES,
    teams.MESSAGES,
    understanding.MESSAGES,
    writing.MESSAGES,
    email.MESSAGES,
    mailin.MESSAGES,
    webform.MESSAGES,
    web.MESSAGES,
    web_overview.MESSAGES,
    web_brief.MESSAGES,
    web_public.MESSAGES,
    web_signin_oidc.MESSAGES,
    web_people.MESSAGES,
    web_editing.MESSAGES,
    web_api.MESSAGES,
)


def language(value: str | None) -> Language:
    """Normalise a stored or configured language to one the catalogue has."""
    if value is not None and value.lower().startswith("en"):
        return "en"
    return DEFAULT_LANGUAGE


def t(key: str, lang: str | None = None, /, **params: object) -> str:
    """Return the text for ``key`` in ``lang`` (Dutch when absent), filled with ``params``.

    For a plural entry the form is chosen by ``params["n"]``, which it must then have.
    """
    code = language(lang)
    text = CATALOGUE[key][code]
    if not isinstance(text, str):
        if COUNT not in params:
            raise TypeError(f"catalogue key {key} has plural forms: pass the count as {COUNT}")
        text = choose(text, code, params[COUNT], key)
    return text.format(**params)
