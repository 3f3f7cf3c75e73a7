"""Settings come from one mapping, validated once."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

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


def test_slack_needs_its_signing_secret_and_reads_its_api_url() -> None:
    assert load_settings({}).slack is None
    with pytest.raises(SettingsError, match="SLACK_SIGNING_SECRET"):
        load_settings({"SLACK_BOT_TOKEN": "xoxb-1"})
    slack = load_settings(
        {
            "SLACK_BOT_TOKEN": "xoxb-1",
            "SLACK_SIGNING_SECRET": "s",
            "SLACK_API_URL": "http://127.0.0.1:9/api",
        }
    ).slack
    assert slack is not None
    assert slack.api_url == "http://127.0.0.1:9/api/"
    assert not slack.socket_mode


def test_slack_socket_mode_with_an_app_token() -> None:
    env = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "SLACK_APP_TOKEN": "xapp-1"}
    slack = load_settings(env).slack
    assert slack is not None
    assert slack.socket_mode
    assert slack.api_url == "https://slack.com/api/"


def test_slack_installs_through_oauth_with_the_apps_client_credentials() -> None:
    env = {"SLACK_CLIENT_ID": "1.2", "SLACK_CLIENT_SECRET": "c", "SLACK_SIGNING_SECRET": "s"}
    slack = load_settings(env).slack
    assert slack is not None
    assert slack.oauth
    assert slack.bot_token is None
    assert slack.redirect_uri is None
    assert slack.authorize_url == "https://slack.com/oauth/v2/authorize"
    redirect = {**env, "SLACK_REDIRECT_URI": "https://voortgang.example.org/slack/oauth_redirect"}
    found = load_settings(redirect).slack
    assert found is not None
    assert found.redirect_uri == redirect["SLACK_REDIRECT_URI"]


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"SLACK_CLIENT_ID": "1.2", "SLACK_SIGNING_SECRET": "s"}, "SLACK_CLIENT_SECRET: needed"),
        ({"SLACK_CLIENT_SECRET": "c", "SLACK_SIGNING_SECRET": "s"}, "SLACK_CLIENT_ID: needed"),
        ({"SLACK_CLIENT_ID": "1.2", "SLACK_CLIENT_SECRET": "c"}, "SLACK_SIGNING_SECRET"),
        (
            {
                "SLACK_CLIENT_ID": "1.2",
                "SLACK_CLIENT_SECRET": "c",
                "SLACK_SIGNING_SECRET": "s",
                "SLACK_BOT_TOKEN": "xoxb-1",
            },
            "not both",
        ),
        (
            {
                "SLACK_CLIENT_ID": "1.2",
                "SLACK_CLIENT_SECRET": "c",
                "SLACK_SIGNING_SECRET": "s",
                "SLACK_REDIRECT_URI": "http://voortgang.example.org/slack/oauth_redirect",
            },
            "SLACK_REDIRECT_URI: not an https URL",
        ),
    ],
)
def test_incomplete_or_contradicting_slack_oauth_settings_are_refused(
    env: dict[str, str], message: str
) -> None:
    with pytest.raises(SettingsError, match=message):
        load_settings(env)


def test_libreoffice_and_the_console_folder_can_be_set() -> None:
    settings = load_settings({"VOORTGANG_SOFFICE": "/opt/lo/soffice", "VOORTGANG_FILES": "uit"})
    assert settings.soffice == "/opt/lo/soffice"
    assert settings.files_dir == Path("uit")


def test_the_send_lease_is_two_minutes_unless_set_in_seconds() -> None:
    assert load_settings({}).send_lease == timedelta(minutes=2)
    assert load_settings({"VOORTGANG_SEND_LEASE_SECONDS": " "}).send_lease == timedelta(minutes=2)
    assert load_settings({"VOORTGANG_SEND_LEASE_SECONDS": "7.5"}).send_lease == timedelta(
        seconds=7.5
    )


@pytest.mark.parametrize("value", ["0", "0.5", "-3", "twee", "nan", "inf"])
def test_a_send_lease_that_is_no_number_of_seconds_is_refused(value: str) -> None:
    with pytest.raises(SettingsError, match="VOORTGANG_SEND_LEASE_SECONDS"):
        load_settings({"VOORTGANG_SEND_LEASE_SECONDS": value})


TEAMS = {"CLIENT_ID": "app-1", "CLIENT_SECRET": "secret", "TENANT_ID": "tenant-1"}


def test_teams_is_a_single_tenant_bot_with_its_id_secret_and_tenant() -> None:
    assert load_settings({}).teams is None
    teams = load_settings(TEAMS).teams
    assert teams is not None
    assert (teams.client_id, teams.tenant_id, teams.bot_id) == ("app-1", "tenant-1", "28:app-1")
    assert teams.token_url == "https://login.microsoftonline.com/tenant-1/oauth2/v2.0/token"
    assert teams.openid_url.startswith("https://login.botframework.com/")
    with pytest.raises(SettingsError, match="CLIENT_SECRET and TENANT_ID"):
        load_settings({"CLIENT_ID": "app-1", "TENANT_ID": "tenant-1"})


@pytest.mark.parametrize("switch", ["DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS", "SKIP_AUTH"])
def test_checking_teams_tokens_cannot_be_switched_off(switch: str) -> None:
    with pytest.raises(SettingsError, match="always checks the tokens"):
        load_settings({**TEAMS, switch: "true"})
    with pytest.raises(SettingsError, match="always checks the tokens"):
        load_settings({switch: "1"})


def test_teams_urls_must_be_https_except_on_loopback() -> None:
    local = load_settings({**TEAMS, "TEAMS_OPENID_URL": "http://127.0.0.1:9/v1/keys"}).teams
    assert local is not None
    assert local.openid_url == "http://127.0.0.1:9/v1/keys"
    for name in ("TEAMS_OPENID_URL", "TEAMS_LOGIN_URL", "TEAMS_SERVICE_URL"):
        with pytest.raises(SettingsError, match=f"{name}: not an https URL"):
            load_settings({**TEAMS, name: "http://keys.example.org/"})


def test_slack_teams_and_email_run_in_one_deployment() -> None:
    every = {
        **TEAMS,
        "SLACK_BOT_TOKEN": "xoxb-1",
        "SLACK_SIGNING_SECRET": "s",
        "VOORTGANG_SMTP_HOST": "smtp.example.org",
        "VOORTGANG_MAIL_FROM": "Voortgang BOCE <voortgang@example.org>",
    }
    settings = load_settings(every)
    assert settings.slack is not None
    assert settings.teams is not None
    assert settings.email is not None


MAIL = {
    "VOORTGANG_SMTP_HOST": "smtp.example.org",
    "VOORTGANG_SMTP_USER": "voortgang",
    "VOORTGANG_SMTP_PASSWORD": "geheim-wachtwoord",
    "VOORTGANG_MAIL_FROM": "Voortgang BOCE <voortgang@example.org>",
    "VOORTGANG_IMAP_HOST": "imap.example.org",
    "VOORTGANG_IMAP_SECURITY": "tls",
    "VOORTGANG_IMAP_USER": "voortgang",
    "VOORTGANG_IMAP_PASSWORD": "ander-geheim",
}


def test_email_settings_have_safe_defaults_and_never_show_a_password() -> None:
    email = load_settings(MAIL).email
    assert email is not None
    assert (email.smtp.port, email.smtp.security.value) == (587, "starttls")
    assert email.imap is not None
    assert (email.imap.port, email.imap_folder, email.imap_poll) == (993, "INBOX", 60.0)
    assert (email.reply_address, email.reply_domain) == ("voortgang@example.org", "example.org")
    assert "geheim" not in repr(email)
    assert "geheim" not in repr(load_settings(MAIL))


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"VOORTGANG_MAIL_FROM": ""}, "VOORTGANG_MAIL_FROM"),
        ({"VOORTGANG_MAIL_FROM": "Voortgang"}, "VOORTGANG_MAIL_FROM"),
        ({"VOORTGANG_SMTP_SECURITY": "none"}, "VOORTGANG_SMTP_SECURITY"),
        ({"VOORTGANG_SMTP_SECURITY": "ssl3"}, "VOORTGANG_SMTP_SECURITY"),
        ({"VOORTGANG_SMTP_PORT": "smtp"}, "VOORTGANG_SMTP_PORT"),
        ({"VOORTGANG_SMTP_PASSWORD": ""}, "VOORTGANG_SMTP_PASSWORD"),
        ({"VOORTGANG_MAIL_REPLY": "voortgang+boce@example.org"}, "VOORTGANG_MAIL_REPLY"),
        ({"VOORTGANG_IMAP_POLL_SECONDS": "0"}, "VOORTGANG_IMAP_POLL_SECONDS"),
        ({"VOORTGANG_MAIL_CA_FILE": "/nergens/ca.pem"}, "VOORTGANG_MAIL_CA_FILE"),
        ({"VOORTGANG_SMTP_HOST": ""}, "VOORTGANG_SMTP_HOST"),
    ],
)
def test_email_settings_that_cannot_work_are_refused_by_name(
    change: dict[str, str], named: str
) -> None:
    with pytest.raises(SettingsError, match=named) as refused:
        load_settings({**MAIL, **change})
    assert "geheim" not in str(refused.value)


def test_mail_without_tls_is_allowed_only_on_this_machine() -> None:
    local = {**MAIL, "VOORTGANG_SMTP_HOST": "127.0.0.1", "VOORTGANG_SMTP_SECURITY": "none"}
    email = load_settings(local).email
    assert email is not None
    assert email.smtp.port == 25


def test_the_public_address_is_https_or_this_machine() -> None:
    assert load_settings({"VOORTGANG_PUBLIC_URL": "https://vg.example.org/"}).public_url == (
        "https://vg.example.org"
    )
    assert load_settings({"VOORTGANG_PUBLIC_URL": "http://127.0.0.1:8000"}).public_url
    with pytest.raises(SettingsError, match="VOORTGANG_PUBLIC_URL"):
        load_settings({"VOORTGANG_PUBLIC_URL": "http://vg.example.org"})
