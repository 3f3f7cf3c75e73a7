"""A real Dovecot IMAP server on a free loopback port, for the mail reading tests and bench.

Started with a throwaway configuration in a temporary directory: plain IMAP on 127.0.0.1
(``ssl = no``), one user with a plain password in a passwd-file, maildir storage in the same
directory, its log there too. With ``tls=True`` it has a self-signed certificate for
127.0.0.1 instead: IMAPS on ``tls_port``, STARTTLS required on ``port``, and ``ca_file``
naming the certificate a client must trust. It runs in the foreground (``-F``) as a child
process and is stopped when the ``with`` block ends. As root, Dovecot's login and mail
processes may not run as root: they run as the users its Debian package made (``dovenull``,
``dovecot``); otherwise everything runs as the current user.

Without Dovecot installed (Debian: ``dovecot-imapd``) the tests skip with the reason, except
under CI (``CI=true``), where they fail.
"""

from __future__ import annotations

import contextlib
import grp
import os
import pwd
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from ipaddress import IPv4Address
from pathlib import Path
from typing import Final

import pytest
from imap_tools import BaseMailBox, MailBox, MailBoxUnencrypted

from config.settings import EmailSettings, MailSecurity, MailServer, load_settings
from tests.mailserver import make_certificates

USER: Final = "voortgang"
PASSWORD: Final = "imap-test-secret"
FOLDER: Final = "INBOX"
LOOPBACK: Final = IPv4Address("127.0.0.1")
START_TIMEOUT: Final = 20.0  # seconds; Dovecot is up in well under one

CONFIG: Final = """\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
{ssl}
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = {internal_user}
default_internal_group = {internal_group}
default_login_user = {login_user}
first_valid_uid = 1
first_valid_gid = 1
mail_max_userip_connections = 100
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={mail_uid} gid={mail_gid} home={root}/home/%u
}}
mail_location = maildir:{root}/mail/%u
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
  }}
}}
service anvil {{
  chroot =
}}
"""


@dataclass(frozen=True)
class Dovecot:
    host: str
    port: int
    root: Path
    tls_port: int = 0  # IMAPS, with ``tls=True``
    ca_file: Path | None = None  # the throwaway CA that signed its certificate, with ``tls=True``

    def connect(self) -> BaseMailBox:
        if self.ca_file is not None:
            context = ssl.create_default_context(cafile=str(self.ca_file))
            return MailBox(self.host, self.tls_port, timeout=30, ssl_context=context).login(
                USER, PASSWORD, initial_folder=FOLDER
            )
        return MailBoxUnencrypted(self.host, self.port, timeout=30).login(
            USER, PASSWORD, initial_folder=FOLDER
        )

    def append(self, *mails: bytes) -> None:
        """Put mails in the folder as a mail server's delivery would (IMAP APPEND)."""
        with self.connect() as mailbox:
            for raw in mails:
                mailbox.append(raw, FOLDER)

    def clear(self) -> None:
        """Empty the folder: each test starts with no mail."""
        with self.connect() as mailbox:
            uids = mailbox.uids("ALL")
            if uids:
                mailbox.client.uid("STORE", ",".join(uids), "+FLAGS.SILENT", "(\\Deleted)")
                mailbox.client.expunge()

    def flagged(self, flag: str) -> int:
        """How many mails in the folder carry ``flag`` (a keyword such as $VoortgangDone)."""
        with self.connect() as mailbox:
            return len(mailbox.uids(f"KEYWORD {flag}"))

    def email_settings(
        self,
        reply_address: str = "voortgang@example.org",
        poll: float = 0.2,
        security: MailSecurity = MailSecurity.NONE,
    ) -> EmailSettings:
        port = self.tls_port if security is MailSecurity.TLS else self.port
        return EmailSettings(
            smtp=MailServer("127.0.0.1", 25, MailSecurity.NONE),
            sender=f"Voortgang BOCE <{reply_address}>",
            reply_address=reply_address,
            imap=MailServer(self.host, port, security, USER, PASSWORD),
            imap_folder=FOLDER,
            imap_poll=poll,
            ca_file=self.ca_file,
        )


def dovecot_binary() -> str:
    """Dovecot's path; skips the test without it (fails it under CI)."""
    found = shutil.which("dovecot") or shutil.which("dovecot", path="/usr/sbin:/sbin")
    if found is None:
        reason = "Dovecot is not installed (Debian: apt-get install -y dovecot-imapd)"
        if load_settings().ci:
            pytest.fail(f"CI=true: {reason}")
        pytest.skip(reason)
    return found


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _users(root: Path) -> dict[str, object]:
    if os.geteuid() != 0:
        me = pwd.getpwuid(os.geteuid())
        group = grp.getgrgid(os.getegid()).gr_name
        return {
            "internal_user": me.pw_name,
            "internal_group": group,
            "login_user": me.pw_name,
            "mail_uid": me.pw_uid,
            "mail_gid": me.pw_gid,
        }
    # Root: Dovecot refuses root for its login and mail processes; its own users serve.
    mail = pwd.getpwnam("dovecot")
    (root / "mail").mkdir()
    os.chown(root / "mail", mail.pw_uid, mail.pw_gid)
    root.chmod(0o755)  # the mail processes, no longer root, must reach their maildir
    return {
        "internal_user": "dovecot",
        "internal_group": grp.getgrgid(mail.pw_gid).gr_name,
        "login_user": "dovenull",
        "mail_uid": mail.pw_uid,
        "mail_gid": mail.pw_gid,
    }


def _wait_until_up(server: Dovecot, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", server.port), 1):
            return
        time.sleep(0.05)  # a server starting: the one wait here that is not for a clock
    log = server.root / "dovecot.log"
    tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
    raise RuntimeError(f"Dovecot did not start on port {server.port}:\n{tail}")


@contextlib.contextmanager
def running_dovecot(*, tls: bool = False) -> Iterator[Dovecot]:
    """A Dovecot for the length of the block, in a temporary directory removed after."""
    binary = dovecot_binary()
    root = Path(tempfile.mkdtemp(prefix="voortgang-dovecot-"))
    try:
        for name in ("run", "state"):
            (root / name).mkdir()
        (root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
        port = _free_port()
        tls_port = _free_port() if tls else 0
        ca_file: Path | None = None
        ssl_setting = "ssl = no"
        if tls:
            made = make_certificates(root)
            made.key_file.chmod(0o600)
            ca_file = made.ca_file
            ssl_setting = (
                f"ssl = required\nssl_cert = <{made.cert_file}\nssl_key = <{made.key_file}"
            )
        config = root / "dovecot.conf"
        config.write_text(
            CONFIG.format(root=root, port=port, tls_port=tls_port, ssl=ssl_setting, **_users(root))
        )
        process = subprocess.Popen(
            [binary, "-F", "-c", str(config)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        server = Dovecot("127.0.0.1", port, root, tls_port, ca_file)
        try:
            _wait_until_up(server, process)
            yield server
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    finally:
        shutil.rmtree(root, ignore_errors=True)
