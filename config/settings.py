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
from math import isfinite
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

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
        slack=_only_one(_slack(env), _teams(env)),
        teams=_teams(env),
        secret_keys=_secret_keys(env.get(SECRET_KEYS_SETTING)),
        send_lease=_lease(env.get("VOORTGANG_SEND_LEASE_SECONDS")),
    )


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


def _only_one(slack: SlackSettings | None, teams: TeamsSettings | None) -> SlackSettings | None:
    # One deployment serves one chat platform: its outbox has one sender, and people and
    # theme channels are found on that platform.
    if slack is not None and teams is not None:
        raise SettingsError(
            "SLACK_BOT_TOKEN and CLIENT_ID: configure Slack or Teams, not both; "
            "run a second deployment for the other platform"
        )
    return slack


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
