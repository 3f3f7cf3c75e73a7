"""bot.email.parsing and bot.email.quotes: what a person wrote, from the mails real clients send."""

from __future__ import annotations

import pytest

from bot.email.parsing import html_to_text, parse
from bot.email.quotes import written_part
from tests.mail_samples import GMAIL_NL_QUOTE, OUTLOOK_EN_QUOTE, mail

# Top-posted answers above the quoted ping, as each client writes them in plain text.
PLAIN_REPLIES = {
    "gmail nl": (
        "Klaar, de aanvraag is verstuurd." + GMAIL_NL_QUOTE,
        "Klaar, de aanvraag is verstuurd.",
    ),
    "gmail nl, attribution wrapped": (
        (
            "Loopt.\n\nOp ma 23 nov 2026 om 09:00 schreef Voortgang BOCE <\n"
            "voortgang@example.org>:\n\n> Hoe staat het met BER-05?\n"
        ),
        "Loopt.",
    ),
    "gmail en": (
        (
            "Done, sent yesterday.\n\nOn Mon, Nov 23, 2026 at 9:00 AM Voortgang BOCE "
            "<voortgang@example.org> wrote:\n\n> How is BER-05 going?\n"
        ),
        "Done, sent yesterday.",
    ),
    "apple mail nl": (
        (
            "Vertraagd, #12 eind januari\n\nVerstuurd vanaf mijn iPhone\n\n> Op 23 nov. 2026 "
            "om 09:00 heeft Voortgang BOCE <voortgang@example.org> het volgende geschreven:\n"
            ">\n> Hoe staat het met BER-05?\n"
        ),
        "Vertraagd, #12 eind januari",
    ),
    "apple mail en": (
        (
            "On track.\n\nSent from my iPhone\n\n> On 23 Nov 2026, at 09:00, Voortgang BOCE "
            "<voortgang@example.org> wrote:\n>\n> How is BER-05 going?\n"
        ),
        "On track.",
    ),
    "outlook en": ("Delayed, #12 end of January" + OUTLOOK_EN_QUOTE, "Delayed, #12 end of January"),
    "outlook nl with signature": (
        (
            "Loopt volgens plan.\n\nMet vriendelijke groet,\n\nWim Schepers\n"
            "Gemeente Coevorden\nT 0524 59 81 00\n\nVan: Voortgang BOCE <voortgang@example.org>\n"
            "Verzonden: maandag 23 november 2026 09:00\nAan: Wim Schepers "
            "<w.schepers@coevorden.example>\nOnderwerp: Hoe staat het met OW-01?\n\n"
            "Hoe staat het met OW-01?\n"
        ),
        "Loopt volgens plan.",
    ),
    "a list is an answer, not a signature": (
        "- klaar\n- #12 vertraagd",
        "- klaar\n- #12 vertraagd",
    ),
    "signature after the dashes": ("klaar\n\n-- \nFatima\n06-12345678", "klaar"),
    "no quote at all": ("klaar", "klaar"),
}


@pytest.mark.parametrize(("text", "written"), PLAIN_REPLIES.values(), ids=PLAIN_REPLIES.keys())
def test_the_answer_above_the_quote_is_kept(text: str, written: str) -> None:
    assert written_part(parse(mail(text)).text) == written


@pytest.mark.parametrize(
    "text",
    [
        "> Hoe staat het met BER-05?\n> Antwoord met een woord.\n",
        GMAIL_NL_QUOTE,
        "\n\n   \n",
    ],
)
def test_a_mail_that_only_quotes_has_nothing_written(text: str) -> None:
    assert written_part(text) == ""


