"""Signing in through the organisation's own account, as a browser does it: the sign-in page's
button, the provider (a fake Entra ID tenant on loopback), and back; a session only when every
check passes, and a clear page in the deployment's language when one does not."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import timedelta
from http.cookies import SimpleCookie

import httpx2
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from bot.engine.opening import Register
from bot.web.oidc.oidc_pages import FAILURES
from config.oidc_settings import OidcSettings
from config.settings import Settings
from storage.db import transaction
from storage.models import AuditEntry, Person, WebSession
from tests.conftest import BOCE
from tests.fake_oidc import OTHER_KEY, FakeProvider, Forgery
from tests.web_app import PUBLIC_URL, WebWorld, make_web_world
from words.clock import FixedClock

DIRECTOR = "m.hoekstra@emmen.example"
COOKIE = "__Host-voortgang-oidc"
BACK = PUBLIC_URL + "/inloggen/oidc/terug"


@pytest.fixture
def provider(clock: FixedClock) -> Iterator[FakeProvider]:
    with FakeProvider(clock) as fake:
        fake.redirect_uris = {BACK}
        fake.user = fake.person("M.Hoekstra@Emmen.example", name="Marieke Hoekstra")
        yield fake


def with_oidc(
    settings: Settings, provider: FakeProvider, name: str | None = "Microsoft"
) -> Settings:
    oidc = OidcSettings(provider.issuer, provider.client_id, provider.client_secret, name)
    return dataclasses.replace(settings, oidc=oidc, public_url=PUBLIC_URL)


@pytest.fixture
def web(
    register: Register, clock: FixedClock, settings: Settings, provider: FakeProvider
) -> WebWorld:
    return make_web_world(register, clock, with_oidc(settings, provider), BOCE)


def to_provider(client: TestClient, back_to: str = "") -> httpx2.Response:
    answer = client.get("/inloggen/oidc" + (f"?terug={back_to}" if back_to else ""))
    assert answer.status_code == 303, answer.text
    return answer


def come_back(client: TestClient, provider: FakeProvider, sent: httpx2.Response) -> httpx2.Response:
    """The provider's page and its redirect back, followed as the browser follows it."""
    location = provider.answer(sent.headers["location"])
    assert location.startswith(BACK + "?")
    return client.get(location.removeprefix(PUBLIC_URL))


def sign_in(client: TestClient, provider: FakeProvider, back_to: str = "") -> httpx2.Response:
    return come_back(client, provider, to_provider(client, back_to))


def sessions_and_audit(web: WebWorld) -> tuple[int, int]:
    with web.register.sessions() as session:
        return (
            session.scalar(select(func.count()).select_from(WebSession)) or 0,
            session.scalar(select(func.count()).select_from(AuditEntry)) or 0,
        )


def test_the_sign_in_page_offers_the_organisations_account(web: WebWorld) -> None:
    page = web.client().get("/inloggen?terug=/p/boce")
    assert '<a class="button" href="/inloggen/oidc?terug=/p/boce">Inloggen met Microsoft</a>' in (
        page.text
    )


def test_without_a_name_the_button_says_the_organisation(
    register: Register, clock: FixedClock, settings: Settings, provider: FakeProvider
) -> None:
    web = make_web_world(register, clock, with_oidc(settings, provider, name=None), None)
    assert "Inloggen met je organisatie" in web.client().get("/inloggen").text


def test_a_sign_in_starts_a_session_for_the_person_with_that_address(
    web: WebWorld, provider: FakeProvider
) -> None:
    client = web.client()
    sent = to_provider(client, "/kies%3Fp%3Dboce")
    assert sent.headers["location"].startswith(provider.issuer.removesuffix("/v2.0"))
    cookie = SimpleCookie(sent.headers["set-cookie"])[COOKIE]
    assert cookie["httponly"] is True
    assert cookie["secure"] is True
    assert (cookie["samesite"], cookie["path"], cookie["max-age"]) == ("lax", "/", "600")
    answer = come_back(client, provider, sent)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/kies?p=boce"
    assert COOKIE not in client.cookies  # spent: deleted on the way back
    home = client.get("/")
    assert home.status_code == 200
    assert "Marieke Hoekstra" in home.text
    with web.register.sessions() as session:
        started = session.scalars(select(WebSession)).one()
        entry = session.scalars(select(AuditEntry)).one()
    assert (started.person_id, started.method) == (web.person_id("marieke-hoekstra"), "oidc")
    assert (entry.what, entry.actor, entry.detail) == (
        "signin",
        "Marieke Hoekstra",
        {"method": "oidc", "claim": "email"},
    )


