"""bot.email.reading: replies APPENDed to a real Dovecot, read by the MailReader, handled by the
inbox worker; on SQLite and PostgreSQL."""

from __future__ import annotations

import ssl
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.email.parsing import ParsedMail
from bot.email.reading import (
    ASIDE,
    DONE,
    IMAP_ERRORS,
    KEYWORDS,
    SYSTEM_FLAGS,
    MailReader,
    marks_for,
)
from bot.email.sorting import Outcome, Verdict
from bot.engine.opening import Register, import_file
from bot.engine.worker import InboxWorker
from config.settings import MailSecurity, Settings
from storage.models import InboundEvent, MailAnswer, OutboxMessage, StatusUpdate
from tests.conftest import BOCE
from tests.imapserver import Dovecot, running_dovecot
from tests.mail_samples import (
    FATIMA,
    GMAIL_NL_QUOTE,
    MAYA,
    Asked,
    address,
    mail,
    message_id,
    ping_by_mail,
)
from words.clock import FixedClock
from words.domain import Source, Status

READ_AT = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def server() -> Iterator[Dovecot]:
    with running_dovecot() as dovecot:
        yield dovecot


@pytest.fixture
def dovecot(server: Dovecot) -> Dovecot:
    server.clear()
    return server


@pytest.fixture
def asked(register: Register, settings: Settings, clock: FixedClock) -> Asked:
    import_file(register, BOCE, settings, clock)
    return ping_by_mail(register, FATIMA)


@pytest.fixture
def reader(register: Register, dovecot: Dovecot, settings: Settings) -> Iterator[MailReader]:
    made = MailReader(
        register.sessions, FixedClock(READ_AT), dovecot.email_settings(), settings.zone
    )
    yield made
    made.close()


def count(register: Register, table: type[object]) -> int:
    with register.sessions() as session:
        found = session.scalar(select(func.count()).select_from(table))
    return 0 if found is None else found


def answers(register: Register) -> int:
    with register.sessions() as session:
        found = session.scalar(
            select(func.count())
            .select_from(OutboxMessage)
            .where(OutboxMessage.key.like("mailin:%"))
        )
    return 0 if found is None else found


def test_a_reply_becomes_an_update_on_the_asked_action(
    asked: Asked, reader: MailReader, dovecot: Dovecot, register: Register, settings: Settings
) -> None:
    dovecot.append(
        mail("Klaar, de aanvraag is verstuurd." + GMAIL_NL_QUOTE, to=address(asked.token))
    )
    report = reader.run_once()
    assert report[Verdict.STORED] == 1
    assert dovecot.flagged(DONE) == 1
    assert InboxWorker(register, FixedClock(READ_AT), settings.zone).run_once() == 1
    with register.sessions() as session:
        update = session.scalars(select(StatusUpdate)).one()
        event = session.scalars(select(InboundEvent)).one()
        assert update.source is Source.EMAIL
        assert update.action_id in asked.actions
        assert update.status is Status.DONE
        assert event.person_id == asked.person_id
        assert event.payload["thread"] == message_id(asked.token)
        assert "schreef" not in event.payload["text"]  # the quote stayed out
    assert reader.run_once().read == 0  # marked: never read again


def test_the_same_mail_delivered_twice_is_one_event_and_one_update(
    asked: Asked, reader: MailReader, dovecot: Dovecot, register: Register, settings: Settings
) -> None:
    raw = mail("Loopt volgens plan.", to=address(asked.token), msg_id="<twice@mail.example>")
    dovecot.append(raw, raw)
    report = reader.run_once()
    assert (report[Verdict.STORED], report[Verdict.DUPLICATE]) == (1, 1)
    InboxWorker(register, FixedClock(READ_AT), settings.zone).run_once()
    assert count(register, InboundEvent) == 1
    assert count(register, StatusUpdate) == 1


def test_the_token_in_the_message_id_answered_is_enough(
    asked: Asked, reader: MailReader, dovecot: Dovecot, register: Register
) -> None:
    # A client that replies to the From address, not Reply-To: In-Reply-To still names it.
    dovecot.append(mail("vertraagd", in_reply_to=message_id(asked.token)))
    assert reader.run_once()[Verdict.STORED] == 1


