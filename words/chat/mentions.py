"""Platform mentions and links in people's words, turned into what a reader sees: names.

Slack writes mentions as ``<@U024BE7LH>`` (or ``<@U024BE7LH|rob>``), channels as
``<#C123|boce>``, broadcasts as ``<!channel>`` and links as ``<https://…|label>``; Teams wraps a
mention in ``<at>Rob Jansen</at>``. A letter to the councils, or a digest, shows names and
plain links instead, so nothing in it pings anyone or hides where a link goes.

Inside its markup Slack writes "&", "<" and ">" as entities, as everywhere in its text (the
adapter decodes the rest, ``bot.slack.events.typed``): a label or link is shown decoded.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

SLACK: Final = re.compile(
    r"<([@#!])([^<>|]*)(?:\|([^<>]*))?>|<((?:https?|mailto):[^<>|]*)(?:\|([^<>]*))?>"
)
TEAMS: Final = re.compile(r"<at(?:\s[^<>]*)?>(.*?)</at>", re.IGNORECASE | re.DOTALL)
BROADCASTS: Final = {"channel", "here", "everyone"}
SLACK_ENTITY: Final = re.compile(r"&(amp|lt|gt);")
SLACK_ENTITIES: Final = {"amp": "&", "lt": "<", "gt": ">"}


def slack_unescaped(text: str) -> str:
    """Slack's three entities decoded, in one pass: "&amp;lt;" is "&lt;", as typed."""
    return SLACK_ENTITY.sub(lambda found: SLACK_ENTITIES[found[1]], text)


def _slack(match: re.Match[str], names: Mapping[str, str]) -> str:
    sigil, target, *shown_parts = match.groups()
    label, url, url_label = (None if p is None else slack_unescaped(p) for p in shown_parts)
    if url is not None:
        shown = url.removeprefix("mailto:")
        return shown if not url_label or url_label == shown else f"{url_label} ({shown})"
    if sigil == "@":
        return names.get(target, label if label else target)
    if sigil == "#":
        return f"#{label}" if label else f"#{target}"
    # <!channel>, <!here>, <!subteam^S123|@team>, <!date^…|fallback>: never a live broadcast.
    if label:
        return label
    word = target.split("^", 1)[0]
    return f"@{word}" if word in BROADCASTS else word


def plain_mentions(text: str, names: Mapping[str, str]) -> str:
    """``text`` with every Slack or Teams mention as a name and every Slack link spelled out.

    ``names`` maps platform user ids to the names of the people they belong to; a mention of
    someone unknown keeps the label the platform gave, or the id.
    """
    if "<" not in text:
        return text  # most updates mention nobody: no need to search them
    text = TEAMS.sub(lambda m: " ".join(m[1].split()), text)
    return SLACK.sub(lambda m: _slack(m, names), text)
