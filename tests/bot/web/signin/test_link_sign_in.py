"""Signing in by a one-time link: the form, the message, the button, the session; and what an
attacker would try (a link twice, a forged cookie, a form from elsewhere, too many asks)."""

from __future__ import annotations

from sqlalchemy import func, select

from storage.db import transaction
from storage.models import AuditEntry, LinkToken, OutboxMessage, TokenPurpose, WebSession
from storage.outbox import message_of
from tests.web_app import PUBLIC_URL, WebWorld, csrf_of

DIRECTOR = "m.hoekstra@emmen.example"


def test_signed_out_visitors_are_sent_to_sign_in_and_brought_back(web: WebWorld) -> None:
    client = web.client()
    answer = client.get("/kies?p=boce&x=1")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/inloggen?terug=/kies%3Fp%3Dboce%26x%3D1"


def test_a_link_signs_in_once_and_the_home_page_lists_the_programmes(web: WebWorld) -> None:
    client = web.sign_in_by_link(web.client(), DIRECTOR)
    home = client.get("/")
    assert home.status_code == 200
    assert "Marieke Hoekstra" in home.text
    assert 'href="/p/boce"' in home.text
    assert "programmaregisseur" in home.text
    with web.register.sessions() as session:
        assert session.scalar(select(func.count()).select_from(WebSession)) == 1
        entry = session.scalars(select(AuditEntry)).one()
        assert (entry.what, entry.actor) == ("signin", "Marieke Hoekstra")
        spent = session.scalar(
            select(func.count())
            .select_from(LinkToken)
            .where(LinkToken.purpose == TokenPurpose.SIGN_IN, LinkToken.spent_at.is_not(None))
        )
    assert spent == 1


def test_opening_the_link_spends_nothing_and_a_second_press_is_refused(web: WebWorld) -> None:
    client = web.client()
    page = client.get("/inloggen")
    client.post("/inloggen", data={"email": DIRECTOR, "csrf": csrf_of(page.text)})
    link = web.sign_in_link(DIRECTOR)
    assert link is not None
    assert link.startswith(PUBLIC_URL + "/inloggen/link/")
    path = link.removeprefix(PUBLIC_URL)
    for _ in range(3):  # a mail scanner opening it, then the person
        confirm = client.get(path)
        assert confirm.status_code == 200
        assert "Log in als Marieke Hoekstra" in confirm.text
    first = client.post(path, data={"csrf": csrf_of(confirm.text)})
    assert first.status_code == 303
    again = web.client()
    again_page = again.get("/inloggen")
    second = again.post(path, data={"csrf": csrf_of(again_page.text)})
    assert second.status_code == 410
    assert web.site.session_cookie not in second.cookies


def test_the_same_answer_for_a_known_and_an_unknown_address(web: WebWorld) -> None:
    client = web.client()
    token = csrf_of(client.get("/inloggen").text)
    known = client.post("/inloggen", data={"email": DIRECTOR, "csrf": token})
    unknown = client.post("/inloggen", data={"email": "nobody@example.org", "csrf": token})
    assert known.status_code == unknown.status_code == 200
    assert known.text.replace(DIRECTOR, "X") == unknown.text.replace("nobody@example.org", "X")
    with web.register.sessions() as session:
        rows = session.scalars(select(OutboxMessage)).all()
    signs_in = [r for r in rows if (m := message_of(r)) is not None and m.signs_in]
    assert len(signs_in) == 1
    # The outbox holds no usable link: the sender makes it as it delivers.
    assert "/inloggen/link/" not in str(signs_in[0].payload)


def test_asking_without_the_form_token_changes_nothing(web: WebWorld) -> None:
    client = web.client()
    answer = client.post("/inloggen", data={"email": DIRECTOR})
    assert answer.status_code == 403
    with web.register.sessions() as session:
        assert session.scalar(select(func.count()).select_from(OutboxMessage)) == 0


def test_a_bad_address_is_answered_at_its_field(web: WebWorld) -> None:
    client = web.client()
    token = csrf_of(client.get("/inloggen").text)
    answer = client.post("/inloggen", data={"email": "<b>geen adres", "csrf": token})
    assert answer.status_code == 422
    assert 'aria-invalid="true"' in answer.text
    assert "&lt;b&gt;geen adres" in answer.text


def test_too_many_asks_for_one_address_are_refused(web: WebWorld) -> None:
    client = web.client()
    token = csrf_of(client.get("/inloggen").text)
    codes = [
        client.post("/inloggen", data={"email": DIRECTOR, "csrf": token}).status_code
        for _ in range(7)
    ]
    assert codes == [200] * 5 + [429] * 2
    # Counting asks changes no page: the dashboards' kept read models stay (anyone can ask,
    # and must not make every dashboard be computed again).
    assert web.site.recent.generation == 0
    with web.register.sessions() as session:
        rows = session.scalars(select(OutboxMessage)).all()
    assert len([r for r in rows if (m := message_of(r)) is not None and m.signs_in]) == 5


def test_a_forged_or_ended_session_cookie_is_nobody(web: WebWorld) -> None:
    client = web.client()
    client.cookies.set(web.site.session_cookie, "made-up.token")
    assert client.get("/").status_code == 303
    signed = web.signed_in("marieke-hoekstra")
    assert signed.get("/").status_code == 200
    token = csrf_of(signed.get("/").text)
    out = signed.post("/uitloggen", data={"csrf": token})
    assert out.status_code == 200
    with transaction(web.register.sessions) as session:
        assert session.scalar(select(WebSession.ended_at)) is not None


def test_every_page_carries_the_security_headers(web: WebWorld) -> None:
    answer = web.client().get("/inloggen")
    csp = answer.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp
    assert "script" not in csp
    assert answer.headers["x-content-type-options"] == "nosniff"
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie
    assert "Secure" in cookie
    assert "samesite=lax" in cookie.lower()
    assert cookie.startswith("__Host-")


def test_text_that_is_not_ascii_in_a_cookie_or_a_form_is_refused_not_a_crash(
    web: WebWorld,
) -> None:
    # As a browser sends them: the header's bytes, which the server reads as Latin-1.
    forged = f"{web.site.session_cookie}=tökén.sïgnàtüré".encode("latin-1")
    assert web.client().get("/", headers={b"cookie": forged}).status_code == 303
    signed = web.signed_in("marieke-hoekstra")
    assert signed.post("/uitloggen", data={"csrf": "é€"}).status_code == 403
    anonymous = web.client()
    anonymous.get("/inloggen")
    assert anonymous.post("/inloggen", data={"email": DIRECTOR, "csrf": "ünï"}).status_code == 403