def test_someone_signed_in_already_goes_where_they_were_going(web: WebWorld) -> None:
    client = web.signed_in("marieke-hoekstra")
    answer = client.get("/inloggen/oidc?terug=/p/boce")
    assert (answer.status_code, answer.headers["location"]) == (303, "/p/boce")


@pytest.mark.parametrize(
    ("forgery", "text"),
    [
        (Forgery(claims={"nonce": "another"}), "kon niet worden gecontroleerd"),
        (Forgery(key=OTHER_KEY), "kon niet worden gecontroleerd"),
        (Forgery(claims={"aud": "00000003-0000-0000-c000-000000000000"}), "kon niet worden"),
        (Forgery(claims={"iss": "https://login.microsoftonline.com/x/v2.0"}), "kon niet worden"),
        (Forgery(claims={"exp": 0}), "kon niet worden gecontroleerd"),
        (Forgery(claims={"email_verified": False}), "geen bevestigd e-mailadres"),
    ],
    ids=["nonce", "another key", "audience", "issuer", "expired", "email not verified"],
)
def test_a_token_that_fails_a_check_starts_no_session(
    web: WebWorld, provider: FakeProvider, forgery: Forgery, text: str
) -> None:
    provider.forge = forgery
    client = web.client()
    answer = sign_in(client, provider)
    assert answer.status_code == 403
    assert "Inloggen is niet gelukt" in answer.text
    assert text in answer.text
    assert web.site.session_cookie not in client.cookies
    assert sessions_and_audit(web) == (0, 0)


def test_a_token_expired_just_past_the_minute_allowed_for_clocks_starts_no_session(
    web: WebWorld, provider: FakeProvider, clock: FixedClock
) -> None:
    now = int(clock.now().timestamp())
    provider.forge = Forgery(claims={"iat": now - 3600, "exp": now - 61})
    assert sign_in(web.client(), provider).status_code == 403
    provider.forge = Forgery(claims={"iat": now - 3600, "exp": now - 59})
    assert sign_in(web.client(), provider).status_code == 303
    assert sessions_and_audit(web) == (1, 1)


def test_a_wrong_state_starts_no_session(web: WebWorld, provider: FakeProvider) -> None:
    client = web.client()
    location = provider.answer(to_provider(client).headers["location"])
    forged = location.replace("state=", "state=x", 1)
    answer = client.get(forged.removeprefix(PUBLIC_URL))
    assert answer.status_code == 400
    assert "in een ander browservenster begonnen" in answer.text
    assert provider.hits["token"] == 0
    assert sessions_and_audit(web) == (0, 0)


def test_an_answer_for_another_browser_starts_no_session(
    web: WebWorld, provider: FakeProvider
) -> None:
    """Login CSRF: an attacker's own answer, opened in the victim's browser."""
    attacker, victim = web.client(), web.client()
    location = provider.answer(to_provider(attacker).headers["location"])
    answer = victim.get(location.removeprefix(PUBLIC_URL))
    assert answer.status_code == 400
    assert sessions_and_audit(web) == (0, 0)


def test_a_replayed_answer_starts_no_second_session(web: WebWorld, provider: FakeProvider) -> None:
    client = web.client()
    sent = to_provider(client)
    state_cookie = client.cookies[COOKIE]
    location = provider.answer(sent.headers["location"]).removeprefix(PUBLIC_URL)
    assert client.get(location).status_code == 303
    replay = web.client()
    replay.cookies.set(COOKIE, state_cookie)
    answer = replay.get(location)
    assert answer.status_code == 400
    assert "al gebruikt" in answer.text
    assert sessions_and_audit(web) == (1, 1)
    # Without its cookie (the browser deleted it), the same address is just stale.
    assert web.client().get(location).status_code == 400


def test_an_unknown_address_is_told_and_starts_no_session(
    web: WebWorld, provider: FakeProvider
) -> None:
    provider.user = provider.person("<b>nobody</b>@emmen.example")
    answer = sign_in(web.client(), provider)
    assert answer.status_code == 403
    assert "als &lt;b&gt;nobody&lt;/b&gt;@emmen.example, maar met dat adres doet niemand" in (
        answer.text
    )
    assert sessions_and_audit(web) == (0, 0)


