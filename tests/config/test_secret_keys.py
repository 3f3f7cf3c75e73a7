"""VOORTGANG_SECRET_KEYS: one or more Fernet keys, newest first; checked when read, and never
shown (not in errors, not in the settings' repr)."""

from __future__ import annotations

import pytest

from config.settings import Settings, SettingsError, load_settings
from tests.fake_teams import APP_ID, APP_PASSWORD, TENANT
from tests.secret_keys import KEY, NEW_KEY


def test_keys_are_read_comma_separated_newest_first() -> None:
    settings = load_settings({"VOORTGANG_SECRET_KEYS": f" {NEW_KEY} , {KEY},"})
    assert settings.secret_keys == (NEW_KEY, KEY)
    assert load_settings({}).secret_keys == ()


def test_a_key_that_is_no_fernet_key_is_refused_without_showing_it() -> None:
    broken = "not-a-key-but-maybe-a-password"
    with pytest.raises(SettingsError) as raised:
        load_settings({"VOORTGANG_SECRET_KEYS": f"{KEY},{broken}"})
    message = str(raised.value)
    assert message.startswith("VOORTGANG_SECRET_KEYS: key 2 of 2 is not a Fernet key")
    assert "voortgang secret-key" in message
    assert broken not in message
    assert KEY not in message


def test_the_keys_never_show_in_the_settings_repr() -> None:
    settings = load_settings({"VOORTGANG_SECRET_KEYS": KEY})
    assert KEY not in repr(settings)


def test_tokens_are_stored_with_teams_and_with_slack_installs_through_oauth() -> None:
    teams = {"CLIENT_ID": APP_ID, "CLIENT_SECRET": APP_PASSWORD, "TENANT_ID": TENANT}
    oauth = {"SLACK_CLIENT_ID": "1.2", "SLACK_CLIENT_SECRET": "c", "SLACK_SIGNING_SECRET": "s"}
    single = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s"}
    assert load_settings(teams).stores_tokens
    assert load_settings(oauth).stores_tokens
    assert not load_settings(single).stores_tokens  # its one token stays in the environment
    assert not Settings().stores_tokens