def test_forged_replies_change_nothing_and_are_answered_once_a_day(
    asked: Asked, reader: MailReader, dovecot: Dovecot, register: Register
) -> None:
    dovecot.append(
        mail("klaar"),  # no token at all
        mail("klaar", to=address(asked.token), sender=MAYA),  # Fatima's token, from Maya
        mail("klaar", to=address("A" * 43)),  # a token nobody was given
        mail("klaar", sender=address(asked.token).replace("voortgang", "fatima")),  # From only
        mail("klaar", sender="stranger@elders.example"),
    )
    report = reader.run_once()
    assert report[Verdict.UNLINKED] == 5
    assert count(register, InboundEvent) == 0
    assert count(register, StatusUpdate) == 0
    # One answer for each sender on the day: Fatima, Maya, the From-only address, a stranger.
    assert answers(register) == 4
    assert count(register, MailAnswer) == 4
    dovecot.append(mail("nog eens"), mail("nog eens", sender=MAYA))
    assert reader.run_once()[Verdict.UNLINKED] == 2
    assert answers(register) == 4


def test_an_out_of_office_storm_is_dropped_unanswered(
    asked: Asked, reader: MailReader, dovecot: Dovecot, register: Register
) -> None:
    styles = [
        {"Auto-Submitted": "auto-replied"},  # RFC 3834 (Gmail's vacation responder)
        {"X-Auto-Response-Suppress": "All", "Auto-Submitted": "auto-generated"},  # Exchange
        {"X-Autoreply": "yes"},
        {"Precedence": "auto_reply"},
        {"Return-Path": "<>"},
    ]
    storm = [
        mail("Ik ben afwezig tot 1 december.", to=address(asked.token), headers=styles[n % 5])
        for n in range(95)
    ]
    bounce = (
        b"From: MAILER-DAEMON@mx.example\r\nTo: voortgang@example.org\r\n"
        b"Subject: Undelivered\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/plain\r\n\r\nDelivery failed.\r\n--b--\r\n"
    )
    dovecot.append(*storm, *[bounce] * 5)
    report = reader.run_once()
    assert report[Verdict.AUTOMATIC] == 100
    assert (count(register, InboundEvent), answers(register)) == (0, 0)


def test_our_own_mail_coming_back_is_ignored(
    asked: Asked, reader: MailReader, dovecot: Dovecot, register: Register
) -> None:
    dovecot.append(
        mail("Hoe staat het?", sender="Voortgang BOCE <voortgang@example.org>", to=FATIMA),
        mail("Hoe staat het?", to=address(asked.token), headers={"X-Voortgang-Key": "ab" * 32}),
    )
    assert reader.run_once()[Verdict.LOOP] == 2
    assert (count(register, InboundEvent), answers(register)) == (0, 0)


def test_a_huge_mail_is_refused_unread_and_answered_once(
    asked: Asked, dovecot: Dovecot, register: Register, settings: Settings
) -> None:
    reader = MailReader(
        register.sessions,
        FixedClock(READ_AT),
        dovecot.email_settings(),
        settings.zone,
        max_bytes=64 * 1024,  # the limit scaled down: the same path as 10 MB
    )
    big = ("bijlage.pdf", "application/pdf", b"%PDF" + b"x" * 200_000)
    dovecot.append(
        mail("klaar", to=address(asked.token), attachments=(big,)),
        mail("klaar", to=address(asked.token), attachments=(big,)),
    )
    report = reader.run_once()
    reader.close()
    assert report[Verdict.TOO_LARGE] == 2
    assert count(register, InboundEvent) == 0
    assert answers(register) == 1


def test_the_thread_reads_new_mail_as_it_comes_and_stops(
    asked: Asked, reader: MailReader, dovecot: Dovecot, register: Register
) -> None:
    stop = threading.Event()
    thread = threading.Thread(target=reader.run_forever, args=(stop,))
    thread.start()
    try:
        dovecot.append(mail("klaar", to=address(asked.token)))
        for _ in range(200):  # IDLE (or the short poll) brings it within a second or so
            if count(register, InboundEvent):
                break
            stop.wait(0.05)
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()
    assert count(register, InboundEvent) == 1
    assert dovecot.flagged(ASIDE) == 0