def test_someone_in_no_programme_starts_no_session(web: WebWorld, provider: FakeProvider) -> None:
    """Only people who take part in a programme sign in, as only they are sent links."""
    with transaction(web.register.sessions) as session:
        session.add(Person(name="Oud Lid", email="oud.lid@emmen.example"))
    provider.user = provider.person("oud.lid@emmen.example")
    answer = sign_in(web.client(), provider)
    assert answer.status_code == 403
    assert "oud.lid@emmen.example, maar met dat adres doet niemand" in answer.text
    assert sessions_and_audit(web) == (0, 0)


def test_an_error_from_the_provider_shows_its_code_and_nothing_it_wrote(
    web: WebWorld, provider: FakeProvider
) -> None:
    provider.deny = "access_denied"
    answer = sign_in(web.client(), provider)
    assert answer.status_code == 400
    assert "afgebroken of geweigerd" in answer.text
    assert "AADSTS" not in answer.text
    provider.deny = "temporarily_unavailable"
    answer = sign_in(web.client(), provider)
    assert "Foutcode: temporarily_unavailable" in answer.text
    assert "AADSTS" not in answer.text
    assert sessions_and_audit(web) == (0, 0)


def test_a_provider_that_cannot_be_reached_is_said_so(
    web: WebWorld, provider: FakeProvider
) -> None:
    provider.stop()
    answer = web.client().get("/inloggen/oidc")
    assert answer.status_code == 502
    assert "Inloggen met Microsoft lukt nu niet" in answer.text
    assert COOKIE not in answer.headers.get("set-cookie", "")


def test_the_pages_speak_the_deployments_language(
    register: Register, clock: FixedClock, settings: Settings, provider: FakeProvider
) -> None:
    english = dataclasses.replace(with_oidc(settings, provider), language="en")
    web = make_web_world(register, clock, english, BOCE)
    provider.forge = Forgery(claims={"aud": "another"})
    answer = sign_in(web.client(), provider)
    assert "Signing in did not work" in answer.text
    assert '<html lang="en">' in answer.text


def test_a_sign_in_left_for_ten_minutes_starts_no_session(
    web: WebWorld, provider: FakeProvider, clock: FixedClock
) -> None:
    client = web.client()
    location = provider.answer(to_provider(client).headers["location"])
    clock.advance(timedelta(minutes=10, seconds=1))
    assert client.get(location.removeprefix(PUBLIC_URL)).status_code == 400
    assert sessions_and_audit(web) == (0, 0)


def test_without_oidc_settings_there_is_no_button_and_no_address(web_plain: WebWorld) -> None:
    client = web_plain.client()
    assert "/inloggen/oidc" not in client.get("/inloggen").text
    assert client.get("/inloggen/oidc").status_code == 404
    assert client.get("/inloggen/oidc/terug?code=x&state=y").status_code == 404


@pytest.fixture
def web_plain(register: Register, clock: FixedClock, settings: Settings) -> WebWorld:
    return make_web_world(register, clock, settings, None)


def fail_once(web: WebWorld, provider: FakeProvider) -> None:
    """A return with a forged state: refused before the provider is asked anything."""
    client = web.client()
    location = provider.answer(to_provider(client).headers["location"])
    forged = location.replace("state=", "state=x", 1).removeprefix(PUBLIC_URL)
    assert client.get(forged).status_code == 400


def test_after_too_many_failures_from_one_client_the_provider_is_not_asked(
    web: WebWorld, provider: FakeProvider, clock: FixedClock
) -> None:
    for _ in range(FAILURES):
        fail_once(web, provider)
    # A correct answer now is refused too, before the code is exchanged at the provider.
    answer = sign_in(web.client(), provider)
    assert answer.status_code == 429
    assert answer.headers["retry-after"] == "3600"
    assert "te vaak mislukt" in answer.text
    assert provider.hits["token"] == 0
    assert sessions_and_audit(web) == (0, 0)
    # The refusals past the limit are not counted: an hour after the failures it works.
    clock.advance(timedelta(hours=1, seconds=1))
    assert sign_in(web.client(), provider).status_code == 303
    assert sessions_and_audit(web) == (1, 1)


def test_sign_ins_that_succeed_are_not_counted(web: WebWorld, provider: FakeProvider) -> None:
    # An office signs in from one address: its people are not held to the failures' limit.
    for _ in range(FAILURES - 1):
        fail_once(web, provider)
    for _ in range(3):
        assert sign_in(web.client(), provider).status_code == 303
    fail_once(web, provider)  # the limit's last failure
    assert sign_in(web.client(), provider).status_code == 429
    assert sessions_and_audit(web) == (3, 3)
