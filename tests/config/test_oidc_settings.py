"""Sign-in by OpenID Connect is configured with three settings, all or none."""

from __future__ import annotations

import re

import pytest

from config.oidc_settings import OidcSettings
from config.settings import SettingsError, load_settings

TENANT = "9188040d-6c67-4c5b-b112-36a304b66dad"
ENTRA = f"https://login.microsoftonline.com/{TENANT}/v2.0"
OIDC = {
    "VOORTGANG_OIDC_ISSUER": ENTRA,
    "VOORTGANG_OIDC_CLIENT_ID": "6cb04018-a3f5-46a7-b995-940c78f5aef3",
    "VOORTGANG_OIDC_CLIENT_SECRET": "Qx8Q~s3cr3t.value_-",
    "VOORTGANG_PUBLIC_URL": "https://voortgang.example.org",
}


def test_without_its_settings_there_is_no_oidc_sign_in() -> None:
    assert load_settings({}).oidc is None


def test_issuer_client_and_secret_make_the_provider_and_the_secret_is_never_shown() -> None:
    oidc = load_settings({**OIDC, "VOORTGANG_OIDC_NAME": "Microsoft"}).oidc
    assert oidc == OidcSettings(
        ENTRA, "6cb04018-a3f5-46a7-b995-940c78f5aef3", "Qx8Q~s3cr3t.value_-", "Microsoft"
    )
    assert oidc.discovery_url == f"{ENTRA}/.well-known/openid-configuration"
    assert "s3cr3t" not in repr(oidc)
    assert "s3cr3t" not in repr(load_settings(OIDC))


def test_a_trailing_slash_of_the_issuer_is_kept_and_dropped_only_for_discovery() -> None:
    oidc = load_settings({**OIDC, "VOORTGANG_OIDC_ISSUER": "https://tenant.auth0.com/"}).oidc
    assert oidc is not None
    assert oidc.issuer == "https://tenant.auth0.com/"  # as the provider's tokens name it
    assert oidc.discovery_url == "https://tenant.auth0.com/.well-known/openid-configuration"


@pytest.mark.parametrize(
    ("left_out", "named"),
    [
        ("VOORTGANG_OIDC_ISSUER", "VOORTGANG_OIDC_ISSUER: needed with"),
        ("VOORTGANG_OIDC_CLIENT_ID", "VOORTGANG_OIDC_CLIENT_ID: needed with"),
        ("VOORTGANG_OIDC_CLIENT_SECRET", "VOORTGANG_OIDC_CLIENT_SECRET: needed with"),
        ("VOORTGANG_PUBLIC_URL", "VOORTGANG_PUBLIC_URL: needed with VOORTGANG_OIDC_ISSUER"),
    ],
)
def test_one_setting_left_out_is_named(left_out: str, named: str) -> None:
    given = {name: value for name, value in OIDC.items() if name != left_out}
    with pytest.raises(SettingsError, match=named) as refused:
        load_settings(given)
    assert "s3cr3t" not in str(refused.value)


def test_a_button_label_alone_names_all_three() -> None:
    with pytest.raises(SettingsError) as refused:
        load_settings({"VOORTGANG_OIDC_NAME": "Microsoft"})
    assert str(refused.value) == (
        "VOORTGANG_OIDC_ISSUER, VOORTGANG_OIDC_CLIENT_ID, VOORTGANG_OIDC_CLIENT_SECRET: "
        "needed with VOORTGANG_OIDC_NAME"
    )


@pytest.mark.parametrize(
    ("issuer", "message"),
    [
        ("http://login.example.org", "not an https URL"),
        ("login.example.org", "not an https URL"),
        ("https://login.example.org/?tenant=x", "an issuer has no ? or #"),
        ("https://login.example.org/#x", "an issuer has no ? or #"),
        ("https://login.microsoftonline.com/common/v2.0", "Entra ID's 'common' takes any"),
        ("https://login.microsoftonline.com/organizations/v2.0", "'organizations' takes any"),
    ],
)
def test_the_issuer_is_an_https_url_without_query(issuer: str, message: str) -> None:
    with pytest.raises(SettingsError, match=re.escape(message)) as refused:
        load_settings({**OIDC, "VOORTGANG_OIDC_ISSUER": issuer})
    assert str(refused.value).startswith("VOORTGANG_OIDC_ISSUER: ")


def test_an_http_issuer_is_allowed_on_this_machine_only() -> None:
    oidc = load_settings({**OIDC, "VOORTGANG_OIDC_ISSUER": "http://127.0.0.1:5001/t/v2.0"}).oidc
    assert oidc is not None
    assert oidc.issuer == "http://127.0.0.1:5001/t/v2.0"
