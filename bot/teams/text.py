"""The plain text of Teams' message HTML, and the ids of the messages it quotes.

Teams sends a message's ``text`` with some HTML in it (``<p>``, ``<br>``, entities such as
``&nbsp;``). It becomes plain text: tags dropped, entities decoded, script and style contents
and quoted messages left out; a "<" of broken markup that could still start a tag is dropped,
one typed ("&lt;") is kept.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Final

from bot.teams.activity import nonempty

# The itemtype of the blockquote Teams puts before a quoted reply's own text.
QUOTE_SCHEMA: Final = "http://schema.skype.com/Reply"
# Tags whose start or end breaks a line; the others (b, i, span, at, a...) run inline.
_BLOCK_TAGS: Final = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "tr", "table", "pre", "h1", "h2", "h3", "h4", "h5", "h6"}
)
_SKIPPED_TAGS: Final = frozenset({"script", "style", "head", "title"})
_SPACES: Final = re.compile(r"[ \t\f\v\u00a0\u200b]+")
_BLANK_LINES: Final = re.compile(r"\n{3,}")
# A tag cut off at the end ("<a href=..."), which the parser would hand back as text.
_CUT_TAG: Final = re.compile(r"<[A-Za-z/!?][^<>]*\Z")
# "<" as an entity is text the person typed; kept apart from stray markup while parsing.
_LESS_THAN_ENTITY: Final = re.compile(r"&(?:lt;?|LT;?|#0*60;|#[xX]0*3[cC];)")
_KEPT_LESS_THAN: Final = "\ue000"  # a private-use character: never in the text shown
# A "<" the parser left in the text that could still start a tag somewhere downstream.
_STRAY_TAG_START: Final = re.compile(r"<+(?=[A-Za-z/!?])")


class _PlainText(HTMLParser):
    """The text of Teams' HTML: tags dropped, entities decoded, quotes and scripts left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.quoted: list[str] = []  # ids of the messages quoted (a reply in a 1:1 chat)
        self._skipping: str | None = None
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skipping is not None:
            if tag == self._skipping:
                self._depth += 1  # the same tag nested inside: its end is not ours
            return
        found = dict(attrs)
        if tag == "blockquote" and found.get("itemtype") == QUOTE_SCHEMA:
            quoted = nonempty(found.get("itemid"))
            if quoted is not None:
                self.quoted.append(quoted)
            self._skip(tag)
        elif tag in _SKIPPED_TAGS:
            self._skip(tag)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # "<br/>" and friends: a line break, never the start of a skipped part.
        if self._skipping is None and tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self._skipping is not None:
            if tag == self._skipping:
                self._depth -= 1
                if self._depth == 0:
                    self._skipping = None
            return
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._skipping is None:
            self.parts.append(data)

    def _skip(self, tag: str) -> None:
        self._skipping, self._depth = tag, 1

    def text(self) -> str:
        lines = "".join(self.parts).replace("\r\n", "\n").replace("\r", "\n").split("\n")
        joined = "\n".join(_SPACES.sub(" ", line).strip() for line in lines)
        joined = _STRAY_TAG_START.sub("", joined).replace(_KEPT_LESS_THAN, "<")
        return _BLANK_LINES.sub("\n\n", joined).strip()


def plain_text(html: str) -> tuple[str, list[str]]:
    """(the plain text of Teams' message HTML, the ids of the messages it quotes)."""
    parser = _PlainText()
    html = _CUT_TAG.sub("", html.replace(_KEPT_LESS_THAN, ""))
    parser.feed(_LESS_THAN_ENTITY.sub(_KEPT_LESS_THAN, html))
    parser.close()
    return parser.text(), parser.quoted
