"""bot.email.compose and bot.email.mail_body: what a mail says and how, read back with the
standard library's ``email`` package as a mail program would."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from email.utils import getaddresses

import pytest

from bot.email.compose import SUBJECT_MAX, Composer, Mail, subject_of
from tests.mailserver import REPLY, mail_settings, read
from words.chat.delivery import Delivery, DeliveryKind
from words.chat.messages import Button, Field, File, Message, Section
from words.clock import FixedClock
from words.errors import DeliveryError, Unreachable

TOKEN = "Abc_def-0123456789abcdefghijklmnopqrstuvwxy"
FORM = "https://voortgang.example.org/formulier/Tok3n"


def ping(title: str = "Fietspad Noord", theme: str = "Mobiliteit") -> Message:
    """A ping as handlers.checkins.ping_message shapes it: greeting, an action, closing."""
    action = Section(
        text="De deadline is over 7 dagen.",
        heading=f"#12 {title}",
        fields=(
            Field("Thema", theme),
            Field("Deadline", "eind maart 2027 (woensdag 31 maart 2027)"),
            Field("Laatste status", "loopt (bijgewerkt op 1 november 2026)"),
        ),
        buttons=(
            Button("Loopt", "status", "7:on_track"),
            Button("Gereed", "status", "7:done"),
            Button("Schrijf een update", "form", "7"),
            Button("Iets anders", "pick", "7"),
        ),
    )
    text = (
        f"Hoi Rob, hoe staat het met deze actie?\n\n#12 {title}\nThema: {theme}\n\nAntwoord maar."
    )
    return Message(
        text,
        sections=(
            Section(text="Hoi Rob, hoe staat het met deze actie?"),
            action,
            Section("Antwoord maar."),
        ),
        asks=(7,),
    )


def dm(message: Message | None = None, **changes: object) -> Delivery:
    fields: dict[str, object] = {
        "key": "ping:7:2026-11-22",
        "kind": DeliveryKind.DM,
        "address": "rob@example.org",
        "recipient": "Rob Jansen",
        "message": ping() if message is None else message,
        "lang": "nl",
    }
    fields.update(changes)
    return Delivery(**fields)  # type: ignore[arg-type]


def letter(file: File, lang: str = "nl") -> Delivery:
    return Delivery("letter:1", DeliveryKind.DM, "rob@example.org", "Rob", file=file, lang=lang)


@pytest.fixture
def composer() -> Composer:
    return Composer(mail_settings(25), FixedClock(datetime(2026, 11, 22, 8, tzinfo=UTC)))


def test_a_mail_has_a_text_and_an_html_part_with_the_same_content(composer: Composer) -> None:
    mail = read(composer.compose(dm()).data)
    assert mail.mail.get_content_type() == "multipart/alternative"
    assert "#12 Fietspad Noord" in mail.text
    assert "Thema: Mobiliteit" in mail.text
    assert '<html lang="nl">' in mail.html
    assert "<h2" in mail.html
    assert "#12 Fietspad Noord</h2>" in mail.html
    assert "<dt" in mail.html
    assert "Mobiliteit</dd>" in mail.html
    assert mail["Content-Language"] == "nl"
    assert mail["Subject"] == "Hoi Rob, hoe staat het met deze actie?"
    assert mail["Date"] == "Sun, 22 Nov 2026 08:00:00 +0000"
    assert mail["Auto-Submitted"] == "auto-generated"
    assert mail["X-Auto-Response-Suppress"] == "All"
    assert getaddresses([mail["To"]]) == [("Rob Jansen", "rob@example.org")]
    assert getaddresses([mail["From"]]) == [("Voortgang BOCE", "voortgang@example.org")]


def test_the_language_of_what_the_port_adds_is_the_recipients(composer: Composer) -> None:
    english = read(composer.compose(dm(lang="en", form_url=FORM)).data)
    dutch = read(composer.compose(dm(lang="nl", form_url=FORM)).data)
    assert '<html lang="en">' in english.html
    assert english["Content-Language"] == "en"
    assert "Update all at once" in english.html
    assert "Update all at once: " + FORM in english.text
    assert "You get this mail because you own actions" in english.text
    assert "Werk alles in één keer bij" in dutch.html
    assert "Je krijgt deze mail omdat je acties hebt" in dutch.text


def test_user_text_is_escaped_in_the_html(composer: Composer) -> None:
    message = ping(title="<script>alert(1)</script> & co", theme='Wonen "&" <b>werken</b>')
    mail = read(composer.compose(dm(message, form_url=FORM)).data)
    assert "<script>" not in mail.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in mail.html
    assert "Wonen &quot;&amp;&quot; &lt;b&gt;werken&lt;/b&gt;" in mail.html
    assert "<b>" not in mail.html
    # The plain text part is plain: nothing to escape, shown as written.
    assert "<script>alert(1)</script> & co" in mail.text


def test_a_line_break_in_a_name_or_subject_does_not_make_a_header(composer: Composer) -> None:
    message = Message("Hallo\r\nBcc: mallory@example.net\r\n\r\nbody")
    sneaky = "Rob\r\nBcc: mallory@example.net"
    composed = composer.compose(dm(message, recipient=sneaky))
    mail = read(composed.data)
    assert mail["Bcc"] == ""
    assert mail["Subject"] == "Hallo"
    assert getaddresses([mail["To"]]) == [("Rob Bcc: mallory@example.net", "rob@example.org")]
    header_block = composed.data.split(b"\r\n\r\n", 1)[0]
    assert b"\r\nBcc:" not in header_block
    subject = Message("Eerste regel\u2028Bcc: x@example.net")
    assert "\n" not in read(composer.compose(dm(subject)).data)["Subject"]


def test_quick_status_buttons_become_links_to_the_prefilled_form(composer: Composer) -> None:
    mail = read(composer.compose(dm(form_url=FORM)).data)
    assert f'href="{FORM}?actie=7&amp;status=on_track"' in mail.html
    assert f'href="{FORM}?actie=7&amp;status=done"' in mail.html
    assert f'href="{FORM}#actie-7"' in mail.html
    assert ">Schrijf een update</a>" in mail.html
    assert f'href="{FORM}"' in mail.html  # update all at once
    assert "Iets anders" not in mail.html  # a button that means nothing in a mail
    assert "beantwoord deze mail" in mail.text.lower()


def test_a_form_link_with_a_query_gets_its_parameters_added(composer: Composer) -> None:
    mail = read(composer.compose(dm(form_url=FORM + "?t=1")).data)
    assert f'href="{FORM}?t=1&amp;actie=7&amp;status=done"' in mail.html


def test_without_a_form_link_there_are_no_links_and_the_mail_says_to_reply(
    composer: Composer,
) -> None:
    mail = read(composer.compose(dm()).data)
    assert "<a " not in mail.html
    assert "http" not in mail.text
    assert "Antwoord door deze mail te beantwoorden" in mail.text
    assert "gereed" in mail.text
    assert "Antwoord door deze mail te beantwoorden" in mail.html


def test_a_message_that_asks_nothing_has_the_plain_footer(composer: Composer) -> None:
    mail = read(composer.compose(dm(Message("Dank je, genoteerd."), form_url=FORM)).data)
    assert "automatisch verstuurd door Voortgang" in mail.text
    assert "<a " not in mail.html
    assert "<p>Dank je, genoteerd.</p>" in mail.html


def test_the_token_is_in_reply_to_and_message_id(composer: Composer) -> None:
    composed = composer.compose(dm(reply_token=TOKEN))
    mail = read(composed.data)
    local, domain = REPLY.split("@")
    assert mail["Reply-To"] == f"{local}+{TOKEN}@{domain}"
    assert mail["Message-ID"] == f"<voortgang.{TOKEN}@{domain}>"
    assert composed.message_id == mail["Message-ID"]
    key = hashlib.sha256(b"ping:7:2026-11-22").hexdigest()
    assert mail["X-Voortgang-Key"] == key
    assert b"ping:7:2026-11-22" not in composed.data


def test_without_a_token_a_fresh_message_id_and_the_plain_reply_address(
    composer: Composer,
) -> None:
    first, second = composer.compose(dm()), composer.compose(dm())
    assert read(first.data)["Reply-To"] == REPLY
    assert first.message_id != second.message_id
    assert first.message_id.endswith("@reply.example.org>")


def test_a_token_that_is_not_ours_never_reaches_a_header(composer: Composer) -> None:
    with pytest.raises(DeliveryError) as refused:
        composer.compose(dm(reply_token="abc\r\nBcc: x@example.net" + "a" * 20))
    assert refused.value.permanent


def test_a_thread_reply_refers_to_its_parent(composer: Composer) -> None:
    parent = "<voortgang.parent@reply.example.org>"
    composed = composer.compose(
        dm(Message("Genoteerd: gereed."), kind=DeliveryKind.THREAD, parent_ref=parent)
    )
    mail = read(composed.data)
    assert mail["In-Reply-To"] == parent
    assert mail["References"] == parent
    assert mail["Subject"] == "Re: Genoteerd: gereed."


def test_the_subject_is_cut_at_a_word() -> None:
    long = "Voortgang " + " ".join(["programma"] * 20)
    subject = subject_of(long + "\nmeer")
    assert len(subject) <= SUBJECT_MAX
    assert subject.endswith("programma…")
    assert subject_of("\n\n  Eerste  \nTweede") == "Eerste"


def test_non_ascii_headers_are_encoded(composer: Composer) -> None:
    message = Message("Één vraag over #3 Sûdwest-Fryslân")
    mail = read(composer.compose(dm(message, recipient="Jan de Vrïes")).data)
    assert mail["Subject"] == "Één vraag over #3 Sûdwest-Fryslân"
    assert getaddresses([mail["To"]]) == [("Jan de Vrïes", "rob@example.org")]
    assert composer.compose(dm(message)).data.isascii()


def test_a_file_is_attached_with_its_name_and_type(composer: Composer) -> None:
    content = bytes(range(256)) * 40
    file = File(
        "Voortgangsbrief Q4 – concept.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        content,
        "Het concept van de brief.",
    )
    composed = composer.compose(letter(file))
    mail = read(composed.data)
    assert mail.mail.get_content_type() == "multipart/mixed"
    attachments = list(mail.mail.iter_attachments())
    assert len(attachments) == 1
    assert attachments[0].get_filename() == "Voortgangsbrief Q4 – concept.docx"
    assert attachments[0].get_content_type() == file.mime
    assert attachments[0].get_content() == content
    assert mail.text.startswith("Het concept van de brief.")
    assert mail["Subject"] == "Het concept van de brief."


def test_a_file_without_a_comment_is_named_in_the_body(composer: Composer) -> None:
    file = File('rap"port.pdf', "not a type", b"%PDF-1.7", "")
    mail = read(composer.compose(letter(file, "en")).data)
    attachment = next(iter(mail.mail.iter_attachments()))
    assert attachment.get_filename() == 'rap"port.pdf'
    assert attachment.get_content_type() == "application/octet-stream"
    assert 'Attached: rap"port.pdf.' in mail.text
    assert "Attached: rap&quot;port.pdf." in mail.html


def test_a_channel_post_cannot_be_mailed(composer: Composer) -> None:
    with pytest.raises(DeliveryError) as refused:
        composer.compose(dm(kind=DeliveryKind.CHANNEL, address="boce-omgevingswet"))
    assert refused.value.permanent
    assert "channel" in refused.value.reason


@pytest.mark.parametrize(
    "address",
    [
        "",
        "rob",
        "rob@",
        "@example.org",
        "rob@example",
        "rob @example.org",
        "a@b.nl\r\nx",
        "rób@example.org",
        "<rob@example.org>",
    ],
)
def test_an_address_that_is_none_is_unreachable(composer: Composer, address: str) -> None:
    with pytest.raises(Unreachable):
        composer.compose(dm(address=address))


def test_lines_end_in_crlf_and_stay_short(composer: Composer) -> None:
    long_line = "woord " * 60
    composed: Mail = composer.compose(dm(Message(long_line)))
    lines = composed.data.split(b"\r\n")
    assert b"\n" not in b"".join(lines)
    assert b"\r" not in b"".join(lines)
    assert max(len(line) for line in lines) <= 998
    assert long_line.strip() in read(composed.data).text
