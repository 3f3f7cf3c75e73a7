"""words.chat.mentions: Slack and Teams mentions and links as a reader of a letter sees them."""

from __future__ import annotations

import pytest

from words.chat.mentions import plain_mentions

NAMES = {"U024BE7LH": "Rob Jansen", "29:1abc": "Lotte Venema"}


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Overleg met <@U024BE7LH> gehad", "Overleg met Rob Jansen gehad"),
        ("<@U024BE7LH|rob> belt", "Rob Jansen belt"),
        ("<@U999|onbekend> belt", "onbekend belt"),
        ("<@U999> belt", "U999 belt"),
        ("Zie <#C123|boce-omgevingswet>", "Zie #boce-omgevingswet"),
        ("Zie <#C123>", "Zie #C123"),
        ("<!channel> klaar", "@channel klaar"),
        ("<!here> en <!everyone>", "@here en @everyone"),
        ("<!subteam^S0614TZR7|@regie> kijkt", "@regie kijkt"),
        ("Zie <https://example.org/plan|het plan>", "Zie het plan (https://example.org/plan)"),
        ("Zie <https://example.org/plan>", "Zie https://example.org/plan"),
        (
            "<https://evil.example|https://good.example>",
            "https://good.example (https://evil.example)",
        ),
        ("Mail <mailto:a@b.example|a@b.example>", "Mail a@b.example"),
        ("Met <at>Lotte Venema</at> besproken", "Met Lotte Venema besproken"),
        ('<at id="0">Lotte\nVenema</at>', "Lotte Venema"),
        ("3 < 4 en 5 > 2", "3 < 4 en 5 > 2"),
        # Inside its markup Slack keeps "&", "<" and ">" as entities: shown decoded, once.
        (
            "Zie <https://x.example/?a=1&amp;b=2|plan &amp; kosten &lt;concept&gt;>",
            "Zie plan & kosten <concept> (https://x.example/?a=1&b=2)",
        ),
        ("<#C123|r&amp;t>", "#r&t"),
        ("<@U999|a &amp;amp; b>", "a &amp; b"),
        ("geen mentions", "geen mentions"),
    ],
)
def test_mentions_become_names_and_links_are_spelled_out(text: str, shown: str) -> None:
    assert plain_mentions(text, NAMES) == shown


def test_nothing_left_that_a_platform_would_turn_into_a_ping() -> None:
    hostile = "<!channel> <@U024BE7LH> <!here|here> <#C1|x> <at>Rob</at>"
    plain = plain_mentions(hostile, NAMES)
    assert "<!" not in plain
    assert "<@" not in plain
    assert "<at>" not in plain