def test_a_mail_that_cannot_be_decided_is_set_aside_and_the_rest_read(
    asked: Asked,
    reader: MailReader,
    dovecot: Dovecot,
    register: Register,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sort = reader.sorter.sort

    def failing_on_one(session: Session, mail: ParsedMail, now: datetime, **kw: bool) -> Outcome:
        if "boom" in mail.text:
            raise ValueError("a bug this mail alone meets")
        return sort(session, mail, now, **kw)

    monkeypatch.setattr(reader.sorter, "sort", failing_on_one)
    dovecot.append(
        mail("boom", to=address(asked.token)),
        mail("klaar", to=address(asked.token)),
    )
    report = reader.run_once()
    assert (report.set_aside, report[Verdict.STORED]) == (1, 1)
    assert (dovecot.flagged(ASIDE), dovecot.flagged(DONE)) == (1, 1)
    assert reader.run_once().read == 0  # neither is read again


def test_a_broken_connection_is_made_again(
    asked: Asked, reader: MailReader, dovecot: Dovecot, register: Register
) -> None:
    reader.run_once()
    assert reader.mailbox is not None
    reader.mailbox.client.shutdown()  # the server or the network dropped it
    dovecot.append(mail("klaar", to=address(asked.token)))
    with pytest.raises(IMAP_ERRORS):
        reader.run_once()
    assert reader.mailbox is None
    assert reader.run_once()[Verdict.STORED] == 1


def test_a_mailbox_that_refuses_the_login_is_reported_not_crashed(
    dovecot: Dovecot, register: Register, settings: Settings
) -> None:
    good = dovecot.email_settings()
    assert good.imap is not None
    wrong = replace(good, imap=replace(good.imap, password="not-the-password"))
    reader = MailReader(register.sessions, FixedClock(READ_AT), wrong, settings.zone)
    with pytest.raises(IMAP_ERRORS):
        reader.run_once()


@pytest.fixture(scope="module")
def tls_server() -> Iterator[Dovecot]:
    with running_dovecot(tls=True) as dovecot:
        yield dovecot


@pytest.mark.parametrize("security", [MailSecurity.TLS, MailSecurity.STARTTLS])
def test_the_mailbox_is_read_over_tls_trusting_the_configured_authority(
    asked: Asked,
    tls_server: Dovecot,
    register: Register,
    settings: Settings,
    security: MailSecurity,
) -> None:
    tls_server.clear()
    tls_server.append(mail("klaar", to=address(asked.token)))
    reader = MailReader(
        register.sessions,
        FixedClock(READ_AT),
        tls_server.email_settings(security=security),
        settings.zone,
    )
    try:
        assert reader.run_once()[Verdict.STORED] == 1
    finally:
        reader.close()


def test_a_certificate_nobody_vouches_for_is_refused(
    tls_server: Dovecot, register: Register, settings: Settings
) -> None:
    untrusted = replace(tls_server.email_settings(security=MailSecurity.TLS), ca_file=None)
    reader = MailReader(register.sessions, FixedClock(READ_AT), untrusted, settings.zone)
    with pytest.raises(ssl.SSLCertVerificationError):
        reader.run_once()


def test_a_server_without_keywords_of_its_own_gets_system_flags() -> None:
    dovecot_like = [b"(\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)"]
    exchange_like = [b"(\\Seen \\Draft \\Deleted \\Flagged \\Answered)"]
    assert marks_for(dovecot_like) is KEYWORDS
    assert marks_for(exchange_like) is SYSTEM_FLAGS
    assert marks_for([]) is SYSTEM_FLAGS


def test_dovecot_keeps_keywords(reader: MailReader, dovecot: Dovecot) -> None:
    reader.run_once()
    assert reader.marks is KEYWORDS


def test_a_reader_that_died_before_marking_changes_nothing_the_second_time(
    asked: Asked,
    reader: MailReader,
    dovecot: Dovecot,
    register: Register,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dovecot.append(mail("klaar", to=address(asked.token)), mail("klaar", sender=MAYA))
    with monkeypatch.context() as patched:
        # The process stops after the decisions were committed, before the mails were marked.
        patched.setattr(reader, "_mark", lambda *args: None)
        first = reader.run_once()
    assert (first[Verdict.STORED], first[Verdict.UNLINKED], first.answered) == (1, 1, 1)
    again = reader.run_once()
    assert (again[Verdict.DUPLICATE], again[Verdict.UNLINKED], again.answered) == (1, 1, 0)
    InboxWorker(register, FixedClock(READ_AT), reader.sorter.zone).run_once()
    assert count(register, InboundEvent) == 1
    assert count(register, StatusUpdate) == 1
    assert answers(register) == 1
    assert reader.run_once().read == 0
