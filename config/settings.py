"""One frozen settings object, built from the environment in one place.

Nothing else in Voortgang reads ``os.environ``: modules receive a ``Settings`` and so tests can
build one by hand without touching the process environment.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from enum import StrEnum
from math import isfinite
from pathlib import Path
from typing import Final
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from config.oidc_settings import OidcSettings, issuer_problem
from config.secret_keys import MAKE_KEY, valid_key
from config.secret_keys import SETTING as SECRET_KEYS_SETTING
from words.catalogue import Language, language
from words.errors import VoortgangError

DEFAULT_DATABASE_URL = "sqlite:///voortgang.db"
DEFAULT_TIMEZONE = "Europe/Amsterdam"
PROGRAMMES_DIR = Path(__file__).resolve().parent / "programmes"
EXAMPLE_PROGRAMME = PROGRAMMES_DIR / "boce.yaml"
SLACK_MANIFEST = Path(__file__).resolve().parent / "slack_manifest.yaml"
DEFAULT_FILES_DIR = "voortgang-bestanden"
# How long a sender's claim on outbox messages lasts: a process that died mid-send (kill -9)
# holds them that long, after which they are checked with the platform and sent.
DEFAULT_SEND_LEASE = timedelta(minutes=2)


class SettingsError(VoortgangError, ValueError):
    """A setting in the environment has a value Voortgang cannot use."""


DEFAULT_SLACK_API_URL = "https://slack.com/api/"
DEFAULT_SLACK_AUTHORIZE_URL = "https://slack.com/oauth/v2/authorize"


@dataclass(frozen=True, slots=True)
class SlackSettings:
    """Slack: one workspace, when SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are set; or any
    number of workspaces installing the app through OAuth, when SLACK_CLIENT_ID,
    SLACK_CLIENT_SECRET and SLACK_SIGNING_SECRET are set (their bot tokens are stored)."""

    signing_secret: str
    bot_token: str | None = None
    # Socket Mode: no public URL needed (development, a single instance).
    app_token: str | None = None
    # The Web API's base URL: tests point it at a fake on a loopback port.
    api_url: str = DEFAULT_SLACK_API_URL
    client_id: str | None = None
    client_secret: str | None = None
    # Where Slack sends the installer back; None: the first redirect URL of the app's settings.
    redirect_uri: str | None = None
    # Slack's page where an installer approves the app (tests point it at a fake).
    authorize_url: str = DEFAULT_SLACK_AUTHORIZE_URL

    @property
    def socket_mode(self) -> bool:
        return self.app_token is not None

    @property
    def oauth(self) -> bool:
        return self.client_id is not None and self.client_secret is not None


# The Bot Framework as Teams uses it (Microsoft's public cloud).
DEFAULT_TEAMS_SERVICE_URL = "https://smba.trafficmanager.net/teams/"
DEFAULT_TEAMS_OPENID_URL = "https://login.botframework.com/v1/.well-known/openidconfiguration"
DEFAULT_TEAMS_LOGIN_URL = "https://login.microsoftonline.com"
# What the Teams SDK reads to switch off the check of incoming tokens: refused, see _teams.
UNAUTHENTICATED_SWITCHES = ("DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS", "SKIP_AUTH")
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})


@dataclass(frozen=True, slots=True)
class TeamsSettings:
    """Teams, when CLIENT_ID, CLIENT_SECRET and TENANT_ID are set: a single-tenant Azure bot.

    Every incoming request's token is checked; there is no setting that turns that off.
    """

    client_id: str
    client_secret: str
    tenant_id: str
    # Where 1:1 chats are created before the bot has heard from a tenant (then the service
    # URL of Teams' own activities is used).
    service_url: str = DEFAULT_TEAMS_SERVICE_URL
    # Where the keys of incoming tokens are published, and where the bot gets its own token:
    # Microsoft's public cloud, or a fake on a loopback port in tests.
    openid_url: str = DEFAULT_TEAMS_OPENID_URL
    login_url: str = DEFAULT_TEAMS_LOGIN_URL

    @property
    def bot_id(self) -> str:
        """The bot in a Teams conversation: "28:" and its Microsoft app id."""
        return f"28:{self.client_id}"

    @property
    def token_url(self) -> str:
        """The client credentials endpoint of the bot's own tenant (a single-tenant bot)."""
        return f"{self.login_url.rstrip('/')}/{self.tenant_id}/oauth2/v2.0/token"