def test_outlook_html_only_loses_everything_from_its_reply_mark_on() -> None:
    html = (
        "<html><head><style>p{margin:0}</style></head><body>"
        "<div>Vertraagd: de aannemer heeft <b>geen</b> capaciteit.</div><div>#12 eind januari</div>"
        '<div id="appendonsend"></div><hr>'
        '<div id="divRplyFwdMsg"><b>Van:</b> Voortgang BOCE<br><b>Verzonden:</b> maandag</div>'
        "<div>Hoe staat het met BER-05?</div></body></html>"
    )
    parsed = parse(mail(None, html=html))
    assert parsed.from_html
    assert written_part(parsed.text) == (
        "Vertraagd: de aannemer heeft geen capaciteit.\n#12 eind januari"
    )


def test_gmail_and_apple_html_quotes_are_removed() -> None:
    gmail = (
        '<div dir="ltr">Klaar!</div><br><div class="gmail_quote"><div class="gmail_attr">'
        "Op ma 23 nov 2026 schreef Voortgang:</div><blockquote>Hoe staat het?</blockquote></div>"
    )
    apple = (
        "<html><body>On track<br><br><div>On 23 Nov 2026, Voortgang wrote:</div>"
        '<blockquote type="cite"><div>How is BER-05 going?</div></blockquote></body></html>'
    )
    assert html_to_text(gmail) == "Klaar!"
    assert written_part(html_to_text(apple)) == "On track"


@pytest.mark.parametrize("charset", ["iso-8859-1", "windows-1252"])
def test_other_charsets_are_decoded(charset: str) -> None:
    text = (
        "Gereed; overleg met de wethouder in café ‘t Hooge"
        if charset == "windows-1252"
        else ("Gereed; overleg met de wethouder in café Hooge")
    )
    parsed = parse(mail(text, charset=charset))
    assert parsed.text.strip() == text


def test_an_unknown_charset_gives_replacement_characters_not_an_error() -> None:
    raw = (
        b"From: f.elamrani@emmen.example\r\nTo: voortgang@example.org\r\n"
        b"Message-ID: <odd@mail.example>\r\nContent-Type: text/plain; charset=x-unheard-of\r\n"
        b"\r\nklaar \xe9\xff\r\n"
    )
    parsed = parse(raw)
    assert parsed.text.startswith("klaar")
    assert "\ufffd" in parsed.text


def test_garbage_is_read_without_an_error() -> None:
    parsed = parse(b"\x00\xff\xfe not a mail at all \r\n\r\n\x80")
    assert parsed.sender == ""
    assert parsed.message_id is None
    assert len(parsed.event_id) == 64  # the raw bytes' hash


def test_attachments_are_listed_not_kept() -> None:
    parsed = parse(
        mail(
            "Zie bijlage.",
            attachments=(
                ("verslag.pdf", "application/pdf", b"%PDF-1.7" + b"0" * 1000),
                ("foto.jpg", "image/jpeg", b"\xff\xd8" + b"1" * 10),
            ),
        )
    )
    assert [(a.name, a.mime, a.size) for a in parsed.attachments] == [
        ("verslag.pdf", "application/pdf", 1008),
        ("foto.jpg", "image/jpeg", 12),
    ]
    assert parsed.text.strip() == "Zie bijlage."


def test_the_headers_that_decide_are_read() -> None:
    parsed = parse(
        mail(
            "klaar",
            sender="Fatima El Amrani <F.ElAmrani@Emmen.example>",
            to="Voortgang <voortgang+abc@example.org>, iemand@elders.example",
            in_reply_to="<voortgang.xyz@example.org>",
            headers={"Cc": "collega@emmen.example", "Delivered-To": "voortgang+def@example.org"},
            msg_id="<m1@mail.example>",
        )
    )
    assert parsed.sender == "f.elamrani@emmen.example"
    assert parsed.message_id == "m1@mail.example"
    assert parsed.in_reply_to == ("voortgang.xyz@example.org",)
    assert parsed.references == ("voortgang.xyz@example.org",)
    assert set(parsed.recipients) == {
        "voortgang+abc@example.org",
        "iemand@elders.example",
        "collega@emmen.example",
        "voortgang+def@example.org",
    }
    # The same Message-ID is the same event, whatever else differs.
    assert parse(mail("anders", msg_id="<m1@mail.example>")).event_id == parsed.event_id
