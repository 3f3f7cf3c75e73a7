"""One frozen settings object, built from the environment in one place.

Nothing else in Voortgang reads ``os.environ``: modules receive a ``Settings`` and so tests can
build one by hand without touching the process environment.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.catalogue import Language, language

DEFAULT_DATABASE_URL = "sqlite:///voortgang.db"
DEFAULT_TIMEZONE = "Europe/Amsterdam"
PROGRAMMES_DIR = Path(__file__).resolve().parent / "programmes"
EXAMPLE_PROGRAMME = PROGRAMMES_DIR / "boce.yaml"
DEFAULT_FILES_DIR = "voortgang-bestanden"


class SettingsError(ValueError):
    """A setting in the environment has a value Voortgang cannot use."""


DEFAULT_SLACK_API_URL = "https://slack.com/api/"


@dataclass(frozen=True, slots=True)
class SlackSettings:
    """Slack, when SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are set (a single workspace), or
    SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_SIGNING_SECRET (installs through OAuth)."""

    signing_secret: str
    bot_token: str | None = None
    # Socket Mode: no public URL needed (development, a single instance).
    app_token: str | None = None
    # The Web API's base URL: tests point it at a fake on a loopback port.
    api_url: str = DEFAULT_SLACK_API_URL
    client_id: str | None = None
    client_secret: str | None = None
    state_secret: str | None = None

    @property
    def socket_mode(self) -> bool:
        return self.app_token is not None

    @property
    def oauth(self) -> bool:
        return self.client_id is not None and self.client_secret is not None


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

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


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
    )


def _slack(env: Mapping[str, str]) -> SlackSettings | None:
    token = _nonempty(env.get("SLACK_BOT_TOKEN"))
    secret = _nonempty(env.get("SLACK_SIGNING_SECRET"))
    client_id = _nonempty(env.get("SLACK_CLIENT_ID"))
    client_secret = _nonempty(env.get("SLACK_CLIENT_SECRET"))
    if token is None and client_id is None:
        return None
    if secret is None:
        raise SettingsError("SLACK_SIGNING_SECRET: needed with SLACK_BOT_TOKEN or SLACK_CLIENT_ID")
    if client_id is not None and client_secret is None:
        raise SettingsError("SLACK_CLIENT_SECRET: needed with SLACK_CLIENT_ID")
    api_url = _nonempty(env.get("SLACK_API_URL")) or DEFAULT_SLACK_API_URL
    return SlackSettings(
        signing_secret=secret,
        bot_token=token,
        app_token=_nonempty(env.get("SLACK_APP_TOKEN")),
        api_url=api_url if api_url.endswith("/") else api_url + "/",
        client_id=client_id,
        client_secret=client_secret,
        state_secret=_nonempty(env.get("SLACK_STATE_SECRET")),
    )


def _find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")