class MailSecurity(StrEnum):
    TLS = "tls"  # TLS from the first byte (SMTP 465, IMAP 993)
    STARTTLS = "starttls"  # plain, then STARTTLS before logging in (SMTP 587, IMAP 143)
    NONE = "none"  # no TLS at all: only to a server on this machine (tests, a local relay)


DEFAULT_PORTS = {
    "smtp": {MailSecurity.TLS: 465, MailSecurity.STARTTLS: 587, MailSecurity.NONE: 25},
    "imap": {MailSecurity.TLS: 993, MailSecurity.STARTTLS: 143, MailSecurity.NONE: 143},
}
DEFAULT_IMAP_POLL = 60.0  # seconds between looks in the mailbox when IDLE is not offered


@dataclass(frozen=True, slots=True)
class MailServer:
    host: str
    port: int
    security: MailSecurity
    user: str | None = None
    password: str | None = field(default=None, repr=False)


@dataclass(frozen=True, slots=True)
class EmailSettings:
    """Email, when VOORTGANG_SMTP_HOST and VOORTGANG_MAIL_FROM are set: pings, digests and
    letters by mail; with VOORTGANG_IMAP_HOST, replies read from that mailbox as well."""

    smtp: MailServer
    # Who the mails come from, as a header: "Voortgang BOCE <voortgang@example.org>".
    sender: str
    # Where replies go: local part and domain, a reply token added as "+token" to the local
    # part ("voortgang+<token>@example.org"); the mailbox IMAP reads must receive them.
    reply_address: str
    imap: MailServer | None = None
    imap_folder: str = "INBOX"
    imap_poll: float = DEFAULT_IMAP_POLL
    # A certificate authority to trust besides the system's (a server with its own CA).
    ca_file: Path | None = None

    @property
    def reply_domain(self) -> str:
        return self.reply_address.rpartition("@")[2]


