"""Mentions on an Adaptive Card: "<at>Name</at>" in the card's text, and the entity that says
whom Teams should notify for it.

A channel post's mentions (``Delivery.mentions``) are a line of their own after its sections,
"<at>Els Bakker</at>, <at>Tom Smit</at>", with one ``msteams.entities`` entry each whose text is
exactly its tag. The user is named by the id the adapter knows them by, their Microsoft Entra
object id (``bot.teams.activity.user_of``), which the Bot Framework takes in a card's mention
as it takes a "29:" id: that is how people of another tenant, who read a shared channel but
cannot be written to directly, hear of the post.

The name in a tag is escaped: "&", "<" and ">" always as entities, so that nothing in it is
markup where Teams reads HTML, and the characters of inline Markdown with a backslash (nothing
inside the tag starts a line, so block markup cannot start there). The card's text and the
entity's hold the same string, which is what Teams matches; the entity's ``name`` is JSON and
stays raw.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Final

from words.chat.delivery import Mention

_INLINE: Final = re.compile(r"([\\`*_{}\[\]~])")


def mention_tag(name: str) -> str:
    """``<at>name</at>`` with the name escaped: the text of the card and of its entity."""
    text = " ".join(name.split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return "<at>" + _INLINE.sub(r"\\\1", text) + "</at>"


def mention_blocks(mentions: Sequence[Mention]) -> list[dict[str, Any]]:
    """The line of mentions, as a TextBlock (none without mentions)."""
    if not mentions:
        return []
    tags = ", ".join(mention_tag(m.name) for m in mentions)
    return [{"type": "TextBlock", "text": tags, "wrap": True}]


def entities(mentions: Sequence[Mention]) -> dict[str, Any]:
    """The card's ``msteams`` property that makes its tags mentions."""
    return {
        "entities": [
            {
                "type": "mention",
                "text": mention_tag(m.name),
                "mentioned": {"id": m.user_id, "name": m.name},
            }
            for m in mentions
        ]
    }
