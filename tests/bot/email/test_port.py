"""bot.email.port and bot.email.smtp against a real SMTP server on a loopback port."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import pytest

from bot.email.port import EmailPort
from config.settings import MailSecurity
from tests.mailserver import MailServer, mail_settings, make_certificates, read
from words.chat.delivery import Delivery, DeliveryKind
from words.chat.messages import File, Message
from words.clock import FixedClock
from words.domain import Source
from words.errors import DeliveryError, Unreachable

# aiosmtpd warns that AUTH without TLS is unsafe: true, and the point on loopback is to see
# the login itself; TLS with a login is tested as well.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")

TOKEN = "Abc_def-0123456789abcdefghijklmnopqrstuvwxy"
CLOCK = FixedClock(datetime(2026, 11, 22, 8, tzinfo=UTC))


def dm(key: str = "ping:1", to: str = "rob@example.org", text: str = "Hoe staat #12?") -> Delivery:
    return Delivery(key, DeliveryKind.DM, to, "Rob Jansen", message=Message(text))


@pytest.fixture
def server() -> Iterator[MailServer]:
    with MailServer() as running:
        yield running


@pytest.fixture
def port(server: MailServer) -> Iterator[EmailPort]:
    email = EmailPort(mail_settings(server.port), CLOCK, timeout=5)
    yield email
    email.close()


def test_the_port_is_the_email_platform(port: EmailPort) -> None:
    assert port.platform is Source.EMAIL


def test_a_direct_message_arrives_and_its_message_id_is_the_reference(
    server: MailServer, port: EmailPort
) -> None:
    ref = port.deliver(dm())
    [got] = server.received
    assert got.rcpt_tos == ("rob@example.org",)
    assert got.mail_from == "voortgang@example.org"
    mail = read(got.data)
    assert mail["Message-ID"] == ref
    assert mail["Subject"] == "Hoe staat #12?"


def test_a_thread_reply_refers_to_the_mail_it_answers(server: MailServer, port: EmailPort) -> None:
    first = port.deliver(dm())
    reply = Delivery(
        "reply:1",
        DeliveryKind.THREAD,
        "rob@example.org",
        "Rob",
        first,
        message=Message("Genoteerd."),
    )
    second = port.deliver(reply)
    mail = read(server.received[1].data)
    assert mail["In-Reply-To"] == first
    assert mail["References"] == first
    assert mail["Subject"] == "Re: Genoteerd."
    assert second != first


def test_an_update_sends_nothing_and_keeps_the_first_mail_as_reference(
    server: MailServer, port: EmailPort
) -> None:
    first = port.deliver(dm())
    update = Delivery(
        "update:1", DeliveryKind.UPDATE, "rob@example.org", "Rob", first, message=Message("x")
    )
    assert port.deliver(update) == first
    assert len(server.received) == 1


def test_a_file_arrives_attached(server: MailServer, port: EmailPort) -> None:
    content = b"PK\x03\x04" + bytes(range(256)) * 100
    file = File(
        "brief.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        content,
        "Het concept.",
    )
    port.deliver(Delivery("letter:1", DeliveryKind.DM, "rob@example.org", "Rob", file=file))
    attachment = next(iter(read(server.received[0].data).mail.iter_attachments()))
    assert attachment.get_filename() == "brief.docx"
    assert attachment.get_content() == content


def test_the_token_is_in_reply_to_and_message_id(server: MailServer, port: EmailPort) -> None:
    ref = port.deliver(
        Delivery(
            "ping:2",
            DeliveryKind.DM,
            "rob@example.org",
            "Rob",
            message=Message("Hoi"),
            reply_token=TOKEN,
        )
    )
    mail = read(server.received[0].data)
    assert mail["Reply-To"] == f"voortgang+{TOKEN}@reply.example.org"
    assert ref == mail["Message-ID"] == f"<voortgang.{TOKEN}@reply.example.org>"


def test_a_temporary_refusal_is_transient(server: MailServer, port: EmailPort) -> None:
    server.refuse("rob@example.org", "450 4.2.1 Mailbox busy, try later")
    with pytest.raises(DeliveryError) as refused:
        port.deliver(dm())
    assert not refused.value.permanent
    assert not isinstance(refused.value, Unreachable)
    assert "450" in refused.value.reason
    assert "Mailbox busy" in refused.value.reason
    # The connection is still good for the next mail, and for this one once allowed.
    server.allow("rob@example.org")
    port.deliver(dm())
    port.deliver(dm(to="ann@example.org"))
    assert len(server.received) == 2
    assert server.connections == 1


def test_a_recipient_refused_for_good_is_unreachable(server: MailServer, port: EmailPort) -> None:
    server.refuse("gone@example.org", "550 5.1.1 No such user here")
    with pytest.raises(Unreachable) as refused:
        port.deliver(dm(to="gone@example.org"))
    assert "550" in refused.value.reason
    assert "No such user" in refused.value.reason
    port.deliver(dm())  # the others still get theirs
    assert [r.rcpt_tos for r in server.received] == [("rob@example.org",)]


def test_refused_data_is_permanent_but_not_the_persons_fault(
    server: MailServer, port: EmailPort
) -> None:
    server.refuse_data("554 5.7.1 Message rejected as spam")
    with pytest.raises(DeliveryError) as refused:
        port.deliver(dm())
    assert refused.value.permanent
    assert not isinstance(refused.value, Unreachable)
    assert "554" in refused.value.reason
    server.refuse_data("451 4.3.0 Try again")
    with pytest.raises(DeliveryError) as later:
        port.deliver(dm())
    assert not later.value.permanent


def test_one_connection_carries_many_mails(server: MailServer, port: EmailPort) -> None:
    refs = {port.deliver(dm(key=f"ping:{n}", to=f"p{n}@example.org")) for n in range(25)}
    assert len(refs) == 25
    assert len(server.received) == 25
    assert server.connections == 1
    assert {r.connection for r in server.received} == {1}
    assert port.connections == 1


def test_a_connection_the_server_closed_is_opened_again_once(
    server: MailServer, port: EmailPort
) -> None:
    port.deliver(dm(key="ping:1"))
    server.drop()
    port.deliver(dm(key="ping:2"))
    port.deliver(dm(key="ping:3"))
    assert [r.connection for r in server.received] == [1, 2, 2]
    assert port.connections == 2


def test_hanging_up_after_the_data_is_ambiguous(server: MailServer, port: EmailPort) -> None:
    server.hang_up_after_data()
    with pytest.raises(DeliveryError) as lost:
        port.deliver(dm())
    assert lost.value.ambiguous
    assert not lost.value.permanent
    assert len(server.received) == 1  # the server did take it: hence find's caution
    server.hang_up_after_data(on=False)
    port.deliver(dm(key="ping:2"))
    assert len(server.received) == 2


def test_find_cannot_ask_smtp(port: EmailPort) -> None:
    assert port.find("ping:1", dm()) is None


def test_no_server_is_transient() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    port = EmailPort(mail_settings(closed), CLOCK, timeout=2)
    with pytest.raises(DeliveryError) as failed:
        port.deliver(dm())
    assert not failed.value.permanent
    assert not failed.value.ambiguous


def test_login() -> None:
    with MailServer(login=("voortgang", "s3cret-Pa55")) as server:
        port = EmailPort(
            mail_settings(server.port, user="voortgang", password="s3cret-Pa55"), CLOCK
        )
        port.deliver(dm())
        port.close()
    assert [r.login for r in server.received] == ["voortgang"]


def test_a_wrong_password_is_transient_and_never_told() -> None:
    with MailServer(login=("voortgang", "s3cret-Pa55")) as server:
        port = EmailPort(mail_settings(server.port, user="voortgang", password="wrong-Pa55"), CLOCK)
        with pytest.raises(DeliveryError) as refused:
            port.deliver(dm())
    assert not refused.value.permanent  # the setting is mended, the mails wait meanwhile
    assert "535" in refused.value.reason
    assert "wrong-Pa55" not in refused.value.reason
    assert "wrong-Pa55" not in repr(port.settings)
    assert server.received == []


def test_a_server_that_wants_a_login_refuses_without() -> None:
    with MailServer(login=("voortgang", "s3cret-Pa55")) as server:
        port = EmailPort(mail_settings(server.port), CLOCK)
        with pytest.raises(DeliveryError) as refused:
            port.deliver(dm())
    assert "530" in refused.value.reason


@pytest.mark.parametrize("security", [MailSecurity.STARTTLS, MailSecurity.TLS])
def test_tls_with_our_own_ca_and_a_login(tmp_path: Path, security: MailSecurity) -> None:
    certificates = make_certificates(tmp_path)
    kind: Literal["tls", "starttls"] = "tls" if security is MailSecurity.TLS else "starttls"
    with MailServer(login=("voortgang", "pw"), tls=certificates, security=kind) as server:
        settings = mail_settings(
            server.port,
            security=security,
            user="voortgang",
            password="pw",
            ca_file=certificates.ca_file,
        )
        port = EmailPort(settings, CLOCK)
        port.deliver(dm())
        port.deliver(dm(key="ping:2"))
        port.close()
    assert [r.login for r in server.received] == ["voortgang", "voortgang"]
    assert server.connections == 1


def test_tls_refuses_a_server_it_does_not_trust(tmp_path: Path) -> None:
    certificates = make_certificates(tmp_path)
    with MailServer(tls=certificates, security="tls") as server:
        port = EmailPort(mail_settings(server.port, security=MailSecurity.TLS), CLOCK, timeout=5)
        with pytest.raises(DeliveryError) as refused:
            port.deliver(dm())
    assert "certificate" in refused.value.reason
    assert server.received == []