@dataclass(frozen=True, slots=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    language: Language = "nl"
    timezone: str = DEFAULT_TIMEZONE
    # Programme file loaded into an empty database when the bot starts, so the first run shows
    # real work; None disables it.
    example_programme: Path | None = EXAMPLE_PROGRAMME
    # Only for the test suite: a PostgreSQL server to run the storage tests against as well.
    test_database_url: str | None = None
    ci: bool = False
    # Where the web process listens; PORT is what hosting platforms hand out.
    host: str = "127.0.0.1"
    port: int = 8000
    # LibreOffice's soffice, for PDF letters; None when it is not installed.
    soffice: str | None = None
    # Where the console chat saves the files the bot hands over (a draft brief), so they can be
    # opened; None prints only their names.
    files_dir: Path | None = None
    slack: SlackSettings | None = None
    teams: TeamsSettings | None = None
    # Fernet keys for platform tokens stored in the database, newest first: the first
    # encrypts, all decrypt (VOORTGANG_SECRET_KEYS; see storage.encryption). Never shown.
    secret_keys: tuple[str, ...] = field(default=(), repr=False)
    send_lease: timedelta = DEFAULT_SEND_LEASE
    email: EmailSettings | None = None
    # The web process's address as people reach it (https), for personal links in messages;
    # None: messages carry no link to the update form.
    public_url: str | None = None
    # The email addresses of the people who operate the deployment (VOORTGANG_OPERATORS, comma
    # separated): on the web app, they may put set-aside events and jobs back in line.
    operators: tuple[str, ...] = ()
    oidc: OidcSettings | None = None

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def stores_tokens(self) -> bool:
        """True when platform tokens are kept in the database: Slack installs through OAuth
        (bot tokens per workspace), Teams (upload URLs of files people allowed)."""
        return self.teams is not None or (self.slack is not None and self.slack.oauth)


def _flag(value: str | None) -> bool:
    return value is not None and value.strip().lower() in {"1", "true", "yes", "on"}


def _nonempty(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    return value.strip()


def _port(value: str | None) -> int:
    if value is None or not value.strip():
        return 8000
    if not value.strip().isdigit() or not 0 < int(value) < 65536:
        raise SettingsError(f"PORT: not a port number: {value!r}")
    return int(value)


def _lease(value: str | None) -> timedelta:
    if value is None or not value.strip():
        return DEFAULT_SEND_LEASE
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if not isfinite(seconds) or seconds < 1:
        raise SettingsError(
            f"VOORTGANG_SEND_LEASE_SECONDS: not a number of seconds, 1 or more: {value!r}"
        )
    return timedelta(seconds=seconds)


def normalise_database_url(url: str) -> str:
    """Accept the URL forms hosting platforms hand out and select the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    env = os.environ if environ is None else environ
    timezone = _nonempty(env.get("VOORTGANG_TIMEZONE")) or DEFAULT_TIMEZONE
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as err:
        raise SettingsError(f"VOORTGANG_TIMEZONE: unknown time zone {timezone!r}") from err
    example = env.get("VOORTGANG_EXAMPLE")
    test_url = _nonempty(env.get("TEST_DATABASE_URL"))
    return Settings(
        database_url=normalise_database_url(
            _nonempty(env.get("DATABASE_URL")) or DEFAULT_DATABASE_URL
        ),
        language=language(env.get("VOORTGANG_LANGUAGE")),
        timezone=timezone,
        example_programme=(
            EXAMPLE_PROGRAMME if example is None else (Path(example) if example.strip() else None)
        ),
        test_database_url=None if test_url is None else normalise_database_url(test_url),
        ci=_flag(env.get("CI")),
        host=_nonempty(env.get("HOST")) or "127.0.0.1",
        port=_port(env.get("PORT")),
        soffice=_nonempty(env.get("VOORTGANG_SOFFICE")) or _find_soffice(),
        files_dir=Path(_nonempty(env.get("VOORTGANG_FILES")) or DEFAULT_FILES_DIR),
        slack=_slack(env),
        teams=_teams(env),
        secret_keys=_secret_keys(env.get(SECRET_KEYS_SETTING)),
        send_lease=_lease(env.get("VOORTGANG_SEND_LEASE_SECONDS")),
        email=_email(env),
        public_url=_public_url(env.get("VOORTGANG_PUBLIC_URL")),
        operators=_operators(env.get("VOORTGANG_OPERATORS")),
        oidc=_oidc(env),
    )


def _operators(value: str | None) -> tuple[str, ...]:
    found: list[str] = []
    for part in (value or "").split(","):
        address = part.strip().lower()
        if not address:
            continue
        if "@" not in address or any(c.isspace() for c in address):
            raise SettingsError(f"VOORTGANG_OPERATORS: not an email address: {address!r}")
        found.append(address)
    return tuple(found)


def _secret_keys(value: str | None) -> tuple[str, ...]:
    """One or more Fernet keys, separated by commas; a key is never repeated in an error."""
    keys = tuple(key.strip() for key in (value or "").split(",") if key.strip())
    for number, key in enumerate(keys, start=1):
        if not valid_key(key):
            raise SettingsError(
                f"{SECRET_KEYS_SETTING}: key {number} of {len(keys)} is not a Fernet key (32 "
                f"bytes in url-safe base64); make one with `voortgang secret-key` or {MAKE_KEY}"
            )
    return keys


def _https(name: str, value: str) -> str:
    """A URL the bot sends secrets to or trusts keys from: https, or http on loopback only."""
    parsed = urlsplit(value)
    local = parsed.scheme == "http" and parsed.hostname in LOOPBACK_HOSTS
    if not parsed.hostname or not (parsed.scheme == "https" or local):
        raise SettingsError(f"{name}: not an https URL: {value!r}")
    return value


def _teams(env: Mapping[str, str]) -> TeamsSettings | None:
    for switch in UNAUTHENTICATED_SWITCHES:
        if _nonempty(env.get(switch)) is not None:
            raise SettingsError(
                f"{switch}: Voortgang always checks the tokens of Teams requests; remove it"
            )
    client_id = _nonempty(env.get("CLIENT_ID"))
    if client_id is None:
        return None
    secret, tenant = _nonempty(env.get("CLIENT_SECRET")), _nonempty(env.get("TENANT_ID"))
    if secret is None or tenant is None:
        raise SettingsError("CLIENT_SECRET and TENANT_ID: needed with CLIENT_ID (Teams)")
    service_url = _nonempty(env.get("TEAMS_SERVICE_URL")) or DEFAULT_TEAMS_SERVICE_URL
    return TeamsSettings(
        client_id=client_id,
        client_secret=secret,
        tenant_id=tenant,
        service_url=_https("TEAMS_SERVICE_URL", service_url),
        openid_url=_https(
            "TEAMS_OPENID_URL", _nonempty(env.get("TEAMS_OPENID_URL")) or DEFAULT_TEAMS_OPENID_URL
        ),
        login_url=_https(
            "TEAMS_LOGIN_URL", _nonempty(env.get("TEAMS_LOGIN_URL")) or DEFAULT_TEAMS_LOGIN_URL
        ),
    )


def _slack(env: Mapping[str, str]) -> SlackSettings | None:
    token = _nonempty(env.get("SLACK_BOT_TOKEN"))
    secret = _nonempty(env.get("SLACK_SIGNING_SECRET"))
    client_id = _nonempty(env.get("SLACK_CLIENT_ID"))
    client_secret = _nonempty(env.get("SLACK_CLIENT_SECRET"))
    if token is None and client_id is None:
        if client_secret is not None:
            raise SettingsError("SLACK_CLIENT_ID: needed with SLACK_CLIENT_SECRET")
        return None
    if token is not None and client_id is not None:
        raise SettingsError(
            "SLACK_BOT_TOKEN and SLACK_CLIENT_ID: one workspace with its bot token, or installs "
            "through OAuth, not both"
        )
    if secret is None:
        raise SettingsError("SLACK_SIGNING_SECRET: needed with SLACK_BOT_TOKEN or SLACK_CLIENT_ID")
    if client_id is not None and client_secret is None:
        raise SettingsError("SLACK_CLIENT_SECRET: needed with SLACK_CLIENT_ID")
    api_url = _nonempty(env.get("SLACK_API_URL")) or DEFAULT_SLACK_API_URL
    redirect = _nonempty(env.get("SLACK_REDIRECT_URI"))
    authorize = _nonempty(env.get("SLACK_AUTHORIZE_URL")) or DEFAULT_SLACK_AUTHORIZE_URL
    return SlackSettings(
        signing_secret=secret,
        bot_token=token,
        app_token=_nonempty(env.get("SLACK_APP_TOKEN")),
        api_url=api_url if api_url.endswith("/") else api_url + "/",
        client_id=client_id,
        client_secret=client_secret,
        redirect_uri=None if redirect is None else _https("SLACK_REDIRECT_URI", redirect),
        authorize_url=_https("SLACK_AUTHORIZE_URL", authorize),
    )


def _find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _public_url(value: str | None) -> str | None:
    url = _nonempty(value)
    if url is None:
        return None
    return _https("VOORTGANG_PUBLIC_URL", url).rstrip("/")


OIDC_NEEDED: Final = ("ISSUER", "CLIENT_ID", "CLIENT_SECRET")


def _oidc(env: Mapping[str, str]) -> OidcSettings | None:
    """All of issuer, client id and secret, or none; the secret never appears in a message."""
    given = {key: _nonempty(env.get(f"VOORTGANG_OIDC_{key}")) for key in (*OIDC_NEEDED, "NAME")}
    named = [f"VOORTGANG_OIDC_{key}" for key, value in given.items() if value is not None]
    missing = [f"VOORTGANG_OIDC_{key}" for key in OIDC_NEEDED if given[key] is None]
    if not named:
        return None
    if missing:
        raise SettingsError(f"{', '.join(missing)}: needed with {', '.join(named)}")
    issuer, client_id, secret = (str(given[key]) for key in OIDC_NEEDED)
    problem = issuer_problem(_https("VOORTGANG_OIDC_ISSUER", issuer))
    if problem is not None:
        raise SettingsError(f"VOORTGANG_OIDC_ISSUER: {problem}: {issuer!r}")
    # The provider sends people back to an address of ours, which its registration must list:
    # taken from the settings, never from a request's Host header, which a client chooses.
    if _nonempty(env.get("VOORTGANG_PUBLIC_URL")) is None:
        raise SettingsError("VOORTGANG_PUBLIC_URL: needed with VOORTGANG_OIDC_ISSUER")
    return OidcSettings(issuer, client_id, secret, given["NAME"])


def _security(name: str, value: str | None, default: MailSecurity) -> MailSecurity:
    given = _nonempty(value)
    if given is None:
        return default
    try:
        return MailSecurity(given.lower())
    except ValueError:
        raise SettingsError(f"{name}: tls, starttls or none, not {given!r}") from None


def _mail_server(env: Mapping[str, str], kind: str) -> MailServer | None:
    prefix = f"VOORTGANG_{kind.upper()}_"
    host = _nonempty(env.get(prefix + "HOST"))
    if host is None:
        return None
    security = _security(prefix + "SECURITY", env.get(prefix + "SECURITY"), MailSecurity.STARTTLS)
    if security is MailSecurity.NONE and host not in LOOPBACK_HOSTS:
        raise SettingsError(
            f"{prefix}SECURITY: none sends passwords and mail in the clear; it is allowed only "
            f"for a server on this machine, not {host!r}"
        )
    port_text = _nonempty(env.get(prefix + "PORT"))
    if port_text is None:
        port = DEFAULT_PORTS[kind][security]
    elif port_text.isdigit() and 0 < int(port_text) < 65536:
        port = int(port_text)
    else:
        raise SettingsError(f"{prefix}PORT: not a port number: {port_text!r}")
    user = _nonempty(env.get(prefix + "USER"))
    password = env.get(prefix + "PASSWORD")
    if user is not None and not password:
        raise SettingsError(f"{prefix}PASSWORD: needed with {prefix}USER")
    return MailServer(host, port, security, user, password if user is not None else None)


def _address(name: str, value: str) -> str:
    """The bare address of a header value such as "Voortgang <voortgang@example.org>"."""
    from email.utils import parseaddr  # noqa: PLC0415 - only with email configured

    _, address = parseaddr(value)
    local, at, domain = address.rpartition("@")
    if not at or not local or "." not in domain or " " in address:
        raise SettingsError(f"{name}: not an email address: {value!r}")
    return address


def _email(env: Mapping[str, str]) -> EmailSettings | None:
    smtp = _mail_server(env, "smtp")
    imap = _mail_server(env, "imap")
    sender = _nonempty(env.get("VOORTGANG_MAIL_FROM"))
    if smtp is None:
        if imap is not None or sender is not None:
            raise SettingsError("VOORTGANG_SMTP_HOST: needed with VOORTGANG_MAIL_FROM or IMAP")
        return None
    if sender is None:
        raise SettingsError("VOORTGANG_MAIL_FROM: needed with VOORTGANG_SMTP_HOST")
    _address("VOORTGANG_MAIL_FROM", sender)
    reply = _nonempty(env.get("VOORTGANG_MAIL_REPLY"))
    reply_address = _address(
        "VOORTGANG_MAIL_REPLY" if reply is not None else "VOORTGANG_MAIL_FROM",
        sender if reply is None else reply,
    )
    if "+" in reply_address.partition("@")[0]:
        raise SettingsError(
            f"VOORTGANG_MAIL_REPLY: {reply_address!r} has a '+' already; Voortgang adds "
            "'+<token>' to the part before the @ itself"
        )
    poll_text = _nonempty(env.get("VOORTGANG_IMAP_POLL_SECONDS"))
    try:
        poll = DEFAULT_IMAP_POLL if poll_text is None else float(poll_text)
    except ValueError:
        poll = 0.0
    if not isfinite(poll) or poll < 1:
        raise SettingsError(
            f"VOORTGANG_IMAP_POLL_SECONDS: not a number of seconds, 1 or more: {poll_text!r}"
        )
    ca_file = _nonempty(env.get("VOORTGANG_MAIL_CA_FILE"))
    if ca_file is not None and not Path(ca_file).is_file():
        raise SettingsError(f"VOORTGANG_MAIL_CA_FILE: no such file: {ca_file!r}")
    return EmailSettings(
        smtp=smtp,
        sender=sender,
        reply_address=reply_address,
        imap=imap,
        imap_folder=_nonempty(env.get("VOORTGANG_IMAP_FOLDER")) or "INBOX",
        imap_poll=poll,
        ca_file=None if ca_file is None else Path(ca_file),
    )
