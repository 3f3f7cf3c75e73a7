"""The OpenID Connect flow against a fake Entra ID tenant on loopback: a sign-in goes through
only with the state, nonce, signature, issuer, audience and expiry all as they must be."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import logging
from collections.abc import Iterator
from datetime import timedelta
from urllib.parse import parse_qsl, urlsplit

import jwt
import pytest

from bot.web.core.signing import Signer
from bot.web.oidc.oidc_cookie import seal, unseal
from bot.web.oidc.oidc_flow import Begun, OidcFlow, Refusal, Verified, local_path
from config.oidc_settings import OidcSettings
from tests.fake_oidc import CLIENT_ID, KEY_ID, OTHER_KEY, FakeProvider, Forgery, public_jwk
from words.clock import FixedClock

PUBLIC_URL = "https://voortgang.example.org"
SIGNER = Signer(["the deployment's secret"])
EMAIL = "Rob.Jansen@Emmen.nl"


@pytest.fixture
def provider(clock: FixedClock) -> Iterator[FakeProvider]:
    with FakeProvider(clock) as fake:
        fake.redirect_uris = {PUBLIC_URL + "/inloggen/oidc/terug"}
        fake.user = fake.person(EMAIL)
        yield fake


def settings_of(provider: FakeProvider, **changes: str) -> OidcSettings:
    given = {
        "issuer": provider.issuer,
        "client_id": provider.client_id,
        "client_secret": provider.client_secret,
    }
    return OidcSettings(**(given | changes))


@pytest.fixture
def flow(provider: FakeProvider, clock: FixedClock) -> OidcFlow:
    return OidcFlow(settings_of(provider), PUBLIC_URL, clock, SIGNER)


def begin(flow: OidcFlow, next_path: str | None = None) -> Begun:
    begun = asyncio.run(flow.begin(next_path, "nl"))
    assert isinstance(begun, Begun), begun
    return begun


def back(provider: FakeProvider, begun: Begun) -> dict[str, str]:
    """The query the provider sends the browser back with."""
    location = provider.answer(begun.location)
    assert location.startswith(PUBLIC_URL + "/inloggen/oidc/terug?")
    return dict(parse_qsl(urlsplit(location).query))


def finish(flow: OidcFlow, query: dict[str, str], cookie: str | None) -> Verified | Refusal:
    return asyncio.run(flow.finish(query, cookie))


def sign_in(flow: OidcFlow, provider: FakeProvider) -> Verified | Refusal:
    begun = begin(flow)
    return finish(flow, back(provider, begun), begun.cookie)


def ours(caplog: pytest.LogCaptureFixture) -> str:
    """What Voortgang logged (not the test's own browser, whose addresses carry the answer)."""
    return "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("bot."))


def refused(result: Verified | Refusal) -> str:
    assert isinstance(result, Refusal), result
    return result.reason


def test_a_sign_in_gives_the_verified_address_in_lower_case(
    flow: OidcFlow, provider: FakeProvider
) -> None:
    begun = begin(flow, "/p/boce/acties?thema=omgevingswet")
    result = finish(flow, back(provider, begun), begun.cookie)
    assert result == Verified("rob.jansen@emmen.nl", "email", "/p/boce/acties?thema=omgevingswet")


def test_the_request_is_the_code_flow_with_pkce_s256_state_and_nonce(
    flow: OidcFlow, provider: FakeProvider, clock: FixedClock
) -> None:
    begun = begin(flow)
    sent = dict(parse_qsl(urlsplit(begun.location).query))
    pending = unseal(begun.cookie, SIGNER, clock.now())
    challenge = base64.urlsafe_b64encode(hashlib.sha256(pending.verifier.encode()).digest())
    assert sent == {
        "response_type": "code",
        "client_id": CLIENT_ID,
        "redirect_uri": PUBLIC_URL + "/inloggen/oidc/terug",
        "scope": "openid email profile",
        "state": pending.state,
        "nonce": pending.nonce,
        "code_challenge": challenge.rstrip(b"=").decode(),
        "code_challenge_method": "S256",
        "ui_locales": "nl",
    }
    assert 43 <= len(pending.verifier) <= 128
    assert len({pending.state, pending.nonce, pending.verifier}) == 3
    assert pending.expires_at == clock.now() + timedelta(minutes=10)
    # The verifier goes to the token endpoint only, with the client's secret in Basic.
    assert isinstance(finish(flow, back(provider, begun), begun.cookie), Verified)
    form, authorization = provider.token_requests[-1]
    assert form["code_verifier"] == pending.verifier
    assert authorization.startswith("Basic ")
    assert "client_secret" not in form


def test_a_provider_without_basic_authentication_gets_the_secret_in_the_form(
    flow: OidcFlow, provider: FakeProvider
) -> None:
    provider.discovery = {"token_endpoint_auth_methods_supported": ["client_secret_post"]}
    assert isinstance(sign_in(flow, provider), Verified)
    form, authorization = provider.token_requests[-1]
    assert (form["client_id"], form["client_secret"]) == (CLIENT_ID, provider.client_secret)
    assert authorization == ""


def test_a_wrong_state_is_refused_without_asking_the_provider(
    flow: OidcFlow, provider: FakeProvider
) -> None:
    begun = begin(flow)
    query = back(provider, begun) | {"state": "an-attacker's-state"}
    assert refused(finish(flow, query, begun.cookie)) == "expired"
    assert provider.hits["token"] == 0


def test_an_answer_for_a_sign_in_begun_in_another_browser_is_refused(
    flow: OidcFlow, provider: FakeProvider
) -> None:
    mine, theirs = begin(flow), begin(flow)
    assert refused(finish(flow, back(provider, theirs), mine.cookie)) == "expired"
    assert refused(finish(flow, back(provider, mine), None)) == "expired"


def test_a_made_up_or_changed_cookie_is_refused(
    flow: OidcFlow, provider: FakeProvider, clock: FixedClock
) -> None:
    begun = begin(flow)
    query = back(provider, begun)
    pending = unseal(begun.cookie, SIGNER, clock.now())
    assert refused(finish(flow, query, seal(pending, Signer(["another"])))) == "expired"
    body, _, signature = begun.cookie.rpartition(".")
    assert refused(finish(flow, query, body[:-2] + "AA." + signature)) == "expired"
    assert refused(finish(flow, query, "garbage")) == "expired"
    assert refused(finish(flow, query, "é" + begun.cookie)) == "expired"
    assert refused(finish(flow, query | {"state": "ü" * 32}, begun.cookie)) == "expired"
    # Another cookie of the web app, signed with the same key, is no sign-in.
    assert refused(finish(flow, query, SIGNER.sign(pending.state))) == "expired"


def test_a_sign_in_older_than_ten_minutes_is_refused(
    flow: OidcFlow, provider: FakeProvider, clock: FixedClock
) -> None:
    begun = begin(flow)
    query = back(provider, begun)
    clock.advance(timedelta(minutes=10))
    assert refused(finish(flow, query, begun.cookie)) == "expired"
    assert provider.hits["token"] == 0


def test_an_answer_brought_back_twice_is_refused_here_and_by_the_provider(
    flow: OidcFlow, provider: FakeProvider, clock: FixedClock
) -> None:
    begun = begin(flow)
    query = back(provider, begun)
    assert isinstance(finish(flow, query, begun.cookie), Verified)
    assert refused(finish(flow, query, begun.cookie)) == "used"
    assert provider.hits["token"] == 1
    # Another web process does not know the answer; the provider refuses its code again.
    other = OidcFlow(settings_of(provider), PUBLIC_URL, clock, SIGNER)
    result = finish(other, query, begun.cookie)
    assert result == Refusal("provider_error", 400, code="invalid_grant")


def test_a_wrong_nonce_is_refused(flow: OidcFlow, provider: FakeProvider) -> None:
    provider.forge = Forgery(claims={"nonce": "a-nonce-of-another-sign-in"})
    assert refused(sign_in(flow, provider)) == "bad_token"
    provider.forge = Forgery(leave_out=("nonce",))
    assert refused(sign_in(flow, provider)) == "bad_token"


def test_a_token_signed_by_another_key_is_refused(flow: OidcFlow, provider: FakeProvider) -> None:
    provider.forge = Forgery(key=OTHER_KEY)  # under the provider's own key id
    assert refused(sign_in(flow, provider)) == "bad_token"


def test_an_unknown_key_id_fetches_the_keys_again_once_in_five_minutes(
    flow: OidcFlow, provider: FakeProvider, clock: FixedClock
) -> None:
    assert isinstance(sign_in(flow, provider), Verified)
    assert provider.hits["keys"] == 1
    provider.forge = Forgery(key=OTHER_KEY, kid="made-up")
    assert refused(sign_in(flow, provider)) == "bad_token"
    assert provider.hits["keys"] == 2
    provider.forge = Forgery(key=OTHER_KEY, kid="made-up-again")
    assert refused(sign_in(flow, provider)) == "bad_token"
    assert provider.hits["keys"] == 2
    # The provider rolls in a new key: found once the five minutes have passed.
    provider.extra_keys = [public_jwk(OTHER_KEY, "rolled-in", provider.issuer)]
    clock.advance(timedelta(minutes=5))
    provider.forge = Forgery(key=OTHER_KEY, kid="rolled-in")
    assert isinstance(sign_in(flow, provider), Verified)
    assert provider.hits["keys"] == 3


def test_a_token_signed_with_the_client_secret_is_refused(
    flow: OidcFlow, provider: FakeProvider
) -> None:
    """HS256 with the secret proves nothing: the client knows it too."""
    begun = begin(flow)
    query = back(provider, begun)
    grant = provider.grants[query["code"]]
    claims = jwt.decode(provider.id_token(grant), options={"verify_signature": False})
    forged = jwt.encode(
        claims, provider.client_secret.encode() * 2, algorithm="HS256", headers={"kid": KEY_ID}
    )
    provider.id_token = lambda grant: forged  # type: ignore[method-assign]
    assert refused(finish(flow, query, begun.cookie)) == "bad_token"


@pytest.mark.parametrize(
    "audience",
    [
        "00000003-0000-0000-c000-000000000000",  # Microsoft Graph's: a token for another app
        ["00000003-0000-0000-c000-000000000000"],
        [CLIENT_ID, "00000003-0000-0000-c000-000000000000"],  # shared, without azp
    ],
)
def test_a_token_for_another_audience_is_refused(
    flow: OidcFlow, provider: FakeProvider, audience: str | list[str]
) -> None:
    provider.forge = Forgery(claims={"aud": audience})
    assert refused(sign_in(flow, provider)) == "bad_token"


def test_a_token_without_audience_is_refused(flow: OidcFlow, provider: FakeProvider) -> None:
    provider.forge = Forgery(leave_out=("aud",))
    assert refused(sign_in(flow, provider)) == "bad_token"


@pytest.mark.parametrize("issuer", ["https://login.microsoftonline.com/other-tenant/v2.0", None])
def test_a_token_of_another_issuer_is_refused(
    flow: OidcFlow, provider: FakeProvider, issuer: str | None
) -> None:
    provider.forge = (
        Forgery(leave_out=("iss",)) if issuer is None else Forgery(claims={"iss": issuer})
    )
    assert refused(sign_in(flow, provider)) == "bad_token"


def test_an_expired_token_is_refused(
    flow: OidcFlow, provider: FakeProvider, clock: FixedClock
) -> None:
    now = int(clock.now().timestamp())
    provider.forge = Forgery(claims={"iat": now - 3700, "nbf": now - 3700, "exp": now - 100})
    assert refused(sign_in(flow, provider)) == "bad_token"
    provider.forge = Forgery(leave_out=("exp",))
    assert refused(sign_in(flow, provider)) == "bad_token"
    # A clock a little behind the provider's is no reason to refuse.
    provider.forge = Forgery(claims={"iat": now + 30, "nbf": now + 30})
    assert isinstance(sign_in(flow, provider), Verified)


def test_an_unverified_email_is_refused(flow: OidcFlow, provider: FakeProvider) -> None:
    provider.user = provider.person(EMAIL, email_verified=False)
    assert refused(sign_in(flow, provider)) == "no_email"
    provider.user = provider.person(EMAIL, email_verified="false")
    assert refused(sign_in(flow, provider)) == "no_email"
    # Entra ID's own word that the tenant does not own the address's domain.
    provider.user = provider.person(EMAIL, xms_edov=False)
    assert refused(sign_in(flow, provider)) == "no_email"
    provider.user = provider.person(EMAIL, email_verified=True)
    assert isinstance(sign_in(flow, provider), Verified)


def test_without_email_entra_ids_user_principal_name_counts(
    flow: OidcFlow, provider: FakeProvider
) -> None:
    provider.user = provider.person(None, preferred_username="Rob.Jansen@Emmen.nl")
    assert sign_in(flow, provider) == Verified("rob.jansen@emmen.nl", "preferred_username", "/")
    provider.user = provider.person(None, upn="r.jansen@emmen.nl")
    assert sign_in(flow, provider) == Verified("r.jansen@emmen.nl", "upn", "/")


def test_without_email_a_name_from_another_tenant_or_provider_does_not_count(
    flow: OidcFlow, provider: FakeProvider
) -> None:
    provider.user = provider.person(None, tid="72f988bf-86f1-41af-91ab-2d7cd011db47")
    assert refused(sign_in(flow, provider)) == "no_email"
    # Keycloak and others: a preferred_username is a name people choose themselves.
    provider.user = provider.person(None, preferred_username="rob.jansen@emmen.nl")
    del provider.user["tid"]
    assert refused(sign_in(flow, provider)) == "no_email"
    provider.user = provider.person(None, preferred_username="robjansen")
    assert refused(sign_in(flow, provider)) == "no_email"


def test_an_error_from_the_provider_is_refused_with_its_code_only(
    flow: OidcFlow, provider: FakeProvider, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    provider.deny = "access_denied"
    assert sign_in(flow, provider) == Refusal("denied", 400, code="access_denied")
    provider.deny = "consent_required"
    assert sign_in(flow, provider) == Refusal("provider_error", 400, code="consent_required")
    assert "rob.jansen" not in ours(caplog)
    assert "AADSTS50105" not in ours(caplog)
    assert provider.hits["token"] == 0


def test_an_answer_naming_another_issuer_is_refused(flow: OidcFlow, provider: FakeProvider) -> None:
    begun = begin(flow)
    query = back(provider, begun) | {"iss": "https://evil.example.org"}
    assert refused(finish(flow, query, begun.cookie)) == "bad_token"
    begun = begin(flow)
    query = back(provider, begun) | {"iss": provider.issuer}  # RFC 9207, as Keycloak sends it
    assert isinstance(finish(flow, query, begun.cookie), Verified)


def test_the_discovery_document_is_kept_for_a_day(
    flow: OidcFlow, provider: FakeProvider, clock: FixedClock
) -> None:
    for _ in range(3):
        assert isinstance(sign_in(flow, provider), Verified)
    assert (provider.hits["openid-configuration"], provider.hits["keys"]) == (1, 1)
    clock.advance(timedelta(hours=24))
    assert isinstance(sign_in(flow, provider), Verified)
    assert (provider.hits["openid-configuration"], provider.hits["keys"]) == (2, 2)


def test_a_discovery_document_that_cannot_be_fetched_again_is_kept(
    flow: OidcFlow, provider: FakeProvider, clock: FixedClock
) -> None:
    assert isinstance(sign_in(flow, provider), Verified)
    provider.discovery = {"issuer": "https://somewhere.else"}  # a broken document, for a while
    clock.advance(timedelta(hours=25))
    assert isinstance(sign_in(flow, provider), Verified)
    assert provider.hits["openid-configuration"] == 2
    provider.discovery = {}
    assert isinstance(sign_in(flow, provider), Verified)
    assert provider.hits["openid-configuration"] == 2  # not at every sign-in: in five minutes
    clock.advance(timedelta(minutes=5))
    assert isinstance(sign_in(flow, provider), Verified)
    assert provider.hits["openid-configuration"] == 3


def test_entra_ids_common_endpoint_is_refused_as_it_names_no_issuer_of_its_own(
    provider: FakeProvider, clock: FixedClock
) -> None:
    provider.discovery = {"issuer": f"{provider.base}/{{tenantid}}/v2.0"}
    flow = OidcFlow(settings_of(provider), PUBLIC_URL, clock, SIGNER)
    assert asyncio.run(flow.begin(None, "nl")) == Refusal("unavailable", 502)


@pytest.mark.parametrize(
    "change",
    [
        {"token_endpoint": "http://login.example.org/token"},  # http, and not on loopback
        {"id_token_signing_alg_values_supported": ["HS256"]},  # RS256 must be offered
        {"jwks_uri": None},
        {"token_endpoint_auth_methods_supported": ["private_key_jwt"]},
    ],
)
def test_a_discovery_document_that_cannot_work_is_refused(
    provider: FakeProvider, clock: FixedClock, change: dict[str, object]
) -> None:
    provider.discovery = change
    flow = OidcFlow(settings_of(provider), PUBLIC_URL, clock, SIGNER)
    assert asyncio.run(flow.begin(None, "nl")) == Refusal("unavailable", 502)


def test_a_provider_that_does_not_answer_is_unavailable(
    provider: FakeProvider, clock: FixedClock
) -> None:
    flow = OidcFlow(settings_of(provider), PUBLIC_URL, clock, SIGNER)
    begun = begin(flow)
    query = back(provider, begun)
    provider.stop()
    # The discovery document is kept, so only the token endpoint is missed.
    assert refused(finish(flow, query, begun.cookie)) == "unavailable"
    again = OidcFlow(flow.settings, PUBLIC_URL, clock, SIGNER)
    assert asyncio.run(again.begin(None, "nl")) == Refusal("unavailable", 502)


def test_a_wrong_client_secret_is_the_providers_refusal(
    provider: FakeProvider, clock: FixedClock
) -> None:
    flow = OidcFlow(settings_of(provider, client_secret="wrong"), PUBLIC_URL, clock, SIGNER)
    assert sign_in(flow, provider) == Refusal("provider_error", 400, code="invalid_client")


def test_no_log_line_names_the_person(
    flow: OidcFlow, provider: FakeProvider, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    assert isinstance(sign_in(flow, provider), Verified)
    provider.forge = Forgery(claims={"aud": "other"})
    assert refused(sign_in(flow, provider)) == "bad_token"
    provider.user = provider.person(EMAIL, email_verified=False)
    assert refused(sign_in(flow, provider)) == "no_email"
    text = ours(caplog).lower()
    assert "rob" not in text
    assert "emmen" not in text
    assert provider.user["sub"].lower() not in text
    assert provider.client_secret.lower() not in text
    assert "oidc: sign-in refused: bad_token (InvalidClaimError: aud)".lower() in text


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        (None, "/"),
        ("/p/boce", "/p/boce"),
        ("/mijn?x=1", "/mijn?x=1"),
        ("//evil.example.org/", "/"),
        ("/\\evil.example.org", "/"),
        ("https://evil.example.org/", "/"),
        ("p/boce", "/"),
        ("/p/boce\r\nSet-Cookie: x=1", "/"),
        ("/" + "a" * 600, "/"),
    ],
)
def test_only_a_path_on_this_site_is_where_a_sign_in_leads(given: str | None, kept: str) -> None:
    assert local_path(given) == kept
