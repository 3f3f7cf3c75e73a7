"""What a person wrote above the mail they answer: quoted text and signatures removed.

The library ``mail-parser-reply`` does the work: it knows the reply headers of Outlook in Dutch
and English ("Van: ... Verzonden: ...", "From: ... Sent: ...") and common signatures ("Met
vriendelijke groet", "Sent from my iPhone"). Its Dutch pattern misses the attribution lines of
Gmail ("Op ma 23 nov 2026 om 09:00 schreef Naam <adres>:") and Apple Mail ("Op ... heeft ...
het volgende geschreven:"), and it keeps ">"-quoted lines. Those clients all quote with ">"
(RFC 3676), so one rule independent of language covers them: the first run of quoted lines and
the attribution line just above it end what was written. The library gets the rest, with
Apple Mail's Dutch "Verstuurd vanaf mijn iPhone" added to its Dutch "sent from" lines.
"""

from __future__ import annotations

from typing import Final

# The library ships no type information (no py.typed): its two names are used as documented.
from mailparser_reply import EmailReplyParser  # type: ignore[import-untyped]
from mailparser_reply.parser import EmailMessage  # type: ignore[import-untyped]

LANGUAGES: Final = ["nl", "en", "de", "fr"]  # Dutch and English first: the programmes'
# Phone signatures the library's Dutch lacks (it has "Verzonden vanaf mijn").
DUTCH_SENT_FROM: Final = "Verstuurd vanaf mijn|Verzonden met"


class _Reply(EmailMessage):  # type: ignore[misc]
    """The library's reading, with the Dutch phone signatures it lacks."""

    def _get_language_regex(self, language: str, regex_key: str) -> str:
        found: str = super()._get_language_regex(language, regex_key)
        if language == "nl" and regex_key == "sent_from":
            return f"{found}|{DUTCH_SENT_FROM}" if found else DUTCH_SENT_FROM
        return found


def written_part(text: str) -> str:
    """The part of ``text`` the sender wrote: "" when the mail only quotes."""
    cut = _above_quote(text.replace("\r\n", "\n"))
    if not cut.strip():
        return ""
    # keep_hyphen_lists: "- klaar\n- #12 vertraagd" is an answer, not a signature.
    message = _Reply(
        text=cut,
        languages=list(EmailReplyParser(languages=LANGUAGES).languages),
        keep_hyphen_lists=True,
    )
    replies = message.read().replies
    return replies[0].body.strip() if replies else ""


def _above_quote(text: str) -> str:
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if line.lstrip().startswith(">"):
            above = lines[:index]
            # The attribution line ("On ... wrote:", "Op ... schreef ...:") ends with a colon,
            # possibly wrapped over two lines; blank lines may stand between it and the quote.
            while above and not above[-1].strip():
                above.pop()
            if above and above[-1].rstrip().endswith(":"):
                above.pop()
                if above and above[-1].strip() and _starts_attribution(above[-1]):
                    above.pop()
            return "\n".join(above)
    return text


def _starts_attribution(line: str) -> bool:
    # A wrapped attribution line's first half: "Op ma 23 nov 2026 om 09:00 schreef Naam <".
    words = line.strip().split(" ", 1)
    return bool(words) and words[0] in {"On", "Op", "Am", "Le"} and line.rstrip().endswith("<")
