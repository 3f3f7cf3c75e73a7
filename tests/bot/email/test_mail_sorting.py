"""bot.email.sorting: what one mail becomes, decided against the register (no mailbox needed);
on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from bot.email.parsing import parse
from bot.email.reading import MAX_BYTES
from bot.email.sorting import MAX_TEXT, Outcome, Sorter, Verdict, automatic_signal
from bot.engine.opening import Register, import_file
from config.settings import EmailSettings, MailSecurity, MailServer, Settings
from storage.link_tokens import look_up, mint, spend
from storage.models import InboundEvent, OutboxMessage, TokenPurpose
from storage.outbox import message_of
from tests.conftest import BOCE
from tests.mail_samples import FATIMA, GMAIL_NL_QUOTE, MAYA, Asked, address, mail, ping_by_mail
from words.catalogue import t
from words.clock import FixedClock

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
SETTINGS = EmailSettings(
    smtp=MailServer("127.0.0.1", 25, MailSecurity.NONE),
    sender="Voortgang BOCE <voortgang@example.org>",
    reply_address="voortgang@example.org",
)
SECRET = "Het geheime projectbudget is 3 miljoen"  # must never come back in an answer


@pytest.fixture
def asked(register: Register, settings: Settings, clock: FixedClock) -> Asked:
    import_file(register, BOCE, settings, clock)
    return ping_by_mail(register, FATIMA)


def sort(register: Register, raw: bytes, now: datetime = NOW, **kwargs: bool) -> Outcome:
    with register.sessions.begin() as session:
        return Sorter(SETTINGS, AMSTERDAM, MAX_BYTES).sort(session, parse(raw), now, **kwargs)


def answers(register: Register) -> list[str]:
    with register.sessions() as session:
        rows = session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.key.like("mailin:%"))
            .order_by(OutboxMessage.id)
        ).all()
        return [found.text for found in map(message_of, rows) if found is not None]


def events(register: Register) -> int:
    with register.sessions() as session:
        found = session.scalar(select(func.count()).select_from(InboundEvent))
    return 0 if found is None else found


AUTOMATIC = {
    "auto-replied": {"Auto-Submitted": "auto-replied"},
    "auto-generated": {"Auto-Submitted": "auto-generated"},
    "x-autoreply": {"X-Autoreply": "yes"},
    "x-autorespond": {"X-Autorespond": "Out of office"},
    "precedence bulk": {"Precedence": "bulk"},
    "precedence junk": {"Precedence": "junk"},
    "precedence list": {"Precedence": "list"},
    "precedence auto_reply": {"Precedence": "auto_reply"},
    "list-id": {"List-Id": "<boce.lists.example>"},
    "list-unsubscribe": {"List-Unsubscribe": "<mailto:leave@lists.example>"},
    "list-post": {"List-Post": "<mailto:boce@lists.example>"},
    "empty return path": {"Return-Path": "<>"},
}


@pytest.mark.parametrize("headers", AUTOMATIC.values(), ids=AUTOMATIC.keys())
def test_automatic_mail_is_recognised(headers: dict[str, str]) -> None:
    assert automatic_signal(parse(mail("Ik ben afwezig.", headers=headers))) is not None


@pytest.mark.parametrize(
    ("sender", "headers"),
    [
        ("MAILER-DAEMON@mx.emmen.example", {}),
        ("postmaster@emmen.example", {}),
    ],
)
def test_mail_from_the_mail_system_is_automatic(sender: str, headers: dict[str, str]) -> None:
    assert automatic_signal(parse(mail("Undeliverable", sender=sender, headers=headers))) == (
        "robot-sender"
    )


@pytest.mark.parametrize(
    "headers",
    [{}, {"Auto-Submitted": "no"}, {"X-Auto-Response-Suppress": "All"}, {"Precedence": "high"}],
)
def test_a_persons_mail_is_not_automatic(headers: dict[str, str]) -> None:
    assert automatic_signal(parse(mail("klaar", headers=headers))) is None


def test_automatic_mail_with_a_valid_token_is_still_dropped(
    asked: Asked, register: Register
) -> None:
    raw = mail("Afwezig", to=address(asked.token), headers={"Auto-Submitted": "auto-replied"})
    assert sort(register, raw).verdict is Verdict.AUTOMATIC
    assert (events(register), answers(register)) == (0, [])


@pytest.mark.parametrize(
    "sender",
    ["voortgang@example.org", "Voortgang+x@Example.org", "Voortgang BOCE <VOORTGANG@example.org>"],
)
def test_mail_from_our_own_addresses_is_a_loop(register: Register, sender: str) -> None:
    assert sort(register, mail("Hoe staat het?", sender=sender)).verdict is Verdict.LOOP
    assert answers(register) == []


def test_a_valid_reply_is_stored_without_its_quote(asked: Asked, register: Register) -> None:
    outcome = sort(register, mail("Loopt." + GMAIL_NL_QUOTE, to=address(asked.token)))
    assert outcome.verdict is Verdict.STORED
    assert not outcome.answered
    with register.sessions() as session:
        event = session.scalars(select(InboundEvent)).one()
    assert event.payload["text"] == "Loopt."
    assert event.user_id == str(asked.person_id)
    assert event.platform.value == "email"


def test_a_token_a_server_lowercased_is_found_through_the_message_id(
    asked: Asked, register: Register
) -> None:
    raw = mail(
        "klaar",
        to=address(asked.token).lower(),
        in_reply_to=f"<voortgang.{asked.token}@example.org>",
    )
    assert sort(register, raw).verdict is Verdict.STORED


def test_a_token_in_the_from_address_alone_counts_for_nothing(
    asked: Asked, register: Register
) -> None:
    raw = mail("klaar", sender=address(asked.token).replace("voortgang+", "fatima+"))
    assert sort(register, raw).reason == "token unknown"
    assert events(register) == 0


def test_an_expired_or_spent_token_is_answered_with_why(asked: Asked, register: Register) -> None:
    later = NOW + timedelta(days=61)
    assert sort(register, mail(SECRET, to=address(asked.token)), later).reason == "token expired"
    with register.sessions.begin() as session:
        used = mint(session, TokenPurpose.REPLY, asked.person_id, NOW)
        found = look_up(session, used, TokenPurpose.REPLY, NOW)
        assert found.token is not None
        assert spend(session, found.token.id, NOW)
    assert sort(register, mail(SECRET, to=address(used))).reason == "token spent"
    assert events(register) == 0
    # Fatima writes in Dutch (the programme's language); one answer each day at most.
    assert answers(register) == [t("mailin.expired", "nl")] * 2


def test_someone_elses_token_is_a_forgery_answered_as_unlinked(
    asked: Asked, register: Register
) -> None:
    outcome = sort(register, mail(SECRET, to=address(asked.token), sender=MAYA))
    assert (outcome.verdict, outcome.reason) == (Verdict.UNLINKED, "token of another person")
    assert events(register) == 0
    # Maya prefers English; the answer says nothing of the mail or of whose token it was.
    assert answers(register) == [t("mailin.unlinked", "en")]


def test_a_stranger_is_answered_in_dutch_and_english_once_a_day(register: Register) -> None:
    stranger = "iemand@elders.example"
    for _ in range(3):
        sort(register, mail(SECRET, sender=stranger))
    sort(register, mail(SECRET, sender=stranger), NOW + timedelta(days=1))
    both = t("mailin.unlinked", "nl") + "\n\n" + t("mailin.unlinked", "en")
    assert answers(register) == [both, both]
    assert all(SECRET not in text and "geheim" not in text for text in answers(register))


def test_a_reply_of_only_the_quote_stores_nothing_and_says_so_once(
    asked: Asked, register: Register
) -> None:
    for _ in range(2):
        outcome = sort(register, mail(GMAIL_NL_QUOTE.strip(), to=address(asked.token)))
        assert outcome.verdict is Verdict.EMPTY
    assert events(register) == 0
    assert answers(register) == [t("mailin.empty", "nl")]


def test_attachments_are_dropped_and_the_person_told(asked: Asked, register: Register) -> None:
    raw = mail(
        "Zie het verslag.",
        to=address(asked.token),
        attachments=(("verslag.pdf", "application/pdf", b"%PDF" + b"0" * 100),),
    )
    assert sort(register, raw).verdict is Verdict.STORED
    assert sort(register, raw).verdict is Verdict.DUPLICATE  # the same mail: told once
    assert answers(register) == [t("mailin.attachments_dropped", "nl")]


def test_a_too_large_mail_is_answered_once_whatever_its_token(
    asked: Asked, register: Register
) -> None:
    raw = mail("klaar", to=address(asked.token))
    assert sort(register, raw, too_large=True).verdict is Verdict.TOO_LARGE
    assert sort(register, raw, too_large=True).answered is False
    assert answers(register) == [t("mailin.too_large", "nl", megabytes=10)]
    assert events(register) == 0


def test_a_signature_logo_shown_inline_is_no_attachment_to_mention(
    asked: Asked, register: Register
) -> None:
    message = EmailMessage()
    message["From"] = FATIMA
    message["To"] = address(asked.token)
    message["Message-ID"] = "<logo@mail.example>"
    message.set_content("Loopt.")
    message.add_alternative('<p>Loopt.</p><img src="cid:logo">', subtype="html")
    html = next(part for part in message.iter_parts() if part.get_content_type() == "text/html")
    assert isinstance(html, EmailMessage)
    html.add_related(b"\x89PNG" + b"0" * 50, "image", "png", cid="<logo>", disposition="inline")
    parsed = parse(message.as_bytes())
    assert [(a.mime, a.inline) for a in parsed.attachments] == [("image/png", True)]
    assert sort(register, message.as_bytes()).verdict is Verdict.STORED
    assert answers(register) == []


def test_a_very_long_answer_is_stored_up_to_a_chat_messages_length(
    asked: Asked, register: Register
) -> None:
    outcome = sort(register, mail("klaar " * 20_000, to=address(asked.token)))
    assert outcome.verdict is Verdict.STORED
    with register.sessions() as session:
        event = session.scalars(select(InboundEvent)).one()
    assert len(event.payload["text"]) == MAX_TEXT


def test_someone_elses_expired_token_says_nothing_of_its_state(
    asked: Asked, register: Register
) -> None:
    later = NOW + timedelta(days=61)
    outcome = sort(register, mail("klaar", to=address(asked.token), sender=MAYA), later)
    assert outcome.reason == "token of another person"
    assert answers(register) == [t("mailin.unlinked", "en")]
