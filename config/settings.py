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
    )


def _find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")
