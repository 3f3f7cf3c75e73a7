"""Settings come from one mapping, validated once."""

from __future__ import annotations

import pytest

from config.settings import (
    DEFAULT_DATABASE_URL,
    EXAMPLE_PROGRAMME,
    SettingsError,
    load_settings,
)


def test_defaults_are_the_embedded_setup() -> None:
    settings = load_settings({})
    assert settings.database_url == DEFAULT_DATABASE_URL
    assert settings.language == "nl"
    assert settings.timezone == "Europe/Amsterdam"
    assert settings.example_programme == EXAMPLE_PROGRAMME
    assert settings.test_database_url is None
    assert not settings.ci


def test_hosting_urls_select_the_psycopg_driver() -> None:
    settings = load_settings({"DATABASE_URL": "postgres://u:p@db/voortgang", "CI": "true"})
    assert settings.database_url == "postgresql+psycopg://u:p@db/voortgang"
    assert settings.ci


def test_empty_example_disables_it_and_english_is_chosen() -> None:
    settings = load_settings({"VOORTGANG_EXAMPLE": "", "VOORTGANG_LANGUAGE": "en"})
    assert settings.example_programme is None
    assert settings.language == "en"


def test_unknown_time_zone_is_refused() -> None:
    with pytest.raises(SettingsError, match="Mars/Olympus"):
        load_settings({"VOORTGANG_TIMEZONE": "Mars/Olympus"})
